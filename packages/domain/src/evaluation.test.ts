import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluate,
  Evaluator,
  unitEvaluationOf,
  type EvaluationInput,
  type UnitEvaluation,
} from './evaluation.js';
import type { Unit } from './org.js';
import type { Period } from './period.js';
import { formatStatusReason } from './messages.js';
import { itemScore, toMicro, type Adoption } from './scoring.js';
import {
  aCounty,
  anAdjustment,
  anAdoption,
  anUnreportedMajor,
  aScheme,
  aSubmission,
  aUnit,
  DAY,
  HOUR,
  MARCH,
  SECOND,
  SEPTEMBER,
  someone,
} from './test-support/builders.js';
import { syntheticCounty } from './test-support/synthetic-county.js';
import type { Approval, Submission } from './workflow.js';

const county = aCounty();
const H1: Period = { year: 2026, kind: 'H1' };
const H2: Period = { year: 2026, kind: 'H2' };
const Y: Period = { year: 2026, kind: 'Y' };

function run(input: Partial<EvaluationInput>) {
  return evaluate({
    scheme: aScheme(),
    period: H1,
    units: county.units,
    people: county.everyone,
    submissions: [],
    adoptions: [],
    ...input,
  });
}

function unit(evaluation: ReturnType<typeof evaluate>, id: string): UnitEvaluation {
  const u = unitEvaluationOf(evaluation, id);
  if (u === null) throw new Error(`no evaluation for ${id}`);
  return u;
}

/** `n` items of a unit that reached the bureau in March, one hour after their events. */
function items(unitId: string, n: number, extra: Partial<Submission> = {}): Submission[] {
  return Array.from({ length: n }, (_, i) =>
    aSubmission({
      id: `${unitId}-s${i}`,
      unitId,
      eventAt: MARCH + i * HOUR,
      submittedToBureauAt: MARCH + i * HOUR + HOUR,
      ...extra,
    }),
  );
}

function adopt(
  ids: readonly string[],
  level: Adoption['level'] = 'county',
  extra: Partial<Adoption> = {},
): Adoption[] {
  return ids.map((id, i) =>
    anAdoption({ id: `a-${id}-${level}-${i}`, submissionIds: [id], level, ...extra }),
  );
}

const approval = (over: Partial<Approval> = {}): Approval => ({
  reviewerId: 'deputy-1',
  unitId: 'center-1',
  at: MARCH,
  revision: 1,
  edited: false,
  comment: null,
  durationMs: 10 * 60 * SECOND,
  ...over,
});

describe('who is evaluated', () => {
  it('evaluates township centers and direct units, not schools or the bureau', () => {
    const e = run({});
    expect(e.units.map((u) => u.unitId).sort()).toEqual(['center-1', 'direct-1']);
  });

  it("counts a school's items for its township center and lists the school under it", () => {
    const school = items('school-1', 2);
    const e = run({
      submissions: [...school, ...items('center-1', 1)],
      adoptions: adopt(['school-1-s0']),
    });
    const center = unit(e, 'center-1');
    expect(center.submitted).toBe(3);
    expect(center.adopted).toBe(1);
    expect(center.writers.map((w) => [w.unitId, w.submitted, w.adopted, w.itemPoints])).toEqual([
      ['center-1', 1, 0, 0.2],
      ['school-1', 2, 1, 2.4],
      ['school-2', 0, 0, 0],
    ]);
  });

  it('ignores items of unknown units and of the bureau', () => {
    const e = run({
      submissions: [
        aSubmission({ id: 'x', unitId: 'nowhere' }),
        aSubmission({ id: 'y', unitId: 'bureau' }),
      ],
    });
    expect(e.units.every((u) => u.submitted === 0)).toBe(true);
  });
});

