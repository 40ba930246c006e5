import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { verifyPassword } from './password.js';
import { SESSION_COOKIE, createSession, loadActor, revokeSession } from './session.js';
import { clearFailures, lockedUntil, recordFailure } from './throttle.js';
import type { Actor, AppEnv } from '../../context.js';
import { ServiceError } from '../../shared/errors.js';
import { requireActor } from '../../http/session-middleware.js';
import { validate } from '../../http/validate.js';
import { credentials } from './schemas.js';

function publicUser(actor: Actor) {
  return {
    id: actor.personId,
    name: actor.name,
    username: actor.username,
    unit: actor.unit,
    roles: actor.roles,
  };
}

function isSecure(url: string, forwardedProto: string | undefined): boolean {
  return url.startsWith('https:') || forwardedProto === 'https';
}

export const auth = new Hono<AppEnv>()
  .post('/login', validate('json', credentials), async (c) => {
    const { db, now: clock } = c.var.deps;
    const now = clock();
    const { username, password } = c.req.valid('json');

    const locked = await lockedUntil(db, username, now);
    if (locked) {
      const minutes = Math.ceil((locked.getTime() - now.getTime()) / 60000);
      throw new ServiceError('limit', 'AUTH.LOCKED', `登录失败次数过多，请 ${minutes} 分钟后再试`, {
        retryAfterSeconds: Math.ceil((locked.getTime() - now.getTime()) / 1000),
      });
    }

    const person = await db.person.findUnique({ where: { username } });
    const passwordOk = await verifyPassword(person?.passwordHash ?? null, password);
    const actor = person && passwordOk ? await loadActor(db, person.id) : null;
    if (!actor) {
      await recordFailure(db, username, now);
      throw new ServiceError('unauthenticated', 'AUTH.INVALID_CREDENTIALS', '用户名或密码不正确');
    }
    await clearFailures(db, username);

    // A new session on every login, and the one the browser had is ended (no fixation).
    const previous = getCookie(c, SESSION_COOKIE);
    if (previous) await revokeSession(db, previous, now);
    const session = await createSession(
      db,
      actor.personId,
      {
        userAgent: c.req.header('user-agent'),
        ip: c.req.header('x-forwarded-for')?.split(',')[0]?.trim(),
      },
      now,
    );
    await db.auditLog.create({
      data: {
        at: now,
        actorId: actor.personId,
        actorKind: 'user',
        action: 'auth.login',
        entity: 'LoginSession',
        entityId: session.id,
        unitId: actor.unit.id,
      },
    });
    setCookie(c, SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      secure: isSecure(c.req.url, c.req.header('x-forwarded-proto')),
      expires: session.expiresAt,
    });
    return c.json({ user: publicUser(actor) }, 200);
  })
  .get('/me', (c) => c.json({ user: publicUser(requireActor(c.var.actor)) }, 200))
  .post('/logout', async (c) => {
    const { db, now } = c.var.deps;
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await revokeSession(db, token, now());
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true as const }, 200);
  });
