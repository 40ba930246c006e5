import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, login, openPage, screenshot, type WatchedPage } from './browser.js';
import {
  measureAction,
  measureNavigation,
  observeLongTasks,
  openConsole,
  type PageTiming,
} from './page-timing.js';
import { freePort, startProduct, tempDir, type RunningProduct } from './product.js';

/**
 * Issue 17, fast pages: the three pages that froze the tab on the demo county (报刊征订 at about
 * 11,000 elements for about 3 s, 单位与人员 and 考评结果 for about 0.7 s) stay small and answer
 * soon after their data, as the bureau admin sees them. What is asserted is mostly what is
 * rendered (elements, rows, panes not yet opened, calendars and dropdowns not yet built), which
 * does not depend on how busy the machine is; the time is bounded generously, at six times the
 * 500 ms target, so that a shared machine does not fail it while a freeze like the old one does.
 */
const BOUND_MS = 6 * 500;

describe('the formerly slow console pages', () => {
  let product: RunningProduct;
  let browser: Browser;
  let watched: WatchedPage;
  let page: Page;

  beforeAll(async () => {
    const dataDir = tempDir('jyxc-fast-pages-');
    product = await startProduct({
      PORT: String(await freePort()),
      DATABASE_URL: `file:${join(dataDir, 'jyxc.db')}`,
    });
    browser = await launchBrowser();
    watched = await openPage(browser, 1280, 800);
    page = watched.page;
    await observeLongTasks(watched.context);
    await page.goto(product.url);
    await login(page, product.url, 'admin');
    await openConsole(page, new URL('notifications', product.url).href);
    // The 401s of the first visit, before logging in, are expected.
    watched.errors.length = 0;
  }, 300_000);

  afterAll(async () => {
    await watched?.context.close().catch(() => undefined);
    await browser?.close();
    await product?.stop();
  });

  async function api<T>(path: string): Promise<T> {
    const response = await page.request.get(new URL(`api${path}`, product.url).href);
    expect(response.ok()).toBe(true);
    return (await response.json()) as T;
  }
  const count = (selector: string) => page.locator(selector).count();

  async function keep(name: string): Promise<void> {
    const file = await screenshot(page, `fast-pages-${name}`);
    mkdirSync('/work/notes', { recursive: true });
    copyFileSync(file, join('/work/notes', `fastpages-${name}.png`));
  }

  /**
   * Opens `path` until it is interactive within the bound, at most three times (the best of
   * several, as the benchmark keeps, since a shared machine can stall any single run).
   */
  async function open(path: string): Promise<PageTiming> {
    let timing = await measureNavigation(page, path);
    for (let retry = 0; retry < 2 && timing.interactiveMs >= BOUND_MS; retry++) {
      await measureNavigation(page, '/notifications');
      timing = await measureNavigation(page, path);
    }
    return timing;
  }

  function report(timing: PageTiming): void {
    console.log(
      `${timing.path}: interactive ${Math.round(timing.interactiveMs)} ms after its data, ` +
        `${Math.round(timing.blockingMs)} ms of long tasks, ${timing.domNodes} elements`,
    );
  }

  it('报刊征订 renders only the progress tab, and each other tab when it is opened', async () => {
    const campaigns = await api<{ items: { id: string }[] }>('/campaigns?pageSize=50');
    const campaign = await api<{ metrics: { units: unknown[] } }>(
      `/campaigns/${campaigns.items[0]?.id ?? ''}`,
    );
    const units = campaign.metrics.units.length;
    expect(units).toBeGreaterThan(20);

    const opened = await open('/campaigns');
    report(opened);
    await keep('campaigns');
    expect(opened.domNodes).toBeLessThan(3_000);
    expect(opened.interactiveMs).toBeLessThan(BOUND_MS);
    // Every unit's progress row is there (the row actions are compared in actions.test.ts) …
    expect(await count('#pane-progress .el-table__body tr')).toBe(units);
    // … and nothing of the tabs not opened, nor a calendar or a dropdown's options.
    expect(await count('[data-test="catalogue"], [data-test="targets-editor"]')).toBe(0);
    expect(await count('.el-picker-panel')).toBe(0);
    expect(await count('.el-select-dropdown__item')).toBe(0);

    const targets = await measureAction(page, '目标', () =>
      page.locator('.el-tabs__item', { hasText: '目标' }).click(),
    );
    report(targets);
    await keep('campaign-targets');
    expect(targets.domNodes).toBeLessThan(3_000);
    expect(targets.interactiveMs).toBeLessThan(BOUND_MS);
    // Ten units a page; a deadline is a button until clicked, then one calendar opens.
    const editor = page.locator('[data-test="targets-editor"]');
    expect(await editor.locator('.el-table__body tr').count()).toBe(10);
    expect(await page.locator('[data-test="targets-pager"]').innerText()).toContain(`${units}`);
    expect(await count('.el-picker-panel')).toBe(0);
    await editor.locator('[data-test="deferred-date"]').first().click();
    await page.locator('.el-picker-panel:visible').waitFor();
    expect(await count('.el-picker-panel')).toBe(1);
    await page.keyboard.press('Escape');
    await editor.locator('.el-pagination .number', { hasText: /^2$/ }).click();
    await expect.poll(() => editor.locator('.el-table__body tr').count()).toBe(10);

    const assignments = await measureAction(page, '分包', () =>
      page.locator('.el-tabs__item', { hasText: '分包' }).click(),
    );
    report(assignments);
    expect(assignments.interactiveMs).toBeLessThan(BOUND_MS);
    // A select in every unit's row, none with its options built until it is opened.
    expect(await count('#pane-assignments .el-select')).toBe(units);
    expect(await count('.el-select-dropdown__item')).toBe(0);
    await page.locator('#pane-assignments .el-select').first().click();
    await page.locator('.el-select-dropdown__item:visible').first().waitFor();
    await page.keyboard.press('Escape');
  }, 180_000);

  it('单位与人员 shows every unit in the tree', async () => {
    interface Node {
      children: Node[];
    }
    const size = (nodes: Node[]): number =>
      nodes.reduce((sum, node) => sum + 1 + size(node.children), 0);
    const units = size((await api<{ items: Node[] }>('/units')).items);
    expect(units).toBeGreaterThan(30);
    const opened = await open('/units');
    report(opened);
    await keep('units');
    expect(opened.interactiveMs).toBeLessThan(BOUND_MS);
    expect(await count('[data-test="unit-tree"] .el-tree-node')).toBe(units);
    // A unit's tags are plain elements in Element Plus' tag style, not a component each.
    expect(await count('[data-test="unit-tree"] .el-tag')).toBeGreaterThan(0);
  }, 120_000);

  it('考评结果 shows every unit and renders the other rankings when opened', async () => {
    const evaluation = await api<{ units: unknown[] }>('/evaluation');
    const opened = await open('/evaluation');
    report(opened);
    await keep('evaluation');
    expect(opened.interactiveMs).toBeLessThan(BOUND_MS);
    expect(opened.domNodes).toBeLessThan(3_000);
    expect(await count('[data-test="evaluation-table"] tbody tr')).toBe(evaluation.units.length);
    expect(await count('[data-test="officer-table"], [data-test="composite-table"]')).toBe(0);
    await page.locator('.el-tabs__item', { hasText: '优秀信息员' }).click();
    await page.locator('[data-test="officer-table"] .el-table__body tr').first().waitFor();
    expect(watched.errors).toEqual([]);
  }, 120_000);
});
