import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import {
  checkConnection,
  createDb,
  DatabaseUrlError,
  databaseKind,
  DEFAULT_DATA_DIR,
  describeDatabaseUrl,
  directRead,
} from './client.js';
import { migrateDatabase } from './migrate/index.js';

const dir = mkdtempSync(join(tmpdir(), 'jyxc-db-client-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('describeDatabaseUrl', () => {
  it('puts a relative SQLite path in the repository data folder, whatever the working directory', () => {
    expect(describeDatabaseUrl('file:jyxc.db')).toEqual({
      kind: 'sqlite',
      file: join(DEFAULT_DATA_DIR, 'jyxc.db'),
    });
    expect(describeDatabaseUrl('file:./jyxc.db')).toEqual({
      kind: 'sqlite',
      file: join(DEFAULT_DATA_DIR, 'jyxc.db'),
    });
    // The data folder sits at the repository root, beside the workspace file.
    expect(existsSync(join(DEFAULT_DATA_DIR, '..', 'pnpm-workspace.yaml'))).toBe(true);
  });

  it('resolves a relative path against a given data folder', () => {
    expect(describeDatabaseUrl('file:sub/x.db', { dataDir: '/srv/jyxc' })).toEqual({
      kind: 'sqlite',
      file: '/srv/jyxc/sub/x.db',
    });
  });

  it('keeps absolute paths, in both file: forms, and knows the in-memory database', () => {
    expect(describeDatabaseUrl('file:/srv/jyxc.db')).toEqual({
      kind: 'sqlite',
      file: '/srv/jyxc.db',
    });
    expect(describeDatabaseUrl('file:///srv/jyxc.db')).toEqual({
      kind: 'sqlite',
      file: '/srv/jyxc.db',
    });
    expect(describeDatabaseUrl('file::memory:')).toEqual({ kind: 'sqlite', file: ':memory:' });
  });

  it('accepts both PostgreSQL schemes and keeps the URL as given', () => {
    const url = 'postgresql://jyxc:pw@db.internal:5432/jyxc?sslmode=require';
    expect(describeDatabaseUrl(url)).toEqual({ kind: 'postgresql', url });
    expect(describeDatabaseUrl('postgres://u@localhost/jyxc')).toEqual({
      kind: 'postgresql',
      url: 'postgres://u@localhost/jyxc',
    });
  });

  it.each(['', 'mysql://u@h/db', 'jyxc.db', 'file:', 'file:/srv/', 'postgresql://'])(
    'rejects %j with an error naming both accepted forms',
    (url) => {
      expect(() => describeDatabaseUrl(url)).toThrow(DatabaseUrlError);
      expect(() => describeDatabaseUrl(url)).toThrow(
        /DATABASE_URL must be file:… .* or postgresql:\/\/…/,
      );
    },
  );

  it('does not repeat a password in its error', () => {
    expect(() => describeDatabaseUrl('mysql://root:s3cret@h/db')).toThrow(/root:\*\*\*@h/);
    expect(() => describeDatabaseUrl('mysql://root:s3cret@h/db')).not.toThrow(/s3cret/);
  });
});

describe('createDb', () => {
  it('opens SQLite through better-sqlite3 with WAL, a busy timeout and foreign keys on', async () => {
    const db = createDb(`file:${join(dir, 'pragmas.db')}`);
    try {
      expect(databaseKind(db)).toBe('sqlite');
      await checkConnection(db);
      const [journal] = await db.$queryRawUnsafe<{ journal_mode: string }[]>('PRAGMA journal_mode');
      const [keys] =
        await db.$queryRawUnsafe<{ foreign_keys: bigint | number }[]>('PRAGMA foreign_keys');
      const [busy] =
        await db.$queryRawUnsafe<{ timeout: bigint | number }[]>('PRAGMA busy_timeout');
      expect(journal?.journal_mode).toBe('wal');
      expect(Number(keys?.foreign_keys)).toBe(1);
      expect(Number(busy?.timeout)).toBe(5000);
    } finally {
      await db.$disconnect();
    }
  });

  it('opens an in-memory SQLite database', async () => {
    const db = createDb('file::memory:');
    try {
      await expect(checkConnection(db)).resolves.toBeUndefined();
    } finally {
      await db.$disconnect();
    }
  });

  it('chooses node-postgres for a postgresql URL, connecting only on the first query', async () => {
    const db = createDb('postgresql://nobody:pw@127.0.0.1:1/jyxc?connect_timeout=2');
    try {
      expect(databaseKind(db)).toBe('postgresql');
      await expect(checkConnection(db)).rejects.toThrow();
    } finally {
      await db.$disconnect();
    }
  });

  it('reads SQLite directly on a connection of its own, which sees only what is committed', async () => {
    const url = `file:${join(dir, 'direct.db')}`;
    await migrateDatabase(url);
    const db = createDb(url);
    const units = async () =>
      (await directRead(db, 'SELECT COUNT(*) AS "count" FROM "Unit"', []))[0]?.['count'];
    try {
      expect(await units()).toBe(0);
      await db.$transaction(async (tx) => {
        await tx.unit.create({
          data: { kind: 'bureau', name: '县教育局', code: 'bureau', updatedAt: new Date() },
        });
        // The client's own connection would show the row before it is committed.
        expect(await units()).toBe(0);
      });
      expect(await units()).toBe(1);
      // Closed with the client, and opened again by the next read.
      await db.$disconnect();
      expect(await units()).toBe(1);
      const [row] = await directRead(db, 'SELECT "name", "active", "createdAt" FROM "Unit"', []);
      expect(row).toEqual({ name: '县教育局', active: true, createdAt: expect.any(Date) });
    } finally {
      await db.$disconnect();
    }
  });

  it('reads an in-memory SQLite database directly through the client’s connection', async () => {
    const db = createDb('file::memory:');
    try {
      expect(await directRead(db, 'SELECT 1 AS "one"', [])).toEqual([{ one: 1 }]);
    } finally {
      await db.$disconnect();
    }
  });

  it('refuses a URL of another database before opening anything', () => {
    expect(() => createDb('mysql://u@h/db')).toThrow(DatabaseUrlError);
  });
});
