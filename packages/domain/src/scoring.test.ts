import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatScoreLine } from './messages.js';
import {
  addInstruction,
  adjustmentsInForce,
  adoptionPoints,
  counterAdjustment,
  createAdjustment,
  itemScore,
  netAdjustment,
  recordAdoption,
  type AdoptionInput,
} from './scoring.js';
import {
  aCounty,
  anAdjustment,
  anAdoption,
  aScheme,
  aSubmission,
  DAY,
  HOUR,
  MARCH,
  SEPTEMBER,
} from './test-support/builders.js';

const { people: p } = aCounty();
const scheme = aScheme();

describe('adoption points (rules §5.1 defaults)', () => {
  it.each([
    ['bureau', 1],
    ['county', 2],
    ['city', 4],
    ['province', 8],
    ['national', 15],
  ] as const)('a %s adoption is worth %d', (level, points) => {
    expect(adoptionPoints(anAdoption({ level }), false, scheme)).toBe(points);
  });

  it('a headline doubles the level points', () => {
    expect(adoptionPoints(anAdoption({ level: 'city', headline: true }), false, scheme)).toBe(8);
  });

  it('a late item gets half, after the headline multiplier', () => {
    expect(adoptionPoints(anAdoption({ level: 'city', headline: true }), true, scheme)).toBe(4);
  });

  it('a merged piece shares its points equally among its items', () => {
    expect(
      adoptionPoints(
        anAdoption({ level: 'province', submissionIds: ['a', 'b', 'c', 'd'] }),
        false,
        scheme,
      ),
    ).toBe(2);
  });
});

