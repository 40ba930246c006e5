import type { ServiceContext, Tx } from './context.js';

export interface AuditEntry {
  /** What happened, as `area.verb` (`submission.approve`, `scheme.update`). */
  readonly action: string;
  /** The model changed (`Submission`) and its id. */
  readonly entity: string;
  readonly entityId: string | null;
  /** The unit the change belongs to, so that audit reads can be filtered by unit. */
  readonly unitId: string | null;
  readonly before?: unknown;
  readonly after?: unknown;
}

function json(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/**
 * Appends one audit entry inside the transaction of the change it records, so that a change
 * and its audit entry are written together or not at all (DESIGN §4: one write path). The
 * audit log is only ever appended to; no route updates or deletes it.
 */
export async function audit(tx: Tx, ctx: ServiceContext, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      at: ctx.now,
      actorId: ctx.actor.personId,
      actorKind: ctx.via,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      unitId: entry.unitId,
      before: json(entry.before),
      after: json(entry.after),
      requestId: ctx.requestId,
    },
  });
}
