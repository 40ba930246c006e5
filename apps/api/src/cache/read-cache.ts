import { BOOKKEEPING_TABLES, dataVersion, Prisma, type Db, type ReadScope } from '@jyxc/db';
import { LRUCache } from 'lru-cache';

import type { Resource } from '../shared/audit.js';

/**
 * Answers of busy reads kept between requests, valid while the data they depend on is
 * unchanged.
 *
 * Each read names what its answer depends on (see {@link DependsOn}: tables, and the units
 * whose rows it shows or every unit). Its entry carries the version of that data (see
 * `dataVersion` in @jyxc/db) taken BEFORE the answer was read, and is served only while the
 * version is still that one. Every write announces the tables and units it changed before
 * the writer's call returns (shared/db.ts `inTransaction`), so no request that starts after a
 * write has been answered can get an entry read before it — and a write elsewhere (another
 * table, another unit) leaves the entry be. Answers that also depend on the clock say until
 * when they hold (`until`, on the app's clock): a period or month boundary, the next incident
 * deadline, or a short time-to-live for the rest.
 *
 * Requests that miss the same key at the same version share one computation, so a burst of a
 * hundred identical requests costs one read of the database. Entries are bounded by count and
 * by an estimate of their size; the least recently used go first.
 */

/**
 * What an answer depends on: rows of these tables (or the never-sent drafts, `UNSENT_DRAFTS`
 * in shared/audit.ts), of these units or of every unit.
 */
export interface DependsOn extends ReadScope {
  readonly tables: readonly Resource[];
}

/**
 * Every unit's rows of `tables`. A cached read may not depend on a bookkeeping table: their
 * writes announce nothing (BOOKKEEPING_TABLES in @jyxc/db).
 */
export function everyUnit(...tables: readonly Resource[]): DependsOn {
  const bookkeeping = tables.filter((t) => BOOKKEEPING_TABLES.has(t));
  if (bookkeeping.length > 0) throw new Error(`no cache may depend on ${bookkeeping.join(', ')}`);
  return { tables, units: 'all' };
}

/**
 * Every table but the bookkeeping ones, of every unit: what county-wide figures (evaluation,
 * dashboard, bulletin files) depend on; they read most of the schema. Drafts that never left
 * their writer are not part of it: none of these figures counts them (`UNSENT_DRAFTS`).
 */
export const ALL_DATA: DependsOn = everyUnit(
  ...Object.values(Prisma.ModelName).filter((t) => !BOOKKEEPING_TABLES.has(t)),
);

/** A computed answer and until when it holds without any write. */
export interface Fresh<T> {
  readonly value: T;
  /** App-clock milliseconds from which the answer may change by time alone; none: only writes change it. */
  readonly until?: number;
  /**
   * Part of the read's dependencies (some of its scopes' tables, of the same units) that the
   * answer turned out to depend on alone, when only the answer tells: a detail of an item that
   * has left its writer no longer follows the unsent drafts. Kept with these when nothing of
   * the read's own changed while computing.
   */
  readonly depends?: readonly DependsOn[];
}

export interface ReadCacheOptions<T> {
  /** At most this many entries per database. */
  readonly maxEntries: number;
  /** At most about this many bytes of answers per database (see `sizeOf`). */
  readonly maxBytes: number;
  /** An estimate of an answer's size in memory, in bytes. */
  readonly sizeOf: (value: T) => number;
}

interface Entry<T> {
  /** What the answer depends on, and their version before it was read. */
  readonly depends: readonly DependsOn[];
  readonly version: number;
  readonly value: T;
  /** App-clock interval in which the answer holds: [from, until). */
  readonly from: number;
  readonly until: number;
  readonly size: number;
}

interface Flight<T> {
  readonly version: number;
  readonly from: number;
  readonly promise: Promise<Fresh<T>>;
}

class Store<T> {
  readonly entries: LRUCache<string, Entry<T>>;
  readonly flights = new Map<string, Flight<T>>();
  hits = 0;
  misses = 0;

  constructor(options: ReadCacheOptions<T>) {
    this.entries = new LRUCache<string, Entry<T>>({
      max: options.maxEntries,
      maxSize: options.maxBytes,
      // An answer bigger than a quarter of the budget would push out everything else.
      maxEntrySize: Math.max(1, Math.floor(options.maxBytes / 4)),
      sizeCalculation: (entry) => entry.size,
    });
  }
}

export interface CacheStats {
  readonly hits: number;
  readonly misses: number;
  readonly entries: number;
  readonly bytes: number;
}

