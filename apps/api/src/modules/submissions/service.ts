import { randomUUID } from 'node:crypto';
import { databaseKind } from '@jyxc/db';
import {
  AUTHORS_EDITABLE,
  approversOf,
  checkPermission,
  reviewRequestSendingTime,
  timeLimitMs,
  transition,
  type Category,
  type Submission,
  type SubmissionCommand,
  type SubmissionContent,
  type SubmissionSource,
  type Transition,
  type Unit,
} from '@jyxc/domain';
import { unwrap } from '../../shared/domain-result.js';
import { ServiceError } from '../../shared/errors.js';
import { audit } from '../../shared/audit.js';
import type { ServiceContext, Tx } from '../../shared/context.js';
import { actorAsPerson } from '../../shared/actor.js';
import { peopleById, peopleOfUnits } from '../people/service.js';
import { assertCanSee, loadUnits, visibilityFor } from '../organisation/service.js';
import {
  countAttachmentsOf,
  findByIdempotencyKey,
  latestOwnSignOff,
  latestReviewOpening,
  loadSubmission,
  setSignOffComment,
  persistCreationDirect,
  persistTransition,
  type SubmissionDetailRow,
  type UnitItemTitle,
} from './repository.js';
import { unitItemTitlesDirect } from './detail-direct.js';

export { loadSubmissions, persistTransition } from './repository.js';
export { uploadAttachment } from './attachments.js';
export { scoreLineView } from './queries.js';
import { enqueuePersonMessages, type PersonMessage } from '../outbox/service.js';
import { reminderSettingsAt, schemeAt } from '../schemes/service.js';

export { MAX_IMAGE_BYTES, type Upload } from '../../shared/images.js';
import { inTransaction, isUniqueViolation } from '../../shared/db.js';

type Command = Exclude<SubmissionCommand, { type: 'create' }>;

export function submissionNotFound(): ServiceError {
  return new ServiceError('not_found', 'SUBMISSION.NOT_FOUND', '稿件不存在');
}

/**
 * A new item's content; the bot adds where a quick report came from and the key that makes a
 * redelivered message return the same item.
 */
export interface CreateSubmissionInput {
  readonly title: string;
  readonly body: string;
  readonly category: Category;
  readonly topics?: readonly string[] | undefined;
  /** When the reported event happened (epoch ms). */
  readonly eventAt: number;
  readonly coAuthorIds?: readonly string[] | undefined;
  readonly source?: SubmissionSource | undefined;
  /** The same key always yields the same submission (the bot's redelivered updates). */
  readonly idempotencyKey?: string | undefined;
  readonly sourceChatId?: string | undefined;
  readonly sourceMessageId?: string | undefined;
}

async function byIdempotencyKey(ctx: ServiceContext, key: string): Promise<Submission | null> {
  const row = await findByIdempotencyKey(ctx.db, key);
  if (row === null) return null;
  if (row.createdById !== ctx.actor.personId) {
    throw new ServiceError(
      'conflict',
      'SUBMISSION.IDEMPOTENCY_CONFLICT',
      '该请求标识已被他人使用，请更换后重试',
    );
  }
  return loadSubmission(ctx.db, row.id);
}

/**
 * Creates a draft in the actor's unit (DESIGN §3.2). With an idempotency key, a repeated
 * request returns the submission the first one created (`created: false`), never a second one.
 */
