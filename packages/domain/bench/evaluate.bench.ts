/**
 * Benchmark of `evaluate` (rules §6), with the three targets of the evaluation:
 *
 * 1. a realistic county-year (40 units, 4,000 items, 5,000 adoptions): at most 2 ms CPU, median;
 * 2. 100,000 items / 150,000 adoptions: at most 0.6× a SQLite GROUP BY of the same rows (medians
 *    of the same run), a query that computes only the tiered adoption points per unit;
 * 3. the heap retained once `evaluate` has returned: at most 1 MB at every size.
 *
 * For comparison it also times the plain rules (`evaluateByRules`, the specification, which
 * `evaluate` does not run) and an `Evaluator` held between calls, and shows what that keeps.
 *
 * Usage: `pnpm --filter @jyxc/domain bench` or `… bench --quick` (the large county a tenth as
 * large); `--shuffled` feeds adoptions in random order. Needs `node --expose-gc` (the script
 * passes it). The last line is `BENCH_JSON {…}`.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import {
  defaultScheme,
  evaluate,
  evaluateByRules,
  Evaluator,
  periodRange,
  type EvaluationInput,
} from '../src/index.js';
import {
  syntheticCounty,
  type County,
  type CountyShape,
} from '../src/test-support/synthetic-county.js';

const quick = process.argv.includes('--quick');
const shuffled = process.argv.includes('--shuffled');
const YEAR = 2026;
const HOUR = 3_600_000;

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc (pnpm bench does)');

/** The targets of the evaluation. */
const COUNTY_TARGET_MS = 2;
const RATIO_TARGET = 0.6;
const RETAINED_TARGET_MB = 1;

/** A county as bureaus have them: 10 township centers with 20 schools, 9 direct units. */
const countyYear: CountyShape = {
  units: 40,
  townshipCenters: 10,
  directUnits: 9,
  submissions: 4_000,
  adoptions: 5_000,
  incidents: 100,
  adjustments: 20,
  unreportedMajors: 1,
};
/** A large county, or a tenth of it with `--quick`. */
const large: CountyShape = {
  units: 300,
  townshipCenters: 24,
  directUnits: 36,
  submissions: quick ? 10_000 : 100_000,
  adoptions: quick ? 15_000 : 150_000,
  incidents: quick ? 500 : 5_000,
  adjustments: 200,
  unreportedMajors: 5,
};

interface Timing {
  /** Median of the measured runs, in CPU milliseconds of this process. */
  readonly median: number;
  /** Best of the measured runs, in CPU milliseconds. */
  readonly min: number;
  /** Median wall-clock milliseconds (includes waiting for the CPU on a busy machine). */
  readonly wall: number;
}

/**
 * Runs `fn` `warmup` times (so that the JIT has optimised it), then times `runs` runs. Time is
 * the CPU time of this process (user + system), so that other work on a shared machine counts
 * against neither side; both sides run synchronously on this thread.
 */
function time(warmup: number, runs: number, fn: () => unknown): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    fn();
    wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const mid = (xs: number[]): number =>
    [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;
  return { median: mid(cpu), min: Math.min(...cpu), wall: mid(wall) };
}

const scheme = defaultScheme(YEAR);
const inputOf = (county: County): EvaluationInput => ({
  scheme,
  period: { year: YEAR, kind: 'Y' },
  ...county,
});

