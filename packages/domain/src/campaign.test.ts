import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignCampaignUnit,
  campaignActions,
  campaignMetrics,
  campaignTimeline,
  campaignUnitActions,
  canRecordFor,
  canViewFor,
  defaultCampaignRules,
  publicFundCapOf,
  recordSubscription,
  recordableUnits,
  subscriptionAmountFen,
  unitsAssignedTo,
  validateCampaignSettings,
  validateCampaignTargets,
  validateCatalogue,
  type SubscriptionInput,
} from './campaign.js';
import type { Unit } from './org.js';
import {
  CAMPAIGN_DEADLINE,
  DAY,
  T0,
  aCampaign,
  aPerson,
  aRecord,
  aUnit,
  anEntry,
  catalogue,
  county,
  person,
  shanghai,
} from './test-support/ops-builders.js';

function unit(id: string): Unit {
  const found = county.units.find((u) => u.id === id);
  if (found === undefined) throw new Error(id);
  return found;
}

const postal = aPerson('postal', 'bureau', []);
const assignments = [{ unitId: 'town1', personId: 'postal' }];

describe('the default campaign numbers (rules §8.3)', () => {
  it('asks 0.3 copies per staff member and flags units below 50 % two weeks before the deadline', () => {
    expect(defaultCampaignRules).toEqual({
      perCapitaTarget: 0.3,
      laggingShare: 0.5,
      laggingLeadMs: 14 * DAY,
    });
  });
});

describe('validating a catalogue', () => {
  const valid = { year: 2027, entries: catalogue.entries };

  it('accepts a well-formed catalogue and trims its text', () => {
    const r = validateCatalogue({
      year: 2027,
      entries: [{ ...anEntry({ id: ' a ', title: ' 中国教育报 ' }), recommended: undefined }],
    });
    expect(r.ok && r.value.entries[0]).toMatchObject({
      id: 'a',
      title: '中国教育报',
      recommended: false,
    });
    expect(validateCatalogue(valid).ok).toBe(true);
  });

  it('returns every problem with its path', () => {
    const r = validateCatalogue({
      year: 1900,
      entries: [
        {
          id: '',
          title: '',
          postalCode: '3612',
          publisher: '',
          category: 'comic',
          yearlyPriceFen: 0,
          required: 'yes',
        },
        'not an entry',
      ],
    });
    expect(r.ok ? [] : r.error.map((e) => e.path)).toEqual([
      'year',
      'entries[0].id',
      'entries[0].title',
      'entries[0].postalCode',
      'entries[0].publisher',
      'entries[0].category',
      'entries[0].yearlyPriceFen',
      'entries[0].required',
      'entries[1]',
    ]);
  });

  it('accepts postal codes like 36-12 and 82-1002 and refuses other shapes', () => {
    for (const code of ['36-12', '1-1', '82-1002']) {
      expect(
        validateCatalogue({ year: 2027, entries: [anEntry({ id: 'a', postalCode: code })] }).ok,
      ).toBe(true);
    }
    for (const code of ['36_12', '361-2', '36-12345', '', 'ab-cd']) {
      expect(
        validateCatalogue({ year: 2027, entries: [anEntry({ id: 'a', postalCode: code })] }).ok,
      ).toBe(false);
    }
  });

  it('refuses a duplicate id or postal code, pointing at the first one', () => {
    const r = validateCatalogue({
      year: 2027,
      entries: [anEntry({ id: 'a', postalCode: '1-1' }), anEntry({ id: 'a', postalCode: '1-1' })],
    });
    expect(r.ok ? [] : r.error.map((e) => [e.path, e.details?.['firstAt']])).toEqual([
      ['entries[1].id', 'entries[0]'],
      ['entries[1].postalCode', 'entries[0]'],
    ]);
  });

  it('refuses a student title marked required', () => {
    const r = validateCatalogue({
      year: 2027,
      entries: [anEntry({ id: 'a', category: 'student', required: true })],
    });
    expect(r.ok ? [] : r.error).toEqual([
      expect.objectContaining({ code: 'CAMPAIGN.STUDENT_MANDATORY', path: 'entries[0].required' }),
    ]);
  });

  it('refuses something that is not a catalogue at all', () => {
    expect(validateCatalogue(null).ok).toBe(false);
    const r = validateCatalogue({ year: 2027, entries: {} });
    expect(r.ok ? [] : r.error.map((e) => e.path)).toEqual(['entries']);
  });
});

