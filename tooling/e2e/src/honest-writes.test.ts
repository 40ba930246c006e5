import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PNG_BYTES,
  fill,
  launchBrowser,
  login,
  openPage,
  screenshot,
  settle,
  type WatchedPage,
} from './browser.js';
import { freePort, startProduct, tempDir, type RunningProduct } from './product.js';

/**
 * DESIGN §6, honest writes: what the console says happened is what happened. A photo that
 * fails to upload leaves one draft that the next try completes; 确定提交吗 is asked only of a
 * valid form; the unit's reviewer sees what the bureau asked for after the item comes back.
 */
describe('honest writes in the console', () => {
  let product: RunningProduct;
  let browser: Browser;
  const opened: WatchedPage[] = [];

  async function as(username: string): Promise<Page> {
    const watched = await openPage(browser, 1280, 800);
    opened.push(watched);
    await watched.page.goto(product.url);
    await login(watched.page, product.url, username);
    return watched.page;
  }

  async function api<T>(page: Page, method: string, path: string, data?: unknown): Promise<T> {
    const response = await page.request.fetch(new URL(`api${path}`, product.url).href, {
      method,
      ...(data === undefined ? {} : { data }),
    });
    expect(response.status(), `${method} ${path}`).toBeLessThan(400);
    return (await response.json()) as T;
  }

  async function keep(page: Page, name: string): Promise<void> {
    const file = await screenshot(page, name);
    mkdirSync('/work/notes', { recursive: true });
    copyFileSync(file, join('/work/notes', `${name}.png`));
  }

  beforeAll(async () => {
    const dataDir = tempDir('jyxc-honest-');
    product = await startProduct({
      PORT: String(await freePort()),
      DATABASE_URL: `file:${join(dataDir, 'jyxc.db')}`,
    });
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    for (const w of opened) await w.context.close().catch(() => undefined);
    await browser?.close();
    await product?.stop();
  });

  it('asks 确定提交吗 only once the form is valid', async () => {
    const page = await as('cg_xxy');
    await page.goto(new URL('submissions/new', product.url).href);
    await settle(page);
    await page.locator('[data-test="editor-submit"]').click();
    await page.waitForTimeout(500);
    await expect(page.locator('.el-message-box').isVisible()).resolves.toBe(false);
    await expect(page.locator('.el-form-item.is-error').count()).resolves.toBeGreaterThan(0);
    await fill(page, 'editor-title', '城关镇中心校召开秋季家长会');
    await fill(page, 'editor-body', '11月20日，城关镇中心校召开秋季家长会，300余名家长参加。');
    await page.locator('[data-test="editor-submit"]').click();
    await expect(page.locator('.el-message-box').waitFor()).resolves.toBeUndefined();
  });

  it('a failed photo upload leaves one draft, completed by the next try', async () => {
    const page = await as('cg_xxy');
    const title = `城关镇中心校开展冬季消防演练（${Date.now().toString(36)}）`;
    await page.goto(new URL('submissions/new', product.url).href);
    await settle(page);
    await fill(page, 'editor-title', title);
    await fill(page, 'editor-body', '12月1日，城关镇中心校开展冬季消防演练，全体师生参加。');
    await page
      .locator('[data-test="editor-photos"] input[type=file]')
      .setInputFiles({ name: 'drill.png', mimeType: 'image/png', buffer: PNG_BYTES });
    let failed = 0;
    await page.route('**/api/submissions/*/attachments*', async (route) => {
      failed += 1;
      await route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'DB.UNREACHABLE', message: '数据库无法连接' } }),
      });
    });
    await page.locator('[data-test="editor-save"]').click();
    await page.locator('[data-test="upload-failed"]').waitFor();
    expect(failed).toBe(1);
    await keep(page, 'console2-upload-failed');
    const drafts = async () =>
      (
        await api<{ items: { id: string; title: string }[] }>(
          page,
          'GET',
          `/submissions?q=${encodeURIComponent(title)}`,
        )
      ).items.filter((i) => i.title === title);
    expect(await drafts()).toHaveLength(1);
    // A reload keeps the same draft: the address is the draft's own.
    expect(page.url()).toMatch(/\/submissions\/[^/]+\/edit$/);

    await page.unroute('**/api/submissions/*/attachments*');
    await page.locator('[data-test="editor-save"]').click();
    await page.locator('.el-message--success').first().waitFor();
    await page.waitForURL(/\/submissions\/[^/]+$/);
    const [only] = await drafts();
    expect(await drafts()).toHaveLength(1);
    const detail = await api<{ attachments: unknown[] }>(page, 'GET', `/submissions/${only?.id}`);
    expect(detail.attachments).toHaveLength(1);
  });

  it('the unit head sees the bureau’s return reason after the item is sent again', async () => {
    const officer = await as('cg_xxy');
    const head = await as('cg_head');
    const reviewer = await as('shenhe');
    const item = await api<{ id: string }>(officer, 'POST', '/submissions', {
      title: `城关镇中心校举办教师书法比赛（${Date.now().toString(36)}）`,
      body: '11月28日，城关镇中心校举办教师书法比赛，42名教师参加。',
      category: 'activity',
      eventAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    await api(officer, 'POST', `/submissions/${item.id}/submit`, {});
    await api(head, 'POST', `/submissions/${item.id}/approve`, {
      noChange: true,
      comment: '已核对参赛人数和获奖名单',
    });
    const reason = '请补充获奖教师名单和现场照片';
    await api(reviewer, 'POST', `/submissions/${item.id}/return`, { reason });
    await api(officer, 'POST', `/submissions/${item.id}/submit`, {});

    await head.goto(new URL(`submissions/${item.id}`, product.url).href);
    await settle(head);
    await expect(head.locator('[data-test="bureau-return"]').innerText()).resolves.toContain(
      reason,
    );
    // Back with the unit: no 报局时间, only the first arrival, which sets the period.
    await expect(head.getByText('报局时间', { exact: true }).count()).resolves.toBe(0);
    await expect(head.getByText('首次报局时间（计期次和时效）').count()).resolves.toBe(1);
    await keep(head, 'console2-bureau-return');
  });
});
