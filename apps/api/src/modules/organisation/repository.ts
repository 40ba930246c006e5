/** The county's units (DESIGN §2): the one place that reads and writes Unit rows. */
import type { Db, Prisma } from '@jyxc/db';
import { indexById, type Unit, type UnitKind } from '@jyxc/domain';
import { everyUnit, jsonSize, ReadCache } from '../../cache/read-cache.js';
import type { Tx } from '../../shared/context.js';

/**
 * The county's units, kept between requests until the next write (nearly every request
 * needs them for its visibility, and they change a few times a year).
 */
const unitsCache = new ReadCache<readonly Unit[]>('units', {
  maxEntries: 1,
  maxBytes: 64 * 2 ** 20,
  sizeOf: jsonSize,
});

const UNITS = [everyUnit('Unit')];

/** Every unit of the county in the domain's shape (a county has a few hundred). */
export async function loadUnits(db: Db): Promise<Unit[]> {
  return [...(await keptUnits(db))];
}

function keptUnits(db: Db): Promise<readonly Unit[]> {
  return unitsCache.read(db, 'units', 0, UNITS, async () => ({ value: await readUnits(db) }));
}

/** The units of each reading of them by id, made once per reading. */
const indexes = new WeakMap<readonly Unit[], ReadonlyMap<string, Unit>>();

/** The county's units by id (a list page names the unit of each of its items). */
export async function unitIndex(db: Db): Promise<ReadonlyMap<string, Unit>> {
  const units = await keptUnits(db);
  let index = indexes.get(units);
  if (index === undefined) {
    index = indexById(units);
    indexes.set(units, index);
  }
  return index;
}

async function readUnits(db: Db): Promise<Unit[]> {
  const rows = await db.unit.findMany({ orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }] });
  return rows.map(domainUnit);
}

/** A unit row with what the console shows of it. */
export interface UnitRow {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly kind: UnitKind;
  readonly parentId: string | null;
  readonly staffCount: number;
  readonly studentCount: number;
  readonly directReporting: boolean;
  readonly active: boolean;
  readonly sortOrder: number;
  /** When the unit was merged away (撤并); null while it exists. */
  readonly deactivatedAt: Date | null;
}

export function domainUnit(row: Omit<UnitRow, 'code' | 'active' | 'sortOrder'>): Unit {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    parentId: row.parentId,
    staffCount: row.staffCount,
    studentCount: row.studentCount,
    directReporting: row.directReporting,
    deactivatedAt: row.deactivatedAt?.getTime() ?? null,
  };
}

/** Every unit row, in the console's order. */
export async function unitRows(db: Db): Promise<UnitRow[]> {
  return db.unit.findMany({
    select: {
      id: true,
      code: true,
      name: true,
      kind: true,
      parentId: true,
      staffCount: true,
      studentCount: true,
      directReporting: true,
      active: true,
      sortOrder: true,
      deactivatedAt: true,
    },
    orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }, { id: 'asc' }],
  });
}

/** One unit row, or null. */
export function findUnit(db: Db | Tx, id: string) {
  return db.unit.findUnique({ where: { id } });
}

export interface NewUnitRow {
  readonly name: string;
  readonly kind: UnitKind;
  readonly parentId: string;
  readonly code: string;
  readonly staffCount: number;
  readonly studentCount: number;
  readonly directReporting: boolean;
  readonly sortOrder: number;
}

export function insertUnit(tx: Tx, data: NewUnitRow) {
  return tx.unit.create({ data });
}

export interface UnitChanges {
  readonly name?: string | undefined;
  readonly staffCount?: number | undefined;
  readonly studentCount?: number | undefined;
  readonly directReporting?: boolean | undefined;
  readonly sortOrder?: number | undefined;
  readonly active?: boolean | undefined;
  /** A new parent (a school moved to another township center). */
  readonly parentId?: string | undefined;
  /** Set with `active: false` (撤并), cleared with `active: true`. */
  readonly deactivatedAt?: Date | null | undefined;
}

export function updateUnitRow(tx: Tx, id: string, changes: UnitChanges) {
  const data: Prisma.UnitUpdateInput = {};
  if (changes.name !== undefined) data.name = changes.name;
  if (changes.staffCount !== undefined) data.staffCount = changes.staffCount;
  if (changes.studentCount !== undefined) data.studentCount = changes.studentCount;
  if (changes.directReporting !== undefined) data.directReporting = changes.directReporting;
  if (changes.sortOrder !== undefined) data.sortOrder = changes.sortOrder;
  if (changes.active !== undefined) data.active = changes.active;
  if (changes.parentId !== undefined) data.parent = { connect: { id: changes.parentId } };
  if (changes.deactivatedAt !== undefined) data.deactivatedAt = changes.deactivatedAt;
  return tx.unit.update({ where: { id }, data });
}

/**
 * How many items of these units are waiting in a review (their own, or ones they review): a
 * unit cannot be merged away (撤并) while a review would be left without a reviewer.
 */
export function itemsUnderReview(db: Db | Tx, unitIds: readonly string[]): Promise<number> {
  const ids = [...unitIds];
  return db.submission.count({
    where: {
      state: { in: ['unit_review', 'bureau_review'] },
      OR: [{ unitId: { in: ids } }, { reviewUnitId: { in: ids }, state: 'unit_review' }],
    },
  });
}
