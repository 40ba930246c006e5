/** The audit log (DESIGN §4): read here; entries are appended by shared/audit.ts only. */
import type { Db, Prisma } from '@jyxc/db';

export interface AuditFilter {
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
}

function auditWhere(filter: AuditFilter): Prisma.AuditLogWhereInput {
  const at: Prisma.DateTimeFilter = {};
  if (filter.from !== undefined) at.gte = filter.from;
  if (filter.to !== undefined) at.lt = filter.to;
  return {
    ...(filter.actorId !== undefined ? { actorId: filter.actorId } : {}),
    ...(filter.actorKind !== undefined ? { actorKind: filter.actorKind } : {}),
    ...(filter.entity !== undefined ? { entity: filter.entity } : {}),
    ...(filter.entityId !== undefined ? { entityId: filter.entityId } : {}),
    ...(filter.unitId !== undefined ? { unitId: filter.unitId } : {}),
    ...(filter.action !== undefined ? { action: { startsWith: filter.action } } : {}),
    ...(filter.from !== undefined || filter.to !== undefined ? { at } : {}),
  };
}

/** A page of entries matching the filter, newest first, with who acted. */
export async function findAuditEntries(
  db: Db,
  filter: AuditFilter,
  page: { readonly skip: number; readonly take: number },
) {
  const where = auditWhere(filter);
  const [total, rows] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({
      where,
      include: { actor: { select: { id: true, name: true, username: true } } },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      skip: page.skip,
      take: page.take,
    }),
  ]);
  return { total, rows };
}