describe('validating campaign settings', () => {
  it('fills the default numbers', () => {
    const r = validateCampaignSettings({
      year: 2027,
      deadline: CAMPAIGN_DEADLINE,
      publicFundCapFen: 200_000,
    });
    expect(r.ok && r.value).toEqual({
      year: 2027,
      deadline: CAMPAIGN_DEADLINE,
      publicFundCapFen: 200_000,
      perCapitaTarget: 0.3,
      laggingShare: 0.5,
      laggingLeadMs: 14 * DAY,
    });
  });

  it('names every bad setting', () => {
    const r = validateCampaignSettings({
      year: 27,
      deadline: 'soon',
      perCapitaTarget: -1,
      publicFundCapFen: 10.5,
      laggingShare: 2,
      laggingLeadMs: Number.NaN,
    });
    expect(r.ok ? [] : r.error.map((e) => e.path)).toEqual([
      'year',
      'deadline',
      'perCapitaTarget',
      'publicFundCapFen',
      'laggingShare',
      'laggingLeadMs',
    ]);
    expect(validateCampaignSettings('x').ok).toBe(false);
  });
});

describe('validating targets', () => {
  const validate = (targets: Parameters<typeof validateCampaignTargets>[0]) =>
    validateCampaignTargets(targets, { units: county.units, catalogue });
  const paths = (r: ReturnType<typeof validate>) => (r.ok ? [] : r.error.map((e) => e.path));

  it('accepts targets for township centers and direct units', () => {
    expect(
      validate([
        { unitId: 'town1', requiredCopies: { party: 5 } },
        { unitId: 'direct1', perCapitaTarget: 0.5 },
      ]).ok,
    ).toBe(true);
  });

  it('names every bad target field', () => {
    const r = validate([
      { unitId: 'school1' },
      {
        unitId: 'town1',
        requiredCopies: { party: -1, edu: 2 },
        perCapitaTarget: -0.1,
        publicFundCapFen: -5,
        deadline: -1,
      },
      { unitId: 'town1' },
    ]);
    expect(paths(r)).toEqual([
      '[0].unitId',
      '[1].requiredCopies.party',
      '[1].requiredCopies.edu',
      '[1].perCapitaTarget',
      '[1].publicFundCapFen',
      '[1].deadline',
      '[2].unitId',
    ]);
  });
});

describe('who may record subscriptions for a unit', () => {
  it("lets a unit's head, deputy and officer record for it", () => {
    for (const id of ['t1-head', 't1-dep', 't1-off'])
      expect(canRecordFor(person(id), unit('town1'), [])).toBe(true);
  });

  it('lets a township center record for its schools, not for another township', () => {
    expect(canRecordFor(person('t1-off'), unit('school1'), [])).toBe(true);
    expect(canRecordFor(person('t1-off'), unit('town2'), [])).toBe(false);
    expect(canRecordFor(person('s1-off'), unit('town1'), [])).toBe(false);
  });

  it('lets the staff member a township is assigned to record for it and its schools only', () => {
    expect(canRecordFor(postal, unit('town1'), assignments)).toBe(true);
    expect(canRecordFor(postal, unit('school2'), assignments)).toBe(true);
    expect(canRecordFor(postal, unit('town2'), assignments)).toBe(false);
  });

  it('lets bureau admins record for any unit but never for the bureau itself', () => {
    expect(canRecordFor(person('adm'), unit('town2'), [])).toBe(true);
    expect(canRecordFor(person('adm'), unit('bureau'), [])).toBe(false);
  });

  it('refuses an opinion officer, a person who left, and bureau reviewers', () => {
    expect(canRecordFor(person('t1-op'), unit('town1'), [])).toBe(false);
    expect(canRecordFor(aPerson('gone', 'town1', ['head'], false), unit('town1'), [])).toBe(false);
    expect(canRecordFor(person('rev'), unit('town1'), [])).toBe(false);
  });

  it('lets bureau reviewers and leaders see every unit', () => {
    expect(canViewFor(person('rev'), unit('town2'), [])).toBe(true);
    expect(canViewFor(person('lead'), unit('school1'), [])).toBe(true);
    expect(canViewFor(person('t2-off'), unit('town1'), [])).toBe(false);
    expect(canViewFor(postal, unit('town1'), assignments)).toBe(true);
  });

  it('lists the units a staff member covers', () => {
    expect(unitsAssignedTo('postal', assignments, county.units).map((u) => u.id)).toEqual([
      'town1',
      'school1',
      'school2',
    ]);
  });
});

