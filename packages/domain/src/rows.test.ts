import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluation.js';
import { formatError } from './messages.js';
import { ROW_SCHEMAS } from './row-schemas.js';
import {
  validateAdoptionRows,
  validateCounty,
  validateItemRows,
  validatePersonRows,
  validateUnitRows,
} from './rows.js';
import { defaultScheme } from './scheme.js';
import { shanghaiMidnight } from './period.js';

const units = [
  { id: 'bureau', name: '县教体局', kind: 'bureau' },
  {
    id: 'hexi',
    name: '河西镇中心校',
    kind: 'township_center',
    parentId: 'bureau',
    staffCount: '80',
  },
  { id: 'hexi-1', name: '河西一小', kind: 'school', parentId: 'hexi', directReporting: '否' },
  { id: 'yizhong', name: '县第一高级中学', kind: 'direct_unit', parentId: 'bureau' },
];
const people = [
  { id: 'li', name: '李信息员', unitId: 'hexi-1', roles: 'officer' },
  { id: 'zhao', name: '赵副校长', unitId: 'hexi', roles: 'deputy；head' },
  { id: 'chen', name: '陈信息员', unitId: 'yizhong', roles: ['officer'], active: true },
];
const items = [
  {
    id: 'item-1',
    unitId: 'hexi-1',
    authorIds: 'li',
    category: 'activity',
    eventAt: '2026-03-10 09:00',
    submittedToBureauAt: '2026-03-10 11:30',
    quality: '是',
    title: '河西一小开展春季安全教育',
  },
  {
    id: 'item-2',
    unitId: 'yizhong',
    authorIds: ['chen'],
    category: 'meeting',
    eventAt: shanghaiMidnight(2026, 3, 11) + 9 * 3_600_000,
    submittedToBureauAt: '',
  },
];
const adoptions = [
  {
    id: 'ad-1',
    submissionIds: 'item-1',
    level: 'city',
    headline: 'true',
    publishedAt: '2026-03-12',
    instructionLevel: 'county',
    instructionAt: '2026-04-02 10:00',
  },
];

/** The problems of a failed validation as `path: code`, for short expectations. */
function problems(result: {
  readonly ok: boolean;
  readonly error?: readonly { readonly path?: string; readonly code: string }[];
}): string[] {
  return result.ok ? [] : (result.error ?? []).map((e) => `${e.path ?? ''}: ${e.code}`);
}

