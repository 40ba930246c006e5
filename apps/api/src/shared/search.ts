/** Free-text search that means what the person typed. */
import { databaseKind, type Db } from '@jyxc/db';

/** The tables searched by text, each with the columns a search may read. */
interface Searched {
  Submission: 'title' | 'body';
  Person: 'name' | 'username';
}

type Table = keyof Searched;

const WILDCARD = /[%_\\]/;

/**
 * How to find the rows whose `columns` hold `q` as typed: a `contains` value for Prisma, or
 * the ids of the rows. Prisma's `contains` is SQL LIKE, where `%` and `_` are wildcards (`_`
 * alone found every row). On PostgreSQL they are escaped (LIKE's escape character is `\`);
 * SQLite's LIKE has none, so there the rows are found with `instr`, by id. Only a query holding
 * `%`, `_` or `\` takes that path, and it matches few rows.
 */
export async function literalText<T extends Table>(
  db: Db,
  table: T,
  columns: readonly Searched[T][],
  q: string,
): Promise<{ readonly contains: string } | { readonly ids: string[] }> {
  if (!WILDCARD.test(q)) return { contains: q };
  if (databaseKind(db) === 'postgresql')
    return { contains: q.replace(/[%_\\]/g, (ch) => `\\${ch}`) };
  // Table and column names are those typed in Searched above, never the request's; `lower`
  // folds ASCII only, as SQLite's LIKE does, so both paths find the same rows.
  const where = columns.map((column) => `instr(lower("${column}"), lower(?)) > 0`).join(' OR ');
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT "id" FROM "${table}" WHERE ${where}`,
    ...columns.map(() => q),
  );
  return { ids: rows.map((row) => row.id) };
}
