import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SCREENSHOTS,
  fill,
  launchBrowser,
  login,
  openPage,
  settle,
  type WatchedPage,
} from './browser.js';
import { freePort, startProduct, tempDir, type RunningProduct } from './product.js';

/**
 * DESIGN §3.4 in a real browser: a bureau admin changes a number of the scheme, sees which
 * units it moves before anything is saved, confirms, and the evaluation follows.
 */

interface Line {
  period: string;
  unitId: string;
  unitName: string;
  before: { score: number; rank: number | null; status: string };
  after: { score: number; rank: number | null; status: string };
}
interface Effect {
  periods: { key: string; label: string }[];
  changes: Line[];
}
interface UnitRow {
  unitId: string;
  score: number;
  rank: number | null;
  status: string;
}

describe('the scheme editor previews a change before saving it (DESIGN §3.4)', () => {
  let product: RunningProduct;
  let browser: Browser;
  let watched: WatchedPage;

  async function api<T>(page: Page, path: string): Promise<T> {
    const response = await page.request.get(new URL(path, product.url).href);
    expect(response.status(), await response.text()).toBe(200);
    return (await response.json()) as T;
  }

  beforeAll(async () => {
    const dataDir = tempDir('jyxc-scheme-');
    product = await startProduct({
      PORT: String(await freePort()),
      DATABASE_URL: `file:${join(dataDir, 'jyxc.db')}`,
    });
    browser = await launchBrowser();
    watched = await openPage(browser, 1280, 900);
    await watched.page.goto(product.url);
    await login(watched.page, product.url, 'admin');
    // The console asks who is signed in before the login (401); only what follows counts.
    watched.errors.length = 0;
  }, 600_000);

  afterAll(async () => {
    await watched?.context.close().catch(() => undefined);
    await browser?.close();
    await product?.stop();
  });

  it('shows the units a changed number moves, saves on 确认保存, and the evaluation follows', async () => {
    const page = watched.page;
    await page.goto(new URL('evaluation/scheme', product.url).href);
    await page.locator('[data-test="scheme-editor"]').waitFor();
    await settle(page);
    const year = new Date().getFullYear();
    const before = await api<{ version: number }>(page, `api/schemes/${year}`);

    // A negative deadline is caught in the form, named in Chinese, and nothing is sent.
    await fill(page, 'field-incidentDeadlineHours.major.report', '-1');
    await page.locator('[data-test="save-scheme"]').click();
    await expect
      .poll(() => page.locator('[data-path="incidentDeadlineHours.major.report"]').innerText())
      .toContain('重大舆情的报告时限');
    expect(await page.locator('[data-test="scheme-preview"] .el-dialog').count()).toBe(0);
    await fill(page, 'field-incidentDeadlineHours.major.report', '0.5');

    // A city paper's adoption worth 12 points instead of 4.
    await fill(page, 'field-levels.city', '12');
    const previewed = page.waitForResponse(
      (r) => r.url().endsWith(`/api/schemes/${year}/preview`) && r.request().method() === 'POST',
    );
    await page.locator('[data-test="save-scheme"]').click();
    const effect = (await (await previewed).json()) as Effect;
    const dialog = page.locator('.el-dialog', { hasText: '保存前确认' });
    await dialog.waitFor();
    const table = dialog.locator('[data-test="scheme-preview-table"]');
    await table.waitFor();
    await settle(page);

    expect(effect.changes.length).toBeGreaterThan(0);
    const first = effect.changes[0]!;
    expect(await table.innerText()).toContain(first.unitName);
    expect(first.after.score).toBeGreaterThan(first.before.score);
    // Nothing saved yet.
    expect((await api<{ version: number }>(page, `api/schemes/${year}`)).version).toBe(
      before.version,
    );

    mkdirSync(SCREENSHOTS, { recursive: true });
    const shot = join(SCREENSHOTS, 'zh-CN-scheme-preview.png');
    await dialog.screenshot({ path: shot });

    await dialog.getByRole('button', { name: '确认保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await settle(page);
    const saved = await api<{ version: number; scheme: { levels: { city: number } } }>(
      page,
      `api/schemes/${year}`,
    );
    expect(saved.scheme.levels.city).toBe(12);

    // Every unit the preview named now stands where it said, in each period.
    for (const period of effect.periods) {
      const evaluation = await api<{ units: UnitRow[] }>(
        page,
        `api/evaluation?period=${period.key}`,
      );
      for (const line of effect.changes.filter((c) => c.period === period.key)) {
        const unit = evaluation.units.find((u) => u.unitId === line.unitId);
        expect(unit?.score).toBeCloseTo(line.after.score, 6);
        expect([unit?.rank, unit?.status]).toEqual([line.after.rank, line.after.status]);
      }
    }
    expect(watched.errors).toEqual([]);
  });
});