/** Every cache made, by name, so that their figures can be read together. */
const caches = new Map<string, (db: Db) => CacheStats>();

/** Hits, misses and size of every cache for one database (tests and diagnosis read them). */
export function readCacheStats(db: Db): Readonly<Record<string, CacheStats>> {
  return Object.fromEntries([...caches].map(([name, stats]) => [name, stats(db)]));
}

export class ReadCache<T> {
  /** One store per database client, so that separate apps (and tests) never share entries. */
  readonly #stores = new WeakMap<Db, Store<T>>();
  readonly #options: ReadCacheOptions<T>;

  constructor(name: string, options: ReadCacheOptions<T>) {
    if (caches.has(name)) throw new Error(`a read cache named ${name} exists already`);
    this.#options = options;
    caches.set(name, (db) => this.stats(db));
  }

  #store(db: Db): Store<T> {
    let store = this.#stores.get(db);
    if (store === undefined) {
      store = new Store(this.#options);
      this.#stores.set(db, store);
    }
    return store;
  }

  /**
   * The answer for `key` at app-clock time `now`: from the cache when an entry read at the
   * current version of what it `depends` on holds at `now`, otherwise from `compute` (whose
   * answer is kept, with the narrower dependencies it names if any). The same key must
   * always name the same dependencies. `compute` is given the answer kept before for the key
   * that no longer holds, if any: it may reuse what of it it can tell has not changed.
   */
  async read(
    db: Db,
    key: string,
    now: number,
    depends: readonly DependsOn[],
    compute: (previous: T | undefined) => Promise<Fresh<T>>,
  ): Promise<T> {
    const store = this.#store(db);
    const entry = store.entries.get(key);
    const previous = entry?.value;
    if (entry !== undefined) {
      const current = await dataVersion(db, entry.depends);
      if (entry.version === current && now >= entry.from && now < entry.until) {
        store.hits += 1;
        return entry.value;
      }
      store.entries.delete(key);
    }
    const version = await dataVersion(db, depends);
    // Changes cannot be followed right now (PostgreSQL's listening connection is down).
    if (version === null) return (await compute(undefined)).value;
    store.misses += 1;

    const flight = store.flights.get(key);
    if (flight !== undefined && flight.version === version && flight.from <= now) {
      const shared = await flight.promise;
      if (now < (shared.until ?? Infinity)) return shared.value;
    }
    const promise = compute(previous);
    store.flights.set(key, { version, from: now, promise });
    let fresh: Fresh<T>;
    try {
      fresh = await promise;
    } finally {
      if (store.flights.get(key)?.promise === promise) store.flights.delete(key);
    }
    // An answer that only writes change holds at any time of the clock.
    const from = fresh.until === undefined ? -Infinity : now;
    const until = fresh.until ?? Infinity;
    if (now < until) {
      const kept = await keptAs(db, depends, version, fresh.depends);
      const size = Math.max(1, this.#options.sizeOf(fresh.value));
      store.entries.set(key, { ...kept, value: fresh.value, from, until, size });
    }
    return fresh.value;
  }

  /** Hits, misses and size for one database (tests and the benchmark read them). */
  stats(db: Db): CacheStats {
    const store = this.#stores.get(db);
    return {
      hits: store?.hits ?? 0,
      misses: store?.misses ?? 0,
      entries: store?.entries.size ?? 0,
      bytes: store?.entries.calculatedSize ?? 0,
    };
  }
}

/**
 * What an answer read at `version` of `depends` is kept with: the `narrower` dependencies its
 * computation named, at their version now, when `depends` is still at `version` — versions
 * only grow, so nothing of the narrower part changed while it was read either; otherwise the
 * read's own. (The narrower version is taken first: a change landing between the two reads
 * then shows in the second.)
 */
async function keptAs(
  db: Db,
  depends: readonly DependsOn[],
  version: number,
  narrower: readonly DependsOn[] | undefined,
): Promise<{ depends: readonly DependsOn[]; version: number }> {
  if (narrower === undefined) return { depends, version };
  const narrowVersion = await dataVersion(db, narrower);
  if (narrowVersion === null || (await dataVersion(db, depends)) !== version) {
    return { depends, version };
  }
  return { depends: narrower, version: narrowVersion };
}

/** A size estimate for JSON-like answers: two bytes per character of their JSON text. */
export function jsonSize(value: unknown): number {
  return 2 * (JSON.stringify(value)?.length ?? 0);
}
