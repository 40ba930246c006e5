import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Unit } from '../org.js';
import { periodRange, type Period } from '../period.js';
import type { Scheme } from '../scheme.js';
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
} from '../test-support/builders.js';
import { syntheticCounty } from '../test-support/synthetic-county.js';
import {
  ADOPTION_LEVELS,
  CATEGORIES,
  INSTRUCTION_LEVELS,
  type InstructionLevel,
} from '../vocabulary.js';
import { evaluateWithEngine, Evaluator } from './engine.js';
import { evaluateByRules } from './rules.js';
import type { EvaluationInput } from './types.js';

const county = aCounty();
/** A second township center with a school, a school of a direct unit and one of nowhere. */
const units: Unit[] = [
  ...county.units,
  aUnit({ id: 'center-2', name: '东关镇中心校' }),
  aUnit({ id: 'school-3', name: '东关一小', kind: 'school', parentId: 'center-2' }),
  aUnit({ id: 'school-4', name: '附属小学', kind: 'school', parentId: 'direct-1' }),
  aUnit({ id: 'school-5', name: '无主小学', kind: 'school', parentId: 'gone' }),
  aUnit({ id: 'direct-2', name: '县职业中学', kind: 'direct_unit' }),
];
/** The same id listed twice: the later unit receives the items. */
const twice: Unit = aUnit({ id: 'direct-2', name: '县职业中学（新）', kind: 'direct_unit' });

const unitIds = [...units.map((u) => u.id), 'nowhere'];
const itemIds = Array.from({ length: 12 }, (_, i) => `s${i}`);
const personIds = ['officer-1', 'officer-s1', 'officer-d', 'ghost-1', 'ghost-2'];

/**
 * Instants around the edges of the periods of 2026 and a few inside, so that dates fall on,
 * just before and just after a boundary, and often tie.
 */
const { start: Y0, end: Y1 } = periodRange(2026, 'Y');
const { start: H2 } = periodRange(2026, 'H2');
const instants = [Y0 - 1, Y0, Y0 + HOUR, H2 - DAY, H2 - 1, H2, H2 + 3 * DAY, Y1 - 1, Y1];
const anInstant = fc.oneof(
  { arbitrary: fc.constantFrom(...instants), weight: 3 },
  { arbitrary: fc.integer({ min: Y0 - 10 * DAY, max: Y1 + 10 * DAY }), weight: 1 },
);
const aDelay = fc.oneof(
  fc.constantFrom(0, 2 * HOUR, 2 * HOUR + 1, 24 * HOUR, 24 * HOUR + 1, 48 * HOUR + 1),
  fc.integer({ min: 0, max: 10 * DAY }),
);

const submissionArb = (tied: boolean) =>
  fc.record({
    id: tied ? fc.constantFrom('s0', 's1', 's2') : fc.constantFrom(...itemIds),
    unitId: fc.constantFrom(...unitIds),
    category: fc.constantFrom(...CATEGORIES),
    eventAt: anInstant,
    delay: aDelay,
    reached: fc.boolean(),
    quality: fc.boolean(),
    authors: fc.array(fc.constantFrom(...personIds), { maxLength: 3 }),
    approvals: fc.array(
      fc.record({
        at: anInstant,
        edited: fc.boolean(),
        comment: fc.boolean(),
        seconds: fc.option(fc.integer({ min: 0, max: 120 })),
      }),
      { maxLength: 2 },
    ),
    returns: fc.array(anInstant, { maxLength: 2 }),
  });

/**
 * Adoptions; `tied` draws them from tiny pools (two ids, two dates, single items) so that two
 * adoptions of one item often tie on value, date and id at different levels.
 */
const adoptionArb = (tied: boolean) =>
  fc.record({
    id: tied ? fc.constantFrom('a0', 'a1') : fc.constantFrom('a0', 'a1', 'a2', 'a3', 'a4'),
    // Merged pieces name several items, sometimes one twice, sometimes one that does not exist.
    submissionIds: tied
      ? fc.tuple(fc.constantFrom('s0', 's1'))
      : fc.array(fc.constantFrom(...itemIds, 'missing'), { minLength: 1, maxLength: 4 }),
    level: fc.constantFrom(...ADOPTION_LEVELS),
    headline: tied ? fc.constant(false) : fc.boolean(),
    publishedAt: tied ? fc.constantFrom(H2 - 1, H2) : anInstant,
    instruction: fc.option(
      fc.record({
        level: fc.constantFrom<InstructionLevel>(...INSTRUCTION_LEVELS),
        after: tied ? fc.constant(0) : fc.integer({ min: 0, max: 60 * DAY }),
      }),
    ),
  });