describe('the score of an item, explained', () => {
  it('is 0.2 for reaching the bureau', () => {
    const score = itemScore(aSubmission(), [], scheme);
    expect(score.total).toBe(0.2);
    expect(score.lines).toEqual([
      expect.objectContaining({ kind: 'reached_bureau', points: 0.2, counted: true }),
    ]);
  });

  it('is nothing for an item that never reached the bureau', () => {
    expect(
      itemScore(aSubmission({ submittedToBureauAt: null, state: 'draft' }), [anAdoption()], scheme)
        .total,
    ).toBe(0);
  });

  it('adds 精品 +2 once, adoptions, and leader instructions by level', () => {
    const s = aSubmission({ qualityMark: { by: 'reviewer-1', at: MARCH } });
    const adoptions = [
      anAdoption({ id: 'a-1', level: 'county' }),
      anAdoption({
        id: 'a-2',
        level: 'city',
        headline: true,
        instruction: { level: 'city', at: MARCH + 2 * DAY, leader: '副市长', note: null },
      }),
    ];
    const score = itemScore(s, adoptions, scheme);
    // 0.2 + 2 (精品) + 2 (county) + 4×2 (city headline) + 5 (city instruction)
    expect(score.total).toBe(17.2);
    expect(score.lines.map((l) => l.kind)).toEqual([
      'reached_bureau',
      'quality',
      'adoption',
      'adoption',
      'instruction',
    ]);
    expect(score.lines[3]?.explanation).toBe('市级采用 4 × 头版头条 2 = 8');
  });

  it.each([
    ['county', 3],
    ['city', 5],
    ['province', 10],
    ['national', 20],
  ] as const)('a %s leader instruction adds %d', (level, bonus) => {
    const a = anAdoption({ instruction: { level, at: MARCH, leader: null, note: null } });
    expect(itemScore(aSubmission(), [a], scheme).total).toBeCloseTo(0.2 + 2 + bonus, 10);
  });

  it('halves the adoption points of a late item but not its bonuses', () => {
    const late = aSubmission({
      category: 'news',
      qualityMark: { by: 'r', at: MARCH },
      submittedToBureauAt: MARCH + 49 * HOUR,
    });
    const a = anAdoption({
      level: 'city',
      instruction: { level: 'county', at: MARCH, leader: null, note: null },
    });
    const score = itemScore(late, [a], scheme);
    expect(score.late).toBe(true);
    // 0.2 + 2 + 4 × 0.5 + 3
    expect(score.total).toBe(7.2);
    expect(score.lines.find((l) => l.kind === 'adoption')?.explanation).toBe(
      '市级采用 4 × 迟报 0.5 = 2',
    );
  });

  it('counts the same level once per item, keeping the best adoption', () => {
    const score = itemScore(
      aSubmission(),
      [
        anAdoption({ id: 'a-1', level: 'county' }),
        anAdoption({ id: 'a-2', level: 'county', headline: true }),
      ],
      scheme,
    );
    expect(score.total).toBe(4.2);
    expect(score.lines.find((l) => l.adoptionId === 'a-1')).toMatchObject({
      counted: false,
      notCountedReason: 'same_level',
      points: 0,
    });
  });

  it('adds several levels up with stacking "sum"', () => {
    const adoptions = [
      anAdoption({ id: 'a', level: 'bureau' }),
      anAdoption({ id: 'b', level: 'county' }),
      anAdoption({ id: 'c', level: 'national' }),
    ];
    expect(itemScore(aSubmission(), adoptions, scheme).total).toBe(18.2);
  });

  it('counts only the highest level reached with stacking "highest"', () => {
    const adoptions = [
      anAdoption({ id: 'a', level: 'bureau' }),
      anAdoption({ id: 'b', level: 'province' }),
    ];
    const score = itemScore(aSubmission(), adoptions, aScheme({ stacking: 'highest' }));
    expect(score.total).toBe(8.2);
    expect(score.lines.find((l) => l.adoptionId === 'a')?.notCountedReason).toBe('below_highest');
  });

  it('shares a merged piece between its items, and says so', () => {
    const a = anAdoption({ level: 'city', submissionIds: ['s-1', 's-2'] });
    const score = itemScore(aSubmission(), [a], scheme);
    expect(score.total).toBe(2.2);
    expect(score.lines[1]?.explanation).toBe('市级采用 4 ÷ 综合稿 2 篇 = 2');
  });

  it('explains every line in English too, from the same message keys', () => {
    const late = aSubmission({
      category: 'news',
      qualityMark: { by: 'r', at: MARCH },
      submittedToBureauAt: MARCH + 49 * HOUR,
    });
    const merged = anAdoption({
      level: 'city',
      headline: true,
      submissionIds: ['s-1', 's-2'],
      instruction: { level: 'county', at: MARCH, leader: null, note: null },
    });
    const lines = itemScore(late, [merged], scheme).lines;
    expect(lines.map((l) => l.explanation)).toEqual([
      '报送到局 0.2',
      '精品 +2',
      '市级采用 4 × 头版头条 2 × 迟报 0.5 ÷ 综合稿 2 篇 = 2',
      '县级领导批示 3 ÷ 综合稿 2 篇 = 1.5',
    ]);
    expect(lines.map((l) => formatScoreLine(l, 'en'))).toEqual([
      'Reached the bureau 0.2',
      'Quality mark +2',
      'City adoption 4 × front-page headline 2 × late 0.5 ÷ 2 merged items = 2',
      'County leader instruction 3 ÷ 2 merged items = 1.5',
    ]);
    expect(lines[2]?.terms).toEqual([
      { key: 'SCORE.ADOPTION', params: { level: 'city', points: 4 } },
      { key: 'SCORE.HEADLINE', params: { factor: 2 } },
      { key: 'SCORE.LATE', params: { factor: 0.5 } },
      { key: 'SCORE.SHARED', params: { count: 2 } },
      { key: 'SCORE.RESULT', params: { points: 2 } },
    ]);
    for (const line of lines) expect(formatScoreLine(line, 'zh-CN')).toBe(line.explanation);
  });

  it('scores each line in the period of its own date', () => {
    const s = aSubmission({ qualityMark: { by: 'r', at: MARCH } });
    const a = anAdoption({ level: 'county', publishedAt: SEPTEMBER });
    const h1 = itemScore(s, [a], scheme, { year: 2026, kind: 'H1' });
    const h2 = itemScore(s, [a], scheme, { year: 2026, kind: 'H2' });
    const year = itemScore(s, [a], scheme, { year: 2026, kind: 'Y' });
    expect(h1.total).toBe(2.2);
    expect(h2.total).toBe(2);
    expect(year.total).toBe(4.2);
    expect(h2.lines[0]?.notCountedReason).toBe('outside_period');
  });

  it('ignores adoptions of other items', () => {
    expect(itemScore(aSubmission(), [anAdoption({ submissionIds: ['other'] })], scheme).total).toBe(
      0.2,
    );
  });
});

