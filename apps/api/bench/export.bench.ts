/**
 * Bulletin export timing: the demo county seeded into a temporary SQLite file, then the full
 * year's bulletin exported to .xlsx and .docx over HTTP, each several times. Target: ≤ 2 s per
 * export (it includes evaluating the year from the data, as a draft is recomputed on read).
 *
 *   pnpm --filter @jyxc/api bench:export [--quick]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, migrateDatabase } from '@jyxc/db';
import { DEMO_PASSWORD, seedDemoCounty } from '@jyxc/db/seed';
import { createApp } from '../src/app.js';

const quick = process.argv.includes('--quick');
const RUNS = quick ? 2 : 5;
const TARGET_MS = 2000;
const now = new Date('2026-12-31T08:00:00Z');

const dir = mkdtempSync(join(tmpdir(), 'jyxc-bench-'));
const url = `file:${join(dir, 'bench.db')}`;
await migrateDatabase(url);
const db = createDb(url);
let t = performance.now();
await seedDemoCounty(db, { now });
console.log(`seeded the demo county in ${(performance.now() - t).toFixed(0)} ms`);

const app = createApp({ db, now: () => now });
const login = await app.request('/api/auth/login', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
});
const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
const created = await app.request('/api/bulletins', {
  method: 'POST',
  headers: { cookie, 'content-type': 'application/json' },
  body: JSON.stringify({ period: '2026-Y' }),
});
const { id } = (await created.json()) as { id: string };

let failed = false;
const figures: Record<string, { medianMs: number; worstMs: number; bytes: number }> = {};
for (const format of ['xlsx', 'docx'] as const) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    t = performance.now();
    const response = await app.request(`/api/bulletins/${id}/export.${format}`, {
      headers: { cookie },
    });
    bytes = (await response.arrayBuffer()).byteLength;
    times.push(performance.now() - t);
    if (response.status !== 200) throw new Error(`export.${format} answered ${response.status}`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const worst = sorted[sorted.length - 1] ?? 0;
  const ok = worst <= TARGET_MS;
  failed ||= !ok;
  figures[format] = { medianMs: Math.round(median), worstMs: Math.round(worst), bytes };
  console.log(
    `export.${format} 2026 全年: median ${median.toFixed(0)} ms, worst ${worst.toFixed(0)} ms, first ${times[0]?.toFixed(0)} ms, ${bytes} bytes — ${ok ? 'within' : 'OVER'} the ${TARGET_MS} ms target`,
  );
}
console.log(
  `BENCH_JSON ${JSON.stringify({ quick, runs: RUNS, period: '2026-Y', ...figures, targetMs: TARGET_MS, ok: !failed })}`,
);
await db.$disconnect();
rmSync(dir, { recursive: true, force: true });
