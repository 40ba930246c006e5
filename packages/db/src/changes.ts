import { randomUUID } from 'node:crypto';

import type {
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  SqlQueryable,
  Transaction,
} from '@prisma/driver-adapter-utils';
import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * The data generation of a database client: a number that advances after every committed
 * change to the data, so that a cache can tell whether what it read is still what the
 * database holds. A reader takes the generation BEFORE it reads and stores it with what it
 * read; the entry is usable only while the generation is unchanged. A writer advances it
 * after its commit (and after a rollback, see below), before the write's promise resolves,
 * so an answer read before a commit is unusable by the time the writer can answer anyone.
 *
 * What advances it:
 * - every statement of this client that changes data, seen in the driver adapter (so the
 *   API, the reminders job, the seed and scripts are all covered, whatever they call):
 *   after it completes outside a transaction, and after the transaction that ran it ends;
 *   the end of a rollback counts too, because SQLite's one connection lets a read outside
 *   the transaction see its uncommitted rows;
 * - SQLite, other processes: `PRAGMA data_version`, read at most once a millisecond when the
 *   generation is asked for; it changes when any other connection commits to the file;
 * - PostgreSQL, other processes: each writing transaction sends `pg_notify` inside itself,
 *   so the notice goes out exactly when it commits; every client listens on a connection
 *   of its own. Between another process's commit and the arrival of its notice (a few
 *   milliseconds on one network) this process can still answer from its cache: that is
 *   the staleness window across processes. While the listening connection is down — or
 *   not yet up — the generation is `null`: nothing may be cached or served from a cache.
 *
 * Writes to {@link BOOKKEEPING_TABLES} do not advance it: they are frequent (a session's
 * last-seen time, the reminders lease every minute) and no cached read may depend on them.
 */
export interface ChangeFeed {
  /** The current generation, or null when it cannot be known (nothing may be cached then). */
  generation(): Promise<number | null>;
  /** Releases the listening connection (PostgreSQL); called when the client disconnects. */
  close(): Promise<void>;
}

/** The PostgreSQL channel on which every process announces its committed changes. */
export const CHANGES_CHANNEL = 'jyxc_changes';

/**
 * Sessions, throttles, job leases, bot bookkeeping and the audit log: written on every login
 * (a session and its audit entry), every few minutes per active session and every minute by
 * the reminders job, never shown by a cached read. A cache must not hold anything read from
 * these tables. (Every other change is audited in the same transaction, which counts anyway.)
 */
export const BOOKKEEPING_TABLES: ReadonlySet<string> = new Set([
  'LoginSession',
  'LoginThrottle',
  'JobLease',
  'ProcessedUpdate',
  'BotSession',
  'AuditLog',
]);

