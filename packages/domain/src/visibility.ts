import { BUREAU_ROLES, type Person, type Role, type Unit } from './org.js';

/**
 * What a person may see (rules §2.6): bureau staff see every unit; a unit's people see
 * their unit; a township center's people also see its schools.
 */
export type Visibility =
  { readonly scope: 'all' } | { readonly scope: 'units'; readonly unitIds: ReadonlySet<string> };

/**
 * Whether a person holds any bureau role (reviewer, leader, admin).
 *
 * @example
 * ```ts
 * isBureauStaff({ roles: ['reviewer'] }); // true
 * isBureauStaff({ roles: ['head'] }); // false
 * ```
 */
export function isBureauStaff(person: Pick<Person, 'roles'>): boolean {
  return person.roles.some((role: Role) => (BUREAU_ROLES as readonly Role[]).includes(role));
}

/**
 * The units a person may see. `extraUnitIds` widens the view for duties granted outside the
 * unit tree, such as a township assigned to a staff member in the subscription campaign
 * (rules §8.4, 分包), together with that township's schools.
 *
 * @example
 * ```ts
 * const seen = visibilityOf(townshipDeputy, units);
 * canSeeUnit(seen, 'hexi-1'); // true: a township center sees its schools
 * canSeeUnit(seen, 'yizhong'); // false
 * ```
 */
export function visibilityOf(
  person: Pick<Person, 'unitId' | 'roles' | 'active'>,
  units: readonly Pick<Unit, 'id' | 'kind' | 'parentId'>[],
  extraUnitIds: readonly string[] = [],
): Visibility {
  if (!person.active) return { scope: 'units', unitIds: new Set() };
  if (isBureauStaff(person)) return { scope: 'all' };
  const roots = new Set([person.unitId, ...extraUnitIds]);
  const unitIds = new Set(roots);
  const townshipRoots = new Set(
    units.filter((u) => u.kind === 'township_center' && roots.has(u.id)).map((u) => u.id),
  );
  for (const unit of units) {
    // A township center's people see its schools (not the other way round).
    if (unit.kind === 'school' && unit.parentId !== null && townshipRoots.has(unit.parentId)) {
      unitIds.add(unit.id);
    }
  }
  return { scope: 'units', unitIds };
}

/**
 * Whether a visibility includes a unit.
 *
 * @example
 * ```ts
 * canSeeUnit(visibilityOf(bureauReviewer, units), 'any-unit'); // true: bureau staff see every unit
 * ```
 */
export function canSeeUnit(visibility: Visibility, unitId: string): boolean {
  return visibility.scope === 'all' || visibility.unitIds.has(unitId);
}
