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
 * Targets (issue 4): the submissions list reaches ≥ 0.5× the bare route's req/s with
 * p99 ≤ 50 ms; the current period's evaluation answers in ≤ 200 ms.
 *
 *   pnpm --filter @jyxc/api bench [--quick] [--cpu-prof]   (profiles of the API go to artifacts/profiles)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const quick = process.argv.includes('--quick');
const profile = process.argv.includes('--cpu-prof');
const CONNECTIONS = 100;
const SECONDS = quick ? 2 : 8;
const ROUNDS = quick ? 1 : 3;
const EVALUATION_CONNECTIONS = 10;
const EVALUATION_SAMPLES = quick ? 5 : 15;
const LIST_RATIO_TARGET = 0.5;
const LIST_P99_TARGET_MS = 50;
const EVALUATION_TARGET_MS = 200;

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
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
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
}

async function load(
  url: string,
  cookie: string | null,
  seconds: number,
  connections = CONNECTIONS,
): Promise<Load> {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    headers: cookie ? { cookie } : {},
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

function best(loads: readonly Load[]): Load {
  const [first, ...rest] = loads;
  if (!first) throw new Error('no load round ran');
  return rest.reduce((a, b) => (b.reqPerSec > a.reqPerSec ? b : a), first);
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

const apiPort = await freePort();
let api: Server | null = null;
let bare: Server | null = null;
try {
  const started = performance.now();
  api = await startServer(
    [
      ...(profile
        ? ['--cpu-prof', `--cpu-prof-dir=${join(apiDir, '..', '..', 'artifacts', 'profiles')}`]
        : []),
      'src/main.ts',
    ],
    {
      NODE_ENV: 'production',
      DATABASE_URL: `file:${join(dir, 'bench.db')}`,
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      SEED_DEMO: '1',
      ADMIN_DIST: join(dir, 'no-console'),
      REMINDERS_INTERVAL_MS: String(3_600_000),
    },
    /is running at http:\/\/[^:]+:(\d+)\//,
  );
  console.log(`API started on a fresh demo county in ${round(performance.now() - started, 0)} ms`);
  const base = `http://127.0.0.1:${api.port}/api`;

  const login = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'Demo@2026' }),
  });
  if (login.status !== 200)
    throw new Error(`login answered ${login.status}: ${await login.text()}`);
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';

  const get = async (path: string): Promise<{ status: number; text: string; ms: number }> => {
    const t = performance.now();
    const response = await fetch(`${base}${path}`, { headers: { cookie } });
    const text = await response.text();
    return { status: response.status, text, ms: performance.now() - t };
  };

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

  for (const path of ['/dashboard', '/evaluation']) {
    const first = await get(path);
    if (first.status !== 200) throw new Error(`${path} answered ${first.status}: ${first.text}`);
  }

  // Single requests, one at a time: the evaluation's own answer time without queueing.
  const evaluationTimes: number[] = [];
  for (let i = 0; i < EVALUATION_SAMPLES; i++) evaluationTimes.push((await get('/evaluation')).ms);
  evaluationTimes.sort((a, b) => a - b);
  const evaluationMedian = evaluationTimes[Math.floor(evaluationTimes.length / 2)] ?? 0;
  const evaluationBest = evaluationTimes[0] ?? 0;

  const peakReset = resetPeak(api.child.pid ?? 0);
  const rounds: Record<'bare' | 'list' | 'dashboard' | 'evaluation', Load[]> = {
    bare: [],
    list: [],
    dashboard: [],
    evaluation: [],
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
  // Warm both servers' JIT before the measured rounds.
  await load(bareUrl, null, 1);
  await load(`${base}${listPath}`, cookie, 1);
  await idle();
  for (let r = 0; r < ROUNDS; r++) {
    rounds.bare.push(await load(bareUrl, null, SECONDS));
    await idle();
    rounds.list.push(await load(`${base}${listPath}`, cookie, SECONDS));
    await idle();
    rounds.dashboard.push(await load(`${base}/dashboard`, cookie, SECONDS));
    await idle();
    // A whole county's evaluation costs tens of milliseconds of CPU: 100 of them queued
    // outlast a short load, so this one is loaded with fewer connections.
    rounds.evaluation.push(
      await load(`${base}/evaluation`, cookie, SECONDS, EVALUATION_CONNECTIONS),
    );
    await idle();
  }
  const pid = api.child.pid ?? 0;
  const peakRss = procStatus(pid, 'VmHWM');

  const b = best(rounds.bare);
  const results = {
    bare: b,
    list: best(rounds.list),
    dashboard: best(rounds.dashboard),
    evaluation: best(rounds.evaluation),
  };
  for (const [name, r] of Object.entries(results)) {
    if (r.errors > 0 || r.non2xx > 0) {
      throw new Error(`${name}: ${r.errors} errors and ${r.non2xx} non-2xx answers under load`);
    }
  }

  const [load1, load5] = loadavg();
  console.log(
    `${CONNECTIONS} connections, ${SECONDS} s per load, best of ${ROUNDS} alternating round(s); ` +
      `${cpus().length} cores, load average ${round(load1 ?? 0, 2)} / ${round(load5 ?? 0, 2)} (1 / 5 min) — a shared machine, expect noise`,
  );
  console.log(`list page: ${listItems} items, ${listPage.text.length} bytes`);
  console.log('route                      req/s     p50 ms   p99 ms   bytes   × bare');
  for (const [name, r] of Object.entries(results)) {
    const label = name === 'evaluation' ? `evaluation (${EVALUATION_CONNECTIONS} conn.)` : name;
    console.log(
      `${label.padEnd(24)} ${round(r.reqPerSec, 0).toString().padStart(7)} ${r.p50.toString().padStart(8)} ${r.p99
        .toString()
        .padStart(
          8,
        )} ${round(r.bytesPerRequest, 0).toString().padStart(7)}   ${round(r.reqPerSec / b.reqPerSec, 3)}`,
    );
  }
  const listRatio = results.list.reqPerSec / b.reqPerSec;
  const listOk = listRatio >= LIST_RATIO_TARGET && results.list.p99 <= LIST_P99_TARGET_MS;
  const evaluationOk = evaluationMedian <= EVALUATION_TARGET_MS;
  console.log(
    `list: ${round(listRatio, 3)}× the bare route (target ≥ ${LIST_RATIO_TARGET}), p99 ${results.list.p99} ms (target ≤ ${LIST_P99_TARGET_MS}) ${listOk ? 'OK' : 'MISSED'}`,
  );
  console.log(
    `evaluation of the current period, one request at a time: median ${round(evaluationMedian)} ms, best ${round(evaluationBest)} ms of ${EVALUATION_SAMPLES} (target ≤ ${EVALUATION_TARGET_MS}) ${evaluationOk ? 'OK' : 'MISSED'}`,
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
      dashboard: figures(results.dashboard),
      evaluation: figures(results.evaluation),
      evaluationConnections: EVALUATION_CONNECTIONS,
      evaluationSingleMedianMs: round(evaluationMedian),
      evaluationSingleBestMs: round(evaluationBest),
      listRatioTarget: LIST_RATIO_TARGET,
      listP99TargetMs: LIST_P99_TARGET_MS,
      evaluationTargetMs: EVALUATION_TARGET_MS,
      peakRssBytes: peakRss,
      peakRssDuringLoadOnly: peakReset,
      loadAverage1m: round(load1 ?? 0, 2),
      ok: listOk && evaluationOk,
    })}`,
  );
} finally {
  await bare?.stop();
  await api?.stop();
  rmSync(dir, { recursive: true, force: true });
}
