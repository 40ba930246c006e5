import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from './browser.js';
import { REPO_ROOT } from './product.js';

/** Where the phone app's screenshots of a run are kept (beside the console's). */
export const PHONE_SCREENSHOTS = join(REPO_ROOT, 'artifacts/mobile-screenshots');

/** A phone as issue 15 names it: 390×844, touch, device scale 3. */
export async function phoneContext(
  browser: Browser,
  locale: 'zh-CN' | 'en' = 'zh-CN',
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    locale,
    userAgent:
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36',
  });
  // The app takes its language from local storage, as the person's choice in 我的 sets it.
  await context.addInitScript(
    `localStorage.getItem('locale') || localStorage.setItem('locale', '${locale}')`,
  );
  return context;
}

export interface PhonePage {
  readonly page: Page;
  readonly errors: string[];
}

export async function phonePage(context: BrowserContext): Promise<PhonePage> {
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  return { page, errors };
}

/** Logs in on the phone app's login page and waits for the home page. */
export async function phoneLogin(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(new URL('m/login', baseUrl).href);
  await page.locator('[data-test="login-username"] input').fill(username);
  await page.locator('[data-test="login-password"] input').fill(DEMO_PASSWORD);
  await page.locator('[data-test="login-submit"]').click();
  await page.locator('[data-test="current-user"]').waitFor();
}

/** Waits for the page's requests and Vant's transitions to end. */
export async function settlePhone(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page
    .locator('.van-loading')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => undefined);
  await page.waitForTimeout(400);
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** One axe-core rule broken on a page: how bad, what, and where (its elements). */
export interface AxeFinding {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly nodes: number;
  readonly targets: readonly string[];
}

/** Every axe-core violation on the page, of any impact. */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  // Evaluated through the debugging protocol, which the product's CSP does not govern.
  if (!(await page.evaluate(`typeof window.axe === 'object'`))) await page.evaluate(axeSource);
  return (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) =>
    r.violations.map((v) => ({
      id: v.id,
      impact: v.impact || 'unknown',
      help: v.help,
      nodes: v.nodes.length,
      targets: v.nodes.map((n) => n.target.join(' ') + ' ' + n.html.slice(0, 160)),
    })))`)) as AxeFinding[];
}

/** axe-core's critical and serious violations on the page, as `rule: target` lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  return (await axeViolations(page))
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .flatMap((v) => v.targets.map((t) => `${v.id}: ${t} — ${v.help}`));
}

/** Saves a screenshot of the whole page as a test artifact and in the shared artifacts folder. */
export async function phoneScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(PHONE_SCREENSHOTS, { recursive: true });
  const path = join(PHONE_SCREENSHOTS, `${name}.png`);
  // A phone as tall as the page, so that the fixed bars sit at its top and bottom as a person
  // scrolling sees them (a full-page capture leaves the tab bar in the middle).
  const viewport = page.viewportSize();
  const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
  if (viewport !== null && height > viewport.height) {
    await page.setViewportSize({ width: viewport.width, height });
    await page.waitForTimeout(300);
  }
  await page.screenshot({ path });
  if (viewport !== null) await page.setViewportSize(viewport);
  const shared = process.env.ARTIFACTS_COPY_DIR;
  if (shared) {
    mkdirSync(shared, { recursive: true });
    copyFileSync(path, join(shared, `${name}.png`));
  }
  return path;
}

/**
 * A camera-sized photo made in the browser (a gradient with noise, so that JPEG cannot shrink
 * it to nothing): `seed` makes each one different, as two photos of one event are.
 */
export async function cameraPhoto(page: Page, seed: number): Promise<Buffer> {
  const dataUrl = (await page.evaluate(`(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 3000;
    canvas.height = 2000;
    const c = canvas.getContext('2d');
    const g = c.createLinearGradient(0, 0, 3000, 2000);
    g.addColorStop(0, 'hsl(${(seed * 97) % 360}, 70%, 60%)');
    g.addColorStop(1, 'hsl(${(seed * 211) % 360}, 70%, 30%)');
    c.fillStyle = g;
    c.fillRect(0, 0, 3000, 2000);
    let x = ${seed * 7919};
    for (let i = 0; i < 60000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      c.fillStyle = 'rgba(' + (x % 255) + ',' + ((x >> 8) % 255) + ',' + ((x >> 16) % 255) + ',0.6)';
      c.fillRect(x % 3000, (x >> 4) % 2000, 12, 12);
    }
    return canvas.toDataURL('image/jpeg', 0.95);
  })()`)) as string;
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}
