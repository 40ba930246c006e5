import { randomUUID } from 'node:crypto';
import type { Db } from '@jyxc/db';
import {
  bulletinTitle,
  canSeeUnit,
  CATEGORIES,
  createDraftBulletin,
  fileAppeal as fileAppealRule,
  isAppealWindowOpen,
  periodKey,
  publishBulletin as publishRule,
  resolveAppeal as resolveAppealRule,
  toShanghaiTime,
  type Appeal,
  type Bulletin,
  type BulletinSnapshot,
  type Evaluation,
  type Period,
} from '@jyxc/domain';
import { z } from 'zod';
import { unwrap } from '../../shared/domain-result.js';
import { ServiceError } from '../../shared/errors.js';
import { audit } from '../../shared/audit.js';
import type { ServiceContext } from '../../shared/context.js';
import { evaluatePeriod, evaluationTotals, presentEvaluation } from '../evaluation/service.js';
import { actorAsPerson, requireRole } from '../../shared/actor.js';
import { loadScheme } from '../schemes/service.js';
import { loadUnits, visibilityFor } from '../organisation/service.js';
import { isoOrNull } from '../../shared/times.js';
import { bulletinDocument, type BulletinDocument } from './document.js';

// ---------------------------------------------------------------------------------------------
// The frozen snapshot, read back from its JSON column
// ---------------------------------------------------------------------------------------------

const levels = z.object({
  bureau: z.number(),
  county: z.number(),
  city: z.number(),
  province: z.number(),
  national: z.number(),
});
const unitSchema = z.object({
  unitId: z.string(),
  name: z.string(),
  kind: z.enum(['township_center', 'direct_unit']),
  submitted: z.number(),
  adopted: z.number(),
  adoptedByLevel: levels,
  late: z.number(),
  returned: z.number(),
  categories: z.object(
    Object.fromEntries(CATEGORIES.map((c) => [c, z.number()])) as Record<
      (typeof CATEGORIES)[number],
      z.ZodNumber
    >,
  ),
  approvals: z.number(),
  reviewDepth: z.number().nullable(),
  rubberStamped: z.number(),
  lateMajors: z.number(),
  unreportedMajors: z.number(),
  score: z.number(),
  breakdown: z.object({
    reachedBureau: z.number(),
    adoptions: z.number(),
    quality: z.number(),
    instructions: z.number(),
    adjustments: z.number(),
    penalties: z.number(),
  }),
  quota: z.object({
    target: z.object({ submitted: z.number(), adopted: z.number() }),
    submitted: z.number(),
    adopted: z.number(),
    completion: z.number(),
    met: z.boolean(),
  }),
  averageSubmittedAt: z.number().nullable(),
  incidents: z.number(),
  incidentOnTimeRate: z.number().nullable(),
  status: z.enum(['commended', 'criticised', 'disqualified', 'ok']),
  reasons: z.array(
    z.object({
      code: z.enum([
        'ZERO_SUBMISSIONS',
        'UNREPORTED_MAJOR',
        'QUOTA_NOT_MET',
        'TOP_N',
        'NOT_IN_TOP_N',
        'SCORE_NOT_POSITIVE',
      ]),
      message: z.string(),
    }),
  ),
  rank: z.number().nullable(),
  writers: z.array(
    z.object({
      unitId: z.string(),
      name: z.string(),
      submitted: z.number(),
      adopted: z.number(),
      itemPoints: z.number(),
    }),
  ),
});
const snapshotSchema = z.object({
  schemeVersion: z.number(),
  takenAt: z.number(),
  evaluation: z.object({
    period: z.object({ year: z.number(), kind: z.enum(['H1', 'H2', 'Y']) }),
    range: z.object({ start: z.number(), end: z.number() }),
    schemeYear: z.number(),
    schemeVersion: z.number(),
    units: z.array(unitSchema),
    officers: z.array(
      z.object({
        personId: z.string(),
        name: z.string(),
        unitId: z.string().nullable(),
        items: z.number(),
        adopted: z.number(),
        adoptedByLevel: levels,
        score: z.number(),
        rank: z.number(),
        commended: z.boolean(),
      }),
    ),
  }),
});

