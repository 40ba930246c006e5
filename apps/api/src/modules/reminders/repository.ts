import type { Db } from '@jyxc/db';
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