export async function createSubmission(
  ctx: ServiceContext,
  input: CreateSubmissionInput,
): Promise<{
  submission: Submission;
  created: boolean;
  /** The rows of its detail page as they were written, when it was written directly. */
  written?: SubmissionDetailRow;
  /** With `written` on PostgreSQL: its unit's items, read while it was written (see below). */
  unitItems?: readonly UnitItemTitle[] | undefined;
}> {
  const key = input.idempotencyKey;
  if (key !== undefined) {
    const existing = await byIdempotencyKey(ctx, key);
    if (existing !== null) return { submission: existing, created: false };
  }
  const units = await loadUnits(ctx.db);
  const unit = units.find((u) => u.id === ctx.actor.unit.id);
  if (unit === undefined) throw new ServiceError('not_found', 'UNIT.NOT_FOUND', '所在单位不存在');
  const coAuthorIds = [...new Set(input.coAuthorIds ?? [])].filter(
    (id) => id !== ctx.actor.personId,
  );
  await checkCoAuthors(ctx.db, units, unit, coAuthorIds);
  const t = unwrap(
    transition(
      null,
      {
        type: 'create',
        id: randomUUID(),
        unit,
        content: {
          title: input.title,
          body: input.body,
          category: input.category,
          topics: input.topics ?? [],
          eventAt: input.eventAt,
        },
        coAuthorIds,
        source: input.source ?? 'console',
      },
      actorAsPerson(ctx.actor),
      ctx.now.getTime(),
    ),
  );
  const source = { sourceChatId: input.sourceChatId, sourceMessageId: input.sourceMessageId };
  if (key === undefined) {
    // No idempotency key, so no unique key can be met (the one error the service turns
    // into an answer): written without the query engine, the same rows. On PostgreSQL its
    // unit's items, among which its likely duplicates are (DESIGN §3.2), are read at the same
    // time: there every statement is a round trip, and under load each wait costs a turn of
    // the busy event loop. A failed read leaves them to be read after the write; the draft is
    // written either way. On SQLite nothing waits, and the detail reads them after the write
    // through the kept titles, which it leaves for the unit's next detail page.
    const unitItems =
      databaseKind(ctx.db) === 'postgresql'
        ? unitItemTitlesDirect(ctx.db, unit.id).catch(() => undefined)
        : undefined;
    const written = await persistCreationDirect(ctx, t, 'submission.create', source);
    return { submission: t.submission, created: true, written, unitItems: await unitItems };
  }
  try {
    await inTransaction(ctx, (tx) =>
      persistTransition(tx, ctx, null, t, 'submission.create', { idempotencyKey: key, ...source }),
    );
  } catch (error) {
    // Two deliveries of the same quick report raced: the first one's submission is the answer.
    if (key !== undefined && isUniqueViolation(error)) {
      const existing = await byIdempotencyKey(ctx, key);
      if (existing !== null) return { submission: existing, created: false };
    }
    throw error;
  }
  return { submission: t.submission, created: true };
}

/**
 * Refuses co-authors who are not active people of the item's unit (or, for a township center,
 * of its schools), rules §5.5; `kept` are authors the item already has, who stay even if they
 * have since left or moved, as their share of the credit was earned.
 */
async function checkCoAuthors(
  db: ServiceContext['db'],
  units: readonly Unit[],
  unit: Unit,
  coAuthorIds: readonly string[],
  kept: readonly string[] = [],
): Promise<void> {
  const added = coAuthorIds.filter((id) => !kept.includes(id));
  if (added.length === 0) return;
  const allowed = coAuthorUnitIds(units, unit.id);
  const people = await peopleById(db);
  const unknown = added.filter((id) => people.get(id)?.active !== true);
  if (unknown.length > 0) {
    throw new ServiceError('invalid', 'SUBMISSION.UNKNOWN_AUTHOR', '合作作者不存在或已停用', {
      path: 'coAuthorIds',
      ids: unknown,
    });
  }
  const foreign = added.map((id) => people.get(id)!).filter((p) => !allowed.has(p.unitId));
  if (foreign.length > 0) {
    throw new ServiceError(
      'invalid',
      'SUBMISSION.FOREIGN_AUTHOR',
      `合作作者须为本单位${unit.kind === 'township_center' ? '或所属学校' : ''}的人员：${foreign.map((p) => `${p.name}（${unitName(units, p.unitId)}）`).join('、')}不是`,
      { path: 'coAuthorIds', ids: foreign.map((p) => p.id) },
    );
  }
}