describe('unit, person, item and adoption rows', () => {
  it('read JSON values and spreadsheet text alike, with defaults for what is left out', () => {
    const u = validateUnitRows(units);
    expect(u.ok && u.value[1]).toEqual({
      id: 'hexi',
      name: '河西镇中心校',
      kind: 'township_center',
      parentId: 'bureau',
      staffCount: 80,
      studentCount: 0,
      directReporting: false,
    });
    expect(u.ok && u.value[0]?.parentId).toBeNull();
    const p = validatePersonRows(people);
    expect(p.ok && p.value.map((x) => [x.id, x.roles, x.active])).toEqual([
      ['li', ['officer'], true],
      ['zhao', ['deputy', 'head'], true],
      ['chen', ['officer'], true],
    ]);
    const s = validateItemRows(items);
    expect(s.ok && s.value[0]).toEqual({
      id: 'item-1',
      unitId: 'hexi-1',
      authorIds: ['li'],
      category: 'activity',
      eventAt: Date.parse('2026-03-10T01:00:00Z'),
      submittedToBureauAt: Date.parse('2026-03-10T03:30:00Z'),
      qualityMark: { by: '', at: Date.parse('2026-03-10T03:30:00Z') },
      approvals: [],
      returns: [],
    });
    expect(s.ok && s.value[1]?.submittedToBureauAt).toBeNull();
    expect(s.ok && s.value[1]?.qualityMark).toBeNull();
    const a = validateAdoptionRows(adoptions);
    expect(a.ok && a.value[0]).toEqual({
      id: 'ad-1',
      submissionIds: ['item-1'],
      level: 'city',
      headline: true,
      publishedAt: Date.parse('2026-03-11T16:00:00Z'),
      instruction: { level: 'county', at: Date.parse('2026-04-02T02:00:00Z') },
    });
  });

  it('read the nested forms a Submission and an Adoption hold', () => {
    const s = validateItemRows([
      {
        ...items[0],
        quality: undefined,
        qualityMark: { by: 'wang', at: 1_773_120_000_000 },
        approvals: [
          {
            reviewerId: 'zhao',
            unitId: 'hexi',
            at: '2026-03-10 10:00',
            edited: true,
            durationMs: 300_000,
          },
        ],
        returns: [{ by: 'zhao', at: '2026-03-10 09:40', reason: '请补充图片' }],
      },
    ]);
    expect(s.ok && s.value[0]?.qualityMark).toEqual({ by: 'wang', at: 1_773_120_000_000 });
    expect(s.ok && s.value[0]?.approvals?.[0]).toMatchObject({
      edited: true,
      revision: 1,
      comment: null,
    });
    expect(s.ok && s.value[0]?.returns?.[0]?.stage).toBe('unit_review');
    const a = validateAdoptionRows([
      {
        id: 'ad-2',
        submissionIds: ['item-1', 'item-2'],
        level: 'county',
        publishedAt: 0,
        instruction: { level: 'city', at: 5 },
      },
    ]);
    expect(a.ok && a.value[0]?.instruction).toEqual({ level: 'city', at: 5 });
    expect(a.ok && a.value[0]?.headline).toBe(false);
  });

  it('return every problem at once, each with its row and field', () => {
    const result = validateItemRows([
      { id: 'x1', unitId: 'hexi', category: 'gossip', eventAt: '2026-02-30 09:00' },
      { unitId: 'hexi', category: 'news', eventAt: '2026/03/10', authorIds: 'li;li' },
      'not a row',
      {
        id: 'x1',
        unitId: 'hexi',
        category: 'news',
        eventAt: 1,
        quality: 'maybe',
        approvals: [{ at: 'soon' }],
      },
    ]);
    expect(problems(result)).toEqual([
      'items[0].category: ROWS.INVALID_VALUE',
      'items[0].eventAt: ROWS.INVALID_VALUE',
      'items[1].id: ROWS.REQUIRED',
      'items[1].authorIds: ROWS.INVALID_VALUE',
      'items[1].eventAt: ROWS.INVALID_VALUE',
      'items[2]: ROWS.NOT_AN_OBJECT',
      'items[3].quality: ROWS.INVALID_VALUE',
      'items[3].approvals[0].reviewerId: ROWS.REQUIRED',
      'items[3].approvals[0].unitId: ROWS.REQUIRED',
      'items[3].approvals[0].at: ROWS.INVALID_VALUE',
      'items[3].id: ROWS.REPEATED_ID',
    ]);
    const messages = result.ok ? [] : result.error.map((e) => e.message);
    expect(messages[1]).toBe(
      '稿件表第 1 行：eventAt 应为形如 2026-03-10 09:00 的北京时间或毫秒时间戳，而不是“2026-02-30 09:00”',
    );
    expect(messages[0]).toBe(
      '稿件表第 1 行：category 的值“gossip”无效，可选：news, activity, meeting, exemplar, experience, hotspot, major',
    );
    expect(messages.at(-1)).toBe('稿件表第 4 行：编号“x1”与第 1 行重复');
    expect(result.ok ? '' : formatError(result.error[2] ?? result.error[0]!, 'en')).toBe(
      'Row 2 of items: id is missing',
    );
  });

  it('refuse a table that is not a list, and empty credits of an adoption', () => {
    expect(problems(validateUnitRows({ id: 'bureau' }))).toEqual(['units: ROWS.NOT_A_LIST']);
    expect(
      problems(
        validateAdoptionRows([{ id: 'a', submissionIds: [], level: 'city', publishedAt: 0 }]),
      ),
    ).toEqual(['adoptions[0].submissionIds: ROWS.REQUIRED']);
    expect(
      problems(
        validateAdoptionRows([
          { id: 'a', submissionIds: 'x', level: 'city', publishedAt: 0, instructionLevel: 'city' },
        ]),
      ),
    ).toEqual(['adoptions[0].instructionAt: ROWS.REQUIRED']);
    expect(
      problems(validatePersonRows([{ id: 'p', name: 'P', unitId: 'u', roles: 'officer;boss' }])),
    ).toEqual(['people[0].roles: ROWS.INVALID_VALUE']);
  });
});

