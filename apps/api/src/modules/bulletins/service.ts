import { randomUUID } from 'node:crypto';
import type { Db } from '@jyxc/db';
import {
  ADOPTION_LEVELS,
  bulletinTitle,
  canSeeUnit,
  CATEGORIES,
  createDraftBulletin,
  fileAppeal as fileAppealRule,
  isAppealWindowOpen,
  periodKey,
  periodRange,
  publishBulletin as publishRule,
  resolveAppeal as resolveAppealRule,
  toShanghaiTime,
  type Appeal,
  type Bulletin,
  type BulletinSnapshot,
  type Evaluation,
  type Period,
  type UnitEvaluation,
  type Visibility,
} from '@jyxc/domain';
import { z } from 'zod';
import { unwrap } from '../../shared/domain-result.js';
import { ServiceError } from '../../shared/errors.js';
import { audit } from '../../shared/audit.js';
import type { ServiceContext } from '../../shared/context.js';
import {
  evaluatePeriod,
  evaluationTotals,
  presentEvaluation,
  STATUS_LABELS,
} from '../evaluation/service.js';
import { actorAsPerson, requireRole } from '../../shared/actor.js';
import { loadScheme } from '../schemes/service.js';
import { loadUnits, visibilityFor } from '../organisation/service.js';
import { isoOrNull } from '../../shared/times.js';

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

// ---------------------------------------------------------------------------------------------
// The document model of an official 通报, shared by the .xlsx and .docx exports
// ---------------------------------------------------------------------------------------------

const LEVEL_NAMES = {
  national: '国家级',
  province: '省级',
  city: '市级',
  county: '县级',
  bureau: '局网站/公众号',
} as const;
/** Highest level first, as a bulletin lists them. */
const LEVELS_DOWN = [...ADOPTION_LEVELS].reverse();

export type Cell = string | number | null;

export interface Table {
  readonly columns: readonly {
    readonly header: string;
    readonly width: number;
    /** How a number is shown: a whole number, a score, or a percentage of 1. */
    readonly format?: 'int' | 'score' | 'percent';
  }[];
  readonly rows: readonly (readonly Cell[])[];
}

export interface BulletinDocument {
  readonly title: string;
  readonly draft: boolean;
  readonly issuer: string;
  readonly dateText: string;
  readonly periodText: string;
  /** To whom it is addressed (主送). */
  readonly addressee: string;
  readonly summary: readonly string[];
  readonly units: Table;
  readonly commended: readonly { readonly name: string; readonly reason: string }[];
  readonly criticised: readonly { readonly name: string; readonly reason: string }[];
  readonly disqualified: readonly { readonly name: string; readonly reason: string }[];
  readonly review: { readonly text: readonly string[]; readonly table: Table };
  readonly timeliness: { readonly text: readonly string[]; readonly table: Table };
  readonly officers: Table;
  /** Each unit's schools, for the units the viewer may see in detail. */
  readonly details: Table;
  readonly closing: string;
  /** File name without extension. */
  readonly fileName: string;
}

function dateText(ms: number): string {
  const t = toShanghaiTime(ms);
  return `${t.year}年${t.month}月${t.day}日`;
}

