import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import { REPO_ROOT } from './product.js';

/** Where every page's screenshot of a run is kept for people to look at. */
export const SCREENSHOTS = join(REPO_ROOT, 'artifacts/screenshots');
export const DOWNLOADS = join(REPO_ROOT, 'artifacts/downloads');

export const DEMO_PASSWORD = 'Qinghe@2026';

/** Debian's Chromium (scripts/ensure-chromium.mjs installs it), or CHROMIUM_PATH. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const path = candidates.find((p): p is string => typeof p === 'string' && existsSync(p));
  if (!path) {
    throw new Error(
      'Chromium was not found. Install it with `apt-get update && apt-get install -y chromium` ' +
        '(or run `node scripts/ensure-chromium.mjs`), or set CHROMIUM_PATH.',
    );
  }
  return path;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page that records every console error and uncaught exception it sees. */
export interface WatchedPage {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly errors: string[];
}

export async function openPage(browser: Browser, width = 1280, height = 860): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  return { context, page, errors };
}

/** Fills an Element Plus input, whether the marker sits on the wrapper or on the field. */
export async function fill(page: Page, testId: string, value: string): Promise<void> {
  const sel = `[data-test="${testId}"]`;
  await page
    .locator(`input${sel}, textarea${sel}, ${sel} input:not([type=file]), ${sel} textarea`)
    .first()
    .fill(value);
}

/**
 * Picks an option of an Element Plus select that can be searched: types `search` into it and
 * clicks the option showing `option` (the search by default).
 */
export async function choose(
  page: Page,
  testId: string,
  search: string,
  option = search,
): Promise<void> {
  const select = page.locator(`[data-test="${testId}"]`).first();
  await select.click();
  await select.locator('input').first().fill(search);
  await optionsSettled(page);
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
}

/**
 * Waits until the options shown have read the same for 400 ms. Element Plus filters a select's
 * options on a timer after each input event (a remote select asks the server 300 ms later), so
 * for a moment after typing the list is still the unfiltered one: an option found in it then
 * moves when the filter runs, and the click lands on whatever took its place.
 */
async function optionsSettled(page: Page): Promise<void> {
  const options = page.locator('.el-select-dropdown__item:visible');
  let shown = '';
  let since = Date.now();
  for (;;) {
    const now = (await options.allInnerTexts()).join('\n');
    if (now !== shown) {
      shown = now;
      since = Date.now();
    } else if (now !== '' && Date.now() - since >= 400) {
      return;
    }
    await page.waitForTimeout(50);
  }
}

/** Logs in through the login page and waits for the console's layout. */
export async function login(page: Page, baseUrl: string, username: string): Promise<void> {
  if (!page.url().includes('/login')) await page.goto(new URL('login', baseUrl).href);
  await fill(page, 'login-username', username);
  await fill(page, 'login-password', DEMO_PASSWORD);
  await page.locator('[data-test="login-submit"]').click();
  await page.locator('[data-test="current-user"]').waitFor();
}

/** Confirms the open ElMessageBox. */
export async function confirmBox(page: Page): Promise<void> {
  const box = page.locator('.el-message-box');
  await box.waitFor();
  await box.locator('.el-message-box__btns .el-button--primary').click();
}

/** Waits until the page has no request in flight and no loading mask. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page
    .locator('.el-loading-mask')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => undefined);
  await page.waitForTimeout(300);
}

/**
 * Waits until an element is shown, as a user would after a click: Vue renders a drawer's
 * content and a form's validation message a moment later, so an immediate look can miss them.
 * Fails with the locator named if it never appears.
 */
export async function appears(locator: Locator, timeout = 10_000): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Text on the page that looks like a translation key left untranslated (`nav.dashboard`,
 * `review.actions.approve`): vue-i18n shows the key itself when a message is missing.
 */
export async function untranslatedKeys(
  page: Page,
  namespaces: readonly string[],
): Promise<string[]> {
  // Codes shown as data (audit actions such as `bulletin.publish`) sit in <code> and are skipped.
  // The script runs in the page (written as text, as this package is typed without the DOM).
  const text = String(
    await page.evaluate(`(() => {
      const parts = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        if (!node.parentElement || !node.parentElement.closest('code, pre, script, style')) parts.push(node.textContent || '');
      }
      return parts.join('\\n');
    })()`),
  );
  const pattern = new RegExp(`(?<![\\w./-])(?:${namespaces.join('|')})\\.[A-Za-z_][\\w.]*`, 'g');
  return [...new Set(text.match(pattern) ?? [])];
}

/** A small valid PNG (a 2×2 blue square), for the photo upload. */
export const PNG_BYTES = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGNgYPj/n4GBgYGJgYGBAQAlBAMBc+ju0wAAAABJRU5ErkJggg==',
  'base64',
);
