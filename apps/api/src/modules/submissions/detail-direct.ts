import {
  databaseKind,
  directRead,
  Prisma,
  type Db,
  type DirectRow,
  type DirectValue,
} from '@jyxc/db';

import type { Adoption } from '@jyxc/domain';

import { adoptionOf, type AdoptionFields } from '../adoptions/repository.js';
import { submissionDetailOf, type SubmissionDetailRow, type UnitItemTitle } from './repository.js';

/**
 * A detail page's rows read without the query engine (`directRead` in @jyxc/db). A detail
 * is read whenever one is not kept, and every new draft and edit answers with its detail:
 * through the engine its five statements cost several times what they cost in the driver.
 * `submissionDetailRow`, `unitItemTitles` (repository.ts) and `loadAdoptionsCrediting`
 * (adoptions) stay the specification: the property test (detail-direct.test.ts) holds these
 * equal to them on SQLite and PostgreSQL.
 */

/** The quoted columns of `fields` (a model's scalar fields: what Prisma reads of a row). */
function columnsOf(fields: Readonly<Record<string, string>>): string {
  return Object.values(fields)
    .map((field) => `"${field}"`)
    .join(', ');
}

const SUBMISSION = columnsOf(Prisma.SubmissionScalarFieldEnum);
const REVISION = columnsOf(Prisma.RevisionScalarFieldEnum);
const SIGN_OFF = columnsOf(Prisma.SignOffScalarFieldEnum);
const EVENT = columnsOf(Prisma.SubmissionEventScalarFieldEnum);
/** The attachments' facts the detail shows (never their bytes). */
const ATTACHMENT = columnsOf({
  id: 'id',
  filename: 'filename',
  mime: 'mime',
  size: 'size',
  createdAt: 'createdAt',
});

/**
 * Rows typed as the Prisma read they stand for: the columns are that model's scalar fields,
 * converted as Prisma converts them, and the property test holds the values equal.
 */
function rowsAs<T>(rows: readonly DirectRow[]): T[] {
  return rows as unknown as T[];
}

/**
 * A relation of the detail: its columns, the ones of them that are dates, and its order (the
 * order `submissionDetailRow` reads it in).
 */
interface Relation {
  readonly table: string;
  readonly columns: string;
  readonly dates: readonly string[];
  /** The columns it is ordered by, each ascending. */
  readonly order: readonly string[];
}

/** The columns of a relation's row that hold dates. */
type DateColumn<Row> = {
  [K in keyof Row]-?: Row[K] extends Date | null ? K & string : never;
}[keyof Row];

/**
 * The date columns of a relation's row (as Prisma types it), every one of them: JSON gives
 * dates as text, so one left off would reach the page as a string. The compiler refuses a
 * list that leaves one out, and a row with a column JSON would change (a 64-bit number,
 * bytes, a decimal), which this read must not take.
 */
function datesOf<Row>() {
  return <const Listed extends readonly DateColumn<Row>[]>(
    dates: Listed &
      ([DateColumn<Row>] extends [Listed[number]]
        ? unknown
        : { missing: Exclude<DateColumn<Row>, Listed[number]> }) &
      ([Extract<Row[keyof Row], bigint | Uint8Array | Prisma.Decimal>] extends [never]
        ? unknown
        : { notJson: Extract<Row[keyof Row], bigint | Uint8Array | Prisma.Decimal> }),
  ): Listed => dates;
}

type RowOf<Name extends keyof SubmissionDetailRow> =
  SubmissionDetailRow[Name] extends readonly (infer Row)[] ? Row : never;

const RELATIONS = {
  revisions: {
    table: 'Revision',
    columns: REVISION,
    dates: datesOf<RowOf<'revisions'>>()(['eventAt', 'createdAt']),
    order: ['number'],
  },
  signOffs: {
    table: 'SignOff',
    columns: SIGN_OFF,
    dates: datesOf<RowOf<'signOffs'>>()(['reviewStartedAt', 'signedAt', 'voidedAt']),
    order: ['signedAt', 'id'],
  },
  events: {
    table: 'SubmissionEvent',
    columns: EVENT,
    dates: datesOf<RowOf<'events'>>()(['at']),
    order: ['at', 'id'],
  },
  attachments: {
    table: 'Attachment',
    columns: ATTACHMENT,
    dates: datesOf<RowOf<'attachments'>>()(['createdAt']),
    order: ['createdAt', 'id'],
  },
} as const satisfies Record<string, Relation>;

type DetailItem = Omit<SubmissionDetailRow, keyof typeof RELATIONS>;

/** The ORDER BY list of `columns`, each ascending, of the table named `alias` if any. */
function ascending(columns: readonly string[], alias?: string): string {
  const of = alias === undefined ? '' : `${alias}.`;
  return columns.map((column) => `${of}"${column}" ASC`).join(', ');
}

/**
 * {@link submissionDetailRow} read directly: on SQLite the item, then its relations; on
 * PostgreSQL all of it in one statement.
 */
export async function submissionDetailRowDirect(
  db: Db,
  id: string,
): Promise<SubmissionDetailRow | null> {
  if (databaseKind(db) === 'postgresql') return detailRowInOneStatement(db, id);
  const [item] = rowsAs<DetailItem>(
    await directRead(db, `SELECT ${SUBMISSION} FROM "Submission" WHERE "id" = ?`, [id]),
  );
  if (item === undefined) return null;
  const of = ({ columns, table, order }: Relation) =>
    directRead(
      db,
      `SELECT ${columns} FROM "${table}" WHERE "submissionId" = ? ORDER BY ${ascending(order)}`,
      [id],
    );
  const [revisions, signOffs, events, attachments] = await Promise.all([
    of(RELATIONS.revisions),
    of(RELATIONS.signOffs),
    of(RELATIONS.events),
    of(RELATIONS.attachments),
  ]);
  return {
    ...item,
    revisions: rowsAs<SubmissionDetailRow['revisions'][number]>(revisions),
    signOffs: rowsAs<SubmissionDetailRow['signOffs'][number]>(signOffs),
    events: rowsAs<SubmissionDetailRow['events'][number]>(events),
    attachments: rowsAs<SubmissionDetailRow['attachments'][number]>(attachments),
  };
}

