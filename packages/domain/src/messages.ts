/**
 * The message catalogue of every error code, in Simplified Chinese (the default) and English,
 * with named parameters: `稿件当前状态为“{state}”，不能{command}`. An error carries its code
 * and the values of its parameters; {@link formatError} renders it in a locale. A parameter
 * that is a code of the rules (a state, a command) is passed as the code and shown with its
 * label in the locale.
 *
 * Where one code covers several situations that read differently (which field of a form,
 * which command), the entry names the parameter that selects the wording (`select`) and
 * holds one wording per value (`variants`), like a `select` in ICU or Fluent messages.
 *
 * The parameters each code needs are derived from its templates ({@link ErrorParams}), so
 * raising an error without a value its message uses does not compile.
 */
import type { ErrorCode } from './errors.js';
import type { IncidentAction } from './incidents.js';
import {
  ADOPTION_LEVEL_LABELS,
  INCIDENT_STATE_LABELS,
  INSTRUCTION_LEVEL_LABELS,
  SUBMISSION_STATE_LABELS,
  type Labels,
  type Locale,
} from './labels.js';
import type { DomainError } from './result.js';
import { schemeFieldLabel } from './scheme-fields.js';
import type { ScoreLine } from './scoring.js';
import type { SubmissionCommandType } from './workflow.js';

/** One text in every locale. */
export type LocalisedText = { readonly [L in Locale]: string };

/** A value a message shows. */
export type ParamValue = string | number;

/** Commands as the object of "may not …": `只有作者可以{command}`. */
const SUBMISSION_COMMAND_PHRASES: Labels<SubmissionCommandType> = {
  'zh-CN': {
    create: '撰写稿件',
    edit: '修改稿件',
    submit: '提交稿件',
    approve: '审核通过稿件',
    forward: '报送稿件',
    return: '退回稿件',
    withdraw: '撤回稿件',
    adopt: '采用稿件',
    not_adopt: '决定不采用稿件',
    mark_quality: '评定精品',
  },
  en: {
    create: 'write it',
    edit: 'edit it',
    submit: 'submit it',
    approve: 'approve it',
    forward: 'forward it to the bureau',
    return: 'return it',
    withdraw: 'withdraw it',
    adopt: 'adopt it',
    not_adopt: 'decline it',
    mark_quality: 'change its quality mark',
  },
};

/** What is done to an incident, as the object of "cannot …": `不能{action}`. */
const INCIDENT_ACTION_PHRASES: Labels<IncidentAction> = {
  'zh-CN': {
    open: '登记',
    report: '上报',
    respond: '回应',
    resolve: '处置完毕',
    close: '办结',
    reopen: '退回重办',
    reclassify: '调整等级',
  },
  en: {
    open: 'register it',
    report: 'report it',
    respond: 'respond to it',
    resolve: 'resolve it',
    close: 'close it',
    reopen: 'send it back',
    reclassify: 'change its severity',
  },
};

/** The fields of a new incident, as the object of "enter …". */
const INCIDENT_FIELD_PHRASES: Labels<
  'id' | 'unitId' | 'title' | 'summary' | 'responsiblePersonId'
> = {
  'zh-CN': {
    id: '编号',
    unitId: '单位',
    title: '标题',
    summary: '事件概要',
    responsiblePersonId: '责任人',
  },
  en: {
    id: 'the number',
    unitId: 'the unit',
    title: 'the title',
    summary: 'the summary',
    responsiblePersonId: 'the responsible person',
  },
};

/** The tables of a county's plain rows (rules §6.7), as a message names them. */
const ROW_TABLE_NAMES: Labels<'units' | 'people' | 'items' | 'adoptions'> = {
  'zh-CN': { units: '单位表', people: '人员表', items: '稿件表', adoptions: '采用表' },
  en: { units: 'units', people: 'people', items: 'items', adoptions: 'adoptions' },
};

/**
 * The code lists whose values a message shows by their label: the vocabulary's labels for
 * states, and phrases that fit the messages' sentences for commands and fields.
 */
const LABELS = {
  submissionState: SUBMISSION_STATE_LABELS,
  submissionCommand: SUBMISSION_COMMAND_PHRASES,
  incidentState: INCIDENT_STATE_LABELS,
  incidentAction: INCIDENT_ACTION_PHRASES,
  incidentField: INCIDENT_FIELD_PHRASES,
  adoptionLevel: ADOPTION_LEVEL_LABELS,
  instructionLevel: INSTRUCTION_LEVEL_LABELS,
  rowTable: ROW_TABLE_NAMES,
} as const;

type LabelSet = keyof typeof LABELS;

/**
 * How a parameter is shown when it is not shown as it is: `fen` is an amount in fen shown in
 * yuan; `points` is rounded to hundredths; a label set shows the code's label.
 */
type ParamFormat = 'fen' | 'points' | 'schemeField' | LabelSet;

interface SingleEntry extends LocalisedText {
  readonly params?: Readonly<Record<string, ParamFormat>>;
}

interface SelectEntry {
  /** The parameter whose value picks the wording. */
  readonly select: string;
  readonly variants: Readonly<Record<string, LocalisedText>>;
  readonly params?: Readonly<Record<string, ParamFormat>>;
}

type CatalogueEntry = SingleEntry | SelectEntry;

/**
 * The catalogue: for every error code, its message in every locale. Placeholders are
 * `{name}`; `params` says which of them are shown by a label or as money.
 */