describe('what a person may do with a campaign (rules §8.4)', () => {
  const codes = (choice: { refused: readonly { action: string; error: { code: string } }[] }) =>
    choice.refused.map((r) => `${r.action}:${r.error.code}`);

  it('lets an admin change, assign and record, and a leader assign but not change', () => {
    expect(campaignActions(aCampaign(), person('adm')).allowed).toEqual([
      'edit',
      'assign',
      'record',
    ]);
    const lead = campaignActions(aCampaign(), person('lead'));
    expect(lead.allowed).toEqual(['assign']);
    expect(codes(lead)).toEqual(['edit:CAMPAIGN.NOT_PERMITTED', 'record:CAMPAIGN.NOT_PERMITTED']);
  });

  it('tells a reviewer why nothing is offered, and a unit only about recording', () => {
    const reviewer = campaignActions(aCampaign(), person('rev'));
    expect(reviewer.allowed).toEqual([]);
    expect(reviewer.refused.map((r) => r.action)).toEqual(['edit', 'assign', 'record']);
    expect(campaignActions(aCampaign(), person('t1-off'))).toEqual({
      allowed: ['record'],
      refused: [],
    });
    expect(codes(campaignActions(aCampaign(), person('t1-op')))).toEqual([
      'record:CAMPAIGN.NOT_PERMITTED',
    ]);
  });

  it('offers recording on the rows the person records for, and nothing to a reviewer', () => {
    const state = aCampaign({ assignments });
    expect(recordableUnits(state, postal).map((u) => u.id)).toEqual([
      'town1',
      'school1',
      'school2',
    ]);
    expect(campaignUnitActions(state, 'town1', postal).allowed).toEqual(['record']);
    expect(codes(campaignUnitActions(state, 'town2', postal))).toEqual([
      'record:CAMPAIGN.NOT_PERMITTED',
    ]);
    expect(campaignUnitActions(state, 'town1', person('rev'))).toEqual({
      allowed: [],
      refused: [],
    });
  });
});

describe('assigning townships (分包)', () => {
  it('replaces the earlier assignee of a township', () => {
    const r = assignCampaignUnit(
      assignments,
      { unitId: 'town1', personId: 'rev' },
      county,
      person('adm'),
    );
    expect(r.ok && r.value).toEqual([{ unitId: 'town1', personId: 'rev' }]);
  });

  it('is for admins and leaders only', () => {
    const r = assignCampaignUnit(
      [],
      { unitId: 'town1', personId: 'rev' },
      county,
      person('t1-head'),
    );
    expect(r.ok ? null : r.error.map((e) => e.code)).toEqual(['CAMPAIGN.NOT_PERMITTED']);
  });

  it('assigns township centers and direct units to active people only', () => {
    const bySchool = assignCampaignUnit(
      [],
      { unitId: 'school1', personId: 'rev' },
      county,
      person('lead'),
    );
    expect(bySchool.ok ? null : bySchool.error.map((e) => e.path)).toEqual(['unitId']);
    const toGhost = assignCampaignUnit(
      [],
      { unitId: 'direct1', personId: 'ghost' },
      county,
      person('lead'),
    );
    expect(toGhost.ok ? null : toGhost.error.map((e) => e.path)).toEqual(['personId']);
  });

  it('lists every problem at once', () => {
    const r = assignCampaignUnit(
      [],
      { unitId: 'school1', personId: 'ghost' },
      county,
      person('t1-head'),
    );
    expect(r.ok ? null : r.error.map((e) => e.code)).toEqual([
      'CAMPAIGN.NOT_PERMITTED',
      'CAMPAIGN.UNKNOWN_UNIT',
      'CAMPAIGN.UNKNOWN_PERSON',
    ]);
  });
});

