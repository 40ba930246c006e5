import { randomUUID } from 'node:crypto';
import type { Prisma } from '@jyxc/db';
import {
  DAY_MS,
  allowedCommands,
  approversOf,
  holdsRole,
  isBureauStaff,
  isLate,
  isUnitReviewStaff,
  itemScore,
  lateness,
  likelyDuplicates,
  parsePeriodKey,
  periodRange,
  revisionDiff,
  transition,
  visibilityOf,
  type Category,
  type ContentField,
  type ItemScore,
  type ScoreLine,
  type Submission,
  type SubmissionCommand,
  type SubmissionContent,
  type SubmissionSource,
  type SubmissionState,
  type Transition,
  type Unit,
  type Visibility,
} from '@jyxc/domain';
import { JsonText } from '../../cache/json-text.js';
import { ReadCache } from '../../cache/read-cache.js';
import { unwrap } from '../../shared/domain-result.js';
import { ServiceError } from '../../shared/errors.js';
import type { ServiceContext, Tx } from '../../shared/context.js';
import { actorAsPerson } from '../../shared/actor.js';
import { peopleById, peopleOfUnits } from '../people/service.js';
import {
  assertCanSee,
  loadUnits,
  unitFilter,
  viewerScopeKey,
  visibilityFor,
} from '../organisation/service.js';
import { loadAdoptionsCrediting } from '../adoptions/repository.js';
import { eventData, loadSubmission, persistTransition, type Reader } from './repository.js';
import { schemeAt, schemeCache } from '../schemes/service.js';
import { enqueuePersonMessages, type PersonMessage } from '../outbox/service.js';
import { isoOrNull } from '../../shared/times.js';
import { cleanFilename, inspectImage, type Upload } from '../../shared/images.js';

