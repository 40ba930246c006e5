/** Bulletins (DESIGN §3.5): the stored rows, their frozen snapshots, and the domain's bulletin read from them. */
import type { Db } from '@jyxc/db';
import {
  bulletinTitle,
  CATEGORIES,
  type Appeal,
  type Bulletin,
  type BulletinSnapshot,
  type Period,
} from '@jyxc/domain';
import { z } from 'zod';
import type { Tx } from '../../shared/context.js';
import { ServiceError } from '../../shared/errors.js';

export const levels = z.object({
  bureau: z.number(),
  county: z.number(),
  city: z.number(),
  province: z.number(),
  national: z.number(),
});
export const unitSchema = z.object({
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
  // Snapshots published before the median was kept read as "no figure".
  medianMinutesToApprove: z.number().nullable().default(null),
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
        'TOP_N_OF_QUALIFIED',
        'NOT_IN_TOP_N',
        'SCORE_NOT_POSITIVE',
      ]),
      // Snapshots published before reasons carried their parameters have none.
      params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
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
export const snapshotSchema = z.object({
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

export function parseSnapshot(text: string): BulletinSnapshot {
  const snapshot: BulletinSnapshot = snapshotSchema.parse(JSON.parse(text));
  return snapshot;
}

/**
 * Published snapshots never change (DESIGN §3.5), so each is parsed once per database and kept.
 * Keyed by the database so that two apps over two databases never share entries.
 */
export const snapshots = new WeakMap<Db, Map<string, BulletinSnapshot>>();
export const SNAPSHOT_CACHE_LIMIT = 64;

export function cachedSnapshot(db: Db, id: string, text: string): BulletinSnapshot {
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

export const bulletinSelect = {
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

export async function loadBulletinRow(db: Db, id: string) {
  const row = await db.bulletin.findUnique({ where: { id }, select: bulletinSelect });
  if (row === null) throw new ServiceError('not_found', 'BULLETIN.NOT_FOUND', '没有这份通报');
  return row;
}
export type BulletinRow = Awaited<ReturnType<typeof loadBulletinRow>>;

export function toDomainAppeal(a: BulletinRow['appeals'][number]): Appeal {
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
export function toDomainBulletin(
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

// ---------------------------------------------------------------------------------------------
// Writing bulletins and appeals
// ---------------------------------------------------------------------------------------------

/** The bulletin of a period (one per period), or null. */
export function findBulletinOfPeriod(
  tx: Tx,
  period: Period,
): Promise<{ id: string; status: 'draft' | 'published' } | null> {
  return tx.bulletin.findUnique({
    where: { year_period: { year: period.year, period: period.kind } },
    select: { id: true, status: true },
  });
}

/** Stores the draft of a period's bulletin; answers its id. */
export async function insertDraftBulletin(
  tx: Tx,
  draft: Pick<Bulletin, 'id' | 'period' | 'createdAt' | 'appealDeadline'>,
): Promise<string> {
  const created = await tx.bulletin.create({
    data: {
      id: draft.id,
      year: draft.period.year,
      period: draft.period.kind,
      status: 'draft',
      generatedAt: new Date(draft.createdAt),
      appealDeadline: new Date(draft.appealDeadline),
    },
    select: { id: true },
  });
  return created.id;
}

/** A page of bulletins (of one year, or all), newest period first, read without snapshots. */
export async function findBulletins(
  db: Db,
  year: number | undefined,
  page: { readonly skip: number; readonly take: number },
) {
  const where = year === undefined ? {} : { year };
  const [total, rows] = await Promise.all([
    db.bulletin.count({ where }),
    db.bulletin.findMany({
      where,
      orderBy: [{ year: 'desc' }, { period: 'desc' }, { generatedAt: 'desc' }],
      skip: page.skip,
      take: page.take,
      // The list needs no snapshot: it can be large, and is parsed only when one bulletin is read.
      select: { ...bulletinSelect, snapshot: false },
    }),
  ]);
  return { total, rows };
}

/** Stores a unit's appeal against a bulletin, open until the bureau answers it. */
export async function insertAppeal(tx: Tx, bulletinId: string, appeal: Appeal): Promise<void> {
  await tx.appeal.create({
    data: {
      id: appeal.id,
      bulletinId,
      unitId: appeal.unitId,
      personId: appeal.byPersonId,
      text: appeal.reason,
      status: 'open',
      createdAt: new Date(appeal.at),
    },
  });
}

/** Records the answer to an appeal still open; whether it was. */
export async function markAppealResolved(
  tx: Tx,
  appealId: string,
  answer: {
    readonly status: 'accepted' | 'rejected';
    readonly response: string | null;
    readonly byId: string;
    readonly at: Date;
  },
): Promise<boolean> {
  const changed = await tx.appeal.updateMany({
    where: { id: appealId, status: 'open' },
    data: {
      status: answer.status,
      response: answer.response,
      respondedById: answer.byId,
      respondedAt: answer.at,
    },
  });
  return changed.count > 0;
}

/** Publishes a draft with its frozen snapshot (DESIGN §3.5); whether it was still a draft. */
export async function markPublished(
  tx: Tx,
  id: string,
  publication: { readonly at: Date; readonly byId: string; readonly snapshot: BulletinSnapshot },
): Promise<boolean> {
  const changed = await tx.bulletin.updateMany({
    where: { id, status: 'draft' },
    data: {
      status: 'published',
      publishedAt: publication.at,
      publishedById: publication.byId,
      schemeVersion: publication.snapshot.schemeVersion,
      snapshot: JSON.stringify(publication.snapshot),
    },
  });
  return changed.count > 0;
}
