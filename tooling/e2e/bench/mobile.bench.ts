/**
 * The phone app's first load (issue 15): the gzip JavaScript of `/m/` up to the home page (as
 * the phone app's build reports it), and the time until the home page is interactive on a
 * phone profile — 4× CPU slowdown and a slow-4G network (Lighthouse's mobile profile: 150 ms
 * load.round trip, 1.6 Mbit/s down, 750 kbit/s up). The anchor is the console's login page, loaded
 * under the same conditions in the same browser and run.
 *
 * Each time is taken in a new browser context (cold cache, no service worker yet) and the best
 * of several runs is kept: the machine is shared, and the best run is the least disturbed.
 *
 *   node --import tsx bench/mobile.bench.ts [--quick]
 */
import type { Browser, Page } from 'playwright-core';
import * as load from './first-load.js';

const HOME_TARGET_BYTES = 120 * 1024;
const RATIO_TARGET = 1.5;
const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8,
  uploadThroughput: (750 * 1024 * 0.9) / 8,
};

/** Slows the page's CPU and network as a mid-range phone on 4G. */
async function asPhone(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
}

async function coldRun(browser: Browser, base: string, what: 'console' | 'phone'): Promise<number> {
  const context = await browser.newContext(
    what === 'phone'
      ? {
          viewport: { width: 390, height: 844 },
          deviceScaleFactor: 3,
          isMobile: true,
          hasTouch: true,
        }
      : { viewport: { width: 390, height: 844 } },
  );
  try {
    if (what === 'phone') {
      // A person who logged in before: the session cookie is there, the cache is not.
      const response = await context.request.post(new URL('api/auth/login', base).href, {
        data: { username: 'cg_fg', password: 'Qinghe@2026' },
      });
      if (response.status() !== 200) throw new Error(`login answered ${response.status()}`);
    }
    const page = await context.newPage();
    await asPhone(page);
    const url = new URL(what === 'phone' ? 'm/' : 'login', base).href;
    const selector = what === 'phone' ? '[data-test="current-user"]' : '[data-test="login-submit"]';
    await page.goto(url);
    await page.locator(selector).first().waitFor({ state: 'visible', timeout: 60_000 });
    return Number(await page.evaluate('performance.now()'));
  } finally {
    await context.close();
  }
}

const size = load.buildSizes('@jyxc/mobile', ['home']);

await load.withProduct('mobile', async (browser, base) => {
  const times = await load.bestColdLoads(['console', 'phone'], (what) =>
    coldRun(browser, base, what),
  );
  const bestLogin = times.console.best;
  const bestHome = times.phone.best;
  const ratio = bestHome / bestLogin;
  console.log(
    `console login page interactive (4× CPU, slow 4G): ${load.describeTimes(times.console)}`,
  );
  console.log(
    `phone app home interactive (4× CPU, slow 4G): ${load.describeTimes(times.phone)}, ${load.round(ratio)}× the console's login`,
  );
  console.log(`gzip JavaScript of the phone app's first load: ${load.kB(size.home)}`);
  console.log(
    `BENCH_JSON ${JSON.stringify({
      quick: load.quick,
      runs: load.RUNS,
      homeGzipBytes: size.home,
      homeGzipTargetBytes: HOME_TARGET_BYTES,
      homeInteractiveMs: load.round(bestHome),
      consoleLoginInteractiveMs: load.round(bestLogin),
      ratio: Math.round(ratio * 100) / 100,
      ratioTarget: RATIO_TARGET,
      ok: size.home !== null && size.home <= HOME_TARGET_BYTES && ratio <= RATIO_TARGET,
    })}`,
  );
});