describe('the figures of a unit', () => {
  it('counts items in the period in which they reached the bureau, and nothing that never did', () => {
    const e = run({
      submissions: [
        ...items('center-1', 2),
        aSubmission({ id: 'h2', submittedToBureauAt: SEPTEMBER }),
        aSubmission({ id: 'draft', state: 'draft', submittedToBureauAt: null }),
      ],
      adoptions: adopt(['draft']),
    });
    expect(unit(e, 'center-1').submitted).toBe(2);
    expect(unit(e, 'center-1').adopted).toBe(0);
  });

  it('counts adoptions by level in the period of their own date', () => {
    const s = items('center-1', 3);
    const e = run({
      submissions: s,
      adoptions: [
        ...adopt(['center-1-s0', 'center-1-s1'], 'city'),
        ...adopt(['center-1-s2'], 'national'),
        ...adopt(['center-1-s0'], 'province', { publishedAt: SEPTEMBER }),
      ],
    });
    const c = unit(e, 'center-1');
    expect(c.adoptedByLevel).toEqual({ bureau: 0, county: 0, city: 2, province: 0, national: 1 });
    expect(c.adopted).toBe(3);
    expect(
      unit(
        run({
          submissions: s,
          adoptions: adopt(['center-1-s0'], 'province', { publishedAt: SEPTEMBER }),
          period: H2,
        }),
        'center-1',
      ).adopted,
    ).toBe(1);
  });

  it('counts an item adopted at two levels in two halves once per period, in both stackings', () => {
    const submissions = items('center-1', 1);
    const adoptions = [
      anAdoption({ id: 'county-h1', submissionIds: ['center-1-s0'], level: 'county' }),
      anAdoption({
        id: 'city-h2',
        submissionIds: ['center-1-s0'],
        level: 'city',
        publishedAt: SEPTEMBER,
      }),
    ];
    for (const stacking of ['sum', 'highest'] as const) {
      const scheme = aScheme({ stacking });
      const year = run({ scheme, period: Y, submissions, adoptions });
      const at = (period: Period) =>
        unit(run({ scheme, period, submissions, adoptions }), 'center-1');
      const [h1, h2, y] = [at(H1), at(H2), unit(year, 'center-1')];
      // rules §6.1: 篇 once in each half and once in the year; 篇次 by level wherever dated.
      expect([h1.adopted, h2.adopted, y.adopted], stacking).toEqual([1, 1, 1]);
      expect(h1.adoptedByLevel, stacking).toMatchObject({ county: 1, city: 0 });
      expect(h2.adoptedByLevel, stacking).toMatchObject({ county: 0, city: 1 });
      expect(y.adoptedByLevel, stacking).toMatchObject({ county: 1, city: 1 });
      const author = submissions[0]!.authorIds[0];
      expect(year.officers.find((o) => o.personId === author)?.adopted, stacking).toBe(1);
    }
    // The stacking changes the points only: county 2 + city 4, or the city's 4 alone.
    const points = (stacking: 'sum' | 'highest') =>
      unit(run({ scheme: aScheme({ stacking }), period: Y, submissions, adoptions }), 'center-1')
        .breakdown.adoptions;
    expect(points('sum')).toBe(6);
    expect(points('highest')).toBe(4);
  });

  it('counts each level of each item once, however many items are adopted at every level', () => {
    const s = items('center-1', 300);
    const levels = ['bureau', 'county', 'city', 'province', 'national'] as const;
    const e = run({
      submissions: s,
      adoptions: levels.flatMap((level) => [
        ...adopt(
          s.map((x) => x.id),
          level,
        ),
        ...adopt(
          s.map((x) => x.id),
          level,
          { publishedAt: MARCH + 2 * DAY },
        ).map((a) => ({ ...a, id: `${a.id}-again` })),
      ]),
    });
    const c = unit(e, 'center-1');
    // rules §6.1: adopted counts items (篇), by level counts the levels reached (篇次).
    expect(c.adopted).toBe(300);
    expect(c.adoptedByLevel).toEqual({
      bureau: 300,
      county: 300,
      city: 300,
      province: 300,
      national: 300,
    });
  });

  it('credits an adoption to the item with exactly its id, even when two ids share a hash', () => {
    // 'item-352798' and 'item-1023240' have the same 32-bit FNV-1a hash, the id table's hash.
    const e = run({
      submissions: [
        aSubmission({ id: 'item-352798', submittedToBureauAt: MARCH }),
        aSubmission({ id: 'item-1023240', unitId: 'direct-1', submittedToBureauAt: MARCH }),
      ],
      adoptions: [...adopt(['item-1023240'], 'city'), ...adopt(['item-352798'], 'national')],
    });
    expect(unit(e, 'direct-1').adoptedByLevel).toMatchObject({ city: 1, national: 0 });
    expect(unit(e, 'center-1').adoptedByLevel).toMatchObject({ city: 0, national: 1 });
  });

  it('counts late items, returns, approvals, review depth and rubber stamps', () => {
    const e = run({
      submissions: [
        aSubmission({ id: 'late', category: 'hotspot', submittedToBureauAt: MARCH + 25 * HOUR }),
        aSubmission({
          id: 'reviewed',
          approvals: [
            approval({ edited: true }),
            approval({ comment: '核对了参会人数和时间，无误' }),
            approval({ durationMs: 30 * SECOND }),
            approval({ at: SEPTEMBER }),
          ],
          returns: [{ by: 'reviewer-1', at: MARCH, reason: '补充', stage: 'bureau_review' }],
        }),
        aSubmission({
          id: 'never',
          submittedToBureauAt: null,
          state: 'returned',
          returns: [{ by: 'deputy-1', at: MARCH, reason: '不实', stage: 'unit_review' }],
        }),
      ],
    });
    const c = unit(e, 'center-1');
    expect(c.late).toBe(1);
    expect(c.returned).toBe(2);
    expect(c.approvals).toBe(3);
    expect(c.reviewDepth).toBeCloseTo(2 / 3, 10);
    expect(c.rubberStamped).toBe(1);
    // 30 s, 10 min and 10 min from opening to approval.
    expect(c.medianMinutesToApprove).toBe(10);
    expect(unit(e, 'direct-1').reviewDepth).toBeNull();
    expect(unit(e, 'direct-1').medianMinutesToApprove).toBeNull();
  });

  it('a stock-phrase comment is not deep, and an approval never opened is a rubber stamp (rules §3.4)', () => {
    const e = run({
      submissions: [
        aSubmission({
          id: 'stamped',
          approvals: [
            approval({ comment: '同意。', durationMs: 3 * 60 * SECOND }),
            approval({ comment: '已阅', durationMs: null }),
            approval({ edited: true, durationMs: null }),
          ],
        }),
      ],
    });
    const c = unit(e, 'center-1');
    expect(c.approvals).toBe(3);
    expect(c.reviewDepth).toBeCloseTo(1 / 3, 10);
    expect(c.rubberStamped).toBe(1);
    expect(c.medianMinutesToApprove).toBe(3);
  });

  it('shows the category mix of the items', () => {
    const e = run({
      submissions: [
        aSubmission({ id: 'a', category: 'meeting' }),
        aSubmission({ id: 'b', category: 'meeting' }),
        aSubmission({ id: 'c', category: 'exemplar' }),
      ],
    });
    expect(unit(e, 'center-1').categories).toMatchObject({ meeting: 2, exemplar: 1, news: 0 });
  });

  it('gives the on-time rate of incidents discovered in the period', () => {
    const e = run({
      incidents: [
        { unitId: 'center-1', discoveredAt: MARCH, onTime: true },
        { unitId: 'school-1', discoveredAt: MARCH, onTime: false },
        { unitId: 'center-1', discoveredAt: MARCH, onTime: null },
        { unitId: 'center-1', discoveredAt: SEPTEMBER, onTime: false },
        { unitId: 'nowhere', discoveredAt: MARCH, onTime: false },
      ],
    });
    expect(unit(e, 'center-1').incidents).toBe(3);
    expect(unit(e, 'center-1').incidentOnTimeRate).toBe(0.5);
    expect(unit(e, 'direct-1').incidentOnTimeRate).toBeNull();
  });
  it('with "highest" stacking counts the higher level of two adoptions alike in value, date and id, in either order', () => {
    // Every level worth 2, so a bureau and a county adoption of the same piece tie; only a
    // repeated adoption id (which the database does not allow) makes them tie on everything.
    const scheme = aScheme({
      stacking: 'highest',
      levels: { bureau: 2, county: 2, city: 2, province: 2, national: 2 },
    });
    const submissions = items('center-1', 1);
    const twins = [
      anAdoption({ id: 'same', submissionIds: ['center-1-s0'], level: 'county' }),
      anAdoption({ id: 'same', submissionIds: ['center-1-s0'], level: 'bureau' }),
    ];
    for (const adoptions of [twins, [...twins].reverse()]) {
      const c = unit(run({ scheme, submissions, adoptions }), 'center-1');
      // The stacking decides the points; both levels were reached and both are counted.
      expect(c.adoptedByLevel).toMatchObject({ bureau: 1, county: 1 });
      expect(c.adopted).toBe(1);
      expect(c.breakdown.adoptions).toBe(2);
    }
  });
});