/**
 * The units whose people may co-author an item of `unitId` (rules §5.5, the authors' share):
 * the unit itself and, for a township center, its schools, whose items count for it.
 */
export function coAuthorUnitIds(units: readonly Unit[], unitId: string): Set<string> {
  const unit = units.find((u) => u.id === unitId);
  const ids = new Set([unitId]);
  if (unit?.kind === 'township_center') {
    for (const u of units) if (u.parentId === unitId && u.kind === 'school') ids.add(u.id);
  }
  return ids;
}

/** People who may co-author the actor's new items, the actor aside, by unit then name. */
export async function coAuthorCandidates(ctx: ServiceContext) {
  const units = await loadUnits(ctx.db);
  const allowed = coAuthorUnitIds(units, ctx.actor.unit.id);
  const people = await peopleOfUnits(ctx.db, [...allowed]);
  return people
    .filter((p) => p.active && p.id !== ctx.actor.personId)
    .map((p) => ({ id: p.id, name: p.name, unitId: p.unitId, unitName: unitName(units, p.unitId) }))
    .sort(
      (a, b) =>
        Number(a.unitId !== ctx.actor.unit.id) - Number(b.unitId !== ctx.actor.unit.id) ||
        a.unitName.localeCompare(b.unitName, 'zh-CN') ||
        a.name.localeCompare(b.name, 'zh-CN'),
    );
}

function unitName(units: readonly Unit[], id: string | null): string {
  // A unit that is gone still has a name to show: its id is never shown to a person.
  return units.find((u) => u.id === id)?.name ?? '—';
}

/** Messages of DESIGN §5/§3.8 that a transition calls for, to its reviewers or its authors. */
async function messagesFor(
  tx: Tx,
  ctx: ServiceContext,
  before: Submission,
  t: Transition,
  units: readonly Unit[],
): Promise<PersonMessage[]> {
  const s = t.submission;
  const base = `submission:${s.id}:v${s.version}`;
  const urgent = s.category === 'major';
  const summary = {
    submissionId: s.id,
    title: s.title,
    unitId: s.unitId,
    unitName: unitName(units, s.unitId),
  };
  const messages: PersonMessage[] = [];
  const toAuthors = (
    kind:
      | 'submission_forwarded'
      | 'submission_returned'
      | 'submission_adopted'
      | 'submission_not_adopted',
    reason: string | null,
  ) => {
    for (const authorId of s.authorIds) {
      messages.push({
        // The key keeps the outcome's old name, so a retried request still finds its message.
        key: `${base}:${OUTCOME_KEY[kind]}:${authorId}`,
        personId: authorId,
        event: { kind, facts: { ...summary, reason, reviewerName: ctx.actor.name } },
        urgent,
      });
    }
  };
  for (const event of t.events) {
    switch (event.type) {
      case 'submitted': {
        if (event.to !== 'unit_review' || s.reviewUnitId === null) break;
        const people = await peopleOfUnits(tx, [s.reviewUnitId]);
        // DESIGN §3.8: a review request is work, not a reminder. Quiet hours hold it until
        // 07:30 at most (never over a weekend), and not at all when the item's time limit
        // would run out within 12 h of 07:30.
        const limitMs = timeLimitMs(s.category, await schemeAt(tx, s.eventAt));
        const notBefore = reviewRequestSendingTime(
          ctx.now.getTime(),
          limitMs === null ? null : s.eventAt + limitMs,
          await reminderSettingsAt(tx, ctx.now.getTime()),
        );
        for (const approver of approversOf(s, people)) {
          messages.push({
            key: `${base}:review-request:${approver.id}`,
            personId: approver.id,
            event: {
              kind: 'review_requested',
              facts: { ...summary, authorName: ctx.actor.name, preview: s.body.slice(0, 200) },
            },
            urgent,
            ...(urgent ? {} : { notBefore }),
          });
        }
        break;
      }
      case 'forwarded':
        toAuthors('submission_forwarded', null);
        break;
      case 'returned':
        toAuthors('submission_returned', event.reason);
        break;
      case 'decided':
        toAuthors(
          event.adopted ? 'submission_adopted' : 'submission_not_adopted',
          s.decision?.comment ?? null,
        );
        break;
      default:
        break;
    }
  }
  // DESIGN §5: when one reviewer decides, the unit's other reviewers learn who did what, so
  // that their pending requests show it. Sent at once: it corrects a message, it adds no work.
  const settled = settledOutcome(before, t);
  if (settled !== null && s.reviewUnitId !== null) {
    const people = await peopleOfUnits(tx, [s.reviewUnitId]);
    for (const approver of approversOf(before, people)) {
      if (approver.id === ctx.actor.personId) continue;
      messages.push({
        key: `${base}:review-settled:${approver.id}`,
        personId: approver.id,
        event: {
          kind: 'review_settled',
          facts: { ...summary, actorName: ctx.actor.name, outcome: settled, at: ctx.now.getTime() },
        },
        urgent,
        notBefore: ctx.now.getTime(),
      });
    }
  }
  return messages;
}

