import { dataGeneration, type Db } from '@jyxc/db';

/**
 * Answers of busy reads kept between requests, valid while the database is unchanged.
 *
 * Each entry carries the data generation (see `dataGeneration` in @jyxc/db) taken BEFORE its
 * answer was read; it is served only while the generation is still that one. Every committed
 * write advances the generation before the writer's call returns, so no request that starts
 * after a write has been answered can get an entry read before it. Answers that also depend
 * on the clock say until when they hold (`until`, on the app's clock): a period or month
 * boundary, the next incident deadline, or a short time-to-live for the rest.
 *
 * Requests that miss the same key at the same generation share one computation, so a burst
 * of a hundred identical requests costs one read of the database. Entries are bounded by
 * count and by an estimate of their size; the least recently used go first.
 */

/** A computed answer and until when it holds without any write. */
export interface Fresh<T> {
  readonly value: T;
  /** App-clock milliseconds from which the answer may change by time alone; none: only writes change it. */
  readonly until?: number;
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
  readonly generation: number;
  readonly value: T;
  /** App-clock interval in which the answer holds: [from, until). */
  readonly from: number;
  readonly until: number;
  readonly size: number;
}

interface Flight<T> {
  readonly generation: number;
  readonly from: number;
  readonly promise: Promise<Fresh<T>>;
}

class Store<T> {
  readonly entries = new Map<string, Entry<T>>();
  readonly flights = new Map<string, Flight<T>>();
  bytes = 0;
  hits = 0;
  misses = 0;

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.bytes -= entry.size;
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
      store = new Store();
      this.#stores.set(db, store);
    }
    return store;
  }

  /**
   * The answer for `key` at app-clock time `now`: from the cache when an entry read at the
   * current generation holds at `now`, otherwise from `compute` (whose answer is kept).
   */
  async read(db: Db, key: string, now: number, compute: () => Promise<Fresh<T>>): Promise<T> {
    const generation = await dataGeneration(db);
    // Changes cannot be followed right now (PostgreSQL's listening connection is down).
    if (generation === null) return (await compute()).value;
    const store = this.#store(db);
    const entry = store.entries.get(key);
    if (entry !== undefined) {
      if (entry.generation === generation && now >= entry.from && now < entry.until) {
        store.hits += 1;
        // Map keeps insertion order: moving the key to the end makes the first the least used.
        store.entries.delete(key);
        store.entries.set(key, entry);
        return entry.value;
      }
      store.delete(key);
    }
    store.misses += 1;

    const flight = store.flights.get(key);
    if (flight !== undefined && flight.generation === generation && flight.from <= now) {
      const shared = await flight.promise;
      if (now < (shared.until ?? Infinity)) return shared.value;
    }
    const promise = compute();
    store.flights.set(key, { generation, from: now, promise });
    let fresh: Fresh<T>;
    try {
      fresh = await promise;
    } finally {
      if (store.flights.get(key)?.promise === promise) store.flights.delete(key);
    }
    // An answer that only writes change holds at any time of the clock.
    const from = fresh.until === undefined ? -Infinity : now;
    const until = fresh.until ?? Infinity;
    if (now < until) this.#put(store, key, { generation, value: fresh.value, from, until });
    return fresh.value;
  }

  #put(store: Store<T>, key: string, entry: Omit<Entry<T>, 'size'>): void {
    const size = this.#options.sizeOf(entry.value);
    // An answer bigger than a quarter of the budget would push out everything else.
    if (size > this.#options.maxBytes / 4) return;
    store.delete(key);
    store.entries.set(key, { ...entry, size });
    store.bytes += size;
    for (const oldest of store.entries.keys()) {
      if (store.entries.size <= this.#options.maxEntries && store.bytes <= this.#options.maxBytes) {
        break;
      }
      store.delete(oldest);
    }
  }

  /** Hits, misses and size for one database (tests and the benchmark read them). */
  stats(db: Db): CacheStats {
    const store = this.#stores.get(db);
    return {
      hits: store?.hits ?? 0,
      misses: store?.misses ?? 0,
      entries: store?.entries.size ?? 0,
      bytes: store?.bytes ?? 0,
    };
  }
}

/** A size estimate for JSON-like answers: two bytes per character of their JSON text. */
export function jsonSize(value: unknown): number {
  return 2 * (JSON.stringify(value)?.length ?? 0);
}
