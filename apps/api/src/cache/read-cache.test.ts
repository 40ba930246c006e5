import { dataVersion, type Db } from '@jyxc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachingReady, freshDatabase, smallCounty } from '../../test/support.js';
import { changed, inTransaction } from '../shared/db.js';
import { everyUnit, ReadCache, type Fresh } from './read-cache.js';

let db: Db;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  await smallCounty(db);
  await cachingReady(db);
});
afterAll(async () => {
  await db.$disconnect();
});

let names = 0;
/** A cache of its own for each test (names are unique per process). */
function aCache<T>(options: { maxEntries?: number; maxBytes?: number } = {}) {
  names += 1;
  return new ReadCache<T>(`test ${names}`, {
    maxEntries: options.maxEntries ?? 100,
    maxBytes: options.maxBytes ?? 1_000_000,
    sizeOf: () => 100,
  });
}

const unitCount = async (): Promise<Fresh<number>> => ({ value: await db.unit.count() });

/** A computation that waits for `open()` after reading, to hold a read across a write. */
function gated<T>(read: () => Promise<T>) {
  let open = () => {};
  const gate = new Promise<void>((resolve) => (open = resolve));
  let reads = 0;
  return {
    open: () => open(),
    get reads() {
      return reads;
    },
    compute: async (): Promise<Fresh<T>> => {
      reads += 1;
      const value = await read();
      await gate;
      return { value };
    },
  };
}

/** What the test answers depend on: the units. */
const UNITS = [everyUnit('Unit')];

let codes = 0;
/** A new unit, written as the use cases write: in `inTransaction`, saying what it changed. */
async function addUnit() {
  codes += 1;
  await inTransaction({ db }, async (tx) => {
    const unit = await tx.unit.create({
      data: { code: `u-${codes}`, name: `新单位${codes}`, kind: 'direct_unit' },
    });
    changed(tx, [{ table: 'Unit', unitId: unit.id }]);
  });
}