describe('recording a subscription', () => {
  const input = (over: Partial<SubscriptionInput> = {}): SubscriptionInput => ({
    id: 'new',
    unitId: 'town1',
    titleId: 'edu',
    copies: 2,
    fundSource: 'public',
    ...over,
  });
  const record = (over: Partial<SubscriptionInput> = {}, actorId = 't1-off', state = aCampaign()) =>
    recordSubscription(state, input(over), person(actorId), T0);
  const codeOf = (r: ReturnType<typeof record>) =>
    r.ok ? null : r.error.map((e) => e.code).join(' ');

  it('records who entered it and when, and returns the new state without touching the old', () => {
    const state = aCampaign();
    const r = recordSubscription(state, input(), person('t1-off'), T0);
    expect(r.ok && r.value.record).toEqual({
      id: 'new',
      unitId: 'town1',
      titleId: 'edu',
      copies: 2,
      fundSource: 'public',
      mandatory: false,
      recordedBy: 't1-off',
      recordedAt: T0,
    });
    expect(r.ok && r.value.state.records).toHaveLength(1);
    expect(state.records).toHaveLength(0);
  });

  it('refuses zero, negative and fractional copies', () => {
    for (const copies of [0, -1, 1.5, Number.NaN]) {
      const r = record({ copies });
      expect(r.ok ? null : r.error.map((e) => [e.code, e.path])).toEqual([
        ['CAMPAIGN.INVALID_COPIES', 'copies'],
      ]);
    }
  });

  it('refuses a public-fund record over the unit cap, saying cap, already and attempted', () => {
    const state = aCampaign({
      records: [aRecord({ fundSource: 'public', titleId: 'party', copies: 8 })],
    });
    // cap 1000 元, already 800 元, attempted 5 × 50 元 = 250 元
    const r = record({ copies: 5 }, 't1-off', state);
    expect(r.ok ? null : r.error).toMatchObject([
      {
        code: 'CAMPAIGN.OVER_CAP',
        details: { cap: 100_000, already: 80_000, attempted: 25_000 },
      },
    ]);
    expect(record({ copies: 4 }, 't1-off', state).ok).toBe(true);
  });

  it('counts only public-fund records of the same unit towards the cap', () => {
    const state = aCampaign({
      records: [
        aRecord({ fundSource: 'self', titleId: 'party', copies: 50 }),
        aRecord({ unitId: 'school1', fundSource: 'public', titleId: 'party', copies: 10 }),
      ],
    });
    expect(record({ copies: 20 }, 't1-off', state).ok).toBe(true);
    expect(record({ copies: 200, fundSource: 'self' }, 't1-off', state).ok).toBe(true);
  });

  it("uses a unit's own cap when its target sets one", () => {
    const state = aCampaign({ targets: [{ unitId: 'town1', publicFundCapFen: 5_000 }] });
    expect(publicFundCapOf(state, 'town1')).toBe(5_000);
    expect(publicFundCapOf(state, 'town2')).toBe(100_000);
    expect(codeOf(record({ copies: 2 }, 't1-off', state))).toBe('CAMPAIGN.OVER_CAP');
  });

  it('refuses a student title recorded as mandatory', () => {
    const r = record({ titleId: 'kids', fundSource: 'self', mandatory: true });
    expect(r.ok ? null : r.error.map((e) => [e.code, e.path])).toEqual([
      ['CAMPAIGN.STUDENT_MANDATORY', 'mandatory'],
    ]);
    expect(record({ titleId: 'kids', fundSource: 'self' }).ok).toBe(true);
  });

  it('refuses a student title even when an unchecked catalogue marks it required', () => {
    const entries = catalogue.entries.map((e) => (e.id === 'kids' ? { ...e, required: true } : e));
    const state = aCampaign({ catalogue: { year: 2027, entries } });
    expect(codeOf(record({ titleId: 'kids', fundSource: 'self' }, 't1-off', state))).toBe(
      'CAMPAIGN.STUDENT_MANDATORY',
    );
  });

  it('refuses public funds for a title that is not eligible', () => {
    expect(codeOf(record({ titleId: 'kids' }))).toBe('CAMPAIGN.NOT_PUBLIC_FUND_ELIGIBLE');
  });

  it('refuses an actor who may not record for the unit', () => {
    expect(codeOf(record({}, 't2-off'))).toBe('CAMPAIGN.NOT_PERMITTED');
  });

  it('refuses an unknown title, an unknown unit, the bureau, a bad fund source and a reused id', () => {
    expect(codeOf(record({ titleId: 'nope' }))).toBe('CAMPAIGN.UNKNOWN_TITLE');
    expect(codeOf(record({ unitId: 'nope' }, 'adm'))).toBe('CAMPAIGN.UNKNOWN_UNIT');
    expect(codeOf(record({ unitId: 'bureau' }, 'adm'))).toBe('CAMPAIGN.UNKNOWN_UNIT');
    expect(codeOf(record({ fundSource: 'gift' }))).toBe('CAMPAIGN.INVALID_FUND_SOURCE');
    const taken = aCampaign({ records: [aRecord({ id: 'new' })] });
    expect(codeOf(record({}, 't1-off', taken))).toBe('CAMPAIGN.DUPLICATE_RECORD');
    expect(codeOf(record({ id: ' ' }))).toBe('CAMPAIGN.DUPLICATE_RECORD');
  });

  it('lists every problem of the input at once, each with its field', () => {
    const r = record({ id: '', copies: 0, fundSource: 'gift', titleId: 'nope' }, 't2-off');
    expect(r.ok ? null : r.error.map((e) => `${e.path ?? ''} ${e.code}`)).toEqual([
      'id CAMPAIGN.DUPLICATE_RECORD',
      'copies CAMPAIGN.INVALID_COPIES',
      'fundSource CAMPAIGN.INVALID_FUND_SOURCE',
      'titleId CAMPAIGN.UNKNOWN_TITLE',
      ' CAMPAIGN.NOT_PERMITTED',
    ]);
    expect(codeOf(record({ titleId: 'kids', fundSource: 'public', mandatory: true }))).toBe(
      'CAMPAIGN.STUDENT_MANDATORY CAMPAIGN.NOT_PUBLIC_FUND_ELIGIBLE',
    );
  });

  it('lets the assigned postal staff member record for a school of the township', () => {
    const r = recordSubscription(
      aCampaign({ assignments }),
      input({ unitId: 'school2' }),
      postal,
      T0,
    );
    expect(r.ok && r.value.record.recordedBy).toBe('postal');
  });
});

