import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, migrateDatabase, type Db } from '@jyxc/db';
import { DEMO_PASSWORD, seedDemoCounty } from '@jyxc/db/seed';
import pg from 'pg';
import { createApp } from '../src/app.js';
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
  return { db: createDb(url), url };
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
  return createApp({ db, now: clock.now });
}

/** Logs in through the API and returns the cookie header to send with later requests. */
export async function login(
  app: ReturnType<typeof testApp>,
  username: string,
  password = PASSWORD,
) {
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
  const cookies = new Map<string, string>();
  /** The session cookie of a demo account (logged in once per account). */
  const as = async (username: string) => {
    const known = cookies.get(username);
    if (known !== undefined) return known;
    const { cookie } = await login(app, username, DEMO_PASSWORD);
    cookies.set(username, cookie);
    return cookie;
  };
  return { db, clock, app, as };
}

/** An answer read as the service's value, or as the uniform error body. */
export interface Reply<T> {
  status: number;
  body: T & Partial<ErrorBody>;
}

/** A JSON request to `app` carrying `cookie`; the body is read as `T` (or the error body). */
export async function requestJson<T>(
  app: ReturnType<typeof testApp>,
  cookie: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Reply<T>> {
  const response = await app.request(path, {
    method,
    headers: {
      cookie,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const parsed: T & Partial<ErrorBody> = JSON.parse(text === '' ? '{}' : text);
  return { status: response.status, body: parsed };
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
  const { dataGeneration } = await import('@jyxc/db');
  await db.unit.count();
  const until = Date.now() + 10_000;
  while ((await dataGeneration(db)) === null) {
    if (Date.now() > until) throw new Error('the data generation stayed unknown');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
