import {
  directInsert,
  newRowId,
  revisionRow,
  signOffRow,
  submissionColumns,
  submissionEventRow,
  type Db,
  type DirectWriteValue,
  type Prisma,
  type Table,
} from '@jyxc/db';
import {
  isCategory,
  type Approval,
  type Category,
  type ContentField,
  type ReturnRecord,
  type Revision,
  type Submission,
  type SubmissionContent,
  type SubmissionState,
  type TimeRange,
  type Transition,
} from '@jyxc/domain';
import { ServiceError } from '../../shared/errors.js';
import {
  audit,
  auditedChanges,
  auditRow,
  UNSENT_DRAFTS,
  type AuditEntry,
} from '../../shared/audit.js';
import { changed, type Reader, type UnitScope } from '../../shared/db.js';
import { parseJson, record, stringList } from '../../shared/json.js';
import { literalText } from '../../shared/search.js';

import type { ServiceContext, Tx } from '../../shared/context.js';

const CONTENT_FIELDS = ['title', 'body', 'category', 'topics', 'eventAt', 'attachments'] as const;

function isContentField(value: unknown): value is ContentField {
  return typeof value === 'string' && (CONTENT_FIELDS as readonly string[]).includes(value);
}

/** The JSON details stored with a timeline event. */
export function eventData(text: string | null): Readonly<Record<string, unknown>> {
  return record(parseJson(text));
}

// The authors come from the row's own copy of them (schema.prisma `authorIds`).
const submissionInclude = {
  revisions: { orderBy: { number: 'asc' } },
  signOffs: { orderBy: [{ signedAt: 'asc' }, { id: 'asc' }] },
  events: { where: { kind: 'returned' }, orderBy: [{ at: 'asc' }, { id: 'asc' }] },
} satisfies Prisma.SubmissionInclude;

type SubmissionRow = Prisma.SubmissionGetPayload<{ include: typeof submissionInclude }>;
type RevisionRow = SubmissionRow['revisions'][number];

function revisionOf(row: RevisionRow): Revision {
  if (!isCategory(row.category)) throw new Error(`revision ${row.id} has an unknown category`);
  const content: SubmissionContent = {
    title: row.title,
    body: row.body,
    category: row.category,
    topics: stringList(row.topics),
    eventAt: row.eventAt.getTime(),
    attachments: stringList(row.attachments),
  };
  const stored = record(parseJson(row.diff)).changedFields;
  return {
    number: row.number,
    authorId: row.authorId,
    at: row.createdAt.getTime(),
    content,
    changedFields: Array.isArray(stored) ? stored.filter(isContentField) : [...CONTENT_FIELDS],
    note: row.note,
  };
}

function approvalOf(row: SubmissionRow['signOffs'][number]): Approval {
  return {
    reviewerId: row.reviewerId,
    unitId: row.unitId,
    at: row.signedAt.getTime(),
    revision: row.revisionNumber,
    edited: row.kind === 'edited',
    comment: row.comment,
    durationMs:
      row.reviewStartedAt === null ? null : row.signedAt.getTime() - row.reviewStartedAt.getTime(),
  };
}

function returnOf(row: SubmissionRow['events'][number]): ReturnRecord {
  const data = eventData(row.data);
  return {
    by: row.actorId ?? '',
    at: row.at.getTime(),
    reason: typeof data.reason === 'string' ? data.reason : '',
    stage: data.stage === 'bureau_review' ? 'bureau_review' : 'unit_review',
  };
}

