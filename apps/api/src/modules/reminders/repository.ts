/** The reminders job: its database lease and the set-based reads of the facts it reminds of. */
import type { Db } from '@jyxc/db';
import type { TimeRange } from '@jyxc/domain';
import { isUniqueViolation } from '../../shared/db.js';

/**
 * A database lease for a scheduled job (DESIGN §4: with several API processes a job runs
 * once). The `JobLease` row of a job names its holder and until when it holds it.
 */
export interface LeaseRequest {
  /** The job, e.g. `reminders`. */
  readonly name: string;
  /** Who asks: unique per process (host, pid and a random part). */
  readonly holder: string;
  readonly now: Date;
  /** How long the lease lasts from `now`; the holder renews it on its next run. */
  readonly ttlMs: number;
}

/**
 * Takes or renews the lease, answering whether `holder` now holds it. One conditional
 * `UPDATE` takes it when it is free, expired or already ours — the database applies it to
 * the row atomically, so of several processes asking at once exactly one succeeds; the
 * first ever request creates the row, and a concurrent creation loses on the unique name.
 * Nothing here runs inside a transaction, so a lost race on PostgreSQL aborts nothing.
 */
export async function acquireLease(db: Db, request: LeaseRequest): Promise<boolean> {
  const leaseUntil = new Date(request.now.getTime() + request.ttlMs);
  const taken = await db.jobLease.updateMany({
    where: {
      name: request.name,
      OR: [{ holder: request.holder }, { leaseUntil: { lte: request.now } }],
    },
    data: { holder: request.holder, leaseUntil },
  });
  if (taken.count === 1) return true;
  try {
    await db.jobLease.create({ data: { name: request.name, holder: request.holder, leaseUntil } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Gives the lease up (e.g. at shutdown) so that another process can take over at once. */
export async function releaseLease(db: Db, name: string, holder: string, now: Date): Promise<void> {
  await db.jobLease.updateMany({ where: { name, holder }, data: { leaseUntil: now } });
}

// ---------------------------------------------------------------------------
// The facts of the reminders (DESIGN §3.8)
// ---------------------------------------------------------------------------

/** Items in a unit's review since `cutoff` or earlier, with their authors in order. */
export async function pendingUnitReviews(db: Db, cutoff: Date) {
  return db.submission.findMany({
    where: {
      state: 'unit_review',
      OR: [{ reviewSince: { lte: cutoff } }, { reviewSince: null, submittedAt: { lte: cutoff } }],
    },
    select: {
      id: true,
      unitId: true,
      title: true,
      category: true,
      currentRevision: true,
      reviewSince: true,
      submittedAt: true,
      updatedAt: true,
      createdById: true,
      authors: { select: { personId: true }, orderBy: { position: 'asc' } },
    },
  });
}

/**
 * Drafts last changed between `from` and `to` (issue 14: a draft left a day gets one
 * reminder; one older than the window was left on purpose and is not brought up again).
 */
export async function idleDraftRows(db: Db, from: Date, to: Date) {
  return db.submission.findMany({
    where: { state: 'draft', updatedAt: { gte: from, lte: to } },
    select: {
      id: true,
      unitId: true,
      title: true,
      updatedAt: true,
      createdById: true,
      authors: { select: { personId: true }, orderBy: { position: 'asc' } },
    },
  });
}

/** How many items each writing unit brought to the bureau within `range`. */
export async function bureauArrivalsByUnit(
  db: Db,
  range: TimeRange,
): Promise<{ unitId: string; count: number }[]> {
  const rows = await db.submission.groupBy({
    by: ['unitId'],
    where: { submittedToBureauAt: { gte: new Date(range.start), lt: new Date(range.end) } },
    _count: { _all: true },
  });
  return rows.map((r) => ({ unitId: r.unitId, count: r._count._all }));
}

/** Incident rows still running (open, reported or responding), for the incident mapper. */
export async function openIncidentRows(db: Db) {
  return db.incident.findMany({ where: { state: { in: ['open', 'reported', 'responding'] } } });
}

/** Adoptions in force recorded in [from, to], with the credited items' facts. */
export async function recentAdoptionRows(db: Db, from: Date, to: Date) {
  return db.adoption.findMany({
    where: { createdAt: { gte: from, lte: to }, counteredAt: null },
    include: {
      credits: {
        include: {
          submission: {
            select: {
              id: true,
              unitId: true,
              title: true,
              category: true,
              eventAt: true,
              submittedToBureauAt: true,
              createdById: true,
              authors: { select: { personId: true }, orderBy: { position: 'asc' } },
            },
          },
        },
      },
    },
  });
}
