import type { Db } from '@jyxc/db';

/** After this many failed logins in a row the username is locked for {@link LOCK_MS}. */
export const MAX_FAILURES = 5;
export const LOCK_MS = 15 * 60 * 1000;

function key(username: string): string {
  return username.trim().toLowerCase();
}

/** The time until which the username is locked, or null. */
export async function lockedUntil(db: Db, username: string, now: Date): Promise<Date | null> {
  const row = await db.loginThrottle.findUnique({ where: { username: key(username) } });
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

export async function recordFailure(db: Db, username: string, now: Date): Promise<number> {
  const row = await db.loginThrottle.upsert({
    where: { username: key(username) },
    create: { username: key(username), failedCount: 1, lastFailedAt: now },
    update: { failedCount: { increment: 1 }, lastFailedAt: now },
  });
  if (row.failedCount >= MAX_FAILURES) {
    await db.loginThrottle.update({
      where: { id: row.id },
      data: { lockedUntil: new Date(now.getTime() + LOCK_MS), failedCount: 0 },
    });
  }
  return row.failedCount;
}

export async function clearFailures(db: Db, username: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { username: key(username) } });
}
