/**
 * HTTP throughput of the busiest reads, measured against the product as it runs: the API
 * process (`src/main.ts`, production mode) on a fresh demo county in a temporary SQLite
 * file, logged in as the bureau's administrator, loaded by autocannon on loopback with 100
 * connections. The anchor is a bare Hono route on @hono/node-server answering a page of the
 * same size from memory, measured in the same run, so the ratio does not depend on how fast
 * or how busy the machine is.
 *
 * Each figure is the best of several alternating rounds: the machine is shared, and the best
 * round is the one least disturbed by other work.
 *
 * The API keeps answers of these reads until a write changes what they show (src/cache), so a
 * load of one page is answered from what it keeps. Beside it, "list, every request a miss"
 * loads the same list through hundreds of different pages (page sizes 15–25, adopted and not
 * adopted), with a write through the API every 200 ms that every page shows, so that no page
 * is ever answered from the cache; and the single-request times of the evaluation (the
 * target) and the dashboard are taken right after a write, i.e. computed.
 *
 * Export flood (issue 18): a school officer keeps ten .docx exports of a bulletin going (a
 * refused one waits as its Retry-After says), the data changes every 2 s so that each export
 * reads its document again (its file is rendered once and kept while the document is the
 * same), and meanwhile the administrator's list is loaded as above;
 * target: the list's p99 ≤ 100 ms. The same load with the same writes and no exports is
 * measured beside it, so that what the exports cost shows apart from the writes' misses.
 *
 * Mixed workload (issue 18): twenty officers of different units read their own list pages,
 * details and dashboards (600+ different pages) and write drafts in 5 % of the requests, over
 * 100 connections; targets ≥ 0.2× the bare route's req/s with p99 ≤ 150 ms. The list with every
 * request a miss: ≥ 0.12× the bare route.
 *
 * Targets (issue 4): the submissions list reaches ≥ 0.5× the bare route's req/s with
 * p99 ≤ 50 ms; the current period's evaluation answers in ≤ 200 ms.
 *
 * With `--postgres` the API runs on a new PostgreSQL database instead, for the list, its
 * misses and the mixed workload against the bare route with the same targets; then a second
 * API process is started on the same database, and the run reports how long after one
 * process has answered a write the other still shows what it kept (the cross-process
 * staleness window), and the mixed workload spread over both processes.
 *
 *   pnpm --filter @jyxc/api bench [--quick] [--cpu-prof]   (profiles of the API go to artifacts/profiles)
 *   pnpm --filter @jyxc/db with-postgres -- pnpm --filter @jyxc/api bench --postgres [--quick]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

import { API_NODE_ARGS } from '../node-args.mjs';

const quick = process.argv.includes('--quick');
const postgres = process.argv.includes('--postgres');
const profile = process.argv.includes('--cpu-prof');
const CONNECTIONS = 100;
const SECONDS = quick ? 2 : 8;
const ROUNDS = quick ? 1 : 3;
const EVALUATION_CONNECTIONS = 10;
const SINGLE_SAMPLES = quick ? 5 : 15;
/** How often the misses' load writes, so that no page is found kept. */
const MISS_WRITE_EVERY_MS = 200;
const LIST_RATIO_TARGET = 0.5;
const LIST_P99_TARGET_MS = 50;
/** Issue 18: the list with every request computed, against the bare route. */
const LIST_MISS_RATIO_TARGET = 0.12;
const EVALUATION_TARGET_MS = 200;
/** Exports one school officer keeps going during the export flood (issue 18). */
const FLOOD_EXPORTS = 10;
/** How often the data changes during the flood, so that exports read their document again. */
const FLOOD_WRITE_EVERY_MS = 2_000;
const FLOOD_P99_TARGET_MS = 100;
/** Mixed workload (issue 18): different users of different units, reads and some writes. */
const MIXED_USERS = 20;
const MIXED_WRITE_SHARE = 0.05;
const MIXED_MIN_PAGES = 600;
const MIXED_RATIO_TARGET = 0.2;
const MIXED_P99_TARGET_MS = 150;

const apiDir = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'jyxc-http-bench-'));

interface Server {
  readonly child: ChildProcess;
  readonly port: number;
  stop(): Promise<void>;
}

