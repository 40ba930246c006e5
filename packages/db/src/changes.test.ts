/**
 * The data versions that caches rely on: by table and unit, advanced by what the write path
 * announces — this process's changes once settled, another process's through SQLite's
 * data_version (everything) or PostgreSQL's notices (the scopes named) — and never by a read.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { EVERYTHING, LISTENER_NAME, Versions, type DataChange, type ReadScope } from './changes.js';
import { announceChanges, createDb, dataVersion, noticeChanges, type Db } from './client.js';
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

async function versionOf(db: Db, ...scopes: ReadScope[]): Promise<number> {
  const value = await dataVersion(db, scopes);
  if (value === null) throw new Error('the version is unknown');
  return value;
}

const units = (tables: string[], ...ids: string[]): ReadScope => ({ tables, units: ids });
const all = (...tables: string[]): ReadScope => ({ tables, units: 'all' });

/** A unit written as the API writes: in a transaction that tells other processes, then announced. */
async function aUnit(db: Db, code: string, changes?: DataChange[]) {
  const made = await db.$transaction(async (tx) => {
    const unit = await tx.unit.create({
      data: { code, name: `单位 ${code}`, kind: 'direct_unit' },
    });
    await noticeChanges(tx, db, changes ?? [{ table: 'Unit', unitId: unit.id }]);
    return unit;
  });
  announceChanges(db, changes ?? [{ table: 'Unit', unitId: made.id }]);
  return made;
}

describe('versions', () => {
  it('move for a change of a table in a unit only where a scope covers that table and unit', () => {
    const v = new Versions();
    const scopes = {
      unitA: [units(['Submission'], 'a')],
      unitB: [units(['Submission'], 'b')],
      every: [all('Submission')],
      other: [all('Incident')],
    };
    const before = Object.fromEntries(Object.entries(scopes).map(([k, s]) => [k, v.of(s)]));
    v.advance([{ table: 'Submission', unitId: 'a' }]);
    expect(v.of(scopes.unitA)).toBeGreaterThan(before.unitA!);
    expect(v.of(scopes.every)).toBeGreaterThan(before.every!);
    expect(v.of(scopes.unitB)).toBe(before.unitB);
    expect(v.of(scopes.other)).toBe(before.other);
  });

  it('move everywhere for a change of a table with no unit, and for everything', () => {
    const v = new Versions();
    const unitB = [units(['Submission', 'Unit'], 'b')];
    const other = [all('Incident')];
    const [b0, o0] = [v.of(unitB), v.of(other)];
    v.advance([{ table: 'Unit', unitId: null }]);
    expect(v.of(unitB)).toBeGreaterThan(b0);
    expect(v.of(other)).toBe(o0);
    v.advance(EVERYTHING);
    expect(v.of(other)).toBeGreaterThan(o0);
  });
});

