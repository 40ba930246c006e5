import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import type { ServiceContext } from '../shared/context.js';
import { requireActor } from './session-middleware.js';

/**
 * The service context of a request by a logged-in person (401 otherwise). Variables are read
 * with `c.get`: `c.var` builds an object of all of them on every access.
 */
export function serviceContext(c: Context<AppEnv>): ServiceContext {
  const deps = c.get('deps');
  const via = c.get('via');
  return {
    db: deps.db,
    now: deps.now(),
    actor: requireActor(c.get('actor'), via),
    via,
    requestId: c.get('requestId'),
  };
}
