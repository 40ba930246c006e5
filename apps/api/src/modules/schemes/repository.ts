/** Scoring schemes (DESIGN §3.4): the one place that reads a year's scheme. */
import { defaultScheme, periodOf, validateScheme, type Scheme } from '@jyxc/domain';
import { jsonSize, ReadCache } from '../../cache/read-cache.js';
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
  return schemes.read(db, String(year), 0, async () => ({ value: await readScheme(db, year) }));
}

/** The scheme in force at an instant (its Shanghai year). */
export function schemeAt(db: Reader, at: number): Promise<Scheme> {
  return loadScheme(db, periodOf(at).year);
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