/** The default scheme's numbers, or flat ones (every level worth the same) that make ties. */
const schemeArb = (tied: boolean) =>
  fc
    .record({
      stacking: fc.constantFrom('sum' as const, 'highest' as const),
      flat: tied ? fc.constant(true) : fc.boolean(),
      topN: fc.integer({ min: 0, max: 3 }),
      lateFactor: fc.constantFrom(0.5, 1, 0.3),
    })
    .map(({ stacking, flat, topN, lateFactor }): Scheme => {
      const base = aScheme({ stacking });
      return {
        ...base,
        levels: flat ? { bureau: 2, county: 2, city: 2, province: 2, national: 2 } : base.levels,
        headlineMultiplier: flat ? 1 : base.headlineMultiplier,
        instructionBonus: flat
          ? { county: 3, city: 3, province: 3, national: 3 }
          : base.instructionBonus,
        timeliness: { ...base.timeliness, lateFactor },
        commend: { halfYearTopN: topN, yearTopN: topN + 1, officerTopN: topN },
      };
    });

const inputArb = (tied: boolean) =>
  fc
    .record({
      scheme: schemeArb(tied),
      period: fc.constantFrom<Period>(
        { year: 2026, kind: 'H1' },
        { year: 2026, kind: 'H2' },
        { year: 2026, kind: 'Y' },
      ),
      listTwice: fc.boolean(),
      // rules §6.2: units merged away (撤并) at instants around the periods' edges.
      merged: fc.array(fc.record({ id: fc.constantFrom(...unitIds), at: anInstant }), {
        maxLength: 2,
      }),
      submissions: fc.array(submissionArb(tied), { maxLength: tied ? 8 : 30 }),
      adoptions: fc.array(adoptionArb(tied), { maxLength: tied ? 8 : 30 }),
      adjustments: fc.array(
        fc.record({
          unitId: fc.constantFrom(...unitIds),
          points: fc.constantFrom(-3, -0.5, 0.1, 0.2, 2),
          at: anInstant,
        }),
        { maxLength: 4 },
      ),
      unreported: fc.array(fc.record({ unitId: fc.constantFrom(...unitIds), eventAt: anInstant }), {
        maxLength: 2,
      }),
      incidents: fc.array(
        fc.record({
          unitId: fc.constantFrom(...unitIds),
          discoveredAt: anInstant,
          onTime: fc.option(fc.boolean()),
        }),
        { maxLength: 4 },
      ),
    })
    .map((w): EvaluationInput => ({
      scheme: w.scheme,
      period: w.period,
      units: (w.listTwice ? [...units, twice] : units).map((u) => {
        const merged = w.merged.find((m) => m.id === u.id);
        return merged === undefined ? u : { ...u, deactivatedAt: merged.at };
      }),
      people: county.everyone,
      submissions: w.submissions.map((s) => {
        const reachedAt = s.eventAt + s.delay;
        return aSubmission({
          id: s.id,
          unitId: s.unitId,
          category: s.category,
          eventAt: s.eventAt,
          submittedToBureauAt: s.reached ? reachedAt : null,
          qualityMark: s.quality ? { by: 'reviewer-1', at: reachedAt } : null,
          authorIds: s.authors,
          approvals: s.approvals.map((a) => ({
            reviewerId: 'deputy-1',
            unitId: 'center-1',
            at: a.at,
            revision: 1,
            edited: a.edited,
            comment: a.comment ? (a.edited ? '已审阅' : '标题与第二段数字已核对无误') : null,
            durationMs: a.seconds === null ? null : a.seconds * 1000,
          })),
          returns: s.returns.map((at) => ({
            by: 'deputy-1',
            at,
            reason: '请补充',
            stage: 'unit_review' as const,
          })),
        });
      }),
      adoptions: w.adoptions.map((a) =>
        anAdoption({
          id: a.id,
          submissionIds: a.submissionIds,
          level: a.level,
          headline: a.headline,
          publishedAt: a.publishedAt,
          instruction:
            a.instruction === null
              ? null
              : {
                  level: a.instruction.level,
                  at: a.publishedAt + a.instruction.after,
                  leader: null,
                  note: null,
                },
        }),
      ),
      adjustments: w.adjustments.map((j, i) =>
        anAdjustment({ id: `j${i}`, unitId: j.unitId, points: j.points, at: j.at }),
      ),
      unreportedMajors: w.unreported.map((u, i) =>
        anUnreportedMajor({ id: `u${i}`, unitId: u.unitId, eventAt: u.eventAt }),
      ),
      incidents: w.incidents,
    }));

