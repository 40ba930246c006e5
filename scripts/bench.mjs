#!/usr/bin/env node
// Every benchmark of the project in sequence (they share two cores, so never in parallel),
// collected into one table: figure, value, target, the anchor measured in the same run, the
// ratio to it, and whether the target is met. The same goes to bench/results.json with a
// description of the machine, so that runs can be compared.
//
//   pnpm bench [--quick]
//
// A missed target is a figure, not a failure: the exit code is 0. A benchmark that crashes
// or prints no BENCH_JSON line fails the run (exit 1), so that a broken harness is noticed.
// A part of the product that has no benchmark yet is listed as "not available".
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const q = quick ? ['--quick'] : [];
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' };

/** Runs one benchmark, relays its output, and returns its last BENCH_JSON object. */
function run(title, command, args, cwd = root) {
  console.log(`\n━━ ${title}`);
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const relay = (stream) => (chunk) => {
      output += chunk.toString();
      stream.write(chunk);
    };
    child.stdout.on('data', relay(process.stdout));
    child.stderr.on('data', relay(process.stderr));
    child.on('error', (error) => done({ error: error.message }));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const line = output
        .split('\n')
        .filter((l) => l.startsWith('BENCH_JSON '))
        .pop();
      if (!line) {
        console.log(`━━ ${title}: no BENCH_JSON line (exit ${code}, ${seconds} s)`);
        return done({ error: `exited with ${code} without figures` });
      }
      try {
        const json = JSON.parse(line.slice('BENCH_JSON '.length));
        console.log(`━━ ${title}: done (${seconds} s)`);
        done({ json });
      } catch (error) {
        done({ error: `unreadable BENCH_JSON: ${error.message}` });
      }
    });
  });
}

const rows = [];
const crashed = [];
const unavailable = [];

/**
 * One row of the table. `met` is true/false against a target, or null when the figure has
 * none (it is printed for context).
 */
function row(part, figure, value, unit, target, anchor, anchorLabel, met) {
  rows.push({
    part,
    figure,
    value,
    unit,
    target,
    anchor,
    anchorLabel,
    ratio:
      typeof value === 'number' && typeof anchor === 'number' && anchor > 0 ? value / anchor : null,
    met,
  });
}

function notAvailable(part, figure, reason) {
  unavailable.push(part);
  rows.push({
    part,
    figure,
    value: null,
    unit: '',
    target: null,
    anchor: null,
    anchorLabel: '',
    ratio: null,
    met: null,
    note: reason,
  });
}

function failed(part, figure, error) {
  crashed.push(`${part}: ${error}`);
  rows.push({
    part,
    figure,
    value: null,
    unit: '',
    target: null,
    anchor: null,
    anchorLabel: '',
    ratio: null,
    met: null,
    note: `failed — ${error}`,
    failed: true,
  });
}

/**
 * The rows of the HTTP bench's loads that are mostly computed (issue 18), on either database:
 * the list with every request a miss (hundreds of different pages with a write every 200 ms
 * between them, so that none is answered from what the API keeps), and the mixed workload of
 * officers of different units reading their own pages while some write.
 */
function missAndMixedRows(part, a) {
  const bare = a.bare.reqPerSec;
  if (a.listMiss !== undefined) {
    const missTarget = a.listMissRatioTarget;
    row(
      part,
      `submissions list, every request a cache miss, req/s (${a.listMissPages} pages)`,
      a.listMiss.reqPerSec,
      'req/s',
      missTarget === undefined ? '' : `≥ ${missTarget}× bare`,
      bare,
      'bare Hono req/s',
      missTarget === undefined ? null : a.listMiss.ratioToBare >= missTarget,
    );
    row(
      part,
      'submissions list, every request a cache miss, p99',
      a.listMiss.p99Ms,
      'ms',
      '',
      a.bare.p99Ms,
      'bare Hono p99 ms',
      null,
    );
    if (a.listMiss.apiCpuUs !== undefined) {
      row(
        part,
        "submissions list, every request a cache miss, the API's CPU per request",
        a.listMiss.apiCpuUs,
        'µs',
        '',
        null,
        '',
        null,
      );
    }
  }
  if (a.mixed !== undefined) {
    row(
      part,
      `mixed workload req/s (${a.mixed.users} users, ${a.mixed.pages} pages, ${a.mixed.writeShare * 100} % writes)`,
      a.mixed.reqPerSec,
      'req/s',
      `≥ ${a.mixed.ratioTarget}× bare`,
      bare,
      'bare Hono req/s',
      a.mixed.ratioToBare >= a.mixed.ratioTarget,
    );
    row(
      part,
      'mixed workload p99',
      a.mixed.p99Ms,
      'ms',
      `≤ ${a.mixed.p99TargetMs} ms`,
      a.bare.p99Ms,
      'bare Hono p99 ms',
      a.mixed.p99Ms <= a.mixed.p99TargetMs,
    );
  }
}