/** Starts a Node process with tsx and waits for the line that names its port. */
function startServer(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
): Promise<Server> {
  // The bare route runs as the API does, so that the ratio compares the code alone.
  const child = spawn(process.execPath, [...API_NODE_ARGS, ...args], {
    cwd: apiDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((resolveServer, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match?.[1]) {
        child.stdout?.off('data', onData);
        resolveServer({
          child,
          port: Number(match[1]),
          async stop() {
            if (child.exitCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(() =>
      reject(new Error(`${args.join(' ')} exited before it was ready:\n${output}`)),
    );
  });
}

/** A free port on loopback, picked by the system. */
async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((done, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

function procStatus(pid: number, field: 'VmHWM' | 'VmRSS'): number | null {
  const path = `/proc/${pid}/status`;
  if (!existsSync(path)) return null;
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(path, 'utf8'));
  return match?.[1] ? Number(match[1]) * 1024 : null;
}

/** Resets the peak-RSS counter so that the peak reflects the load, not the start-up seeding. */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

interface Load {
  readonly reqPerSec: number;
  readonly p50: number;
  readonly p99: number;
  readonly bytesPerRequest: number;
  readonly non2xx: number;
  readonly errors: number;
  /** The API process's CPU time per request answered, in µs (Linux), where it was measured. */
  readonly apiCpuUs?: number;
}

async function load(
  url: string,
  cookie: string | null,
  seconds: number,
  connections = CONNECTIONS,
  nextPath?: () => string,
): Promise<Load> {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    headers: cookie ? { cookie } : {},
    ...(nextPath === undefined
      ? {}
      : { requests: [{ setupRequest: (request) => ({ ...request, path: nextPath() }) }] }),
  });
  return {
    // Completed requests over the whole load; the per-second average leaves out seconds in
    // which no slow request happened to complete.
    reqPerSec: result.duration > 0 ? result.requests.total / result.duration : 0,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bytesPerRequest:
      result.requests.total > 0 ? result.throughput.total / result.requests.total : 0,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** CPU time (user and system) a process has used, in ms; null where /proc cannot tell. */
function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, in the kernel's clock ticks of 10 ms (USER_HZ is 100).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * `run`'s load with the CPU time the API process `pid` used per request answered: under the
 * misses' load the API's one thread is the limit, so this is what its rate follows.
 */
async function withApiCpu(pid: number, run: () => Promise<Load>): Promise<Load> {
  const before = cpuMs(pid);
  const measured = await run();
  const after = cpuMs(pid);
  const answered = measured.reqPerSec * SECONDS;
  if (before === null || after === null || answered === 0) return measured;
  return { ...measured, apiCpuUs: round(((after - before) * 1000) / answered, 0) };
}

/** The API's CPU per request of a load, as the summary lines say it, or nothing. */
function apiCpuText(r: Load): string {
  return r.apiCpuUs === undefined ? '' : `, the API's CPU ${r.apiCpuUs} µs per request`;
}

function best(loads: readonly Load[]): Load {
  const [first, ...rest] = loads;
  if (!first) throw new Error('no load round ran');
  return rest.reduce((a, b) => (b.reqPerSec > a.reqPerSec ? b : a), first);
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

const TABLE_HEADER = 'route                          req/s   p50 ms   p99 ms   bytes   × bare';

/** One line of the printed table: a load's figures and its ratio to the bare route's. */
function tableLine(label: string, r: Load, bare: Load): string {
  const columns = [
    [round(r.reqPerSec, 0), 7],
    [r.p50, 8],
    [r.p99, 8],
    [round(r.bytesPerRequest, 0), 7],
  ] as const;
  const figures = columns.map(([value, width]) => value.toString().padStart(width)).join(' ');
  return `${label.padEnd(28)} ${figures}   ${round(r.reqPerSec / bare.reqPerSec, 3)}`;
}

/**
 * The benchmark's database: a temporary SQLite file, or with `--postgres` a new database on
 * the server TEST_POSTGRES_URL names (`pnpm --filter @jyxc/db with-postgres` starts one).
 */
async function benchDatabase(): Promise<string> {
  if (!postgres) return `file:${join(dir, 'bench.db')}`;
  const server = process.env.TEST_POSTGRES_URL;
  if (!server) {
    throw new Error(
      '--postgres needs a server: run it as pnpm --filter @jyxc/db with-postgres -- pnpm --filter @jyxc/api bench --postgres',
    );
  }
  const name = `jyxc_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Starts the API on the benchmark's database, logged in as the administrator. The first one
 * seeds the demo county; another one started on the same database finds it there.
 */
async function startApi(databaseUrl: string) {
  const started = performance.now();
  const server = await startServer(
    [
      ...(profile
        ? ['--cpu-prof', `--cpu-prof-dir=${join(apiDir, '..', '..', 'artifacts', 'profiles')}`]
        : []),
      'src/main.ts',
    ],
    {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      SEED_DEMO: '1',
      ADMIN_DIST: join(dir, 'no-console'),
      REMINDERS_INTERVAL_MS: String(3_600_000),
    },
    /is running at http:\/\/[^:]+:(\d+)\//,
  );
  const startMs = performance.now() - started;
  const base = `http://127.0.0.1:${server.port}/api`;
  const login = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'Qinghe@2026' }),
  });
  if (login.status !== 200)
    throw new Error(`login answered ${login.status}: ${await login.text()}`);
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
  const { user } = (await login.json()) as { user: { id: string; unit: { id: string } } };
  const get = async (path: string): Promise<{ status: number; text: string; ms: number }> => {
    const t = performance.now();
    const response = await fetch(`${base}${path}`, { headers: { cookie } });
    const text = await response.text();
    return { status: response.status, text, ms: performance.now() - t };
  };
  /**
   * A small write through the API (the bureau's staff count, alternating), which makes every
   * kept list page, dashboard, evaluation and bulletin file stale: each shows unit names or
   * figures, so the next request of any of them is computed. (A write the pages do not show,
   * such as a link code, leaves them kept: caches follow what each write changed.)
   */
  let writes = 0;
  const write = async () => {
    writes += 1;
    const response = await fetch(`${base}/units/${user.unit.id}`, {
      method: 'PATCH',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ staffCount: 40 + (writes % 2) }),
    });
    if (response.status !== 200) {
      throw new Error(`the write answered ${response.status}: ${await response.text()}`);
    }
  };
  // When a load ends, the server still works through the requests it had accepted (a
  // hundred dashboards are seconds of work); the next load starts only once it is idle again,
  // or its latencies would include the previous route's backlog.
  const idle = async () => {
    for (let calm = 0, tries = 0; calm < 3 && tries < 600; tries++) {
      const t = performance.now();
      await (await fetch(`${base}/health`)).text();
      calm = performance.now() - t < 25 ? calm + 1 : 0;
    }
  };
  return { server, base, cookie, get, write, idle, startMs };
}

/** Single requests, one at a time: an answer's own time without queueing. */
async function singles(
  get: (path: string) => Promise<{ ms: number }>,
  path: string,
  before?: () => Promise<void>,
) {
  const times: number[] = [];
  for (let i = 0; i < SINGLE_SAMPLES; i++) {
    await before?.();
    times.push((await get(path)).ms);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)] ?? 0, best: times[0] ?? 0 };
}