export const ERROR_MESSAGES = {
  // ---- Submissions and their workflow ----
  'SUBMISSION.ALREADY_APPROVED': {
    'zh-CN': '当前版本已审核通过，可直接报送',
    en: 'This version is already approved; it can be forwarded now',
  },
  'SUBMISSION.ALREADY_EXISTS': {
    'zh-CN': '稿件已存在',
    en: 'The item already exists',
  },
  'SUBMISSION.APPROVAL_UNDECIDED': {
    'zh-CN': '请修改稿件，或明确选择“审阅无修改”后再通过',
    en: 'Edit the item, or choose “reviewed, no change”, before approving it',
  },
  'SUBMISSION.AUTHORS_FIXED': {
    'zh-CN': '稿件当前状态为“{state}”，合作作者只能在草稿或已退回时修改',
    en: 'The item is “{state}”; its co-authors can be changed only while it is a draft or returned',
    params: { state: 'submissionState' },
  },
  'SUBMISSION.EMPTY_BODY': {
    'zh-CN': '正文不能为空，请补充后再提交',
    en: 'The body is empty; add the text before submitting',
  },
  'SUBMISSION.EMPTY_TITLE': {
    'zh-CN': '标题不能为空',
    en: 'The title cannot be empty',
  },
  'SUBMISSION.ILLEGAL_TRANSITION': {
    'zh-CN': '稿件当前状态为“{state}”，不能{command}',
    en: 'The item is “{state}”, so you cannot {command} now',
    params: { state: 'submissionState', command: 'submissionCommand' },
  },
  'SUBMISSION.INACTIVE_ACTOR': {
    'zh-CN': '该人员已停用，不能办理稿件',
    en: 'This person is deactivated and cannot act on items',
  },
  'SUBMISSION.INVALID_EVENT_TIME': {
    'zh-CN': '事件时间无效',
    en: 'The time of the event is not valid',
  },
  'SUBMISSION.NOT_ALLOWED': {
    select: 'command',
    variants: {
      create: {
        'zh-CN': '只能以本单位名义撰写稿件',
        en: 'Items can only be written in the name of your own unit',
      },
      edit: {
        'zh-CN': '只有作者或审核单位的信息员、分管领导、一把手可以修改稿件',
        en: 'Only an author, or the officer, deputy or head of the reviewing unit, may edit this item',
      },
    },
  },
  'SUBMISSION.NOT_AUTHOR': {
    'zh-CN': '只有作者可以{command}',
    en: 'Only an author may {command}',
    params: { command: 'submissionCommand' },
  },
  'SUBMISSION.NOT_A_REPORTING_UNIT': {
    'zh-CN': '县教体局本级不是报送单位',
    en: 'The county bureau itself does not report items',
  },
  'SUBMISSION.NOT_BUREAU_REVIEWER': {
    'zh-CN': '只有宣传股审核员可以{command}',
    en: 'Only a reviewer of the publicity section may {command}',
    params: { command: 'submissionCommand' },
  },
  'SUBMISSION.NOT_FOUND': {
    'zh-CN': '稿件不存在',
    en: 'The item does not exist',
  },
  'SUBMISSION.NOT_REVIEWER': {
    select: 'command',
    variants: {
      approve: {
        'zh-CN': '只有审核单位的分管领导或一把手可以审核通过稿件',
        en: 'Only a deputy or the head of the reviewing unit may approve this item',
      },
      forward: {
        'zh-CN': '只有审核单位的人员可以报送稿件',
        en: 'Only the reviewing unit may forward this item to the bureau',
      },
      return: {
        'zh-CN': '只有审核单位的人员可以退回稿件',
        en: 'Only the reviewing unit may return this item',
      },
    },
  },
  'SUBMISSION.NOT_SIGNED_OFF': {
    'zh-CN': '当前版本尚未经分管领导或一把手审核通过，不能报送',
    en: 'This version has not been approved by a deputy or the head, so it cannot be forwarded',
  },
  'SUBMISSION.NO_CHANGE': {
    select: 'change',
    variants: {
      content: {
        'zh-CN': '修改内容与当前版本相同',
        en: 'The changes are the same as the current version',
      },
      already_quality: {
        'zh-CN': '稿件已是精品',
        en: 'The item already has the quality mark',
      },
      not_quality: {
        'zh-CN': '稿件未被评为精品',
        en: 'The item does not have the quality mark',
      },
    },
  },
  'SUBMISSION.NO_SUCH_REVISION': {
    'zh-CN': '没有该版本',
    en: 'There is no such version',
  },
  'SUBMISSION.OWN_ITEM': {
    select: 'command',
    variants: {
      approve: {
        'zh-CN': '不能审核通过自己撰写的稿件，请由其他审核人审核',
        en: 'You cannot approve an item you wrote; another reviewer must approve it',
      },
      return: {
        'zh-CN': '不能退回自己撰写的稿件，可直接修改或撤回',
        en: 'You cannot return an item you wrote; edit or withdraw it instead',
      },
    },
  },
  'SUBMISSION.REASON_REQUIRED': {
    'zh-CN': '退回稿件必须说明理由',
    en: 'Give a reason for returning the item',
  },
  'SUBMISSION.STALE': {
    'zh-CN': '稿件已被他人修改，请刷新后重试',
    en: 'Someone else changed the item; reload it and try again',
  },
  'SUBMISSION.UNKNOWN_CATEGORY': {
    'zh-CN': '未知的稿件类别“{category}”',
    en: 'Unknown category “{category}”',
  },
  'SUBMISSION.UNKNOWN_COMMAND': {
    'zh-CN': '未知的操作“{command}”',
    en: 'Unknown action “{command}”',
  },

  // ---- Adoptions and leader instructions ----
  'ADOPTION.BAD_CREDITS': {
    'zh-CN': '采用须对应至少一篇稿件，且不能重复',
    en: 'An adoption credits at least one item, each once',
  },
  'ADOPTION.INSTRUCTION_EXISTS': {
    'zh-CN': '该采用已登记领导批示',
    en: 'This adoption already has a leader instruction',
  },
  'ADOPTION.INVALID_DATE': {
    'zh-CN': '采用日期无效',
    en: 'The publication date is not valid',
  },
  'ADOPTION.NOT_AT_BUREAU': {
    'zh-CN': '稿件 {submissionId} 尚未报送到局，不能登记采用',
    en: 'Item {submissionId} has not reached the bureau, so no adoption can be recorded for it',
  },
  'ADOPTION.NOT_BUREAU_REVIEWER': {
    select: 'action',
    variants: {
      record: {
        'zh-CN': '只有宣传股审核员可以登记采用',
        en: 'Only a reviewer of the publicity section may record adoptions',
      },
      instruction: {
        'zh-CN': '只有宣传股审核员可以登记领导批示',
        en: 'Only a reviewer of the publicity section may record leader instructions',
      },
    },
  },
  'ADOPTION.PROOF_REQUIRED': {
    select: 'field',
    variants: {
      outlet: {
        'zh-CN': '请填写采用媒体名称',
        en: 'Enter the name of the outlet',
      },
      page: {
        'zh-CN': '请填写版面或链接作为采用凭证',
        en: 'Enter the page or a link as proof of publication',
      },
    },
  },
  'ADOPTION.UNKNOWN_LEVEL': {
    select: 'field',
    variants: {
      level: {
        'zh-CN': '未知的采用级别“{level}”',
        en: 'Unknown outlet level “{level}”',
      },
      'instruction.level': {
        'zh-CN': '未知的批示级别“{level}”',
        en: 'Unknown instruction level “{level}”',
      },
    },
  },
  'ADOPTION.UNKNOWN_SUBMISSION': {
    'zh-CN': '稿件 {submissionId} 不存在',
    en: 'Item {submissionId} does not exist',
  },

  // ---- Adjustments ----
  'ADJUSTMENT.ALREADY_COUNTERED': {
    'zh-CN': '该加分或扣分已被撤销',
    en: 'This adjustment has already been revoked',
  },
  'ADJUSTMENT.INVALID_POINTS': {
    'zh-CN': '分值应为非零数字',
    en: 'The points must be a number other than zero',
  },
  'ADJUSTMENT.IS_COUNTER': {
    'zh-CN': '这是一条撤销记录，不能再撤销',
    en: 'This entry revokes another one and cannot itself be revoked',
  },
  'ADJUSTMENT.NOT_ADMIN': {
    select: 'action',
    variants: {
      create: {
        'zh-CN': '只有系统管理员可以加分或扣分',
        en: 'Only a system administrator may add or deduct points',
      },
      counter: {
        'zh-CN': '只有系统管理员可以撤销加分或扣分',
        en: 'Only a system administrator may revoke an adjustment',
      },
    },
  },
  'ADJUSTMENT.REASON_REQUIRED': {
    select: 'action',
    variants: {
      create: {
        'zh-CN': '加分或扣分必须说明理由',
        en: 'Give a reason for adding or deducting points',
      },
      counter: {
        'zh-CN': '撤销必须说明理由',
        en: 'Give a reason for revoking the adjustment',
      },
    },
  },

  // ---- Periods ----
  'PERIOD.INVALID_KEY': {
    'zh-CN': '无法识别的考评周期“{key}”，应形如 2026-H1、2026-H2 或 2026-Y',
    en: 'Unknown evaluation period “{key}”; write it as 2026-H1, 2026-H2 or 2026-Y',
  },

  // ---- Dates and times read from text ----
  'DATETIME.INVALID_FORMAT': {
    'zh-CN': '无法识别的时间“{value}”，应形如 2026-03-10 或 2026-03-10 09:00（北京时间）',
    en: 'Unreadable time “{value}”; write it as 2026-03-10 or 2026-03-10 09:00 (Beijing time)',
  },
  'DATETIME.IMPOSSIBLE': {
    'zh-CN': '时间“{value}”不存在，请检查年、月、日和时、分',
    en: 'There is no such time as “{value}”; check the year, month, day, hour and minute',
  },

  // ---- Plain rows of a county; rows are counted from 1, as in a spreadsheet's data rows ----
  'ROWS.ADOPTED_BEFORE_BUREAU': {
    'zh-CN':
      '{table}第 {row} 行：刊发时间 {publishedAt} 早于稿件“{submissionId}”报送到局的时间 {reachedAt}',
    en: 'Row {row} of {table}: published at {publishedAt}, before item “{submissionId}” reached the bureau at {reachedAt}',
    params: { table: 'rowTable' },
  },
  'ROWS.BUREAU_ITEM': {
    'zh-CN': '{table}第 {row} 行：县教体局本级不是报送单位，该稿件不计入任何单位',
    en: 'Row {row} of {table}: the bureau itself does not report items, so this one counts for no unit',
    params: { table: 'rowTable' },
  },
  'ROWS.INVALID_VALUE': {
    select: 'expected',
    variants: {
      text: {
        'zh-CN': '{table}第 {row} 行：{field} 应为文字',
        en: 'Row {row} of {table}: {field} must be text',
      },
      whole_number: {
        'zh-CN': '{table}第 {row} 行：{field} 应为不小于 0 的整数，而不是“{value}”',
        en: 'Row {row} of {table}: {field} must be a whole number, 0 or more, not “{value}”',
      },
      yes_no: {
        'zh-CN': '{table}第 {row} 行：{field} 应为 true/false（或 是/否、1/0），而不是“{value}”',
        en: 'Row {row} of {table}: {field} must be true or false (or yes/no, 1/0), not “{value}”',
      },
      time: {
        'zh-CN':
          '{table}第 {row} 行：{field} 应为形如 2026-03-10 09:00 的北京时间或毫秒时间戳，而不是“{value}”',
        en: 'Row {row} of {table}: {field} must be a Beijing time such as 2026-03-10 09:00, or epoch milliseconds, not “{value}”',
      },
      list: {
        'zh-CN': '{table}第 {row} 行：{field} 应为列表（文字以 ; 分隔），而不是“{value}”',
        en: 'Row {row} of {table}: {field} must be a list (in text, separated by ;), not “{value}”',
      },
      one_of: {
        'zh-CN': '{table}第 {row} 行：{field} 的值“{value}”无效，可选：{allowed}',
        en: 'Row {row} of {table}: “{value}” is not a valid {field}; use one of {allowed}',
      },
      record: {
        'zh-CN': '{table}第 {row} 行：{field} 应为对象',
        en: 'Row {row} of {table}: {field} must be an object',
      },
      repeated: {
        'zh-CN': '{table}第 {row} 行：{field} 中“{value}”重复',
        en: 'Row {row} of {table}: {field} names “{value}” twice',
      },
    },
    params: { table: 'rowTable' },
  },
  'ROWS.NOT_AN_OBJECT': {
    'zh-CN': '{table}第 {row} 行不是一条记录（应为对象）',
    en: 'Row {row} of {table} is not a record (an object)',
    params: { table: 'rowTable' },
  },
  'ROWS.NOT_AT_BUREAU': {
    'zh-CN': '{table}第 {row} 行：稿件“{submissionId}”从未报送到局，这条采用不计分',
    en: 'Row {row} of {table}: item “{submissionId}” never reached the bureau, so this adoption scores nothing',
    params: { table: 'rowTable' },
  },
  'ROWS.NOT_A_LIST': {
    'zh-CN': '{table}应为记录的列表',
    en: 'The {table} must be a list of records',
    params: { table: 'rowTable' },
  },
  'ROWS.REPEATED_ID': {
    'zh-CN': '{table}第 {row} 行：编号“{id}”与第 {first} 行重复',
    en: 'Row {row} of {table}: the id “{id}” is already used by row {first}',
    params: { table: 'rowTable' },
  },
  'ROWS.REQUIRED': {
    'zh-CN': '{table}第 {row} 行：缺少 {field}',
    en: 'Row {row} of {table}: {field} is missing',
    params: { table: 'rowTable' },
  },
  'ROWS.SCHOOL_WITHOUT_CENTER': {
    'zh-CN': '{table}第 {row} 行：学校的上级“{parentId}”不是乡镇中心校，其稿件不计入任何单位',
    en: 'Row {row} of {table}: the school’s parent “{parentId}” is not a township center, so its items count for no unit',
    params: { table: 'rowTable' },
  },
  'ROWS.UNKNOWN_REFERENCE': {
    'zh-CN': '{table}第 {row} 行：{field} 所指的“{id}”不在{in}中',
    en: 'Row {row} of {table}: {field} names “{id}”, which is not in the {in}',
    params: { table: 'rowTable', in: 'rowTable' },
  },

  // ---- The scheme document; `path` is the field's path, shown by the field's name ----
  'SCHEME.BAD_DATE': {
    'zh-CN': '{path} 应为日期，格式 YYYY-MM-DD',
    en: '{path} must be a date written YYYY-MM-DD',
    params: { path: 'schemeField' },
  },
  'SCHEME.BAD_TIME': {
    'zh-CN': '{path} 应为时刻，格式 HH:MM（如 21:00）',
    en: '{path} must be a time of day written HH:MM (such as 21:00)',
    params: { path: 'schemeField' },
  },
  'SCHEME.DATE_OUTSIDE_YEAR': {
    'zh-CN': '{path}“{date}”不在 {year} 年内',
    en: '{path} “{date}” is not in {year}',
    params: { path: 'schemeField' },
  },
  'SCHEME.DEADLINES_OUT_OF_ORDER': {
    'zh-CN': '{path}应依次不减：报告 ≤ 首次回应 ≤ 处置完毕',
    en: '{path} must not decrease: report ≤ first response ≤ resolution',
    params: { path: 'schemeField' },
  },
  'SCHEME.DUPLICATE_DATE': {
    'zh-CN': '{path}“{date}”重复',
    en: '{path} “{date}” is listed twice',
    params: { path: 'schemeField' },
  },
  'SCHEME.ESCALATION_BEFORE_REMINDER': {
    'zh-CN': '{path}不能短于提醒审核人的时限',
    en: '{path} cannot be shorter than the reviewers’ reminder',
    params: { path: 'schemeField' },
  },
  'SCHEME.HOLIDAY_AND_WORKDAY': {
    'zh-CN': '“{date}”不能既是法定节假日又是调休上班日',
    en: '“{date}” cannot be both a public holiday and a make-up working day',
  },
  'SCHEME.QUIET_HOURS_TOO_LONG': {
    'zh-CN': '{path}不能超过 {max} 小时（当前为 {hours} 小时）',
    en: '{path} cannot be longer than {max} hours (they are {hours} hours)',
    params: { path: 'schemeField', hours: 'points' },
  },
  'SCHEME.BAD_WEIGHTS': {
    'zh-CN': '综合考评的权重之和应为 1（当前为 {sum}）',
    en: 'The weights of the composite score must add up to 1 (they add up to {sum})',
  },
  'SCHEME.DUPLICATE_TOPIC': {
    'zh-CN': '宣传重点“{topic}”重复',
    en: 'The focus topic “{topic}” is listed twice',
  },
  'SCHEME.DUPLICATE_STOCK_PHRASE': {
    'zh-CN': '套话第 {n} 条“{phrase}”与第 {first} 条重复',
    en: 'Stock phrase {n} “{phrase}” repeats phrase {first}',
  },
  'SCHEME.EMPTY_STOCK_PHRASE': {
    'zh-CN': '套话第 {n} 条不能为空（标点和空格不算）',
    en: 'Stock phrase {n} is empty (punctuation and spaces do not count)',
  },
  'SCHEME.LONG_STOCK_PHRASE': {
    'zh-CN': '套话第 {n} 条“{phrase}”过长，最多 {max} 个字',
    en: 'Stock phrase {n} “{phrase}” is too long: {max} characters at most',
  },
  'SCHEME.STOCK_PHRASES_NOT_A_LIST': {
    'zh-CN': '套话应为文字列表',
    en: 'The stock phrases must be a list of texts',
  },
  'SCHEME.TOO_MANY_STOCK_PHRASES': {
    'zh-CN': '套话最多 {max} 条（现有 {count} 条）',
    en: 'At most {max} stock phrases ({count} given)',
  },
  'SCHEME.EMPTY_TOPIC': {
    'zh-CN': '{path} 应为非空文字',
    en: '{path} must be a non-empty text',
  },
  'SCHEME.MISSING': {
    'zh-CN': '缺少 {path}',
    en: '{path} is missing',
    params: { path: 'schemeField' },
  },
  'SCHEME.NEGATIVE': {
    'zh-CN': '{path} 不能小于 {min}（当前为 {value}）',
    en: '{path} cannot be less than {min} (it is {value})',
    params: { path: 'schemeField' },
  },
  'SCHEME.NOT_AN_INTEGER': {
    'zh-CN': '{path} 应为整数',
    en: '{path} must be a whole number',
    params: { path: 'schemeField' },
  },
  'SCHEME.NOT_AN_OBJECT': {
    select: 'at',
    variants: {
      root: { 'zh-CN': '考评办法应为对象', en: 'The scheme must be an object' },
      field: { 'zh-CN': '{path} 应为对象', en: '{path} must be an object' },
    },
  },
  'SCHEME.NOT_A_LIST': {
    'zh-CN': '{path} 应为列表',
    en: '{path} must be a list',
  },
  'SCHEME.NOT_A_NUMBER': {
    'zh-CN': '{path} 应为数字',
    en: '{path} must be a number',
    params: { path: 'schemeField' },
  },
  'SCHEME.OVERLAPPING_PERIODS': {
    'zh-CN': '{path} 与 {other} 对同一单位的 {half} 重复设定了任务数',
    en: '{path} and {other} both set the quota of the same unit for {half}',
  },
  'SCHEME.TOO_LARGE': {
    'zh-CN': '{path} 不能大于 {max}（当前为 {value}）',
    en: '{path} cannot be more than {max} (it is {value})',
    params: { path: 'schemeField' },
  },
  'SCHEME.TOO_SMALL': {
    'zh-CN': '{path} 不能小于 {min}（当前为 {value}）',
    en: '{path} cannot be less than {min} (it is {value})',
    params: { path: 'schemeField' },
  },
  'SCHEME.UNKNOWN_CATEGORY': {
    'zh-CN': '{table} 中有未知的键“{key}”',
    en: '{table} has an unknown key “{key}”',
  },
  'SCHEME.UNKNOWN_KEY': {
    select: 'form',
    variants: {
      root: { 'zh-CN': '考评办法中有未知的键“{key}”', en: 'The scheme has an unknown key “{key}”' },
      rootSuggest: {
        'zh-CN': '考评办法中有未知的键“{key}”，是否应为“{suggestion}”？',
        en: 'The scheme has an unknown key “{key}”; did you mean “{suggestion}”?',
      },
      field: { 'zh-CN': '{path} 中有未知的键“{key}”', en: '{path} has an unknown key “{key}”' },
      fieldSuggest: {
        'zh-CN': '{path} 中有未知的键“{key}”，是否应为“{suggestion}”？',
        en: '{path} has an unknown key “{key}”; did you mean “{suggestion}”?',
      },
    },
  },
  'SCHEME.UNKNOWN_LEVEL': {
    'zh-CN': '{table} 中有未知的键“{key}”',
    en: '{table} has an unknown key “{key}”',
  },
  'SCHEME.UNKNOWN_PERIOD': {
    'zh-CN': '{path} 应为 "H1"、"H2" 或 "both"',
    en: '{path} must be "H1", "H2" or "both"',
  },
  'SCHEME.UNKNOWN_STACKING': {
    'zh-CN': 'stacking 应为 "sum" 或 "highest"',
    en: 'stacking must be "sum" or "highest"',
  },
  'SCHEME.UNKNOWN_UNIT_KIND': {
    'zh-CN': 'quotas 中有未知的单位类型“{key}”',
    en: 'quotas has an unknown unit kind “{key}”',
  },

  // ---- Bulletins and appeals ----
  'BULLETIN.ALREADY_APPEALED': {
    'zh-CN': '本单位已对该通报提出过异议，不能重复提出',
    en: 'Your unit has already appealed against this bulletin',
  },
  'BULLETIN.ALREADY_PUBLISHED': {
    select: 'action',
    variants: {
      appeal: {
        'zh-CN': '通报已发布，不能再提出异议',
        en: 'The bulletin is published; appeals are no longer possible',
      },
      resolve: {
        'zh-CN': '通报已发布',
        en: 'The bulletin is already published',
      },
      publish: {
        'zh-CN': '通报已发布',
        en: 'The bulletin is already published',
      },
    },
  },
  'BULLETIN.APPEALS_PENDING': {
    'zh-CN': '还有未答复的异议，不能发布',
    en: 'Some appeals have not been answered yet, so the bulletin cannot be published',
  },
  'BULLETIN.APPEAL_RESOLVED': {
    'zh-CN': '该异议已答复',
    en: 'This appeal has already been answered',
  },
  'BULLETIN.APPEAL_WINDOW_CLOSED': {
    'zh-CN': '异议期已过',
    en: 'The appeal period is over',
  },
  'BULLETIN.APPEAL_WINDOW_OPEN': {
    'zh-CN': '异议期尚未结束，不能发布',
    en: 'The appeal period is not over yet, so the bulletin cannot be published',
  },
  'BULLETIN.NOT_ALLOWED': {
    select: 'action',
    variants: {
      appeal: {
        'zh-CN': '只能为本单位提出异议',
        en: 'You can only appeal for your own unit',
      },
      appeal_role: {
        'zh-CN': '只有本单位的一把手、分管领导或信息员可以提出异议',
        en: "Only the unit's head, deputy in charge or information officer may appeal",
      },
      resolve: {
        'zh-CN': '只有宣传股审核员或管理员可以答复异议',
        en: 'Only a reviewer of the publicity section or an administrator may answer appeals',
      },
      publish: {
        'zh-CN': '只有局领导或管理员可以发布通报',
        en: 'Only a bureau leader or an administrator may publish bulletins',
      },
    },
  },
  'BULLETIN.NO_SUCH_APPEAL': {
    'zh-CN': '没有该异议',
    en: 'There is no such appeal',
  },
  'BULLETIN.REASON_REQUIRED': {
    select: 'action',
    variants: {
      appeal: { 'zh-CN': '请说明异议的理由', en: 'Give the reason for the appeal' },
      resolve: { 'zh-CN': '请填写答复意见', en: 'Write the answer to the appeal' },
    },
  },
  'BULLETIN.WRONG_PERIOD': {
    'zh-CN': '考评结果与通报的周期不一致',
    en: 'The evaluation is for another period than the bulletin',
  },

  // ---- Public-opinion incidents ----
  'INCIDENT.DISCOVERED_IN_FUTURE': {
    'zh-CN': '发现时间不能晚于当前时间',
    en: 'The time of discovery cannot be in the future',
  },
  'INCIDENT.ILLEGAL_TRANSITION': {
    'zh-CN': '事件当前状态为「{state}」，不能{action}',
    en: 'The incident is “{state}”, so you cannot {action} now',
    params: { state: 'incidentState', action: 'incidentAction' },
  },
  'INCIDENT.INVALID_LINK': {
    'zh-CN': '链接须为以 http:// 或 https:// 开头的网址',
    en: 'The link must be a web address starting with http:// or https://',
  },
  'INCIDENT.INVALID_VALUE': {
    select: 'field',
    variants: {
      source: { 'zh-CN': '来源不在可选范围内', en: 'The source is not one of the choices' },
      severity: { 'zh-CN': '等级不在可选范围内', en: 'The severity is not one of the choices' },
      discoveredAt: { 'zh-CN': '发现时间无效', en: 'The time of discovery is not valid' },
    },
  },
  'INCIDENT.NOTE_REQUIRED': {
    select: 'action',
    variants: {
      report: {
        'zh-CN': '请说明处置情况或理由',
        en: 'Describe what was done, or why',
      },
      respond: {
        'zh-CN': '请说明处置情况或理由',
        en: 'Describe what was done, or why',
      },
      resolve: {
        'zh-CN': '请说明处置情况或理由',
        en: 'Describe what was done, or why',
      },
      close: {
        'zh-CN': '请说明处置情况或理由',
        en: 'Describe what was done, or why',
      },
      reopen: {
        'zh-CN': '请说明处置情况或理由',
        en: 'Give the reason for sending it back',
      },
      reclassify: {
        'zh-CN': '请说明调整等级的理由',
        en: 'Give the reason for changing the severity',
      },
    },
  },
  'INCIDENT.NOT_PERMITTED': {
    select: 'rule',
    variants: {
      inactive: {
        'zh-CN': '该人员已离岗，不能处置事件',
        en: 'This person has left and cannot handle incidents',
      },
      bureau: {
        'zh-CN': '只有局宣传股审核员、局领导或管理员可以审核办结',
        en: 'Only a reviewer of the publicity section, a bureau leader or an administrator may review and close incidents',
      },
      unit: {
        'zh-CN': '只有舆情责任人、分管领导或一把手可以处置事件',
        en: 'Only the responsible person, the opinion officer, a deputy or the head may handle the incident',
      },
    },
  },
  'INCIDENT.OTHER_UNIT': {
    select: 'action',
    variants: {
      open: {
        'zh-CN': '只能登记本单位的舆情事件',
        en: 'You can only register incidents of your own unit',
      },
      handle: {
        'zh-CN': '只能处置本单位的舆情事件',
        en: 'You can only handle incidents of your own unit',
      },
    },
  },
  'INCIDENT.REQUIRED': {
    'zh-CN': '请填写{field}',
    en: 'Enter {field}',
    params: { field: 'incidentField' },
  },
  'INCIDENT.RESPONSIBLE_OTHER_UNIT': {
    'zh-CN': '责任人须为本单位（或所属中心校）人员',
    en: 'The responsible person must belong to the unit (or its township center)',
  },
  'INCIDENT.SAME_SEVERITY': {
    'zh-CN': '等级未改变',
    en: 'The severity is unchanged',
  },
  'INCIDENT.TOO_LONG': {
    'zh-CN': '{field}不能超过{max}字',
    en: 'Keep {field} within {max} characters',
    params: { field: 'incidentField' },
  },
  'INCIDENT.UNKNOWN_PERSON': {
    'zh-CN': '责任人不存在或已离岗',
    en: 'The responsible person does not exist or has left',
  },
  'INCIDENT.UNKNOWN_UNIT': {
    'zh-CN': '单位不存在或不是基层单位',
    en: 'The unit does not exist or is not a reporting unit',
  },

  // ---- The subscription campaign ----
  'CAMPAIGN.DUPLICATE_RECORD': {
    'zh-CN': '记录编号为空或已存在',
    en: 'The record number is empty or already used',
  },
  'CAMPAIGN.INVALID_CATALOGUE': {
    select: 'rule',
    variants: {
      format: { 'zh-CN': '目录格式无效', en: 'The catalogue is not in a valid format' },
      year: { 'zh-CN': '年度无效', en: 'The year is not valid' },
      entries: { 'zh-CN': '目录须为列表', en: 'The entries must be a list' },
      entry: { 'zh-CN': '条目格式无效', en: 'The entry is not in a valid format' },
      id_required: { 'zh-CN': '请填写编号', en: 'Enter the number' },
      id_duplicate: {
        'zh-CN': '编号与 {firstAt} 重复',
        en: 'The number is already used by {firstAt}',
      },
      title_required: { 'zh-CN': '请填写报刊名称', en: 'Enter the title' },
      postal_code_format: {
        'zh-CN': '邮发代号格式应为“36-12”',
        en: 'The postal distribution code must look like “36-12”',
      },
      postal_code_duplicate: {
        'zh-CN': '邮发代号与 {firstAt} 重复',
        en: 'The postal distribution code is already used by {firstAt}',
      },
      publisher_required: { 'zh-CN': '请填写出版单位', en: 'Enter the publisher' },
      category: {
        'zh-CN': '类别不在可选范围内',
        en: 'The category is not one of the choices',
      },
      price: {
        'zh-CN': '年定价须为正整数（分）',
        en: 'The yearly price must be a positive whole number of fen',
      },
      flag: { 'zh-CN': '须为是或否', en: 'Must be yes or no' },
    },
  },
  'CAMPAIGN.INVALID_COPIES': {
    'zh-CN': '订阅份数须为正整数',
    en: 'The number of copies must be a positive whole number',
  },
  'CAMPAIGN.INVALID_FUND_SOURCE': {
    'zh-CN': '经费来源须为公费或自费',
    en: 'The funds must be public or own funds',
  },
  'CAMPAIGN.INVALID_SETTINGS': {
    select: 'field',
    variants: {
      settings: {
        'zh-CN': '征订设置格式无效',
        en: 'The campaign settings are not in a valid format',
      },
      year: { 'zh-CN': '年度无效', en: 'The year is not valid' },
      deadline: { 'zh-CN': '截止时间无效', en: 'The deadline is not valid' },
      perCapitaTarget: {
        'zh-CN': '人均目标须为非负数',
        en: 'The per-capita target cannot be negative',
      },
      publicFundCapFen: {
        'zh-CN': '公费上限须为非负整数（分）',
        en: 'The public-fund cap must be a whole number of fen, not negative',
      },
      laggingShare: {
        'zh-CN': '滞后比例须在 0 与 1 之间',
        en: 'The lagging share must be between 0 and 1',
      },
      laggingLeadMs: {
        'zh-CN': '提前天数须为非负数',
        en: 'The warning time before the deadline cannot be negative',
      },
    },
  },
  'CAMPAIGN.INVALID_TARGET': {
    select: 'rule',
    variants: {
      unit_kind: {
        'zh-CN': '目标只能下达给乡镇中心校或局直单位',
        en: 'Targets are set for township centers and directly administered units only',
      },
      unit_duplicate: { 'zh-CN': '该单位已有目标', en: 'This unit already has a target' },
      not_required_title: {
        'zh-CN': '只能为必订报刊下达份数',
        en: 'Copies can be set for required titles only',
      },
      copies: {
        'zh-CN': '份数须为非负整数',
        en: 'The copies must be a whole number, not negative',
      },
      perCapitaTarget: {
        'zh-CN': '人均目标须为非负数',
        en: 'The per-capita target cannot be negative',
      },
      publicFundCapFen: {
        'zh-CN': '公费上限须为非负整数（分）',
        en: 'The public-fund cap must be a whole number of fen, not negative',
      },
      deadline: { 'zh-CN': '截止时间无效', en: 'The deadline is not valid' },
    },
  },
  'CAMPAIGN.NOT_PERMITTED': {
    select: 'action',
    variants: {
      assign: {
        'zh-CN': '只有管理员或局领导可以分包',
        en: 'Only an administrator or a bureau leader may assign units',
      },
      record: {
        'zh-CN': '无权为该单位登记征订',
        en: 'You may not record subscriptions for this unit',
      },
      record_any: {
        'zh-CN': '征订由单位负责人、副职、通讯员或分包人员登记，您不能为任何单位登记',
        en: 'Subscriptions are recorded by a unit’s head, deputy or officer or by assigned staff; you may not record for any unit',
      },
      edit: {
        'zh-CN': '只有系统管理员可以修改征订活动、目录和目标',
        en: 'Only an administrator may change the campaign, its catalogue and its targets',
      },
    },
  },
  'CAMPAIGN.NOT_PUBLIC_FUND_ELIGIBLE': {
    'zh-CN': '该报刊不得使用公费订阅',
    en: 'This title cannot be paid from public funds',
  },
  'CAMPAIGN.OVER_CAP': {
    'zh-CN': '公费订阅超出单位上限：上限 {cap} 元，已订 {already} 元，本次 {attempted} 元',
    en: 'Public-fund subscriptions would exceed the unit’s cap: cap {cap} yuan, already {already} yuan, this one {attempted} yuan',
    params: { cap: 'fen', already: 'fen', attempted: 'fen' },
  },
  'CAMPAIGN.STUDENT_MANDATORY': {
    select: 'in',
    variants: {
      catalogue: {
        'zh-CN': '学生读物不得列为必订',
        en: 'A student title cannot be required',
      },
      record: {
        'zh-CN': '学生读物不得作为统一征订登记',
        en: 'A student title cannot be recorded as a mandatory subscription',
      },
    },
  },
  'CAMPAIGN.UNKNOWN_PERSON': {
    'zh-CN': '人员不存在或已离岗',
    en: 'The person does not exist or has left',
  },
  'CAMPAIGN.UNKNOWN_TITLE': {
    'zh-CN': '该报刊不在本年度目录中',
    en: 'This title is not in this year’s catalogue',
  },
  'CAMPAIGN.UNKNOWN_UNIT': {
    select: 'action',
    variants: {
      assign: {
        'zh-CN': '只能分包乡镇中心校或局直单位',
        en: 'Only township centers and directly administered units can be assigned',
      },
      record: { 'zh-CN': '单位不存在', en: 'The unit does not exist' },
    },
  },

  // ---- Reminder settings ----
  'REMINDER.INVALID_SETTINGS': {
    select: 'rule',
    variants: {
      format: {
        'zh-CN': '提醒设置格式无效',
        en: 'The reminder settings are not in a valid format',
      },
      quiet_hours: {
        'zh-CN': '免打扰时段格式无效',
        en: 'The quiet hours are not in a valid format',
      },
      minute: {
        'zh-CN': '须为 0 至 1439 之间的分钟数',
        en: 'Must be a minute of the day, from 0 to 1439',
      },
      yes_no: { 'zh-CN': '须为是或否', en: 'Must be yes or no' },
      date_list: { 'zh-CN': '须为日期列表', en: 'Must be a list of dates' },
      date: { 'zh-CN': '日期格式应为 YYYY-MM-DD', en: 'Write the date as YYYY-MM-DD' },
      duration: {
        'zh-CN': '须为非负时长（毫秒）',
        en: 'Must be a duration in milliseconds, not negative',
      },
      share: { 'zh-CN': '须在 0 与 1 之间', en: 'Must be between 0 and 1' },
      escalation_before_reminder: {
        'zh-CN': '提醒一把手的时限不能早于提醒审核人的时限',
        en: 'The head cannot be reminded before the reviewers',
      },
    },
  },
} as const satisfies { readonly [C in ErrorCode]: CatalogueEntry };

