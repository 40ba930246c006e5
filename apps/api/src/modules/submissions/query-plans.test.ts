import { createDb, databaseKind, type Db, type ExecutedQuery } from '@jyxc/db';
import { DEMO_PASSWORD, seedDemoCounty } from '@jyxc/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import { apiCaller, cachingReady, freshDatabase, testClock } from '../../../test/support.js';

/**
 * The hot reads (issue 18) as the database plans them — SQLite, and PostgreSQL on the API
 * suite's second run: the list, a detail and the dashboard, as a township officer and as the
 * bureau open them. Every statement they send is planned with an index where a whole table
 * would be read (see NEVER_SCANNED).
 */
const now = new Date('2026-07-08T02:00:00Z');
let db: Db;
let app: ReturnType<typeof createApp>;
let caller: ReturnType<typeof apiCaller>;
let statements: ExecutedQuery[] = [];

beforeAll(async () => {
  const fresh = await freshDatabase();
  await fresh.db.$disconnect();
  db = createDb(fresh.url, { onQuery: (query) => statements.push(query) });
  await seedDemoCounty(db, { now });
  // Plans from the seeded rows' statistics, not from whether the server's own analysis of the
  // new database has run yet.
  await db.$executeRawUnsafe('ANALYZE');
  await cachingReady(db);
  app = createApp({ db, now: testClock(now).now });
  caller = apiCaller(app, { base: '/api', password: DEMO_PASSWORD });
}, 120_000);
afterAll(async () => {
  await db.$disconnect();
});

/** The statements `read` sends. */
async function statementsOf(read: () => Promise<unknown>): Promise<ExecutedQuery[]> {
  statements = [];
  await read();
  const sent = statements;
  statements = [];
  return sent;
}

/**
 * The database's plan of a statement, one line per step. SQLite: `SEARCH Submission USING
 * INDEX …`. PostgreSQL reads a county as small as the demo's whole with any plan, so there
 * sequential scans are made a last resort (`enable_seqscan = off`): one left in the plan has
 * no index to use instead.
 */
async function planOf(query: ExecutedQuery): Promise<string[]> {
  if (databaseKind(db) === 'sqlite') {
    const rows = await db.$queryRawUnsafe<{ detail: string }[]>(
      `EXPLAIN QUERY PLAN ${query.sql}`,
      ...query.params,
    );
    return rows.map((row) => row.detail);
  }
  return db.$transaction(async (tx) => {
    // As on a county grown large: no table read whole where an index finds its rows, and
    // joins made row by row through indexes rather than by reading both sides whole.
    await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
    await tx.$executeRawUnsafe('SET LOCAL enable_hashjoin = off');
    await tx.$executeRawUnsafe('SET LOCAL enable_mergejoin = off');
    const rows = await tx.$queryRawUnsafe<Record<string, string>[]>(
      `EXPLAIN ${query.sql}`,
      ...query.params,
    );
    return rows.map((row) => Object.values(row).join(''));
  });
}

/** The steps of SQLite's `plan` that read every row of `tables`. */
function sqliteWholeReads(plan: readonly string[], tables: readonly string[]): string[] {
  const scan = new RegExp(
    `^SCAN [\`"]?(?:main[\`"]?\\.[\`"]?)?(?:${tables.join('|')})[\`"]?(?: AS \\w+)?(?: USING (?:COVERING )?INDEX \\w+)?$`,
  );
  return plan.filter((step) => scan.test(step));
}

/** Each index of the database: its table and its first column. */
async function indexesOf(): Promise<Map<string, { table: string; first: string }>> {
  const rows = await db.$queryRawUnsafe<{ index: string; table: string; first: string }[]>(
    `SELECT c.relname AS "index", t.relname AS "table", a.attname AS "first"
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
      WHERE n.nspname = current_schema()`,
  );
  return new Map(rows.map((row) => [row.index, { table: row.table, first: row.first }]));
}

/**
 * The steps of PostgreSQL's `plan` that read every row of `tables`: a sequential scan, or an
 * index read from end to end — one whose index condition does not hold its first column,
 * which is what PostgreSQL does instead of a sequential scan when told to avoid those.
 */
function postgresWholeReads(
  plan: readonly string[],
  tables: readonly string[],
  indexes: ReadonlyMap<string, { table: string; first: string }>,
): string[] {
  const seqScan = new RegExp(`Seq Scan on "?(?:${tables.join('|')})"?(?:\\s|$)`);
  const indexScan =
    /(?:Index Scan|Index Only Scan)(?: Backward)? using "?(\w+)"?|Bitmap Index Scan on "?(\w+)"?/;
  const indent = (line: string) => line.length - line.trimStart().length;
  return plan.filter((step, at) => {
    if (seqScan.test(step)) return true;
    const found = indexScan.exec(step);
    const index = indexes.get(found?.[1] ?? found?.[2] ?? '');
    if (index === undefined || !tables.includes(index.table)) return false;
    // An index read in its order under a limit stops after the rows it needs.
    const parent = plan.slice(0, at).findLast((line) => indent(line) < indent(step));
    if (parent !== undefined && /^(?:->\s*)?Limit\b/.test(parent.trim())) return false;
    const details: string[] = [];
    for (const line of plan.slice(at + 1)) {
      if (indent(line) <= indent(step) || line.trimStart().startsWith('->')) break;
      details.push(line);
    }
    const first = new RegExp(`\\(\\s*"?${index.first}"?\\s*(?:=|<|>|IS\\b)`);
    return !details.some((line) => line.includes('Index Cond:') && first.test(line));
  });
}