/** The behaviour both databases share, for a pair of clients on one database. */
function sharedBehaviour(
  kind: 'sqlite' | 'postgresql',
  clients: () => { readonly a: Db; readonly b: Db },
) {
  it('stays the same for reads', async () => {
    const { a } = clients();
    await a.unit.count();
    const before = await versionOf(a, all('Unit', 'Submission'));
    await a.unit.findMany();
    await a.submission.count();
    expect(await versionOf(a, all('Unit', 'Submission'))).toBe(before);
  });

  it('advances what an announcement names, at once, and nothing else', async () => {
    const { a } = clients();
    const scopes = [all('Unit'), all('Person')];
    const [unit, person] = await Promise.all(scopes.map((s) => versionOf(a, s)));
    const made = await aUnit(a, 'alone');
    expect(await versionOf(a, all('Unit'))).toBeGreaterThan(unit!);
    expect(await versionOf(a, units(['Unit'], made.id))).toBeGreaterThan(0);
    expect(await versionOf(a, all('Person'))).toBe(person);
  });

  it("advances the scopes another client's committed change names", async () => {
    const { a, b } = clients();
    await b.unit.count();
    const here = 'unit-here';
    const elsewhere = 'unit-elsewhere';
    const [mine, theirs, people] = [
      await versionOf(a, units(['Unit'], here)),
      await versionOf(a, units(['Unit'], elsewhere)),
      await versionOf(a, all('Person')),
    ];
    await aUnit(b, 'from-b', [{ table: 'Unit', unitId: here }]);
    await eventually(async () => (await versionOf(a, units(['Unit'], here))) > mine);
    // SQLite cannot tell which (another process's commit counts as everything); PostgreSQL's
    // notice names the scope, and the rest stays.
    if (kind === 'postgresql') {
      expect(await versionOf(a, units(['Unit'], elsewhere))).toBe(theirs);
      expect(await versionOf(a, all('Person'))).toBe(people);
    }
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
    expect(await dataVersion(c, [])).toBeNull();
    await c.unit.count();
    expect(await dataVersion(c, [])).not.toBeNull();
    await c.$disconnect();
    expect(await dataVersion(c, [])).toBeNull();
  });

  sharedBehaviour('sqlite', () => ({ a, b }));

  it('counts a rollback as a change of everything (its rows were visible outside it)', async () => {
    const before = await versionOf(a, all('Incident'));
    await expect(
      a.$transaction(async (tx) => {
        await tx.unit.create({ data: { code: 'undone', name: '回滚', kind: 'direct_unit' } });
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    announceChanges(a, [], 'rolled back');
    expect(await versionOf(a, all('Incident'))).toBeGreaterThan(before);
  });

  it("counts another process's write as everything, even one that announced nothing", async () => {
    const before = await versionOf(a, units(['Incident'], 'some-unit'));
    await b.unit.create({ data: { code: 'script', name: '脚本写入', kind: 'direct_unit' } });
    await eventually(async () => (await versionOf(a, units(['Incident'], 'some-unit'))) > before);
  });
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
      await eventually(async () => (await dataVersion(db, [])) !== null);
    }
  }, 180_000);
  afterAll(async () => {
    await Promise.all([a?.$disconnect(), b?.$disconnect()]);
    await server?.stop();
  }, 60_000);

  sharedBehaviour('postgresql', () => ({ a, b }));

  it("does not advance on another client's rolled-back transaction", async () => {
    const before = await versionOf(a, all('Unit'));
    await expect(
      b.$transaction(async (tx) => {
        await tx.unit.create({ data: { code: 'b-undone', name: '回滚', kind: 'direct_unit' } });
        await noticeChanges(tx, b, [{ table: 'Unit', unitId: null }]);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    announceChanges(b, [], 'rolled back');
    // A later committed change is seen; the rolled-back one sent nothing before it.
    await aUnit(b, 'b-after');
    await eventually(async () => (await versionOf(a, all('Unit'))) > before);
    expect(await versionOf(a, all('Unit'))).toBe(before + 1);
  });

  it('names every table of a change too long for one notice, for every unit', async () => {
    const many = Array.from({ length: 400 }, (_, i) => ({
      table: 'Submission',
      unitId: `a-unit-with-a-long-identifier-${i}`,
    }));
    const before = await versionOf(a, units(['Submission'], 'a-unit-not-among-them'));
    const people = await versionOf(a, all('Person'));
    await aUnit(b, 'many', many);
    await eventually(
      async () => (await versionOf(a, units(['Submission'], 'a-unit-not-among-them'))) > before,
    );
    expect(await versionOf(a, all('Person'))).toBe(people);
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
      await eventually(async () => (await dataVersion(a, [])) === null);
      await eventually(async () => (await dataVersion(a, [])) !== null, 10_000);
      const before = await versionOf(a, all('Unit'));
      await aUnit(b, 'after-recovery');
      await eventually(async () => (await versionOf(a, all('Unit'))) > before);
    } finally {
      await admin.end();
    }
  }, 30_000);
});
