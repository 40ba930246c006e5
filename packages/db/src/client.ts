import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';

import {
  directSelect,
  holdAdapter,
  insertDirect,
  SqliteReader,
  type AdapterHolder,
  type DirectArg,
  type DirectInsert,
  type DirectRow,
} from './direct.js';
import { statementName } from './statements.js';
import {
  CHANGES_CHANNEL,
  EVERYTHING,
  trackPostgresChanges,
  trackSqliteChanges,
  type ChangeFeed,
  type Changes,
  type ReadScope,
} from './changes.js';
import { PrismaClient as PgPrismaClient } from './generated/pg/client.js';
import { PrismaClient as SqlitePrismaClient, type Prisma } from './generated/sqlite/client.js';

/**
 * The database client every app uses, whichever database is behind it.
 *
 * Both generated clients come from the same schema text (scripts/generate.ts swaps only the
 * provider), so their model delegates have the same methods, arguments and results. The
 * SQLite client's type is the one the app sees because it is the narrower of the two: it
 * lacks the few PostgreSQL-only options (`mode: 'insensitive'`, `skipDuplicates`), so code
 * written against it runs on both databases. One difference the types cannot show: ordering
 * by an enum column sorts by the enum's declaration order in PostgreSQL and alphabetically
 * in SQLite, so sort such results in code when the order matters.
 */
export type Db = SqlitePrismaClient;

/** A transaction client, as passed to `db.$transaction(async (tx) => …)`. */
export type DbTransaction = Parameters<Parameters<Db['$transaction']>[0]>[0];

export type DatabaseDescription =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgresql'; readonly url: string };

/** The repository's `data/` folder, where relative SQLite paths live. */
export const DEFAULT_DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../data');

export class DatabaseUrlError extends Error {
  override readonly name = 'DatabaseUrlError';
}

const URL_HELP =
  'DATABASE_URL must be file:… (an SQLite file, e.g. file:jyxc.db) or postgresql://… (e.g. postgresql://user:password@host:5432/jyxc)';

export interface DescribeOptions {
  /**
   * Folder that a relative `file:` path is resolved against. Defaults to the repository's
   * `data/` folder, so the API, the bot and the scripts open the same file whatever their
   * working directory is.
   */
  readonly dataDir?: string;
}

/**
 * Validates a database URL and says which database it names.
 *
 * - `file:jyxc.db`, `file:./jyxc.db` → `<dataDir>/jyxc.db`; `file:/srv/jyxc.db` and
 *   `file:///srv/jyxc.db` → that absolute path; `file::memory:` → an in-memory database.
 * - `postgresql://…` and `postgres://…` → PostgreSQL, the URL unchanged.
 *
 * Throws a {@link DatabaseUrlError} naming both accepted forms otherwise.
 */
export function describeDatabaseUrl(
  url: string,
  options: DescribeOptions = {},
): DatabaseDescription {
  const trimmed = url.trim();
  if (/^postgres(ql)?:\/\//i.test(trimmed)) {
    let parsed: URL;
    try {
      parsed = new URL(trimmed);
    } catch {
      throw new DatabaseUrlError(`${URL_HELP}; got a postgresql URL that does not parse`);
    }
    if (parsed.hostname === '' && !parsed.searchParams.has('host')) {
      throw new DatabaseUrlError(`${URL_HELP}; the postgresql URL names no host`);
    }
    return { kind: 'postgresql', url: trimmed };
  }
  if (/^file:/i.test(trimmed)) {
    const rest = trimmed.slice('file:'.length);
    if (rest === ':memory:') return { kind: 'sqlite', file: ':memory:' };
    let path: string;
    if (rest.startsWith('//')) {
      try {
        path = fileURLToPath(trimmed);
      } catch {
        throw new DatabaseUrlError(`${URL_HELP}; got a file URL that does not parse`);
      }
    } else {
      path = decodeURIComponent(rest.split('?')[0] ?? '');
    }
    if (path === '' || path.endsWith('/')) {
      throw new DatabaseUrlError(`${URL_HELP}; the file: URL names no file`);
    }
    const file = isAbsolute(path) ? path : join(options.dataDir ?? DEFAULT_DATA_DIR, path);
    return { kind: 'sqlite', file };
  }
  const shown = trimmed === '' ? 'an empty value' : `"${redact(trimmed)}"`;
  throw new DatabaseUrlError(`${URL_HELP}; got ${shown}`);
}