/** The tables that grow with the county's work: its items, their history, their adoptions. */
const GROWING = [
  'Submission',
  'Revision',
  'SignOff',
  'SubmissionEvent',
  'Attachment',
  'Adoption',
  'AdoptionCredit',
];

/**
 * What each hot read may not read whole. A page of the list and a detail read only rows of
 * their own, and none of the growing tables whole. The dashboard sums a period (the
 * evaluation's `loadPeriod`): it reads that period's rows only — but on SQLite for the
 * adoptions (and their credits) that credit an item some adoption of the period credits, a
 * joint report's others, which SQLite looks for from every adoption and credit. PostgreSQL
 * starts from the period's adoptions.
 */
function neverReadWhole(): Record<'list' | 'detail' | 'dashboard', readonly string[]> {
  const sqlite = databaseKind(db) === 'sqlite';
  return {
    list: GROWING,
    detail: GROWING,
    dashboard: sqlite
      ? GROWING.filter((table) => table !== 'Adoption' && table !== 'AdoptionCredit')
      : GROWING,
  };
}

describe('the hot reads', () => {
  it.each([
    ['cg_xxy', 'a township officer'],
    ['admin', 'the bureau'],
  ])('never read more than their own rows for %s (%s)', async (username) => {
    const cookie = await caller.cookie(username);
    const get = async (path: string) => {
      const response = await app.request(`/api${path}`, { headers: { cookie } });
      expect(response.status, path).toBe(200);
      return (await response.json()) as { items?: { id: string }[] };
    };
    const first = await get('/submissions?pageSize=20');
    const id = first.items?.[0]?.id;
    expect(id).toBeDefined();
    const reads = {
      list: await statementsOf(() => get('/submissions?page=2&pageSize=20&state=adopted')),
      detail: await statementsOf(() => get(`/submissions/${id}`)),
      dashboard: await statementsOf(() => get('/dashboard')),
    };
    // The list sends no statement twice, and the detail reads the item itself once (opening
    // it read it twice).
    const texts = reads.list.map((q) => `${q.sql} ${JSON.stringify(q.params)}`);
    expect(texts.length - new Set(texts).size, texts.join('\n')).toBe(0);
    const itemReads = reads.detail.filter(
      (q) => /FROM (`main`\.`Submission`|"Submission") WHERE/.test(q.sql) && q.params.includes(id),
    );
    expect(itemReads.length).toBe(1);
    const never = neverReadWhole();
    const sqlite = databaseKind(db) === 'sqlite';
    const indexes = sqlite ? new Map() : await indexesOf();
    const wholeReads = (plan: readonly string[], tables: readonly string[]) =>
      sqlite ? sqliteWholeReads(plan, tables) : postgresWholeReads(plan, tables, indexes);
    for (const [read, sent] of Object.entries(reads)) {
      expect(sent.filter((q) => /\bSubmission\b/.test(q.sql)).length, read).toBeGreaterThan(0);
      const tables = never[read as keyof typeof reads];
      for (const query of sent) {
        if (!/^\s*(SELECT|WITH)\b/i.test(query.sql)) continue;
        const plan = await planOf(query);
        expect(wholeReads(plan, tables), `${read}: ${query.sql}\n${plan.join('\n')}`).toEqual([]);
      }
    }
  });

  it('reads a short list in one statement and its other pages in none, and a detail in few', async () => {
    const cookie = await caller.cookie('cg_xxy');
    const get = async (path: string) => {
      const response = await app.request(`/api${path}`, { headers: { cookie } });
      expect(response.status, path).toBe(200);
      return (await response.json()) as {
        items?: { id: string; state: string }[];
        total?: number;
      };
    };
    // The county's units, people and schemes are kept by the first read.
    const all = await get('/submissions?pageSize=5');
    expect(all.total).toBeGreaterThan(15);
    // A page of a short list not yet read: all its rows with their authors, and no count (a
    // school's list is short: its pages are cut from the whole list).
    const first = await statementsOf(() => get('/submissions?category=activity&pageSize=5'));
    expect(first.map((q) => q.sql)).toHaveLength(1);
    expect(first[0]?.sql).not.toMatch(/COUNT/i);
    // Another page of the same list, at another size: nothing more is read.
    const next = await statementsOf(() => get('/submissions?category=activity&page=2&pageSize=4'));
    expect(next.map((q) => q.sql)).toEqual([]);
    // A detail not kept: the item with its history (one statement per relation on SQLite, one
    // in all on PostgreSQL), the adoptions crediting it with their credits, and its unit's
    // item titles for likely duplicates (kept per unit: the first detail of the unit reads them).
    const id = all.items?.[2]?.id ?? '';
    const detail = await statementsOf(() => get(`/submissions/${id}`));
    expect(detail.length, detail.map((q) => q.sql).join('\n')).toBeLessThanOrEqual(8);
    // An item in its unit's review, which no adoption credits: one statement asks for the
    // adoptions crediting it, with their credits, and finds none.
    const reviewed = all.items?.find((item) => item.state === 'unit_review')?.id;
    expect(reviewed).toBeDefined();
    const sql = (await statementsOf(() => get(`/submissions/${reviewed ?? ''}`))).map((q) => q.sql);
    expect(sql.filter((text) => /\bAdoption(Credit)?\b/.test(text))).toHaveLength(1);
    expect(sql.length, sql.join('\n')).toBeLessThanOrEqual(7);
  });
});