/** Bytes on the heap and in array buffers after two full collections. */
async function settled(): Promise<number> {
  for (let k = 0; k < 3; k++) {
    gc!();
    // Array buffers are freed by background threads after a collection; let them finish.
    await new Promise((done) => setTimeout(done, 20));
  }
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

function timeSqlite(county: County, warmup: number, runs: number): Timing {
  const db = new Database(':memory:');
  db.exec(`
    CREATE TABLE units (id TEXT PRIMARY KEY, evaluated_id TEXT);
    CREATE TABLE submissions (id TEXT PRIMARY KEY, unit_id TEXT NOT NULL, category TEXT NOT NULL,
      event_at INTEGER NOT NULL, submitted_to_bureau_at INTEGER);
    CREATE TABLE adoption_credits (adoption_id TEXT NOT NULL, submission_id TEXT NOT NULL,
      level TEXT NOT NULL, headline INTEGER NOT NULL, published_at INTEGER NOT NULL);
  `);
  const unitRow = db.prepare('INSERT INTO units VALUES (?, ?)');
  const subRow = db.prepare('INSERT INTO submissions VALUES (?, ?, ?, ?, ?)');
  const creditRow = db.prepare('INSERT INTO adoption_credits VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const u of county.units) {
      const evaluatedId = u.kind === 'school' ? u.parentId : u.kind === 'bureau' ? null : u.id;
      unitRow.run(u.id, evaluatedId);
    }
    for (const s of county.submissions)
      subRow.run(s.id, s.unitId, s.category, s.eventAt, s.submittedToBureauAt);
    for (const a of county.adoptions) {
      for (const id of a.submissionIds)
        creditRow.run(a.id, id, a.level, a.headline ? 1 : 0, a.publishedAt);
    }
  })();
  const { start, end } = periodRange(YEAR, 'Y');
  const limit = (hours: number | null): string => (hours === null ? 'NULL' : String(hours * HOUR));
  const lim = scheme.timeliness.limitHours;
  const query = db.prepare(`
    SELECT u.evaluated_id AS unit_id, SUM(
      CASE c.level WHEN 'bureau' THEN ${scheme.levels.bureau} WHEN 'county' THEN ${scheme.levels.county}
        WHEN 'city' THEN ${scheme.levels.city} WHEN 'province' THEN ${scheme.levels.province}
        ELSE ${scheme.levels.national} END
      * CASE WHEN c.headline = 1 THEN ${scheme.headlineMultiplier} ELSE 1 END
      * CASE WHEN (s.submitted_to_bureau_at - s.event_at) > CASE s.category
          WHEN 'news' THEN ${limit(lim.news)} WHEN 'activity' THEN ${limit(lim.activity)}
          WHEN 'meeting' THEN ${limit(lim.meeting)} WHEN 'hotspot' THEN ${limit(lim.hotspot)}
          WHEN 'major' THEN ${limit(lim.major)} WHEN 'exemplar' THEN ${limit(lim.exemplar)}
          ELSE ${limit(lim.experience)} END
        THEN ${scheme.timeliness.lateFactor} ELSE 1.0 END
    ) AS points
    FROM adoption_credits c
    JOIN submissions s ON s.id = c.submission_id
    JOIN units u ON u.id = s.unit_id
    WHERE c.published_at >= ? AND c.published_at < ? AND s.submitted_to_bureau_at IS NOT NULL
      AND u.evaluated_id IS NOT NULL
    GROUP BY u.evaluated_id
  `);
  const timing = time(warmup, runs, () => query.all(start, end));
  db.close();
  return timing;
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

const ms = (t: Timing): string =>
  `${round(t.median, 3)} ms CPU median (best ${round(t.min, 3)} ms, wall ${round(t.wall, 3)} ms)`;
const mb = (bytes: number): number => round(bytes / 2 ** 20, 3);

/**
 * 3. What evaluations leave behind: the memory in use after they returned, their results
 * dropped, less the memory in use before the first of them, after full collections; anything
 * kept between calls would show here. Measured in a process of its own, so that nothing has been
 * evaluated before, and so that the collections and pauses it needs do not change how the
 * collector treats the timings (after a pause V8 shrinks its heap limits).
 */
async function measureRetained(): Promise<void> {
  const inputs = [
    [`${countyYear.submissions} items`, inputOf(syntheticCounty(countyYear, 20260101, shuffled))],
    [`${large.submissions} items`, inputOf(syntheticCounty(large, 20260101, shuffled))],
  ] as const;
  // Compiled and optimised first on a tiny county, so that the measure holds only data.
  const tiny = inputOf(syntheticCounty({ ...countyYear, submissions: 50, adoptions: 75 }, 1));
  for (let k = 0; k < 200; k++) evaluate(tiny);
  const before = await settled();
  const retained: { size: string; bytes: number }[] = [];
  for (const [size, input] of inputs) {
    for (let k = 0; k < 3; k++) evaluate(input);
    retained.push({ size, bytes: (await settled()) - before });
  }
  // For comparison: what an Evaluator held by its caller keeps.
  const held = new Evaluator();
  held.evaluate(inputs[1][1]);
  const heldBytes = (await settled()) - before;
  console.log(`RETAINED_JSON ${JSON.stringify({ retained, heldBytes })}`);
}

if (process.argv.includes('--retained')) {
  await measureRetained();
  process.exit(0);
}