function toDomain(row: SubmissionRow): Submission {
  const revisions = row.revisions.map(revisionOf);
  const current = revisions.find((r) => r.number === row.currentRevision) ?? revisions.at(-1);
  if (current === undefined) throw new Error(`submission ${row.id} has no revision`);
  const live = row.signOffs.filter((s) => s.voidedAt === null).at(-1);
  const signOff =
    live !== undefined && live.revisionNumber === row.currentRevision ? approvalOf(live) : null;
  return {
    id: row.id,
    unitId: row.unitId,
    reviewUnitId: row.reviewUnitId,
    authorIds: stringList(row.authorIds),
    ...current.content,
    state: row.state,
    version: row.version,
    source: row.source,
    createdAt: row.createdAt.getTime(),
    updatedAt: row.updatedAt.getTime(),
    revisions,
    revision: current.number,
    submittedAt: row.submittedAt?.getTime() ?? null,
    reviewSince: row.reviewSince?.getTime() ?? null,
    signOff,
    approvals: row.signOffs.map(approvalOf),
    submittedToBureauAt: row.submittedToBureauAt?.getTime() ?? null,
    returns: row.events.map(returnOf),
    returnedReason: row.returnedReason,
    withdrawnAt: row.withdrawnAt?.getTime() ?? null,
    decision:
      row.decidedAt === null
        ? null
        : {
            by: row.decidedById ?? '',
            at: row.decidedAt.getTime(),
            adopted: row.state === 'adopted',
            comment: row.decisionComment,
          },
    qualityMark:
      row.qualityMark && row.qualityMarkedAt !== null
        ? { by: row.qualityMarkedById ?? '', at: row.qualityMarkedAt.getTime() }
        : null,
  };
}

/** One submission with its whole history in the domain's shape, or null. */
export async function loadSubmission(db: Reader, id: string): Promise<Submission | null> {
  const row = await db.submission.findUnique({ where: { id }, include: submissionInclude });
  return row === null ? null : toDomain(row);
}

