import { databaseKind, directRead, Prisma, type Db, type DirectRow } from '@jyxc/db';

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

/** {@link submissionDetailRow} read directly: the item, then its relations. */
export async function submissionDetailRowDirect(
  db: Db,
  id: string,
): Promise<SubmissionDetailRow | null> {
  const param = databaseKind(db) === 'postgresql' ? '$1' : '?';
  const [item] = rowsAs<
    Omit<SubmissionDetailRow, 'revisions' | 'signOffs' | 'events' | 'attachments'>
  >(await directRead(db, `SELECT ${SUBMISSION} FROM "Submission" WHERE "id" = ${param}`, [id]));
  if (item === undefined) return null;
  const of = (columns: string, table: string, order: string) =>
    directRead(
      db,
      `SELECT ${columns} FROM "${table}" WHERE "submissionId" = ${param} ORDER BY ${order}`,
      [id],
    );
  // Asked together: on PostgreSQL each is a round trip to the server, and under load each
  // answer waits its turn in the event loop, so four in a row cost four such waits.
  const [revisions, signOffs, events, attachments] = await Promise.all([
    of(REVISION, 'Revision', '"number" ASC'),
    of(SIGN_OFF, 'SignOff', '"signedAt" ASC, "id" ASC'),
    of(EVENT, 'SubmissionEvent', '"at" ASC, "id" ASC'),
    of(ATTACHMENT, 'Attachment', '"createdAt" ASC, "id" ASC'),
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
 * id; an adoption's credits by item id). Most items have none, and then it is one lookup of
 * the credits' index, as cheap as asking whether there are any.
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
  const adoptions = new Map<unknown, AdoptionFields & { credits: { submissionId: string }[] }>();
  for (const { creditedId, ...fields } of rows) {
    const credit = { submissionId: creditedId as string };
    const seen = adoptions.get(fields['id']);
    if (seen === undefined)
      adoptions.set(fields['id'], {
        ...(fields as unknown as Omit<AdoptionFields, 'credits'>),
        credits: [credit],
      });
    else seen.credits.push(credit);
  }
  return [...adoptions.values()].map(adoptionOf);
}