const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

// ── domain ───────────────────────────────────────────────────────────────────────────────
{
  const r = await run(
    'domain: evaluation (county-year, vs SQLite GROUP BY, retained heap)',
    'pnpm',
    ['--filter', '@jyxc/domain', 'bench', ...q],
  );
  if (r.error) failed('domain', 'evaluation', r.error);
  else {
    const d = r.json;
    row(
      'domain',
      `county-year evaluation (${d.countyUnits} units, ${d.countySubmissions} items, ${d.countyAdoptions} adoptions), CPU median`,
      num(d.countyMs),
      'ms',
      `≤ ${d.countyTargetMs} ms`,
      null,
      '',
      d.countyMs <= d.countyTargetMs,
    );
    row(
      'domain',
      `year evaluation (${d.submissions} items, ${d.adoptions} adoptions), CPU median`,
      num(d.evaluateMs),
      'ms',
      `≤ ${d.ratioTarget}× GROUP BY`,
      num(d.sqliteMs),
      'SQLite GROUP BY ms',
      d.ratio <= d.ratioTarget,
    );
    row(
      'domain',
      `same, plain rules without the engine (for comparison)`,
      num(d.rulesMs),
      'ms',
      null,
      num(d.sqliteMs),
      'SQLite GROUP BY ms',
      null,
    );
    row(
      'domain',
      `heap retained after evaluate returned (most of ${d.retainedBySize.map((x) => x.size).join(', ')})`,
      num(d.retainedMb),
      'MB',
      `≤ ${d.retainedTargetMb} MB`,
      null,
      '',
      d.retainedMb <= d.retainedTargetMb,
    );
  }
}

// ── API over HTTP ────────────────────────────────────────────────────────────────────────
{
  const r = await run('API: list, dashboard and evaluation under load', 'pnpm', [
    '--filter',
    '@jyxc/api',
    'bench',
    ...q,
  ]);
  if (r.error) failed('api', 'HTTP load', r.error);
  else {
    const a = r.json;
    const bare = a.bare.reqPerSec;
    row(
      'api',
      `submissions list req/s (${a.connections} conn.)`,
      a.list.reqPerSec,
      'req/s',
      `≥ ${a.listRatioTarget}× bare`,
      bare,
      'bare Hono req/s',
      a.list.ratioToBare >= a.listRatioTarget,
    );
    row(
      'api',
      'submissions list p99',
      a.list.p99Ms,
      'ms',
      `≤ ${a.listP99TargetMs} ms`,
      a.bare.p99Ms,
      'bare Hono p99 ms',
      a.list.p99Ms <= a.listP99TargetMs,
    );
    row(
      'api',
      'submissions list p50',
      a.list.p50Ms,
      'ms',
      '',
      a.bare.p50Ms,
      'bare Hono p50 ms',
      null,
    );
    missAndMixedRows('api', a);
    if (a.exportFlood !== undefined) {
      const f = a.exportFlood;
      row(
        'api',
        `others' list p99 while one officer keeps ${f.exports} exports going`,
        f.listDuring.p99Ms,
        'ms',
        `≤ ${f.p99TargetMs} ms`,
        f.listWithoutExports.p99Ms,
        'same load, no export, p99 ms',
        f.ok,
      );
    }
    row(
      'api',
      `dashboard req/s (${a.connections} conn.)`,
      a.dashboard.reqPerSec,
      'req/s',
      '',
      bare,
      'bare Hono req/s',
      null,
    );
    row(
      'api',
      'dashboard p99',
      a.dashboard.p99Ms,
      'ms',
      '',
      a.bare.p99Ms,
      'bare Hono p99 ms',
      null,
    );
    row(
      'api',
      'evaluation right after a write, one request at a time (median)',
      a.evaluationSingleMedianMs,
      'ms',
      `≤ ${a.evaluationTargetMs} ms`,
      null,
      '',
      a.evaluationSingleMedianMs <= a.evaluationTargetMs,
    );
    if (a.dashboardSingleComputedMedianMs !== undefined) {
      row(
        'api',
        'dashboard right after a write, one request at a time (median)',
        a.dashboardSingleComputedMedianMs,
        'ms',
        '',
        null,
        '',
        null,
      );
    }
    row(
      'api',
      `evaluation req/s (${a.evaluationConnections} conn.)`,
      a.evaluation.reqPerSec,
      'req/s',
      '',
      bare,
      'bare Hono req/s',
      null,
    );
    row(
      'api',
      'API peak RSS during the load',
      a.peakRssBytes === null ? null : a.peakRssBytes / 2 ** 20,
      'MiB',
      '',
      null,
      '',
      null,
    );
  }
}