describe('the score of a unit', () => {
  it('is the sum of its items plus adjustments minus penalties, with a breakdown', () => {
    const e = run({
      submissions: [
        aSubmission({ id: 's1', qualityMark: { by: 'r', at: MARCH } }),
        aSubmission({ id: 'major', category: 'major', submittedToBureauAt: MARCH + 3 * HOUR }),
      ],
      adoptions: [
        anAdoption({
          submissionIds: ['s1'],
          level: 'city',
          headline: true,
          instruction: { level: 'county', at: MARCH, leader: null, note: null },
        }),
      ],
      adjustments: [
        anAdjustment({ points: 3 }),
        anAdjustment({ id: 'adj-h2', points: 9, at: SEPTEMBER }),
      ],
      unreportedMajors: [],
    });
    const c = unit(e, 'center-1');
    expect(c.breakdown).toEqual({
      reachedBureau: 0.4,
      adoptions: 8,
      quality: 2,
      instructions: 3,
      adjustments: 3,
      penalties: 5,
    });
    expect(c.score).toBeCloseTo(0.4 + 8 + 2 + 3 + 3 - 5, 10);
    expect(c.lateMajors).toBe(1);
  });

  it('agrees with the item-by-item explanation', () => {
    const submissions = [
      aSubmission({ id: 's1', qualityMark: { by: 'r', at: MARCH } }),
      aSubmission({ id: 's2', category: 'news', submittedToBureauAt: MARCH + 50 * HOUR }),
      aSubmission({ id: 's3', unitId: 'school-1' }),
    ];
    const adoptions = [
      anAdoption({
        id: 'a1',
        submissionIds: ['s1', 's2', 's3'],
        level: 'province',
        headline: true,
      }),
      anAdoption({
        id: 'a2',
        submissionIds: ['s2'],
        level: 'county',
        instruction: { level: 'city', at: MARCH, leader: null, note: null },
      }),
      anAdoption({
        id: 'a3',
        submissionIds: ['s2'],
        level: 'county',
        publishedAt: MARCH + 3 * DAY,
      }),
    ];
    const scheme = aScheme();
    const c = unit(run({ submissions, adoptions }), 'center-1');
    const sum = submissions.reduce(
      (t, s) => t + toMicro(itemScore(s, adoptions, scheme, H1).total),
      0,
    );
    expect(toMicro(c.score)).toBe(sum);
  });

  it('costs 20 points and disqualifies a unit for an unreported major event of the period', () => {
    const e = run({
      submissions: items('center-1', 12),
      adoptions: adopt(items('center-1', 6).map((s) => s.id)),
      unreportedMajors: [anUnreportedMajor(), anUnreportedMajor({ id: 'u2', eventAt: SEPTEMBER })],
    });
    const c = unit(e, 'center-1');
    expect(c.breakdown.penalties).toBe(20);
    expect(c.status).toBe('disqualified');
    expect(c.reasons.map((r) => r.code)).toEqual(['UNREPORTED_MAJOR']);
    expect(c.rank).toBeNull();
  });
});