/** The URL without a password, for messages. */
function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
}

/**
 * Settings of every SQLite connection: WAL lets the console read while the bot writes; the
 * busy timeout makes a second process wait for a lock instead of failing at once; foreign
 * keys are off by default in SQLite and the schema relies on them.
 */
const SQLITE_PRAGMAS = [
  'PRAGMA journal_mode = WAL',
  'PRAGMA busy_timeout = 5000',
  'PRAGMA foreign_keys = ON',
  'PRAGMA synchronous = NORMAL',
].join(';\n');

/** The better-sqlite3 adapter, with {@link SQLITE_PRAGMAS} applied to each connection it opens. */
export function sqliteAdapterFactory(file: string): SqlDriverAdapterFactory {
  const inner = new PrismaBetterSqlite3({ url: file, timeout: 5000 });
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect(): Promise<SqlDriverAdapter> {
      const adapter = await inner.connect();
      // An in-memory database has no journal file; WAL does not apply to it.
      const pragmas =
        file === ':memory:'
          ? SQLITE_PRAGMAS.replace(/^PRAGMA journal_mode.*$/m, '')
          : SQLITE_PRAGMAS;
      await adapter.executeScript(pragmas);
      return adapter;
    },
  };
}

export interface CreateDbOptions extends DescribeOptions {
  /** Prisma log levels to print (e.g. `['query']` while investigating a slow page). */
  readonly log?: readonly ('query' | 'info' | 'warn' | 'error')[];
  /**
   * Called with every SQL statement the client runs and its parameters (as Prisma reports
   * them, a JSON array): tests read what a page costs and how the database plans it.
   */
  readonly onQuery?: (query: ExecutedQuery) => void;
  /**
   * PostgreSQL: at most this many connections to the server for queries (node-postgres' own
   * default, 10, when not given), besides the one that listens for other processes' writes.
   * SQLite ignores it.
   */
  readonly poolSize?: number;
}

/** A statement as Prisma reports it after running it. */
export interface ExecutedQuery {
  readonly sql: string;
  readonly params: readonly unknown[];
}

type QueryEvents = {
  $on(event: 'query', listener: (event: { query: string; params: string }) => void): void;
};

/** Prisma's log setting for `options`: query events go to `onQuery` when one is given. */
function logSetting(options: CreateDbOptions) {
  const levels = options.log === undefined ? [] : [...options.log];
  if (options.onQuery === undefined) return levels;
  return [...levels.filter((level) => level !== 'query'), { emit: 'event', level: 'query' }] as (
    (typeof levels)[number] | { emit: 'event'; level: 'query' }
  )[];
}

function observeQueries(client: unknown, options: CreateDbOptions): void {
  const onQuery = options.onQuery;
  if (onQuery === undefined) return;
  (client as QueryEvents).$on('query', (event) => {
    let params: unknown[] = [];
    try {
      const parsed: unknown = JSON.parse(event.params);
      if (Array.isArray(parsed)) params = parsed;
    } catch {
      // Prisma writes the parameters as JSON; anything else is reported without them.
    }
    onQuery({ sql: event.query, params });
  });
}

/**
 * A Prisma client for `url` (see {@link describeDatabaseUrl}): SQLite through better-sqlite3,
 * PostgreSQL through node-postgres. The connection opens on the first query; call
 * `db.$disconnect()` when done.
 */
