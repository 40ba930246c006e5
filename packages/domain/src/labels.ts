/**
 * What people read for each word of the domain (rules §1–§2), in Simplified Chinese (the default)
 * and English. The console, the bot and the documents take their labels from here so that one
 * state or level never reads two ways, and no raw id, enum or code is shown to a person.
 */
import type { FundSource, PublicationCategory } from './campaign.js';
// Through the index, so that the label table follows the evaluation wherever it lives.
import type { UnitStatus } from './index.js';
import type { IncidentSeverity, IncidentSource, IncidentState, IncidentStep } from './incidents.js';
import type { Role, UnitKind } from './org.js';
import type { Period, PeriodKind } from './period.js';
import type { AdoptionLevel, Category, InstructionLevel, OutletKind } from './vocabulary.js';
import type { SubmissionState } from './workflow.js';

/** The languages of the platform: Simplified Chinese first, English second (rules §1). */
export const LOCALES = ['zh-CN', 'en'] as const;
/** A language the labels are written in. */
export type Locale = (typeof LOCALES)[number];

/**
 * Whether a value is one of the {@link LOCALES}.
 *
 * @example
 * ```ts
 * isLocale('en'); // true
 * isLocale('fr'); // false
 * ```
 */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** A label for every value of `K`, in every locale. */
export type Labels<K extends string> = {
  readonly [L in Locale]: { readonly [V in K]: string };
};

/** 类别 of a submission. */
export const CATEGORY_LABELS: Labels<Category> = {
  'zh-CN': {
    news: '工作动态',
    activity: '特色活动',
    meeting: '会议报道',
    exemplar: '典型宣传',
    experience: '经验做法',
    hotspot: '热点回应',
    major: '重大信息',
  },
  en: {
    news: 'Work news',
    activity: 'Featured activity',
    meeting: 'Meeting report',
    exemplar: 'Exemplar',
    experience: 'Experience',
    hotspot: 'Hot-topic response',
    major: 'Major information',
  },
};

/** The workflow states of a submission (rules §3.1). */
export const SUBMISSION_STATE_LABELS: Labels<SubmissionState> = {
  'zh-CN': {
    draft: '草稿',
    unit_review: '单位审核中',
    bureau_review: '宣传股审核中',
    adopted: '已采用',
    not_adopted: '未采用',
    returned: '已退回',
    withdrawn: '已撤回',
  },
  en: {
    draft: 'Draft',
    unit_review: 'Unit review',
    bureau_review: 'Bureau review',
    adopted: 'Adopted',
    not_adopted: 'Not adopted',
    returned: 'Returned',
    withdrawn: 'Withdrawn',
  },
};

/** Outlet levels of an adoption. */
export const ADOPTION_LEVEL_LABELS: Labels<AdoptionLevel> = {
  'zh-CN': {
    bureau: '局网站/公众号',
    county: '县级',
    city: '市级',
    province: '省级',
    national: '国家级',
  },
  en: {
    bureau: 'Bureau site/account',
    county: 'County',
    city: 'City',
    province: 'Province',
    national: 'National',
  },
};

/** Kinds of outlet (媒体/平台) in the bureau's registry. */
export const OUTLET_KIND_LABELS: Labels<OutletKind> = {
  'zh-CN': {
    newspaper: '报纸',
    official_account: '公众号',
    website: '网站',
    tv: '电视台',
    other: '其他',
  },
  en: {
    newspaper: 'Newspaper',
    official_account: 'Official account',
    website: 'Website',
    tv: 'TV',
    other: 'Other',
  },
};

/** Levels of a leader instruction (领导批示): the same words as the outlet levels above the bureau. */
export const INSTRUCTION_LEVEL_LABELS: Labels<InstructionLevel> = {
  'zh-CN': instructionLevels('zh-CN'),
  en: instructionLevels('en'),
};

function instructionLevels(locale: Locale): { readonly [V in InstructionLevel]: string } {
  const { county, city, province, national } = ADOPTION_LEVEL_LABELS[locale];
  return { county, city, province, national };
}