function parseSnapshot(text: string): BulletinSnapshot {
  const snapshot: BulletinSnapshot = snapshotSchema.parse(JSON.parse(text));
  return snapshot;
}

/**
 * Published snapshots never change (DESIGN §3.5), so each is parsed once per database and kept.
 * Keyed by the database so that two apps over two databases never share entries.
 */
const snapshots = new WeakMap<Db, Map<string, BulletinSnapshot>>();
const SNAPSHOT_CACHE_LIMIT = 64;

function cachedSnapshot(db: Db, id: string, text: string): BulletinSnapshot {
  let cache = snapshots.get(db);
  if (cache === undefined) {
    cache = new Map();
    snapshots.set(db, cache);
  }
  const hit = cache.get(id);
  if (hit !== undefined) return hit;
  const parsed = parseSnapshot(text);
  if (cache.size >= SNAPSHOT_CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  cache.set(id, parsed);
  return parsed;
}

// ---------------------------------------------------------------------------------------------
// Rows ↔ the domain's bulletin
// ---------------------------------------------------------------------------------------------

const bulletinSelect = {
  id: true,
  year: true,
  period: true,
  status: true,
  appealDeadline: true,
  generatedAt: true,
  publishedAt: true,
  publishedById: true,
  schemeVersion: true,
  snapshot: true,
  publishedBy: { select: { id: true, name: true } },
  appeals: {
    orderBy: { createdAt: 'asc' as const },
    select: {
      id: true,
      unitId: true,
      personId: true,
      text: true,
      status: true,
      response: true,
      respondedById: true,
      respondedAt: true,
      createdAt: true,
      unit: { select: { name: true } },
      person: { select: { name: true } },
      respondedBy: { select: { name: true } },
    },
  },
};

async function loadBulletinRow(db: Db, id: string) {
  const row = await db.bulletin.findUnique({ where: { id }, select: bulletinSelect });
  if (row === null) throw new ServiceError('not_found', 'BULLETIN.NOT_FOUND', '没有这份通报');
  return row;
}
type BulletinRow = Awaited<ReturnType<typeof loadBulletinRow>>;

function toDomainAppeal(a: BulletinRow['appeals'][number]): Appeal {
  return {
    id: a.id,
    unitId: a.unitId,
    byPersonId: a.personId,
    reason: a.text,
    at: a.createdAt.getTime(),
    status: a.status === 'open' ? 'pending' : a.status,
    response: a.response,
    resolvedBy: a.respondedById,
    resolvedAt: a.respondedAt === null ? null : a.respondedAt.getTime(),
  };
}

/** The domain's bulletin of a row; a row read without its snapshot gives a bulletin without one. */
function toDomainBulletin(
  db: Db,
  row: Omit<BulletinRow, 'snapshot'> & { readonly snapshot?: string | null },
): Bulletin {
  const period: Period = { year: row.year, kind: row.period };
  return {
    id: row.id,
    period,
    title: bulletinTitle(period),
    status: row.status,
    createdAt: row.generatedAt.getTime(),
    appealDeadline: (row.appealDeadline ?? row.generatedAt).getTime(),
    appeals: row.appeals.map(toDomainAppeal),
    publishedAt: row.publishedAt === null ? null : row.publishedAt.getTime(),
    publishedBy: row.publishedById,
    snapshot:
      row.status === 'published' && row.snapshot != null
        ? cachedSnapshot(db, row.id, row.snapshot)
        : null,
  };
}

/**
 * The evaluation a bulletin shows: a draft's is recomputed from the current data and scheme
 * on every read, a published one's is its frozen snapshot (DESIGN §3.5).
 */
async function bulletinEvaluation(ctx: ServiceContext, bulletin: Bulletin): Promise<Evaluation> {
  if (bulletin.snapshot !== null) return bulletin.snapshot.evaluation;
  return (await evaluatePeriod(ctx.db, bulletin.period, ctx.now)).evaluation;
}

function presentAppeal(a: BulletinRow['appeals'][number]) {
  return {
    id: a.id,
    unitId: a.unitId,
    unitName: a.unit.name,
    by: { id: a.personId, name: a.person.name },
    reason: a.text,
    status: a.status === 'open' ? ('pending' as const) : a.status,
    response: a.response,
    respondedBy:
      a.respondedById === null ? null : { id: a.respondedById, name: a.respondedBy?.name ?? '' },
    respondedAt: isoOrNull(a.respondedAt),
    createdAt: a.createdAt.toISOString(),
  };
}

function summaryOf(row: Omit<BulletinRow, 'snapshot'>, bulletin: Bulletin, now: Date) {
  return {
    id: row.id,
    period: periodKey(bulletin.period),
    year: row.year,
    kind: row.period,
    title: bulletin.title,
    status: row.status,
    generatedAt: row.generatedAt.toISOString(),
    appealDeadline: new Date(bulletin.appealDeadline).toISOString(),
    appealWindowOpen: isAppealWindowOpen(bulletin, now.getTime()),
    pendingAppeals: bulletin.appeals.filter((a) => a.status === 'pending').length,
    publishedAt: isoOrNull(row.publishedAt),
    publishedBy: row.publishedBy,
    schemeVersion: row.schemeVersion,
  };
}

// ---------------------------------------------------------------------------------------------
// Use cases
// ---------------------------------------------------------------------------------------------

const DRAFTERS = ['admin', 'reviewer'] as const;

/** POST /bulletins: opens the draft of a period, its appeal window starting now. */
export async function createBulletin(ctx: ServiceContext, period: Period) {
  requireRole(ctx, DRAFTERS, '只有系统管理员或宣传股审核员可以生成通报');
  const scheme = await loadScheme(ctx.db, period.year);
  const draft = createDraftBulletin({ id: randomUUID(), period }, scheme, ctx.now.getTime());
  const id = await ctx.db.$transaction(async (tx) => {
    const existing = await tx.bulletin.findUnique({
      where: { year_period: { year: period.year, period: period.kind } },
      select: { id: true, status: true },
    });
    if (existing !== null) {
      throw new ServiceError(
        'conflict',
        'BULLETIN.EXISTS',
        existing.status === 'published'
          ? `${bulletinTitle(period)}已发布`
          : `${bulletinTitle(period)}的征求意见稿已生成，请直接查看`,
        { bulletinId: existing.id, status: existing.status },
      );
    }
    const created = await tx.bulletin.create({
      data: {
        id: draft.id,
        year: period.year,
        period: period.kind,
        status: 'draft',
        generatedAt: ctx.now,
        appealDeadline: new Date(draft.appealDeadline),
      },
      select: { id: true },
    });
    await audit(tx, ctx, {
      action: 'bulletin.create',
      entity: 'Bulletin',
      entityId: created.id,
      unitId: null,
      after: {
        period: periodKey(period),
        appealDeadline: new Date(draft.appealDeadline).toISOString(),
      },
    });
    return created.id;
  });
  return getBulletin(ctx, id);
}

/** GET /bulletins: every bulletin, newest period first, paged. */
export async function listBulletins(
  ctx: ServiceContext,
  query: { readonly year?: number | undefined; readonly page: number; readonly pageSize: number },
) {
  const where = query.year === undefined ? {} : { year: query.year };
  const [total, rows] = await Promise.all([
    ctx.db.bulletin.count({ where }),
    ctx.db.bulletin.findMany({
      where,
      orderBy: [{ year: 'desc' }, { period: 'desc' }, { generatedAt: 'desc' }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      // The list needs no snapshot: it can be large, and is parsed only when one bulletin is read.
      select: { ...bulletinSelect, snapshot: false },
    }),
  ]);
  return {
    items: rows.map((row) => summaryOf(row, toDomainBulletin(ctx.db, row), ctx.now)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** GET /bulletins/:id: the bulletin with its evaluation (live for a draft, frozen once published). */
export async function getBulletin(ctx: ServiceContext, id: string) {
  const row = await loadBulletinRow(ctx.db, id);
  const bulletin = toDomainBulletin(ctx.db, row);
  const [evaluation, units] = await Promise.all([
    bulletinEvaluation(ctx, bulletin),
    loadUnits(ctx.db),
  ]);
  const visibility = await visibilityFor(ctx, units);
  return {
    ...summaryOf(row, bulletin, ctx.now),
    appeals: row.appeals.filter((a) => canSeeUnit(visibility, a.unitId)).map(presentAppeal),
    evaluation: presentEvaluation(evaluation, visibility),
    officers: evaluation.officers,
  };
}

const APPELLANTS = ['head', 'deputy', 'officer'] as const;

/** POST /bulletins/:id/appeals: a unit disputes the draft, inside the appeal window. */
export async function fileAppeal(ctx: ServiceContext, id: string, reason: string) {
  requireRole(ctx, APPELLANTS, '只有本单位的一把手、分管领导或信息员可以提出异议');
  const row = await loadBulletinRow(ctx.db, id);
  const bulletin = toDomainBulletin(ctx.db, row);
  const appealId = randomUUID();
  const result = fileAppealRule(
    bulletin,
    { id: appealId, unitId: ctx.actor.unit.id, reason },
    actorAsPerson(ctx.actor),
    ctx.now.getTime(),
  );
  if (!result.ok && result.error.code === 'BULLETIN.APPEAL_WINDOW_CLOSED') {
    const t = toShanghaiTime(bulletin.appealDeadline);
    throw new ServiceError(
      'invalid',
      result.error.code,
      `异议期已于 ${t.year}年${t.month}月${t.day}日 ${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')} 截止，不能再提出异议`,
      { appealDeadline: new Date(bulletin.appealDeadline).toISOString() },
    );
  }
  const updated = unwrap(result);
  const appeal = updated.appeals.find((a) => a.id === appealId);
  if (appeal === undefined) throw new Error('The filed appeal is missing from the bulletin');
  await ctx.db.$transaction(async (tx) => {
    await tx.appeal.create({
      data: {
        id: appeal.id,
        bulletinId: id,
        unitId: appeal.unitId,
        personId: appeal.byPersonId,
        text: appeal.reason,
        status: 'open',
        createdAt: new Date(appeal.at),
      },
    });
    await audit(tx, ctx, {
      action: 'bulletin.appeal',
      entity: 'Appeal',
      entityId: appeal.id,
      unitId: appeal.unitId,
      after: { bulletinId: id, reason: appeal.reason },
    });
  });
  const fresh = await loadBulletinRow(ctx.db, id);
  const created = fresh.appeals.find((a) => a.id === appeal.id);
  if (created === undefined) throw new Error('The saved appeal cannot be read back');
  return presentAppeal(created);
}

/** POST /bulletins/:id/appeals/:appealId/resolve: the bureau accepts or rejects an appeal. */
export async function resolveAppeal(
  ctx: ServiceContext,
  id: string,
  appealId: string,
  decision: { readonly accepted: boolean; readonly response: string },
) {
  const row = await loadBulletinRow(ctx.db, id);
  if (!row.appeals.some((a) => a.id === appealId)) {
    throw new ServiceError('not_found', 'APPEAL.NOT_FOUND', '这份通报没有该异议');
  }
  const bulletin = toDomainBulletin(ctx.db, row);
  const updated = unwrap(
    resolveAppealRule(bulletin, appealId, decision, actorAsPerson(ctx.actor), ctx.now.getTime()),
  );
  const resolved = updated.appeals.find((a) => a.id === appealId);
  if (resolved === undefined || resolved.status === 'pending') {
    throw new Error('The resolved appeal is missing from the bulletin');
  }
  const status = resolved.status === 'accepted' ? 'accepted' : 'rejected';
  await ctx.db.$transaction(async (tx) => {
    const changed = await tx.appeal.updateMany({
      where: { id: appealId, status: 'open' },
      data: {
        status,
        response: resolved.response,
        respondedById: ctx.actor.personId,
        respondedAt: ctx.now,
      },
    });
    if (changed.count === 0)
      throw new ServiceError('conflict', 'BULLETIN.APPEAL_RESOLVED', '该异议已答复');
    await audit(tx, ctx, {
      action: 'bulletin.resolve_appeal',
      entity: 'Appeal',
      entityId: appealId,
      unitId: resolved.unitId,
      before: { status: 'pending' },
      after: { status, response: resolved.response },
    });
  });
  const fresh = await loadBulletinRow(ctx.db, id);
  const saved = fresh.appeals.find((a) => a.id === appealId);
  if (saved === undefined) throw new Error('The resolved appeal cannot be read back');
  return presentAppeal(saved);
}

/** POST /bulletins/:id/publish: freezes the evaluation computed now (DESIGN §3.5). */
export async function publishBulletin(ctx: ServiceContext, id: string) {
  const row = await loadBulletinRow(ctx.db, id);
  const bulletin = toDomainBulletin(ctx.db, row);
  if (bulletin.status === 'published') {
    throw new ServiceError('conflict', 'BULLETIN.ALREADY_PUBLISHED', '通报已发布，不能再次发布');
  }
  const { evaluation } = await evaluatePeriod(ctx.db, bulletin.period, ctx.now);
  const published = unwrap(
    publishRule(bulletin, evaluation, actorAsPerson(ctx.actor), ctx.now.getTime()),
  );
  const snapshot = published.snapshot;
  if (snapshot === null) throw new Error('A published bulletin must carry its snapshot');
  await ctx.db.$transaction(async (tx) => {
    const changed = await tx.bulletin.updateMany({
      where: { id, status: 'draft' },
      data: {
        status: 'published',
        publishedAt: ctx.now,
        publishedById: ctx.actor.personId,
        schemeVersion: snapshot.schemeVersion,
        snapshot: JSON.stringify(snapshot),
      },
    });
    if (changed.count === 0) {
      throw new ServiceError('conflict', 'BULLETIN.ALREADY_PUBLISHED', '通报已发布，不能再次发布');
    }
    const totals = evaluationTotals(snapshot.evaluation.units);
    await audit(tx, ctx, {
      action: 'bulletin.publish',
      entity: 'Bulletin',
      entityId: id,
      unitId: null,
      before: { status: 'draft' },
      after: {
        status: 'published',
        schemeVersion: snapshot.schemeVersion,
        units: totals.units,
        submitted: totals.submitted,
        adopted: totals.adopted,
      },
    });
  });
  return getBulletin(ctx, id);
}

/** The document model of a bulletin as the viewer may see it. */
export async function bulletinDocumentFor(
  ctx: ServiceContext,
  id: string,
): Promise<BulletinDocument> {
  const row = await loadBulletinRow(ctx.db, id);
  const bulletin = toDomainBulletin(ctx.db, row);
  const [evaluation, units, scheme] = await Promise.all([
    bulletinEvaluation(ctx, bulletin),
    loadUnits(ctx.db),
    loadScheme(ctx.db, bulletin.period.year),
  ]);
  const visibility = await visibilityFor(ctx, units);
  return bulletinDocument({
    bulletin,
    evaluation,
    issuer: units.find((u) => u.kind === 'bureau')?.name ?? '县教育和体育局',
    unitNames: new Map(units.map((u) => [u.id, u.name])),
    rubberStampSeconds: scheme.review.rubberStampSeconds,
    visibility,
    now: ctx.now,
  });
}
