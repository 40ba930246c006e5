/**
 * The console's landing page (工作台): the few set-based reads it needs beyond the evaluation —
 * the viewer's queues, live incidents and the dates of the monthly trend.
 */
import type { Db, Prisma } from '@jyxc/db';
import type { UnitScope } from '../../shared/db.js';
import { INCIDENT_FIELDS } from '../incidents/service.js';

/** Whose review queue the viewer works: the bureau's, their unit's (minus their own items), both or none. */
export interface QueueOwner {
  readonly personId: string;
  readonly unitId: string;
  readonly bureauReviewer: boolean;
  readonly unitReviewer: boolean;
}

/**
 * Items awaiting the viewer's review: the bureau queue for a bureau reviewer; for a unit's
 * officer, deputy or head, the items in their unit's review that they did not write (DESIGN
 * §3.2: nobody reviews their own item).
 */
function reviewQueue(owner: QueueOwner): Prisma.SubmissionWhereInput | null {
  const filters: Prisma.SubmissionWhereInput[] = [];
  if (owner.bureauReviewer) filters.push({ state: 'bureau_review' as const });
  if (owner.unitReviewer) {
    filters.push({
      state: 'unit_review' as const,
      reviewUnitId: owner.unitId,
      authors: { none: { personId: owner.personId } },
    });
  }
  return filters.length === 0 ? null : { OR: filters };
}

const itemSelect = {
  id: true,
  title: true,
  state: true,
  category: true,
  unitId: true,
  reviewSince: true,
  submittedToBureauAt: true,
  updatedAt: true,
  returnedReason: true,
  unit: { select: { name: true } },
} as const;

export type QueueItem = Prisma.SubmissionGetPayload<{ select: typeof itemSelect }>;

/** How many items await the viewer's review in scope, and the longest-waiting few. */
export async function reviewQueueOf(
  db: Db,
  owner: QueueOwner,
  scope: UnitScope,
  limit: number,
): Promise<{ total: number; items: QueueItem[] }> {
  const queue = reviewQueue(owner);
  if (queue === null) return { total: 0, items: [] };
  const where = { AND: [queue, scope] };
  const [total, items] = await Promise.all([
    db.submission.count({ where }),
    db.submission.findMany({
      where,
      orderBy: [{ reviewSince: 'asc' }, { submittedToBureauAt: 'asc' }, { id: 'asc' }],
      take: limit,
      select: itemSelect,
    }),
  ]);
  return { total, items };
}

/** How many of the person's items were returned to them, and the latest few. */
export async function returnedTo(
  db: Db,
  personId: string,
  limit: number,
): Promise<{ total: number; items: QueueItem[] }> {
  const where = { state: 'returned' as const, authors: { some: { personId } } };
  const [total, items] = await Promise.all([
    db.submission.count({ where }),
    db.submission.findMany({
      where,
      orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
      take: limit,
      select: itemSelect,
    }),
  ]);
  return { total, items };
}

/** The incidents in scope that are not closed, as the incident mapper reads them. */
export function liveIncidentRows(db: Db, scope: UnitScope) {
  return db.incident.findMany({
    where: { ...scope, state: { not: 'closed' } },
    select: INCIDENT_FIELDS,
  });
}

/** When each item in scope reached the bureau within [start, end). */
export async function bureauArrivals(
  db: Db,
  scope: UnitScope,
  start: Date,
  end: Date,
): Promise<(Date | null)[]> {
  const rows = await db.submission.findMany({
    where: { ...scope, submittedToBureauAt: { gte: start, lt: end } },
    select: { submittedToBureauAt: true },
  });
  return rows.map((r) => r.submittedToBureauAt);
}

/**
 * The publication date of each credit in force within [start, end), counted once per credited
 * item in scope (every credit when `scope` is all units).
 */
export async function adoptionDates(
  db: Db,
  scope: UnitScope,
  start: Date,
  end: Date,
): Promise<Date[]> {
  const rows = await db.adoptionCredit.findMany({
    where: {
      adoption: { counteredAt: null, publishedAt: { gte: start, lt: end } },
      ...(scope.unitId === undefined ? {} : { submission: scope }),
    },
    select: { adoption: { select: { publishedAt: true } } },
  });
  return rows.map((r) => r.adoption.publishedAt);
}
