/**
 * The PostgreSQL client behind the app's `Db` type (the SQLite client's type): the same demo
 * county, seeded through each database, reads back identically through the same calls.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { checkConnection, createDb, databaseKind, type Db } from './client.js';
import { migrateDatabase } from './migrate/index.js';
import { startTemporaryPostgres, type TemporaryPostgres } from './migrate/temporary-postgres.js';
import { seedDemoCounty } from './seed/index.js';

const NOW = new Date('2026-11-26T09:00:00Z');
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'jyxc-pg-vs-sqlite-'));
let server: TemporaryPostgres;
let pgDb: Db;
let sqliteDb: Db;

beforeAll(async () => {
  server = await startTemporaryPostgres();
  const pgUrl = await server.createDatabase('county');
  const sqliteUrl = `file:${join(dir, 'county.db')}`;
  await Promise.all([migrateDatabase(pgUrl), migrateDatabase(sqliteUrl)]);
  pgDb = createDb(pgUrl);
  sqliteDb = createDb(sqliteUrl);
  await Promise.all([seedDemoCounty(pgDb, { now: NOW }), seedDemoCounty(sqliteDb, { now: NOW })]);
}, 180_000);

afterAll(async () => {
  await Promise.all([pgDb.$disconnect(), sqliteDb.$disconnect()]);
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

/** Rows sorted by a stable key in JavaScript, so both databases' collations do not matter. */
function sorted<T>(rows: readonly T[], key: (row: T) => string): T[] {
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

describe('the PostgreSQL client seen as a Db', () => {
  it('talks to PostgreSQL', async () => {
    expect(databaseKind(pgDb)).toBe('postgresql');
    await expect(checkConnection(pgDb)).resolves.toBeUndefined();
  });

  it('opens at most poolSize connections, more than the default 10 when asked', async () => {
    const url = await server.createDatabase('pool');
    /** The server processes that answered `n` queries sent together, each holding its own for 0.2 s. */
    const backends = async (db: Db, n: number) => {
      const rows = await Promise.all(
        Array.from({ length: n }, () =>
          db.$queryRawUnsafe<{ pid: number }[]>(
            'SELECT pg_backend_pid() AS "pid" FROM pg_sleep(0.2)',
          ),
        ),
      );
      return new Set(rows.map(([row]) => row?.pid)).size;
    };
    const small = createDb(url, { poolSize: 3 });
    const large = createDb(url, { poolSize: 14 });
    try {
      expect(await backends(small, 9)).toBe(3);
      expect(await backends(large, 14)).toBe(14);
    } finally {
      await Promise.all([small.$disconnect(), large.$disconnect()]);
    }
  });

  it('prepares a statement it sends again once per connection, named by its text', async () => {
    const prepared = await pgDb.$transaction(async (tx) => {
      const { id } = await tx.unit.findFirstOrThrow({ select: { id: true } });
      await tx.unit.findUnique({ where: { id } });
      await tx.unit.findUnique({ where: { id } });
      return tx.$queryRawUnsafe<{ name: string; statement: string }[]>(
        `SELECT "name", "statement" FROM pg_prepared_statements WHERE "name" LIKE 'jyxc\\_%'`,
      );
    });
    expect(prepared.filter((p) => /FROM "public"\."Unit" WHERE/.test(p.statement))).not.toEqual([]);
  });

  it('holds the same county as SQLite, row for row', async () => {
    const read = (db: Db) =>
      Promise.all([
        db.unit.findMany(),
        db.person.findMany(),
        db.submission.findMany(),
        db.revision.findMany(),
        db.signOff.findMany(),
        db.adoption.findMany(),
        db.incident.findMany(),
        db.subscriptionRecord.findMany(),
        db.scheme.findMany(),
      ]);
    const [fromPg, fromSqlite] = await Promise.all([read(pgDb), read(sqliteDb)]);
    fromPg.forEach((rows, table) => {
      const other = fromSqlite[table] ?? [];
      expect(rows.length).toBe(other.length);
      expect(sorted<{ id: string }>(rows, (r) => r.id)).toEqual(
        sorted<{ id: string }>(other, (r) => r.id),
      );
    });
  });

  it('keeps attachment bytes, floats and relations the same', async () => {
    const query = (db: Db) =>
      Promise.all([
        db.attachment.findFirst({ where: { submissionId: { not: null } }, orderBy: { id: 'asc' } }),
        db.campaignTarget.findFirst({ where: { perCapitaTarget: { not: null } } }),
        db.adoption.findFirst({
          where: { credits: { some: {} } },
          orderBy: { id: 'asc' },
          include: { credits: { orderBy: { submissionId: 'asc' } } },
        }),
      ]);
    const [pgRows, sqliteRows] = await Promise.all([query(pgDb), query(sqliteDb)]);
    expect(pgRows).toEqual(sqliteRows);
    expect(pgRows[0]?.bytes.length).toBe(pgRows[0]?.size);
    expect(pgRows[1]?.perCapitaTarget).toBe(0.4);
  });

  it('runs transactions and groupBy through the same calls', async () => {
    const count = async (db: Db) =>
      sorted(
        await db.$transaction(async (tx) => tx.submission.groupBy({ by: ['state'], _count: true })),
        (row) => row.state,
      );
    expect(await count(pgDb)).toEqual(await count(sqliteDb));
  });

  it('orders enum columns differently: PostgreSQL by declaration, SQLite by text', async () => {
    const order = (db: Db) =>
      db.incident.findMany({
        distinct: ['severity'],
        orderBy: { severity: 'asc' },
        select: { severity: true },
      });
    expect((await order(pgDb)).map((r) => r.severity)).toEqual(['general', 'significant', 'major']);
    expect((await order(sqliteDb)).map((r) => r.severity)).toEqual([
      'general',
      'major',
      'significant',
    ]);
  });

  it("gives every item its authors' copy, seeded or backfilled by its migration", async () => {
    // Each item's copy beside its author rows in order (read apart: a county is many items).
    const copies = async (db: Db) => {
      const [items, authors] = await Promise.all([
        db.submission.findMany({ select: { id: true, authorIds: true } }),
        db.submissionAuthor.findMany({ orderBy: { position: 'asc' } }),
      ]);
      const rows = new Map<string, string[]>();
      for (const a of authors)
        rows.set(a.submissionId, [...(rows.get(a.submissionId) ?? []), a.personId]);
      return items.map((i) => [JSON.parse(i.authorIds), rows.get(i.id) ?? []]);
    };
    const backfill = (kind: string) => {
      const folder = kind === 'postgresql' ? 'prisma/postgresql/migrations' : 'prisma/migrations';
      const name = readdirSync(join(packageDir, folder)).find((n) =>
        n.endsWith('_submission_author_ids'),
      );
      const text = readFileSync(join(packageDir, folder, name ?? '', 'migration.sql'), 'utf8');
      return text.slice(text.indexOf('UPDATE "Submission"'));
    };
    for (const db of [sqliteDb, pgDb]) {
      for (const [copy, rows] of await copies(db)) expect(copy).toEqual(rows);
      // As a database written before the column existed: every copy empty, then the migration.
      await db.submission.updateMany({ data: { authorIds: '[]' } });
      await db.$executeRawUnsafe(backfill(databaseKind(db)));
      const after = await copies(db);
      expect(after.length).toBeGreaterThan(100);
      for (const [copy, rows] of after) expect(copy).toEqual(rows);
    }
  });
});