function pct(x: number | null): string {
  return x === null ? '—' : `${Math.round(x * 1000) / 10}%`;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function periodText(period: Period): string {
  const range = periodRange(period.year, period.kind);
  const label = { H1: '上半年', H2: '下半年', Y: '全年' }[period.kind];
  return `${period.year}年${label}（${dateText(range.start)}至${dateText(range.end - 1)}）`;
}

function byLevelText(u: Pick<UnitEvaluation, 'adoptedByLevel'>): string {
  const parts = LEVELS_DOWN.filter((l) => u.adoptedByLevel[l] > 0).map(
    (l) => `${LEVEL_NAMES[l]}${u.adoptedByLevel[l]}篇次`,
  );
  return parts.length === 0 ? '' : `，其中${parts.join('、')}`;
}

/**
 * Lays out a bulletin as an official 通报 (title, issuer, summary, the table of units, the
 * commended, criticised and disqualified units, review depth, timeliness and the officer
 * ranking). `visibility` limits the schools' details to the units the viewer may see.
 */
export function bulletinDocument(input: {
  readonly bulletin: Bulletin;
  readonly evaluation: Evaluation;
  readonly issuer: string;
  readonly unitNames: ReadonlyMap<string, string>;
  readonly rubberStampSeconds: number;
  readonly visibility: Visibility;
  readonly now: Date;
}): BulletinDocument {
  const { bulletin, evaluation } = input;
  const units = evaluation.units;
  const totals = evaluationTotals(units);
  const townships = units.filter((u) => u.kind === 'township_center').length;
  const draft = bulletin.status === 'draft';
  const issuedAt = bulletin.publishedAt ?? input.now.getTime();

  const summary = [
    `${periodText(bulletin.period)}，全县${totals.units}个考评单位（乡镇中心校${townships}个、局直单位${totals.units - townships}个）共向局报送信息${totals.submitted}篇，被各级媒体采用${totals.adopted}篇次${byLevelText(totals)}。`,
    `迟报信息${totals.late}篇（其中重大信息迟报${totals.lateMajors}篇${totals.unreportedMajors > 0 ? `，重大信息瞒报漏报${totals.unreportedMajors}起` : ''}），退回修改${totals.returned}篇次；${totals.zeroSubmission > 0 ? `${totals.zeroSubmission}个单位报送信息为零。` : '所有单位均有信息报送。'}`,
    `各单位审核把关${totals.approvals}次，其中作出修改或提出意见的占${pct(totals.reviewDepth)}（审核深度）；${
      totals.rubberStamped > 0
        ? `${totals.rubberStamped}次审核用时不足${input.rubberStampSeconds}秒且未作任何修改，存在“不审阅不修改”的应付现象。`
        : '未发现“不审阅不修改”的应付现象。'
    }`,
    `经考评，${totals.commended}个单位予以表扬，${totals.criticised}个单位未完成报送任务予以批评，${totals.disqualified}个单位取消评优资格。`,
  ];

  const unitTable: Table = {
    columns: [
      { header: '名次', width: 6, format: 'int' },
      { header: '单位', width: 24 },
      { header: '报送', width: 7, format: 'int' },
      ...LEVELS_DOWN.map((l) => ({
        header: `${LEVEL_NAMES[l]}采用`,
        width: l === 'bureau' ? 14 : 9,
        format: 'int' as const,
      })),
      { header: '采用合计', width: 9, format: 'int' },
      { header: '迟报', width: 7, format: 'int' },
      { header: '退回', width: 7, format: 'int' },
      { header: '审核深度', width: 10, format: 'percent' },
      { header: '得分', width: 9, format: 'score' },
      { header: '任务完成率', width: 11, format: 'percent' },
      { header: '等次', width: 14 },
    ],
    rows: units.map((u) => [
      u.rank,
      u.name,
      u.submitted,
      ...LEVELS_DOWN.map((l) => u.adoptedByLevel[l]),
      u.adopted,
      u.late,
      u.returned,
      u.reviewDepth,
      round2(u.score),
      u.quota.completion,
      STATUS_LABELS[u.status],
    ]),
  };

  const reasonsOf = (u: UnitEvaluation) => u.reasons.map((r) => r.message).join('；');
  const listed = (status: UnitEvaluation['status']) =>
    units.filter((u) => u.status === status).map((u) => ({ name: u.name, reason: reasonsOf(u) }));

  const shallow = units
    .filter((u) => u.approvals > 0 && (u.reviewDepth ?? 0) < 0.5)
    .map((u) => u.name);
  const stampers = units
    .filter((u) => u.rubberStamped > 0)
    .sort((a, b) => b.rubberStamped - a.rubberStamped);
  const review = {
    text: [
      `全县审核深度为${pct(totals.reviewDepth)}。${shallow.length > 0 ? `审核深度不足50%的单位：${shallow.join('、')}。` : '各单位审核深度均在50%以上。'}`,
      stampers.length > 0
        ? `存在“一签了之”（审核用时不足${input.rubberStampSeconds}秒且未修改）的单位：${stampers.map((u) => `${u.name}${u.rubberStamped}次`).join('、')}。`
        : '未发现“一签了之”的审核。',
    ],
    table: {
      columns: [
        { header: '单位', width: 24 },
        { header: '审核次数', width: 10, format: 'int' as const },
        { header: '审核深度', width: 10, format: 'percent' as const },
        { header: '一签了之', width: 10, format: 'int' as const },
        { header: '退回', width: 8, format: 'int' as const },
      ],
      rows: units.map((u) => [u.name, u.approvals, u.reviewDepth, u.rubberStamped, u.returned]),
    },
  };

  const lateUnits = units.filter((u) => u.late > 0).sort((a, b) => b.late - a.late);
  const timeliness = {
    text: [
      lateUnits.length > 0
        ? `迟报信息较多的单位：${lateUnits
            .slice(0, 10)
            .map((u) => `${u.name}${u.late}篇`)
            .join('、')}。迟报信息的采用得分减半计算。`
        : '本期没有迟报信息。',
      ...units
        .filter((u) => u.lateMajors > 0 || u.unreportedMajors > 0)
        .map(
          (u) =>
            `${u.name}${u.lateMajors > 0 ? `重大信息迟报${u.lateMajors}篇` : ''}${u.lateMajors > 0 && u.unreportedMajors > 0 ? '、' : ''}${u.unreportedMajors > 0 ? `重大信息瞒报漏报${u.unreportedMajors}起` : ''}，已按规定扣分。`,
        ),
    ],
    table: {
      columns: [
        { header: '单位', width: 24 },
        { header: '报送', width: 8, format: 'int' as const },
        { header: '迟报', width: 8, format: 'int' as const },
        { header: '重大信息迟报', width: 13, format: 'int' as const },
        { header: '瞒报漏报', width: 10, format: 'int' as const },
        { header: '舆情事件', width: 10, format: 'int' as const },
        { header: '舆情按时处置率', width: 15, format: 'percent' as const },
      ],
      rows: units.map((u) => [
        u.name,
        u.submitted,
        u.late,
        u.lateMajors,
        u.unreportedMajors,
        u.incidents,
        u.incidentOnTimeRate,
      ]),
    },
  };

  const officers: Table = {
    columns: [
      { header: '名次', width: 6, format: 'int' },
      { header: '姓名', width: 12 },
      { header: '单位', width: 24 },
      { header: '报送', width: 8, format: 'int' },
      { header: '采用', width: 8, format: 'int' },
      { header: '得分', width: 9, format: 'score' },
      { header: '优秀信息员', width: 12 },
    ],
    rows: evaluation.officers.map((o) => [
      o.rank,
      o.name,
      o.unitId === null ? '' : (input.unitNames.get(o.unitId) ?? ''),
      o.items,
      o.adopted,
      round2(o.score),
      o.commended ? '是' : '',
    ]),
  };

  const details: Table = {
    columns: [
      { header: '考评单位', width: 24 },
      { header: '报送单位', width: 26 },
      { header: '报送', width: 8, format: 'int' },
      { header: '采用', width: 8, format: 'int' },
      { header: '稿件得分', width: 10, format: 'score' },
    ],
    rows: units
      .filter((u) => input.visibility.scope === 'all' || input.visibility.unitIds.has(u.unitId))
      .flatMap((u) =>
        u.writers.map((w) => [u.name, w.name, w.submitted, w.adopted, round2(w.itemPoints)]),
      ),
  };

  return {
    title: bulletin.title,
    draft,
    issuer: input.issuer,
    dateText: dateText(issuedAt),
    periodText: periodText(bulletin.period),
    addressee: '各乡镇中心校、局直各单位：',
    summary,
    units: unitTable,
    commended: listed('commended'),
    criticised: listed('criticised'),
    disqualified: listed('disqualified'),
    review,
    timeliness,
    officers,
    details,
    closing:
      '希望受到表扬的单位再接再厉，受到批评的单位认真查找不足、落实整改。各单位要进一步健全信息工作机构，明确专人负责，严格审核把关，提高信息报送的时效和质量。',
    fileName: `${bulletin.title}${draft ? '（征求意见稿）' : ''}`,
  };
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
