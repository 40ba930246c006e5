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
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumPath } from '../src/browser.js';
import { REPO_ROOT, freePort, startProduct, tempDir } from '../src/product.js';

const quick = process.argv.includes('--quick');
const RUNS = quick ? 2 : 5;
const LOGIN_TARGET_BYTES = 300 * 1024;
const DASHBOARD_TARGET_BYTES = 500 * 1024;

/** The console's build prints one line per page: `✓ login  123.4 kB  (target ≤ 300.0 kB, 5 files)`. */
function buildSizes(): { login: number | null; dashboard: number | null; output: string } {
  const build = spawnSync('pnpm', ['--filter', '@jyxc/admin', 'build'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  });
  const output = `${build.stdout}\n${build.stderr}`;
  if (build.status !== 0) throw new Error(`the console's build failed:\n${output}`);
  const size = (name: string): number | null => {
    const match = new RegExp(`[✓✗]\\s+${name}\\s+([\\d.]+) kB`).exec(output);
    return match?.[1] ? Math.round(Number(match[1]) * 1024) : null;
  };
  return { login: size('login'), dashboard: size('dashboard'), output };
}

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

const round = (n: number) => Math.round(n * 10) / 10;

const sizes = buildSizes();
console.log(
  sizes.output
    .split('\n')
    .filter((line) => /first visit|[✓✗]\s+(login|dashboard)\s/.test(line))
    .join('\n'),
);

const dir = tempDir('jyxc-console-bench-');
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
  // One untimed visit of each page, so that the server's own first-request work is not counted.
  await coldRun(browser, product.url, 'login');
  await coldRun(browser, product.url, 'dashboard');
  const login: number[] = [];
  const chart: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    login.push(await coldRun(browser, product.url, 'login'));
    chart.push(await coldRun(browser, product.url, 'dashboard'));
  }
  const bestLogin = Math.min(...login);
  const bestChart = Math.min(...chart);
  const kB = (bytes: number | null) =>
    bytes === null ? 'not reported' : `${round(bytes / 1024)} kB`;
  console.log(
    `login page interactive: best ${round(bestLogin)} ms of ${RUNS} cold loads (${login.map(round).join(', ')})`,
  );
  console.log(
    `dashboard's first chart drawn: best ${round(bestChart)} ms of ${RUNS} cold loads (${chart.map(round).join(', ')}), ` +
      `${round(bestChart / bestLogin)}× the login page`,
  );
  console.log(`gzip JavaScript: login ${kB(sizes.login)}, dashboard ${kB(sizes.dashboard)}`);
  const loginOk = sizes.login !== null && sizes.login <= LOGIN_TARGET_BYTES;
  const dashboardOk = sizes.dashboard !== null && sizes.dashboard <= DASHBOARD_TARGET_BYTES;
  console.log(
    `BENCH_JSON ${JSON.stringify({
      quick,
      runs: RUNS,
      loginGzipBytes: sizes.login,
      loginGzipTargetBytes: LOGIN_TARGET_BYTES,
      dashboardGzipBytes: sizes.dashboard,
      dashboardGzipTargetBytes: DASHBOARD_TARGET_BYTES,
      loginInteractiveMs: round(bestLogin),
      firstChartMs: round(bestChart),
      ok: loginOk && dashboardOk,
    })}`,
  );
} finally {
  await browser?.close();
  await product.stop();
  rmSync(dir, { recursive: true, force: true });
}
