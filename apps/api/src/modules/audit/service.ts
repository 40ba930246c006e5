/**
 * Reading the audit log (DESIGN §6, 系统): administrators look up who changed what, when,
 * and what it was before and after. The log is append-only; nothing here writes to it.
 */
import type { ServiceContext } from '../../shared/context.js';
import { requireAdmin } from '../../shared/actor.js';
import { loadUnits } from '../organisation/service.js';
import { auditActionLabel, auditEntityLabel } from './labels.js';
import { findAuditEntries, type AuditFilter } from './repository.js';

export interface AuditQuery extends AuditFilter {
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
  const { page, pageSize, ...filter } = query;
  const [{ total, rows }, units] = await Promise.all([
    findAuditEntries(ctx.db, filter, { skip: (page - 1) * pageSize, take: pageSize }),
    loadUnits(ctx.db),
  ]);
  const unitNames = new Map(units.map((u) => [u.id, u.name]));
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actor: r.actor,
      actorKind: r.actorKind,
      action: r.action,
      actionLabel: auditActionLabel(r.action),
      entity: r.entity,
      entityLabel: auditEntityLabel(r.entity),
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