// 1. A realistic county-year, with nothing larger in memory.
const countyInput = inputOf(syntheticCounty(countyYear, 20260101, shuffled));
const countyRuns = { warmup: 300, runs: 301 };
// For comparison: an Evaluator held by its caller.
const held = new Evaluator();
const countyEvaluate = time(countyRuns.warmup, countyRuns.runs, () => evaluate(countyInput));
const countyRules = time(countyRuns.warmup, countyRuns.runs, () => evaluateByRules(countyInput));
const countyHeld = time(countyRuns.warmup, countyRuns.runs, () => held.evaluate(countyInput));
console.log(
  `county-year, ${countyYear.units} units, ${countyYear.submissions} items / ${countyYear.adoptions} adoptions:`,
);
console.log(`  evaluate (engine)     ${ms(countyEvaluate)} (target ≤ ${COUNTY_TARGET_MS} ms)`);
console.log(`  rules alone           ${ms(countyRules)}`);
console.log(`  Evaluator, held       ${ms(countyHeld)}`);

// 2. A large county against SQLite.
const big = syntheticCounty(large, 20260101, shuffled);
const bigInput = inputOf(big);
const bigEvaluate = time(5, 15, () => evaluate(bigInput));
const sqlite = timeSqlite(big, 5, 15);
const bigRules = time(3, 11, () => evaluateByRules(bigInput));
const bigHeld = time(5, 15, () => held.evaluate(bigInput));
const ratio = bigEvaluate.median / sqlite.median;
const rulesRatio = bigRules.median / sqlite.median;
console.log(
  `large county, ${large.units} units, ${large.submissions} items / ${large.adoptions} adoptions / ${large.incidents} incidents:`,
);
console.log(`  evaluate (engine)     ${ms(bigEvaluate)}`);
console.log(`  rules alone           ${ms(bigRules)}`);
console.log(`  Evaluator, held       ${ms(bigHeld)}`);
console.log(`  SQLite GROUP BY       ${ms(sqlite)}`);
console.log(
  `  evaluate / GROUP BY: ${round(ratio, 3)} (target ≤ ${RATIO_TARGET}); rules alone: ${round(rulesRatio, 3)}`,
);

const child = spawnSync(
  process.execPath,
  [...process.execArgv, fileURLToPath(import.meta.url), '--retained', ...process.argv.slice(2)],
  { encoding: 'utf8' },
);
const line = child.stdout.split('\n').find((l) => l.startsWith('RETAINED_JSON '));
if (line === undefined) throw new Error(`the memory measurement failed: ${child.stderr}`);
const { retained, heldBytes } = JSON.parse(line.slice('RETAINED_JSON '.length)) as {
  retained: { size: string; bytes: number }[];
  heldBytes: number;
};
const retainedMost = Math.max(...retained.map((r) => r.bytes));
for (const r of retained) {
  console.log(`retained after evaluate returned, ${r.size}: ${mb(r.bytes)} MB`);
}
console.log(`  (target ≤ ${RETAINED_TARGET_MB} MB at every size)`);
console.log(`kept by an Evaluator held after ${large.submissions} items: ${mb(heldBytes)} MB`);

console.log(
  `BENCH_JSON ${JSON.stringify({
    quick,
    shuffled,
    countyUnits: countyYear.units,
    countySubmissions: countyYear.submissions,
    countyAdoptions: countyYear.adoptions,
    countyMs: round(countyEvaluate.median, 4),
    countyRulesMs: round(countyRules.median, 4),
    countyHeldMs: round(countyHeld.median, 4),
    countyTargetMs: COUNTY_TARGET_MS,
    units: large.units,
    submissions: large.submissions,
    adoptions: large.adoptions,
    incidents: large.incidents,
    evaluateMs: round(bigEvaluate.median, 3),
    rulesMs: round(bigRules.median, 3),
    heldMs: round(bigHeld.median, 3),
    sqliteMs: round(sqlite.median, 3),
    ratio: round(ratio, 4),
    rulesRatio: round(rulesRatio, 4),
    ratioTarget: RATIO_TARGET,
    retainedMb: mb(retainedMost),
    retainedBySize: retained.map((r) => ({ size: r.size, mb: mb(r.bytes) })),
    retainedTargetMb: RETAINED_TARGET_MB,
    heldMb: mb(heldBytes),
    ok:
      countyEvaluate.median <= COUNTY_TARGET_MS &&
      ratio <= RATIO_TARGET &&
      retainedMost <= RETAINED_TARGET_MB * 2 ** 20,
  })}`,
);