describe('campaign metrics', () => {
  // Staff: town1 20 + schools 40 + 40 = 100 → 30 copies; direct1 100 → 30; town2 10 → 3.
  const state = aCampaign({
    records: [
      aRecord({ unitId: 'town1', titleId: 'party', copies: 3 }),
      aRecord({ unitId: 'school1', titleId: 'edu', copies: 12, fundSource: 'public' }),
      aRecord({ unitId: 'direct1', titleId: 'party', copies: 1 }),
      aRecord({ unitId: 'direct1', titleId: 'edu', copies: 5 }),
      aRecord({ unitId: 'town2', titleId: 'party', copies: 1 }),
      aRecord({ unitId: 'town2', titleId: 'kids', copies: 3, recordedAt: T0 + 10 * DAY }),
    ],
  });
  const at = (now: number) => campaignMetrics(state, now);
  const row = (id: string, now = T0) => at(now).units.find((u) => u.unitId === id);

  it('totals copies and amounts of the records made so far', () => {
    expect(at(T0).totals).toEqual({
      copies: 22,
      amountFen: 3 * 10_000 + 12 * 5_000 + 10_000 + 5 * 5_000 + 10_000,
      publicAmountFen: 12 * 5_000,
      staffCount: 210,
      perCapitaCopies: 22 / 210,
    });
    expect(at(T0 + 10 * DAY).totals.copies).toBe(25);
  });

  it("counts a township's schools with it and its per-capita target in whole copies", () => {
    expect(row('town1')).toMatchObject({
      memberUnitIds: ['town1', 'school1', 'school2'],
      staffCount: 100,
      copies: 15,
      publicAmountFen: 60_000,
      perCapitaCopies: 0.15,
      perCapitaTargetCopies: 30,
      perCapitaCompletion: 0.5,
    });
    expect(row('town2')?.perCapitaTargetCopies).toBe(3);
  });

  it('expects each required title once per unit counted unless the target says otherwise', () => {
    expect(row('town1')?.required).toEqual([{ titleId: 'party', target: 3, copies: 3 }]);
    const custom = aCampaign({
      ...state,
      targets: [{ unitId: 'town1', requiredCopies: { party: 6 } }],
    });
    const town1 = campaignMetrics(custom, T0).units.find((u) => u.unitId === 'town1');
    expect(town1).toMatchObject({ requiredCompletion: 0.5, completion: 0.5 });
  });

  it('takes the lower of required and per-capita completion as target completion', () => {
    expect(row('direct1')).toMatchObject({
      requiredCompletion: 1,
      perCapitaCompletion: 0.2,
      completion: 0.2,
    });
    expect(row('town2', T0 + 10 * DAY)).toMatchObject({
      perCapitaCompletion: 4 / 3,
      completion: 1,
    });
  });

  it('honours a per-unit per-capita target', () => {
    const custom = aCampaign({ ...state, targets: [{ unitId: 'direct1', perCapitaTarget: 0.05 }] });
    expect(campaignMetrics(custom, T0).units.find((u) => u.unitId === 'direct1')).toMatchObject({
      perCapitaTargetCopies: 5,
      completion: 1,
    });
  });

  it('ranks by completion, then per-capita copies', () => {
    expect(at(T0 + 10 * DAY).units.map((u) => [u.unitId, u.rank])).toEqual([
      ['town2', 1],
      ['town1', 2],
      ['direct1', 3],
    ]);
  });

  it('lists units without any target after the ranked ones, without a rank', () => {
    const noTargets = aCampaign({
      catalogue: { year: 2027, entries: [] },
      units: [...county.units, aUnit({ id: 'empty', kind: 'direct_unit', staffCount: 0 })],
    });
    const units = campaignMetrics(noTargets, T0).units;
    expect(units.at(-1)).toMatchObject({
      unitId: 'empty',
      rank: null,
      completion: null,
      perCapitaCopies: null,
    });
  });

  it('flags units below half their target only from two weeks before the deadline', () => {
    const late = { ...state, settings: { ...state.settings, deadline: T0 + 14 * DAY } };
    expect(campaignMetrics(late, T0 - 1).lagging).toEqual([]);
    // town1 stands at exactly 50 %: not below half.
    expect(campaignMetrics(late, T0).lagging).toEqual(['town2', 'direct1']);
    expect(campaignMetrics(late, T0 + 10 * DAY).lagging).toEqual(['direct1']);
    expect(at(T0).lagging).toEqual([]);
    expect(CAMPAIGN_DEADLINE - 14 * DAY).toBeGreaterThan(T0);
  });

  it("uses a unit's own deadline when its target sets one", () => {
    const early = aCampaign({
      ...state,
      targets: [{ unitId: 'direct1', deadline: T0 + 14 * DAY }],
    });
    expect(campaignMetrics(early, T0).lagging).toEqual(['direct1']);
  });

  it('measures the spread between townships (进展不平衡)', () => {
    // town2 at 1, town1 at 0.5 (min of required 1 and per-capita 0.5)
    expect(at(T0 + 10 * DAY).townshipSpread).toEqual({
      count: 2,
      min: 0.5,
      max: 1,
      range: 0.5,
      mean: 0.75,
      standardDeviation: 0.25,
      minUnitId: 'town1',
      maxUnitId: 'town2',
    });
    expect(campaignMetrics(aCampaign({ units: [unit('direct1')] }), T0).townshipSpread).toBeNull();
  });

  it('prices a record as copies times the yearly price', () => {
    expect(subscriptionAmountFen(aRecord({ titleId: 'party', copies: 3 }), catalogue)).toBe(30_000);
    expect(subscriptionAmountFen(aRecord({ titleId: 'gone' }), catalogue)).toBe(0);
  });

  const records = fc.array(
    fc.record({
      unitId: fc.constantFrom('town1', 'school1', 'school2', 'direct1', 'town2'),
      titleId: fc.constantFrom('party', 'edu', 'kids'),
      copies: fc.integer({ min: 1, max: 50 }),
      fundSource: fc.constantFrom('public' as const, 'self' as const),
    }),
    { maxLength: 30 },
  );

  it('has totals equal to the sum of the records and of the units', () => {
    fc.assert(
      fc.property(records, (specs) => {
        const rs = specs.map((s) => aRecord(s));
        const m = campaignMetrics(aCampaign({ records: rs }), T0);
        const copies = rs.reduce((s, r) => s + r.copies, 0);
        const amount = rs.reduce((s, r) => s + subscriptionAmountFen(r, catalogue), 0);
        expect(m.totals.copies).toBe(copies);
        expect(m.totals.amountFen).toBe(amount);
        expect(m.units.reduce((s, u) => s + u.copies, 0)).toBe(copies);
        expect(m.units.reduce((s, u) => s + u.amountFen, 0)).toBe(amount);
      }),
    );
  });

  it('ranks the same way whatever the order of units and records', () => {
    fc.assert(
      fc.property(
        records,
        fc.func(fc.integer()),
        fc.func(fc.integer()),
        (specs, unitKey, recordKey) => {
          const rs = specs.map((s) => aRecord(s));
          const shuffle = <T>(xs: readonly T[], key: (x: T) => number) =>
            xs
              .map((x, i) => [key(x), i, x] as const)
              .sort((a, b) => a[0] - b[0] || a[1] - b[1])
              .map(([, , x]) => x);
          const base = campaignMetrics(aCampaign({ records: rs }), T0);
          const permuted = campaignMetrics(
            aCampaign({ records: shuffle(rs, recordKey), units: shuffle(county.units, unitKey) }),
            T0,
          );
          expect(permuted.units.map((u) => [u.unitId, u.rank])).toEqual(
            base.units.map((u) => [u.unitId, u.rank]),
          );
        },
      ),
    );
  });
});

