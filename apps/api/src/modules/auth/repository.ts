/**
 * Logins (DESIGN §6): the rows behind sessions, actors and the login throttle. Only the auth
 * service reads them.
 */
import type { Db, LoginSession, Person, PersonRole, Unit } from '@jyxc/db';
import type { Tx } from '../../shared/context.js';
import type { ChatUser } from '../../shared/chat.js';

/**
 * Attempt counters (DESIGN §6). Each row counts the password checks made under one key in a
 * window of {@link LOCK_MS} that opens with its first attempt (`lastFailedAt` holds the
 * window's start; `username` holds the key). A key over its limit is locked until
 * `lockedUntil`; then, or once the window has passed, it counts from zero again.
 */
export const LOCK_MS = 15 * 60 * 1000;

/** The outcome of counting an attempt: go on and check the password, or refuse until `until`. */
export type Claim = { readonly ok: true } | { readonly ok: false; readonly until: Date };

/**
 * Counts one attempt under `key` before the password is checked, so that parallel attempts
 * cannot all be checked: the increment is one atomic upsert, and an attempt whose count passes
 * `max` is refused (and locks the key) without a check.
 */
export async function claimAttempt(db: Db, key: string, max: number, now: Date): Promise<Claim> {
  const windowStart = new Date(now.getTime() - LOCK_MS);
  // An ended lock or an old window starts over. Only one of several parallel requests matches.
  await db.loginThrottle.updateMany({
    where: {
      username: key,
      OR: [{ lockedUntil: { lte: now } }, { lockedUntil: null, lastFailedAt: { lt: windowStart } }],
    },
    data: { failedCount: 0, lockedUntil: null, lastFailedAt: now },
  });
  const row = await db.loginThrottle.upsert({
    where: { username: key },
    create: { username: key, failedCount: 1, lastFailedAt: now },
    update: { failedCount: { increment: 1 } },
  });
  if (row.lockedUntil !== null && row.lockedUntil > now)
    return { ok: false, until: row.lockedUntil };
  if (row.failedCount <= max) return { ok: true };
  const until = new Date(now.getTime() + LOCK_MS);
  await lock(db, key, until);
  return { ok: false, until };
}

/** Locks `key` until `until` (kept if another request locked it first). */
async function lock(db: Db, key: string, until: Date): Promise<void> {
  await db.loginThrottle.updateMany({
    where: { username: key, lockedUntil: null },
    data: { lockedUntil: until },
  });
}

/**
 * A failed check under `key`, already counted by {@link claimAttempt}: the `max`-th failure
 * locks the key.
 */
export async function recordFailedAttempt(
  db: Db,
  key: string,
  max: number,
  now: Date,
): Promise<void> {
  const row = await db.loginThrottle.findUnique({ where: { username: key } });
  if (row && row.lockedUntil === null && row.failedCount >= max)
    await lock(db, key, new Date(now.getTime() + LOCK_MS));
}

/** A successful check: `key` starts over. */
export async function clearAttempts(db: Db, key: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { username: key } });
}

/** Takes back one counted attempt under `key` (a check that succeeded is no failure). */
export async function returnAttempt(db: Db, key: string): Promise<void> {
  await db.loginThrottle.updateMany({
    where: { username: key, failedCount: { gt: 0 } },
    data: { failedCount: { decrement: 1 } },
  });
}

/** What an actor is made of: the person, their unit's name and kind, their roles. */
export interface ActorRow extends Pick<Person, 'id' | 'name' | 'username' | 'active'> {
  readonly unit: Pick<Unit, 'id' | 'name' | 'kind'>;
  readonly roles: readonly Pick<PersonRole, 'role'>[];
}

/** A person with their unit and roles (for an actor), or null. */
export function findActorRow(db: Db, personId: string): Promise<ActorRow | null> {
  // Only what the actor carries: this runs for every session not kept (never the password hash).
  return db.person.findUnique({
    where: { id: personId },
    select: {
      id: true,
      name: true,
      username: true,
      active: true,
      unit: { select: { id: true, name: true, kind: true } },
      roles: { select: { role: true } },
    },
  });
}

/** The person a username names, with their password hash, or null. */
export function findLogin(
  db: Db,
  username: string,
): Promise<{ id: string; passwordHash: string | null } | null> {
  return db.person.findUnique({ where: { username }, select: { id: true, passwordHash: true } });
}

/** The person a chat user (channel, id) is linked to, or null. */
export async function linkedPersonId(db: Db, user: ChatUser): Promise<string | null> {
  const identity = await db.chatIdentity.findUnique({
    where: { channel_externalId: { channel: user.channel, externalId: user.externalId } },
    select: { personId: true },
  });
  return identity?.personId ?? null;
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
