/** The audit log (DESIGN §4): read here; entries are appended by shared/audit.ts only. */
import type { Db, Prisma } from '@jyxc/db';

/** A page of entries matching `where`, newest first, with the names of their units. */
export async function findAuditEntries(
  db: Db,
  where: Prisma.AuditLogWhereInput,
  page: { readonly skip: number; readonly take: number },
) {
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
  const unitIds = [...new Set(rows.map((r) => r.unitId).filter((u): u is string => u !== null))];
  const units = await db.unit.findMany({
    where: { id: { in: unitIds } },
    select: { id: true, name: true },
  });
  const unitNames = new Map(units.map((u) => [u.id, u.name]));
  return { total, rows, unitNames };
}
