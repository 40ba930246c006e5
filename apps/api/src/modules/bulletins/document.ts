/** The document model of an official 通报, shared by the .xlsx and .docx exports (DESIGN §3.5). */
import {
  ADOPTION_LEVEL_LABELS,
  ADOPTION_LEVELS,
  CATEGORIES,
  CATEGORY_LABELS,
  periodRange,
  toShanghaiTime,
  UNIT_STATUS_LABELS,
  type Bulletin,
  type Evaluation,
  type Period,
  type UnitEvaluation,
  type Visibility,
} from '@jyxc/domain';
import { evaluationTotals } from '../evaluation/service.js';

const LEVEL_NAMES = ADOPTION_LEVEL_LABELS['zh-CN'];
const STATUS_LABELS = UNIT_STATUS_LABELS['zh-CN'];
/** Highest level first, as a bulletin lists them. */
export const LEVELS_DOWN = [...ADOPTION_LEVELS].reverse();

export type Cell = string | number | null;

export interface Table {
  readonly columns: readonly {
    readonly header: string;
    readonly width: number;
    /** How a number is shown: a whole number, a score, or a percentage of 1. */
    readonly format?: 'int' | 'score' | 'percent';
  }[];
  readonly rows: readonly (readonly Cell[])[];
}

export interface BulletinDocument {
  readonly title: string;
  readonly draft: boolean;
  readonly issuer: string;
  readonly dateText: string;
  readonly periodText: string;
  /** To whom it is addressed (主送). */
  readonly addressee: string;
  readonly summary: readonly string[];
  readonly units: Table;
  readonly commended: readonly { readonly name: string; readonly reason: string }[];
  readonly criticised: readonly { readonly name: string; readonly reason: string }[];
  readonly disqualified: readonly { readonly name: string; readonly reason: string }[];
  readonly review: { readonly text: readonly string[]; readonly table: Table };
  /** DESIGN §1: the category mix per unit (too many meeting reports, too few featured ones). */
  readonly categories: { readonly text: readonly string[]; readonly table: Table };
  readonly timeliness: { readonly text: readonly string[]; readonly table: Table };
  readonly officers: Table;
  /** Each unit's schools, for the units the viewer may see in detail. */
  readonly details: Table;
  readonly closing: string;
  /** File name without extension. */
  readonly fileName: string;
}

export function dateText(ms: number): string {
  const t = toShanghaiTime(ms);
  return `${t.year}年${t.month}月${t.day}日`;
}

