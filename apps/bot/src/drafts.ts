import type { InlineKeyboardButton } from 'grammy/types';
import { InlineKeyboard } from 'grammy';
import { success, type Backend } from './backend.js';
import { excerpt, shanghaiTime } from './text.js';

/** What the bot shows of a submission, read as the person it acts for. */
export async function loadDetail(backend: Backend, telegramUserId: number | string, id: string) {
  return success(await backend.as(telegramUserId).submissions[':id'].$get({ param: { id } }));
}

export type Detail = Awaited<ReturnType<typeof loadDetail>>;

type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** The fields of a card, from a quick report's answer or a submission's detail. */
export interface CardFields {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  readonly state: string;
  readonly eventAt: string;
  readonly photos: number;
  readonly unitName: string;
}

export function cardFieldsOf(detail: Detail): CardFields {
  return {
    id: detail.id,
    title: detail.title,
    body: detail.body,
    state: detail.state,
    eventAt: detail.eventAt ?? '',
    photos: detail.attachments.length,
    unitName: detail.unit?.name ?? '',
  };
}

/** The quick report's card (DESIGN §5): what was understood, and what can be done next. */
export function cardText(t: Translate, card: CardFields): string {
  const next =
    card.state === 'draft' || card.state === 'returned'
      ? t('card-next-draft')
      : card.state === 'withdrawn'
        ? t('card-next-withdrawn')
        : t('card-next-submitted');
  return t('card', {
    unit: card.unitName,
    title: card.title,
    body: card.body === '' ? t('card-no-body') : excerpt(card.body),
    eventAt: card.eventAt === '' ? '-' : shanghaiTime(card.eventAt),
    photos: card.photos,
    state: t(`state-${card.state}`),
    next,
  });
}

/** 提交审核 / 补充 / 撤回 while the item is the author's draft; nothing after. */
export function cardKeyboard(t: Translate, card: CardFields): InlineKeyboard {
  // An empty keyboard removes the buttons from a card that is edited after submission.
  if (card.state !== 'draft' && card.state !== 'returned') return new InlineKeyboard([]);
  return new InlineKeyboard()
    .text(t('btn-submit'), `qr:submit:${card.id}`)
    .text(t('btn-more'), `qr:more:${card.id}`)
    .text(t('btn-withdraw'), `qr:withdraw:${card.id}`);
}

/** The console's page of a submission (DESIGN §6). */
export function consoleLink(publicUrl: string, id: string): string {
  return new URL(
    `submissions/${encodeURIComponent(id)}`,
    publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`,
  ).toString();
}

/**
 * The review request's buttons: 查看全文 and 退回, bound to the version the reviewer is shown.
 * Approving comes only after the full text (DESIGN §3.2: 查看全文 is the recorded opening).
 */
export function reviewKeyboard(
  t: Translate,
  _publicUrl: string,
  id: string,
  version: number,
): InlineKeyboard {
  return new InlineKeyboard()
    .text(t('btn-full'), `rv:full:${id}:${version}`)
    .text(t('btn-return'), `rv:ret:${id}:${version}`);
}

/** Under the full text: 通过并报送 / 修改后签发 (in the console) / 退回. */
export function fullReviewKeyboard(
  t: Translate,
  publicUrl: string,
  id: string,
  version: number,
): InlineKeyboard {
  const edit: InlineKeyboardButton = { text: t('btn-edit-sign'), url: consoleLink(publicUrl, id) };
  return new InlineKeyboard()
    .text(t('btn-approve'), `rv:ok:${id}:${version}`)
    .add(edit)
    .row()
    .text(t('btn-return'), `rv:ret:${id}:${version}`);
}

/** The full text of the revision, as 查看全文 shows it. */
export function fullReviewText(t: Translate, detail: Detail): string {
  return t('review-full', {
    title: detail.title,
    revision: detail.revision,
    photos: detail.attachments.length,
    body: detail.body === '' ? t('card-no-body') : excerpt(detail.body, 3500),
  });
}

/**
 * What the reviewer's message becomes once they decided: the item named, without the text or
 * the request to read it, and what happened (`note`).
 */
export function reviewedText(t: Translate, detail: Detail, note: string): string {
  return t('review-done-card', {
    unit: detail.unit?.name ?? '',
    title: detail.title,
    revision: detail.revision,
    note,
  });
}

/** The reviewer's preview of the exact revision they are asked to sign off. */
export function reviewText(t: Translate, detail: Detail): string {
  return t('review-card', {
    unit: detail.unit?.name ?? '',
    title: detail.title,
    author: detail.authors.flatMap((a) => (a === null ? [] : [a.name])).join('、'),
    revision: detail.revision,
    eventAt: detail.eventAt === null ? '-' : shanghaiTime(detail.eventAt),
    photos: detail.attachments.length,
    // The first lines only: the whole text is behind 查看全文.
    body:
      detail.body === ''
        ? t('card-no-body')
        : excerpt(detail.body.split('\n').slice(0, 3).join('\n'), 120),
  });
}
