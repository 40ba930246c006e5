/**
 * What a person reads for each field of the scheme (rules §1.3): a problem with
 * `incidentDeadlineHours.major.report` names “重大舆情的报告时限”, not the path.
 */
import {
  ADOPTION_LEVEL_LABELS,
  CATEGORY_LABELS,
  INCIDENT_SEVERITY_LABELS,
  INCIDENT_STEP_LABELS,
  INSTRUCTION_LEVEL_LABELS,
  UNIT_KIND_LABELS,
  type Locale,
} from './labels.js';

type Text = { readonly [L in Locale]: string };

/** Fields named by their full path (list indices removed). */
const FIELDS: Readonly<Record<string, Text>> = {
  year: { 'zh-CN': '年度', en: 'year' },
  version: { 'zh-CN': '版本', en: 'version' },
  topics: { 'zh-CN': '宣传重点', en: 'focus topics' },
  headlineMultiplier: { 'zh-CN': '头版头条倍数', en: 'headline multiplier' },
  qualityBonus: { 'zh-CN': '精品加分', en: 'quality bonus' },
  reachedBureauPoints: { 'zh-CN': '报送到局每篇得分', en: 'points per item reaching the bureau' },
  'timeliness.lateFactor': { 'zh-CN': '迟报稿件采用分系数', en: 'late items’ factor' },
  'timeliness.majorLatePenalty': { 'zh-CN': '重大信息迟报扣分', en: 'late major item penalty' },
  'timeliness.unreportedMajorPenalty': {
    'zh-CN': '瞒报漏报扣分',
    en: 'unreported major event penalty',
  },
  'commend.halfYearTopN': { 'zh-CN': '半年表扬单位数', en: 'units commended per half-year' },
  'commend.yearTopN': { 'zh-CN': '年度表扬单位数', en: 'units commended per year' },
  'commend.officerTopN': { 'zh-CN': '优秀信息员人数', en: 'officers commended' },
  'review.rubberStampSeconds': { 'zh-CN': '草率审核判定秒数', en: 'rubber-stamp seconds' },
  'review.substantiveCommentLength': {
    'zh-CN': '实质意见最少字数',
    en: 'substantive comment length',
  },
  'review.stockPhrases': { 'zh-CN': '套话', en: 'stock phrases' },
  'duplicates.windowDays': { 'zh-CN': '疑似重复天数', en: 'duplicate window (days)' },
  'duplicates.threshold': { 'zh-CN': '疑似重复相似度', en: 'duplicate similarity' },
  'bulletin.appealWindowDays': { 'zh-CN': '通报异议天数', en: 'appeal window (days)' },
  'composite.reporting': { 'zh-CN': '信息报送权重', en: 'reporting weight' },
  'composite.incidents': { 'zh-CN': '舆情处置权重', en: 'incidents weight' },
  'composite.campaign': { 'zh-CN': '报刊征订权重', en: 'campaign weight' },
  quotaOverrides: { 'zh-CN': '单位任务调整', en: 'quota overrides' },
  'quotaOverrides.submitted': { 'zh-CN': '单位任务调整的报送数', en: 'override’s submitted quota' },
  'quotaOverrides.adopted': { 'zh-CN': '单位任务调整的采用数', en: 'override’s adopted quota' },
  'quotaOverrides.unitId': { 'zh-CN': '单位任务调整的单位', en: 'override’s unit' },
  'reminders.quietHours': { 'zh-CN': '免打扰时段', en: 'quiet hours' },
  'reminders.quietHours.start': { 'zh-CN': '免打扰开始时间', en: 'quiet hours start' },
  'reminders.quietHours.end': { 'zh-CN': '免打扰结束时间', en: 'quiet hours end' },
  'reminders.reviewReminderHours': {
    'zh-CN': '待审提醒审核人的时限（小时）',
    en: 'hours before reminding the reviewers',
  },
  'reminders.reviewEscalationHours': {
    'zh-CN': '待审提醒一把手的时限（小时）',
    en: 'hours before reminding the head',
  },
  'reminders.quotaShare': { 'zh-CN': '任务进度提醒比例', en: 'quota reminder share' },
  'reminders.quotaLateCheckpointDays': {
    'zh-CN': '期末任务提醒提前天数',
    en: 'days before period end for the quota reminder',
  },
  'reminders.incidentWarningMinutes': {
    'zh-CN': '舆情时限预警提前分钟数',
    en: 'minutes of incident deadline warning',
  },
  'campaign.perCapitaTarget': { 'zh-CN': '人均订阅目标（份）', en: 'per-capita target' },
  'campaign.laggingShare': { 'zh-CN': '征订进度落后比例', en: 'lagging share' },
  'campaign.laggingLeadDays': { 'zh-CN': '截止前提示落后天数', en: 'lagging lead (days)' },
  calendar: { 'zh-CN': '节假日安排', en: 'holiday calendar' },
  'calendar.holidays': { 'zh-CN': '法定节假日', en: 'public holidays' },
  'calendar.workdays': { 'zh-CN': '调休上班日', en: 'make-up working days' },
};

