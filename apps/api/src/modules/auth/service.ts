import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '@jyxc/db';
import { ROLES, UNIT_KINDS, type Role, type UnitKind } from '@jyxc/domain';
import type { Actor } from '../../context.js';
import { ServiceError } from '../../shared/errors.js';
import { verifyPassword } from './password.js';
import {
  clearFailures,
  findActorRow,
  findLogin,
  findSession,
  insertSession,
  linkedPersonId,
  lockedUntil,
  recordFailure,
  recordLogin,
  revokeSessionByHash,
  touchSession,
} from './repository.js';

export { hashPassword, verifyPassword } from './password.js';
export { revokeSessionsOf } from './repository.js';

/**
 * Logins and sessions (DESIGN §6): who a request acts for, from a session cookie or the bot's
 * linked Telegram user.
 */

export const SESSION_COOKIE = 'jyxc_session';
/** A session lasts a working week from login; lastSeenAt shows whether it is in use. */
export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;
/** lastSeenAt is refreshed at most this often, so reads do not all become writes. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

/** Only the hash is stored, so a copy of the database does not hand out live sessions. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

function isUnitKind(value: string): value is UnitKind {
  return (UNIT_KINDS as readonly string[]).includes(value);
}

/** Loads a person as an {@link Actor}; null when they do not exist or have left. */
export async function loadActor(db: Db, personId: string): Promise<Actor | null> {
  const person = await findActorRow(db, personId);
  if (!person || !person.active) return null;
  const kind = person.unit.kind;
  if (!isUnitKind(kind)) return null;
  return {
    personId: person.id,
    name: person.name,
    username: person.username,
    unit: { id: person.unit.id, name: person.unit.name, kind },
    roles: [...new Set(person.roles.map((r) => r.role).filter(isRole))],
  };
}

export async function createSession(
  db: Db,
  personId: string,
  meta: { readonly userAgent: string | undefined; readonly ip: string | undefined },
  now: Date,
): Promise<{ token: string; id: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  const session = await insertSession(db, {
    tokenHash: hashToken(token),
    personId,
    createdAt: now,
    expiresAt,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
    ip: meta.ip ?? null,
  });
  return { token, id: session.id, expiresAt };
}

interface CachedSession {
  readonly actor: Actor;
  readonly sessionExpiresAt: number;
  /** Monotonic time (performance.now) until which the entry may be used. */
  readonly freshUntil: number;
}

/**
 * How long a looked-up session is reused without asking the database again. Every request
 * of the console carries the cookie, and the lookup (session, person, unit, roles) costs more
 * than most pages themselves. Changes made through this process (logout, password, roles,
 * units) drop the entries at once; a change made by another process is seen within this time.
 */
export const SESSION_CACHE_MS = 5_000;
const SESSION_CACHE_MAX = 2_000;

/** One cache per database client, so that separate apps (and tests) never share entries. */
const sessionCaches = new WeakMap<Db, Map<string, CachedSession>>();

function cacheOf(db: Db): Map<string, CachedSession> {
  let cache = sessionCaches.get(db);
  if (cache === undefined) {
    cache = new Map();
    sessionCaches.set(db, cache);
  }
  return cache;
}

/** Drops the cached sessions of one person (roles, unit, name, password or activity changed). */
export function forgetSessionsOf(db: Db, personId: string): void {
  const cache = cacheOf(db);
  for (const [key, entry] of cache) if (entry.actor.personId === personId) cache.delete(key);
}

/** Drops every cached session (a unit's name or kind, which every actor carries, changed). */
export function forgetAllSessions(db: Db): void {
  cacheOf(db).clear();
}

/** The actor of a session token, or null when the token is unknown, revoked or expired. */
export async function actorForToken(db: Db, token: string, now: Date): Promise<Actor | null> {
  const tokenHash = hashToken(token);
  const cache = cacheOf(db);
  const cached = cache.get(tokenHash);
  const clock = performance.now();
  if (cached !== undefined) {
    if (cached.freshUntil > clock && cached.sessionExpiresAt > now.getTime()) return cached.actor;
    cache.delete(tokenHash);
  }
  const session = await findSession(db, tokenHash);
  if (!session || session.revokedAt !== null || session.expiresAt <= now) return null;
  const actor = await loadActor(db, session.personId);
  if (!actor) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await touchSession(db, session.id, now);
  }
  const withSession = { ...actor, sessionId: session.id };
  if (cache.size >= SESSION_CACHE_MAX) {
    // Map keeps insertion order: the first key is the oldest entry.
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  cache.set(tokenHash, {
    actor: withSession,
    sessionExpiresAt: session.expiresAt.getTime(),
    freshUntil: clock + SESSION_CACHE_MS,
  });
  return withSession;
}

export async function revokeSession(db: Db, token: string, now: Date): Promise<void> {
  const tokenHash = hashToken(token);
  cacheOf(db).delete(tokenHash);
  await revokeSessionByHash(db, tokenHash, now);
}

/** Told to a Telegram user the bot cannot act for, so that they know how to fix it (DESIGN §5). */
export const UNLINKED_MESSAGE =
  '您的 Telegram 账号尚未绑定平台人员。请向本单位管理员或宣传股索取绑定码，然后在与机器人的私聊中发送 /start 绑定码（例如 /start ABCD2345）。';

/** The person linked to a Telegram user, as an actor; null when unlinked or no longer active. */
export async function actorForTelegramUser(db: Db, telegramUserId: string): Promise<Actor | null> {
  const personId = await linkedPersonId(db, telegramUserId);
  return personId === null ? null : loadActor(db, personId);
}

export interface LoginInput {
  readonly username: string;
  readonly password: string;
  readonly userAgent: string | undefined;
  readonly ip: string | undefined;
  /** The session the browser had, ended by the login (no session fixation). */
  readonly previousToken: string | undefined;
}

/**
 * Logs a person in: refused while the username is locked after repeated failures, and with
 * the same answer for an unknown user as for a wrong password. A new session every time.
 */
export async function login(db: Db, now: Date, input: LoginInput) {
  const locked = await lockedUntil(db, input.username, now);
  if (locked) {
    const minutes = Math.ceil((locked.getTime() - now.getTime()) / 60000);
    throw new ServiceError('limit', 'AUTH.LOCKED', `登录失败次数过多，请 ${minutes} 分钟后再试`, {
      retryAfterSeconds: Math.ceil((locked.getTime() - now.getTime()) / 1000),
    });
  }
  const person = await findLogin(db, input.username);
  const passwordOk = await verifyPassword(person?.passwordHash ?? null, input.password);
  const actor = person && passwordOk ? await loadActor(db, person.id) : null;
  if (!actor) {
    await recordFailure(db, input.username, now);
    throw new ServiceError('unauthenticated', 'AUTH.INVALID_CREDENTIALS', '用户名或密码不正确');
  }
  await clearFailures(db, input.username);
  if (input.previousToken) await revokeSession(db, input.previousToken, now);
  const session = await createSession(
    db,
    actor.personId,
    { userAgent: input.userAgent, ip: input.ip },
    now,
  );
  await recordLogin(db, {
    personId: actor.personId,
    unitId: actor.unit.id,
    sessionId: session.id,
    at: now,
  });
  return { actor, session };
}
