import { randomUUID } from 'node:crypto';

import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { ColumnTypeEnum } from '@prisma/driver-adapter-utils';
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  SqlResultSet,
  Transaction,
} from '@prisma/driver-adapter-utils';
import pg from 'pg';

/**
 * A driver adapter factory for the schema engine, and `close()`, which releases every
 * connection it opened and drops any PostgreSQL shadow database still left. Freeing the
 * engine does not wait for its connections to be disposed, and an SQLite connection that
 * applied migrations keeps the file locked until it is closed.
 */
export interface MigrationAdapter {
  readonly factory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

interface AdapterChanges {
  readonly queryRaw?: (query: SqlQuery) => Promise<SqlResultSet>;
  readonly executeRaw?: (query: SqlQuery) => Promise<number>;
  readonly startTransaction?: SqlDriverAdapter['startTransaction'];
  readonly dispose?: () => Promise<void>;
}

/** A copy of `adapter` with some methods replaced and the rest delegated to it. */
function changeAdapter(adapter: SqlDriverAdapter, changes: AdapterChanges): SqlDriverAdapter {
  const getConnectionInfo = adapter.getConnectionInfo?.bind(adapter);
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: changes.queryRaw ?? ((query) => adapter.queryRaw(query)),
    executeRaw: changes.executeRaw ?? ((query) => adapter.executeRaw(query)),
    executeScript: (script) => adapter.executeScript(script),
    startTransaction:
      changes.startTransaction ?? ((isolationLevel) => adapter.startTransaction(isolationLevel)),
    dispose: changes.dispose ?? (() => adapter.dispose()),
    ...(getConnectionInfo === undefined ? {} : { getConnectionInfo }),
  };
}

/** Remembers the adapters handed to the engine so that `close()` can dispose them once. */
class OpenAdapters {
  readonly #disposers = new Set<() => Promise<void>>();

  track(adapter: SqlDriverAdapter): SqlDriverAdapter {
    let disposed: Promise<void> | undefined;
    const dispose = (): Promise<void> => {
      this.#disposers.delete(dispose);
      disposed ??= adapter.dispose();
      return disposed;
    };
    this.#disposers.add(dispose);
    return changeAdapter(adapter, { dispose });
  }

  async disposeAll(): Promise<void> {
    const results = await Promise.allSettled([...this.#disposers].map((dispose) => dispose()));
    for (const result of results) {
      if (result.status === 'rejected') {
        const reason: unknown = result.reason;
        throw reason;
      }
    }
  }
}

function isMultiStatementError(error: unknown): boolean {
  return error instanceof RangeError && error.message.includes('more than one statement');
}

/**
 * To rebuild a migrations folder in a shadow database, the engine sends each
 * `migration.sql` whole through `executeRaw`, which better-sqlite3 runs as one prepared
 * statement and rejects when the file holds several. better-sqlite3 refuses
 * such SQL before running any of it, so running the same text as a script instead is safe;
 * only parameterless SQL falls back, because a script cannot bind values.
 */
function withScriptFallback(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return changeAdapter(adapter, {
    executeRaw: async (query) => {
      try {
        return await adapter.executeRaw(query);
      } catch (error) {
        if (query.args.length === 0 && isMultiStatementError(error)) {
          await adapter.executeScript(query.sql);
          return 0;
        }
        throw error;
      }
    },
  });
}

export interface SqliteAdapterOptions {
  /** Refuse to create the database file when it does not exist (a check must not make one). */
  readonly fileMustExist?: boolean;
}

/** `path` is the database file; shadow databases are in memory. */
export function sqliteMigrationAdapter(
  path: string,
  options: SqliteAdapterOptions = {},
): MigrationAdapter {
  const inner = new PrismaBetterSqlite3({
    url: path,
    fileMustExist: options.fileMustExist ?? false,
  });
  const open = new OpenAdapters();
  return {
    factory: {
      provider: inner.provider,
      adapterName: inner.adapterName,
      connect: async () => open.track(withScriptFallback(await inner.connect())),
      connectToShadowDb: async () =>
        open.track(withScriptFallback(await inner.connectToShadowDb())),
    },
    close: () => open.disposeAll(),
  };
}

const PG_CHAR = 18;
const PG_TEXT = 25;
/** A NUL cannot occur in a PostgreSQL identifier, so the mark never meets a real name. */
const CHAR_COLUMN_MARK = '\u0000char';

/**
 * The engine reads catalogue columns of PostgreSQL's one-byte `"char"` type (such as
 * `pg_constraint.contype`) and expects characters, but the pg driver adapter refuses
 * `"char"` columns and maps no column type to a character. So such a column is described to
 * the adapter as `text` with a mark on its name (this runs before the driver builds the
 * result), and the adapter's result is corrected afterwards: mark removed, column typed as a
 * character.
 */
function markCharColumns(message: unknown): void {
  const fields = isRecord(message) ? message['fields'] : undefined;
  if (!Array.isArray(fields)) return;
  for (const field of fields) {
    if (isRecord(field) && field['dataTypeID'] === PG_CHAR && typeof field['name'] === 'string') {
      field['dataTypeID'] = PG_TEXT;
      field['name'] = `${field['name']}${CHAR_COLUMN_MARK}`;
    }
  }
}

function restoreCharColumns(result: SqlResultSet): SqlResultSet {
  const isMarked = (name: string | undefined): boolean => name?.endsWith(CHAR_COLUMN_MARK) === true;
  if (!result.columnNames.some(isMarked)) return result;
  return {
    ...result,
    columnNames: result.columnNames.map((name) =>
      isMarked(name) ? name.slice(0, -CHAR_COLUMN_MARK.length) : name,
    ),
    columnTypes: result.columnTypes.map((type, index) =>
      isMarked(result.columnNames[index]) ? ColumnTypeEnum.Character : type,
    ),
  };
}

class CharColumnClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.connection.prependListener('rowDescription', markCharColumns);
  }
}