function pick(
  labels: { readonly [L in Locale]: Readonly<Record<string, string>> },
  key: string,
  locale: Locale,
): string {
  return labels[locale][key] ?? key;
}

/**
 * The name of a scheme field as a person reads it, from its path (`levels.city`,
 * `calendar.holidays[3]`); a path it does not know is returned as it is.
 *
 * @example
 * ```ts
 * schemeFieldLabel('incidentDeadlineHours.major.report', 'zh-CN'); // '重大舆情的报告时限（小时）'
 * schemeFieldLabel('calendar.holidays[3]', 'zh-CN'); // '法定节假日第 4 项'
 * ```
 */
export function schemeFieldLabel(path: string, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const index = /\[(\d+)\]/.exec(path);
  const bare = path.replace(/\[\d+\]/g, '');
  const parts = bare.split('.');
  const [head, a, b] = parts;
  let label: string | undefined = FIELDS[bare]?.[locale];
  if (label === undefined && head === 'levels' && a !== undefined && b === undefined) {
    label = zh
      ? `${pick(ADOPTION_LEVEL_LABELS, a, locale)}采用分`
      : `points of a ${pick(ADOPTION_LEVEL_LABELS, a, locale)} adoption`;
  } else if (label === undefined && head === 'instructionBonus' && a !== undefined) {
    label = zh
      ? `${pick(INSTRUCTION_LEVEL_LABELS, a, locale)}领导批示加分`
      : `${pick(INSTRUCTION_LEVEL_LABELS, a, locale)} instruction bonus`;
  } else if (label === undefined && bare.startsWith('timeliness.limitHours.') && a !== undefined) {
    const category = parts[2] ?? '';
    label = zh
      ? `${pick(CATEGORY_LABELS, category, locale)}的报送时限（小时）`
      : `time limit of ${pick(CATEGORY_LABELS, category, locale)} (hours)`;
  } else if (label === undefined && head === 'quotas' && a !== undefined && b !== undefined) {
    const kind = pick(UNIT_KIND_LABELS, a, locale);
    label = zh
      ? `${kind}半年${b === 'submitted' ? '报送' : '采用'}任务`
      : `${kind} half-year ${b} quota`;
  } else if (label === undefined && head === 'incidentDeadlineHours' && a !== undefined) {
    const severity = pick(INCIDENT_SEVERITY_LABELS, a, locale);
    label =
      b === undefined
        ? zh
          ? `${severity}舆情的处置时限`
          : `${severity} incident deadlines`
        : zh
          ? `${severity}舆情的${pick(INCIDENT_STEP_LABELS, b, locale)}时限（小时）`
          : `${severity} incident ${pick(INCIDENT_STEP_LABELS, b, locale).toLowerCase()} deadline (hours)`;
  }
  if (label === undefined) return path;
  if (index === null) return label;
  const n = Number(index[1]) + 1;
  return zh ? `${label}第 ${n} 项` : `${label}, entry ${n}`;
}
