import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, migrateDatabase, type Db } from '@jyxc/db';
import pg from 'pg';
import { createApp } from '../src/app.js';
import { hashPassword } from '../src/auth/password.js';

/**
 * A fresh, migrated database for one test file: an SQLite file in a temporary folder, or,
 * when TEST_POSTGRES_URL names a PostgreSQL server, a new database on it.
 */
export async function freshDatabase(): Promise<{ db: Db; url: string }> {
  // eslint-disable-next-line no-restricted-properties -- tests choose their database lane here
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
    data: { code: 't-cg', name: '城关镇中心校', kind: 'township_center', parentId: bureau.id, staffCount: 120 },
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
export async function login(app: ReturnType<typeof testApp>, username: string, password = PASSWORD) {
  const response = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? '';
  return { response, cookie };
}
