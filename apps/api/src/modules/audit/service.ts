/**
 * Reading the audit log (DESIGN §6, 系统): administrators look up who changed what, when,
 * and what it was before and after. The log is append-only; nothing here writes to it.
 */
import type { Prisma } from '@jyxc/db';
import type { ServiceContext } from '../../shared/context.js';
import { requireAdmin } from '../../shared/actor.js';
import { findAuditEntries } from './repository.js';

export interface AuditQuery {
  readonly actorId?: string | undefined;
  readonly actorKind?: 'user' | 'bot' | 'system' | undefined;
  readonly entity?: string | undefined;
  readonly entityId?: string | undefined;
  readonly unitId?: string | undefined;
  /** An action or the start of one: `incident` finds `incident.open`, `incident.report`… */
  readonly action?: string | undefined;
  /** Inclusive start and exclusive end of the time range. */
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
  readonly page: number;
  readonly pageSize: number;
}

function parsed(text: string | null): unknown {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value;
  } catch {
    // Entries written before values were stored as JSON are shown as they are.
    return text;
  }
}

/** The entries matching the filters, newest first. */
export async function listAuditEntries(ctx: ServiceContext, query: AuditQuery) {
  requireAdmin(ctx);
  const at: Prisma.DateTimeFilter = {};
  if (query.from !== undefined) at.gte = query.from;
  if (query.to !== undefined) at.lt = query.to;
  const where: Prisma.AuditLogWhereInput = {
    ...(query.actorId !== undefined ? { actorId: query.actorId } : {}),
    ...(query.actorKind !== undefined ? { actorKind: query.actorKind } : {}),
    ...(query.entity !== undefined ? { entity: query.entity } : {}),
    ...(query.entityId !== undefined ? { entityId: query.entityId } : {}),
    ...(query.unitId !== undefined ? { unitId: query.unitId } : {}),
    ...(query.action !== undefined ? { action: { startsWith: query.action } } : {}),
    ...(query.from !== undefined || query.to !== undefined ? { at } : {}),
  };
  const { total, rows, unitNames } = await findAuditEntries(ctx.db, where, {
    skip: (query.page - 1) * query.pageSize,
    take: query.pageSize,
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actor: r.actor,
      actorKind: r.actorKind,
      action: r.action,
      entity: r.entity,
      entityId: r.entityId,
      unit: r.unitId === null ? null : { id: r.unitId, name: unitNames.get(r.unitId) ?? null },
      before: parsed(r.before),
      after: parsed(r.after),
      requestId: r.requestId,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