describe('campaign progress over time', () => {
  const monday = shanghai('2026-03-02T00:00:00');
  const state = aCampaign({
    records: [
      aRecord({ copies: 1, titleId: 'party', recordedAt: monday - DAY }),
      aRecord({ copies: 2, recordedAt: shanghai('2026-03-02T23:59:59') }),
      aRecord({ copies: 3, recordedAt: shanghai('2026-03-04T08:00:00') }),
      aRecord({ copies: 4, unitId: 'direct1', recordedAt: shanghai('2026-03-10T08:00:00') }),
    ],
  });

  it('buckets by Shanghai day with running totals that include earlier records', () => {
    const days = campaignTimeline(state, {
      from: monday + 3_600_000,
      to: monday + 3 * DAY,
      bucket: 'day',
    });
    expect(days.map((d) => [d.start, d.copies, d.cumulativeCopies])).toEqual([
      [monday, 2, 3],
      [monday + DAY, 0, 3],
      [monday + 2 * DAY, 3, 6],
    ]);
    expect(days[2]).toMatchObject({ amountFen: 15_000, cumulativeAmountFen: 10_000 + 25_000 });
  });

  it('buckets by week starting on Monday', () => {
    const weeks = campaignTimeline(state, {
      from: shanghai('2026-03-05T12:00:00'),
      to: shanghai('2026-03-16T00:00:00'),
      bucket: 'week',
    });
    expect(weeks.map((w) => [w.start, w.end - w.start, w.copies, w.cumulativeCopies])).toEqual([
      [monday, 7 * DAY, 5, 6],
      [monday + 7 * DAY, 7 * DAY, 4, 10],
    ]);
  });

  it('follows chosen units only, and is empty for an empty range', () => {
    const days = campaignTimeline(state, {
      from: monday,
      to: monday + 14 * DAY,
      bucket: 'week',
      unitIds: ['direct1'],
    });
    expect(days.map((d) => d.copies)).toEqual([0, 4]);
    expect(campaignTimeline(state, { from: monday, to: monday, bucket: 'day' })).toEqual([]);
  });
});