describe('quotas (rules §5.7: per half-year 12/6 for a township center, 6/3 for a direct unit)', () => {
  it('uses the defaults by unit kind, and the sum of both halves for the year', () => {
    const e = run({});
    expect(unit(e, 'center-1').quota.target).toEqual({ submitted: 12, adopted: 6 });
    expect(unit(e, 'direct-1').quota.target).toEqual({ submitted: 6, adopted: 3 });
    expect(unit(run({ period: Y }), 'center-1').quota.target).toEqual({
      submitted: 24,
      adopted: 12,
    });
  });

  it('uses a per-unit override', () => {
    const scheme = aScheme({
      quotaOverrides: [{ unitId: 'direct-1', half: 'H1', submitted: 2, adopted: 1 }],
    });
    const e = run({ scheme, period: Y });
    expect(unit(e, 'direct-1').quota.target).toEqual({ submitted: 8, adopted: 4 });
  });

  it('reports completion as the weaker of the two ratios', () => {
    const s = items('direct-1', 6);
    const e = run({ submissions: s, adoptions: adopt([s[0]?.id ?? '']) });
    expect(unit(e, 'direct-1').quota).toMatchObject({ submitted: 6, adopted: 1, met: false });
    expect(unit(e, 'direct-1').quota.completion).toBeCloseTo(1 / 3, 10);
  });
});

