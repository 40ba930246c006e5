import { mkdirSync, writeFileSync } from 'node:fs';
import { createDb, type Db } from '@jyxc/db';
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
import { freePort, REPO_ROOT, startProduct, tempDir, type RunningProduct } from './product.js';

/**
 * DESIGN §3.2 in a real browser: the console's detail page is the opening the server records,
 * and the three ways a township head approves are classified as the API tests classify them.
 */

const TOWNSHIP = '城关镇中心校';
const OFFICER = 'cg_xxy';
const HEAD = 'cg_head';
const ADMIN = 'admin';
const RUN = Date.now().toString(36);

interface Detail {
  id: string;
  version: number;
  signOffs: { edited: boolean; comment: string | null; durationSeconds: number | null }[];
}

interface UnitRow {
  unitId: string;
  name: string;
  approvals: number;
  reviewDepth: number | null;
  rubberStamped: number;
  medianMinutesToApprove: number | null;
}

describe('review depth in the console (DESIGN §3.2)', () => {
  let product: RunningProduct;
  let browser: Browser;
  let db: Db;

  /**
   * The test's clock: `ms` pass for the openings already recorded (the server's record of when
   * each reviewer opened the full item moves back), instead of the run waiting for real.
   */
  async function elapse(ms: number): Promise<void> {
    const openings = await db.reviewOpening.findMany();
    for (const o of openings) {
      await db.reviewOpening.update({
        where: { id: o.id },
        data: { openedAt: new Date(o.openedAt.getTime() - ms) },
      });
    }
  }
  const opened: WatchedPage[] = [];

  async function as(username: string): Promise<Page> {
    const watched = await openPage(browser);
    opened.push(watched);
    await watched.page.goto(product.url);
    await login(watched.page, product.url, username);
    return watched.page;
  }

  async function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
    const response = await page.request.fetch(new URL(path, product.url).href, {
      method,
      headers: { 'content-type': 'application/json', origin: new URL(product.url).origin },
      ...(body === undefined ? {} : { data: JSON.stringify(body) }),
    });
    expect(response.status(), await response.text()).toBeLessThan(300);
    return (await response.json()) as T;
  }

  async function township(page: Page): Promise<UnitRow> {
    const e = await api<{ units: UnitRow[] }>(page, 'GET', 'api/evaluation');
    const row = e.units.find((u) => u.name === TOWNSHIP);
    if (row === undefined) throw new Error('the township is evaluated');
    return row;
  }

  const deep = (u: UnitRow) => Math.round((u.reviewDepth ?? 0) * u.approvals);

  beforeAll(async () => {
    const dataDir = tempDir('jyxc-depth-');
    const databaseUrl = `file:${join(dataDir, 'jyxc.db')}`;
    product = await startProduct({
      PORT: String(await freePort()),
      DATABASE_URL: databaseUrl,
    });
    db = createDb(databaseUrl);
    browser = await launchBrowser();
  }, 600_000);

  afterAll(async () => {
    for (const w of opened) await w.context.close().catch(() => undefined);
    await db?.$disconnect();
    await browser?.close();
    await product?.stop();
  });

  it('classifies a 30-second stamp, a “同意” after three minutes and an edit as the API does', async () => {
    const officer = await as(OFFICER);
    const write = async (title: string) => {
      const item = await api<Detail>(officer, 'POST', 'api/submissions', {
        title: `${title}（${RUN}）`,
        body: `${title}。全镇师生参加，活动取得良好效果。`,
        category: 'activity',
        eventAt: new Date(Date.now() - 3_600_000).toISOString(),
      });
      await api(officer, 'POST', `api/submissions/${item.id}/submit`, {});
      return item.id;
    };
    const stamped = await write('城关镇中心校开展读书分享会');
    const agreed = await write('城关镇中心校开展经典诵读');
    const edited = await write('城关镇中心校开展趣味运动会');

    const head = await as(HEAD);
    const before = await township(head);
    const approveUnchanged = async (comment: string | null) => {
      await head.locator('[data-test="action-approve"]').click();
      await head
        .locator('[data-test="approve-no-change"] input, input[data-test="approve-no-change"]')
        .first()
        .check({ force: true });
      // The hint is shown, and it does not stop the approval.
      await head.locator('[data-test="approve-rubber-stamp-hint"]').waitFor();
      if (comment !== null) await fill(head, 'approve-comment', comment);
      await head.locator('[data-test="approve-confirm"]').click();
      await expect
        .poll(async () =>
          `${await head.locator('[data-test="submission-state"]').innerText()} ${(await head.locator('.el-message, .el-form-item__error').allInnerTexts()).join(' ')}`.trim(),
        )
        .toMatch(/^宣传股审核中/);
    };

    await head.goto(new URL(`submissions/${stamped}`, product.url).href);
    await settle(head);
    await approveUnchanged(null);

    await head.goto(new URL(`submissions/${edited}`, product.url).href);
    await settle(head);
    await head.locator('[data-test="action-approve"]').click();
    await head
      .locator('[data-test="approve-body"]')
      .locator('xpath=self::textarea | .//textarea')
      .first()
      .fill('城关镇中心校开展趣味运动会。全镇师生六百余人参加，设拔河、接力等八个项目。');
    await head.locator('[data-test="approve-confirm"]').click();
    await expect
      .poll(() => head.locator('[data-test="submission-state"]').innerText())
      .toBe('宣传股审核中');

    // The agreed item is opened, three minutes pass on the test's clock, and it is approved.
    await head.goto(new URL(`submissions/${agreed}`, product.url).href);
    await settle(head);
    await elapse(3 * 60_000);
    await approveUnchanged('同意');

    const admin = await as(ADMIN);
    const signOff = async (id: string) =>
      (await api<Detail>(admin, 'GET', `api/submissions/${id}`)).signOffs.at(-1);
    const a = await signOff(stamped);
    expect(a?.edited).toBe(false);
    expect(a?.durationSeconds).toBeLessThan(30);
    const b = await signOff(agreed);
    expect(b).toMatchObject({ edited: false, comment: '同意' });
    expect(b?.durationSeconds).toBeGreaterThanOrEqual(180);
    expect((await signOff(edited))?.edited).toBe(true);

    const after = await township(admin);
    expect(after.approvals).toBe(before.approvals + 3);
    expect(after.rubberStamped).toBe(before.rubberStamped + 1);
    expect(deep(after)).toBe(deep(before) + 1);
  }, 240_000);

  it('shows the bulletin’s review table per unit, and the figures of the demo county', async () => {
    const page = await as(ADMIN);
    await page.goto(new URL('evaluation/bulletins', product.url).href);
    await settle(page);
    await page.locator('[data-test="generate-bulletin"]').click();
    await page.waitForURL(/\/evaluation\/bulletins\/[^/]+$/);
    await settle(page);
    const table = page.locator('[data-test="bulletin-review"]');
    await expect(table.innerText()).resolves.toContain(TOWNSHIP);
    await expect(table.innerText()).resolves.toContain('打开到通过');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await table.screenshot({ path: join(SCREENSHOTS, 'zh-CN-bulletin-review-table.png') });

    // The figures per unit, kept beside the screenshot for whoever reads the run.
    const e = await api<{ units: UnitRow[] }>(page, 'GET', 'api/evaluation');
    const lines = e.units.map(
      (u) =>
        `${u.name}\t${u.approvals}\t${u.reviewDepth === null ? '—' : `${Math.round(u.reviewDepth * 100)}%`}\t${u.rubberStamped}\t${u.medianMinutesToApprove === null ? '—' : u.medianMinutesToApprove.toFixed(1)}`,
    );
    writeFileSync(
      join(REPO_ROOT, 'artifacts/review-depth.tsv'),
      `单位\t审核次数\t审核深度\t走过场\t打开到通过中位数（分钟）\n${lines.join('\n')}\n`,
    );
    const careful = e.units.find((u) => u.name === '柳林镇中心校');
    const hasty = e.units.find((u) => u.name === '马集镇中心校');
    expect(careful?.reviewDepth ?? 0).toBeGreaterThan(hasty?.reviewDepth ?? 1);
    expect(hasty?.rubberStamped ?? 0).toBeGreaterThan(careful?.rubberStamped ?? 0);
  });

  it('shows the head each reviewer’s figures on the unit’s page, and not the deputy', async () => {
    const head = await as(HEAD);
    await head.goto(new URL('units', product.url).href);
    await settle(head);
    const card = head.locator('[data-test="reviewer-depth"]');
    await card.waitFor();
    await expect.poll(() => card.locator('.el-table__body tr').count()).toBeGreaterThan(1);
    const text = await card.innerText();
    expect(text).toContain('走过场');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await card.screenshot({ path: join(SCREENSHOTS, 'zh-CN-unit-reviewers.png') });
    await head.screenshot({ path: join(SCREENSHOTS, 'zh-CN-unit-page-head.png'), fullPage: true });

    const deputy = await as('cg_fg');
    await deputy.goto(new URL('units', product.url).href);
    await settle(deputy);
    await deputy.locator('[data-test="unit-detail"]').waitFor();
    expect(await deputy.locator('[data-test="reviewer-depth"]').count()).toBe(0);
  }, 120_000);
});