type Catalogue = typeof ERROR_MESSAGES;

/** The `{name}` placeholders of a template. */
type Placeholders<T extends string> = T extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;

type FormatOf<E, P> = E extends { readonly params: infer F }
  ? P extends keyof F
    ? F[P]
    : 'plain'
  : 'plain';

type ValueOf<F> = F extends 'fen' | 'points'
  ? number
  : F extends LabelSet
    ? keyof (typeof LABELS)[F][Locale]
    : ParamValue;

type ParamsOfText<E, T extends LocalisedText> = {
  readonly [P in Placeholders<T[Locale]>]: ValueOf<FormatOf<E, P>>;
};

/**
 * The parameters an error code's message needs: every placeholder of its templates in every
 * locale, and the selecting parameter of a code with several wordings.
 */
export type ErrorParams<C extends ErrorCode> = C extends ErrorCode
  ? ParamsOfEntry<Catalogue[C]>
  : never;

type ParamsOfEntry<E> = E extends {
  readonly select: infer S extends string;
  readonly variants: infer V;
}
  ? {
      [K in keyof V]: { readonly [_ in S]: K } & (V[K] extends LocalisedText
        ? ParamsOfText<E, V[K]>
        : never);
    }[keyof V]
  : E extends LocalisedText
    ? ParamsOfText<E, E>
    : never;

