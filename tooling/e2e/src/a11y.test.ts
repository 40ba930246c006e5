import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MENU, menuPaths, visibleMenu } from '../../../apps/admin/src/layout/menu.js';
import { launchBrowser, login, openPage, screenshot, settle, type WatchedPage } from './browser.js';
import { axeViolations, type AxeFinding } from './phone.js';
import { freePort, startProduct, tempDir, type RunningProduct } from './product.js';

/**
 * DESIGN §6: the console meets WCAG 2.1 AA (axe: no critical or serious violations) and below
 * 768 px lists become cards. Every page a bureau admin and a school's officer reach is opened in
 * Chinese and in English, on a desktop (1280×800) and on a phone (390×844), checked with axe,
 * and saved as a screenshot. On the phone the page never scrolls sideways, the lists show cards
 * and the incident board says it scrolls.
 */
const ROLES = [
  ['admin', ['admin']],
  ['cg01_xxy', ['officer']],
] as const;
const SIZES = [
  ['desktop', 1280, 800],
  ['phone', 390, 844],
] as const;
const LOCALES = ['zh-CN', 'en'] as const;
/** Lists that become cards on a phone: the page, and the card list's marker. */
const CARD_LISTS: Record<string, string> = {
  '/submissions': 'submission-cards',
  '/evaluation': 'evaluation-cards',
  '/evaluation/bulletins': 'bulletin-cards',
  '/system/users': 'user-cards',
  '/system/audit': 'audit-cards',
};
/** A few screenshots copied for people to look at beside the artifacts. */
const NOTES = new Set([
  'desktop-zh-CN-admin-dashboard',
  'phone-zh-CN-admin-submissions',
  'phone-zh-CN-admin-incidents',
  'phone-en-admin-evaluation',
  'phone-zh-CN-cg01_xxy-campaigns',
]);

