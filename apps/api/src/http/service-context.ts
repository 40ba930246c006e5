import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import type { ServiceContext } from '../services/context.js';
import { requireActor } from './session-middleware.js';

/** The service context of a request by a logged-in person (401 otherwise). */
export function serviceContext(c: Context<AppEnv>): ServiceContext {
  return {
    db: c.var.deps.db,
    now: c.var.deps.now(),
    actor: requireActor(c.var.actor, c.var.via),
    via: c.var.via,
    requestId: c.var.requestId,
  };
}