function entryOf(
  catalogue: Readonly<Record<string, CatalogueEntry>>,
  key: string,
): CatalogueEntry | undefined {
  return Object.prototype.hasOwnProperty.call(catalogue, key) ? catalogue[key] : undefined;
}

function labelOf(set: LabelSet, value: ParamValue, locale: Locale): string | undefined {
  const labels: Readonly<Record<string, string>> = LABELS[set][locale];
  return Object.prototype.hasOwnProperty.call(labels, value) ? labels[String(value)] : undefined;
}

function show(value: ParamValue, format: ParamFormat | undefined, locale: Locale): string {
  if (typeof value === 'number' && format === 'fen') return String(value / 100);
  if (typeof value === 'number' && format === 'points') {
    return String(Math.round(value * 100) / 100);
  }
  if (format === 'fen' || format === 'points') return String(value);
  if (format === 'schemeField') return schemeFieldLabel(String(value), locale);
  if (format !== undefined) return labelOf(format, value, locale) ?? String(value);
  return String(value);
}

/**
 * The template of a code in a locale for these parameters, or undefined for a code or a
 * selecting value the catalogue does not know.
 */
function templateOf(
  entry: CatalogueEntry,
  params: Readonly<Record<string, ParamValue>>,
  locale: Locale,
): string | undefined {
  if (!('select' in entry)) return entry[locale];
  const choice = params[entry.select];
  if (choice === undefined) return undefined;
  return Object.prototype.hasOwnProperty.call(entry.variants, choice)
    ? entry.variants[String(choice)]?.[locale]
    : undefined;
}