/**
 * Other users' list while a school officer keeps {@link FLOOD_EXPORTS} .docx exports going.
 * A refused export waits as its Retry-After says, as a browser's retry would.
 */
async function exportFlood(running: Awaited<ReturnType<typeof startApi>>, exports: number) {
  const { base, cookie, write, idle } = running;
  const login = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'cg01_xxy', password: 'Qinghe@2026' }),
  });
  if (login.status !== 200) throw new Error(`the officer's login answered ${login.status}`);
  const officer = login.headers.get('set-cookie')?.split(';')[0] ?? '';
  const now = new Date();
  const half = now.getUTCMonth() < 6 ? 'H1' : 'H2';
  const created = await fetch(`${base}/bulletins`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ period: `${now.getUTCFullYear()}-${half}` }),
  });
  const listed = (await (await fetch(`${base}/bulletins`, { headers: { cookie } })).json()) as {
    items: { id: string }[];
  };
  const id =
    created.status === 201 || created.status === 200
      ? ((await created.json()) as { id: string }).id
      : listed.items[0]?.id;
  if (id === undefined)
    throw new Error(`no bulletin to export (create answered ${created.status})`);
  let stop = false;
  let rendered = 0;
  let refused = 0;
  const exporter = async () => {
    while (!stop) {
      const response = await fetch(`${base}/bulletins/${id}/export.docx`, {
        headers: { cookie: officer },
      });
      await response.arrayBuffer();
      if (response.status === 200) rendered += 1;
      else if (response.status === 429) {
        refused += 1;
        const seconds = Number(response.headers.get('retry-after') ?? '1');
        await new Promise((done) => setTimeout(done, seconds * 1000));
      } else throw new Error(`an export answered ${response.status}`);
    }
  };
  const changes = setInterval(() => void write().catch(() => undefined), FLOOD_WRITE_EVERY_MS);
  const exporters = Array.from({ length: exports }, exporter);
  let during: Load;
  try {
    // The exports get going before the measured load starts.
    await new Promise((done) => setTimeout(done, 1000));
    during = await load(
      `${base}${'/submissions?state=adopted&page=2&pageSize=20'}`,
      cookie,
      SECONDS,
    );
  } finally {
    stop = true;
    clearInterval(changes);
    await Promise.allSettled(exporters);
  }
  await idle();
  return { load: during, rendered, refused };
}

/** One request of the mixed workload, as autocannon sends it. */
interface MixedRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/**
 * The mixed workload (issue 18): {@link MIXED_USERS} officers of different units, each
 * reading the pages the console shows them — their list (page sizes 10–30, every page, all
 * items or one category), the detail of each item on it, their dashboard — and writing a
 * draft in {@link MIXED_WRITE_SHARE} of the requests. Each user sees only their unit's data,
 * so the pages differ by user as well as by page. This logs the users in and lists the pages.
 */