// ── API on PostgreSQL, one and two processes ────────────────────────────────────────────
{
  const r = await run('API on PostgreSQL: misses, mixed workload, two processes', 'pnpm', [
    '--filter',
    '@jyxc/db',
    'with-postgres',
    '--',
    'pnpm',
    '--filter',
    '@jyxc/api',
    'bench',
    '--postgres',
    ...q,
  ]);
  if (r.error) failed('api-pg', 'HTTP load on PostgreSQL', r.error);
  else {
    const a = r.json;
    const bare = a.bare.reqPerSec;
    missAndMixedRows('api-pg', a);
    row(
      'api-pg',
      'two API processes on one database: mixed workload req/s, together',
      a.twoProcesses.reqPerSec,
      'req/s',
      '',
      bare,
      'bare Hono req/s',
      null,
    );
    row(
      'api-pg',
      `cross-process staleness, write to the other process showing it (median of ${a.twoProcesses.staleness.samples})`,
      a.twoProcesses.staleness.medianMs,
      'ms',
      '',
      null,
      '',
      null,
    );
    row(
      'api-pg',
      'cross-process staleness (longest)',
      a.twoProcesses.staleness.maxMs,
      'ms',
      '',
      null,
      '',
      null,
    );
  }
}

// ── bulletin export ──────────────────────────────────────────────────────────────────────
{
  const r = await run('API: year bulletin export', 'pnpm', [
    '--filter',
    '@jyxc/api',
    'bench:export',
    ...q,
  ]);
  if (r.error) failed('export', 'year bulletin export', r.error);
  else {
    for (const format of ['xlsx', 'docx']) {
      const f = r.json[format];
      row(
        'export',
        `year bulletin .${format} (worst of ${r.json.runs})`,
        f?.worstMs ?? null,
        'ms',
        `≤ ${r.json.targetMs} ms`,
        null,
        '',
        f ? f.worstMs <= r.json.targetMs : false,
      );
    }
  }
}

// ── import preview ───────────────────────────────────────────────────────────────────────
{
  const r = await run('API: import preview of 5,000 rows', 'pnpm', [
    '--filter',
    '@jyxc/api',
    'bench:import',
    ...q,
  ]);
  if (r.error) failed('import', 'preview of 5,000 rows', r.error);
  else {
    row(
      'import',
      `preview of ${r.json.rows} rows (worst of ${r.json.runs})`,
      r.json.worstMs,
      'ms',
      `≤ ${r.json.targetMs} ms`,
      null,
      '',
      r.json.worstMs <= r.json.targetMs,
    );
  }
}