/** How a transition ended a pending unit review, or null when it did not end one. */
function settledOutcome(
  before: Submission,
  t: Transition,
): 'approved' | 'forwarded' | 'returned' | 'withdrawn' | null {
  if (before.state !== 'unit_review') return null;
  const types = t.events.map((e) => e.type);
  if (types.includes('forwarded')) return 'forwarded';
  if (types.includes('approved')) return 'approved';
  if (types.includes('returned')) return 'returned';
  if (types.includes('withdrawn')) return 'withdrawn';
  return null;
}

const OUTCOME_KEY = {
  submission_forwarded: 'approved',
  submission_returned: 'returned',
  submission_adopted: 'adopted',
  submission_not_adopted: 'not_adopted',
} as const;

/**
 * Loads a submission, checks that the actor may see it, applies the domain's command and
 * persists the result, the audit entry and the messages in one transaction.
 */
async function runCommand(
  ctx: ServiceContext,
  id: string,
  action: string,
  build: (before: Submission, units: readonly Unit[], tx: Tx) => Command | Promise<Command>,
): Promise<Submission> {
  const units = await loadUnits(ctx.db);
  const visibility = await visibilityFor(ctx, units);
  return inTransaction(ctx, async (tx) => {
    const before = await loadSubmission(tx, id);
    if (before === null) throw submissionNotFound();
    assertCanSee(visibility, before.unitId);
    const command = await build(before, units, tx);
    const t = unwrap(transition(before, command, actorAsPerson(ctx.actor), ctx.now.getTime()));
    await persistTransition(tx, ctx, before, t, action);
    await enqueuePersonMessages(tx, ctx.now, await messagesFor(tx, ctx, before, t, units));
    return t.submission;
  });
}

/** Changes of content as the API accepts them (times already epoch ms). */
export type ContentChanges = Partial<SubmissionContent>;

async function checkAttachments(
  ctx: ServiceContext,
  id: string,
  changes: ContentChanges | undefined,
) {
  const ids = changes?.attachments;
  if (ids === undefined || ids.length === 0) return;
  const found = await countAttachmentsOf(ctx.db, id, ids);
  if (found !== new Set(ids).size) {
    throw new ServiceError('invalid', 'SUBMISSION.UNKNOWN_ATTACHMENT', '附件不存在或不属于该稿件', {
      path: 'attachments',
    });
  }
}

export function versioned(expectedVersion: number | undefined) {
  return expectedVersion === undefined ? {} : { expectedVersion };
}

/**
 * An edit: a new revision; it cancels a sign-off (DESIGN §3.2). With `coAuthorIds` it also
 * replaces the co-authors, the creator staying first (rules §5.5), in the same transaction.
 */