function transactionWithCharColumns(transaction: Transaction): Transaction {
  const savepoints = {
    ...(transaction.createSavepoint === undefined
      ? {}
      : { createSavepoint: transaction.createSavepoint.bind(transaction) }),
    ...(transaction.rollbackToSavepoint === undefined
      ? {}
      : { rollbackToSavepoint: transaction.rollbackToSavepoint.bind(transaction) }),
    ...(transaction.releaseSavepoint === undefined
      ? {}
      : { releaseSavepoint: transaction.releaseSavepoint.bind(transaction) }),
  };
  return {
    provider: transaction.provider,
    adapterName: transaction.adapterName,
    options: transaction.options,
    queryRaw: async (query) => restoreCharColumns(await transaction.queryRaw(query)),
    executeRaw: (query) => transaction.executeRaw(query),
    commit: () => transaction.commit(),
    rollback: () => transaction.rollback(),
    ...savepoints,
  };
}

async function connectPostgres(connectionString: string): Promise<SqlDriverAdapter> {
  const pool = new pg.Pool({ connectionString, Client: CharColumnClient, max: 4 });
  const adapter = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
  return changeAdapter(adapter, {
    queryRaw: async (query) => restoreCharColumns(await adapter.queryRaw(query)),
    startTransaction: async (isolationLevel) =>
      transactionWithCharColumns(await adapter.startTransaction(isolationLevel)),
  });
}

async function withClient<T>(
  connectionString: string,
  use: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/**
 * `url` is the target database. Shadow databases are made on the same server under a random
 * name, and dropped when the engine disposes them or at the latest on `close()`.
 * `@prisma/adapter-pg`'s own shadow connection is not used: it builds its pool from the
 * connection string, whose database name wins over the shadow one, so the engine's scratch
 * work would land in the target database.
 */
export function postgresMigrationAdapter(url: string): MigrationAdapter {
  const open = new OpenAdapters();
  const shadows = new Set<string>();

  const dropShadow = async (name: string): Promise<void> => {
    if (!shadows.delete(name)) return;
    await withClient(url, (client) =>
      client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`),
    );
  };

  const connectToShadowDb = async (): Promise<SqlDriverAdapter> => {
    const name = `jyxc_shadow_${randomUUID().replaceAll('-', '')}`;
    await withClient(url, (client) => client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`));
    shadows.add(name);
    const adapter = await connectPostgres(withDatabase(url, name));
    return open.track(
      changeAdapter(adapter, {
        dispose: async () => {
          await adapter.dispose();
          await dropShadow(name);
        },
      }),
    );
  };

  return {
    factory: {
      provider: 'postgres',
      adapterName: '@prisma/adapter-pg',
      connect: async () => open.track(await connectPostgres(url)),
      connectToShadowDb,
    },
    close: async () => {
      await open.disposeAll();
      for (const name of [...shadows]) await dropShadow(name);
    },
  };
}