/** Fills an entry's template for a locale, or undefined when no wording fits the parameters. */
function render(
  entry: CatalogueEntry,
  params: Readonly<Record<string, ParamValue>>,
  locale: Locale,
): string | undefined {
  const template = templateOf(entry, params, locale);
  if (template === undefined) return undefined;
  const formats: Readonly<Record<string, ParamFormat>> = entry.params ?? {};
  return template.replace(/\{([A-Za-z]\w*)\}/g, (whole: string, name: string) => {
    const value = params[name];
    return value === undefined ? whole : show(value, formats[name], locale);
  });
}

/**
 * Renders the message of an error code in a locale. Unknown codes, missing parameters and
 * unknown labels never throw: an unknown code renders as the code itself, and a missing
 * parameter stays as its `{name}` so that the gap is visible rather than hidden.
 *
 * @example
 * ```ts
 * // An error read back from a log or another process: its code and parameters.
 * formatMessage('SUBMISSION.ILLEGAL_TRANSITION', { state: 'draft', command: 'forward' }, 'en');
 * // 'The item is “Draft”, so you cannot forward it to the bureau now'
 * formatMessage('NO.SUCH_CODE', {}, 'en'); // 'NO.SUCH_CODE'
 * ```
 */
export function formatMessage(
  code: string,
  params: Readonly<Record<string, ParamValue>>,
  locale: Locale,
): string {
  const entry = entryOf(ERROR_MESSAGES, code);
  return (entry === undefined ? undefined : render(entry, params, locale)) ?? code;
}