/** Several submissions in the domain's shape (missing ids are left out). */
export async function loadSubmissions(db: Reader, ids: readonly string[]): Promise<Submission[]> {
  const rows = await db.submission.findMany({
    where: { id: { in: [...ids] } },
    include: submissionInclude,
  });
  return rows.map(toDomain);
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/** A short picture of a submission for the audit log. */
export function auditSnapshot(s: Submission) {
  return {
    state: s.state,
    version: s.version,
    revision: s.revision,
    title: s.title,
    category: s.category,
    eventAt: new Date(s.eventAt).toISOString(),
    signedOffRevision: s.signOff?.revision ?? null,
    qualityMark: s.qualityMark !== null,
    authorIds: s.authorIds,
  };
}

export interface CreationExtras {
  readonly idempotencyKey?: string | undefined;
  readonly sourceChatId?: string | undefined;
  readonly sourceMessageId?: string | undefined;
}

/**
 * Persists a domain transition with its audit entry, inside the caller's transaction: new
 * revision rows, sign-offs (voiding the one an edit or a return cancelled), timeline events,
 * and the row itself. An update is written only if nobody changed the row since it was
 * loaded (`version` still the one the transition started from); otherwise 409.
 */
export async function persistTransition(
  tx: Tx,
  ctx: ServiceContext,
  before: Submission | null,
  transition: Transition,
  action: string,
  extras: CreationExtras = {},
): Promise<void> {
  const s = transition.submission;
  if (before === null) {
    // Single-row creates that read back only the id: a nested create would read the whole
    // row back, and through Prisma a createMany of one row costs about half as much again as
    // a create (measured on SQLite: 0.43 against 0.28 ms).
    await tx.submission.create({ select: { id: true }, data: newSubmissionRow(ctx, s, extras) });
    await insertAuthors(tx, s);
  } else {
    const written = await tx.submission.updateMany({
      where: { id: s.id, version: before.version },
      data: submissionColumns(s),
    });
    if (written.count !== 1) {
      throw new ServiceError('conflict', 'SUBMISSION.STALE', '稿件已被他人修改，请刷新后重试', {
        expectedVersion: before.version,
      });
    }
  }

  // rules §5.5: the authors share the points; an edit may replace the co-authors.
  if (before !== null && !sameIds(before.authorIds, s.authorIds)) {
    await tx.submissionAuthor.deleteMany({ where: { submissionId: s.id } });
    await insertAuthors(tx, s);
  }

  const newRevisions = s.revisions.filter((r) => before === null || r.number > before.revision);
  for (const r of newRevisions) {
    await tx.revision.create({ select: { id: true }, data: revisionRow(s.id, r) });
  }

  // DESIGN §3.2: a sign-off binds one revision; an edit, a return or a resubmission cancels it.
  const cancelled = before?.signOff != null && s.signOff !== before.signOff;
  if (cancelled) {
    await tx.signOff.updateMany({
      where: { submissionId: s.id, voidedAt: null },
      data: { voidedAt: ctx.now },
    });
  }
  const newApprovals = s.approvals.slice(before?.approvals.length ?? 0);
  for (const a of newApprovals) {
    await tx.signOff.create({ select: { id: true }, data: signOffRow(s.id, a) });
  }

  // One row (nearly every transition) as a create, several in one statement (see above).
  const events = transition.events.map((e) => submissionEventRow(e, ctx.via));
  if (events.length === 1) {
    await tx.submissionEvent.create({ select: { id: true }, data: events[0]! });
  } else if (events.length > 1) {
    await tx.submissionEvent.createMany({ data: events });
  }

  const entry = transitionAudit(before, transition, action);
  // The audit entry names the item's unit; an item moved out of a unit changed that one too.
  if (before !== null && before.unitId !== s.unitId) {
    changed(
      tx,
      (entry.unsentDraft === true
        ? [UNSENT_DRAFTS]
        : (['Submission', 'SubmissionAuthor'] as const)
      ).map((table) => ({ table, unitId: before.unitId })),
    );
  }
  await audit(tx, ctx, entry);
}

/** The row of a new item, with what only its creation records. */
function newSubmissionRow(ctx: ServiceContext, s: Submission, extras: CreationExtras) {
  return {
    id: s.id,
    ...submissionColumns(s),
    createdAt: new Date(s.createdAt),
    createdById: s.authorIds[0] ?? ctx.actor.personId,
    idempotencyKey: extras.idempotencyKey ?? null,
    sourceChatId: extras.sourceChatId ?? null,
    sourceMessageId: extras.sourceMessageId ?? null,
  };
}

/** The item's authors in their order (rules §5.5: the first is its writer). */
function authorRows(s: Submission) {
  return s.authorIds.map((personId, position) => ({ submissionId: s.id, personId, position }));
}

/** The audit entry of a transition (`before` null: the item's creation). */
function transitionAudit(
  before: Submission | null,
  transition: Transition,
  action: string,
): AuditEntry {
  const s = transition.submission;
  return {
    action,
    entity: 'Submission',
    entityId: s.id,
    unitId: s.unitId,
    before: before === null ? undefined : auditSnapshot(before),
    after: { ...auditSnapshot(s), events: transition.events.map((e) => e.type) },
    unsentDraft: (before === null || neverSent(before)) && neverSent(s),
    created: before === null,
  };
}

/**
 * {@link persistTransition} of a new item, as one transaction of its own, without the query
 * engine (`directInsert` in @jyxc/db): every new draft of the console is written this way,
 * and through the engine its five inserts cost several times what they cost in the driver.
 * The same rows from the same builders, with ids made here where Prisma would make them;
 * persistTransition stays the specification, and the property test (create-direct.test.ts)
 * holds the rows of the two equal on SQLite and PostgreSQL. A failed insert throws the
 * driver adapter's error, not Prisma's: a creation that may meet a unique key (the
 * idempotency key of a retried quick report or phone draft) goes through persistTransition.
 */
export async function persistCreationDirect(
  ctx: ServiceContext,
  transition: Transition,
  action: string,
  extras: Omit<CreationExtras, 'idempotencyKey'> = {},
): Promise<SubmissionDetailRow> {
  const s = transition.submission;
  const entry = transitionAudit(null, transition, action);
  const item = newSubmissionRow(ctx, s, extras);
  const revisions = s.revisions.map((r) => ({ id: newRowId(), ...revisionRow(s.id, r) }));
  const signOffs = s.approvals.map((a) => ({ id: newRowId(), ...signOffRow(s.id, a) }));
  const events = transition.events.map((e) => ({
    id: newRowId(),
    ...submissionEventRow(e, ctx.via),
  }));
  const inTable = <T extends Record<string, DirectWriteValue>>(table: Table, rows: readonly T[]) =>
    rows.map((row) => ({ table, row }));
  await directInsert(
    ctx.db,
    [
      ...inTable('Submission', [item]),
      ...inTable('SubmissionAuthor', authorRows(s)),
      ...inTable('Revision', revisions),
      ...inTable('SignOff', signOffs),
      ...inTable('SubmissionEvent', events),
      ...inTable('AuditLog', [{ id: newRowId(), ...auditRow(ctx, entry) }]),
    ],
    auditedChanges(entry),
  );
  // The rows just written, as submissionDetailRow reads them back (the property test holds
  // the two equal): a new item's detail needs no read. Every column is given, so that one
  // the database would fill in is a type error here; its sign-offs, if any, are not voided,
  // and it has no attachments yet.
  return {
    ...item,
    revisions,
    signOffs: signOffs.map((row) => ({ ...row, voidedAt: null })),
    events,
    attachments: [],
  } satisfies Required<SubmissionDetailRow>;
}

/**
 * The item's authors in their order (rules §5.5: the first is its writer): one as a create,
 * several in one statement, since on PostgreSQL each statement is a round trip.
 */
async function insertAuthors(tx: Tx, s: Submission): Promise<void> {
  const rows = authorRows(s);
  if (rows.length === 1) {
    await tx.submissionAuthor.create({ select: { submissionId: true }, data: rows[0]! });
  } else if (rows.length > 1) {
    await tx.submissionAuthor.createMany({ data: rows });
  }
}

/**
 * Whether the item is a draft that never left its writer: never sent to review, returned,
 * withdrawn or decided, so no figure beyond its unit's own lists shows it (UNSENT_DRAFTS).
 */
export function neverSent(s: Submission): boolean {
  return (
    s.state === 'draft' &&
    s.submittedAt === null &&
    s.submittedToBureauAt === null &&
    s.withdrawnAt === null &&
    s.decision === null &&
    s.approvals.length === 0 &&
    s.returns.length === 0
  );
}

// ---------------------------------------------------------------------------
// Reads for the console and the bot
// ---------------------------------------------------------------------------

/** The id and creator of the submission created under an idempotency key, or null. */
export function findByIdempotencyKey(
  db: Db,
  key: string,
): Promise<{ id: string; createdById: string } | null> {
  return db.submission.findUnique({
    where: { idempotencyKey: key },
    select: { id: true, createdById: true },
  });
}

/** How many of `attachmentIds` are attachments of the submission. */
export function countAttachmentsOf(
  db: Db,
  submissionId: string,
  attachmentIds: readonly string[],
): Promise<number> {
  return db.attachment.count({ where: { id: { in: [...attachmentIds] }, submissionId } });
}

/** Records that a reviewer was served the full item at a revision (DESIGN §3.2). */
export async function recordReviewOpening(
  db: Db,
  opening: {
    submissionId: string;
    reviewerId: string;
    revisionNumber: number;
    openedAt: Date;
    via: 'web' | 'telegram';
  },
): Promise<void> {
  await db.reviewOpening.create({ data: opening });
}

/**
 * When the reviewer last opened the full item at this revision, as the server recorded it;
 * null when they never did (DESIGN §3.2).
 */
export async function latestReviewOpening(
  db: Reader,
  submissionId: string,
  reviewerId: string,
  revisionNumber: number,
): Promise<Date | null> {
  const row = await db.reviewOpening.findFirst({
    where: { submissionId, reviewerId, revisionNumber },
    orderBy: { openedAt: 'desc' },
    select: { openedAt: true },
  });
  return row?.openedAt ?? null;
}

/** What a detail page shows of a submission beside the item: every event, attachment's facts. */
const detailInclude = {
  revisions: submissionInclude.revisions,
  signOffs: submissionInclude.signOffs,
  events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
  attachments: {
    select: { id: true, filename: true, mime: true, size: true, createdAt: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  },
} satisfies Prisma.SubmissionInclude;

/** A submission's row with the rows of its detail page, as {@link submissionDetailRow} reads them. */
export type SubmissionDetailRow = Prisma.SubmissionGetPayload<{ include: typeof detailInclude }>;

/**
 * One submission's row with its revisions, sign-offs, whole timeline and attachments, or
 * null. The specification of the detail's read: `submissionDetailRowDirect`
 * (detail-direct.ts) reads the same rows without the query engine.
 */
export function submissionDetailRow(db: Db, id: string): Promise<SubmissionDetailRow | null> {
  return db.submission.findUnique({ where: { id }, include: detailInclude });
}

/**
 * A submission in the domain's shape with what its detail page shows beside it: its whole
 * timeline, every sign-off and its attachments.
 */
export function submissionDetailOf(row: SubmissionDetailRow) {
  const { events, attachments, ...item } = row;
  return {
    // The domain's item carries the returns of its timeline (as `submissionInclude` reads them).
    submission: toDomain({ ...item, events: events.filter((e) => e.kind === 'returned') }),
    events,
    signOffs: row.signOffs,
    attachments,
  };
}

/** An item of a unit as its likely duplicates are looked for. */
export interface UnitItemTitle {
  readonly id: string;
  readonly unitId: string;
  readonly title: string;
  readonly createdAt: number;
}

/**
 * Every item of a unit with its title and creation time (candidates for likely duplicates),
 * by id. The specification of `unitItemTitlesDirect` (detail-direct.ts).
 */
export async function unitItemTitles(db: Db, unitId: string): Promise<UnitItemTitle[]> {
  const rows = await db.submission.findMany({
    where: { unitId },
    select: { id: true, unitId: true, title: true, createdAt: true },
    orderBy: { id: 'asc' },
  });
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.getTime() }));
}

