/**
 * The chat core's words (DESIGN §4): a chat user is known by the pair (channel, id in that
 * channel) and a group chat by (channel, chat id). Nothing here is particular to one channel
 * except the stricter id check for Telegram, whose ids are numbers.
 */
import { ServiceError } from './errors.js';

/** The first chat channel; the bot's requests name it when they name none (older clients). */
export const TELEGRAM = 'telegram';

/** A channel's name: lower-case letters, digits and dashes (`telegram`, `wecom`, `dingtalk`). */
export const CHANNEL_NAME = /^[a-z][a-z0-9-]{1,31}$/;

/** An id in a channel: printable ASCII without spaces (WeCom user ids, Feishu open ids…). */
export const EXTERNAL_ID = /^[\x21-\x7e]{1,128}$/;

/** Telegram user ids are positive integers of up to 52 bits; kept as text. */
export const TELEGRAM_USER_ID = /^[1-9]\d{0,19}$/;

/** Telegram group and supergroup ids are negative; a private chat's id is the user's. */
export const TELEGRAM_CHAT_ID = /^-?[1-9]\d{0,19}$/;

/** Who a chat adapter acts for: the channel and the user's id in that channel. */
export interface ChatUser {
  readonly channel: string;
  readonly externalId: string;
}

/** A group chat of a channel. */
export interface ChatRef {
  readonly channel: string;
  readonly chatId: string;
}

/** Whether `id` is a well-formed user id of `channel` (Telegram's are numbers). */
export function isChatUserId(channel: string, id: string): boolean {
  return channel === TELEGRAM ? TELEGRAM_USER_ID.test(id) : EXTERNAL_ID.test(id);
}

/** Whether `id` is a well-formed group chat id of `channel`. */
export function isChatId(channel: string, id: string): boolean {
  return channel === TELEGRAM ? TELEGRAM_CHAT_ID.test(id) : EXTERNAL_ID.test(id);
}

/** The user id refused with a message naming the field, or the id. */
export function checkedChatUserId(channel: string, id: string, field: string): string {
  if (isChatUserId(channel, id)) return id;
  throw new ServiceError(
    'malformed',
    channel === TELEGRAM ? 'BOT.BAD_TELEGRAM_USER' : 'BOT.BAD_CHAT_USER',
    channel === TELEGRAM
      ? `${field} 中的 Telegram 用户应为数字编号`
      : `${field} 中的用户编号只能包含字母、数字和符号，最多 128 个字符`,
  );
}
