import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { UNLINKED_MESSAGE } from '../modules/auth/service.js';
import { actorForToken, SESSION_COOKIE } from '../modules/auth/service.js';
import type { Actor, AppDeps, AppEnv } from '../context.js';
import { ServiceError } from '../shared/errors.js';

/** Puts the dependencies and the logged-in actor (or null) on every request. */
export function sessionMiddleware(deps: AppDeps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    c.set('deps', deps);
    c.set('via', 'user');
    const token = getCookie(c, SESSION_COOKIE);
    c.set('actor', token ? await actorForToken(deps.db, token, deps.now()) : null);
    await next();
  });
}

/**
 * The actor of the request, or a 401 that sends the console back to its login page. For the
 * bot (`via = 'bot'`) acting for a Telegram user who is not linked, the 401 says how to link.
 */
export function requireActor(actor: Actor | null, via: AppEnv['Variables']['via'] = 'user'): Actor {
  if (actor) return actor;
  if (via === 'bot')
    throw new ServiceError('unauthenticated', 'BOT.UNLINKED_USER', UNLINKED_MESSAGE);
  throw new ServiceError('unauthenticated', 'AUTH.REQUIRED', '请先登录');
}

/**
 * Refuses every request without an actor before its input is read, so that an anonymous
 * caller learns nothing (not even which fields a route expects) and gets 401, except on the
 * routes that must work without a session. Bot requests pass: their routes check the token.
 */
export function requireSession(
  publicPaths: readonly string[],
  ownGuardPrefixes: readonly string[],
) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const path = c.req.path;
    const open =
      publicPaths.includes(path) || ownGuardPrefixes.some((prefix) => path.startsWith(prefix));
    if (c.get('via') !== 'bot' && !open) requireActor(c.get('actor'));
    await next();
  });
}