export interface SubmissionListFilter {
  readonly scope: UnitScope;
  readonly unitId?: string | undefined;
  readonly state?: SubmissionState | undefined;
  readonly category?: Category | undefined;
  /**
   * DESIGN §3.4: an item belongs to the period in which it reached bureau review; items that
   * have not reached it yet are listed by their creation date.
   */
  readonly period?: TimeRange | undefined;
  /** A piece of the title or body. */
  readonly q?: string | undefined;
  /** Only items this person wrote. */
  readonly authorId?: string | undefined;
  /**
   * Only items awaiting this reviewer: in their unit's review (not their own) and/or in the
   * bureau's; with neither, nothing.
   */
  readonly awaiting?:
    | {
        readonly unitReview: { readonly unitId: string; readonly personId: string } | null;
        readonly bureauReview: boolean;
      }
    | undefined;
}

async function listWhere(
  db: Db,
  filter: SubmissionListFilter,
): Promise<Prisma.SubmissionWhereInput> {
  const and: Prisma.SubmissionWhereInput[] = [filter.scope];
  if (filter.unitId !== undefined) and.push({ unitId: filter.unitId });
  if (filter.state !== undefined) and.push({ state: filter.state });
  if (filter.category !== undefined) and.push({ category: filter.category });
  if (filter.period !== undefined) {
    const within = { gte: new Date(filter.period.start), lt: new Date(filter.period.end) };
    and.push({
      OR: [{ submittedToBureauAt: within }, { submittedToBureauAt: null, createdAt: within }],
    });
  }
  if (filter.q !== undefined) {
    // `%` and `_` are what the person typed, not wildcards (shared/search.ts).
    const match = await literalText(db, 'Submission', ['title', 'body'], filter.q);
    and.push(
      'ids' in match
        ? { id: { in: match.ids } }
        : { OR: [{ title: { contains: match.contains } }, { body: { contains: match.contains } }] },
    );
  }
  if (filter.authorId !== undefined) and.push({ authors: { some: { personId: filter.authorId } } });
  if (filter.awaiting !== undefined) {
    const branches: Prisma.SubmissionWhereInput[] = [];
    const unit = filter.awaiting.unitReview;
    if (unit !== null) {
      branches.push({
        state: 'unit_review',
        reviewUnitId: unit.unitId,
        authors: { none: { personId: unit.personId } },
      });
    }
    if (filter.awaiting.bureauReview) branches.push({ state: 'bureau_review' });
    and.push(branches.length === 0 ? { id: { in: [] } } : { OR: branches });
  }
  return { AND: and };
}

