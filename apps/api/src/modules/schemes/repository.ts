/** Scoring schemes (DESIGN §3.4): the one place that reads and writes a year's scheme. */
import type { Db, Scheme as SchemeRow } from '@jyxc/db';
import {
  defaultScheme,
  periodOf,
  reminderSettingsOf,
  validateScheme,
  type QuotaOverride,
  type ReminderSettings,
  type Scheme,
} from '@jyxc/domain';
import { everyUnit, jsonSize, ReadCache } from '../../cache/read-cache.js';
import type { Tx } from '../../shared/context.js';
import type { Reader } from '../../shared/db.js';

/**
 * The year's schemes, kept between requests until the next write: the submissions list
 * marks late items with them on every page, and a scheme changes a few times a year.
 */
const schemes = new ReadCache<Scheme>('schemes', {
  maxEntries: 50,
  maxBytes: 4 * 2 ** 20,
  sizeOf: jsonSize,
});

/** What a scheme is read from (see `storedScheme`). */
const SCHEMES = [everyUnit('Scheme')];

/** The year's scheme as stored, or null when the bureau has not saved one. */
export async function storedScheme(db: Reader, year: number) {
  const row = await db.scheme.findUnique({ where: { year } });
  if (row === null) return null;
  const parsed = validateScheme(JSON.parse(row.document));
  // A stored document was validated when it was saved; failing now means it was damaged.
  if (!parsed.ok)
    throw new Error(`The stored scheme of ${year} is invalid: ${parsed.error[0]?.message ?? ''}`);
  return { row, scheme: parsed.value };
}

async function readScheme(db: Reader, year: number): Promise<Scheme> {
  return (await storedScheme(db, year))?.scheme ?? defaultScheme(year);
}

/**
 * The scheme of `year`: the stored one, or the domain's defaults when none is stored (DESIGN
 * §3: every number is a default of the scheme, editable per year; a year nobody has configured
 * yet still scores). Inside a transaction it is read through the transaction, never from the
 * cache.
 */
export function loadScheme(db: Reader, year: number): Promise<Scheme> {
  // A transaction client has no `$disconnect`.
  if (!('$disconnect' in db)) return readScheme(db, year);
  return schemes.read(db, String(year), 0, SCHEMES, async () => ({
    value: await readScheme(db, year),
  }));
}

/** The scheme in force at an instant (its Shanghai year). */
export function schemeAt(db: Reader, at: number): Promise<Scheme> {
  return loadScheme(db, periodOf(at).year);
}

/**
 * The reminder settings in force at an instant (DESIGN §3.4, §3.8): the numbers and quiet hours
 * of its year's scheme, and the holiday calendars of that year and the next, so that a message
 * held over New Year waits out the next year's holidays too.
 */
export async function reminderSettingsAt(db: Reader, at: number): Promise<ReminderSettings> {
  const year = periodOf(at).year;
  const [scheme, next] = await Promise.all([loadScheme(db, year), loadScheme(db, year + 1)]);
  const settings = reminderSettingsOf(scheme);
  return {
    ...settings,
    holidays: [...settings.holidays, ...next.calendar.holidays],
    workdays: [...settings.workdays, ...next.calendar.workdays],
  };
}

/** Loads each needed year's scheme once (for one request or one run of a job). */
export function schemeCache(db: Reader): (at: number) => Promise<Scheme> {
  const years = new Map<number, Promise<Scheme>>();
  return (at) => {
    const year = periodOf(at).year;
    let scheme = years.get(year);
    if (scheme === undefined) {
      scheme = loadScheme(db, year);
      years.set(year, scheme);
    }
    return scheme;
  };
}

// ---------------------------------------------------------------------------
// Saving a year's scheme
// ---------------------------------------------------------------------------

/** The stored row of a year's scheme, or null. */
export function findSchemeRow(db: Reader, year: number): Promise<SchemeRow | null> {
  return db.scheme.findUnique({ where: { year } });
}

/** Stores the first scheme of a year; answers its id. */
export async function insertScheme(
  tx: Tx,
  data: { year: number; version: number; document: string; updatedById: string },
): Promise<string> {
  return (await tx.scheme.create({ data })).id;
}

/** Replaces a scheme's document only if it is still at `expectedVersion`; whether it was. */
export async function updateSchemeIfVersion(
  tx: Tx,
  id: string,
  expectedVersion: number,
  data: { version: number; document: string; updatedById: string },
): Promise<boolean> {
  const updated = await tx.scheme.updateMany({ where: { id, version: expectedVersion }, data });
  return updated.count > 0;
}

/** Keeps a saved version in the scheme's history. */
export async function insertSchemeVersion(
  tx: Tx,
  data: {
    schemeId: string;
    year: number;
    version: number;
    document: string;
    createdById: string;
    createdAt: Date;
  },
): Promise<void> {
  await tx.schemeVersion.create({ data });
}

/**
 * Mirrors a scheme's quota overrides into their table, one row per unit and half-year, in
 * place of the year's earlier rows.
 */
export async function replaceQuotaOverrides(
  tx: Tx,
  year: number,
  overrides: readonly QuotaOverride[],
  updatedById: string,
): Promise<void> {
  await tx.quotaOverride.deleteMany({ where: { year } });
  const rows = overrides.flatMap((o) =>
    (o.half === 'both' ? (['H1', 'H2'] as const) : [o.half]).map((half) => ({
      year,
      unitId: o.unitId,
      period: half,
      submittedQuota: o.submitted,
      adoptedQuota: o.adopted,
      updatedById,
    })),
  );
  if (rows.length > 0) await tx.quotaOverride.createMany({ data: rows });
}

/** A page of the saved versions of a year's scheme, newest first. */
export async function findSchemeVersions(
  db: Db,
  year: number,
  page: { readonly skip: number; readonly take: number },
) {
  const where = { year };
  const [total, rows] = await Promise.all([
    db.schemeVersion.count({ where }),
    db.schemeVersion.findMany({
      where,
      orderBy: { version: 'desc' },
      skip: page.skip,
      take: page.take,
      select: {
        version: true,
        document: true,
        createdAt: true,
        createdBy: { select: { id: true, name: true } },
      },
    }),
  ]);
  return { total, rows };
}

/**
 * The quota overrides stored in their table for one half-year, as the scheme writes them
 * (one row per unit and half).
 */
export async function storedQuotaOverrides(
  db: Reader,
  half: { readonly year: number; readonly kind: 'H1' | 'H2' },
): Promise<QuotaOverride[]> {
  const rows = await db.quotaOverride.findMany({ where: { year: half.year, period: half.kind } });
  return rows.map((o) => ({
    unitId: o.unitId,
    half: o.period,
    submitted: o.submittedQuota,
    adopted: o.adoptedQuota,
  }));
}

/**
 * Stores a year's first scheme (version 1) with its history row and quota overrides, inside the
 * caller's transaction; refused by the unique year when the year already has one.
 */
export async function insertFirstScheme(
  tx: Tx,
  scheme: Scheme,
  by: { readonly personId: string; readonly at: Date },
): Promise<{ id: string }> {
  const document = JSON.stringify(scheme);
  const id = await insertScheme(tx, {
    year: scheme.year,
    version: 1,
    document,
    updatedById: by.personId,
  });
  await insertSchemeVersion(tx, {
    schemeId: id,
    year: scheme.year,
    version: 1,
    document,
    createdById: by.personId,
    createdAt: by.at,
  });
  await replaceQuotaOverrides(tx, scheme.year, scheme.quotaOverrides, by.personId);
  return { id };
}