async function prepareMixed(running: Awaited<ReturnType<typeof startApi>>) {
  const { base, cookie } = running;
  const people = (await (
    await fetch(`${base}/people?role=officer&pageSize=200`, { headers: { cookie } })
  ).json()) as { items: { username: string; active: boolean; unit: { id: string } }[] };
  const byUnit = new Map<string, string>();
  for (const person of people.items)
    if (person.active && !byUnit.has(person.unit.id)) byUnit.set(person.unit.id, person.username);
  const users: string[] = [];
  for (const username of [...byUnit.values()].slice(0, MIXED_USERS)) {
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'Qinghe@2026' }),
    });
    if (login.status === 200) users.push(login.headers.get('set-cookie')?.split(';')[0] ?? '');
  }
  if (users.length < MIXED_USERS)
    throw new Error(`only ${users.length} of ${MIXED_USERS} officers of different units logged in`);

  const reads: MixedRequest[] = [];
  for (const user of users) {
    const headers = { cookie: user };
    reads.push({ method: 'GET', path: '/api/dashboard', headers });
    const all = (await (await fetch(`${base}/submissions?pageSize=100`, { headers })).json()) as {
      items: { id: string }[];
      total: number;
    };
    for (const item of all.items)
      reads.push({ method: 'GET', path: `/api/submissions/${item.id}`, headers });
    // Every page of the list, and of the list of one category, at page sizes 10 to 30.
    const activities = (
      (await (
        await fetch(`${base}/submissions?category=activity&pageSize=1`, { headers })
      ).json()) as { total: number }
    ).total;
    for (const [filter, total] of [
      ['', all.total],
      ['&category=activity', activities],
    ] as const)
      for (let size = 10; size <= 30; size++)
        for (let page = 1; (page - 1) * size < total; page++)
          reads.push({
            method: 'GET',
            path: `/api/submissions?page=${page}&pageSize=${size}${filter}`,
            headers,
          });
  }
  if (reads.length < MIXED_MIN_PAGES)
    throw new Error(`only ${reads.length} different pages for the mixed workload`);
  // Spread each user's pages over the run instead of one user after another.
  for (let i = reads.length - 1; i > 0; i--) {
    const j = (i * 7919) % (i + 1);
    [reads[i], reads[j]] = [reads[j] as MixedRequest, reads[i] as MixedRequest];
  }
  return { users, reads };
}

type Mixed = Awaited<ReturnType<typeof prepareMixed>>;

/** The mixed workload against the API at `base` over `connections` connections. */
async function runMixed(base: string, { users, reads }: Mixed, connections = CONNECTIONS) {
  let sent = 0;
  let writes = 0;
  const everyWrite = Math.round(1 / MIXED_WRITE_SHARE);
  const next = (): MixedRequest => {
    sent += 1;
    if (sent % everyWrite === 0) {
      writes += 1;
      const user = users[writes % users.length] ?? '';
      return {
        method: 'POST',
        path: '/api/submissions',
        headers: { cookie: user, 'content-type': 'application/json' },
        body: JSON.stringify({
          title: `压测草稿 ${writes}`,
          body: '本校开展了主题教育活动，师生积极参与。',
          category: 'activity',
          eventAt: new Date().toISOString(),
        }),
      };
    }
    return reads[sent % reads.length] as MixedRequest;
  };
  const result = await autocannon({
    url: `${base}/health`,
    connections,
    duration: SECONDS,
    requests: [{ setupRequest: (request) => ({ ...request, ...next() }) }],
  });
  const mixed: Load = {
    reqPerSec: result.duration > 0 ? result.requests.total / result.duration : 0,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bytesPerRequest:
      result.requests.total > 0 ? result.throughput.total / result.requests.total : 0,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
  return { load: mixed, pages: reads.length, users: users.length, writes };
}

async function mixedWorkload(running: Awaited<ReturnType<typeof startApi>>) {
  return runMixed(running.base, await prepareMixed(running));
}

/** How many writes the cross-process staleness is measured over. */
const STALENESS_SAMPLES = quick ? 10 : 30;

/**
 * The cross-process staleness window (issue 18): how long after API process `a` has answered
 * a write, process `b` still answers from what it kept before it. An officer's own list is
 * read through `b` (and so kept there), a draft it shows is written through `a`, and the list
 * is read through `b` again and again until it shows the draft.
 */
async function staleness(
  a: Awaited<ReturnType<typeof startApi>>,
  b: Awaited<ReturnType<typeof startApi>>,
) {
  const login = await fetch(`${a.base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'cg01_xxy', password: 'Qinghe@2026' }),
  });
  if (login.status !== 200) throw new Error(`the officer's login answered ${login.status}`);
  // Sessions live in the database: the same cookie is good on both processes.
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
  const newest = async () =>
    (
      (await (
        await fetch(`${b.base}/submissions?author=me&pageSize=1`, { headers: { cookie } })
      ).json()) as { items: { id: string }[] }
    ).items[0]?.id;
  const windows: number[] = [];
  let firstRead = 0;
  for (let i = 0; i < STALENESS_SAMPLES; i++) {
    await newest();
    const created = await fetch(`${a.base}/submissions`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: `跨进程草稿 ${i}`,
        body: '检验另一个进程多久能看到这篇草稿。',
        category: 'activity',
        eventAt: new Date().toISOString(),
      }),
    });
    if (created.status !== 201) throw new Error(`the draft answered ${created.status}`);
    const { id } = (await created.json()) as { id: string };
    const written = performance.now();
    for (let reads = 1; ; reads++) {
      if ((await newest()) === id) {
        if (reads === 1) firstRead += 1;
        break;
      }
      if (performance.now() - written > 10_000) {
        throw new Error('the other process did not show the write within 10 s');
      }
    }
    windows.push(performance.now() - written);
  }
  windows.sort((x, y) => x - y);
  return {
    samples: windows.length,
    shownOnFirstRead: firstRead,
    medianMs: windows[Math.floor(windows.length / 2)] ?? 0,
    maxMs: windows.at(-1) ?? 0,
  };
}