describe('a county of rows', () => {
  it('is checked as a whole and evaluates like rows built by hand', () => {
    const county = validateCounty({ units, people, items, adoptions });
    expect(problems(county)).toEqual([]);
    if (!county.ok) return;
    const evaluation = evaluate({
      scheme: defaultScheme(2026),
      period: { year: 2026, kind: 'H1' },
      ...county.value,
    });
    const hexi = evaluation.units.find((u) => u.unitId === 'hexi');
    // 0.2 reached + city 4 × headline 2 + 精品 2 + county instruction 3.
    expect(hexi?.score).toBe(13.2);
    expect(evaluation.officers.map((o) => [o.name, o.score])).toEqual([['李信息员', 13.2]]);
  });

  it('reports repeated ids and adoptions dated before their item reached the bureau', () => {
    const county = validateCounty({
      units,
      people,
      items: [...items, { ...items[0], authorIds: 'chen' }],
      adoptions: [
        { ...adoptions[0], publishedAt: '2026-03-10 11:00' },
        { id: 'ad-2', submissionIds: 'item-2', level: 'bureau', publishedAt: '2026-03-12' },
        { id: 'ad-3', submissionIds: 'item-9', level: 'bureau', publishedAt: '2026-03-12' },
      ],
    });
    expect(problems(county)).toEqual([
      'items[2].id: ROWS.REPEATED_ID',
      'adoptions[0].publishedAt: ROWS.ADOPTED_BEFORE_BUREAU',
      'adoptions[1].submissionIds: ROWS.NOT_AT_BUREAU',
      'adoptions[2].submissionIds: ROWS.UNKNOWN_REFERENCE',
    ]);
    const messages = county.ok ? [] : county.error.map((e) => e.message);
    expect(messages[1]).toBe(
      '采用表第 1 行：刊发时间 2026-03-10 11:00 早于稿件“item-1”报送到局的时间 2026-03-10 11:30',
    );
    expect(messages[3]).toBe('采用表第 3 行：submissionIds 所指的“item-9”不在稿件表中');
  });

  it('reports units, people and items that would count for no unit', () => {
    const county = validateCounty({
      units: [
        ...units,
        { id: 'lost', name: '无主小学', kind: 'school', parentId: 'yizhong' },
        { id: 'odd', name: '某校', kind: 'school', parentId: 'gone' },
      ],
      people: [...people, { id: 'wu', name: '吴', unitId: 'nowhere' }],
      items: [
        ...items,
        { id: 'item-3', unitId: 'bureau', category: 'news', eventAt: 0 },
        { id: 'item-4', unitId: 'mars', category: 'news', eventAt: 0 },
      ],
      adoptions,
    });
    expect(problems(county)).toEqual([
      'units[4].parentId: ROWS.SCHOOL_WITHOUT_CENTER',
      'units[5].parentId: ROWS.UNKNOWN_REFERENCE',
      'people[3].unitId: ROWS.UNKNOWN_REFERENCE',
      'items[2].unitId: ROWS.BUREAU_ITEM',
      'items[3].unitId: ROWS.UNKNOWN_REFERENCE',
    ]);
  });
});

describe('the rows as JSON Schemas', () => {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });

  it('ship as the files in schemas/', () => {
    for (const [name, schema] of Object.entries(ROW_SCHEMAS)) {
      const file = new URL(`../schemas/${name}.schema.json`, import.meta.url);
      expect(JSON.parse(readFileSync(file, 'utf8')), name).toEqual(schema);
    }
  });

  it('accept the rows the validators accept and refuse what they refuse by shape', () => {
    const check = (name: keyof typeof ROW_SCHEMAS, row: unknown): boolean =>
      ajv.validate(ROW_SCHEMAS[name], row);
    expect(units.every((u) => check('unit-row', u))).toBe(true);
    expect(people.every((p) => check('person-row', p))).toBe(true);
    expect(items.every((s) => check('item-row', s))).toBe(true);
    expect(adoptions.every((a) => check('adoption-row', a))).toBe(true);
    expect(check('unit-row', { id: 'x', name: 'X', kind: 'village' })).toBe(false);
    expect(
      check('item-row', { id: 'x', unitId: 'u', category: 'news', eventAt: '2026/03/10' }),
    ).toBe(false);
    expect(check('item-row', { id: 'x', unitId: 'u', category: 'news' })).toBe(false);
    expect(
      check('adoption-row', {
        id: 'x',
        submissionIds: ['s'],
        level: 'city',
        publishedAt: 1,
        headline: 'perhaps',
      }),
    ).toBe(false);
    expect(check('person-row', { id: 'p', name: 'P', unitId: 'u', roles: ['boss'] })).toBe(false);
  });
});