/**
 * Renders an error in a locale, e.g. `formatError(result.error, 'en')`. Errors read back from
 * storage or another process are rendered the same way from their code and parameters.
 *
 * @example
 * ```ts
 * const result = transition(draft, { type: 'forward' }, officer, now);
 * if (!result.ok) {
 *   result.error.message; // '稿件当前状态为“草稿”，不能报送稿件'
 *   formatError(result.error, 'en'); // 'The item is “Draft”, so you cannot forward it to the bureau now'
 * }
 * ```
 */
export function formatError(error: Pick<DomainError, 'code' | 'params'>, locale: Locale): string {
  return formatMessage(error.code, error.params, locale);
}

/**
 * The terms a score line's explanation is made of (rules §5.2), in every locale: the points
 * of the line's source, then the factors applied to them, then the result. `{points}` and the
 * factors are rounded to hundredths, as in the bulletins.
 */
export const SCORE_TERMS = {
  'SCORE.REACHED_BUREAU': {
    'zh-CN': '报送到局 {points}',
    en: 'Reached the bureau {points}',
    params: { points: 'points' },
  },
  'SCORE.QUALITY': {
    'zh-CN': '精品 +{points}',
    en: 'Quality mark +{points}',
    params: { points: 'points' },
  },
  'SCORE.ADOPTION': {
    'zh-CN': '{level}采用 {points}',
    en: '{level} adoption {points}',
    params: { level: 'adoptionLevel', points: 'points' },
  },
  'SCORE.INSTRUCTION': {
    'zh-CN': '{level}领导批示 {points}',
    en: '{level} leader instruction {points}',
    params: { level: 'instructionLevel', points: 'points' },
  },
  'SCORE.HEADLINE': {
    'zh-CN': '× 头版头条 {factor}',
    en: '× front-page headline {factor}',
    params: { factor: 'points' },
  },
  'SCORE.LATE': {
    'zh-CN': '× 迟报 {factor}',
    en: '× late {factor}',
    params: { factor: 'points' },
  },
  'SCORE.SHARED': {
    'zh-CN': '÷ 综合稿 {count} 篇',
    en: '÷ {count} merged items',
  },
  'SCORE.RESULT': {
    'zh-CN': '= {points}',
    en: '= {points}',
    params: { points: 'points' },
  },
} as const satisfies Readonly<Record<string, CatalogueEntry>>;