export async function editSubmission(
  ctx: ServiceContext,
  id: string,
  input: {
    changes: ContentChanges;
    coAuthorIds?: readonly string[] | undefined;
    note?: string | undefined;
    expectedVersion?: number | undefined;
  },
): Promise<Submission> {
  await checkAttachments(ctx, id, input.changes);
  const coAuthorIds = input.coAuthorIds;
  return runCommand(ctx, id, 'submission.edit', async (before, units) => {
    // Only an edit the domain would take is checked for its people: whoever may not edit the
    // item learns nothing about the people named (the transition refuses them first).
    const actor = actorAsPerson(ctx.actor);
    if (
      coAuthorIds !== undefined &&
      AUTHORS_EDITABLE.includes(before.state) &&
      checkPermission(before, 'edit', actor).ok
    ) {
      const unit = units.find((u) => u.id === before.unitId);
      if (unit === undefined)
        throw new ServiceError('not_found', 'UNIT.NOT_FOUND', '稿件单位不存在');
      await checkCoAuthors(ctx.db, units, unit, coAuthorIds, before.authorIds);
    }
    return {
      type: 'edit',
      changes: input.changes,
      ...(coAuthorIds === undefined ? {} : { coAuthorIds }),
      ...(input.note === undefined ? {} : { note: input.note }),
      ...versioned(input.expectedVersion),
    };
  });
}

/** Sends a draft or a returned item to review (its unit's, or the bureau's for a 直报点). */
export function submitSubmission(
  ctx: ServiceContext,
  id: string,
  input: { expectedVersion?: number | undefined } = {},
): Promise<Submission> {
  return runCommand(ctx, id, 'submission.submit', (before, units) => {
    const unit = units.find((u) => u.id === before.unitId);
    return {
      type: 'submit',
      ...(unit === undefined ? {} : { unit }),
      ...versioned(input.expectedVersion),
    };
  });
}

export interface ApproveInput {
  readonly changes?: ContentChanges | undefined;
  readonly noChange?: boolean | undefined;
  readonly comment?: string | undefined;
  readonly forward?: boolean | undefined;
  readonly expectedVersion?: number | undefined;
}

/** A unit approval: with an edit (signed off at once) or an explicit "reviewed, no change". */
export async function approveSubmission(
  ctx: ServiceContext,
  id: string,
  input: ApproveInput,
): Promise<Submission> {
  await checkAttachments(ctx, id, input.changes);
  return runCommand(ctx, id, 'submission.approve', async (before, _units, tx) => {
    // DESIGN §3.2: the review's time runs from this reviewer's latest opening of the revision
    // they approve, as the server recorded it; no time a client states is taken.
    const opened = await latestReviewOpening(tx, id, ctx.actor.personId, before.revision);
    return {
      type: 'approve',
      ...(input.changes === undefined ? {} : { changes: input.changes }),
      ...(input.noChange === undefined ? {} : { noChange: input.noChange }),
      ...(input.comment === undefined ? {} : { comment: input.comment }),
      ...(opened === null ? {} : { openedAt: opened.getTime() }),
      ...(input.forward === undefined ? {} : { forward: input.forward }),
      ...versioned(input.expectedVersion),
    };
  });
}

/**
 * How long after 通过并报送 in chat the reviewer's reply is still taken as that approval's
 * comment (issue 19: an optional comment, such as a reply within 2 minutes).
 */
export const APPROVAL_COMMENT_WINDOW_MS = 2 * 60_000;

/**
 * Attaches a comment to the acting reviewer's own latest approval of an item, within
 * {@link APPROVAL_COMMENT_WINDOW_MS} of it (the bot's optional comment after 通过并报送). The
 * comment then counts for review depth as DESIGN §3.2 says; nothing else of the approval changes.
 */