const listOrder: Prisma.SubmissionOrderByWithRelationInput[] = [
  { createdAt: 'desc' },
  { id: 'desc' },
];

/** Every matching item's timing facts, newest first (to filter by lateness item by item). */
export async function listTimings(
  db: Db,
  filter: SubmissionListFilter,
): Promise<{ id: string; category: Category; eventAt: Date; submittedToBureauAt: Date | null }[]> {
  return db.submission.findMany({
    where: await listWhere(db, filter),
    orderBy: listOrder,
    select: { id: true, category: true, eventAt: true, submittedToBureauAt: true },
  });
}

/**
 * One page of the list: the matching items, or exactly the items `ids`, newest first, in one
 * query: the authors come from the row's own copy of them.
 */
export async function listRows(
  db: Db,
  which: { readonly filter: SubmissionListFilter } | { readonly ids: readonly string[] },
  page: { readonly skip: number; readonly take: number },
) {
  const rows = await db.submission.findMany({
    where: 'ids' in which ? { id: { in: [...which.ids] } } : await listWhere(db, which.filter),
    orderBy: listOrder,
    ...('ids' in which ? {} : { skip: page.skip, take: page.take }),
    select: {
      id: true,
      title: true,
      category: true,
      state: true,
      unitId: true,
      reviewUnitId: true,
      eventAt: true,
      createdAt: true,
      submittedAt: true,
      submittedToBureauAt: true,
      version: true,
      source: true,
      qualityMark: true,
      authorIds: true,
    },
  });
  return rows.map(({ authorIds, ...row }) => ({
    ...row,
    authors: stringList(authorIds).map((personId) => ({ personId })),
  }));
}