describe('recording an adoption', () => {
  const atBureau = [aSubmission({ id: 's-1' }), aSubmission({ id: 's-2', state: 'adopted' })];
  const input: AdoptionInput = {
    id: 'a-1',
    submissionIds: ['s-1'],
    level: 'city',
    outlet: '《市日报》',
    page: '第 2 版',
    publishedAt: MARCH,
  };

  it('keeps the proof: outlet, page or link, date and screenshot', () => {
    const r = recordAdoption(
      { ...input, screenshot: 'shots/1.png', headline: true },
      atBureau,
      p.reviewer,
      MARCH + HOUR,
    );
    expect(r.ok && r.value).toMatchObject({
      outlet: '《市日报》',
      page: '第 2 版',
      link: null,
      screenshot: 'shots/1.png',
      headline: true,
      recordedBy: 'reviewer-1',
      recordedAt: MARCH + HOUR,
    });
  });

  it('may credit several submissions merged into one piece', () => {
    const r = recordAdoption(
      { ...input, submissionIds: ['s-1', 's-2'] },
      atBureau,
      p.reviewer,
      MARCH,
    );
    expect(r.ok && r.value.submissionIds).toEqual(['s-1', 's-2']);
  });

  it.each([
    ['a unit person', { actor: p.centerHead }, 'ADOPTION.NOT_BUREAU_REVIEWER'],
    ['no outlet', { outlet: ' ' }, 'ADOPTION.PROOF_REQUIRED'],
    ['neither page nor link', { page: null, link: '' }, 'ADOPTION.PROOF_REQUIRED'],
    ['an unknown level', { level: 'global' }, 'ADOPTION.UNKNOWN_LEVEL'],
    ['no credited item', { submissionIds: [] }, 'ADOPTION.BAD_CREDITS'],
    ['a repeated item', { submissionIds: ['s-1', 's-1'] }, 'ADOPTION.BAD_CREDITS'],
    ['an unknown item', { submissionIds: ['nope'] }, 'ADOPTION.UNKNOWN_SUBMISSION'],
    ['an invalid date', { publishedAt: Number.NaN }, 'ADOPTION.INVALID_DATE'],
    [
      'an unknown instruction level',
      { instruction: { level: 'town', at: MARCH, leader: null, note: null } },
      'ADOPTION.UNKNOWN_LEVEL',
    ],
  ])('refuses %s', (_name, change, code) => {
    const { actor = p.reviewer, ...rest } = change as Record<string, unknown> & {
      actor?: typeof p.reviewer;
    };
    const r = recordAdoption(
      { ...input, ...(rest as Partial<AdoptionInput>) },
      atBureau,
      actor,
      MARCH,
    );
    expect(!r.ok && r.error.map((e) => e.code)).toEqual([code]);
  });

  it('lists every problem of the input at once, each with its field', () => {
    const r = recordAdoption(
      {
        ...input,
        level: 'global' as 'city',
        outlet: '',
        page: null,
        publishedAt: Number.NaN,
        submissionIds: ['s-1', 'nope', 'draft'],
      },
      [...atBureau, aSubmission({ id: 'draft', state: 'draft', submittedToBureauAt: null })],
      p.centerHead,
      MARCH,
    );
    expect(!r.ok && r.error.map((e) => `${e.path ?? ''} ${e.code}`)).toEqual([
      ' ADOPTION.NOT_BUREAU_REVIEWER',
      'level ADOPTION.UNKNOWN_LEVEL',
      'outlet ADOPTION.PROOF_REQUIRED',
      'page ADOPTION.PROOF_REQUIRED',
      'publishedAt ADOPTION.INVALID_DATE',
      'submissionIds ADOPTION.UNKNOWN_SUBMISSION',
      'submissionIds ADOPTION.NOT_AT_BUREAU',
    ]);
  });

  it('refuses an item that has not reached the bureau', () => {
    const r = recordAdoption(
      input,
      [aSubmission({ id: 's-1', state: 'unit_review', submittedToBureauAt: null })],
      p.reviewer,
      MARCH,
    );
    expect(!r.ok && r.error.map((e) => e.code)).toEqual(['ADOPTION.NOT_AT_BUREAU']);
  });

  it('adds a leader instruction later, once', () => {
    const instruction = {
      level: 'province',
      at: MARCH + 10 * DAY,
      leader: '省厅',
      note: '值得推广',
    } as const;
    const r = addInstruction(anAdoption(), instruction, p.reviewer);
    expect(r.ok && r.value.instruction).toEqual(instruction);
    if (!r.ok) return;
    expect(!addInstruction(r.value, instruction, p.reviewer).ok).toBe(true);
    const byUnit = addInstruction(anAdoption(), instruction, p.centerHead);
    expect(!byUnit.ok && byUnit.error.map((e) => e.code)).toEqual(['ADOPTION.NOT_BUREAU_REVIEWER']);
    const bad = addInstruction(anAdoption(), { ...instruction, level: 'x' as 'city' }, p.reviewer);
    expect(!bad.ok && bad.error.map((e) => e.code)).toEqual(['ADOPTION.UNKNOWN_LEVEL']);
    const all = addInstruction(r.value, { ...instruction, level: 'x' as 'city' }, p.centerHead);
    expect(!all.ok && all.error.map((e) => e.code)).toEqual([
      'ADOPTION.NOT_BUREAU_REVIEWER',
      'ADOPTION.UNKNOWN_LEVEL',
      'ADOPTION.INSTRUCTION_EXISTS',
    ]);
  });
});