/**
 * On PostgreSQL (`--postgres`): the list with every request a miss and the mixed workload
 * against the bare route, as on SQLite; then a second API process on the same database, the
 * staleness window between them, and the mixed workload spread over both (no target: two
 * processes share the same two cores).
 */
async function postgresRows(
  api: Awaited<ReturnType<typeof startApi>>,
  databaseUrl: string,
  bareUrl: string,
  listPath: string,
  missPath: () => string,
  missPages: number,
) {
  const { base, cookie, write, idle } = api;
  const rounds: Record<'bare' | 'list' | 'listMiss', Load[]> = { bare: [], list: [], listMiss: [] };
  await load(bareUrl, null, 1);
  await load(`${base}${listPath}`, cookie, 1);
  await idle();
  for (let r = 0; r < ROUNDS; r++) {
    rounds.bare.push(await load(bareUrl, null, SECONDS));
    await idle();
    rounds.list.push(await load(`${base}${listPath}`, cookie, SECONDS));
    await idle();
    const writer = setInterval(() => void write().catch(() => undefined), MISS_WRITE_EVERY_MS);
    try {
      rounds.listMiss.push(
        await withApiCpu(api.server.child.pid ?? 0, () =>
          load(`${base}${listPath}`, cookie, SECONDS, CONNECTIONS, missPath),
        ),
      );
    } finally {
      clearInterval(writer);
    }
    await idle();
  }
  const prepared = await prepareMixed(api);
  const mixed = await runMixed(base, prepared);
  await idle();

  const second = await startApi(databaseUrl);
  let window: Awaited<ReturnType<typeof staleness>>;
  let both: Awaited<ReturnType<typeof runMixed>>[];
  try {
    window = await staleness(api, second);
    await second.idle();
    both = await Promise.all(
      [api, second].map((each) => runMixed(each.base, prepared, CONNECTIONS / 2)),
    );
  } finally {
    await second.server.stop();
  }
  const b = best(rounds.bare);
  const results = { list: best(rounds.list), listMiss: best(rounds.listMiss), mixed: mixed.load };
  for (const [name, r] of [
    ...Object.entries(results),
    ...both.map((m, i) => [`process ${i + 1}`, m.load] as const),
  ]) {
    if (r.errors > 0 || r.non2xx > 0)
      throw new Error(`${name}: ${r.errors} errors and ${r.non2xx} non-2xx answers under load`);
  }
  const twoReqPerSec = both.reduce((sum, m) => sum + m.load.reqPerSec, 0);
  const twoP99 = Math.max(...both.map((m) => m.load.p99));
  const ratio = (r: Load) => round(r.reqPerSec / b.reqPerSec, 3);
  const mixedOk = ratio(mixed.load) >= MIXED_RATIO_TARGET && mixed.load.p99 <= MIXED_P99_TARGET_MS;
  console.log(
    `PostgreSQL; ${CONNECTIONS} connections, ${SECONDS} s per load, best of ${ROUNDS} round(s)`,
  );
  console.log(TABLE_HEADER);
  for (const [label, r] of [
    ['bare', b],
    ['list', results.list],
    ['list, every request a miss', results.listMiss],
    [`mixed, ${mixed.users} users`, mixed.load],
  ] as const) {
    console.log(tableLine(label, r, b));
  }
  console.log(
    `mixed workload on PostgreSQL: ${ratio(mixed.load)}× bare (target ≥ ${MIXED_RATIO_TARGET}), p99 ${mixed.load.p99} ms (target ≤ ${MIXED_P99_TARGET_MS}) ${mixedOk ? 'OK' : 'MISSED'}; ` +
      `every request a miss: ${ratio(results.listMiss)}× (target ≥ ${LIST_MISS_RATIO_TARGET})${apiCpuText(results.listMiss)}`,
  );
  console.log(
    `two API processes on one database, ${CONNECTIONS / 2} connections each: ${round(twoReqPerSec, 0)} req/s together ` +
      `(${round(twoReqPerSec / b.reqPerSec, 3)}× bare), p99 of the slower ${twoP99} ms`,
  );
  console.log(
    `staleness across processes over ${window.samples} writes: median ${round(window.medianMs)} ms, max ${round(window.maxMs)} ms ` +
      `until the other process showed the write; shown on the first read after it in ${window.shownOnFirstRead}`,
  );
  const figures = (r: Load) => ({
    reqPerSec: round(r.reqPerSec, 0),
    p50Ms: r.p50,
    p99Ms: r.p99,
    ratioToBare: round(r.reqPerSec / b.reqPerSec, 4),
    ...(r.apiCpuUs === undefined ? {} : { apiCpuUs: r.apiCpuUs }),
  });
  console.log(
    `BENCH_JSON ${JSON.stringify({
      quick,
      database: 'postgresql',
      connections: CONNECTIONS,
      seconds: SECONDS,
      rounds: ROUNDS,
      bare: figures(b),
      list: figures(results.list),
      listMiss: figures(results.listMiss),
      listMissPages: missPages,
      listMissRatioTarget: LIST_MISS_RATIO_TARGET,
      mixed: {
        ...figures(mixed.load),
        users: mixed.users,
        pages: mixed.pages,
        writes: mixed.writes,
        writeShare: MIXED_WRITE_SHARE,
        ratioTarget: MIXED_RATIO_TARGET,
        p99TargetMs: MIXED_P99_TARGET_MS,
        ok: mixedOk,
      },
      twoProcesses: {
        reqPerSec: round(twoReqPerSec, 0),
        ratioToBare: round(twoReqPerSec / b.reqPerSec, 4),
        p99Ms: twoP99,
        staleness: {
          samples: window.samples,
          shownOnFirstRead: window.shownOnFirstRead,
          medianMs: round(window.medianMs),
          maxMs: round(window.maxMs),
        },
      },
      loadAverage1m: round(loadavg()[0] ?? 0, 2),
      ok: mixedOk && ratio(results.listMiss) >= LIST_MISS_RATIO_TARGET,
    })}`,
  );
}

