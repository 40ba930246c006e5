/** The outbox's texts (zh-CN). Every text ends with what the reader should do next. */
import { REMINDER_TEMPLATES, toShanghaiTime } from '@jyxc/domain';
import { z } from 'zod';

/** The templates rendered here, besides the domain's reminder templates. */
export const OUTBOX_TEMPLATES = {
  /** An item waits for the reader's unit review. */
  reviewRequest: 'review_request',
  /** The author learns the outcome of a review (approved, returned, not adopted). */
  reviewResult: 'review_result',
  /** An outlet published the reader's item, with the points gained. */
  adoption: 'adoption',
} as const;

export type Params = Readonly<Record<string, unknown>>;

export function parseParams(text: string): Params {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value } : {};
  } catch {
    return {};
  }
}

export function stringParam(params: Params, name: string): string | null {
  const value = params[name];
  return typeof value === 'string' && value !== '' ? value : null;
}

export const LEVEL_NAMES: Readonly<Record<string, string>> = {
  bureau: '局网站/公众号',
  county: '县级媒体',
  city: '市级媒体',
  province: '省级媒体',
  national: '国家级媒体',
};

export const SEVERITY_NAMES: Readonly<Record<string, string>> = {
  general: '一般',
  significant: '较大',
  major: '重大',
};

export const STEP_NAMES: Readonly<Record<string, string>> = {
  report: '报告',
  respond: '首次回应',
  resolve: '处置完毕',
};

export const STEP_ACTIONS: Readonly<Record<string, string>> = {
  report: '向县教体局报告事件情况',
  respond: '作出首次回应',
  resolve: '完成处置并提交处置结果',
};