describe('adjustments (加分/扣分)', () => {
  it('a bureau admin records one with a reason', () => {
    const r = createAdjustment(
      { id: 'j', unitId: 'center-1', points: -2, reason: '数据造假', at: MARCH },
      p.admin,
      MARCH + DAY,
    );
    expect(r.ok && r.value).toMatchObject({
      points: -2,
      by: 'admin-1',
      countersId: null,
      recordedAt: MARCH + DAY,
    });
  });

  it('refuses someone who is not an admin, a missing reason and zero points', () => {
    const make = (points: number, reason: string, actor = p.admin): string | true => {
      const r = createAdjustment(
        { id: 'j', unitId: 'center-1', points, reason, at: MARCH },
        actor,
        MARCH,
      );
      return r.ok || r.error.map((e) => e.code).join(' ');
    };
    expect(make(1, 'x', p.reviewer)).toBe('ADJUSTMENT.NOT_ADMIN');
    expect(make(1, ' ')).toBe('ADJUSTMENT.REASON_REQUIRED');
    expect(make(0, 'x')).toBe('ADJUSTMENT.INVALID_POINTS');
    expect(make(Number.NaN, '', p.reviewer)).toBe(
      'ADJUSTMENT.NOT_ADMIN ADJUSTMENT.REASON_REQUIRED ADJUSTMENT.INVALID_POINTS',
    );
  });

  it('is never deleted: revoking records a counter in the same period', () => {
    const original = anAdjustment({ points: 3 });
    const r = counterAdjustment(
      original,
      [original],
      { id: 'adj-2', reason: '重复加分' },
      p.admin,
      SEPTEMBER,
    );
    expect(r.ok && r.value).toMatchObject({
      points: -3,
      at: original.at,
      countersId: 'adj-1',
      unitId: 'center-1',
    });
    if (!r.ok) return;
    expect(adjustmentsInForce([original, r.value])).toEqual([]);
    const twice = counterAdjustment(
      original,
      [original, r.value],
      { id: 'adj-3', reason: 'x' },
      p.admin,
      SEPTEMBER,
    );
    expect(!twice.ok && twice.error.map((e) => e.code)).toEqual(['ADJUSTMENT.ALREADY_COUNTERED']);
    const ofCounter = counterAdjustment(
      r.value,
      [original, r.value],
      { id: 'adj-3', reason: 'x' },
      p.admin,
      SEPTEMBER,
    );
    expect(!ofCounter.ok && ofCounter.error.map((e) => e.code)).toEqual(['ADJUSTMENT.IS_COUNTER']);
    const noReason = counterAdjustment(
      original,
      [original],
      { id: 'adj-3', reason: '' },
      p.admin,
      SEPTEMBER,
    );
    expect(!noReason.ok && noReason.error.map((e) => e.code)).toEqual([
      'ADJUSTMENT.REASON_REQUIRED',
    ]);
    const notAdmin = counterAdjustment(
      original,
      [original],
      { id: 'adj-3', reason: 'x' },
      p.reviewer,
      SEPTEMBER,
    );
    expect(!notAdmin.ok && notAdmin.error.map((e) => e.code)).toEqual(['ADJUSTMENT.NOT_ADMIN']);
  });

  it('a countered adjustment nets to zero, whatever its points', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -100, max: 100, noNaN: true }).filter((x) => x !== 0),
        fc.integer({ min: 0, max: 20 }),
        (points, others) => {
          const original = anAdjustment({ points });
          const r = counterAdjustment(
            original,
            [original],
            { id: 'c', reason: '撤销' },
            p.admin,
            MARCH,
          );
          if (!r.ok) throw new Error(r.error.map((e) => e.code).join(', '));
          const rest = Array.from({ length: others }, (_, i) =>
            anAdjustment({ id: `o${i}`, points: i - 5 }),
          );
          expect(netAdjustment([original, r.value, ...rest])).toBe(netAdjustment(rest));
          expect(netAdjustment([original, r.value], { year: 2026, kind: 'H1' })).toBe(0);
        },
      ),
    );
  });
});