describe('status and rank (rules §6.2–6.3)', () => {
  it('disqualifies a unit that submitted nothing and lists it after the ranked units without a rank', () => {
    const s = items('direct-1', 1);
    const e = run({ submissions: s });
    expect(e.units.map((u) => [u.unitId, u.rank, u.status])).toEqual([
      ['direct-1', 1, 'criticised'],
      ['center-1', null, 'disqualified'],
    ]);
    expect(unit(e, 'center-1').reasons[0]?.code).toBe('ZERO_SUBMISSIONS');
  });

  it('lists a unit merged away before the period ended only for its items, unranked and never disqualified', () => {
    const mergedIn = (at: number): Unit[] =>
      county.units.map((u) => (u.id === 'center-1' ? { ...u, deactivatedAt: at } : u));
    const withItems = run({
      units: mergedIn(MARCH),
      submissions: [...items('direct-1', 1), ...items('center-1', 2)],
    });
    expect(withItems.units.map((u) => [u.unitId, u.rank, u.status, u.deactivated])).toEqual([
      ['direct-1', 1, 'criticised', undefined],
      ['center-1', null, 'ok', true],
    ]);
    expect(unit(withItems, 'center-1')).toMatchObject({ submitted: 2 });
    expect(unit(withItems, 'center-1').reasons.map((r) => r.code)).toEqual(['DEACTIVATED']);

    // Without items in the period it is not listed at all, rather than disqualified.
    const without = run({ units: mergedIn(MARCH), submissions: items('direct-1', 1) });
    expect(without.units.map((u) => u.unitId)).toEqual(['direct-1']);

    // Merged after the period ended: evaluated for that period like any unit.
    const later = run({ units: mergedIn(SEPTEMBER), submissions: items('direct-1', 1) });
    expect(later.units.map((u) => [u.unitId, u.status])).toEqual([
      ['direct-1', 'criticised'],
      ['center-1', 'disqualified'],
    ]);
  });

  it('criticises a unit that did not meet its quota', () => {
    const e = run({
      submissions: items('center-1', 11),
      adoptions: adopt(items('center-1', 6).map((s) => s.id)),
    });
    expect(unit(e, 'center-1').status).toBe('criticised');
    expect(unit(e, 'center-1').reasons[0]).toMatchObject({
      code: 'QUOTA_NOT_MET',
      message: '未完成任务：报送 11/12，采用 6/6',
    });
  });

  function manyUnits(n: number): Unit[] {
    return [
      county.bureau,
      ...Array.from({ length: n }, (_, i) =>
        aUnit({
          id: `u${String(i).padStart(2, '0')}`,
          name: `单位${String(i).padStart(2, '0')}`,
          kind: 'direct_unit',
        }),
      ),
    ];
  }

  it('commends the top 5 units of a half-year that met their quota with a score above zero', () => {
    const units = manyUnits(8);
    const submissions = units.slice(1).flatMap((u, i) => items(u.id, 6 + i));
    const adoptions = units.slice(1).flatMap((u) => adopt(items(u.id, 3).map((s) => s.id)));
    const e = run({ units, submissions, adoptions });
    expect(e.units.map((u) => u.status)).toEqual([
      'commended',
      'commended',
      'commended',
      'commended',
      'commended',
      'ok',
      'ok',
      'ok',
    ]);
    expect(e.units.map((u) => u.unitId)).toEqual([
      'u07',
      'u06',
      'u05',
      'u04',
      'u03',
      'u02',
      'u01',
      'u00',
    ]);
    expect(e.units[5]?.reasons[0]?.code).toBe('NOT_IN_TOP_N');
  });

  it('says "among the units that met their quota" when a unit ranked above missed its quota', () => {
    const units = manyUnits(3);
    // u00 has the highest score but misses its adoption quota; u01 and u02 meet theirs.
    const e = run({
      units,
      submissions: [...items('u00', 12), ...items('u01', 6), ...items('u02', 7)],
      adoptions: [
        ...adopt(items('u00', 2).map((s) => s.id)),
        ...adopt(items('u01', 3).map((s) => s.id)),
        ...adopt(items('u02', 3).map((s) => s.id)),
      ],
      adjustments: [anAdjustment({ unitId: 'u00', points: 50 })],
    });
    expect(e.units.map((u) => [u.unitId, u.status, u.reasons[0]?.code])).toEqual([
      ['u00', 'criticised', 'QUOTA_NOT_MET'],
      ['u02', 'commended', 'TOP_N_OF_QUALIFIED'],
      ['u01', 'commended', 'TOP_N_OF_QUALIFIED'],
    ]);
    expect(unit(e, 'u02').reasons[0]).toEqual({
      code: 'TOP_N_OF_QUALIFIED',
      params: { topN: 5 },
      message: '完成任务且得分在达标单位中位列前 5 名，予以表彰',
    });
  });

  it('gives every reason its parameters, which render it in English', () => {
    const e = run({
      submissions: items('center-1', 11),
      adoptions: adopt(items('center-1', 6).map((s) => s.id)),
      unreportedMajors: [],
    });
    const quota = unit(e, 'center-1').reasons[0];
    expect(quota?.params).toEqual({
      submitted: 11,
      submittedTarget: 12,
      adopted: 6,
      adoptedTarget: 6,
    });
    expect(quota === undefined ? '' : formatStatusReason(quota, 'en')).toBe(
      'Quota not met: 11/12 submitted, 6/6 adopted',
    );
    expect(formatStatusReason({ code: 'TOP_N', params: { topN: 5 } }, 'en')).toBe(
      'Quota met and a score among the top 5: commended',
    );
    expect(formatStatusReason({ code: 'NO_SUCH_REASON', params: {} }, 'en')).toBe('NO_SUCH_REASON');
  });

  it('keeps the plain "top N" when every unit ranked above met its quota', () => {
    const units = manyUnits(2);
    const e = run({
      units,
      submissions: [...items('u00', 6), ...items('u01', 7)],
      adoptions: [
        ...adopt(items('u00', 3).map((s) => s.id)),
        ...adopt(items('u01', 3).map((s) => s.id)),
      ],
    });
    expect(e.units.map((u) => u.reasons[0]?.code)).toEqual(['TOP_N', 'TOP_N']);
    expect(e.units[0]?.reasons[0]?.message).toBe('完成任务且得分位列前 5 名，予以表彰');
  });

  it('commends the top 10 for the year', () => {
    const units = manyUnits(12);
    const submissions = units.slice(1).flatMap((u) => items(u.id, 12));
    const adoptions = units.slice(1).flatMap((u) => adopt(items(u.id, 6).map((s) => s.id)));
    const e = run({ units, submissions, adoptions, period: Y });
    expect(e.units.filter((u) => u.status === 'commended')).toHaveLength(10);
  });

  it('skips criticised units when commending and never commends a score of zero or less', () => {
    const units = manyUnits(2);
    const e = run({
      units,
      submissions: [...items('u00', 6), ...items('u01', 6)],
      adoptions: adopt(items('u01', 3).map((s) => s.id)),
      adjustments: [anAdjustment({ unitId: 'u01', points: -100 })],
    });
    expect(unit(e, 'u00').status).toBe('criticised');
    expect(unit(e, 'u01').status).toBe('ok');
    expect(unit(e, 'u01').reasons[0]?.code).toBe('SCORE_NOT_POSITIVE');
  });

  it('breaks ties by adopted count at the highest level, then earlier average submission, then name', () => {
    const units = [
      county.bureau,
      aUnit({ id: 'b', name: '乙', kind: 'direct_unit' }),
      aUnit({ id: 'a', name: '甲', kind: 'direct_unit' }),
      aUnit({ id: 'c', name: '丙', kind: 'direct_unit' }),
      aUnit({ id: 'd', name: '丁', kind: 'direct_unit' }),
    ];
    // All score 4.2: 甲 with a city adoption, the others with a county headline (2 × 2).
    const submissions = [
      aSubmission({ id: 'a1', unitId: 'a' }),
      aSubmission({ id: 'b1', unitId: 'b' }),
      aSubmission({ id: 'c1', unitId: 'c', submittedToBureauAt: MARCH + 2 * HOUR }),
      aSubmission({ id: 'd1', unitId: 'd', submittedToBureauAt: MARCH + 2 * HOUR }),
    ];
    const adoptions = [
      anAdoption({ id: 'x1', submissionIds: ['a1'], level: 'city' }),
      anAdoption({ id: 'x2', submissionIds: ['b1'], level: 'county', headline: true }),
      anAdoption({ id: 'x3', submissionIds: ['c1'], level: 'county', headline: true }),
      anAdoption({ id: 'x4', submissionIds: ['d1'], level: 'county', headline: true }),
    ];
    const e = run({ units, submissions, adoptions });
    expect(e.units.map((u) => [u.name, u.score, u.rank])).toEqual([
      ['甲', 4.2, 1],
      ['乙', 4.2, 2],
      // Same score, level and time: by name in code-point order (丁 U+4E01 before 丙 U+4E19).
      ['丁', 4.2, 3],
      ['丙', 4.2, 4],
    ]);
  });
});