export async function commentOnApproval(
  ctx: ServiceContext,
  id: string,
  comment: string,
): Promise<{ readonly submissionId: string; readonly comment: string; readonly signedAt: string }> {
  const text = comment.trim();
  const signOff = await latestOwnSignOff(ctx.db, id, ctx.actor.personId);
  if (signOff === null) {
    throw new ServiceError(
      'not_found',
      'SUBMISSION.NO_OWN_APPROVAL',
      '您没有审核通过这篇稿件，不能补充审核意见',
    );
  }
  if (signOff.voidedAt !== null) {
    throw new ServiceError(
      'conflict',
      'SUBMISSION.APPROVAL_VOIDED',
      '稿件在您审核通过后又被修改，这次审核已作废，不能再补充意见',
    );
  }
  if (ctx.now.getTime() - signOff.signedAt.getTime() > APPROVAL_COMMENT_WINDOW_MS) {
    throw new ServiceError(
      'conflict',
      'SUBMISSION.COMMENT_TOO_LATE',
      '审核通过已超过 2 分钟，不能再补充审核意见',
    );
  }
  if (signOff.comment !== null) {
    throw new ServiceError(
      'conflict',
      'SUBMISSION.APPROVAL_HAS_COMMENT',
      `这次审核已有意见“${signOff.comment}”，不能再补充`,
    );
  }
  await inTransaction(ctx, async (tx) => {
    if (!(await setSignOffComment(tx, signOff.id, text))) {
      throw new ServiceError(
        'conflict',
        'SUBMISSION.APPROVAL_HAS_COMMENT',
        '这次审核已有意见，不能再补充',
      );
    }
    await audit(tx, ctx, {
      action: 'submission.approval_comment',
      entity: 'Submission',
      entityId: id,
      unitId: signOff.unitId,
      before: { comment: null },
      after: { comment: text },
    });
  });
  return { submissionId: id, comment: text, signedAt: signOff.signedAt.toISOString() };
}

export function returnSubmission(
  ctx: ServiceContext,
  id: string,
  input: { reason: string; expectedVersion?: number | undefined },
): Promise<Submission> {
  return runCommand(ctx, id, 'submission.return', () => ({
    type: 'return',
    reason: input.reason,
    ...versioned(input.expectedVersion),
  }));
}

export function withdrawSubmission(
  ctx: ServiceContext,
  id: string,
  input: { expectedVersion?: number | undefined } = {},
): Promise<Submission> {
  return runCommand(ctx, id, 'submission.withdraw', () => ({
    type: 'withdraw',
    ...versioned(input.expectedVersion),
  }));
}

export function forwardSubmission(
  ctx: ServiceContext,
  id: string,
  input: { expectedVersion?: number | undefined } = {},
): Promise<Submission> {
  return runCommand(ctx, id, 'submission.forward', () => ({
    type: 'forward',
    ...versioned(input.expectedVersion),
  }));
}

/** The bureau's decision: adopted or not adopted. */
export function decideSubmission(
  ctx: ServiceContext,
  id: string,
  input: { adopted: boolean; comment?: string | undefined; expectedVersion?: number | undefined },
): Promise<Submission> {
  return runCommand(ctx, id, input.adopted ? 'submission.adopt' : 'submission.not_adopt', () => ({
    type: input.adopted ? 'adopt' : 'not_adopt',
    ...(input.comment === undefined ? {} : { comment: input.comment }),
    ...versioned(input.expectedVersion),
  }));
}

/** Sets or clears the quality mark 精品 (DESIGN §3.4). */
export function markQuality(
  ctx: ServiceContext,
  id: string,
  input: { quality: boolean; expectedVersion?: number | undefined },
): Promise<Submission> {
  return runCommand(ctx, id, 'submission.mark_quality', () => ({
    type: 'mark_quality',
    quality: input.quality,
    ...versioned(input.expectedVersion),
  }));
}
