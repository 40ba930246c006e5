/**
 * Import preview timing (DESIGN §6: 5,000 rows preview in under 3 s): the demo county seeded
 * into a temporary SQLite file, then a workbook of 500 new units and 4,500 new people, every
 * row checked against the file and the county, previewed over HTTP several times.
 *
 *   pnpm --filter @jyxc/api bench:import [--quick]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, migrateDatabase } from '@jyxc/db';
import { DEMO_PASSWORD, seedDemoCounty } from '@jyxc/db/seed';
import ExcelJS from 'exceljs';
import { createApp } from '../src/app.js';

const quick = process.argv.includes('--quick');
const RUNS = quick ? 2 : 5;
const TARGET_MS = 3000;
const UNITS = 500;
const PEOPLE = 4500;
const now = new Date('2026-07-08T02:00:00Z');

const dir = mkdtempSync(join(tmpdir(), 'jyxc-bench-'));
const url = `file:${join(dir, 'bench.db')}`;
await migrateDatabase(url);
const db = createDb(url);
await seedDemoCounty(db, { now });
const bureau = await db.unit.findFirstOrThrow({ where: { kind: 'bureau' } });

// 50 township centers with 9 schools each and 50 direct units; people spread over them.
const book = new ExcelJS.Workbook();
const units = book.addWorksheet('单位');
units.addRow(['单位名称', '单位类型', '上级单位', '单位代码', '教职工人数', '学生人数', '直报点']);
const names: string[] = [];
for (let t = 0; t < 50; t += 1) {
  const township = `测试${t}镇中心校`;
  names.push(township);
  units.addRow([township, '乡镇中心校', bureau.name, '', 80, 0, '否']);
  for (let s = 0; s < 8; s += 1) {
    const school = `测试${t}镇第${s + 1}小学`;
    names.push(school);
    units.addRow([school, '学校', township, '', 30, 500, s === 0 ? '是' : '否']);
  }
}
for (let d = names.length; d < UNITS; d += 1) {
  const direct = `测试直属单位${d}`;
  names.push(direct);
  units.addRow([direct, '局直单位', '', '', 60, 900, '']);
}
const people = book.addWorksheet('人员');
people.addRow(['姓名', '用户名', '所属单位', '职责', '手机号']);
const roles = ['一把手', '分管领导', '信息员', '舆情责任人'];
for (let i = 0; i < PEOPLE; i += 1) {
  people.addRow([
    `测试${i}`,
    `bench_${i}`,
    names[i % names.length],
    roles[i % 4],
    `139${String(i).padStart(8, '0')}`,
  ]);
}
const bytes = new Uint8Array(await book.xlsx.writeBuffer());

const app = createApp({ db, now: () => now });
const login = await app.request('/api/auth/login', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
});
const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';

const times: number[] = [];
for (let i = 0; i < RUNS; i += 1) {
  const form = new FormData();
  form.append('file', new File([bytes], 'bench.xlsx'));
  const t = performance.now();
  const response = await app.request('/api/imports/preview', {
    method: 'POST',
    headers: { cookie, origin: 'http://localhost' },
    body: form,
  });
  const body = (await response.json()) as { valid?: boolean };
  times.push(performance.now() - t);
  if (response.status !== 200 || body.valid !== true) {
    throw new Error(
      `the preview answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`,
    );
  }
}
const sorted = [...times].sort((a, b) => a - b);
const medianMs = Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0);
const worstMs = Math.round(sorted[sorted.length - 1] ?? 0);
console.log(
  `preview of ${UNITS + PEOPLE} rows (${(bytes.byteLength / 1024).toFixed(0)} kB): median ${medianMs} ms, worst ${worstMs} ms (target ≤ ${TARGET_MS} ms)`,
);
console.log(
  `BENCH_JSON ${JSON.stringify({ rows: UNITS + PEOPLE, runs: RUNS, medianMs, worstMs, targetMs: TARGET_MS })}`,
);
await db.$disconnect();
rmSync(dir, { recursive: true, force: true });
if (worstMs > TARGET_MS) process.exitCode = 1;
