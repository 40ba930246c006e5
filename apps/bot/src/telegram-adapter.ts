import type { Api, Bot } from 'grammy';
import type { InlineKeyboardMarkup, Update } from 'grammy/types';
import type { Backend } from './backend.js';
import type { ChannelNotice, ChatAdapter, ChatRef, ChatUser, GroupChange } from './channel.js';
import type { BotContext } from './context.js';
import {
  itemKeyboard,
  loadDetail,
  returnedKeyboard,
  reviewKeyboard,
  reviewText,
  settledCard,
  settledOf,
} from './drafts.js';
import { renderNotice, type Translate } from './notices.js';

/** The channel name of Telegram as the API stores it (DESIGN §4). */
export const TELEGRAM = 'telegram';

/** A Telegram message: text, with inline buttons when it has any. */
export interface TelegramMessage {
  readonly text: string;
  readonly markup?: InlineKeyboardMarkup;
}

/** The Telegram user and chat an update comes from, as the chat core's pairs. */
export function identifyTelegram(update: Update): { user: ChatUser | null; chat: ChatRef | null } {
  const from =
    update.message?.from ??
    update.edited_message?.from ??
    update.callback_query?.from ??
    update.my_chat_member?.from;
  const chat =
    update.message?.chat ??
    update.edited_message?.chat ??
    update.callback_query?.message?.chat ??
    update.my_chat_member?.chat;
  return {
    user: from === undefined ? null : { channel: TELEGRAM, externalId: String(from.id) },
    chat:
      chat === undefined
        ? null
        : {
            channel: TELEGRAM,
            chatId: String(chat.id),
            kind: chat.type === 'private' ? 'direct' : 'group',
          },
  };
}

/**
 * A group change in Telegram's words (DESIGN §5): `my_chat_member` with the bot's new status
 * `left` or `kicked` is a removal; a group turned into a supergroup gets a new id, told in the
 * old chat (`migrate_to_chat_id`) and in the new one (`migrate_from_chat_id`) — both read as
 * the same move, which the API applies once.
 */
export function telegramGroupChange(update: Update): GroupChange | null {
  const member = update.my_chat_member;
  if (member !== undefined) {
    const status = member.new_chat_member.status;
    if (member.chat.type === 'private' || (status !== 'left' && status !== 'kicked')) return null;
    return { change: 'removed', chatId: String(member.chat.id), status };
  }
  const message = update.message;
  if (message?.migrate_to_chat_id !== undefined) {
    return {
      change: 'migrated',
      chatId: String(message.chat.id),
      toChatId: String(message.migrate_to_chat_id),
    };
  }
  if (message?.migrate_from_chat_id !== undefined) {
    return {
      change: 'migrated',
      chatId: String(message.migrate_from_chat_id),
      toChatId: String(message.chat.id),
    };
  }
  return null;
}

export interface RenderDeps {
  readonly backend: Backend;
  readonly publicUrl: string;
  /** The bot's Fluent texts; each notification is written in its reader's language. */
  readonly translate: Translate;
}

/**
 * A notification as a Telegram message, in its reader's language; null when it no longer needs
 * saying. A review request carries the preview and the buttons of the revision current now, read
 * as the reviewer; a return notice and a draft reminder carry the buttons that fix the item
 * (DESIGN §5). Without the detail a notification still goes out with the event's own text.
 */
export async function renderTelegramNotice(
  deps: RenderDeps,
  notice: ChannelNotice,
): Promise<TelegramMessage | null> {
  const t = (key: string, vars?: Record<string, string | number>) =>
    deps.translate(notice.locale, key, vars);
  const text = renderNotice(deps.translate, notice.locale, notice.event);
  const kind = notice.event?.kind;
  if (notice.submissionId === null) return { text };
  const reminder = kind === 'review_pending' || kind === 'review_escalated';
  if (
    kind !== 'submission_returned' &&
    kind !== 'draft_idle' &&
    kind !== 'review_requested' &&
    !reminder
  ) {
    return { text };
  }
  let detail: Awaited<ReturnType<typeof loadDetail>>;
  try {
    detail = await loadDetail(deps.backend, notice.chatId, notice.submissionId);
  } catch {
    return { text };
  }
  if (kind === 'submission_returned') {
    // The author fixes and resubmits from chat, while the item is still returned.
    return detail.state === 'returned'
      ? { text, markup: returnedKeyboard(t, detail.id) }
      : { text };
  }
  if (kind === 'draft_idle') {
    // The reminder names its buttons, so it carries them while the item is still a draft.
    return detail.state === 'draft'
      ? { text, markup: itemKeyboard(t, deps.publicUrl, detail) }
      : null;
  }
  if (reminder) {
    // A reminder names the buttons only when it carries them: the item still waits for this
    // reader (issue 14, messages people understand).
    if (!detail.allowedCommands.includes('approve')) return { text };
    return {
      text: `${text}\n${t('notice-review-buttons')}`,
      markup: reviewKeyboard(t, deps.publicUrl, detail.id, detail.version),
    };
  }
  if (!detail.allowedCommands.includes('approve')) {
    // Held (quiet hours) while a colleague decided it: say so rather than ask for work.
    const settled = settledOf(detail);
    if (settled === null) return { text };
    const card = { unitName: detail.unit?.name ?? '', title: detail.title };
    return { text: settledCard(t, card, settled, notice.locale) };
  }
  return {
    text: reviewText(t, detail),
    markup: reviewKeyboard(t, deps.publicUrl, detail.id, detail.version),
  };
}

/** Sends a Telegram message, with its buttons. */
export async function sendTelegram(api: Api, chatId: string, message: TelegramMessage) {
  const sent = await api.sendMessage(chatId, message.text, {
    ...(message.markup === undefined ? {} : { reply_markup: message.markup }),
  });
  return { chatId, messageId: String(sent.message_id) };
}

/** Telegram as a chat channel (DESIGN §4): grammY receives, the Bot API sends. */
export function telegramAdapter(
  bot: Bot<BotContext>,
  deps: RenderDeps,
): ChatAdapter<Update, TelegramMessage> {
  return {
    channel: TELEGRAM,
    receive: (update) => bot.handleUpdate(update),
    identify: identifyTelegram,
    groupChange: telegramGroupChange,
    render: (notice) => renderTelegramNotice(deps, notice),
    send: (chatId, message) => sendTelegram(bot.api, chatId, message),
    async edit(sent, message) {
      await bot.api.editMessageText(sent.chatId, Number(sent.messageId), message.text, {
        ...(message.markup === undefined ? {} : { reply_markup: message.markup }),
      });
    },
  };
}
