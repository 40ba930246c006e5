import { describe, expect, it } from 'vitest';
import {
  accountabilityGaps,
  childrenOf,
  escalationChain,
  evaluatedUnitIdOf,
  holdersOf,
  indexById,
  isEvaluatedUnit,
  nextInChain,
  reviewUnitIdOf,
  townshipCenterOf,
} from './org.js';
import { aCounty, aPerson, aUnit, someone } from './test-support/builders.js';

const county = aCounty();
const byId = indexById(county.units);

describe('the unit tree', () => {
  it("lists a township center's schools", () => {
    expect(childrenOf('center-1', county.units).map((u) => u.id)).toEqual(['school-1', 'school-2']);
  });

  it('finds the township center of a school, and none for other units', () => {
    expect(townshipCenterOf(county.school, byId)?.id).toBe('center-1');
    expect(townshipCenterOf(county.center, byId)).toBeNull();
    expect(townshipCenterOf(aUnit({ kind: 'school', parentId: 'direct-1' }), byId)).toBeNull();
  });

  it('says which evaluated unit an item counts for', () => {
    expect(evaluatedUnitIdOf('school-1', byId)).toBe('center-1');
    expect(evaluatedUnitIdOf('center-1', byId)).toBe('center-1');
    expect(evaluatedUnitIdOf('direct-1', byId)).toBe('direct-1');
    expect(evaluatedUnitIdOf('bureau', byId)).toBeNull();
    expect(evaluatedUnitIdOf('unknown', byId)).toBeNull();
    expect(isEvaluatedUnit(county.school)).toBe(false);
  });

  it("says who reviews a unit's items: the township center for a school, nobody for a 直报点", () => {
    expect(reviewUnitIdOf(county.school)).toBe('center-1');
    expect(reviewUnitIdOf(county.directSchool)).toBeNull();
    expect(reviewUnitIdOf(county.directUnit)).toBe('direct-1');
    expect(reviewUnitIdOf(county.bureau)).toBeNull();
  });

  it('lists the active holders of a role', () => {
    const people = [
      ...county.everyone,
      aPerson({ id: 'gone', unitId: 'center-1', roles: ['officer'], active: false }),
    ];
    expect(holdersOf('center-1', 'officer', people).map((p) => p.id)).toEqual(['officer-1']);
  });
});

describe('accountability gaps (rules §2.3)', () => {
  const center = county.center;
  const full = county.everyone;

  it('a township center with head, deputy, officer and opinion officer has no gap', () => {
    expect(accountabilityGaps(center, full)).toEqual([]);
  });

  it('names every missing duty of a township center', () => {
    expect(accountabilityGaps(center, []).map((g) => g.code)).toEqual([
      'MISSING_HEAD',
      'MISSING_DEPUTY',
      'MISSING_OFFICER',
      'MISSING_OPINION_OFFICER',
    ]);
  });

  it('wants exactly one head and exactly one opinion officer', () => {
    const people = [
      ...full,
      someone('head-2', 'center-1', 'head'),
      someone('op-2', 'center-1', 'opinion_officer'),
    ];
    expect(accountabilityGaps(center, people).map((g) => [g.code, g.holders])).toEqual([
      ['MULTIPLE_HEADS', 2],
      ['MULTIPLE_OPINION_OFFICERS', 2],
    ]);
  });

  it('does not count people who left', () => {
    const people = full.map((p) => (p.id === 'officer-1' ? { ...p, active: false } : p));
    expect(accountabilityGaps(center, people).map((g) => g.code)).toEqual(['MISSING_OFFICER']);
  });

  it('a direct unit follows the same rules', () => {
    expect(accountabilityGaps(county.directUnit, full)).toEqual([]);
    expect(accountabilityGaps(county.directUnit, []).length).toBe(4);
  });

  it('a school needs an officer', () => {
    expect(accountabilityGaps(county.school, full)).toEqual([]);
    expect(accountabilityGaps(county.school, []).map((g) => g.code)).toEqual(['MISSING_OFFICER']);
  });

  it('the bureau has no such gaps', () => {
    expect(accountabilityGaps(county.bureau, [])).toEqual([]);
  });

  it('a unit whose only possible reviewer is also its officer has no independent reviewer', () => {
    const people = [
      someone('solo', 'direct-1', 'head', 'deputy', 'officer'),
      someone('op', 'direct-1', 'opinion_officer'),
    ];
    const gaps = accountabilityGaps(county.directUnit, people);
    expect(gaps.map((g) => g.code)).toEqual(['NO_INDEPENDENT_REVIEWER']);
    expect(gaps[0]?.message).toContain('solo');
  });

  it('two people who each write and review can review each other', () => {
    const people = [
      someone('a', 'direct-1', 'head', 'officer'),
      someone('b', 'direct-1', 'deputy', 'officer'),
      someone('op', 'direct-1', 'opinion_officer'),
    ];
    expect(accountabilityGaps(county.directUnit, people)).toEqual([]);
  });
});

describe('the escalation chain: officer → deputy → head → bureau reviewer → bureau leader', () => {
  it('resolves every link of a township center to people', () => {
    const chain = escalationChain('center-1', county.units, county.everyone);
    expect(chain.map((l) => [l.link, l.unitId, l.people.map((p) => p.id)])).toEqual([
      ['officer', 'center-1', ['officer-1']],
      ['deputy', 'center-1', ['deputy-1']],
      ['head', 'center-1', ['head-1']],
      ['reviewer', 'bureau', ['reviewer-1']],
      ['leader', 'bureau', ['leader-1']],
    ]);
  });

  it("takes a school's missing deputy and head from its township center", () => {
    const chain = escalationChain('school-1', county.units, county.everyone);
    expect(chain.map((l) => [l.link, l.unitId])).toEqual([
      ['officer', 'school-1'],
      ['deputy', 'center-1'],
      ['head', 'center-1'],
      ['reviewer', 'bureau'],
      ['leader', 'bureau'],
    ]);
  });

  it('skips a link nobody holds', () => {
    const people = county.everyone.filter((p) => p.id !== 'deputy-d');
    expect(escalationChain('direct-1', county.units, people).map((l) => l.link)).toEqual([
      'officer',
      'head',
      'reviewer',
      'leader',
    ]);
  });

  it('gives the next link above the current one, or null at the top', () => {
    expect(nextInChain('center-1', null, county.units, county.everyone)?.link).toBe('officer');
    expect(nextInChain('center-1', 'deputy', county.units, county.everyone)?.link).toBe('head');
    expect(nextInChain('center-1', 'head', county.units, county.everyone)?.people[0]?.id).toBe(
      'reviewer-1',
    );
    expect(nextInChain('center-1', 'leader', county.units, county.everyone)).toBeNull();
    expect(nextInChain('unknown', null, county.units, [])).toBeNull();
  });
});