describe('a read cache', () => {
  it('answers from the cache until a write, then reads again', async () => {
    const cache = aCache<number>();
    const before = await cache.read(db, 'units', 0, UNITS, unitCount);
    expect(await cache.read(db, 'units', 0, UNITS, unitCount)).toBe(before);
    expect(cache.stats(db)).toMatchObject({ hits: 1, misses: 1 });
    await addUnit();
    expect(await cache.read(db, 'units', 0, UNITS, unitCount)).toBe(before + 1);
    expect(cache.stats(db)).toMatchObject({ hits: 1, misses: 2 });
  });

  it('never serves what was read before a write that committed while it was being read', async () => {
    const cache = aCache<number>();
    const slow = gated(() => db.unit.count());
    const first = cache.read(db, 'units', 0, UNITS, slow.compute);
    while (slow.reads === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    const before = await db.unit.count();
    await addUnit();
    slow.open();
    // The request that started before the write gets what it read: it was concurrent with it.
    expect(await first).toBe(before);
    // Every read after the commit sees the write.
    expect(await cache.read(db, 'units', 0, UNITS, unitCount)).toBe(before + 1);
  });

  it('lets concurrent misses share one read, but not a read that started before a write', async () => {
    const cache = aCache<number>();
    const slow = gated(() => db.unit.count());
    const before = await db.unit.count();
    const first = cache.read(db, 'units', 0, UNITS, slow.compute);
    const joined = cache.read(db, 'units', 0, UNITS, slow.compute);
    while (slow.reads === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    await addUnit();
    const after = cache.read(db, 'units', 0, UNITS, unitCount);
    expect(await after).toBe(before + 1);
    slow.open();
    expect(await first).toBe(before);
    expect(await joined).toBe(before);
    expect(slow.reads).toBe(1);
  });

  it('keeps answers that depend on other tables, or on other units, across a write', async () => {
    const units = aCache<number>();
    const incidents = aCache<number>();
    const incidentCount = async () => ({ value: await db.incident.count() });
    const [a, b] = await db.unit.findMany({ take: 2, orderBy: { code: 'asc' } });
    if (a === undefined || b === undefined) throw new Error('the county has two units');
    const ofUnit = (id: string) => [{ tables: ['Unit' as const], units: [id] }];
    await units.read(db, 'a', 0, ofUnit(a.id), unitCount);
    await units.read(db, 'b', 0, ofUnit(b.id), unitCount);
    await units.read(db, 'every', 0, UNITS, unitCount);
    await incidents.read(db, 'all', 0, [everyUnit('Incident')], incidentCount);
    expect(units.stats(db).misses + incidents.stats(db).misses).toBe(4);

    // A change of unit a's row: unit b's answer and the incidents' stay kept…
    await inTransaction({ db }, async (tx) => {
      await tx.unit.update({ where: { id: a.id }, data: { name: `${a.name}（改）` } });
      changed(tx, [{ table: 'Unit', unitId: a.id }]);
    });
    await units.read(db, 'b', 0, ofUnit(b.id), unitCount);
    await incidents.read(db, 'all', 0, [everyUnit('Incident')], incidentCount);
    expect(units.stats(db)).toMatchObject({ hits: 1, misses: 3 });
    expect(incidents.stats(db)).toMatchObject({ hits: 1, misses: 1 });
    // …while unit a's answer, and the one over every unit, are read again.
    await units.read(db, 'a', 0, ofUnit(a.id), unitCount);
    await units.read(db, 'every', 0, UNITS, unitCount);
    expect(units.stats(db)).toMatchObject({ hits: 1, misses: 5 });
  });

  it('keeps an answer with the narrower dependencies it names, but not over a write it raced', async () => {
    const cache = aCache<number>();
    const [a, b] = await db.unit.findMany({ take: 2, orderBy: { code: 'asc' } });
    if (a === undefined || b === undefined) throw new Error('the county has two units');
    const both = [{ tables: ['Unit' as const], units: [a.id, b.id] }];
    const onlyA = [{ tables: ['Unit' as const], units: [a.id] }];
    const edit = (unitId: string) =>
      inTransaction({ db }, async (tx) => {
        await tx.unit.update({ where: { id: unitId }, data: { sortOrder: (codes += 1) } });
        changed(tx, [{ table: 'Unit', unitId }]);
      });
    const narrowed = async (): Promise<Fresh<number>> => ({
      value: await db.unit.count(),
      depends: onlyA,
    });
    await cache.read(db, 'a', 0, both, narrowed);
    // A change of unit b, outside the narrower dependencies: still kept.
    await edit(b.id);
    await cache.read(db, 'a', 0, both, narrowed);
    expect(cache.stats(db)).toMatchObject({ hits: 1, misses: 1 });
    // A change of unit a: read again.
    await edit(a.id);
    await cache.read(db, 'a', 0, both, narrowed);
    expect(cache.stats(db)).toMatchObject({ hits: 1, misses: 2 });

    // A change of unit b while the answer is read: its own dependencies moved, so it is kept
    // with them, and the next change of b (which it may have missed) is followed.
    const racing = aCache<number>();
    const slow = gated(() => db.unit.count());
    const first = racing.read(db, 'a', 0, both, async () => ({
      ...(await slow.compute()),
      depends: onlyA,
    }));
    while (slow.reads === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    await edit(b.id);
    slow.open();
    await first;
    await edit(b.id);
    await racing.read(db, 'a', 0, both, narrowed);
    expect(racing.stats(db)).toMatchObject({ hits: 0, misses: 2 });
  });

  it('never serves what a rolled-back transaction let it read', async () => {
    const cache = aCache<number>();
    const before = await db.unit.count();
    await expect(
      inTransaction({ db }, async (tx) => {
        await tx.unit.create({ data: { code: 'undone', name: '回滚的单位', kind: 'direct_unit' } });
        // Read outside the transaction while it is open: SQLite's one connection sees its row.
        await cache.read(db, 'units', 0, UNITS, unitCount);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await cache.read(db, 'units', 0, UNITS, unitCount)).toBe(before);
  });

  it('keeps an answer that moves with the clock only until the time it names', async () => {
    const cache = aCache<string>();
    let computed = 0;
    const compute = async (): Promise<Fresh<string>> => {
      computed += 1;
      return { value: `answer ${computed}`, until: 2_000 };
    };
    expect(await cache.read(db, 'k', 1_000, UNITS, compute)).toBe('answer 1');
    expect(await cache.read(db, 'k', 1_999, UNITS, compute)).toBe('answer 1');
    expect(await cache.read(db, 'k', 2_000, UNITS, compute)).toBe('answer 2');
    // A clock set back before the answer was made does not get it either.
    expect(await cache.read(db, 'k', 500, UNITS, compute)).toBe('answer 3');
  });

  it('keeps answers of separate databases apart', async () => {
    const cache = aCache<number>();
    const other = await freshDatabase();
    try {
      await cachingReady(other.db);
      expect(await cache.read(db, 'units', 0, UNITS, unitCount)).toBeGreaterThan(0);
      const empty = await cache.read(other.db, 'units', 0, UNITS, async () => ({
        value: await other.db.unit.count(),
      }));
      expect(empty).toBe(0);
    } finally {
      await other.db.$disconnect();
    }
  });

  it('holds at most its number of entries, dropping the least recently used', async () => {
    const cache = aCache<string>({ maxEntries: 2 });
    const value = (v: string) => async () => ({ value: v });
    await cache.read(db, 'a', 0, UNITS, value('a'));
    await cache.read(db, 'b', 0, UNITS, value('b'));
    await cache.read(db, 'a', 0, UNITS, value('a again'));
    await cache.read(db, 'c', 0, UNITS, value('c'));
    expect(cache.stats(db).entries).toBe(2);
    expect(await cache.read(db, 'a', 0, UNITS, value('a new'))).toBe('a');
    expect(await cache.read(db, 'b', 0, UNITS, value('b new'))).toBe('b new');
  });

  it('holds at most its number of bytes, and never one answer of more than a quarter of them', async () => {
    const cache = aCache<string>({ maxBytes: 450 });
    for (const key of ['a', 'b', 'c', 'd', 'e'])
      await cache.read(db, key, 0, UNITS, async () => ({ value: key }));
    expect(cache.stats(db)).toMatchObject({ entries: 4, bytes: 400 });
    const big = aCache<string>({ maxBytes: 399 });
    await big.read(db, 'a', 0, UNITS, async () => ({ value: 'a' }));
    expect(big.stats(db).entries).toBe(0);
  });

  it('caches nothing while the data version cannot be known', async () => {
    const cache = aCache<number>();
    const unconnected = (await freshDatabase()).db;
    try {
      // Not connected yet (SQLite), or not yet listening for other processes' changes (PostgreSQL).
      expect(await dataVersion(unconnected, UNITS)).toBeNull();
      let computed = 0;
      const compute = async () => ({ value: (computed += 1) });
      await cache.read(unconnected, 'k', 0, UNITS, compute);
      await cache.read(unconnected, 'k', 0, UNITS, compute);
      expect(computed).toBe(2);
      expect(cache.stats(unconnected).entries).toBe(0);
    } finally {
      await unconnected.$disconnect();
    }
  });
});