const NOT_A_CHANGE = /^\s*(?:SELECT|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|SET|SHOW|EXPLAIN)\b/i;
/** `INSERT INTO "public"."Unit"`, ``UPDATE `main`.`Unit` ``, `DELETE FROM Unit`, … */
const TARGET = /^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(?:[`"]?\w+[`"]?\s*\.\s*)?[`"]?(\w+)/i;

/**
 * Whether a statement may change data a cache could hold. Anything not known to be a read
 * counts as a change (a wasted cache entry costs a re-read; a missed change would be a
 * wrong answer).
 */
export function changesData(sql: string): boolean {
  if (NOT_A_CHANGE.test(sql)) return false;
  const table = TARGET.exec(sql)?.[1];
  return table === undefined || !BOOKKEEPING_TABLES.has(table);
}

const COMMIT = /^\s*COMMIT\b/i;

/** Counts generations; the shared part of both databases' feeds. */
class Generation {
  #value = 0;

  get value(): number {
    return this.#value;
  }

  advance(): void {
    this.#value += 1;
  }
}

interface WrapHooks {
  /** Runs after a change outside a transaction completed, and after a changing transaction ended. */
  readonly changed: () => void;
  /**
   * Runs a change outside a transaction. PostgreSQL runs it in a transaction of its own with
   * the notice, so that the notice is sent if and only if the change commits.
   */
  readonly alone?: <T>(run: (queryable: SqlQueryable) => Promise<T>) => Promise<T>;
  /** Runs inside a changing transaction just before its COMMIT (PostgreSQL: the notice). */
  readonly beforeCommit?: (transaction: Transaction) => Promise<void>;
}

function wrapTransaction(transaction: Transaction, hooks: WrapHooks): Transaction {
  let changed = false;
  let noticeSent = false;
  const before = async (query: SqlQuery): Promise<void> => {
    if (changesData(query.sql)) changed = true;
    else if (changed && !noticeSent && hooks.beforeCommit && COMMIT.test(query.sql)) {
      noticeSent = true;
      await hooks.beforeCommit(transaction);
    }
  };
  const end = (finish: () => Promise<void>) => async (): Promise<void> => {
    try {
      await finish();
    } finally {
      if (changed) hooks.changed();
    }
  };
  return {
    provider: transaction.provider,
    adapterName: transaction.adapterName,
    options: transaction.options,
    queryRaw: async (query) => {
      await before(query);
      return transaction.queryRaw(query);
    },
    executeRaw: async (query) => {
      await before(query);
      return transaction.executeRaw(query);
    },
    commit: end(() => transaction.commit()),
    rollback: end(() => transaction.rollback()),
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
}

function wrapAdapter(
  adapter: SqlDriverAdapter,
  hooks: WrapHooks,
  onDispose: () => Promise<void>,
): SqlDriverAdapter {
  const getConnectionInfo = adapter.getConnectionInfo?.bind(adapter);
  const outside = async <T>(
    query: SqlQuery,
    run: (queryable: SqlQueryable) => Promise<T>,
  ): Promise<T> => {
    if (!changesData(query.sql)) return run(adapter);
    try {
      return hooks.alone === undefined ? await run(adapter) : await hooks.alone(run);
    } finally {
      // A failed statement may still have changed something (a script stopped half-way).
      hooks.changed();
    }
  };
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => outside(query, (q) => q.queryRaw(query)),
    executeRaw: (query) => outside(query, (q) => q.executeRaw(query)),
    executeScript: async (script) => {
      try {
        await adapter.executeScript(script);
      } finally {
        hooks.changed();
      }
    },
    startTransaction: async (isolationLevel) =>
      wrapTransaction(await adapter.startTransaction(isolationLevel), hooks),
    dispose: async () => {
      try {
        await onDispose();
      } finally {
        await adapter.dispose();
      }
    },
    ...(getConnectionInfo === undefined ? {} : { getConnectionInfo }),
  };
}

const DATA_VERSION: SqlQuery = { sql: 'PRAGMA data_version', args: [], argTypes: [] };

/**
 * Reads `PRAGMA data_version` on the adapter's own connection, which changes when another
 * connection — another process — commits to the file, and not for this connection's commits
 * (so bookkeeping writes stay uncounted). The adapter keeps its better-sqlite3 handle as
 * `client`; a prepared statement on it costs a microsecond or two. Should a later adapter
 * keep it elsewhere, the query goes through the adapter instead (some twenty microseconds).
 */
function dataVersionReader(adapter: SqlDriverAdapter): () => Promise<unknown> {
  const client: unknown = Reflect.get(adapter, 'client');
  if (client instanceof Database) {
    const statement = client.prepare(DATA_VERSION.sql).pluck();
    return () => Promise.resolve(statement.get());
  }
  return async () => (await adapter.queryRaw(DATA_VERSION)).rows[0]?.[0];
}

/**
 * How often, at most, SQLite's data version is read: a busy API answers several requests a
 * millisecond, and each read costs a few microseconds of the few dozen a kept answer costs.
 * So another process's commit is seen by the requests that start a millisecond after it
 * (this process's own commits count at once, in the adapter).
 */
const CHECK_OTHERS_EVERY_MS = 1;

/**
 * An SQLite adapter factory whose changes advance a generation, and the feed that also
 * advances when another connection commits to the file (see {@link dataVersionReader}).
 */
export function trackSqliteChanges(factory: SqlDriverAdapterFactory): {
  readonly factory: SqlDriverAdapterFactory;
  readonly feed: ChangeFeed;
} {
  const generation = new Generation();
  let dataVersion: (() => Promise<unknown>) | null = null;
  let seen: unknown = null;
  let checkedAt = -Infinity;
  const hooks: WrapHooks = { changed: () => generation.advance() };
  const disconnected = () => {
    dataVersion = null;
    seen = null;
    checkedAt = -Infinity;
    generation.advance();
  };
  return {
    factory: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      async connect() {
        const adapter = await factory.connect();
        dataVersion = dataVersionReader(adapter);
        generation.advance();
        return wrapAdapter(adapter, hooks, async () => disconnected());
      },
    },
    feed: {
      async generation() {
        const read = dataVersion;
        if (read === null) return null;
        const now = performance.now();
        if (now - checkedAt < CHECK_OTHERS_EVERY_MS) return generation.value;
        checkedAt = now;
        let version: unknown;
        try {
          version = await read();
        } catch {
          // The file is locked beyond the busy timeout: nothing is known, nothing cached.
          return null;
        }
        if (version !== seen) {
          if (seen !== null) generation.advance();
          seen = version;
        }
        return generation.value;
      },
      async close() {
        disconnected();
      },
    },
  };
}