describe('the engine and the rules', () => {
  it('give deep-equal evaluations for thousands of random inputs', () => {
    fc.assert(
      fc.property(inputArb(false), (input) => {
        expect(evaluateWithEngine(input)).toStrictEqual(evaluateByRules(input));
      }),
      { numRuns: 3000 },
    );
  });

  it('read a row without its optional fields as one with them empty (rules §6.7)', () => {
    /** The input as plain rows hold it: empty lists, null marks and false flags left out. */
    const plain = (input: EvaluationInput): EvaluationInput => ({
      ...input,
      submissions: input.submissions.map((s) => ({
        id: s.id,
        unitId: s.unitId,
        authorIds: s.authorIds,
        category: s.category,
        eventAt: s.eventAt,
        submittedToBureauAt: s.submittedToBureauAt,
        ...((s.qualityMark ?? null) !== null ? { qualityMark: s.qualityMark } : {}),
        ...((s.approvals ?? []).length > 0 ? { approvals: s.approvals } : {}),
        ...((s.returns ?? []).length > 0 ? { returns: s.returns } : {}),
      })),
      adoptions: input.adoptions.map((a) => ({
        id: a.id,
        submissionIds: a.submissionIds,
        level: a.level,
        publishedAt: a.publishedAt,
        ...(a.headline === true ? { headline: true } : {}),
        ...((a.instruction ?? null) !== null ? { instruction: a.instruction } : {}),
      })),
    });
    fc.assert(
      fc.property(inputArb(false), (input) => {
        const full = evaluateByRules(input);
        expect(evaluateWithEngine(plain(input))).toStrictEqual(full);
        expect(evaluateByRules(plain(input))).toStrictEqual(full);
      }),
      { numRuns: 500 },
    );
  });

  it('break full ties (same value, date and adoption id) the same way', () => {
    fc.assert(
      fc.property(inputArb(true), (input) => {
        expect(evaluateWithEngine(input)).toStrictEqual(evaluateByRules(input));
      }),
      { numRuns: 1000 },
    );
  });

  it('agree on a synthetic county of 6,000 items, in both stacking modes and every period', () => {
    const synthetic = syntheticCounty(
      {
        units: 60,
        townshipCenters: 12,
        directUnits: 12,
        submissions: 6_000,
        adoptions: 8_000,
        incidents: 200,
        adjustments: 40,
        unreportedMajors: 2,
      },
      7,
      true,
    );
    for (const stacking of ['sum', 'highest'] as const) {
      for (const kind of ['H1', 'H2', 'Y'] as const) {
        const input: EvaluationInput = {
          ...synthetic,
          scheme: aScheme({ stacking }),
          period: { year: 2026, kind },
        };
        expect(evaluateWithEngine(input)).toStrictEqual(evaluateByRules(input));
      }
    }
  });
});

describe('an Evaluator', () => {
  it("gives every evaluation of a sequence the rules' result, its tables reused in between", () => {
    const evaluator = new Evaluator();
    fc.assert(
      fc.property(fc.array(inputArb(false), { minLength: 1, maxLength: 4 }), (inputs) => {
        for (const input of inputs) {
          expect(evaluator.evaluate(input)).toStrictEqual(evaluateByRules(input));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('shrinks back to a small county after a large one and grows again', () => {
    const evaluator = new Evaluator();
    const shape = {
      units: 40,
      townshipCenters: 10,
      directUnits: 9,
      incidents: 50,
      adjustments: 10,
      unreportedMajors: 1,
    };
    const scheme = aScheme();
    const period: Period = { year: 2026, kind: 'Y' };
    for (const submissions of [20, 10_000, 30, 5_000, 0, 12]) {
      const input: EvaluationInput = {
        ...syntheticCounty({ ...shape, submissions, adoptions: submissions * 1.5 }, submissions),
        scheme,
        period,
      };
      expect(evaluator.evaluate(input)).toStrictEqual(evaluateByRules(input));
    }
  });
});
