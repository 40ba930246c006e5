import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '@jyxc/db';
import { ROLES, UNIT_KINDS, type Role, type UnitKind } from '@jyxc/domain';
import type { Actor } from '../../context.js';
import { ServiceError } from '../../shared/errors.js';
import type { ChatUser } from '../../shared/chat.js';
import { verifyPassword } from './password.js';
import {
  claimAttempt,
  clearAttempts,
  findActorRow,
  findLogin,
  findSession,
  insertSession,
  linkedPersonId,
  recordFailedAttempt,
  recordLogin,
  returnAttempt,
  revokeSessionByHash,
  touchSession,
  type Claim,
} from './repository.js';

export { hashPassword, verifyPassword } from './password.js';
export {
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  assertPasswordPolicy,
  passwordProblem,
  type PasswordProblem,
} from './password-policy.js';
export { LOCK_MS } from './repository.js';
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

/** Looked-up sessions of one database, and the lookups under way. */
class SessionCache {
  readonly entries = new Map<string, CachedSession>();
  /**
   * Requests with the same token that find no entry share one lookup: when an entry ends, the
   * hundred requests a busy console has open would otherwise each read the same rows.
   */
  readonly lookups = new Map<string, Promise<CachedSession | null>>();
  /**
   * Counts the times entries were dropped. A lookup that started before a drop may have read
   * what the drop is about (a revoked session, an old role), so its answer is not kept.
   */
  generation = 0;

  /** Drops the entries `matches` picks and every lookup under way. */
  forget(matches: (tokenHash: string, entry: CachedSession) => boolean): void {
    this.generation += 1;
    this.lookups.clear();
    for (const [key, entry] of this.entries) if (matches(key, entry)) this.entries.delete(key);
  }

  keep(tokenHash: string, entry: CachedSession): void {
    if (this.entries.size >= SESSION_CACHE_MAX) {
      // Map keeps insertion order: the first key is the oldest entry.
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(tokenHash, entry);
  }
}

/** One cache per database client, so that separate apps (and tests) never share entries. */
const sessionCaches = new WeakMap<Db, SessionCache>();

function cacheOf(db: Db): SessionCache {
  let cache = sessionCaches.get(db);
  if (cache === undefined) {
    cache = new SessionCache();
    sessionCaches.set(db, cache);
  }
  return cache;
}

/** Drops the cached sessions of one person (roles, unit, name, password or activity changed). */
export function forgetSessionsOf(db: Db, personId: string): void {
  cacheOf(db).forget((_, entry) => entry.actor.personId === personId);
}

/** Drops every cached session (a unit's name or kind, which every actor carries, changed). */
export function forgetAllSessions(db: Db): void {
  cacheOf(db).forget(() => true);
}

/** Reads a session and its actor from the database; null when it does not give an actor. */
async function lookUpSession(db: Db, tokenHash: string, now: Date): Promise<CachedSession | null> {
  const session = await findSession(db, tokenHash);
  if (!session || session.revokedAt !== null || session.expiresAt <= now) return null;
  const actor = await loadActor(db, session.personId);
  if (!actor) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await touchSession(db, session.id, now);
  }
  return {
    actor: { ...actor, sessionId: session.id },
    sessionExpiresAt: session.expiresAt.getTime(),
    freshUntil: performance.now() + SESSION_CACHE_MS,
  };
}

/** The actor of a session token, or null when the token is unknown, revoked or expired. */
export async function actorForToken(db: Db, token: string, now: Date): Promise<Actor | null> {
  const tokenHash = hashToken(token);
  const cache = cacheOf(db);
  const cached = cache.entries.get(tokenHash);
  if (cached !== undefined) {
    if (cached.freshUntil > performance.now() && cached.sessionExpiresAt > now.getTime()) {
      return cached.actor;
    }
    cache.entries.delete(tokenHash);
  }
  let lookup = cache.lookups.get(tokenHash);
  if (lookup === undefined) {
    const generation = cache.generation;
    lookup = lookUpSession(db, tokenHash, now);
    cache.lookups.set(tokenHash, lookup);
    const started = lookup;
    void started.then(
      (found) => {
        if (cache.lookups.get(tokenHash) === started) cache.lookups.delete(tokenHash);
        if (found !== null && cache.generation === generation) cache.keep(tokenHash, found);
      },
      () => {
        if (cache.lookups.get(tokenHash) === started) cache.lookups.delete(tokenHash);
      },
    );
  }
  const found = await lookup;
  return found !== null && found.sessionExpiresAt > now.getTime() ? found.actor : null;
}

export async function revokeSession(db: Db, token: string, now: Date): Promise<void> {
  const tokenHash = hashToken(token);
  await revokeSessionByHash(db, tokenHash, now);
  // After the row is revoked: a lookup that starts from here on reads the revocation.
  cacheOf(db).forget((key) => key === tokenHash);
}

