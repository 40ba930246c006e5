import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MENU, menuPaths, visibleMenu } from '../../../apps/admin/src/layout/menu.js';
import { launchBrowser, login, openPage, screenshot, settle, type WatchedPage } from './browser.js';
import { freePort, startProduct, tempDir, type RunningProduct } from './product.js';

/**
 * DESIGN §6: no raw id, enum or code is ever shown to a user. Every page a role reaches (each
 * tab opened) is read as a person reads it, in Chinese and in English, and its visible text
 * searched for what only a program should see: snake_case words (`outside_period`), dotted
 * codes (`submission.approve`, `SUBMISSION.NOT_FOUND`), database ids, ISO timestamps and
 * period keys (`2026-H1`). Text a user must quote (a login name, a link code) is marked
 * `data-quote` and skipped.
 */
const ROLES = [
  ['admin', ['admin']],
  ['shenhe', ['reviewer']],
  ['cg_head', ['head']],
  ['cg01_xxy', ['officer']],
] as const;

const PATTERNS: readonly [string, RegExp][] = [
  ['snake_case', /(?<![\w@./-])[a-z]+(?:_[a-z0-9]+)+(?![\w@.-])/g],
  [
    'dotted code',
    /(?<![\w@/-])(?:[a-z]+\.[a-z][A-Za-z]+|[A-Z]+(?:_[A-Z]+)*\.[A-Z][A-Z_]+)(?![\w@/-])/g,
  ],
  ['id', /\b(?:c[a-z0-9]{24}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/g],
  ['ISO time', /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/g],
  ['period key', /\b\d{4}-?(?:H[12]|Y|Q[1-4])\b/g],
];

/** The visible text of the page, without what a user must quote. */
async function visibleText(page: Page): Promise<string> {
  return String(
    await page.evaluate(`(() => {
      const parts = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!el || el.closest('[data-quote], script, style, noscript')) continue;
        if (el.closest('[aria-hidden="true"]') && !el.closest('.el-table')) continue;
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
        parts.push(node.textContent || '');
      }
      const titles = [...document.querySelectorAll('[title]')].map((e) => e.getAttribute('title'));
      return [...parts, ...titles].join('\\n');
    })()`),
  );
}

function rawCodes(text: string): string[] {
  const found: string[] = [];
  for (const [kind, pattern] of PATTERNS) {
    for (const m of text.matchAll(pattern)) found.push(`${kind} “${m[0]}”`);
  }
  return [...new Set(found)];
}

describe('no raw codes on any page, in both languages', () => {
  let product: RunningProduct;
  let browser: Browser;
  const opened: WatchedPage[] = [];

  beforeAll(async () => {
    const dataDir = tempDir('jyxc-raw-codes-');
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

  async function api<T>(page: Page, path: string): Promise<T> {
    const response = await page.request.get(new URL(`api${path}`, product.url).href);
    return (await response.json()) as T;
  }

  /** Reads the page and each of its tabs; returns what looks like a raw code, with where. */
  async function read(page: Page, where: string): Promise<string[]> {
    const problems = rawCodes(await visibleText(page)).map((p) => `${where}: ${p}`);
    const tabs = page.locator('.el-tabs__item:visible');
    const count = await tabs.count();
    for (let i = 1; i < count; i += 1) {
      const tab = tabs.nth(i);
      const name = (await tab.innerText()).trim();
      await tab.click();
      await settle(page);
      problems.push(...rawCodes(await visibleText(page)).map((p) => `${where} [${name}]: ${p}`));
    }
    return problems;
  }

  it.each(ROLES)('as %s', { timeout: 600_000 }, async (username, roles) => {
    const watched = await openPage(browser, 1280, 800);
    opened.push(watched);
    const { page } = watched;
    await page.goto(product.url);
    await login(page, product.url, username);
    const items = await api<{ items: { id: string }[] }>(page, '/submissions?pageSize=5');
    const bulletins = await api<{ items: { id: string }[] }>(page, '/bulletins?pageSize=5');
    const paths = [
      ...menuPaths(visibleMenu(MENU, (role) => (roles as readonly string[]).includes(role))),
      '/notifications',
      ...items.items.slice(0, 2).map((i) => `/submissions/${i.id}`),
      ...bulletins.items.slice(0, 1).map((b) => `/evaluation/bulletins/${b.id}`),
    ];
    const problems: string[] = [];
    for (const locale of ['zh-CN', 'en'] as const) {
      if (locale === 'en') await page.locator('[data-test="locale-toggle"]').click();
      for (const path of paths) {
        await page.goto(new URL(path.slice(1), product.url).href);
        await settle(page);
        await page.locator('[data-test="page-title"]').first().waitFor();
        problems.push(...(await read(page, `${locale} ${path}`)));
        if (path === '/system/audit' || path === '/evaluation' || path === '/campaigns') {
          const name = `console2-${locale}-${username}-${path.slice(1).replace(/\//g, '-')}`;
          const file = await screenshot(page, name);
          mkdirSync('/work/notes', { recursive: true });
          copyFileSync(file, join('/work/notes', `${name}.png`));
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