describe('accessibility and phones: every console page, both languages, desktop and phone', () => {
  let product: RunningProduct;
  let browser: Browser;
  const opened: WatchedPage[] = [];
  /** Every violation of any impact, counted for the closing summary. */
  const all: AxeFinding[] = [];

  beforeAll(async () => {
    const dataDir = tempDir('jyxc-a11y-');
    product = await startProduct({
      PORT: String(await freePort()),
      DATABASE_URL: `file:${join(dataDir, 'jyxc.db')}`,
    });
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    const byImpact = new Map<string, number>();
    for (const v of all) byImpact.set(v.impact, (byImpact.get(v.impact) ?? 0) + v.nodes);
    const rules = new Set(all.map((v) => `${v.impact} ${v.id}`));
    console.log(
      `axe over the console: ${[...byImpact].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}` +
        ` (nodes; ${all.reduce((n, v) => n + v.nodes, 0)} in all); rules: ${[...rules].sort().join(', ')}`,
    );
    for (const w of opened) await w.context.close().catch(() => undefined);
    await browser?.close();
    await product?.stop();
  });

  async function setLocale(page: Page, locale: string): Promise<void> {
    // The console takes its language from local storage, as its language switch sets it.
    await page.evaluate(`localStorage.setItem('locale', '${locale}')`);
  }

  /** Axe on the open page; returns its critical and serious findings, with where. */
  async function check(page: Page, where: string): Promise<string[]> {
    const found = await axeViolations(page);
    all.push(...found);
    return found
      .filter((v) => v.impact === 'critical' || v.impact === 'serious')
      .flatMap((v) => v.targets.map((t) => `${where}: ${v.impact} ${v.id} ${t} — ${v.help}`));
  }

  async function shoot(page: Page, name: string): Promise<void> {
    const file = await screenshot(page, `a11y-${name}`);
    if (NOTES.has(name)) {
      mkdirSync('/work/notes', { recursive: true });
      copyFileSync(file, join('/work/notes', `a11y-${name}.png`));
    }
  }

  /** What a phone shows wrongly: sideways scrolling, a table where cards belong, a silent board. */
  async function phoneProblems(page: Page, path: string, where: string): Promise<string[]> {
    const problems: string[] = [];
    const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
    if (width > 390) problems.push(`${where}: the page is ${width} px wide`);
    const cards = CARD_LISTS[path];
    if (cards !== undefined) {
      // An empty list shows its empty state instead of cards.
      const empty = (await page.locator('.el-empty:visible').count()) > 0;
      if (!empty && !(await page.locator(`[data-test="${cards}"]`).first().isVisible())) {
        problems.push(`${where}: no cards (${cards})`);
      }
      if ((await page.locator('.el-table:visible').count()) > 0) {
        problems.push(`${where}: a table is shown on a phone`);
      }
    }
    if (path === '/incidents' && !(await page.locator('[data-test="board-hint"]').isVisible())) {
      problems.push(`${where}: the board does not say it scrolls`);
    }
    if (path === '/submissions') {
      if (await page.locator('[data-test="filter-state"]').isVisible()) {
        problems.push(`${where}: the filters are not folded`);
      }
      const first = page.locator('[data-test="submission-cards"] [data-test="card-state"]');
      if ((await first.count()) === 0) problems.push(`${where}: the cards show no state`);
    }
    return problems;
  }

  it('the login page has no serious violations', async () => {
    const watched = await openPage(browser, 1280, 800);
    opened.push(watched);
    const { page } = watched;
    const problems: string[] = [];
    for (const locale of LOCALES) {
      await page.goto(new URL('login', product.url).href);
      await setLocale(page, locale);
      for (const [size, width, height] of SIZES) {
        await page.setViewportSize({ width, height });
        await page.goto(new URL('login', product.url).href);
        await settle(page);
        problems.push(...(await check(page, `${size} ${locale} /login`)));
        await shoot(page, `${size}-${locale}-login`);
      }
    }
    if (problems.length > 0) console.log(problems.join('\n'));
    expect(problems).toEqual([]);
  });

  it('the side menu and the incident cards work from the keyboard alone', async () => {
    const watched = await openPage(browser, 1280, 800);
    opened.push(watched);
    const { page } = watched;
    await page.goto(product.url);
    await setLocale(page, 'zh-CN');
    await login(page, product.url, 'admin');
    await settle(page);
    // Tab through the page from its start until the menu's 稿件 entry has the focus.
    const focused = () =>
      page.evaluate(`(document.activeElement && document.activeElement.textContent || '').trim()`);
    let reached = false;
    for (let i = 0; i < 40 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = (await focused()) === '稿件';
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/submissions$|\/submissions\?/);
    // A group opens with Enter, and its entries follow in the tab order.
    await page.goto(new URL('dashboard', product.url).href);
    await settle(page);
    const group = page.locator('[data-test="side-menu"] .el-sub-menu__title', { hasText: '系统' });
    await group.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('用户');
    // An incident card is a button: focused and opened with Enter, it shows the incident.
    await page.goto(new URL('incidents', product.url).href);
    await settle(page);
    const card = page.locator('[data-test="incident-card"]').first();
    const title = (await card.locator('.card__title').innerText()).trim();
    await card.focus();
    expect(await page.evaluate(`document.activeElement.dataset.test`)).toBe('incident-card');
    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        page
          .locator('.el-drawer__title:visible')
          .first()
          .innerText()
          .catch(() => ''),
      )
      .toBe(title);
  });

  it.each(ROLES)('as %s', { timeout: 900_000 }, async (username, roles) => {
    const watched = await openPage(browser, 1280, 800);
    opened.push(watched);
    const { page } = watched;
    await page.goto(product.url);
    await login(page, product.url, username);
    const get = async <T>(path: string): Promise<T> =>
      (await (await page.request.get(new URL(`api${path}`, product.url).href)).json()) as T;
    const items = await get<{ items: { id: string }[] }>('/submissions?pageSize=1');
    const bulletins = await get<{ items: { id: string }[] }>('/bulletins?pageSize=1');
    const officer = (roles as readonly string[]).includes('officer');
    const paths = [
      ...menuPaths(visibleMenu(MENU, (role) => (roles as readonly string[]).includes(role))),
      '/notifications',
      ...(officer ? ['/submissions/new'] : []),
      ...items.items.map((i) => `/submissions/${i.id}`),
      ...bulletins.items.map((b) => `/evaluation/bulletins/${b.id}`),
    ];
    const name = (path: string) =>
      path.startsWith('/submissions/') && path !== '/submissions/new'
        ? 'submission-detail'
        : path.startsWith('/evaluation/bulletins/')
          ? 'bulletin-detail'
          : path.slice(1).replace(/\//g, '-');
    const problems: string[] = [];
    for (const locale of LOCALES) {
      await setLocale(page, locale);
      for (const [size, width, height] of SIZES) {
        await page.setViewportSize({ width, height });
        for (const path of paths) {
          const where = `${size} ${locale} ${username} ${path}`;
          await page.goto(new URL(path.slice(1), product.url).href);
          await settle(page);
          await page.locator('[data-test="page-title"]').first().waitFor();
          expect(await page.evaluate('document.documentElement.lang')).toBe(locale);
          problems.push(...(await check(page, where)));
          if (size === 'phone') problems.push(...(await phoneProblems(page, path, where)));
          await shoot(page, `${size}-${locale}-${username}-${name(path)}`);
        }
      }
    }
    if (problems.length > 0) console.log(problems.join('\n'));
    expect(problems).toEqual([]);
  });
});