export function createDb(url: string, options: CreateDbOptions = {}): Db {
  const description = describeDatabaseUrl(url, options);
  const log = logSetting(options);
  if (description.kind === 'sqlite') {
    const tracked = trackSqliteChanges(sqliteAdapterFactory(description.file));
    const holder: AdapterHolder = { adapter: null };
    // An in-memory database is the client's connection alone: it is read through the adapter.
    const reader = description.file === ':memory:' ? null : new SqliteReader(description.file);
    const db = new SqlitePrismaClient({
      adapter: holdAdapter(tracked.factory, holder, () => reader?.close()),
      log,
    });
    observeQueries(db, options);
    kinds.set(db, 'sqlite');
    feeds.set(db, tracked.feed);
    directs.set(db, { holder, reader, onQuery: options.onQuery });
    return db;
  }
  const tracked = trackPostgresChanges(
    new PrismaPg(
      {
        connectionString: description.url,
        ...(options.poolSize === undefined ? {} : { max: options.poolSize }),
      },
      { statementNameGenerator: statementName },
    ),
    description.url,
  );
  const holder: AdapterHolder = { adapter: null };
  const pgClient = new PgPrismaClient({ adapter: holdAdapter(tracked.factory, holder), log });
  observeQueries(pgClient, options);
  // The one place the PostgreSQL client is seen as a `Db`: the two generated clients are
  // separate declarations of the same schema, so TypeScript cannot relate them itself.
  // Their delegates agree by construction (see `Db`), which the tests exercise on both.
  const db = pgClient as unknown as Db;
  kinds.set(db, 'postgresql');
  feeds.set(db, tracked.feed);
  directs.set(db, { holder, reader: null, onQuery: options.onQuery });
  return db;
}

/**
 * How each client made here reads directly (its adapter, and on an SQLite file its reader),
 * and who is told of its statements.
 */
const directs = new WeakMap<
  Db,
  {
    readonly holder: AdapterHolder;
    readonly reader: SqliteReader | null;
    readonly onQuery: CreateDbOptions['onQuery'];
  }
>();

/**
 * Runs a SELECT written for `db`'s database ({@link databaseKind}: `?` placeholders on SQLite,
 * `$1`… on PostgreSQL) without the query engine — on the client's own pool on PostgreSQL, on
 * a read-only connection of the client's on an SQLite file — and gives its rows as Prisma
 * would: dates as `Date`, booleans as booleans (see direct.ts). For hot reads only, each
 * beside its Prisma form and proven equal to it by a property test.
 */
export async function directRead(
  db: Db,
  sql: string,
  args: readonly DirectArg[],
): Promise<DirectRow[]> {
  const direct = directs.get(db);
  if (direct === undefined) throw new Error('directRead: this client was not created by createDb');
  const rows = await directSelect(direct.holder, direct.reader, () => db.$connect(), sql, args);
  direct.onQuery?.({ sql, params: args });
  return rows;
}

/**
 * Inserts `inserts` (each row with every column's value, ids included) in one transaction
 * without the query engine, and announces `changes` as {@link noticeChanges} and
 * {@link announceChanges} do for a transaction of the client: the other processes hear of
 * them only if the rows are committed, this process's caches once they have settled. For
 * hot writes only, each beside its Prisma form and proven equal to it by a property test.
 * A failed insert throws the driver adapter's error, not Prisma's.
 */
export async function directInsert(
  db: Db,
  inserts: readonly DirectInsert[],
  changes: Changes,
): Promise<void> {
  const direct = directs.get(db);
  if (direct === undefined)
    throw new Error('directInsert: this client was not created by createDb');
  if (direct.holder.adapter === null) await db.$connect();
  const adapter = direct.holder.adapter as SqlDriverAdapter | null;
  if (adapter === null) throw new Error('the database client is not connected');
  const text =
    changes !== EVERYTHING && changes.length === 0
      ? null
      : (feeds.get(db)?.notice(changes) ?? null);
  let settled: 'committed' | 'rolled back' = 'rolled back';
  try {
    await insertDirect(
      adapter,
      kinds.get(db) === 'postgresql',
      inserts,
      text === null ? null : { channel: CHANGES_CHANNEL, text },
      (query) => direct.onQuery?.({ sql: query.sql, params: query.args }),
    );
    settled = 'committed';
  } finally {
    announceChanges(db, changes, settled);
  }
}

