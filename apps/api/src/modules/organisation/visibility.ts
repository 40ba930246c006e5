import type { Db } from '@jyxc/db';
import { canSeeUnit, isBureauStaff, visibilityOf, type Unit, type Visibility } from '@jyxc/domain';
import { jsonSize, ReadCache } from '../../cache/read-cache.js';
import { ServiceError } from '../../shared/errors.js';
import type { ServiceContext } from '../../shared/context.js';

/**
 * The county's units, kept between requests until the next write (nearly every request
 * needs them for its visibility, and they change a few times a year).
 */
const unitsCache = new ReadCache<readonly Unit[]>('units', {
  maxEntries: 1,
  maxBytes: 64 * 2 ** 20,
  sizeOf: jsonSize,
});

/** Every unit of the county in the domain's shape (a county has a few hundred). */
export async function loadUnits(db: Db): Promise<Unit[]> {
  const units = await unitsCache.read(db, 'units', 0, async () => ({ value: await readUnits(db) }));
  return [...units];
}

async function readUnits(db: Db): Promise<Unit[]> {
  const rows = await db.unit.findMany({ orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }] });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    parentId: row.parentId,
    staffCount: row.staffCount,
    studentCount: row.studentCount,
    directReporting: row.directReporting,
  }));
}

/**
 * A key for what the acting person may see: the domain's rule decides it from their unit and
 * roles alone (and the county's units, which only a write changes), and every bureau member
 * sees everything. Answers that depend on the viewer only through their visibility are kept
 * under it.
 */
export function viewerScopeKey(ctx: ServiceContext): string {
  const person = { unitId: ctx.actor.unit.id, roles: ctx.actor.roles, active: true };
  if (isBureauStaff(person)) return 'all';
  return `unit:${person.unitId}:${[...person.roles].sort().join(',')}`;
}

/** What the acting person may see (DESIGN §6). */
export async function visibilityFor(
  ctx: ServiceContext,
  units?: readonly Unit[],
): Promise<Visibility> {
  const all = units ?? (await loadUnits(ctx.db));
  return visibilityOf({ unitId: ctx.actor.unit.id, roles: ctx.actor.roles, active: true }, all);
}

/**
 * What the acting person may see of one subscription campaign: their own view widened by
 * the townships assigned to them in it (DESIGN §3.7, 分包), which covers that campaign only.
 */
export async function campaignVisibilityFor(
  ctx: ServiceContext,
  campaignId: string,
  units?: readonly Unit[],
): Promise<Visibility> {
  const all = units ?? (await loadUnits(ctx.db));
  const assignments = await ctx.db.campaignAssignment.findMany({
    where: { personId: ctx.actor.personId, campaignId },
    select: { unitId: true },
  });
  return visibilityOf(
    { unitId: ctx.actor.unit.id, roles: ctx.actor.roles, active: true },
    all,
    assignments.map((a) => a.unitId),
  );
}

/** A Prisma `where` fragment limiting rows with a `unitId` to the visible units. */
export function unitFilter(visibility: Visibility): { unitId?: { in: string[] } } {
  return visibility.scope === 'all' ? {} : { unitId: { in: [...visibility.unitIds] } };
}

/** Refuses, with a 403 the console shows as "no permission", a unit the actor may not see. */
export function assertCanSee(visibility: Visibility, unitId: string): void {
  if (!canSeeUnit(visibility, unitId)) {
    throw new ServiceError('forbidden', 'FORBIDDEN.UNIT', '您没有权限查看其他单位的数据');
  }
}