export function pct(x: number | null): string {
  return x === null ? '—' : `${Math.round(x * 1000) / 10}%`;
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export function periodText(period: Period): string {
  const range = periodRange(period.year, period.kind);
  const label = { H1: '上半年', H2: '下半年', Y: '全年' }[period.kind];
  return `${period.year}年${label}（${dateText(range.start)}至${dateText(range.end - 1)}）`;
}

/** The adoptions by level in words (rules §6.1: 篇次, each level once per item). */
export function byLevelText(u: Pick<UnitEvaluation, 'adoptedByLevel'>): string {
  const times = LEVELS_DOWN.reduce((sum, l) => sum + u.adoptedByLevel[l], 0);
  const parts = LEVELS_DOWN.filter((l) => u.adoptedByLevel[l] > 0).map(
    (l) => `${LEVEL_NAMES[l]}${u.adoptedByLevel[l]}篇次`,
  );
  return parts.length === 0 ? '' : `，共${times}篇次（${parts.join('、')}）`;
}

/**
 * Lays out a bulletin as an official 通报 (title, issuer, summary, the table of units, the
 * commended, criticised and disqualified units, review depth, timeliness and the officer
 * ranking). `visibility` limits the schools' details to the units the viewer may see.
 */
export function bulletinDocument(input: {
  readonly bulletin: Bulletin;
  readonly evaluation: Evaluation;
  readonly issuer: string;
  readonly unitNames: ReadonlyMap<string, string>;
  readonly rubberStampSeconds: number;
  readonly visibility: Visibility;
  readonly now: Date;
}): BulletinDocument {
  const { bulletin, evaluation } = input;
  const units = evaluation.units;
  const totals = evaluationTotals(units);
  const townships = units.filter((u) => u.kind === 'township_center').length;
  const draft = bulletin.status === 'draft';
  const issuedAt = bulletin.publishedAt ?? input.now.getTime();

  const summary = [
    `${periodText(bulletin.period)}，全县${totals.units}个考评单位（乡镇中心校${townships}个、局直单位${totals.units - townships}个）共向局报送信息${totals.submitted}篇，被各级媒体采用${totals.adopted}篇${byLevelText(totals)}。`,
    `迟报信息${totals.late}篇（其中重大信息迟报${totals.lateMajors}篇${totals.unreportedMajors > 0 ? `，重大信息瞒报漏报${totals.unreportedMajors}起` : ''}），退回修改${totals.returned}篇次；${totals.zeroSubmission > 0 ? `${totals.zeroSubmission}个单位报送信息为零。` : '所有单位均有信息报送。'}`,
    `各单位审核把关${totals.approvals}次，其中作出修改或提出意见的占${pct(totals.reviewDepth)}（审核深度）；${
      totals.rubberStamped > 0
        ? `${totals.rubberStamped}次审核未打开全文或打开后不足${input.rubberStampSeconds}秒即通过且未作任何修改，存在“不审阅不修改”的应付现象。`
        : '未发现“不审阅不修改”的应付现象。'
    }`,
    `经考评，${totals.commended}个单位予以表扬，${totals.criticised}个单位未完成报送任务予以批评，${totals.disqualified}个单位取消评优资格。`,
  ];

  const unitTable: Table = {
    columns: [
      { header: '名次', width: 6, format: 'int' },
      { header: '单位', width: 24 },
      { header: '报送', width: 7, format: 'int' },
      ...LEVELS_DOWN.map((l) => ({
        header: `${LEVEL_NAMES[l]}采用（篇次）`,
        width: l === 'bureau' ? 14 : 9,
        format: 'int' as const,
      })),
      { header: '采用（篇）', width: 10, format: 'int' },
      { header: '迟报', width: 7, format: 'int' },
      { header: '退回', width: 7, format: 'int' },
      { header: '审核深度', width: 10, format: 'percent' },
      { header: '得分', width: 9, format: 'score' },
      { header: '任务完成率', width: 11, format: 'percent' },
      { header: '等次', width: 14 },
    ],
    rows: units.map((u) => [
      u.rank,
      u.name,
      u.submitted,
      ...LEVELS_DOWN.map((l) => u.adoptedByLevel[l]),
      u.adopted,
      u.late,
      u.returned,
      u.reviewDepth,
      round2(u.score),
      u.quota.completion,
      STATUS_LABELS[u.status],
    ]),
  };

  const reasonsOf = (u: UnitEvaluation) => u.reasons.map((r) => r.message).join('；');
  const listed = (status: UnitEvaluation['status']) =>
    units.filter((u) => u.status === status).map((u) => ({ name: u.name, reason: reasonsOf(u) }));

  const shallow = units
    .filter((u) => u.approvals > 0 && (u.reviewDepth ?? 0) < 0.5)
    .map((u) => u.name);
  const stampers = units
    .filter((u) => u.rubberStamped > 0)
    .sort((a, b) => b.rubberStamped - a.rubberStamped);
  const review = {
    text: [
      `全县审核深度为${pct(totals.reviewDepth)}。${shallow.length > 0 ? `审核深度不足50%的单位：${shallow.join('、')}。` : '各单位审核深度均在50%以上。'}`,
      stampers.length > 0
        ? `存在“一签了之”（未打开全文或打开后不足${input.rubberStampSeconds}秒即通过，且未修改）的单位：${stampers.map((u) => `${u.name}${u.rubberStamped}次`).join('、')}。`
        : '未发现“一签了之”的审核。',
    ],
    table: {
      columns: [
        { header: '单位', width: 24 },
        { header: '审核次数', width: 10, format: 'int' as const },
        { header: '审核深度', width: 10, format: 'percent' as const },
        { header: '一签了之', width: 10, format: 'int' as const },
        { header: '审核用时中位数（分钟）', width: 12, format: 'score' as const },
        { header: '退回', width: 8, format: 'int' as const },
      ],
      // DESIGN §3.2: minutes from opening the full item to approving it.
      rows: units.map((u) => [
        u.name,
        u.approvals,
        u.reviewDepth,
        u.rubberStamped,
        u.medianMinutesToApprove === null ? null : round2(u.medianMinutesToApprove),
        u.returned,
      ]),
    },
  };

  const categories = categoryMix(units, totals.submitted);

  const lateUnits = units.filter((u) => u.late > 0).sort((a, b) => b.late - a.late);
  const timeliness = {
    text: [
      lateUnits.length > 0
        ? `迟报信息较多的单位：${lateUnits
            .slice(0, 10)
            .map((u) => `${u.name}${u.late}篇`)
            .join('、')}。迟报信息的采用得分减半计算。`
        : '本期没有迟报信息。',
      ...units
        .filter((u) => u.lateMajors > 0 || u.unreportedMajors > 0)
        .map(
          (u) =>
            `${u.name}${u.lateMajors > 0 ? `重大信息迟报${u.lateMajors}篇` : ''}${u.lateMajors > 0 && u.unreportedMajors > 0 ? '、' : ''}${u.unreportedMajors > 0 ? `重大信息瞒报漏报${u.unreportedMajors}起` : ''}，已按规定扣分。`,
        ),
    ],
    table: {
      columns: [
        { header: '单位', width: 24 },
        { header: '报送', width: 8, format: 'int' as const },
        { header: '迟报', width: 8, format: 'int' as const },
        { header: '重大信息迟报', width: 13, format: 'int' as const },
        { header: '瞒报漏报', width: 10, format: 'int' as const },
        { header: '舆情事件', width: 10, format: 'int' as const },
        { header: '舆情按时处置率', width: 15, format: 'percent' as const },
      ],
      rows: units.map((u) => [
        u.name,
        u.submitted,
        u.late,
        u.lateMajors,
        u.unreportedMajors,
        u.incidents,
        u.incidentOnTimeRate,
      ]),
    },
  };

  const officers: Table = {
    columns: [
      { header: '名次', width: 6, format: 'int' },
      { header: '姓名', width: 12 },
      { header: '单位', width: 24 },
      { header: '报送', width: 8, format: 'int' },
      { header: '采用', width: 8, format: 'int' },
      { header: '得分', width: 9, format: 'score' },
      { header: '优秀信息员', width: 12 },
    ],
    rows: evaluation.officers.map((o) => [
      o.rank,
      o.name,
      o.unitId === null ? '' : (input.unitNames.get(o.unitId) ?? ''),
      o.items,
      o.adopted,
      round2(o.score),
      o.commended ? '是' : '',
    ]),
  };

  const details: Table = {
    columns: [
      { header: '考评单位', width: 24 },
      { header: '报送单位', width: 26 },
      { header: '报送', width: 8, format: 'int' },
      { header: '采用', width: 8, format: 'int' },
      { header: '稿件得分', width: 10, format: 'score' },
    ],
    rows: units
      .filter((u) => input.visibility.scope === 'all' || input.visibility.unitIds.has(u.unitId))
      .flatMap((u) =>
        u.writers.map((w) => [u.name, w.name, w.submitted, w.adopted, round2(w.itemPoints)]),
      ),
  };

  return {
    title: bulletin.title,
    draft,
    issuer: input.issuer,
    dateText: dateText(issuedAt),
    periodText: periodText(bulletin.period),
    addressee: '各乡镇中心校、局直各单位：',
    summary,
    units: unitTable,
    commended: listed('commended'),
    criticised: listed('criticised'),
    disqualified: listed('disqualified'),
    review,
    categories,
    timeliness,
    officers,
    details,
    closing:
      '希望受到表扬的单位再接再厉，受到批评的单位认真查找不足、落实整改。各单位要进一步健全信息工作机构，明确专人负责，严格审核把关，提高信息报送的时效和质量。',
    fileName: `${bulletin.title}${draft ? '（征求意见稿）' : ''}`,
  };
}

const CATEGORY_NAMES = CATEGORY_LABELS['zh-CN'];

/**
 * The category mix of the period (DESIGN §1: 会议报道多、特色活动少 is the failure named): the
 * county's share of meeting reports, the units where they are more than half of what was
 * submitted, and each unit's items by category with its meeting share.
 */
export function categoryMix(
  units: readonly Pick<UnitEvaluation, 'name' | 'submitted' | 'categories'>[],
  submitted: number,
): { readonly text: readonly string[]; readonly table: Table } {
  const count = (c: (typeof CATEGORIES)[number]) =>
    units.reduce((sum, u) => sum + u.categories[c], 0);
  const share = (n: number, of: number) => (of === 0 ? null : n / of);
  const meetingHeavy = units
    .filter((u) => u.submitted > 0 && u.categories.meeting * 2 > u.submitted)
    .map((u) => u.name);
  const featured = (['activity', 'exemplar', 'experience'] as const).map(
    (c) => `${CATEGORY_NAMES[c]}${count(c)}篇`,
  );
  return {
    text: [
      submitted === 0
        ? '本期没有报送信息。'
        : `全县报送信息中，${CATEGORY_NAMES.meeting}${count('meeting')}篇，占${pct(share(count('meeting'), submitted))}；${featured.join('、')}。${
            meetingHeavy.length > 0
              ? `${CATEGORY_NAMES.meeting}超过本单位报送一半的单位：${meetingHeavy.join('、')}。`
              : `各单位${CATEGORY_NAMES.meeting}均未超过本单位报送的一半。`
          }`,
    ],
    table: {
      columns: [
        { header: '单位', width: 24 },
        ...CATEGORIES.map((c) => ({ header: CATEGORY_NAMES[c], width: 9, format: 'int' as const })),
        { header: `${CATEGORY_NAMES.meeting}占比`, width: 11, format: 'percent' as const },
      ],
      rows: units.map((u) => [
        u.name,
        ...CATEGORIES.map((c) => u.categories[c]),
        share(u.categories.meeting, u.submitted),
      ]),
    },
  };
}
