import type { Person, Role } from '@jyxc/domain';
import type { Actor } from '../context.js';
import type { ServiceContext } from './context.js';
import { ServiceError } from './errors.js';

/** The acting person as the domain sees them (an actor is always active: login refuses others). */
export function actorAsPerson(actor: Actor): Person {
  return {
    id: actor.personId,
    name: actor.name,
    unitId: actor.unit.id,
    roles: actor.roles,
    active: true,
  };
}

export function hasAnyRole(ctx: ServiceContext, roles: readonly Role[]): boolean {
  return ctx.actor.roles.some((role) => roles.includes(role));
}

/** Refuses an actor who holds none of `roles`. */
export function requireRole(ctx: ServiceContext, roles: readonly Role[], message: string): void {
  if (!hasAnyRole(ctx, roles)) throw new ServiceError('forbidden', 'FORBIDDEN.ROLE', message);
}

/** Refuses anyone who is not a system administrator (系统管理员). */
export function requireAdmin(ctx: ServiceContext): void {
  if (!ctx.actor.roles.includes('admin')) {
    throw new ServiceError('forbidden', 'FORBIDDEN.ADMIN_ONLY', '只有系统管理员可以执行此操作');
  }
}