/** Told to a Telegram user the bot cannot act for, so that they know how to fix it (DESIGN §5). */
export const UNLINKED_MESSAGE =
  '您的 Telegram 账号尚未绑定平台人员。请向本单位管理员或宣传股索取绑定码，然后在与机器人的私聊中发送 /start 绑定码（例如 /start ABCD2345）。';

/** The person linked to a chat user, as an actor; null when unlinked or no longer active. */
export async function actorForChatUser(db: Db, user: ChatUser): Promise<Actor | null> {
  const personId = await linkedPersonId(db, user);
  return personId === null ? null : loadActor(db, personId);
}

export interface LoginInput {
  readonly username: string;
  readonly password: string;
  readonly userAgent: string | undefined;
  /** The client's address as the edge determined it (http/client-address.ts). */
  readonly address: string;
  /** The session the browser had, ended by the login (no session fixation). */
  readonly previousToken: string | undefined;
}

/** Failed checks of one username from one address before that pair is locked for LOCK_MS. */
export const MAX_FAILURES = 5;
/** Failed logins from one address, whatever the usernames, before the address is refused. */
export const CLIENT_MAX_FAILURES = 30;
/**
 * Failed logins of one username from all addresses before it is locked for everyone: far
 * above what one address can reach in a window ({@link MAX_FAILURES}), so that nobody locks
 * a person out from a single address.
 */
export const ACCOUNT_MAX_FAILURES = 50;

function lockedError(code: string, until: Date, now: Date, message: (minutes: number) => string) {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new ServiceError('limit', code, message(Math.ceil(seconds / 60)), {
    retryAfterSeconds: seconds,
  });
}

function refuse(claim: Claim, now: Date, code: string, message: (minutes: number) => string) {
  if (!claim.ok) throw lockedError(code, claim.until, now, message);
}

const lockedMessage = (minutes: number) => `登录失败次数过多，请 ${minutes} 分钟后再试`;

/**
 * Logs a person in. Every attempt is counted before the password is checked (per username and
 * address, per address, per username), so that parallel guesses cannot outrun the lock; the
 * answer is the same for an unknown user as for a wrong password. A new session every time.
 */
export async function login(db: Db, now: Date, input: LoginInput) {
  const username = input.username.trim().toLowerCase();
  const pairKey = `login:${username}@${input.address}`;
  const clientKey = `client:${input.address}`;
  const accountKey = `login:${username}`;
  refuse(await claimAttempt(db, pairKey, MAX_FAILURES, now), now, 'AUTH.LOCKED', lockedMessage);
  refuse(
    await claimAttempt(db, clientKey, CLIENT_MAX_FAILURES, now),
    now,
    'AUTH.CLIENT_LIMITED',
    (minutes) => `此地址登录失败次数过多，请 ${minutes} 分钟后再试`,
  );
  refuse(
    await claimAttempt(db, accountKey, ACCOUNT_MAX_FAILURES, now),
    now,
    'AUTH.LOCKED',
    lockedMessage,
  );
  const person = await findLogin(db, input.username);
  const passwordOk = await verifyPassword(person?.passwordHash ?? null, input.password);
  const actor = person && passwordOk ? await loadActor(db, person.id) : null;
  if (!actor) {
    await recordFailedAttempt(db, pairKey, MAX_FAILURES, now);
    await recordFailedAttempt(db, clientKey, CLIENT_MAX_FAILURES, now);
    await recordFailedAttempt(db, accountKey, ACCOUNT_MAX_FAILURES, now);
    throw new ServiceError('unauthenticated', 'AUTH.INVALID_CREDENTIALS', '用户名或密码不正确');
  }
  await clearAttempts(db, pairKey);
  await returnAttempt(db, clientKey);
  await returnAttempt(db, accountKey);
  if (input.previousToken) await revokeSession(db, input.previousToken, now);
  const session = await createSession(
    db,
    actor.personId,
    { userAgent: input.userAgent, ip: input.address },
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

/**
 * Checks a signed-in person's current password (before a change), counted like a login so
 * that a borrowed session cannot be used to guess it: {@link MAX_FAILURES} wrong answers lock
 * the check for LOCK_MS.
 */
export async function checkCurrentPassword(
  db: Db,
  personId: string,
  passwordHash: string | null,
  password: string,
  now: Date,
): Promise<boolean> {
  const key = `password:${personId}`;
  refuse(
    await claimAttempt(db, key, MAX_FAILURES, now),
    now,
    'AUTH.LOCKED',
    (minutes) => `当前密码错误次数过多，请 ${minutes} 分钟后再试`,
  );
  if (await verifyPassword(passwordHash, password)) {
    await clearAttempts(db, key);
    return true;
  }
  await recordFailedAttempt(db, key, MAX_FAILURES, now);
  return false;
}
