import type { Db } from '@jyxc/db';
import { demoCounty } from '@jyxc/api/test-support';

export { demoCounty };

/** The demo accounts by what they stand for in the matrix (DEMO_LOGINS of the seed). */
export const ACTORS = {
  admin: 'admin',
  reviewer: 'shenhe',
  leader: 'lingdao',
  townshipHead: 'cg_head',
  townshipDeputy: 'cg_fg',
  townshipOfficer: 'cg_xxy',
  opinionOfficer: 'cg_yq',
  schoolOfficer: 'cg01_xxy',
  directOfficer: 'yg_xxy',
  directHead: 'yg_head',
} as const;

export type ActorKey = keyof typeof ACTORS;

export interface UnitRow {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly parentId: string | null;
}

export async function unitsOf(db: Db): Promise<UnitRow[]> {
  return db.unit.findMany({ select: { id: true, name: true, kind: true, parentId: true } });
}

/** The unit a demo account belongs to. */
export async function unitOfLogin(db: Db, username: string): Promise<UnitRow> {
  const person = await db.person.findUniqueOrThrow({
    where: { username },
    select: { unit: { select: { id: true, name: true, kind: true, parentId: true } } },
  });
  return person.unit;
}

/**
 * DESIGN §1 and §4: bureau roles see every unit; a unit's people see their unit, and a
 * township center's people also its schools.
 */
export function visibleUnitIds(units: readonly UnitRow[], own: UnitRow): Set<string> {
  if (own.kind === 'bureau') return new Set(units.map((u) => u.id));
  const ids = new Set([own.id]);
  if (own.kind === 'township_center') {
    for (const unit of units) if (unit.parentId === own.id) ids.add(unit.id);
  }
  return ids;
}