/** `5月11日 10:00`, read on a Shanghai clock. */
export function shanghaiDateTime(at: number): string {
  const t = toShanghaiTime(at);
  return `${t.month}月${t.day}日 ${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
}

export function points(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** `2026-H1` → 2026年上半年. */
export function periodLabel(key: string): string {
  const match = /^(\d{4})-(H1|H2|Y)$/.exec(key);
  if (!match) return '本期';
  const part = match[2] === 'H1' ? '上半年' : match[2] === 'H2' ? '下半年' : '全年';
  return `${match[1]}年${part}`;
}

export const text = z.string().min(1);
export const submissionParams = z.object({
  submissionId: text,
  title: text,
  unitId: text.optional(),
  unitName: text.optional(),
});
export const reviewRequestParams = submissionParams.extend({
  authorName: text.optional(),
  /** Who submitted it (the submissions service's name for the author). */
  by: text.optional(),
  preview: z.string().nullish(),
});
export const reviewResultParams = submissionParams.extend({
  result: z.enum(['approved', 'returned', 'adopted', 'not_adopted']),
  reason: z.string().nullish(),
  comment: z.string().nullish(),
  stage: z.enum(['unit_review', 'bureau_review']).nullish(),
  reviewerName: text.optional(),
  by: text.optional(),
});
export const adoptionParams = submissionParams.extend({
  outlet: text,
  level: text,
  points: z.number(),
  headline: z.boolean().optional(),
  share: z.number().optional(),
});
export const reviewReminderParams = submissionParams.extend({
  since: z.number(),
  hours: z.number(),
});
export const quotaDigestParams = z.object({
  periodKey: text,
  checkpoint: text,
  units: z.array(z.object({ name: text, submitted: z.number(), quota: z.number() })).min(1),
});
export const quotaUnitParams = z.object({
  periodKey: text,
  checkpoint: text,
  name: text,
  submitted: z.number(),
  quota: z.number(),
});
export const incidentParams = z.object({
  incidentId: text,
  title: text,
  unitId: text,
  severity: text,
  step: text,
  dueAt: z.number(),
  role: z.enum(['responsible', 'escalation']).optional(),
});

export type UnitName = (unitId: string) => string | undefined;

export function unitOf(
  p: { readonly unitId?: string | undefined; readonly unitName?: string | undefined },
  name: UnitName,
): string {
  return p.unitName ?? (p.unitId === undefined ? undefined : name(p.unitId)) ?? '本单位';
}

export function checkpointText(checkpoint: string): string {
  return checkpoint === 'quota-30d' ? '距结束不足30天' : '已过半';
}

export type Renderer = (params: Params, name: UnitName) => string | null;

export const RENDERERS: Readonly<Record<string, Renderer>> = {
  [OUTBOX_TEMPLATES.reviewRequest]: (raw, name) => {
    const p = reviewRequestParams.safeParse(raw);
    if (!p.success) return null;
    const author = p.data.authorName ?? p.data.by;
    const by = author === undefined ? '' : `（作者：${author}）`;
    const preview = p.data.preview?.trim() ?? '';
    return `【待审核】${unitOf(p.data, name)}的稿件《${p.data.title}》${by}已提交，等待您审核。${preview === '' ? '' : `\n${preview}`}\n请阅读并修改后点击“通过并报送”，或点击“退回”并写明原因；也可以在后台“稿件”中打开审核。`;
  },
  [OUTBOX_TEMPLATES.reviewResult]: (raw) => {
    const p = reviewResultParams.safeParse(raw);
    if (!p.success) return null;
    const reviewer = p.data.reviewerName ?? p.data.by;
    const by = reviewer === undefined ? '' : `（审核人：${reviewer}）`;
    const reason = p.data.reason?.trim() ?? '';
    const comment = p.data.comment?.trim() ?? reason;
    const where = p.data.stage === 'bureau_review' ? '县教体局' : '单位审核';
    switch (p.data.result) {
      case 'approved':
        return `【审核结果】您的稿件《${p.data.title}》已通过单位审核${by}，已报送县教体局宣传股。\n下一步：等待采用结果，发送 /my 可查看稿件进度。`;
      case 'returned':
        return `【审核结果】您的稿件《${p.data.title}》被${where}退回${by}。\n退回原因：${reason === '' ? '未填写' : reason}\n下一步：请按意见修改后重新提交审核（在后台“稿件”中编辑，发送 /my 可查看）。`;
      case 'adopted':
        return `【审核结果】您的稿件《${p.data.title}》已被县教体局采用${comment === '' ? '' : `，意见：${comment}`}。\n下一步：刊发后将通知您采用媒体和得分，发送 /my 可查看稿件进度。`;
      case 'not_adopted':
        return `【审核结果】您的稿件《${p.data.title}》本次未被采用${comment === '' ? '' : `，意见：${comment}`}。\n下一步：可参考意见改进后续稿件，多报送特色活动和典型经验，发送 /my 查看全部稿件。`;
    }
  },
  [OUTBOX_TEMPLATES.adoption]: (raw) => {
    const p = adoptionParams.safeParse(raw);
    if (!p.success) return null;
    const level = LEVEL_NAMES[p.data.level] ?? p.data.level;
    const headline = p.data.headline === true ? '，并登上头版头条' : '';
    const share =
      p.data.share !== undefined && p.data.share !== p.data.points
        ? `，您个人计 ${points(p.data.share)} 分`
        : '';
    return `【采用喜报】您的稿件《${p.data.title}》被${p.data.outlet}（${level}）采用${headline}，本篇得 ${points(p.data.points)} 分${share}。\n下一步：发送 /rank 查看本单位本期排名，欢迎继续报送精品稿件。`;
  },
  [REMINDER_TEMPLATES.reviewPending]: (raw, name) => {
    const p = reviewReminderParams.safeParse(raw);
    if (!p.success) return null;
    return `【审核提醒】${unitOf(p.data, name)}的稿件《${p.data.title}》自 ${shanghaiDateTime(p.data.since)} 起等待审核，已超过 ${p.data.hours} 小时。\n请尽快审核：通过并报送，或退回并写明原因。可点击下方按钮，或在后台“稿件”中处理。`;
  },
  [REMINDER_TEMPLATES.reviewEscalated]: (raw, name) => {
    const p = reviewReminderParams.safeParse(raw);
    if (!p.success) return null;
    return `【审核督办】${unitOf(p.data, name)}的稿件《${p.data.title}》自 ${shanghaiDateTime(p.data.since)} 起等待审核，已超过 ${p.data.hours} 小时仍未处理。\n请督促分管领导今天内完成审核，或由您直接审核：通过并报送，或退回并写明原因。`;
  },
  [REMINDER_TEMPLATES.quotaDigest]: (raw) => {
    const p = quotaDigestParams.safeParse(raw);
    if (!p.success) return null;
    const lines = p.data.units.map((u) => `· ${u.name}：${u.submitted}/${u.quota} 条`).join('\n');
    return `【报送进度】${periodLabel(p.data.periodKey)}${checkpointText(p.data.checkpoint)}，以下单位报送量不足任务的一半：\n${lines}\n请以上单位抓紧组织报送：在本群发送 /kb 加文字和图片即可快速报送。`;
  },
  [REMINDER_TEMPLATES.quotaUnit]: (raw) => {
    const p = quotaUnitParams.safeParse(raw);
    if (!p.success) return null;
    return `【报送提醒】${p.data.name}${periodLabel(p.data.periodKey)}已报送信息 ${p.data.submitted} 条，任务 ${p.data.quota} 条，本期${checkpointText(p.data.checkpoint)}。\n请抓紧组织报送：在工作群发送 /kb 加文字和图片即可快速报送，发送 /rank 查看进度。`;
  },
  [REMINDER_TEMPLATES.incidentSoon]: (raw, name) => {
    const p = incidentParams.safeParse(raw);
    if (!p.success) return null;
    const step = STEP_NAMES[p.data.step] ?? p.data.step;
    const action = STEP_ACTIONS[p.data.step] ?? '处置';
    const duty = p.data.role === 'escalation' ? '请督促责任人' : '请立即';
    return `【舆情预警】${SEVERITY_NAMES[p.data.severity] ?? ''}舆情《${p.data.title}》（${name(p.data.unitId) ?? '本单位'}）的“${step}”时限将于 ${shanghaiDateTime(p.data.dueAt)} 到期。\n${duty}${action}，并在后台“舆情”中登记。`;
  },
  [REMINDER_TEMPLATES.incidentDue]: (raw, name) => {
    const p = incidentParams.safeParse(raw);
    if (!p.success) return null;
    const step = STEP_NAMES[p.data.step] ?? p.data.step;
    const action = STEP_ACTIONS[p.data.step] ?? '处置';
    const duty = p.data.role === 'escalation' ? '事件已上报到您这一级，请督促责任人立即' : '请立即';
    return `【舆情超时】${SEVERITY_NAMES[p.data.severity] ?? ''}舆情《${p.data.title}》（${name(p.data.unitId) ?? '本单位'}）的“${step}”已于 ${shanghaiDateTime(p.data.dueAt)} 超时。\n${duty}${action}，并在后台“舆情”中登记。`;
  },
  [REMINDER_TEMPLATES.adoptionAuthor]: (raw) => {
    const p = adoptionParams.safeParse(raw);
    if (!p.success) return null;
    const level = LEVEL_NAMES[p.data.level] ?? p.data.level;
    const share =
      p.data.share !== undefined && p.data.share !== p.data.points
        ? `，您个人计 ${points(p.data.share)} 分`
        : '';
    return `【采用喜报】您的稿件《${p.data.title}》被${p.data.outlet}（${level}）采用，本篇得 ${points(p.data.points)} 分${share}。\n下一步：发送 /rank 查看本单位本期排名，欢迎继续报送精品稿件。`;
  },
  [REMINDER_TEMPLATES.adoptionHead]: (raw) => {
    const p = adoptionParams.safeParse(raw);
    if (!p.success) return null;
    const level = LEVEL_NAMES[p.data.level] ?? p.data.level;
    return `【采用喜报】本单位稿件《${p.data.title}》被${p.data.outlet}（${level}）采用，得 ${points(p.data.points)} 分。\n发送 /rank 查看本单位本期排名和任务进度，请继续组织报送精品稿件。`;
  },
};

/**
 * The Chinese text of a message. A template this module does not know, or parameters that do
 * not fit it, fall back to the `defaultMessage` parameter (the domain's zh-CN text), so that
 * nothing enqueued is ever unsendable.
 */
export function renderOutboxText(
  template: string,
  params: Params,
  unitName: UnitName = () => undefined,
): string {
  const rendered = RENDERERS[template]?.(params, unitName) ?? null;
  if (rendered !== null) return rendered;
  const fallback = stringParam(params, 'defaultMessage');
  return fallback === null
    ? '您有一条新的平台通知，请登录后台查看详情。'
    : `${fallback}\n详情请登录后台查看。`;
}