/** The key of a term of a score line's explanation. */
export type ScoreTermKey = keyof typeof SCORE_TERMS;

/** One term of a score line's explanation: a message key and its parameters. */
export type ScoreTerm = {
  readonly [K in ScoreTermKey]: {
    readonly key: K;
    readonly params: ParamsOfEntry<(typeof SCORE_TERMS)[K]>;
  };
}[ScoreTermKey];

/**
 * Renders an explanation made of terms in a locale, e.g. `City adoption 4 × front-page headline
 * 2 = 8`. An unknown key renders as itself.
 */
export function formatScoreTerms(terms: readonly ScoreTerm[], locale: Locale): string {
  return terms
    .map((term) => {
      const entry = entryOf(SCORE_TERMS, term.key);
      return (entry === undefined ? undefined : render(entry, term.params, locale)) ?? term.key;
    })
    .join(' ');
}

/**
 * Renders the explanation of a score line in a locale; in `zh-CN` it is its `explanation`.
 *
 * @example
 * ```ts
 * const score = itemScore(item, adoptions, defaultScheme(2026));
 * score.lines.map((line) => formatScoreLine(line, 'en'));
 * // ['Reached the bureau 0.2', 'City adoption 4 × front-page headline 2 = 8']
 * ```
 */
export function formatScoreLine(line: Pick<ScoreLine, 'terms'>, locale: Locale): string {
  return formatScoreTerms(line.terms, locale);
}

