/**
 * The phone app's first load (issue 15): the gzip JavaScript of `/m/` up to the home page (as
 * the phone app's build reports it), and the time until the home page is interactive on a
 * phone profile — 4× CPU slowdown and a slow-4G network (Lighthouse's mobile profile: 150 ms
 * round trip, 1.6 Mbit/s down, 750 kbit/s up). The anchor is the console's login page, loaded
 * under the same conditions in the same browser and run.
 *
 * Each time is taken in a new browser context (cold cache, no service worker yet) and the best
 * of several runs is kept: the machine is shared, and the best run is the least disturbed.
 *
 *   node --import tsx bench/mobile.bench.ts [--quick]
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumPath } from '../src/browser.js';
import { REPO_ROOT, freePort, startProduct, tempDir } from '../src/product.js';

const quick = process.argv.includes('--quick');
const RUNS = quick ? 2 : 5;
const HOME_TARGET_BYTES = 120 * 1024;
const RATIO_TARGET = 1.5;
const SLOW_4G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8,
  uploadThroughput: (750 * 1024 * 0.9) / 8,
};

/** The phone app's build prints `✓ home  100.9 kB  (target ≤ 120.0 kB, 22 files)`. */
function buildSize(): { home: number | null; output: string } {
  const build = spawnSync('pnpm', ['--filter', '@jyxc/mobile', 'build'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  });
  const output = `${build.stdout}\n${build.stderr}`;
  if (build.status !== 0) throw new Error(`the phone app's build failed:\n${output}`);
  const match = /[✓✗]\s+home\s+([\d.]+) kB/.exec(output);
  return { home: match?.[1] ? Math.round(Number(match[1]) * 1024) : null, output };
}

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

const round = (n: number) => Math.round(n * 10) / 10;

const size = buildSize();
console.log(
  size.output
    .split('\n')
    .filter((line) => /first visit|[✓✗]\s+home\s/.test(line))
    .join('\n'),
);

const dir = tempDir('jyxc-mobile-bench-');
const product = await startProduct({
  DATABASE_URL: `file:${join(dir, 'bench.db')}`,
  PORT: String(await freePort()),
  HOST: '127.0.0.1',
  SEED_DEMO: '1',
  REMINDERS_INTERVAL_MS: String(3_600_000),
});
let browser: Browser | null = null;
try {
  browser = await chromium.launch({
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
  // One untimed visit of each, so that the server's own first-request work is not counted.
  await coldRun(browser, product.url, 'console');
  await coldRun(browser, product.url, 'phone');
  const consoleLogin: number[] = [];
  const phoneHome: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    consoleLogin.push(await coldRun(browser, product.url, 'console'));
    phoneHome.push(await coldRun(browser, product.url, 'phone'));
  }
  const bestLogin = Math.min(...consoleLogin);
  const bestHome = Math.min(...phoneHome);
  const ratio = bestHome / bestLogin;
  console.log(
    `console login page interactive (4× CPU, slow 4G): best ${round(bestLogin)} ms of ${RUNS} (${consoleLogin.map(round).join(', ')})`,
  );
  console.log(
    `phone app home interactive (4× CPU, slow 4G): best ${round(bestHome)} ms of ${RUNS} (${phoneHome.map(round).join(', ')}), ${round(ratio)}× the console's login`,
  );
  console.log(
    `gzip JavaScript of the phone app's first load: ${size.home === null ? 'not reported' : `${round(size.home / 1024)} kB`}`,
  );
  console.log(
    `BENCH_JSON ${JSON.stringify({
      quick,
      runs: RUNS,
      homeGzipBytes: size.home,
      homeGzipTargetBytes: HOME_TARGET_BYTES,
      homeInteractiveMs: round(bestHome),
      consoleLoginInteractiveMs: round(bestLogin),
      ratio: Math.round(ratio * 100) / 100,
      ratioTarget: RATIO_TARGET,
      ok: size.home !== null && size.home <= HOME_TARGET_BYTES && ratio <= RATIO_TARGET,
    })}`,
  );
} finally {
  await browser?.close();
  await product.stop();
  rmSync(dir, { recursive: true, force: true });
}
