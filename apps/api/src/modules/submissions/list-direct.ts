import { databaseKind, directRead, type Db, type DirectArg, type DirectRow } from '@jyxc/db';
import type { Category, SubmissionState } from '@jyxc/domain';

import { stringList } from '../../shared/json.js';
import { countListed, listRows, type ListRow, type SubmissionListFilter } from './repository.js';

/**
 * The list's page and count read without the query engine (`directRead` in @jyxc/db), for
 * the filters nearly every page uses: the units the reader sees, one unit, a state, a
 * category. A missed page is the busiest miss of the console and the bot, and the engine's
 * work was most of its cost. `listRows` and `countListed` stay the specification: the
 * property test (list-direct.test.ts) holds these equal to them on SQLite and PostgreSQL,
 * and any other filter (a period, a search, my items, my queue) is read through them.
 */

/** The columns of a list row, in `listRows`'s select. */
const COLUMNS = [
  'id',
  'title',
  'category',
  'state',
  'unitId',
  'reviewUnitId',
  'eventAt',
  'createdAt',
  'submittedAt',
  'submittedToBureauAt',
  'version',
  'source',
  'qualityMark',
  'authorIds',
]
  .map((column) => `"${column}"`)
  .join(', ');

/** The WHERE clause of `filter` with its arguments, or null when it has a filter read otherwise. */
function whereOf(db: Db, filter: SubmissionListFilter): { sql: string; args: DirectArg[] } | null {
  // Only the filters named here: one added to the list later is read through `listRows` until
  // it is written here too (a filter left out would widen what a reader sees).
  const { scope, unitId, state, category, ...others } = filter;
  const { unitId: scopeUnits, ...otherScopes } = scope;
  if (Object.values(others).some((v) => v !== undefined)) return null;
  if (Object.values(otherScopes).some((v) => v !== undefined)) return null;
  const postgres = databaseKind(db) === 'postgresql';
  const args: DirectArg[] = [];
  /** A placeholder for `value`; PostgreSQL compares an enum column with its own type. */
  const bind = (value: DirectArg, enumType?: string) => {
    args.push(value);
    if (!postgres) return '?';
    return enumType === undefined ? `$${args.length}` : `CAST($${args.length} AS "${enumType}")`;
  };
  const and: string[] = [];
  const units = scopeUnits?.in;
  if (units !== undefined) {
    // Prisma's `in: []` matches nothing.
    and.push(
      units.length === 0 ? '1 = 0' : `"unitId" IN (${units.map((u) => bind(u)).join(', ')})`,
    );
  }
  if (unitId !== undefined) and.push(`"unitId" = ${bind(unitId)}`);
  if (state !== undefined) and.push(`"state" = ${bind(state, 'SubmissionState')}`);
  if (category !== undefined) and.push(`"category" = ${bind(category, 'Category')}`);
  return { sql: and.length === 0 ? '' : ` WHERE ${and.join(' AND ')}`, args };
}

/** A row of the direct read as `listRows` gives it. */
function listRowOf(row: DirectRow): ListRow {
  return {
    id: row['id'] as string,
    title: row['title'] as string,
    category: row['category'] as Category,
    state: row['state'] as SubmissionState,
    unitId: row['unitId'] as string,
    reviewUnitId: row['reviewUnitId'] as string | null,
    eventAt: row['eventAt'] as Date,
    createdAt: row['createdAt'] as Date,
    submittedAt: row['submittedAt'] as Date | null,
    submittedToBureauAt: row['submittedToBureauAt'] as Date | null,
    version: row['version'] as number,
    source: row['source'] as ListRow['source'],
    qualityMark: row['qualityMark'] as boolean,
    authors: stringList(row['authorIds'] as string).map((personId) => ({ personId })),
  };
}

/** {@link listRows} of `filter`, or null when the filter is one it does not read. */
export async function listRowsDirect(
  db: Db,
  filter: SubmissionListFilter,
  page: { readonly skip: number; readonly take: number },
): Promise<ListRow[] | null> {
  const where = whereOf(db, filter);
  if (where === null) return null;
  const postgres = databaseKind(db) === 'postgresql';
  const n = where.args.length;
  const limit = postgres ? `LIMIT $${n + 1} OFFSET $${n + 2}` : 'LIMIT ? OFFSET ?';
  const rows = await directRead(
    db,
    `SELECT ${COLUMNS} FROM "Submission"${where.sql} ORDER BY "createdAt" DESC, "id" DESC ${limit}`,
    [...where.args, page.take, page.skip],
  );
  return rows.map(listRowOf);
}

/** {@link listRows} of the items `ids` names (those that exist), in its order. */
export async function listRowsByIdsDirect(db: Db, ids: readonly string[]): Promise<ListRow[]> {
  // Prisma's `in: []` matches nothing.
  if (ids.length === 0) return [];
  const postgres = databaseKind(db) === 'postgresql';
  const params = ids.map((_, i) => (postgres ? `$${i + 1}` : '?')).join(', ');
  const rows = await directRead(
    db,
    `SELECT ${COLUMNS} FROM "Submission" WHERE "id" IN (${params}) ORDER BY "createdAt" DESC, "id" DESC`,
    ids,
  );
  return rows.map(listRowOf);
}

/**
 * The ids of {@link listRows} of `filter` from its start, in its order, or null when the
 * filter is one it does not read.
 */
export async function listIdsDirect(
  db: Db,
  filter: SubmissionListFilter,
  take: number,
): Promise<string[] | null> {
  const where = whereOf(db, filter);
  if (where === null) return null;
  const limit = databaseKind(db) === 'postgresql' ? `LIMIT $${where.args.length + 1}` : 'LIMIT ?';
  const rows = await directRead(
    db,
    `SELECT "id" FROM "Submission"${where.sql} ORDER BY "createdAt" DESC, "id" DESC ${limit}`,
    [...where.args, take],
  );
  return rows.map((row) => row['id'] as string);
}

/** {@link countListed} of `filter`, or null when the filter is one it does not read. */
export async function countListedDirect(
  db: Db,
  filter: SubmissionListFilter,
): Promise<number | null> {
  const where = whereOf(db, filter);
  if (where === null) return null;
  const [row] = await directRead(
    db,
    `SELECT COUNT(*) AS "count" FROM "Submission"${where.sql}`,
    where.args,
  );
  return Number(row?.['count'] ?? 0);
}

/**
 * A page of the list, or the rows `ids` names: read directly when the filter allows, through
 * `listRows` otherwise.
 */
export async function readListRows(
  db: Db,
  which: { readonly filter: SubmissionListFilter } | { readonly ids: readonly string[] },
  page: { readonly skip: number; readonly take: number },
): Promise<ListRow[]> {
  if ('ids' in which) return listRowsByIdsDirect(db, which.ids);
  return (await listRowsDirect(db, which.filter, page)) ?? listRows(db, which, page);
}

/** The ids of the list's first `take` items: read directly when the filter allows. */
export async function readListIds(
  db: Db,
  filter: SubmissionListFilter,
  take: number,
): Promise<string[]> {
  return (
    (await listIdsDirect(db, filter, take)) ??
    (await listRows(db, { filter }, { skip: 0, take })).map((row) => row.id)
  );
}

/** How many items the list has: counted directly when the filter allows. */
export async function readListedCount(db: Db, filter: SubmissionListFilter): Promise<number> {
  return (await countListedDirect(db, filter)) ?? countListed(db, filter);
}
