import { randomUUID } from 'node:crypto';

import type {
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
} from '@prisma/driver-adapter-utils';
import pg from 'pg';

/**
 * Versions of the data, by table and unit, so that a cache can tell whether what it read is
 * still what the database holds — without emptying every cache on every write.
 *
 * The write path says what it changed: each use case's transaction collects the tables and
 * units of its changes (apps/api `inTransaction`, from its audit entries) and, once the
 * transaction has settled, calls {@link ChangeFeed.announce} before its caller is answered.
 * A reader names what its answer depends on ({@link ReadScope}: tables, and the units whose
 * rows it shows or every unit) and takes {@link ChangeFeed.version} of that BEFORE it reads;
 * its entry is usable only while that version is unchanged. So an answer read before a commit
 * is unusable by the time the writer can answer anyone, and a change elsewhere leaves it be:
 * a change of table T in unit u concerns readers of T covering u or every unit; a change of T
 * with no unit concerns every reader of T.
 *
 * A rollback counts too on SQLite: its one connection lets a read outside the transaction see
 * the uncommitted rows, and what the transaction wrote before it failed is not known, so a
 * rollback there advances everything.
 *
 * Other processes:
 * - SQLite: `PRAGMA data_version`, read through the adapter at most once a millisecond when a
 *   version is asked for; it changes when another connection commits to the file, and counts
 *   as a change of everything (other writers of one file are rare: scripts, a second API);
 * - PostgreSQL: the writing transaction sends `pg_notify` with its changes inside itself
 *   ({@link ChangeFeed.notice}), so the notice goes out exactly when it commits; every client
 *   listens on a connection of its own and advances the scopes named. Between another
 *   process's commit and the arrival of its notice (a few milliseconds on one network) this
 *   process can still answer from its cache: that is the staleness window across processes.
 *   While the listening connection is down — or not yet up — the version is `null`: nothing
 *   may be cached or served from a cache.
 */
export interface ChangeFeed {
  /** The version of what `scopes` cover, or null when it cannot be known (nothing may be cached). */
  version(scopes: readonly ReadScope[]): Promise<number | null>;
  /** This process's settled changes: advances their versions at once. */
  announce(changes: Changes): void;
  /** The text of the notice that tells other processes of `changes` (PostgreSQL), or null. */
  notice(changes: Changes): string | null;
  /** Releases the listening connection (PostgreSQL); called when the client disconnects. */
  close(): Promise<void>;
}

/** A change of one table's rows: those of one unit, or with `unitId` null of any unit. */
export interface DataChange {
  readonly table: string;
  readonly unitId: string | null;
}

/** Changes to announce; {@link EVERYTHING} when what changed is not known. */
export type Changes = readonly DataChange[] | typeof EVERYTHING;
export const EVERYTHING = 'everything';

/** What a cached answer depends on: rows of these tables, of these units or of every unit. */
export interface ReadScope {
  readonly tables: readonly string[];
  readonly units: readonly string[] | 'all';
}

/** The PostgreSQL channel on which every process announces its committed changes. */
export const CHANGES_CHANNEL = 'jyxc_changes';

/**
 * Sessions, throttles, job leases, bot bookkeeping, the audit log, notification delivery and
 * review openings: written on every login, every few minutes per active session, every minute
 * by the reminders job and by every delivery attempt, and never shown by a cached read. Their
 * writes announce nothing, and a cache may not depend on them.
 */
export const BOOKKEEPING_TABLES: ReadonlySet<string> = new Set([
  'LoginSession',
  'LoginThrottle',
  'JobLease',
  'ProcessedUpdate',
  'BotSession',
  'AuditLog',
  'OutboxMessage',
  'ReviewOpening',
]);

/**
 * Counts changes by table and unit. A scope's version is the sum of the counters it covers
 * plus the count of changes of everything; counters only grow, so the sum is unchanged
 * exactly when none of them moved.
 */