/** How often the listening connection proves that notices reach it; a failed proof stops all caching. */
const PROOF_EVERY_MS = 10_000;
/** How long a proof may take before the connection is given up and opened again. */
const PROOF_TIMEOUT_MS = 5_000;
/** How the listening connection shows in `pg_stat_activity`. */
export const LISTENER_NAME = 'jyxc-changes-listener';
/** The first wait before opening a lost connection again; it doubles up to a minute. */
const RECONNECT_MS = 1_000;
const RECONNECT_MAX_MS = 60_000;

/**
 * The listening side of the PostgreSQL feed: one connection that LISTENs on
 * {@link CHANGES_CHANNEL}, advancing the generation on other processes' notices. It counts as
 * listening only after a notice it sent itself came back, and proves that again every
 * {@link PROOF_EVERY_MS}: a connection that died silently (no error, notices simply lost) stops
 * the caching within that plus {@link PROOF_TIMEOUT_MS}, 15 s at most, instead of leaving it
 * stale for good. Notices need a session of their own: a pooler in transaction
 * mode hands the LISTEN and later statements to different server sessions, so the API must
 * connect directly or through a pooler in session mode.
 */
class Listener {
  listening = false;
  readonly #connectionString: string;
  readonly #instance: string;
  readonly #changed: () => void;
  #client: pg.Client | null = null;
  #closed = false;
  #timer: NodeJS.Timeout | null = null;
  #proofs = 0;
  #failures = 0;
  #awaited: { readonly payload: string; readonly arrived: () => void } | null = null;

  constructor(connectionString: string, instance: string, changed: () => void) {
    this.#connectionString = connectionString;
    this.#instance = instance;
    this.#changed = changed;
  }

  start(): void {
    this.#closed = false;
    if (this.#client === null && this.#timer === null) void this.#open();
  }

  async close(): Promise<void> {
    this.#closed = true;
    const client = this.#client;
    this.#stop();
    if (client !== null) await client.end().catch(() => undefined);
  }

  /** Whether a notice is someone else's change (our own changes were counted when made). */
  #onNotice(payload: string | undefined): void {
    if (payload !== undefined && payload === this.#awaited?.payload) {
      this.#awaited.arrived();
      return;
    }
    if (payload?.startsWith('proof:') === true) return;
    if (payload === `change:${this.#instance}`) return;
    this.#changed();
  }

