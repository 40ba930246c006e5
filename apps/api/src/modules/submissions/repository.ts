import {
  revisionRow,
  signOffRow,
  submissionColumns,
  submissionEventRow,
  type Prisma,
} from '@jyxc/db';
import {
  isCategory,
  type Approval,
  type ContentField,
  type ReturnRecord,
  type Revision,
  type Submission,
  type SubmissionContent,
  type Transition,
} from '@jyxc/domain';
import { ServiceError } from '../../shared/errors.js';
import { audit } from '../../shared/audit.js';
import type { Reader } from '../../shared/db.js';
import { parseJson, record, stringList } from '../../shared/json.js';

import type { ServiceContext, Tx } from '../../shared/context.js';

const CONTENT_FIELDS = ['title', 'body', 'category', 'topics', 'eventAt', 'attachments'] as const;

function isContentField(value: unknown): value is ContentField {
  return typeof value === 'string' && (CONTENT_FIELDS as readonly string[]).includes(value);
}

/** The JSON details stored with a timeline event. */
export function eventData(text: string | null): Readonly<Record<string, unknown>> {
  return record(parseJson(text));
}

const submissionInclude = {
  authors: { orderBy: { position: 'asc' } },
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
    durationMs: row.signedAt.getTime() - row.reviewStartedAt.getTime(),
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
    authorIds: row.authors.map((a) => a.personId),
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
    await tx.submission.create({
      data: {
        id: s.id,
        ...submissionColumns(s),
        createdAt: new Date(s.createdAt),
        createdById: s.authorIds[0] ?? ctx.actor.personId,
        idempotencyKey: extras.idempotencyKey ?? null,
        sourceChatId: extras.sourceChatId ?? null,
        sourceMessageId: extras.sourceMessageId ?? null,
        authors: { create: s.authorIds.map((personId, position) => ({ personId, position })) },
      },
    });
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

  const newRevisions = s.revisions.filter((r) => before === null || r.number > before.revision);
  if (newRevisions.length > 0) {
    await tx.revision.createMany({ data: newRevisions.map((r) => revisionRow(s.id, r)) });
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
    await tx.signOff.create({ data: signOffRow(s.id, a) });
  }

  if (transition.events.length > 0) {
    await tx.submissionEvent.createMany({
      data: transition.events.map((e) => submissionEventRow(e, ctx.via)),
    });
  }

  await audit(tx, ctx, {
    action,
    entity: 'Submission',
    entityId: s.id,
    unitId: s.unitId,
    before: before === null ? undefined : auditSnapshot(before),
    after: { ...auditSnapshot(s), events: transition.events.map((e) => e.type) },
  });
}