export { MAX_IMAGE_BYTES, type Upload } from '../../shared/images.js';
import { isUniqueViolation } from '../../shared/db.js';

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
  const row = await ctx.db.submission.findUnique({
    where: { idempotencyKey: key },
    select: { id: true, createdById: true },
  });
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
): Promise<{ submission: Submission; created: boolean }> {
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
  if (coAuthorIds.length > 0) {
    const visibility = await visibilityFor(ctx, units);
    const found = await ctx.db.person.findMany({
      where: { id: { in: coAuthorIds }, active: true },
      select: { id: true, unitId: true },
    });
    const ok = coAuthorIds.every((id) => {
      const p = found.find((f) => f.id === id);
      return p !== undefined && (visibility.scope === 'all' || visibility.unitIds.has(p.unitId));
    });
    if (!ok) {
      throw new ServiceError('invalid', 'SUBMISSION.UNKNOWN_AUTHOR', '合作作者不存在或不在本单位', {
        path: 'coAuthorIds',
      });
    }
  }
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
  try {
    await ctx.db.$transaction((tx) =>
      persistTransition(tx, ctx, null, t, 'submission.create', {
        idempotencyKey: key,
        sourceChatId: input.sourceChatId,
        sourceMessageId: input.sourceMessageId,
      }),
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

function unitName(units: readonly Unit[], id: string | null): string {
  return units.find((u) => u.id === id)?.name ?? '';
}

/** Messages of DESIGN §5/§3.8 that a transition calls for, to its reviewers or its authors. */
async function messagesFor(
  tx: Tx,
  ctx: ServiceContext,
  t: Transition,
  units: readonly Unit[],
): Promise<PersonMessage[]> {
  const s = t.submission;
  const base = `submission:${s.id}:v${s.version}`;
  const urgent = s.category === 'major';
  const summary = {
    submissionId: s.id,
    title: s.title,
    category: s.category,
    unitId: s.unitId,
    unitName: unitName(units, s.unitId),
  };
  const messages: PersonMessage[] = [];
  const toAuthors = (
    result: 'approved' | 'returned' | 'adopted' | 'not_adopted',
    reason: string | null,
    defaultMessage: string,
  ) => {
    for (const authorId of s.authorIds) {
      messages.push({
        key: `${base}:${result}:${authorId}`,
        personId: authorId,
        template: 'review_result',
        params: { ...summary, result, reason, reviewerName: ctx.actor.name, defaultMessage },
        urgent,
      });
    }
  };
  for (const event of t.events) {
    switch (event.type) {
      case 'submitted': {
        if (event.to !== 'unit_review' || s.reviewUnitId === null) break;
        const people = await peopleOfUnits(tx, [s.reviewUnitId]);
        for (const approver of approversOf(s, people)) {
          messages.push({
            key: `${base}:review-request:${approver.id}`,
            personId: approver.id,
            template: 'review_request',
            params: {
              ...summary,
              authorName: ctx.actor.name,
              preview: s.body.slice(0, 200),
              eventAt: isoOrNull(s.eventAt),
              defaultMessage: `【待审核】${summary.unitName}的稿件《${s.title}》已提交，等待您审核。`,
            },
            urgent,
          });
        }
        break;
      }
      case 'forwarded':
        toAuthors('approved', null, `您的稿件《${s.title}》已通过单位审核，已报送县教体局。`);
        break;
      case 'returned':
        toAuthors('returned', event.reason, `您的稿件《${s.title}》被退回，原因：${event.reason}`);
        break;
      case 'decided':
        toAuthors(
          event.adopted ? 'adopted' : 'not_adopted',
          s.decision?.comment ?? null,
          event.adopted
            ? `您的稿件《${s.title}》已被县教体局采用。`
            : `您的稿件《${s.title}》本次未被采用。`,
        );
        break;
      default:
        break;
    }
  }
  return messages;
}

/**
 * Loads a submission, checks that the actor may see it, applies the domain's command and
 * persists the result, the audit entry and the messages in one transaction.
 */
async function runCommand(
  ctx: ServiceContext,
  id: string,
  action: string,
  build: (before: Submission, units: readonly Unit[]) => Command,
): Promise<Submission> {
  const units = await loadUnits(ctx.db);
  const visibility = await visibilityFor(ctx, units);
  return ctx.db.$transaction(async (tx) => {
    const before = await loadSubmission(tx, id);
    if (before === null) throw submissionNotFound();
    assertCanSee(visibility, before.unitId);
    const t = unwrap(
      transition(before, build(before, units), actorAsPerson(ctx.actor), ctx.now.getTime()),
    );
    await persistTransition(tx, ctx, before, t, action);
    await enqueuePersonMessages(tx, ctx.now, await messagesFor(tx, ctx, t, units));
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
  const found = await ctx.db.attachment.count({
    where: { id: { in: [...ids] }, submissionId: id },
  });
  if (found !== new Set(ids).size) {
    throw new ServiceError('invalid', 'SUBMISSION.UNKNOWN_ATTACHMENT', '附件不存在或不属于该稿件', {
      path: 'attachments',
    });
  }
}

function versioned(expectedVersion: number | undefined) {
  return expectedVersion === undefined ? {} : { expectedVersion };
}

/** An edit: a new revision; it cancels a sign-off (DESIGN §3.2). */
export async function editSubmission(
  ctx: ServiceContext,
  id: string,
  input: {
    changes: ContentChanges;
    note?: string | undefined;
    expectedVersion?: number | undefined;
  },
): Promise<Submission> {
  await checkAttachments(ctx, id, input.changes);
  return runCommand(ctx, id, 'submission.edit', () => ({
    type: 'edit',
    changes: input.changes,
    ...(input.note === undefined ? {} : { note: input.note }),
    ...versioned(input.expectedVersion),
  }));
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
  /** When the reviewer opened the item (epoch ms), to measure the review's duration. */
  readonly openedAt?: number | undefined;
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
  return runCommand(ctx, id, 'submission.approve', () => ({
    type: 'approve',
    ...(input.changes === undefined ? {} : { changes: input.changes }),
    ...(input.noChange === undefined ? {} : { noChange: input.noChange }),
    ...(input.comment === undefined ? {} : { comment: input.comment }),
    ...(input.openedAt === undefined ? {} : { openedAt: input.openedAt }),
    ...(input.forward === undefined ? {} : { forward: input.forward }),
    ...versioned(input.expectedVersion),
  }));
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

// ---------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------

async function namesOf(db: Reader, ids: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(ids)].filter((id) => id !== '');
  const rows = await db.person.findMany({
    where: { id: { in: unique } },
    select: { id: true, name: true },
  });
  return new Map(rows.map((r) => [r.id, r.name]));
}

const personRef = (names: ReadonlyMap<string, string>, id: string | null) =>
  id === null ? null : { id, name: names.get(id) ?? '' };

/** A submission the actor may see, or 404 / 403. */
export async function visibleSubmission(
  ctx: ServiceContext,
  id: string,
): Promise<{ submission: Submission; units: Unit[] }> {
  const units = await loadUnits(ctx.db);
  const visibility = await visibilityFor(ctx, units);
  const submission = await loadSubmission(ctx.db, id);
  if (submission === null) throw submissionNotFound();
  assertCanSee(visibility, submission.unitId);
  return { submission, units };
}

function unitRef(units: readonly Unit[], id: string | null) {
  if (id === null) return null;
  const unit = units.find((u) => u.id === id);
  return { id, name: unit?.name ?? '', kind: unit?.kind ?? null };
}

/** Everything the console's detail page shows of one submission. */
export async function submissionDetail(ctx: ServiceContext, id: string) {
  const { submission: s, units } = await visibleSubmission(ctx, id);
  const scheme = await schemeAt(ctx.db, s.submittedToBureauAt ?? s.createdAt);
  const [events, signOffRows, attachmentRows, adoptions, neighbours] = await Promise.all([
    ctx.db.submissionEvent.findMany({
      where: { submissionId: id },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
    }),
    ctx.db.signOff.findMany({
      where: { submissionId: id },
      orderBy: [{ signedAt: 'asc' }, { id: 'asc' }],
    }),
    ctx.db.attachment.findMany({
      where: { submissionId: id },
      select: { id: true, filename: true, mime: true, size: true, createdAt: true },
    }),
    loadAdoptionsCrediting(ctx.db, [id]),
    ctx.db.submission.findMany({
      where: {
        unitId: s.unitId,
        id: { not: id },
        createdAt: {
          gte: new Date(s.createdAt - scheme.duplicates.windowDays * DAY_MS),
          lte: new Date(s.createdAt + scheme.duplicates.windowDays * DAY_MS),
        },
      },
      select: { id: true, unitId: true, title: true, createdAt: true },
    }),
  ]);
  const names = await namesOf(ctx.db, [
    ...s.authorIds,
    ...events.map((e) => e.actorId ?? ''),
    ...signOffRows.map((r) => r.reviewerId),
    s.decision?.by ?? '',
    s.qualityMark?.by ?? '',
  ]);
  const attachmentOrder = new Map(s.attachments.map((a, i) => [a, i]));
  const late = lateness(s, scheme);
  return {
    id: s.id,
    title: s.title,
    body: s.body,
    category: s.category,
    topics: s.topics,
    eventAt: isoOrNull(s.eventAt),
    attachments: attachmentRows
      .filter((a) => attachmentOrder.has(a.id))
      .sort((a, b) => (attachmentOrder.get(a.id) ?? 0) - (attachmentOrder.get(b.id) ?? 0))
      .map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
    state: s.state,
    version: s.version,
    revision: s.revision,
    source: s.source,
    unit: unitRef(units, s.unitId),
    reviewUnit: unitRef(units, s.reviewUnitId),
    authors: s.authorIds.map((a) => personRef(names, a)),
    createdAt: isoOrNull(s.createdAt),
    updatedAt: isoOrNull(s.updatedAt),
    submittedAt: isoOrNull(s.submittedAt),
    submittedToBureauAt: isoOrNull(s.submittedToBureauAt),
    withdrawnAt: isoOrNull(s.withdrawnAt),
    returnedReason: s.returnedReason,
    decision:
      s.decision === null
        ? null
        : {
            by: personRef(names, s.decision.by),
            at: isoOrNull(s.decision.at),
            adopted: s.decision.adopted,
            comment: s.decision.comment,
          },
    qualityMark:
      s.qualityMark === null
        ? null
        : { by: personRef(names, s.qualityMark.by), at: isoOrNull(s.qualityMark.at) },
    timeline: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      at: e.at.toISOString(),
      actor: personRef(names, e.actorId),
      via: e.actorKind,
      data: eventData(e.data),
    })),
    // DESIGN §3.2: a sign-off is bound to one revision; a later edit voids it.
    signOffs: signOffRows.map((r) => ({
      id: r.id,
      revision: r.revisionNumber,
      reviewer: personRef(names, r.reviewerId),
      unitId: r.unitId,
      at: r.signedAt.toISOString(),
      kind: r.kind,
      edited: r.kind === 'edited',
      comment: r.comment,
      durationSeconds: Math.round((r.signedAt.getTime() - r.reviewStartedAt.getTime()) / 1000),
      voided: r.voidedAt !== null,
      voidedAt: r.voidedAt?.toISOString() ?? null,
    })),
    signedOffRevision: s.signOff?.revision ?? null,
    allowedCommands: allowedCommands(s, actorAsPerson(ctx.actor)),
    duplicates: likelyDuplicates(
      { id: s.id, unitId: s.unitId, title: s.title, createdAt: s.createdAt },
      neighbours.map((n) => ({
        id: n.id,
        unitId: n.unitId,
        title: n.title,
        createdAt: n.createdAt.getTime(),
      })),
      scheme,
    ),
    lateness: late,
    score: s.submittedToBureauAt === null ? null : scoreView(itemScore(s, adoptions, scheme)),
  };
}

/** A score line with its date as an ISO time, as every time in the API's JSON. */
export function scoreLineView(line: ScoreLine) {
  return { ...line, at: new Date(line.at).toISOString() };
}

/** An item's score explained line by line (DESIGN §3.4), for the console and the bot. */
export function scoreView(score: ItemScore) {
  return { ...score, lines: score.lines.map(scoreLineView) };
}

/** The revisions of a submission, oldest first, with who made each and what it changed. */
export async function submissionRevisions(ctx: ServiceContext, id: string) {
  const { submission: s } = await visibleSubmission(ctx, id);
  const names = await namesOf(
    ctx.db,
    s.revisions.map((r) => r.authorId),
  );
  return s.revisions.map((r) => ({
    number: r.number,
    author: personRef(names, r.authorId),
    at: isoOrNull(r.at),
    note: r.note,
    changedFields: r.changedFields,
    current: r.number === s.revision,
    content: { ...r.content, eventAt: isoOrNull(r.content.eventAt) },
  }));
}

/** The domain's structured diff between two revisions, with who made the later one. */
export async function submissionDiff(ctx: ServiceContext, id: string, from: number, to: number) {
  const { submission: s } = await visibleSubmission(ctx, id);
  const changes = unwrap(revisionDiff(s, from, to));
  const editors = s.revisions.filter(
    (r) => r.number > Math.min(from, to) && r.number <= Math.max(from, to),
  );
  const names = await namesOf(
    ctx.db,
    editors.map((r) => r.authorId),
  );
  return {
    from,
    to,
    changes,
    revisions: editors.map((r) => ({
      number: r.number,
      author: personRef(names, r.authorId),
      at: isoOrNull(r.at),
      note: r.note,
      changedFields: r.changedFields satisfies readonly ContentField[],
    })),
  };
}

/**
 * What the actor may see: everything for bureau staff, otherwise the domain's rule over the
 * county's units (kept between requests until the next write).
 */
async function actorVisibility(ctx: ServiceContext): Promise<Visibility> {
  const person = actorAsPerson(ctx.actor);
  if (isBureauStaff(person)) return visibilityOf(person, []);
  return visibilityOf(person, await loadUnits(ctx.db));
}

export interface ListFilters {
  readonly unitId?: string | undefined;
  readonly state?: SubmissionState | undefined;
  readonly category?: Category | undefined;
  readonly period?: string | undefined;
  readonly late?: boolean | undefined;
  readonly q?: string | undefined;
  readonly mine?: boolean | undefined;
  readonly pendingMyReview?: boolean | undefined;
  readonly page: number;
  readonly pageSize: number;
}

/**
 * Pages of the list as JSON, kept until the next write (the list is the busiest read of the
 * console and the bot). A page depends on nothing of the clock: lateness is decided by the
 * dates stored with each item and the year's scheme, which only a write changes.
 */
const submissionPages = new ReadCache<JsonText<SubmissionPage>>('submission pages', {
  maxEntries: 5_000,
  maxBytes: 64 * 2 ** 20,
  sizeOf: (page) => page.size,
});

/**
 * Everything of the actor a page depends on: `mine` and `pending=me` name the person (and
 * their unit and roles decide which review queue is theirs); otherwise what they may see.
 */
function viewerKey(ctx: ServiceContext, filters: ListFilters): string {
  if (filters.mine === true || filters.pendingMyReview === true) {
    const me = actorAsPerson(ctx.actor);
    return `person:${me.id}:${me.unitId}:${[...me.roles].sort().join(',')}`;
  }
  return viewerScopeKey(ctx);
}

function listKey(ctx: ServiceContext, f: ListFilters): string {
  return JSON.stringify([
    viewerKey(ctx, f),
    f.unitId ?? null,
    f.state ?? null,
    f.category ?? null,
    f.period ?? null,
    f.late ?? null,
    f.q?.trim() || null,
    f.mine === true,
    f.pendingMyReview === true,
    f.page,
    f.pageSize,
  ]);
}

/** {@link listSubmissions} as JSON, from the kept pages when nothing changed since. */
export function submissionPage(
  ctx: ServiceContext,
  filters: ListFilters,
): Promise<JsonText<SubmissionPage>> {
  return submissionPages.read(ctx.db, listKey(ctx, filters), ctx.now.getTime(), async () => ({
    value: JsonText.of(await listSubmissions(ctx, filters)),
  }));
}

export type SubmissionPage = Awaited<ReturnType<typeof listSubmissions>>;

/** The submissions the actor may see, filtered, newest first, one page. */
export async function listSubmissions(ctx: ServiceContext, filters: ListFilters) {
  const visibility = await actorVisibility(ctx);
  const me = actorAsPerson(ctx.actor);
  const and: Prisma.SubmissionWhereInput[] = [unitFilter(visibility)];
  if (filters.unitId !== undefined) {
    assertCanSee(visibility, filters.unitId);
    and.push({ unitId: filters.unitId });
  }
  if (filters.state !== undefined) and.push({ state: filters.state });
  if (filters.category !== undefined) and.push({ category: filters.category });
  if (filters.period !== undefined) {
    const period = unwrap(parsePeriodKey(filters.period));
    const range = periodRange(period.year, period.kind);
    const within = { gte: new Date(range.start), lt: new Date(range.end) };
    // DESIGN §3.4: an item belongs to the period in which it reached bureau review; items
    // that have not reached it yet are listed by their creation date.
    and.push({
      OR: [{ submittedToBureauAt: within }, { submittedToBureauAt: null, createdAt: within }],
    });
  }
  if (filters.q !== undefined && filters.q.trim() !== '') {
    const q = filters.q.trim();
    and.push({ OR: [{ title: { contains: q } }, { body: { contains: q } }] });
  }
  if (filters.mine === true) and.push({ authors: { some: { personId: me.id } } });
  if (filters.pendingMyReview === true) {
    const branches: Prisma.SubmissionWhereInput[] = [];
    if (isUnitReviewStaff(me, { reviewUnitId: me.unitId })) {
      branches.push({
        state: 'unit_review',
        reviewUnitId: me.unitId,
        authors: { none: { personId: me.id } },
      });
    }
    if (holdsRole(me, 'reviewer')) branches.push({ state: 'bureau_review' });
    and.push(branches.length === 0 ? { id: { in: [] } } : { OR: branches });
  }
  const where: Prisma.SubmissionWhereInput = { AND: and };
  const orderBy: Prisma.SubmissionOrderByWithRelationInput[] = [
    { createdAt: 'desc' },
    { id: 'desc' },
  ];
  const skip = (filters.page - 1) * filters.pageSize;
  const schemeOf = schemeCache(ctx.db);

  let total: number | null = null;
  let ids: string[] | null = null;
  if (filters.late !== undefined) {
    // DESIGN §3.3: lateness depends on the category's limit in the year's scheme, so the
    // domain decides it item by item.
    const slim = await ctx.db.submission.findMany({
      where,
      orderBy,
      select: { id: true, category: true, eventAt: true, submittedToBureauAt: true },
    });
    const kept: string[] = [];
    for (const row of slim) {
      const item = {
        category: row.category,
        eventAt: row.eventAt.getTime(),
        submittedToBureauAt: row.submittedToBureauAt?.getTime() ?? null,
      };
      const late =
        item.submittedToBureauAt !== null && isLate(item, await schemeOf(item.submittedToBureauAt));
      if (late === filters.late) kept.push(row.id);
    }
    total = kept.length;
    ids = kept.slice(skip, skip + filters.pageSize);
  }
  // Unit and author names come from the county's units and people, kept between requests:
  // one query for the rows and one for their bylines instead of four.
  const [rows, units, people] = await Promise.all([
    ctx.db.submission.findMany({
      where: ids === null ? where : { id: { in: ids } },
      orderBy,
      ...(ids === null ? { skip, take: filters.pageSize } : {}),
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
        authors: { orderBy: { position: 'asc' }, select: { personId: true } },
      },
    }),
    unitsById(ctx),
    peopleById(ctx.db),
  ]);
  // A page that is not full is the last one (or the first and only), so it tells the total
  // without counting: short lists (my items, my queue, a narrow filter) need no count query.
  if (total === null) {
    total =
      rows.length < filters.pageSize && (rows.length > 0 || skip === 0)
        ? skip + rows.length
        : await ctx.db.submission.count({ where });
  }
  const names = await rowNames(ctx, rows, units, people);
  const items = [];
  for (const row of rows) {
    const timed = {
      category: row.category,
      eventAt: row.eventAt.getTime(),
      submittedToBureauAt: row.submittedToBureauAt?.getTime() ?? null,
    };
    const scheme = await schemeOf(timed.submittedToBureauAt ?? row.createdAt.getTime());
    const unit = names.units.get(row.unitId);
    items.push({
      id: row.id,
      title: row.title,
      category: row.category,
      state: row.state,
      unit: { id: row.unitId, name: unit?.name ?? '', kind: unit?.kind ?? 'school' },
      reviewUnitId: row.reviewUnitId,
      authors: row.authors.map((a) => ({
        id: a.personId,
        name: names.people.get(a.personId)?.name ?? '',
      })),
      eventAt: row.eventAt.toISOString(),
      createdAt: row.createdAt.toISOString(),
      submittedAt: row.submittedAt?.toISOString() ?? null,
      submittedToBureauAt: row.submittedToBureauAt?.toISOString() ?? null,
      version: row.version,
      source: row.source,
      quality: row.qualityMark,
      late: isLate(timed, scheme),
    });
  }
  return { items, total, page: filters.page, pageSize: filters.pageSize };
}

async function unitsById(ctx: ServiceContext): Promise<ReadonlyMap<string, Unit>> {
  return new Map((await loadUnits(ctx.db)).map((u) => [u.id, u]));
}

type Named = { readonly name: string };

/**
 * The names of the rows' units and authors. A unit or a person added between the read of
 * the kept lists and the read of the rows is not in them yet: those few are read directly.
 */
async function rowNames(
  ctx: ServiceContext,
  rows: readonly { readonly unitId: string; readonly authors: readonly { personId: string }[] }[],
  units: ReadonlyMap<string, Named & { readonly kind: Unit['kind'] }>,
  people: ReadonlyMap<string, Named>,
) {
  const unknownUnits = [...new Set(rows.map((r) => r.unitId))].filter((id) => !units.has(id));
  const unknownPeople = [...new Set(rows.flatMap((r) => r.authors.map((a) => a.personId)))].filter(
    (id) => !people.has(id),
  );
  if (unknownUnits.length === 0 && unknownPeople.length === 0) return { units, people };
  const [moreUnits, morePeople] = await Promise.all([
    ctx.db.unit.findMany({
      where: { id: { in: unknownUnits } },
      select: { id: true, name: true, kind: true },
    }),
    ctx.db.person.findMany({
      where: { id: { in: unknownPeople } },
      select: { id: true, name: true },
    }),
  ]);
  return {
    units: new Map([...units, ...moreUnits.map((u) => [u.id, u] as const)]),
    people: new Map([...people, ...morePeople.map((p) => [p.id, p] as const)]),
  };
}

// ---------------------------------------------------------------------------
// Attachments
// ---------------------------------------------------------------------------

/**
 * Attaches an image to a submission: stored once per item (the same bytes twice give the
 * same attachment), and added to the content as an edit — a new revision — when it is new to
 * the item, so the domain decides who may do it and a sign-off is voided as for any edit.
 */
export async function uploadAttachment(
  ctx: ServiceContext,
  id: string,
  upload: Upload,
  expectedVersion?: number,
): Promise<{
  attachment: { id: string; filename: string; mime: string; size: number };
  submission: Submission;
  created: boolean;
}> {
  const { mime, sha256 } = inspectImage(upload);
  const visibility = await actorVisibility(ctx);
  return ctx.db.$transaction(async (tx) => {
    const before = await loadSubmission(tx, id);
    if (before === null) throw submissionNotFound();
    assertCanSee(visibility, before.unitId);
    const existing = await tx.attachment.findFirst({
      where: { submissionId: id, sha256 },
      select: { id: true, filename: true, mime: true, size: true },
    });
    if (existing !== null && before.attachments.includes(existing.id)) {
      return { attachment: existing, submission: before, created: false };
    }
    const attachment =
      existing ??
      (await tx.attachment.create({
        data: {
          submissionId: id,
          filename: cleanFilename(upload.filename),
          mime,
          size: upload.bytes.byteLength,
          sha256,
          bytes: upload.bytes,
          createdById: ctx.actor.personId,
          createdAt: ctx.now,
        },
        select: { id: true, filename: true, mime: true, size: true },
      }));
    const t = unwrap(
      transition(
        before,
        {
          type: 'edit',
          changes: { attachments: [...before.attachments, attachment.id] },
          note: `上传图片 ${attachment.filename}`,
          ...versioned(expectedVersion),
        },
        actorAsPerson(ctx.actor),
        ctx.now.getTime(),
      ),
    );
    await persistTransition(tx, ctx, before, t, 'submission.attach');
    return { attachment, submission: t.submission, created: existing === null };
  });
}

/** The bytes of an attachment of a submission the actor may see. */
export async function readAttachment(ctx: ServiceContext, id: string, attachmentId: string) {
  const visibility = await actorVisibility(ctx);
  const row = await ctx.db.attachment.findFirst({
    where: { id: attachmentId, submissionId: id },
    include: { submission: { select: { unitId: true } } },
  });
  if (row === null || row.submission === null) {
    throw new ServiceError('not_found', 'ATTACHMENT.NOT_FOUND', '附件不存在');
  }
  assertCanSee(visibility, row.submission.unitId);
  return { filename: row.filename, mime: row.mime, sha256: row.sha256, bytes: row.bytes };
}