export class Versions {
  #everything = 0;
  /** Every change of a table. */
  readonly #table = new Map<string, number>();
  /** Changes of a table with no unit (they concern every unit). */
  readonly #wide = new Map<string, number>();
  /** Changes of a table in one unit: table → unit → count. */
  readonly #unit = new Map<string, Map<string, number>>();

  advance(changes: Changes): void {
    if (changes === EVERYTHING) {
      this.#everything += 1;
      return;
    }
    for (const { table, unitId } of changes) {
      bump(this.#table, table);
      if (unitId === null) bump(this.#wide, table);
      else {
        let units = this.#unit.get(table);
        if (units === undefined) this.#unit.set(table, (units = new Map()));
        bump(units, unitId);
      }
    }
  }

  of(scopes: readonly ReadScope[]): number {
    let sum = this.#everything;
    for (const { tables, units } of scopes) {
      for (const table of tables) {
        if (units === 'all') {
          sum += this.#table.get(table) ?? 0;
          continue;
        }
        sum += this.#wide.get(table) ?? 0;
        const byUnit = this.#unit.get(table);
        if (byUnit !== undefined) for (const unit of units) sum += byUnit.get(unit) ?? 0;
      }
    }
    return sum;
  }
}

function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** PostgreSQL refuses a notice payload of 8000 bytes or more. */
const NOTICE_MAX_BYTES = 7_900;

/**
 * The notice payload of `changes`: `change:<instance>:<JSON>`, the JSON being the list of
 * [table, unit] pairs. One too long for PostgreSQL names the tables alone (every unit), or
 * finally everything.
 */
function noticeText(instance: string, changes: Changes): string {
  const head = `change:${instance}:`;
  if (changes === EVERYTHING) return `${head}"${EVERYTHING}"`;
  const pairs = new Map<string, readonly [string, string | null]>();
  for (const { table, unitId } of changes) {
    pairs.set(JSON.stringify([table, unitId]), [table, unitId]);
  }
  let text = head + JSON.stringify([...pairs.values()]);
  if (Buffer.byteLength(text) <= NOTICE_MAX_BYTES) return text;
  text = head + JSON.stringify([...new Set(changes.map((c) => c.table))].map((t) => [t, null]));
  if (Buffer.byteLength(text) <= NOTICE_MAX_BYTES) return text;
  return `${head}"${EVERYTHING}"`;
}

/** The changes a notice of another process names; anything unreadable counts as everything. */
function readNotice(payload: string | undefined): Changes {
  // `change:<instance>:<JSON>`; the instance is a UUID (no colon).
  const text = payload ?? '';
  const afterInstance = text.indexOf(':', 'change:'.length);
  if (!text.startsWith('change:') || afterInstance < 0) return EVERYTHING;
  const json = text.slice(afterInstance + 1);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return EVERYTHING;
  }
  if (!Array.isArray(parsed)) return EVERYTHING;
  const changes: DataChange[] = [];
  for (const pair of parsed) {
    if (
      !Array.isArray(pair) ||
      typeof pair[0] !== 'string' ||
      (pair[1] !== null && typeof pair[1] !== 'string')
    ) {
      return EVERYTHING;
    }
    changes.push({ table: pair[0], unitId: pair[1] as string | null });
  }
  return changes;
}

/** The adapter as Prisma sees it, telling when Prisma disposes of it. */
export function withDispose(
  adapter: SqlDriverAdapter,
  onDispose: () => Promise<void>,
): SqlDriverAdapter {
  const getConnectionInfo = adapter.getConnectionInfo?.bind(adapter);
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => adapter.queryRaw(query),
    executeRaw: (query) => adapter.executeRaw(query),
    executeScript: (script) => adapter.executeScript(script),
    startTransaction: (isolationLevel) => adapter.startTransaction(isolationLevel),
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

/**
 * `PRAGMA data_version` of the adapter's own connection: it changes when another connection
 * — another process — commits to the file, and not for this connection's commits (which the
 * write path announces itself).
 */
const DATA_VERSION: SqlQuery = { sql: 'PRAGMA data_version', args: [], argTypes: [] };

/**
 * How often, at most, SQLite's data version is read: a busy API answers several requests a
 * millisecond, and each read costs some twenty microseconds of the few dozen a kept answer
 * costs. So another process's commit is seen by the requests that start a millisecond after
 * it.
 */
const CHECK_OTHERS_EVERY_MS = 1;

/**
 * An SQLite adapter factory and the feed of its client: this process's changes as announced,
 * and another connection's commits seen in the file's data version.
 */
export function trackSqliteChanges(factory: SqlDriverAdapterFactory): {
  readonly factory: SqlDriverAdapterFactory;
  readonly feed: ChangeFeed;
} {
  const versions = new Versions();
  let adapter: SqlDriverAdapter | null = null;
  let seen: unknown = null;
  let checkedAt = -Infinity;
  const disconnected = () => {
    adapter = null;
    seen = null;
    checkedAt = -Infinity;
    versions.advance(EVERYTHING);
  };
  return {
    factory: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      async connect() {
        const connected = await factory.connect();
        adapter = connected;
        versions.advance(EVERYTHING);
        return withDispose(connected, async () => disconnected());
      },
    },
    feed: {
      async version(scopes) {
        const connected = adapter;
        if (connected === null) return null;
        const now = performance.now();
        if (now - checkedAt >= CHECK_OTHERS_EVERY_MS) {
          checkedAt = now;
          let version: unknown;
          try {
            version = (await connected.queryRaw(DATA_VERSION)).rows[0]?.[0];
          } catch {
            // The file is locked beyond the busy timeout: nothing is known, nothing cached.
            return null;
          }
          if (version !== seen) {
            if (seen !== null) versions.advance(EVERYTHING);
            seen = version;
          }
        }
        return versions.of(scopes);
      },
      announce: (changes) => versions.advance(changes),
      notice: () => null,
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
 * {@link CHANGES_CHANNEL}, advancing the scopes named by other processes' notices. It counts as
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
  readonly #changed: (changes: Changes) => void;
  #client: pg.Client | null = null;
  #closed = false;
  #timer: NodeJS.Timeout | null = null;
  #proofs = 0;
  #failures = 0;
  #awaited: { readonly payload: string; readonly arrived: () => void } | null = null;

  constructor(connectionString: string, instance: string, changed: (changes: Changes) => void) {
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

  /** Someone else's changes advance their scopes (our own were counted when made). */
  #onNotice(payload: string | undefined): void {
    if (payload !== undefined && payload === this.#awaited?.payload) {
      this.#awaited.arrived();
      return;
    }
    if (payload?.startsWith('proof:') === true) return;
    if (payload?.startsWith(`change:${this.#instance}:`) === true) return;
    this.#changed(readNotice(payload));
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
    this.#changed(EVERYTHING);
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
    if (this.listening) this.#changed(EVERYTHING);
    this.listening = false;
  }
}

/**
 * A PostgreSQL adapter factory and the feed of its client: this process's changes as
 * announced, and the other processes' as their notices on {@link CHANGES_CHANNEL} arrive.
 * The listening connection opens when a version is first asked for (scripts that never cache
 * open none); until it is proven, the version is null.
 */
export function trackPostgresChanges(
  factory: SqlDriverAdapterFactory,
  connectionString: string,
): { readonly factory: SqlDriverAdapterFactory; readonly feed: ChangeFeed } {
  const versions = new Versions();
  const instance = randomUUID();
  const listener = new Listener(connectionString, instance, (changes) => versions.advance(changes));
  let asked = false;

  return {
    factory: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      async connect() {
        const adapter = await factory.connect();
        // A client used again after `$disconnect` listens again when next asked.
        asked = false;
        return withDispose(adapter, () => listener.close());
      },
    },
    feed: {
      version(scopes) {
        if (!asked) {
          asked = true;
          listener.start();
        }
        return Promise.resolve(listener.listening ? versions.of(scopes) : null);
      },
      announce: (changes) => versions.advance(changes),
      notice: (changes) => noticeText(instance, changes),
      close: () => listener.close(),
    },
  };
}
