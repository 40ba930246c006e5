import type { InlineKeyboardButton } from 'grammy/types';
import { InlineKeyboard } from 'grammy';
import { success, type Backend } from './backend.js';
import type { Locale } from '@jyxc/domain';
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
  /** DESIGN §3.3: a `major` item must reach the bureau within its limit of the event time. */
  readonly category?: string;
  /** ISO time by which a major item must reach the bureau, when known. */
  readonly deadline?: string;
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
    category: detail.category,
    ...(detail.eventAt === null || detail.lateness.limitMs === null
      ? {}
      : {
          deadline: new Date(Date.parse(detail.eventAt) + detail.lateness.limitMs).toISOString(),
        }),
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
  const text = t('card', {
    unit: card.unitName,
    title: card.title,
    body: card.body === '' ? t('card-no-body') : excerpt(card.body),
    eventAt: card.eventAt === '' ? '-' : shanghaiTime(card.eventAt),
    photos: card.photos,
    state: t(`state-${card.state}`),
    next,
  });
  if (card.category !== 'major') return text;
  // DESIGN §3.3: the 2-hour clock runs from the event; the card says until when.
  return `${text}\n${t('card-major', { deadline: card.deadline === undefined ? '-' : shanghaiTime(card.deadline) })}`;
}

/** 提交审核 / 补充 / 撤回 while the item is the author's draft; nothing after. */
export function cardKeyboard(t: Translate, card: CardFields): InlineKeyboard {
  // An empty keyboard removes the buttons from a card that is edited after submission.
  if (card.state !== 'draft' && card.state !== 'returned') return new InlineKeyboard([]);
  const keyboard = new InlineKeyboard()
    .text(t('btn-submit'), `qr:submit:${card.id}`)
    .text(t('btn-more'), `qr:more:${card.id}`)
    .text(t('btn-withdraw'), `qr:withdraw:${card.id}`);
  // Issue 14: a report can be marked 重大 from chat, which starts its 2-hour clock.
  return card.category === 'major'
    ? keyboard
    : keyboard.row().text(t('btn-major'), `it:major:${card.id}`);
}

/**
 * What the author may do with an item from chat, as the API allows it now (its `actions`):
 * 修改 and 提交审核 (重新提交 after a return), 撤回, 标记重大; and the console's page.
 */
export function itemKeyboard(t: Translate, publicUrl: string, detail: Detail): InlineKeyboard {
  const allowed: readonly string[] = detail.actions.allowed;
  const keyboard = new InlineKeyboard();
  if (allowed.includes('edit')) keyboard.text(t('btn-fix'), `it:edit:${detail.id}`);
  if (allowed.includes('submit')) {
    keyboard.text(
      t(detail.state === 'returned' ? 'btn-resubmit' : 'btn-submit'),
      `it:submit:${detail.id}`,
    );
  }
  if (allowed.includes('withdraw'))
    keyboard.text(t('btn-withdraw-item'), `it:withdraw:${detail.id}`);
  if (allowed.includes('edit') && detail.category !== 'major') {
    keyboard.row().text(t('btn-major'), `it:major:${detail.id}`);
  }
  const open: InlineKeyboardButton = {
    text: t('btn-open'),
    url: consoleLink(publicUrl, detail.id),
  };
  return keyboard.row().add(open);
}

/** The return notice's buttons (issue 14): 修改 and 重新提交 from chat. */
export function returnedKeyboard(t: Translate, id: string): InlineKeyboard {
  return new InlineKeyboard()
    .text(t('btn-fix'), `it:edit:${id}`)
    .text(t('btn-resubmit'), `it:submit:${id}`);
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

/** How a pending unit review ended, as the bot tells it (DESIGN §5: a stale button says the truth). */
export type SettledOutcome = 'approved' | 'forwarded' | 'returned' | 'withdrawn';

export interface Settled {
  readonly actorId: string | null;
  readonly actor: string;
  readonly outcome: SettledOutcome;
  /** ISO time. */
  readonly at: string;
}

const SETTLING: Readonly<Record<string, SettledOutcome>> = {
  forwarded: 'forwarded',
  approved: 'approved',
  returned: 'returned',
  withdrawn: 'withdrawn',
};

/**
 * Who ended the item's last review, how and when, read from its timeline: the last approval,
 * forwarding, return or withdrawal. An approval followed by its forwarding reads as one
 * 通过并报送. Null when the timeline holds none (nothing was decided yet).
 */
export function settledOf(detail: Pick<Detail, 'timeline'>): Settled | null {
  for (let i = detail.timeline.length - 1; i >= 0; i--) {
    const event = detail.timeline[i];
    const outcome = event === undefined ? undefined : SETTLING[event.kind];
    if (event === undefined || outcome === undefined) continue;
    return {
      actorId: event.actor?.id ?? null,
      actor: event.actor?.name ?? '—',
      outcome,
      at: event.at,
    };
  }
  return null;
}

/** 该稿件已由 张三 于 11月25日 10:32 通过并报送，无需您再审核。 */
export function settledAnswer(t: Translate, settled: Settled, locale?: Locale): string {
  return t('review-settled-answer', {
    actor: settled.actor,
    outcome: settled.outcome,
    at: shanghaiTime(settled.at, locale),
  });
}

/** A pending request once someone else decided: 【已处理】, who did what and when; no buttons. */
export function settledCard(
  t: Translate,
  item: { readonly unitName: string; readonly title: string },
  settled: Settled,
  locale?: Locale,
): string {
  return t('notice-review_settled', {
    unit: item.unitName,
    title: item.title,
    actor: settled.actor,
    outcome: settled.outcome,
    at: shanghaiTime(settled.at, locale),
  });
}
