import { describe, expect, it } from 'vitest';
import type { Person, Unit } from './org.js';
import { canSeeUnit, isBureauStaff, visibilityOf } from './visibility.js';

const unit = (id: string, kind: Unit['kind'], parentId: string | null): Unit => ({
  id,
  name: id,
  kind,
  parentId,
  staffCount: 10,
  studentCount: 100,
  directReporting: false,
});

const units: Unit[] = [
  unit('bureau', 'bureau', null),
  unit('chengguan', 'township_center', 'bureau'),
  unit('cg-school', 'school', 'chengguan'),
  unit('liulin', 'township_center', 'bureau'),
  unit('ll-school', 'school', 'liulin'),
  unit('high-school', 'direct_unit', 'bureau'),
];

const person = (unitId: string, roles: Person['roles'], active = true): Person => ({
  id: `p-${unitId}`,
  name: 'x',
  unitId,
  roles,
  active,
});

describe('who sees which units', () => {
  it('bureau staff see every unit', () => {
    for (const role of ['reviewer', 'leader', 'admin'] as const) {
      const view = visibilityOf(person('bureau', [role]), units);
      expect(isBureauStaff(person('bureau', [role]))).toBe(true);
      expect(units.every((u) => canSeeUnit(view, u.id))).toBe(true);
    }
  });

  it('a township officer sees the township and its schools, not another township', () => {
    const view = visibilityOf(person('chengguan', ['officer']), units);
    expect(canSeeUnit(view, 'chengguan')).toBe(true);
    expect(canSeeUnit(view, 'cg-school')).toBe(true);
    expect(canSeeUnit(view, 'liulin')).toBe(false);
    expect(canSeeUnit(view, 'll-school')).toBe(false);
    expect(canSeeUnit(view, 'high-school')).toBe(false);
  });

  it('a school officer sees only the school, not its township center', () => {
    const view = visibilityOf(person('cg-school', ['officer', 'head']), units);
    expect(canSeeUnit(view, 'cg-school')).toBe(true);
    expect(canSeeUnit(view, 'chengguan')).toBe(false);
  });

  it('a direct unit sees only itself', () => {
    const view = visibilityOf(person('high-school', ['head']), units);
    expect([...(view.scope === 'units' ? view.unitIds : [])]).toEqual(['high-school']);
  });

  it('an assigned township widens the view to it and its schools', () => {
    const view = visibilityOf(person('high-school', ['officer']), units, ['liulin']);
    expect(canSeeUnit(view, 'liulin')).toBe(true);
    expect(canSeeUnit(view, 'll-school')).toBe(true);
    expect(canSeeUnit(view, 'chengguan')).toBe(false);
  });

  it('a person who left sees nothing, whatever roles they held', () => {
    const view = visibilityOf(person('bureau', ['admin'], false), units);
    expect(canSeeUnit(view, 'bureau')).toBe(false);
  });
});
