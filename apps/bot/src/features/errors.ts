import { BackendError } from '../backend.js';
import type { ConversationContext } from '../context.js';

/** Refusals with a text of the bot's own (with what to do next); others keep the API's words. */
const KNOWN: Readonly<Record<string, string>> = {
  'BOT.UNLINKED_USER': 'unlinked-user',
  'BOT.GROUP_NOT_LINKED': 'group-unlinked',
  'BOT.EMPTY_REPORT': 'kb-empty',
  'BOT.NO_WORDS': 'kb-no-words',
  'SUBMISSION.STALE': 'stale',
  'LINK_CODE.UNKNOWN': 'link-code-unknown',
};

/** The words people know for the fields the API names by their code (`字段 text`). */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  text: '快报内容',
  title: '标题',
  body: '正文',
  photos: '图片',
  eventAt: '事件时间',
  code: '绑定码',
  reason: '退回原因',
  source: '来源',
  summary: '概要',
  category: '类别',
  severity: '严重程度',
  link: '链接',
  discoveredAt: '发现时间',
  responsiblePersonId: '责任人',
  unitId: '单位',
  note: '说明',
  file: '文件',
  comment: '审核意见',
};

/**
 * The API's reason in the reader's words: a field named by its code (`字段 text：…`) is named
 * as people know it, or left out (docs/rules.md: messages people understand).
 */
export function readableReason(message: string): string {
  return message.replace(/字段 ([A-Za-z][A-Za-z0-9_.[\]]*)：/g, (_all, path: string) => {
    const name = FIELD_NAMES[path.split(/[.[]/)[0] ?? ''];
    return name === undefined ? '' : `${name}：`;
  });
}

/**
 * What to tell a person when the API refused their action; a failure that is not a refusal
 * (the API unreachable, a bug) is thrown on to the error boundary.
 */
export function refusal(ctx: ConversationContext, error: unknown): string {
  if (!(error instanceof BackendError) || error.status >= 500) throw error;
  const key = KNOWN[error.code];
  return key === undefined
    ? ctx.t('refused', { reason: readableReason(error.message) })
    : ctx.t(key);
}
