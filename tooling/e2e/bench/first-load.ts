/**
 * What the console's and the phone app's first-load benchmarks share: building an app and
 * reading the page sizes its build reports, a product started on a fresh demo county, a
 * browser, and the best of several cold loads. Each benchmark says only what it loads and
 * what it compares.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../src/browser.js';
import { REPO_ROOT, freePort, startProduct, tempDir } from '../src/product.js';

export const quick = process.argv.includes('--quick');
/** Cold loads per page; the best is kept, as the least disturbed on a shared machine. */
export const RUNS = quick ? 2 : 5;

export const round = (n: number) => Math.round(n * 10) / 10;

export const kB = (bytes: number | null) =>
  bytes === null ? 'not reported' : `${round(bytes / 1024)} kB`;

/**
 * Builds `app` and returns the gzip size of each named page, as its build prints them
 * (`✓ login  123.4 kB  (target ≤ 300.0 kB, 5 files)`), after relaying those lines.
 */
export function buildSizes<const N extends string>(
  app: '@jyxc/admin' | '@jyxc/mobile',
  pages: readonly N[],
): Record<N, number | null> {
  const build = spawnSync('pnpm', ['--filter', app, 'build'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  });
  const output = `${build.stdout}\n${build.stderr}`;
  if (build.status !== 0) throw new Error(`the build of ${app} failed:\n${output}`);
  const named = new RegExp(`first visit|[✓✗]\\s+(${pages.join('|')})\\s`);
  console.log(
    output
      .split('\n')
      .filter((line) => named.test(line))
      .join('\n'),
  );
  const sizes = {} as Record<N, number | null>;
  for (const name of pages) {
    const match = new RegExp(`[✓✗]\\s+${name}\\s+([\\d.]+) kB`).exec(output);
    sizes[name] = match?.[1] ? Math.round(Number(match[1]) * 1024) : null;
  }
  return sizes;
}

/**
 * Starts the product on a fresh demo county and a browser, runs `measure` against them, and
 * stops both and removes the database whatever happens.
 */
export async function withProduct(
  name: string,
  measure: (browser: Browser, base: string) => Promise<void>,
): Promise<void> {
  const dir = tempDir(`jyxc-${name}-bench-`);
  const product = await startProduct({
    DATABASE_URL: `file:${join(dir, 'bench.db')}`,
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    SEED_DEMO: '1',
    REMINDERS_INTERVAL_MS: String(3_600_000),
  });
  let browser: Browser | null = null;
  try {
    browser = await launchBrowser();
    await measure(browser, product.url);
  } finally {
    await browser?.close();
    await product.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Times each kind of cold load `RUNS` times, interleaved so that a disturbance hits both
 * alike, after one untimed load of each (the server's own first-request work is not counted).
 * Returns every time and the best, per kind.
 */
export async function bestColdLoads<const K extends string>(
  kinds: readonly K[],
  load: (kind: K) => Promise<number>,
): Promise<Record<K, { best: number; all: number[] }>> {
  for (const kind of kinds) await load(kind);
  const times = Object.fromEntries(kinds.map((kind) => [kind, [] as number[]])) as Record<
    K,
    number[]
  >;
  for (let i = 0; i < RUNS; i++) for (const kind of kinds) times[kind].push(await load(kind));
  return Object.fromEntries(
    kinds.map((kind) => [kind, { best: Math.min(...times[kind]), all: times[kind] }]),
  ) as Record<K, { best: number; all: number[] }>;
}

/** `best 123.4 ms of 5 (…)`, the way both benchmarks report times. */
export function describeTimes(times: { best: number; all: number[] }): string {
  return `best ${round(times.best)} ms of ${RUNS} (${times.all.map(round).join(', ')})`;
}
