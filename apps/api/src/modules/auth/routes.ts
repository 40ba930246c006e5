import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_COOKIE, login, revokeSession } from './service.js';
import type { Actor, AppEnv } from '../../context.js';
import { clientAddress } from '../../http/client-address.js';
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
    const { db, now } = c.var.deps;
    const { username, password } = c.req.valid('json');
    const { actor, session } = await login(db, now(), {
      username,
      password,
      userAgent: c.req.header('user-agent'),
      address: clientAddress(c),
      previousToken: getCookie(c, SESSION_COOKIE),
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