describe('the officer ranking (优秀信息员)', () => {
  it("splits an item's points evenly among its authors and commends the top 10", () => {
    const people = [
      ...county.everyone,
      ...Array.from({ length: 11 }, (_, i) => someone(`w${i}`, 'direct-1', 'officer')),
    ];
    const submissions = [
      aSubmission({ id: 'co', authorIds: ['officer-1', 'officer-s1'] }),
      ...Array.from({ length: 11 }, (_, i) =>
        aSubmission({ id: `w${i}`, unitId: 'direct-1', authorIds: [`w${i}`] }),
      ),
    ];
    const adoptions = [
      anAdoption({ submissionIds: ['co'], level: 'province' }),
      ...Array.from({ length: 11 }, (_, i) =>
        anAdoption({
          id: `aw${i}`,
          submissionIds: [`w${i}`],
          level: 'bureau',
          publishedAt: MARCH + i * HOUR,
        }),
      ),
    ];
    const e = run({ people, submissions, adoptions });
    expect(e.officers[0]).toMatchObject({
      personId: 'officer-1',
      name: 'officer-1',
      score: 4.1,
      items: 1,
      adopted: 1,
      rank: 1,
      commended: true,
    });
    expect(e.officers[1]).toMatchObject({ personId: 'officer-s1', score: 4.1, rank: 2 });
    expect(e.officers).toHaveLength(13);
    expect(e.officers.filter((o) => o.commended)).toHaveLength(10);
    expect(e.officers.at(-1)?.commended).toBe(false);
  });

  it('names an author who is not in the people list by id', () => {
    const e = run({ people: [], submissions: [aSubmission({ authorIds: ['ghost'] })] });
    expect(e.officers[0]).toMatchObject({ personId: 'ghost', name: 'ghost', unitId: 'center-1' });
  });
});

