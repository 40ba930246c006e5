import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { actorForToken, SESSION_COOKIE } from '../auth/session.js';
import type { Actor, AppDeps, AppEnv } from '../context.js';
import { ApiError } from './errors.js';

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

/** The actor of the request, or a 401 that sends the console back to its login page. */
export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new ApiError(401, 'AUTH.REQUIRED', '请先登录');
  return actor;
}