/** 职责: roles in a unit and in the bureau (rules §2.2). */
export const ROLE_LABELS: Labels<Role> = {
  'zh-CN': {
    head: '一把手',
    deputy: '分管领导',
    officer: '信息员',
    opinion_officer: '舆情责任人',
    reviewer: '宣传股审核员',
    leader: '局领导',
    admin: '系统管理员',
  },
  en: {
    head: 'Head',
    deputy: 'Deputy in charge',
    officer: 'Information officer',
    opinion_officer: 'Public-opinion officer',
    reviewer: 'Publicity reviewer',
    leader: 'Bureau leader',
    admin: 'Administrator',
  },
};

/** Kinds of unit. */
export const UNIT_KIND_LABELS: Labels<UnitKind> = {
  'zh-CN': {
    bureau: '县教体局',
    township_center: '乡镇中心校',
    direct_unit: '局直单位',
    school: '学校',
  },
  en: {
    bureau: 'County bureau',
    township_center: 'Township center',
    direct_unit: 'Direct unit',
    school: 'School',
  },
};

/** Where a public-opinion incident surfaced (rules §7.1). */
export const INCIDENT_SOURCE_LABELS: Labels<IncidentSource> = {
  'zh-CN': {
    online: '网络',
    media: '媒体',
    petition: '信访',
    hotline: '12345 热线',
    other: '其他',
  },
  en: {
    online: 'Online',
    media: 'Media',
    petition: 'Petition',
    hotline: '12345 hotline',
    other: 'Other',
  },
};

/** How serious an incident is. */
export const INCIDENT_SEVERITY_LABELS: Labels<IncidentSeverity> = {
  'zh-CN': { general: '一般', significant: '较大', major: '重大' },
  en: { general: 'General', significant: 'Significant', major: 'Major' },
};

/** The states of an incident, named by what is due next while it is open. */
export const INCIDENT_STATE_LABELS: Labels<IncidentState> = {
  'zh-CN': {
    open: '待上报',
    reported: '已上报',
    responding: '处置中',
    resolved: '已处置',
    closed: '已办结',
  },
  en: {
    open: 'To report',
    reported: 'Reported',
    responding: 'Responding',
    resolved: 'Resolved',
    closed: 'Closed',
  },
};

/** The steps of an incident that each have a deadline (rules §7.3). */
export const INCIDENT_STEP_LABELS: Labels<IncidentStep> = {
  'zh-CN': { report: '报告', respond: '首次回应', resolve: '处置完毕' },
  en: { report: 'Report', respond: 'First response', resolve: 'Resolution' },
};

/** Categories of the subscription catalogue (rules §8.1). */
export const PUBLICATION_CATEGORY_LABELS: Labels<PublicationCategory> = {
  'zh-CN': { party: '党报党刊', education: '教育类', student: '学生读物' },
  en: { party: 'Party press', education: 'Education', student: 'Student reading' },
};

/** Who pays for a subscription. */
export const FUND_SOURCE_LABELS: Labels<FundSource> = {
  'zh-CN': { public: '公费', self: '自费' },
  en: { public: 'Public', self: 'Self-paid' },
};

/** The status of a unit in an evaluation (rules §6.2). */
export const UNIT_STATUS_LABELS: Labels<UnitStatus> = {
  'zh-CN': {
    commended: '表扬',
    criticised: '批评',
    disqualified: '取消评优资格',
    ok: '合格',
  },
  en: {
    commended: 'Commended',
    criticised: 'Criticised',
    disqualified: 'Disqualified',
    ok: 'OK',
  },
};

/** The parts of a year that are evaluated: 上半年, 下半年, 年度. */
export const PERIOD_KIND_LABELS: Labels<PeriodKind> = {
  'zh-CN': { H1: '上半年', H2: '下半年', Y: '年度' },
  en: { H1: 'First half', H2: 'Second half', Y: 'Full year' },
};

/**
 * A period as people write it: `2026年上半年`, `2026年下半年`, `2026年度`; in English
 * `2026 H1`, `2026 H2`, `2026 full year`.
 *
 * @example
 * ```ts
 * periodLabel({ year: 2026, kind: 'H1' }); // '2026年上半年'
 * periodLabel({ year: 2026, kind: 'Y' }, 'en'); // '2026 full year'
 * ```
 */
export function periodLabel(period: Period, locale: Locale = 'zh-CN'): string {
  if (locale === 'en') {
    return period.kind === 'Y' ? `${period.year} full year` : `${period.year} ${period.kind}`;
  }
  return period.kind === 'Y'
    ? `${period.year}年度`
    : `${period.year}年${PERIOD_KIND_LABELS['zh-CN'][period.kind]}`;
}
