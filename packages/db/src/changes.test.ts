/**
 * The data generation that caches rely on: it advances after every committed change — this
 * process's, seen in the driver adapter, and another process's, seen through SQLite's
 * data_version or PostgreSQL's notices — and never for a read.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { changesData, LISTENER_NAME } from './changes.js';
import { createDb, dataGeneration, type Db } from './client.js';
import { migrateDatabase } from './migrate/index.js';
import { startTemporaryPostgres, type TemporaryPostgres } from './migrate/temporary-postgres.js';

const dir = mkdtempSync(join(tmpdir(), 'jyxc-changes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Waits until `check` holds (notices from another connection arrive asynchronously). */
async function eventually(check: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('the condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function generationOf(db: Db): Promise<number> {
  const value = await dataGeneration(db);
  if (value === null) throw new Error('the generation is unknown');
  return value;
}

async function aUnit(db: Db, code: string) {
  return db.unit.create({ data: { code, name: `单位 ${code}`, kind: 'direct_unit' } });
}

describe('changesData', () => {
  it('counts inserts, updates, deletes and anything unknown as changes', () => {
    expect(changesData('INSERT INTO `main`.`Unit` (`id`) VALUES (?)')).toBe(true);
    expect(changesData('UPDATE "public"."Submission" SET "state" = $1')).toBe(true);
    expect(changesData('DELETE FROM `main`.`PersonRole` WHERE 1=1')).toBe(true);
    expect(changesData('WITH x AS (DELETE FROM "Unit" RETURNING 1) SELECT * FROM x')).toBe(true);
    expect(changesData('VACUUM')).toBe(true);
  });

  it('does not count reads, transaction control, or writes to bookkeeping tables', () => {
    expect(changesData('SELECT `main`.`Unit`.`id` FROM `main`.`Unit`')).toBe(false);
    expect(changesData('  select 1')).toBe(false);
    expect(changesData('BEGIN')).toBe(false);
    expect(changesData('COMMIT')).toBe(false);
    expect(changesData('ROLLBACK TO SAVEPOINT s1')).toBe(false);
    expect(changesData('UPDATE `main`.`LoginSession` SET `lastSeenAt` = ?')).toBe(false);
    expect(changesData('INSERT INTO "public"."JobLease" ("id") VALUES ($1)')).toBe(false);
  });
});

/** The behaviour both databases share, for a pair of clients on one database. */
function sharedBehaviour(clients: () => { readonly a: Db; readonly b: Db }) {
  it('stays the same for reads', async () => {
    const { a } = clients();
    await a.unit.count();
    const before = await generationOf(a);
    await a.unit.findMany();
    await a.submission.count();
    expect(await generationOf(a)).toBe(before);
  });

  it('advances when a change completes, before the call returns', async () => {
    const { a } = clients();
    const before = await generationOf(a);
    await aUnit(a, 'alone');
    expect(await generationOf(a)).toBeGreaterThan(before);
  });

  it('advances after a transaction commits, not while it is open', async () => {
    const { a } = clients();
    const before = await generationOf(a);
    let inside = -1;
    await a.$transaction(async (tx) => {
      await tx.unit.create({ data: { code: 'in-tx', name: '事务中', kind: 'direct_unit' } });
      inside = await generationOf(a);
    });
    expect(inside).toBe(before);
    expect(await generationOf(a)).toBeGreaterThan(before);
  });

  it('advances after a changing transaction rolls back', async () => {
    const { a } = clients();
    const before = await generationOf(a);
    await expect(
      a.$transaction(async (tx) => {
        await tx.unit.create({ data: { code: 'undone', name: '回滚', kind: 'direct_unit' } });
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await generationOf(a)).toBeGreaterThan(before);
    expect(await a.unit.count({ where: { code: 'undone' } })).toBe(0);
  });

  it('does not advance for a write to a bookkeeping table', async () => {
    const { a } = clients();
    const before = await generationOf(a);
    await a.loginThrottle.create({ data: { username: 'someone' } });
    expect(await generationOf(a)).toBe(before);
  });

  it("advances on another client's committed change", async () => {
    const { a, b } = clients();
    await b.unit.count();
    const before = await generationOf(a);
    await aUnit(b, 'from-b');
    await eventually(async () => (await generationOf(a)) > before);
    const after = await generationOf(a);
    await b.$transaction(async (tx) => {
      await tx.unit.create({ data: { code: 'from-b-tx', name: '另一进程', kind: 'direct_unit' } });
    });
    await eventually(async () => (await generationOf(a)) > after);
  });
}

describe('on SQLite', () => {
  let a: Db;
  let b: Db;
  beforeAll(async () => {
    const url = `file:${join(dir, 'changes.db')}`;
    await migrateDatabase(url);
    a = createDb(url);
    b = createDb(url);
  });
  afterAll(async () => {
    await Promise.all([a.$disconnect(), b.$disconnect()]);
  });

  it('is unknown until the client has connected, and after it disconnected', async () => {
    const url = `file:${join(dir, 'changes.db')}`;
    const c = createDb(url);
    expect(await dataGeneration(c)).toBeNull();
    await c.unit.count();
    expect(await dataGeneration(c)).not.toBeNull();
    await c.$disconnect();
    expect(await dataGeneration(c)).toBeNull();
  });

  sharedBehaviour(() => ({ a, b }));
});

describe('on PostgreSQL', () => {
  let server: TemporaryPostgres;
  let url: string;
  let a: Db;
  let b: Db;
  beforeAll(async () => {
    server = await startTemporaryPostgres();
    url = await server.createDatabase('changes');
    await migrateDatabase(url);
    a = createDb(url);
    b = createDb(url);
    for (const db of [a, b]) {
      await db.unit.count();
      await eventually(async () => (await dataGeneration(db)) !== null);
    }
  }, 180_000);
  afterAll(async () => {
    await Promise.all([a?.$disconnect(), b?.$disconnect()]);
    await server?.stop();
  }, 60_000);

  sharedBehaviour(() => ({ a, b }));

  it("does not advance on another client's rolled-back transaction", async () => {
    const before = await generationOf(a);
    await expect(
      b.$transaction(async (tx) => {
        await tx.unit.create({ data: { code: 'b-undone', name: '回滚', kind: 'direct_unit' } });
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    // A later committed change is seen; the rolled-back one sent nothing before it.
    await aUnit(b, 'b-after');
    await eventually(async () => (await generationOf(a)) > before);
    expect(await generationOf(a)).toBe(before + 1);
  });

  it('is unknown while the listening connection is lost, and recovers', async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = $1`,
        [LISTENER_NAME],
      );
      await eventually(async () => (await dataGeneration(a)) === null);
      await eventually(async () => (await dataGeneration(a)) !== null, 10_000);
      const before = await generationOf(a);
      await aUnit(b, 'after-recovery');
      await eventually(async () => (await generationOf(a)) > before);
    } finally {
      await admin.end();
    }
  }, 30_000);
});