/** A row of a page of the list. */
export type ListRow = Awaited<ReturnType<typeof listRows>>[number];

export async function countListed(db: Db, filter: SubmissionListFilter): Promise<number> {
  return db.submission.count({ where: await listWhere(db, filter) });
}

// ---------------------------------------------------------------------------
// Attachments
// ---------------------------------------------------------------------------

const attachmentSelect = { id: true, filename: true, mime: true, size: true } as const;

export interface AttachmentRef {
  readonly id: string;
  readonly filename: string;
  readonly mime: string;
  readonly size: number;
}

/** The submission's attachment with these bytes, or null. */
export function findAttachmentByDigest(
  tx: Tx,
  submissionId: string,
  sha256: string,
): Promise<AttachmentRef | null> {
  return tx.attachment.findFirst({ where: { submissionId, sha256 }, select: attachmentSelect });
}

export function insertAttachment(
  tx: Tx,
  data: {
    readonly submissionId: string;
    readonly filename: string;
    readonly mime: string;
    readonly sha256: string;
    readonly bytes: Uint8Array<ArrayBuffer>;
    readonly createdById: string;
    readonly createdAt: Date;
  },
): Promise<AttachmentRef> {
  return tx.attachment.create({
    data: { ...data, size: data.bytes.byteLength },
    select: attachmentSelect,
  });
}

/** An attachment of a submission with its bytes and the submission's unit, or null. */
export function findAttachment(db: Db, submissionId: string, attachmentId: string) {
  return db.attachment.findFirst({
    where: { id: attachmentId, submissionId },
    include: { submission: { select: { unitId: true } } },
  });
}

/** The reviewer's latest sign-off of an item, voided or not; null when they never signed it. */
export function latestOwnSignOff(db: Reader, submissionId: string, reviewerId: string) {
  return db.signOff.findFirst({
    where: { submissionId, reviewerId },
    orderBy: { signedAt: 'desc' },
    select: { id: true, unitId: true, comment: true, signedAt: true, voidedAt: true },
  });
}

/** Sets a sign-off's comment, only while it still has none (a second writer changes nothing). */
export async function setSignOffComment(tx: Tx, id: string, comment: string): Promise<boolean> {
  const { count } = await tx.signOff.updateMany({
    where: { id, comment: null },
    data: { comment },
  });
  return count === 1;
}