// ── console ──────────────────────────────────────────────────────────────────────────────
if (!existsSync(join(root, 'apps/admin/package.json'))) {
  notAvailable('console', 'first load', 'the console does not exist yet');
} else {
  const r = await run(
    'console: first-load size and time to the first chart',
    join(root, 'tooling/e2e/node_modules/.bin/tsx'),
    ['bench/console.bench.ts', ...q],
    join(root, 'tooling/e2e'),
  );
  if (r.error) failed('console', 'first load', r.error);
  else {
    const c = r.json;
    const kB = (b) => (b === null ? null : b / 1024);
    for (const [page, bytes, target] of [
      ['login page', c.loginGzipBytes, c.loginGzipTargetBytes],
      ['dashboard', c.dashboardGzipBytes, c.dashboardGzipTargetBytes],
    ]) {
      if (bytes === null) notAvailable('console', `${page} gzip JS`, 'the build did not report it');
      else
        row(
          'console',
          `${page} gzip JavaScript`,
          kB(bytes),
          'kB',
          `≤ ${kB(target)} kB`,
          null,
          '',
          bytes <= target,
        );
    }
    row(
      'console',
      "time to the dashboard's first chart (cold)",
      c.firstChartMs,
      'ms',
      '',
      c.loginInteractiveMs,
      'login page interactive ms',
      null,
    );
    // Issue 17: every page interactive within its target after its data, as the bureau admin.
    if (c.slowestPageInteractiveMs !== undefined) {
      row(
        'console',
        `slowest page's time to interactive after its data: ${c.slowestPageName} (${c.slowestPage}), best of ${c.pageRuns}`,
        c.slowestPageInteractiveMs,
        'ms',
        `≤ ${c.pageTargetMs} ms`,
        c.loginInteractiveMs,
        'login page interactive ms',
        c.slowestPageInteractiveMs <= c.pageTargetMs,
      );
      row(
        'console',
        `largest page's DOM elements: ${c.largestPageName} (${c.largestPage})`,
        c.largestPageDomNodes,
        '',
        '',
        null,
        '',
        null,
      );
    }
  }
}

// ── phone app ────────────────────────────────────────────────────────────────────────────
{
  const r = await run(
    'phone app: first-load size and time to the home page (4× CPU, slow 4G)',
    join(root, 'tooling/e2e/node_modules/.bin/tsx'),
    ['bench/mobile.bench.ts', ...q],
    join(root, 'tooling/e2e'),
  );
  if (r.error) failed('mobile', 'first load', r.error);
  else {
    const m = r.json;
    if (m.homeGzipBytes === null)
      notAvailable('mobile', 'first load gzip JS', 'the build did not report it');
    else
      row(
        'mobile',
        'first load of /m/ (home page) gzip JavaScript',
        m.homeGzipBytes / 1024,
        'kB',
        `≤ ${m.homeGzipTargetBytes / 1024} kB`,
        null,
        '',
        m.homeGzipBytes <= m.homeGzipTargetBytes,
      );
    row(
      'mobile',
      'home page interactive on a phone (4× CPU, slow 4G, cold)',
      m.homeInteractiveMs,
      'ms',
      `≤ ${m.ratioTarget}× console login`,
      m.consoleLoginInteractiveMs,
      'console login page ms, same conditions',
      m.ratio <= m.ratioTarget,
    );
  }
}

// ── bot ──────────────────────────────────────────────────────────────────────────────────
{
  const benchFile = join(root, 'apps/bot/bench/quick-reports.bench.ts');
  const botPackage = join(root, 'apps/bot/package.json');
  const scripts = existsSync(botPackage)
    ? (JSON.parse(readFileSync(botPackage, 'utf8')).scripts ?? {})
    : {};
  if (!existsSync(benchFile)) {
    notAvailable('bot', '1,000 quick reports', 'apps/bot has no benchmark yet');
  } else {
    const args =
      scripts.bench !== undefined
        ? ['--filter', '@jyxc/bot', 'bench', ...q]
        : ['--filter', '@jyxc/bot', 'exec', 'tsx', 'bench/quick-reports.bench.ts', ...q];
    const r = await run('bot: quick reports through the Telegram emulator', 'pnpm', args);
    if (r.error) failed('bot', 'quick reports', r.error);
    else {
      const b = r.json;
      // The bot's figures are read by name pattern, so that the table follows its own naming.
      const pick = (pattern) => {
        const key = Object.keys(b).find((k) => pattern.test(k) && typeof b[k] === 'number');
        return key === undefined ? null : b[key];
      };
      const p99 = pick(/p99/i);
      const median = pick(/median|p50/i);
      const lost = pick(/lost/i);
      const duplicated = pick(/dup/i);
      const reports = pick(/^(reports|count|total)/i);
      row(
        'bot',
        `quick report to card p99${reports === null ? '' : ` (${reports} reports)`}`,
        p99,
        'ms',
        '≤ 300 ms',
        median,
        'median ms',
        p99 === null ? null : p99 <= 300,
      );
      row('bot', 'lost reports', lost, '', '0', null, '', lost === null ? null : lost === 0);
      row(
        'bot',
        'duplicated reports',
        duplicated,
        '',
        '0',
        null,
        '',
        duplicated === null ? null : duplicated === 0,
      );
    }
  }
}