/**
 * On PostgreSQL the item and its relations in one statement, each relation as a JSON array
 * of its rows: every statement is a round trip to the server, and the item with its
 * relations were five. JSON gives a date as its text without a zone (the columns hold UTC),
 * so those are read back as dates here; the other columns of these tables (text, enums,
 * 32-bit numbers, booleans) come as Prisma gives them. A column JSON would change (a 64-bit
 * number, bytes) must not be read this way: `datesOf` refuses a relation that has one.
 */
async function detailRowInOneStatement(db: Db, id: string): Promise<SubmissionDetailRow | null> {
  const aggregated = ([name, { columns, table, order }]: [string, Relation]) =>
    `(SELECT CAST(COALESCE(json_agg(r ORDER BY ${ascending(order, 'r')}), '[]') AS text) FROM ` +
    `(SELECT ${columns} FROM "${table}" WHERE "submissionId" = $1) r) AS "${name}"`;
  const [row] = await directRead(
    db,
    `SELECT ${SUBMISSION}, ${Object.entries(RELATIONS).map(aggregated).join(', ')} ` +
      `FROM "Submission" WHERE "id" = $1`,
    [id],
  );
  if (row === undefined) return null;
  const { revisions, signOffs, events, attachments, ...item } = row;
  const parsed = (text: unknown, { dates }: Relation): DirectRow[] =>
    (JSON.parse(text as string) as Record<string, DirectValue>[]).map((fields) => {
      for (const date of dates) {
        const value = fields[date];
        if (typeof value !== 'string') continue;
        const at = new Date(`${value}Z`);
        // A column stored with its zone or as a day would read as no date at all: say so.
        if (Number.isNaN(at.getTime())) throw new Error(`${date} of ${value} is not a UTC time`);
        fields[date] = at;
      }
      return fields;
    });
  return {
    ...(item as unknown as DetailItem),
    revisions: rowsAs(parsed(revisions, RELATIONS.revisions)),
    signOffs: rowsAs(parsed(signOffs, RELATIONS.signOffs)),
    events: rowsAs(parsed(events, RELATIONS.events)),
    attachments: rowsAs(parsed(attachments, RELATIONS.attachments)),
  };
}

/**
 * One submission in the domain's shape with what its detail page shows beside it — its whole
 * timeline, every sign-off and its attachments — read together; or null.
 */
export async function loadSubmissionDetail(db: Db, id: string) {
  const row = await submissionDetailRowDirect(db, id);
  return row === null ? null : submissionDetailOf(row);
}

/** {@link unitItemTitles} read directly. */
export async function unitItemTitlesDirect(db: Db, unitId: string): Promise<UnitItemTitle[]> {
  const param = databaseKind(db) === 'postgresql' ? '$1' : '?';
  const rows = await directRead(
    db,
    `SELECT "id", "unitId", "title", "createdAt" FROM "Submission" WHERE "unitId" = ${param} ORDER BY "id" ASC`,
    [unitId],
  );
  return rows.map((row) => ({
    id: row['id'] as string,
    unitId: row['unitId'] as string,
    title: row['title'] as string,
    createdAt: (row['createdAt'] as Date).getTime(),
  }));
}

/** The columns of an adoption its domain shape reads (`AdoptionFields` in adoptions). */
const ADOPTION = [
  'id',
  'level',
  'headline',
  'outletName',
  'pageOrLink',
  'screenshotId',
  'publishedAt',
  'instructionLevel',
  'instructionAt',
  'instructionLeader',
  'instructionNote',
  'recordedById',
  'createdAt',
]
  .map((column) => `a."${column}"`)
  .join(', ');

/**
 * `loadAdoptionsCrediting` (adoptions) of one item in one statement: each adoption in force that
 * credits the item, once per item it credits, ordered as that reads them (by publication, then
 * id; an adoption's credits by item id). An item nothing credits (every draft, every item in
 * review) costs one lookup of the credits' index, as asking whether any credit it did.
 */
export async function adoptionsCreditingDirect(db: Db, id: string): Promise<Adoption[]> {
  const param = databaseKind(db) === 'postgresql' ? '$1' : '?';
  const rows = await directRead(
    db,
    `SELECT ${ADOPTION}, c."submissionId" AS "creditedId" FROM "Adoption" a ` +
      `JOIN "AdoptionCredit" c ON c."adoptionId" = a."id" ` +
      `WHERE a."counteredAt" IS NULL AND a."id" IN ` +
      `(SELECT "adoptionId" FROM "AdoptionCredit" WHERE "submissionId" = ${param}) ` +
      `ORDER BY a."publishedAt" ASC, a."id" ASC, c."submissionId" ASC`,
    [id],
  );
  // Rows of one adoption come together, in order: each adoption is kept where it first came.
  const adoptions = new Map<string, AdoptionFields & { credits: { submissionId: string }[] }>();
  for (const { creditedId, ...fields } of rows) {
    const credit = { submissionId: creditedId as string };
    const adoptionId = fields['id'] as string;
    const seen = adoptions.get(adoptionId);
    if (seen === undefined)
      adoptions.set(adoptionId, {
        ...(fields as unknown as Omit<AdoptionFields, 'credits'>),
        credits: [credit],
      });
    else seen.credits.push(credit);
  }
  return [...adoptions.values()].map(adoptionOf);
}