/**
 * The reasons of a unit's status in a period (rules §6.2), in every locale, keyed by the
 * reason's code. A reason carries the values its message shows in `params`.
 */
export const STATUS_REASON_MESSAGES = {
  ZERO_SUBMISSIONS: {
    'zh-CN': '本期报送信息为零，取消奖励资格',
    en: 'No item reached the bureau this period, so the unit cannot be commended',
  },
  UNREPORTED_MAJOR: {
    'zh-CN': '本期有 {count} 起重大信息瞒报或漏报，取消奖励资格',
    en: '{count} major event(s) went unreported this period, so the unit cannot be commended',
  },
  QUOTA_NOT_MET: {
    'zh-CN': '未完成任务：报送 {submitted}/{submittedTarget}，采用 {adopted}/{adoptedTarget}',
    en: 'Quota not met: {submitted}/{submittedTarget} submitted, {adopted}/{adoptedTarget} adopted',
  },
  TOP_N: {
    'zh-CN': '完成任务且得分位列前 {topN} 名，予以表彰',
    en: 'Quota met and a score among the top {topN}: commended',
  },
  TOP_N_OF_QUALIFIED: {
    'zh-CN': '完成任务且得分在达标单位中位列前 {topN} 名，予以表彰',
    en: 'Quota met and a score among the top {topN} of the units that met their quota: commended',
  },
  NOT_IN_TOP_N: {
    'zh-CN': '完成任务，得分未进入前 {topN} 名',
    en: 'Quota met, but the score is not among the top {topN}',
  },
  SCORE_NOT_POSITIVE: {
    'zh-CN': '得分未超过零，不列入表彰',
    en: 'The score is not above zero, so the unit is not commended',
  },
  DEACTIVATED: {
    'zh-CN': '本单位已于期末前撤并：列出本期报送情况，不参加排名和评比',
    en: 'Merged away (撤并) before the period ended: its items are listed, but it is not ranked or rated',
  },
} as const satisfies Readonly<Record<string, CatalogueEntry>>;

/** The code of a status reason, e.g. `QUOTA_NOT_MET`. */
type StatusReasonKey = keyof typeof STATUS_REASON_MESSAGES;

function isStatusReasonKey(code: string): code is StatusReasonKey {
  return Object.prototype.hasOwnProperty.call(STATUS_REASON_MESSAGES, code);
}

/** The parameters the message of a status reason shows. */
export type StatusReasonParams<K extends StatusReasonKey> = ParamsOfEntry<
  (typeof STATUS_REASON_MESSAGES)[K]
>;

/**
 * Renders a status reason in a locale from its code and parameters; an unknown code renders as
 * itself. In `zh-CN` it is the reason's `message`.
 *
 * @example
 * ```ts
 * formatStatusReason({ code: 'TOP_N', params: { topN: 5 } }, 'en');
 * // 'Quota met and a score among the top 5: commended'
 * ```
 */
export function formatStatusReason(
  reason: { readonly code: string; readonly params: Readonly<Record<string, ParamValue>> },
  locale: Locale,
): string {
  if (!isStatusReasonKey(reason.code)) return reason.code;
  const template: string = STATUS_REASON_MESSAGES[reason.code][locale];
  // Status reasons show plain numbers only: filled here without the catalogue's label sets,
  // which keeps them out of a bundle that only evaluates.
  return template.replace(/\{([A-Za-z]\w*)\}/g, (whole: string, name: string) => {
    const value = reason.params[name];
    return value === undefined ? whole : String(value);
  });
}