// ── bot: albums after a burst (issue 14) ──────────────────────────────────────────────────
{
  const benchFile = join(root, 'apps/bot/bench/albums.bench.ts');
  if (!existsSync(benchFile)) {
    notAvailable('bot', 'photos lost in a burst', 'apps/bot has no album benchmark yet');
  } else {
    const r = await run('bot: 10-photo albums right after 20 text reports', 'pnpm', [
      '--filter',
      '@jyxc/bot',
      'exec',
      'tsx',
      'bench/albums.bench.ts',
      ...q,
    ]);
    if (r.error) failed('bot', 'photos lost in a burst', r.error);
    else {
      const lost = typeof r.json.photosLost === 'number' ? r.json.photosLost : null;
      row(
        'bot',
        `photos lost (${r.json.users ?? '?'} people: 20 reports, then a 10-photo album)`,
        lost,
        '',
        '0',
        null,
        '',
        lost === null ? null : lost === 0,
      );
    }
  }
}

// ── the table ────────────────────────────────────────────────────────────────────────────
const [load1, load5, load15] = loadavg();
const machine = {
  cpuModel: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  loadAverage: [load1, load5, load15].map((n) => Math.round(n * 100) / 100),
};

const fmt = (v) => {
  if (v === null || v === undefined) return '—';
  if (typeof v !== 'number') return String(v);
  if (Number.isInteger(v)) return String(v);
  const abs = Math.abs(v);
  return abs >= 100 ? v.toFixed(0) : abs >= 10 ? v.toFixed(1) : v.toFixed(abs >= 1 ? 2 : 3);
};
const table = rows.map((r) => ({
  figure: `${r.part}: ${r.figure}`,
  value: r.note ?? `${fmt(r.value)}${r.unit ? ` ${r.unit}` : ''}`,
  target: r.target || '—',
  anchor: r.anchor === null ? '—' : `${fmt(r.anchor)} (${r.anchorLabel})`,
  ratio: r.ratio === null ? '—' : `${fmt(r.ratio)}×`,
  met: r.note
    ? r.failed
      ? 'FAILED'
      : 'not available'
    : r.met === null
      ? '—'
      : r.met
        ? 'yes'
        : 'NO',
}));
const headers = {
  figure: 'figure',
  value: 'value',
  target: 'target',
  anchor: 'anchor (same run)',
  ratio: 'ratio',
  met: 'met',
};
const widths = Object.fromEntries(
  Object.keys(headers).map((k) => [
    k,
    Math.max(headers[k].length, ...table.map((t) => t[k].length)),
  ]),
);
const line = (t) =>
  `| ${Object.keys(headers)
    .map((k) => t[k].padEnd(widths[k]))
    .join(' | ')} |`;
const text = [
  line(headers),
  `|${Object.keys(headers)
    .map((k) => '-'.repeat(widths[k] + 2))
    .join('|')}|`,
  ...table.map(line),
].join('\n');

console.log(
  `\n${quick ? 'Quick run (reduced; figures are indicative only)' : 'Full run'} — best of several runs per figure on a shared machine; expect noise.`,
);
console.log(
  `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, load average ${machine.loadAverage.join(' / ')}`,
);
console.log(text);
const missed = rows.filter((r) => r.met === false).map((r) => `${r.part}: ${r.figure}`);
if (missed.length > 0) console.log(`Targets missed: ${missed.join('; ')}`);
if (unavailable.length > 0) console.log(`Not available: ${[...new Set(unavailable)].join(', ')}`);

mkdirSync(join(root, 'bench'), { recursive: true });
writeFileSync(
  join(root, 'bench/results.json'),
  `${JSON.stringify({ date: new Date().toISOString(), quick, machine, rows, missed, crashed }, null, 2)}\n`,
);
console.log('Written to bench/results.json');

if (crashed.length > 0) {
  console.log(`Benchmarks that failed to run: ${crashed.join('; ')}`);
  process.exit(1);
}