describe('evaluation invariants', () => {
  const unitIds = ['center-1', 'school-1', 'school-2', 'direct-1', 'x'] as const;
  const levels = ['bureau', 'county', 'city', 'province', 'national'] as const;
  const categories = ['news', 'hotspot', 'major', 'exemplar'] as const;
  const YEAR_START = Date.UTC(2025, 11, 31, 16);
  const YEAR_MS = 365 * DAY;
  const submissionArb = fc.record({
    unit: fc.constantFrom(...unitIds),
    category: fc.constantFrom(...categories),
    eventOffset: fc.integer({ min: 0, max: YEAR_MS - 1 }),
    delay: fc.integer({ min: 0, max: 72 * HOUR }),
    reached: fc.boolean(),
    quality: fc.boolean(),
    authors: fc.subarray(['o1', 'o2', 'o3'], { minLength: 1 }),
    approvals: fc.array(
      fc.record({
        edited: fc.boolean(),
        comment: fc.constantFrom(null, '好', '同意！', '核对了人数与时间，照片已换'),
        duration: fc.option(fc.integer({ min: 0, max: 120 })),
      }),
      { maxLength: 2 },
    ),
  });
  const adoptionArb = fc.record({
    targets: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
    level: fc.constantFrom(...levels),
    headline: fc.boolean(),
    offset: fc.integer({ min: 0, max: YEAR_MS - 1 }),
    instruction: fc.option(
      fc.constantFrom('county', 'city', 'province', 'national') as fc.Arbitrary<'county'>,
    ),
  });
  const worldArb = fc.record({
    submissions: fc.array(submissionArb, { minLength: 1, maxLength: 25 }),
    adoptions: fc.array(adoptionArb, { maxLength: 25 }),
    adjustments: fc.array(
      fc.record({
        unit: fc.constantFrom(...unitIds),
        points: fc.integer({ min: -5, max: 5 }),
        offset: fc.integer({ min: 0, max: YEAR_MS - 1 }),
      }),
      { maxLength: 4 },
    ),
    stacking: fc.constantFrom('sum' as const, 'highest' as const),
  });
  type World = typeof worldArb extends fc.Arbitrary<infer W> ? W : never;

  function build(world: World) {
    const submissions = world.submissions.map((s, i) => {
      const eventAt = YEAR_START + s.eventOffset;
      const reachedAt = Math.min(eventAt + s.delay, YEAR_START + YEAR_MS - 1);
      return aSubmission({
        id: `s${i}`,
        unitId: s.unit,
        category: s.category,
        eventAt,
        submittedToBureauAt: s.reached ? reachedAt : null,
        qualityMark: s.quality ? { by: 'r', at: reachedAt } : null,
        authorIds: s.authors,
        approvals: s.approvals.map((a) =>
          approval({
            at: eventAt,
            edited: a.edited,
            comment: a.comment,
            durationMs: a.duration === null ? null : a.duration * SECOND,
          }),
        ),
      });
    });
    const adoptions = world.adoptions.map((a, i) =>
      anAdoption({
        id: `a${i}`,
        submissionIds: [...new Set(a.targets.map((t) => `s${t % submissions.length}`))],
        level: a.level,
        headline: a.headline,
        publishedAt: YEAR_START + a.offset,
        instruction:
          a.instruction === null
            ? null
            : { level: a.instruction, at: YEAR_START + a.offset, leader: null, note: null },
      }),
    );
    const adjustments = world.adjustments.map((a, i) =>
      anAdjustment({ id: `j${i}`, unitId: a.unit, points: a.points, at: YEAR_START + a.offset }),
    );
    const scheme = aScheme({ stacking: world.stacking });
    return {
      scheme,
      submissions,
      adoptions,
      adjustments,
      units: county.units,
      people: county.everyone,
    };
  }

  function shuffle<T>(list: readonly T[], seed: number): T[] {
    const out = [...list];
    let x = seed || 1;
    for (let i = out.length - 1; i > 0; i--) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const j = x % (i + 1);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  it('ranking is deterministic under any permutation of the input', () => {
    fc.assert(
      fc.property(
        worldArb,
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom(H1, H2, Y),
        (world, seed, period) => {
          const input = build(world);
          const a = evaluate({ ...input, period });
          const b = evaluate({
            ...input,
            period,
            units: shuffle(input.units, seed),
            people: shuffle(input.people, seed + 1),
            submissions: shuffle(input.submissions, seed + 2),
            adoptions: shuffle(input.adoptions, seed + 3),
            adjustments: shuffle(input.adjustments, seed + 4),
          });
          expect(b.units.map((u) => [u.unitId, u.rank, u.status, u.score])).toEqual(
            a.units.map((u) => [u.unitId, u.rank, u.status, u.score]),
          );
          expect(b.officers.map((o) => [o.personId, o.rank, o.score])).toEqual(
            a.officers.map((o) => [o.personId, o.rank, o.score]),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  // Within a half-year an earlier adoption at a level the item already reached in the other
  // half takes that level's credit (the same level counts once per item), so the invariant
  // holds for the period that contains every date: the year.
  it("adding an adoption never lowers a unit's score for the year", () => {
    fc.assert(
      fc.property(worldArb, adoptionArb, (world, extra) => {
        const before = evaluate({ ...build(world), period: Y });
        const after = evaluate({
          ...build({ ...world, adoptions: [...world.adoptions, extra] }),
          period: Y,
        });
        for (const u of before.units) {
          expect(unit(after, u.unitId).score).toBeGreaterThanOrEqual(u.score);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("the year's counts and scores equal the sum of its two halves, items adopted in both once", () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const input = build(world);
        const h1 = evaluate({ ...input, period: H1 });
        const h2 = evaluate({ ...input, period: H2 });
        const y = evaluate({ ...input, period: Y });
        for (const u of y.units) {
          const a = unit(h1, u.unitId);
          const b = unit(h2, u.unitId);
          for (const key of [
            'submitted',
            'late',
            'returned',
            'approvals',
            'rubberStamped',
            'lateMajors',
          ] as const) {
            expect(u[key]).toBe(a[key] + b[key]);
          }
          for (const level of levels)
            expect(u.adoptedByLevel[level]).toBe(a.adoptedByLevel[level] + b.adoptedByLevel[level]);
          // rules §6.1: an item adopted in both halves counts once in the year.
          expect(u.adopted).toBeLessThanOrEqual(a.adopted + b.adopted);
          expect(u.adopted).toBeGreaterThanOrEqual(Math.max(a.adopted, b.adopted));
          expect(toMicro(u.score)).toBe(toMicro(a.score) + toMicro(b.score));
          expect(u.quota.target.submitted).toBe(
            a.quota.target.submitted + b.quota.target.submitted,
          );
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never modifies its input', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const input = build(world);
        const snapshot = JSON.stringify(input);
        evaluate({ ...input, period: Y });
        expect(JSON.stringify(input)).toBe(snapshot);
      }),
      { numRuns: 50 },
    );
  });
});

describe('memory', () => {
  const MB = 2 ** 20;
  const collect = (globalThis as { gc?: () => void }).gc;
  /** Bytes in use on the heap and in array buffers after full collections. */
  const settled = async (): Promise<number> => {
    if (collect === undefined) throw new Error('run with --expose-gc (vitest.config.ts does)');
    for (let k = 0; k < 3; k++) {
      collect();
      // Array buffers are freed by background threads after a collection; let them finish.
      await new Promise((done) => setTimeout(done, 20));
    }
    const m = process.memoryUsage();
    return m.heapUsed + m.external;
  };
  const shape = {
    units: 300,
    townshipCenters: 24,
    directUnits: 36,
    incidents: 500,
    adjustments: 100,
    unreportedMajors: 2,
  };
  const large: EvaluationInput = {
    ...syntheticCounty({ ...shape, submissions: 50_000, adoptions: 75_000 }, 11),
    scheme: aScheme(),
    period: Y,
  };
  const small: EvaluationInput = {
    ...syntheticCounty({ ...shape, submissions: 500, adoptions: 750 }, 12),
    scheme: aScheme(),
    period: Y,
  };

  it('keeps nothing once evaluate has returned: at most 1 MB after a county of 50,000 items', async () => {
    // Compiled first on a small county, so that the measure holds only what evaluations keep.
    evaluate(small);
    const before = await settled();
    for (let k = 0; k < 3; k++) evaluate(large);
    expect((await settled()) - before).toBeLessThanOrEqual(MB);
  });

  it('leaves working tables to an Evaluator, which keeps them until it is dropped', async () => {
    new Evaluator().evaluate(small);
    const before = await settled();
    let evaluator: Evaluator | null = new Evaluator();
    evaluator.evaluate(large);
    // The measure sees tables that are kept: the evaluator's, for 50,000 items.
    expect((await settled()) - before).toBeGreaterThan(4 * MB);
    evaluator = null;
    expect((await settled()) - before).toBeLessThanOrEqual(MB);
  });
});