  async #open(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.#connectionString,
      keepAlive: true,
      application_name: LISTENER_NAME,
    });
    this.#client = client;
    client.on('error', () => this.#lost(client));
    client.on('end', () => this.#lost(client));
    client.on('notification', (message) => {
      if (message.channel === CHANGES_CHANNEL) this.#onNotice(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
      await this.#prove(client);
    } catch {
      this.#lost(client);
      return;
    }
    if (this.#client !== client) return;
    this.#failures = 0;
    // Whatever was cached before notices were known to arrive may have missed some.
    this.#changed();
    this.listening = true;
    this.#schedule(client);
  }

  #schedule(client: pg.Client): void {
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#prove(client).then(
        () => this.#schedule(client),
        () => this.#lost(client),
      );
    }, PROOF_EVERY_MS);
    this.#timer.unref();
  }

  /** Sends a notice on the listening connection and waits for it to come back. */
  async #prove(client: pg.Client): Promise<void> {
    this.#proofs += 1;
    const payload = `proof:${this.#instance}:${this.#proofs}`;
    let timeout: NodeJS.Timeout | undefined;
    const arrived = new Promise<void>((resolve, reject) => {
      this.#awaited = { payload, arrived: resolve };
      timeout = setTimeout(() => reject(new Error('no notice came back')), PROOF_TIMEOUT_MS);
      timeout.unref();
    });
    try {
      await client.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, payload]);
      await arrived;
    } finally {
      clearTimeout(timeout);
      this.#awaited = null;
    }
  }

  #lost(client: pg.Client): void {
    if (this.#client !== client) return;
    this.#stop();
    void client.end().catch(() => undefined);
    if (this.#closed) return;
    this.#failures += 1;
    this.#timer = setTimeout(
      () => {
        this.#timer = null;
        if (!this.#closed) void this.#open();
      },
      Math.min(RECONNECT_MAX_MS, RECONNECT_MS * 2 ** (this.#failures - 1)),
    );
    this.#timer.unref();
  }

  #stop(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    const client = this.#client;
    this.#client = null;
    if (client !== null) {
      client.removeAllListeners('notification');
      // A late error of a connection being dropped has nothing left to stop.
      client.removeAllListeners('error');
      client.on('error', () => undefined);
    }
    if (this.listening) this.#changed();
    this.listening = false;
  }
}

/**
 * A PostgreSQL adapter factory whose changes advance a generation and announce themselves
 * on {@link CHANGES_CHANNEL}, and the feed that also advances on the other processes'
 * announcements. The listening connection opens when the generation is first asked for
 * (scripts that never cache open none); until it is proven, the generation is null.
 */
export function trackPostgresChanges(
  factory: SqlDriverAdapterFactory,
  connectionString: string,
): { readonly factory: SqlDriverAdapterFactory; readonly feed: ChangeFeed } {
  const generation = new Generation();
  const instance = randomUUID();
  const listener = new Listener(connectionString, instance, () => generation.advance());
  const notice: SqlQuery = {
    sql: 'SELECT pg_notify($1, $2)',
    args: [CHANGES_CHANNEL, `change:${instance}`],
    argTypes: [
      { scalarType: 'string', arity: 'scalar' },
      { scalarType: 'string', arity: 'scalar' },
    ],
  };
  const statement = (sql: string): SqlQuery => ({ sql, args: [], argTypes: [] });
  let connection: SqlDriverAdapter | null = null;
  let asked = false;

  const hooks: WrapHooks = {
    changed: () => generation.advance(),
    beforeCommit: async (transaction) => {
      await transaction.executeRaw(notice);
    },
    alone: async (run) => {
      if (connection === null) throw new Error('the database connection is closed');
      // The adapter's transactions leave COMMIT and ROLLBACK to the caller.
      const transaction = await connection.startTransaction();
      let result;
      try {
        result = await run(transaction);
        await transaction.executeRaw(notice);
        await transaction.executeRaw(statement('COMMIT'));
      } catch (error) {
        try {
          await transaction.executeRaw(statement('ROLLBACK'));
        } catch {
          // A broken connection: releasing it below discards the transaction.
        } finally {
          await transaction.rollback();
        }
        throw error;
      }
      await transaction.commit();
      return result;
    },
  };

  return {
    factory: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      async connect() {
        const adapter = await factory.connect();
        connection = adapter;
        // A client used again after `$disconnect` listens again when next asked.
        asked = false;
        return wrapAdapter(adapter, hooks, async () => {
          connection = null;
          await listener.close();
        });
      },
    },
    feed: {
      generation() {
        if (!asked) {
          asked = true;
          listener.start();
        }
        return Promise.resolve(listener.listening ? generation.value : null);
      },
      close: () => listener.close(),
    },
  };
}
