/**
 * Logins (DESIGN §6): the rows behind sessions, actors and the login throttle. Only the auth
 * service reads them.
 */
import type { Db, LoginSession, Person, PersonRole, Unit } from '@jyxc/db';
import type { Tx } from '../../shared/context.js';

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

/** A person with their unit and roles (for an actor), or null. */
export function findActorRow(
  db: Db,
  personId: string,
): Promise<(Person & { unit: Unit; roles: PersonRole[] }) | null> {
  return db.person.findUnique({
    where: { id: personId },
    include: { unit: true, roles: true },
  });
}

/** The person a username names, with their password hash, or null. */
export function findLogin(
  db: Db,
  username: string,
): Promise<{ id: string; passwordHash: string | null } | null> {
  return db.person.findUnique({ where: { username }, select: { id: true, passwordHash: true } });
}

/** The person a Telegram user is linked to, or null. */
export async function linkedPersonId(db: Db, telegramUserId: string): Promise<string | null> {
  const account = await db.telegramAccount.findUnique({
    where: { telegramUserId },
    select: { personId: true },
  });
  return account?.personId ?? null;
}

export function insertSession(
  db: Db,
  data: {
    readonly tokenHash: string;
    readonly personId: string;
    readonly createdAt: Date;
    readonly expiresAt: Date;
    readonly userAgent: string | null;
    readonly ip: string | null;
  },
): Promise<LoginSession> {
  return db.loginSession.create({ data: { ...data, lastSeenAt: data.createdAt } });
}

export function findSession(db: Db, tokenHash: string): Promise<LoginSession | null> {
  return db.loginSession.findUnique({ where: { tokenHash } });
}

export async function touchSession(db: Db, id: string, now: Date): Promise<void> {
  await db.loginSession.update({ where: { id }, data: { lastSeenAt: now } });
}

export async function revokeSessionByHash(db: Db, tokenHash: string, now: Date): Promise<void> {
  await db.loginSession.updateMany({
    where: { tokenHash, revokedAt: null },
    data: { revokedAt: now },
  });
}

/** Ends every live session of a person but `keep`, inside the caller's transaction. */
export async function revokeSessionsOf(
  tx: Tx,
  personId: string,
  now: Date,
  keep?: string,
): Promise<void> {
  await tx.loginSession.updateMany({
    where: { personId, revokedAt: null, ...(keep ? { NOT: { id: keep } } : {}) },
    data: { revokedAt: now },
  });
}

/** The audit entry of a login (DESIGN §4: every change is recorded, logins too). */
export async function recordLogin(
  db: Db,
  entry: {
    readonly personId: string;
    readonly unitId: string;
    readonly sessionId: string;
    readonly at: Date;
  },
): Promise<void> {
  await db.auditLog.create({
    data: {
      at: entry.at,
      actorId: entry.personId,
      actorKind: 'user',
      action: 'auth.login',
      entity: 'LoginSession',
      entityId: entry.sessionId,
      unitId: entry.unitId,
    },
  });
}
