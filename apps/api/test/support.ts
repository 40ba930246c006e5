import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BOOKKEEPING_TABLES,
  createDb,
  EVERYTHING,
  migrateDatabase,
  watchAnnouncements,
  type Db,
  type DbTransaction,
  type Table,
} from '@jyxc/db';
import { DEMO_PASSWORD, seedDemoCounty } from '@jyxc/db/seed';
import pg from 'pg';
import { createApp } from '../src/app.js';
import { changed, inTransaction } from '../src/shared/db.js';
import { NEW_DRAFTS, UNSENT_DRAFT_TABLES, UNSENT_DRAFTS } from '../src/shared/audit.js';
import { hashPassword } from '../src/modules/auth/service.js';
import type { ErrorBody } from '../src/http/errors.js';

/**
 * A fresh, migrated database for one test file: an SQLite file in a temporary folder, or,
 * when TEST_POSTGRES_URL names a PostgreSQL server, a new database on it.
 */
export async function freshDatabase(): Promise<{ db: Db; url: string }> {
  const server = process.env.TEST_POSTGRES_URL;
  let url: string;
  if (server) {
    const name = `jyxc_test_${randomUUID().replaceAll('-', '')}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const target = new URL(server);
    target.pathname = `/${name}`;
    url = target.toString();
  } else {
    url = `file:${join(mkdtempSync(join(tmpdir(), 'jyxc-api-')), 'test.db')}`;
  }
  await migrateDatabase(url);
  return { db: watchedDb(url), url };
}

/**
 * What the announcement check of a database has seen: writes made while a request was being
 * answered that no announcement has covered yet (see {@link watchedDb}).
 */
interface WriteWatch {
  requests: number;
  readonly unannounced: Map<string, string>;
}

const writeWatches = new WeakMap<Db, WriteWatch>();

/**
 * The tables an INSERT, UPDATE or DELETE statement writes (test code: Prisma's own SQL, and
 * the direct writes' INSERTs, several in one WITH statement on PostgreSQL).
 */
function writtenTables(sql: string): string[] {
  return [
    ...sql.matchAll(
      /(?:^\s*|\bAS\s*\(\s*)(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(?:[`"]?\w+[`"]?\s*\.\s*)?[`"]?(\w+)/gi,
    ),
  ].flatMap((m) => (m[1] === undefined ? [] : [m[1]]));
}

/**
 * A client whose every request through {@link testApp} is checked: each table it wrote (but
 * the bookkeeping ones) must have been announced to the read caches by the time its answer
 * is back (shared/db.ts `inTransaction`), or the request throws. So every route test of every
 * module also checks that its writes say what they changed. Writes of the tests themselves
 * (fixtures, outside any request) are not checked.
 */
function watchedDb(url: string): Db {
  const watch: WriteWatch = { requests: 0, unannounced: new Map() };
  const db = createDb(url, {
    onQuery: ({ sql }) => {
      if (watch.requests === 0) return;
      for (const table of writtenTables(sql))
        if (!BOOKKEEPING_TABLES.has(table)) watch.unannounced.set(table, sql);
    },
  });
  watchAnnouncements(db, (changes, settled) => {
    // A rolled-back transaction changed nothing (SQLite announces everything anyway).
    if (changes === EVERYTHING || settled === 'rolled back') watch.unannounced.clear();
    else
      for (const { table } of changes) {
        const covered: readonly string[] =
          table === UNSENT_DRAFTS || table === NEW_DRAFTS ? UNSENT_DRAFT_TABLES : [table];
        for (const t of covered) watch.unannounced.delete(t);
      }
  });
  writeWatches.set(db, watch);
  return db;
}

/**
 * A fixture written straight into the database between reads, told to the read caches as the
 * use cases' writes are (shared/db.ts `inTransaction`): `tables` changed, in every unit.
 */
export async function writeFixture<T>(
  db: Db,
  tables: readonly Table[],
  work: (tx: DbTransaction) => Promise<T>,
): Promise<T> {
  return inTransaction({ db }, async (tx) => {
    const result = await work(tx);
    changed(
      tx,
      tables.map((table) => ({ table, unitId: null })),
    );
    return result;
  });
}

/** A controllable clock: tests move time instead of waiting. */
export function testClock(start = new Date('2026-05-11T02:00:00Z')) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

export const PASSWORD = 'Correct-Horse-1';

/** The smallest county a test needs: the bureau and one township with an officer. */
export async function smallCounty(db: Db) {
  const passwordHash = await hashPassword(PASSWORD);
  const bureau = await db.unit.create({
    data: { code: 'bureau', name: '清河县教育和体育局', kind: 'bureau' },
  });
  const township = await db.unit.create({
    data: {
      code: 't-cg',
      name: '城关镇中心校',
      kind: 'township_center',
      parentId: bureau.id,
      staffCount: 120,
    },
  });
  const admin = await db.person.create({
    data: {
      name: '王管理',
      username: 'admin',
      passwordHash,
      unitId: bureau.id,
      roles: { create: [{ role: 'admin', unitId: bureau.id }] },
    },
  });
  const officer = await db.person.create({
    data: {
      name: '李信息',
      username: 'cg_officer',
      passwordHash,
      unitId: township.id,
      roles: { create: [{ role: 'officer', unitId: township.id }] },
    },
  });
  return { bureau, township, admin, officer };
}

export function testApp(db: Db, clock = testClock()) {
  const app = createApp({ db, now: clock.now });
  const watch = writeWatches.get(db);
  if (watch === undefined) return app;
  const request = app.request.bind(app);
  app.request = async (...args: Parameters<typeof request>) => {
    watch.requests += 1;
    let response: Response;
    try {
      response = await request(...args);
    } finally {
      watch.requests -= 1;
    }
    if (watch.requests === 0 && watch.unannounced.size > 0) {
      const writes = [...watch.unannounced].map(([table, sql]) => `${table}: ${sql}`);
      watch.unannounced.clear();
      throw new Error(`writes the read caches were not told of:\n${writes.join('\n')}`);
    }
    return response;
  };
  return app;
}

/** Logs in through the API and returns the cookie header to send with later requests. */
export async function login(app: TestApp, username: string, password = PASSWORD) {
  const response = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? '';
  return { response, cookie };
}

/**
 * A county for the submission workflow (DESIGN §3.2): the bureau with an admin and a reviewer
 * (宣传股); the township 城关镇 with its officer, a deputy and a head, and three schools — one
 * ordinary, one direct reporting point (直报点), one more; a second township 南关镇.
 */
export async function workflowCounty(db: Db) {
  const base = await smallCounty(db);
  const passwordHash = await hashPassword(PASSWORD);
  const person = (
    name: string,
    username: string,
    unitId: string,
    roles: readonly (
      'head' | 'deputy' | 'officer' | 'opinion_officer' | 'reviewer' | 'leader' | 'admin'
    )[],
  ) =>
    db.person.create({
      data: {
        name,
        username,
        passwordHash,
        unitId,
        roles: { create: roles.map((role) => ({ role, unitId })) },
      },
    });
  const school = (code: string, name: string, parentId: string, directReporting = false) =>
    db.unit.create({
      data: { code, name, kind: 'school', parentId, directReporting, staffCount: 40 },
    });
  const reviewer = await person('张审核', 'reviewer', base.bureau.id, ['reviewer']);
  const cgDeputy = await person('赵分管', 'cg_deputy', base.township.id, ['deputy']);
  const cgHead = await person('钱校长', 'cg_head', base.township.id, ['head']);
  const schoolA = await school('s-cg-1', '城关镇第一小学', base.township.id);
  const schoolDirect = await school('s-cg-2', '城关镇实验小学', base.township.id, true);
  const schoolB = await school('s-cg-3', '城关镇第三小学', base.township.id);
  const schoolOfficer = await person('孙老师', 'school_officer', schoolA.id, ['officer']);
  const directOfficer = await person('周老师', 'direct_officer', schoolDirect.id, ['officer']);
  const otherSchoolOfficer = await person('吴老师', 'school_b_officer', schoolB.id, ['officer']);
  const ng = await db.unit.create({
    data: {
      code: 't-ng',
      name: '南关镇中心校',
      kind: 'township_center',
      parentId: base.bureau.id,
      staffCount: 80,
    },
  });
  const ngOfficer = await person('郑信息', 'ng_officer', ng.id, ['officer']);
  const ngHead = await person('王校长', 'ng_head', ng.id, ['head']);
  return {
    ...base,
    reviewer,
    cgDeputy,
    cgHead,
    schoolA,
    schoolDirect,
    schoolB,
    schoolOfficer,
    directOfficer,
    otherSchoolOfficer,
    ng,
    ngOfficer,
    ngHead,
  };
}

/**
 * The demo county 清河县 seeded into a fresh database (about ten seconds: seed it once per test
 * file), with its reference date a week after the first half-year closed, so that the
 * half-year's data is complete. Its accounts use `DEMO_PASSWORD`.
 */
export async function demoCounty(now = new Date('2026-07-08T02:00:00Z')) {
  const { db } = await freshDatabase();
  await seedDemoCounty(db, { now });
  const clock = testClock(now);
  const app = testApp(db, clock);
  const caller = apiCaller(app, { base: '/api', password: DEMO_PASSWORD });
  /** The session cookie of a demo account (logged in once per account). */
  const as = (username: string) => caller.cookie(username);
  return { db, clock, app, as, call: caller.call };
}

export type TestApp = ReturnType<typeof testApp>;

/** An answer read as the service's value, or as the uniform error body. */
export interface Reply<T> {
  status: number;
  body: T & Partial<ErrorBody>;
}

/**
 * A JSON request to `app` carrying `cookie` (none when empty), the way the console sends
 * one: every write is JSON (the CSRF guard takes a body-less write for a form post), and a
 * string body is sent as it is (to test malformed JSON). The answer is read as `T` or as the
 * error body.
 */
export async function requestJson<T>(
  app: TestApp,
  cookie: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Reply<T>> {
  const headers: Record<string, string> = {};
  if (cookie !== '') headers.cookie = cookie;
  if (body !== undefined || method !== 'GET') headers['content-type'] = 'application/json';
  const response = await app.request(path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  const parsed: T & Partial<ErrorBody> = JSON.parse(text === '' ? '{}' : text);
  return { status: response.status, body: parsed };
}

/** The one way route tests talk to the API: as a named user, logged in once. */
export interface ApiCaller {
  /** The session cookie of `username` (logged in on first use). */
  cookie(username: string): Promise<string>;
  /** Logs `username` in again, e.g. after the clock moved past the session's end. */
  relogin(username: string): Promise<string>;
  /** A JSON request as `username` (null: without a session) to `base + path`. */
  call<T>(username: string | null, method: string, path: string, body?: unknown): Promise<Reply<T>>;
}

/**
 * An {@link ApiCaller} for `app`. `base` is put before every path (`/api` lets tests write
 * `/units`); `password` is the accounts' password (the demo county's differs).
 */
export function apiCaller(
  app: TestApp,
  options: { readonly base?: string; readonly password?: string } = {},
): ApiCaller {
  const cookies = new Map<string, string>();
  const relogin = async (username: string) => {
    const { cookie } = await login(app, username, options.password ?? PASSWORD);
    cookies.set(username, cookie);
    return cookie;
  };
  const cookie = async (username: string) => cookies.get(username) ?? (await relogin(username));
  return {
    cookie,
    relogin,
    async call<T>(username: string | null, method: string, path: string, body?: unknown) {
      const session = username === null ? '' : await cookie(username);
      return requestJson<T>(app, session, method, `${options.base ?? ''}${path}`, body);
    },
  };
}

/** The field paths of a 400 answer. */
export function issuePaths(reply: Reply<unknown>): string[] {
  const details = reply.body.error?.details;
  if (typeof details !== 'object' || details === null || !('issues' in details)) return [];
  const issues = details.issues;
  if (!Array.isArray(issues)) return [];
  return issues.map((i: unknown) =>
    typeof i === 'object' && i !== null && 'path' in i ? String(i.path) : '',
  );
}

/**
 * Waits until the read caches can be used on `db`: at once on SQLite once connected; on
 * PostgreSQL once the change listener has proven that notices reach it.
 */
export async function cachingReady(db: Db): Promise<void> {
  const { dataVersion } = await import('@jyxc/db');
  await db.unit.count();
  const until = Date.now() + 10_000;
  while ((await dataVersion(db, [])) === null) {
    if (Date.now() > until) throw new Error('the data version stayed unknown');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The reminders job, for end-to-end runs that move their own clock past its thresholds. */
export { runRemindersJob } from '../src/modules/reminders/service.js';
