/**
 * The console's first load: the gzip JavaScript of the login page and of the dashboard (as the
 * console's build reports it), and the time from navigation to the dashboard's first drawn
 * chart in headless Chromium, against the product started on a fresh demo county. The anchor
 * is the login page's own time to interactive in the same browser and run.
 *
 * Each time is taken in a new browser context (cold cache, as a first visit) and the best of
 * several runs is kept: the machine is shared, and the best run is the least disturbed.
 *
 *   node --import tsx bench/console.bench.ts [--quick]
 */
import type { Browser, Page } from 'playwright-core';
import * as load from './first-load.js';

const LOGIN_TARGET_BYTES = 300 * 1024;
const DASHBOARD_TARGET_BYTES = 500 * 1024;

/** Milliseconds from the start of navigation until the selector is attached, read in the page. */
async function timeTo(page: Page, url: string, selector: string): Promise<number> {
  await page.goto(url);
  await page.locator(selector).first().waitFor({ state: 'attached', timeout: 30_000 });
  return page.evaluate(() => performance.now());
}

async function coldRun(
  browser: Browser,
  base: string,
  what: 'login' | 'dashboard',
): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  try {
    if (what === 'dashboard') {
      const response = await context.request.post(new URL('api/auth/login', base).href, {
        data: { username: 'admin', password: 'Qinghe@2026' },
      });
      if (response.status() !== 200) throw new Error(`login answered ${response.status()}`);
    }
    const page = await context.newPage();
    return what === 'login'
      ? await timeTo(page, new URL('login', base).href, '[data-test="login-submit"]')
      : await timeTo(page, base, '.chart canvas');
  } finally {
    await context.close();
  }
}

const sizes = load.buildSizes('@jyxc/admin', ['login', 'dashboard']);

await load.withProduct('console', async (browser, base) => {
  const times = await load.bestColdLoads(['login', 'dashboard'], (what) =>
    coldRun(browser, base, what),
  );
  const bestLogin = times.login.best;
  const bestChart = times.dashboard.best;
  console.log(`login page interactive: ${load.describeTimes(times.login)}`);
  console.log(
    `dashboard's first chart drawn: ${load.describeTimes(times.dashboard)}, ` +
      `${load.round(bestChart / bestLogin)}× the login page`,
  );
  console.log(
    `gzip JavaScript: login ${load.kB(sizes.login)}, dashboard ${load.kB(sizes.dashboard)}`,
  );
  const loginOk = sizes.login !== null && sizes.login <= LOGIN_TARGET_BYTES;
  const dashboardOk = sizes.dashboard !== null && sizes.dashboard <= DASHBOARD_TARGET_BYTES;
  console.log(
    `BENCH_JSON ${JSON.stringify({
      quick: load.quick,
      runs: load.RUNS,
      loginGzipBytes: sizes.login,
      loginGzipTargetBytes: LOGIN_TARGET_BYTES,
      dashboardGzipBytes: sizes.dashboard,
      dashboardGzipTargetBytes: DASHBOARD_TARGET_BYTES,
      loginInteractiveMs: load.round(bestLogin),
      firstChartMs: load.round(bestChart),
      ok: loginOk && dashboardOk,
    })}`,
  );
});