/** The change feed of each client made here (see `ChangeFeed` for how it follows changes). */
const feeds = new WeakMap<Db, ChangeFeed>();

/** A table of the schema, as the write path announces it and a cached read depends on it. */
export type Table = Prisma.ModelName;

/**
 * The version of the data `scopes` cover, for a client created by {@link createDb}: it
 * advances after every settled change that concerns them, by this process or another (see
 * `ChangeFeed` for how and how soon), and is null when it cannot be known — then nothing may
 * be cached. A cache takes it before reading and may serve what it read only while it is
 * unchanged. Null for other clients.
 */
export function dataVersion(db: Db, scopes: readonly ReadScope[]): Promise<number | null> {
  return feeds.get(db)?.version(scopes) ?? Promise.resolve(null);
}

/**
 * Announces this process's changes once their transaction has settled, before the writer
 * answers anyone. A rollback on SQLite counts as a change of everything: the one connection
 * let reads outside the transaction see its rows, and what it wrote is not all known.
 */
export function announceChanges(
  db: Db,
  changes: Changes,
  settled: 'committed' | 'rolled back' = 'committed',
): void {
  for (const watcher of watchers.get(db) ?? []) watcher(changes, settled);
  const feed = feeds.get(db);
  if (feed === undefined) return;
  if (settled === 'rolled back') {
    if (kinds.get(db) === 'sqlite') feed.announce(EVERYTHING);
    return;
  }
  if (changes === EVERYTHING || changes.length > 0) feed.announce(changes);
}

/** Who is told of each announcement, by client (see {@link watchAnnouncements}). */
const watchers = new WeakMap<
  Db,
  Set<(changes: Changes, settled: 'committed' | 'rolled back') => void>
>();

/**
 * Calls `watcher` with every announcement of this process's changes on `db`, as it is made:
 * the tests check with it that every write says what it changed.
 */
export function watchAnnouncements(
  db: Db,
  watcher: (changes: Changes, settled: 'committed' | 'rolled back') => void,
): void {
  let set = watchers.get(db);
  if (set === undefined) watchers.set(db, (set = new Set()));
  set.add(watcher);
}

/**
 * Tells the other processes of `changes` from inside the transaction that makes them
 * (PostgreSQL's notices go out if and only if it commits); nothing to do on SQLite, whose
 * other processes read the file's data version.
 */
export async function noticeChanges(tx: DbTransaction, db: Db, changes: Changes): Promise<void> {
  const text =
    changes !== EVERYTHING && changes.length === 0
      ? null
      : (feeds.get(db)?.notice(changes) ?? null);
  if (text !== null) await tx.$executeRaw`SELECT pg_notify(${CHANGES_CHANNEL}, ${text})`;
}

/** The database behind each client made here (a Prisma client does not say which it is). */
const kinds = new WeakMap<Db, DatabaseDescription['kind']>();

/**
 * Which database a client created by {@link createDb} talks to, for the rare query that must
 * differ between them. Throws for any other client (including one derived with `$extends`).
 */
export function databaseKind(db: Db): DatabaseDescription['kind'] {
  const kind = kinds.get(db);
  if (kind === undefined) throw new Error('databaseKind: this client was not created by createDb');
  return kind;
}

/**
 * Runs `SELECT 1`; resolves when the database answers and rejects with the driver's error
 * otherwise (wrong password, unreachable host, unreadable file).
 */
export async function checkConnection(db: Db): Promise<void> {
  await db.$queryRaw`SELECT 1`;
}