const loadAverageAtStart = loadavg()[0] ?? 0;
let api: Awaited<ReturnType<typeof startApi>> | null = null;
let bare: Server | null = null;
let writer: NodeJS.Timeout | null = null;
try {
  const databaseUrl = await benchDatabase();
  api = await startApi(databaseUrl);
  console.log(`API started on a fresh demo county in ${round(api.startMs, 0)} ms`);
  const { base, cookie, get, write, idle } = api;

  // The console's list as a bureau reviewer opens it: this half-year, filtered by state, page 2.
  const listPath = '/submissions?state=adopted&page=2&pageSize=20';
  const listPage = await get(listPath);
  if (listPage.status !== 200)
    throw new Error(`the list answered ${listPage.status}: ${listPage.text}`);
  const listItems = (JSON.parse(listPage.text) as { items: unknown[] }).items.length;
  const pageFile = join(dir, 'page.json');
  writeFileSync(pageFile, listPage.text);
  bare = await startServer(
    [join(apiDir, 'bench', 'bare-server.ts'), pageFile],
    {},
    /listening on (\d+)/,
  );
  const bareUrl = `http://127.0.0.1:${bare.port}/page`;

  // Pages of about the same size as the measured one, each different: page sizes 15 to 25,
  // every full page of the adopted and of the not adopted items.
  const missPaths: string[] = [];
  for (const state of ['adopted', 'not_adopted']) {
    const total = (
      JSON.parse((await get(`/submissions?state=${state}&pageSize=1`)).text) as {
        total: number;
      }
    ).total;
    for (let size = 15; size <= 25; size++) {
      for (let page = 1; page * size <= total; page++) {
        missPaths.push(`/api/submissions?state=${state}&page=${page}&pageSize=${size}`);
      }
    }
  }
  let nextMiss = 0;
  const missPath = () => missPaths[nextMiss++ % missPaths.length] ?? listPath;

  if (postgres) {
    await postgresRows(api, databaseUrl, bareUrl, listPath, missPath, missPaths.length);
  } else {
    for (const path of ['/dashboard', '/evaluation']) {
      const first = await get(path);
      if (first.status !== 200) throw new Error(`${path} answered ${first.status}: ${first.text}`);
    }
    const evaluationKept = await singles(get, '/evaluation');
    const evaluationComputed = await singles(get, '/evaluation', write);
    const dashboardComputed = await singles(get, '/dashboard', write);

    const peakReset = resetPeak(api.server.child.pid ?? 0);
    const rounds: Record<'bare' | 'list' | 'listMiss' | 'dashboard' | 'evaluation', Load[]> = {
      bare: [],
      list: [],
      listMiss: [],
      dashboard: [],
      evaluation: [],
    };
    // Warm both servers' JIT before the measured rounds.
    await load(bareUrl, null, 1);
    await load(`${base}${listPath}`, cookie, 1);
    await idle();
    for (let r = 0; r < ROUNDS; r++) {
      rounds.bare.push(await load(bareUrl, null, SECONDS));
      await idle();
      rounds.list.push(await load(`${base}${listPath}`, cookie, SECONDS));
      await idle();
      // A write every 200 ms: fewer requests than there are different pages come in between,
      // so none of them finds its page kept.
      writer = setInterval(() => void write().catch(() => undefined), MISS_WRITE_EVERY_MS);
      rounds.listMiss.push(
        await withApiCpu(api.server.child.pid ?? 0, () =>
          load(`${base}${listPath}`, cookie, SECONDS, CONNECTIONS, missPath),
        ),
      );
      clearInterval(writer);
      writer = null;
      await idle();
      rounds.dashboard.push(await load(`${base}/dashboard`, cookie, SECONDS));
      await idle();
      // Kept or not, an evaluation is a 46 kB answer; loaded with fewer connections as before,
      // so that the figures compare with earlier runs.
      rounds.evaluation.push(
        await load(`${base}/evaluation`, cookie, SECONDS, EVALUATION_CONNECTIONS),
      );
      await idle();
    }
    const mixed = await mixedWorkload(api);
    await idle();
    // The same load with the data changing as often but no exports: what the exports add.
    const floodBaseline = await exportFlood(api, 0);
    const flood = await exportFlood(api, FLOOD_EXPORTS);
    const pid = api.server.child.pid ?? 0;
    const peakRss = procStatus(pid, 'VmHWM');

    const b = best(rounds.bare);
    const results = {
      bare: b,
      list: best(rounds.list),
      listMiss: best(rounds.listMiss),
      dashboard: best(rounds.dashboard),
      evaluation: best(rounds.evaluation),
    };
    for (const [name, r] of Object.entries(results)) {
      if (r.errors > 0 || r.non2xx > 0) {
        throw new Error(`${name}: ${r.errors} errors and ${r.non2xx} non-2xx answers under load`);
      }
    }
    const missesPerWindow = (results.listMiss.reqPerSec * MISS_WRITE_EVERY_MS) / 1000;
    if (missesPerWindow >= missPaths.length) {
      throw new Error(
        `${round(missesPerWindow, 0)} requests between writes but only ${missPaths.length} different pages: some were answered from the cache`,
      );
    }

    if (mixed.load.errors > 0 || mixed.load.non2xx > 0) {
      throw new Error(
        `mixed workload: ${mixed.load.errors} errors and ${mixed.load.non2xx} non-2xx answers`,
      );
    }
    if (flood.load.errors > 0 || flood.load.non2xx > 0) {
      throw new Error(
        `list during the export flood: ${flood.load.errors} errors and ${flood.load.non2xx} non-2xx answers`,
      );
    }
    const [load1, load5] = loadavg();
    console.log(
      `${CONNECTIONS} connections, ${SECONDS} s per load, best of ${ROUNDS} alternating round(s); ` +
        `${cpus().length} cores, load average (1 min) ${round(loadAverageAtStart, 2)} at the start, ` +
        `${round(load1 ?? 0, 2)} at the end (5 min: ${round(load5 ?? 0, 2)}) — a shared machine, expect noise`,
    );
    console.log(
      `list page: ${listItems} items, ${listPage.text.length} bytes; ${missPaths.length} different pages for the misses`,
    );
    console.log(TABLE_HEADER);
    const labels: Record<keyof typeof results, string> = {
      bare: 'bare',
      list: 'list',
      listMiss: 'list, every request a miss',
      dashboard: 'dashboard',
      evaluation: `evaluation (${EVALUATION_CONNECTIONS} conn.)`,
    };
    for (const name of ['bare', 'list', 'listMiss', 'dashboard', 'evaluation'] as const) {
      const r = results[name];
      console.log(tableLine(labels[name], r, b));
    }
    const mixedRatio = mixed.load.reqPerSec / b.reqPerSec;
    const mixedOk = mixedRatio >= MIXED_RATIO_TARGET && mixed.load.p99 <= MIXED_P99_TARGET_MS;
    console.log(tableLine(`mixed, ${mixed.users} users`, mixed.load, b));
    console.log(
      `mixed workload: ${mixed.users} officers of different units, ${mixed.pages} different pages (list, detail, dashboard), ` +
        `${mixed.writes} drafts written (${MIXED_WRITE_SHARE * 100} %); ${round(mixedRatio, 3)}× bare (target ≥ ${MIXED_RATIO_TARGET}), ` +
        `p99 ${mixed.load.p99} ms (target ≤ ${MIXED_P99_TARGET_MS}) ${mixedOk ? 'OK' : 'MISSED'}`,
    );
    const floodOk = flood.load.p99 <= FLOOD_P99_TARGET_MS;
    console.log(tableLine('list, data changing, no export', floodBaseline.load, b));
    console.log(tableLine(`list while ${FLOOD_EXPORTS} exports run`, flood.load, b));
    console.log(
      `export flood: ${flood.rendered} .docx files answered, ${flood.refused} refused with 429 (Retry-After honoured), ` +
        `data changed every ${FLOOD_WRITE_EVERY_MS / 1000} s; other users' p99 ${flood.load.p99} ms (target ≤ ${FLOOD_P99_TARGET_MS}) ${floodOk ? 'OK' : 'MISSED'}`,
    );
    const listRatio = results.list.reqPerSec / b.reqPerSec;
    const listOk = listRatio >= LIST_RATIO_TARGET && results.list.p99 <= LIST_P99_TARGET_MS;
    const evaluationOk = evaluationComputed.median <= EVALUATION_TARGET_MS;
    console.log(
      `list: ${round(listRatio, 3)}× the bare route (target ≥ ${LIST_RATIO_TARGET}), p99 ${results.list.p99} ms (target ≤ ${LIST_P99_TARGET_MS}) ${listOk ? 'OK' : 'MISSED'}; ` +
        `every request a miss: ${round(results.listMiss.reqPerSec / b.reqPerSec, 3)}×, p99 ${results.listMiss.p99} ms${apiCpuText(results.listMiss)}`,
    );
    console.log(
      `evaluation of the current period, one request at a time, right after a write: median ${round(evaluationComputed.median)} ms, best ${round(evaluationComputed.best)} ms of ${SINGLE_SAMPLES} (target ≤ ${EVALUATION_TARGET_MS}) ${evaluationOk ? 'OK' : 'MISSED'}; ` +
        `kept: median ${round(evaluationKept.median, 2)} ms`,
    );
    console.log(
      `dashboard, one request at a time, right after a write: median ${round(dashboardComputed.median)} ms, best ${round(dashboardComputed.best)} ms`,
    );
    console.log(
      `API peak RSS ${peakReset ? 'during the load' : 'since start (the peak counter could not be reset)'}: ${
        peakRss === null ? 'not available' : `${round(peakRss / 2 ** 20)} MiB`
      }`,
    );
    const figures = (r: Load) => ({
      reqPerSec: round(r.reqPerSec, 0),
      p50Ms: r.p50,
      p99Ms: r.p99,
      ratioToBare: round(r.reqPerSec / b.reqPerSec, 4),
      ...(r.apiCpuUs === undefined ? {} : { apiCpuUs: r.apiCpuUs }),
    });
    console.log(
      `BENCH_JSON ${JSON.stringify({
        quick,
        connections: CONNECTIONS,
        seconds: SECONDS,
        rounds: ROUNDS,
        database: 'sqlite',
        listPath,
        listPageBytes: listPage.text.length,
        bare: figures(results.bare),
        list: figures(results.list),
        listMiss: figures(results.listMiss),
        listMissPages: missPaths.length,
        listMissRatioTarget: LIST_MISS_RATIO_TARGET,
        dashboard: figures(results.dashboard),
        evaluation: figures(results.evaluation),
        evaluationConnections: EVALUATION_CONNECTIONS,
        // Right after a write: computed, as the target means it.
        evaluationSingleMedianMs: round(evaluationComputed.median),
        evaluationSingleBestMs: round(evaluationComputed.best),
        evaluationSingleKeptMedianMs: round(evaluationKept.median, 2),
        dashboardSingleComputedMedianMs: round(dashboardComputed.median),
        listRatioTarget: LIST_RATIO_TARGET,
        listP99TargetMs: LIST_P99_TARGET_MS,
        evaluationTargetMs: EVALUATION_TARGET_MS,
        mixed: {
          ...figures(mixed.load),
          users: mixed.users,
          pages: mixed.pages,
          writes: mixed.writes,
          writeShare: MIXED_WRITE_SHARE,
          ratioTarget: MIXED_RATIO_TARGET,
          p99TargetMs: MIXED_P99_TARGET_MS,
          ok: mixedOk,
        },
        exportFlood: {
          exports: FLOOD_EXPORTS,
          listDuring: figures(flood.load),
          listWithoutExports: figures(floodBaseline.load),
          rendered: flood.rendered,
          refused: flood.refused,
          p99TargetMs: FLOOD_P99_TARGET_MS,
          ok: floodOk,
        },
        peakRssBytes: peakRss,
        peakRssDuringLoadOnly: peakReset,
        loadAverage1m: round(load1 ?? 0, 2),
        loadAverage1mAtStart: round(loadAverageAtStart, 2),
        ok: listOk && evaluationOk && floodOk && mixedOk,
      })}`,
    );
  }
} finally {
  if (writer !== null) clearInterval(writer);
  await bare?.stop();
  await api?.server.stop();
  rmSync(dir, { recursive: true, force: true });
}
