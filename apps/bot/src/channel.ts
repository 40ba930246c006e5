import type { NotificationEvent } from '@jyxc/api/client';
import type { Locale } from '@jyxc/domain';

/**
 * What a chat channel adapter provides (DESIGN §4: chat is channel-neutral). The chat core is
 * the API's bot routes (`/api/bot/*`) and the ordinary routes called with
 * `X-Chat-User: <channel>:<id>`; they know users, groups and notifications only as
 * (channel, id) pairs and structured events. An adapter turns its channel's traffic into those
 * calls and the core's events into its channel's messages; Telegram (telegram-adapter.ts) is
 * the first. A second channel (WeCom, DingTalk, Feishu) is a second implementation of this
 * interface and needs no change of the API or the database schema: see the README.
 */

/** A chat user as the API knows them: the channel and the user's id in it. */
export interface ChatUser {
  readonly channel: string;
  readonly externalId: string;
}

/** A chat as the API knows it: the channel, the chat's id in it, and whether it is a group. */
export interface ChatRef {
  readonly channel: string;
  readonly chatId: string;
  readonly kind: 'direct' | 'group';
}

/**
 * A group chat the bot can no longer serve under its id (DESIGN §5), for
 * `POST /api/bot/groups/change`: the bot was removed (the binding is marked removed for the
 * admins), or the group got a new id (the binding follows it).
 */
export type GroupChange =
  | { readonly change: 'removed'; readonly chatId: string; readonly status: string }
  | { readonly change: 'migrated'; readonly chatId: string; readonly toChatId: string };

/** One notification the API handed to this channel (`GET /api/bot/outbox?channel=…`). */
export interface ChannelNotice {
  readonly id: string;
  /** The chat to write to: the person's user id for a direct message, or a group's chat id. */
  readonly chatId: string;
  /** The reader's language: the person's choice, zh-CN for groups. */
  readonly locale: Locale;
  /** What happened (kind and facts); null for a kind this bot does not know. */
  readonly event: NotificationEvent | null;
  readonly submissionId: string | null;
}

/** A message that was sent, to be edited later (a review request another reviewer decided). */
export interface SentMessage {
  readonly chatId: string;
  readonly messageId: string;
}

/**
 * A channel adapter. `Update` is what the channel delivers (a Telegram update, a WeCom callback
 * body); `Message` is what it sends (text with buttons, a card).
 */
export interface ChatAdapter<Update, Message> {
  /** The channel's name as the API stores it: `telegram`, `wecom`, `dingtalk`, `feishu`. */
  readonly channel: string;

  /**
   * Receiving: hands one delivered update to the features, which call the chat core as the
   * sender (`X-Chat-User`). Idempotent: channels redeliver, and the update claim of the core
   * (`/api/bot/updates/:id/claim`) drops a repeat.
   */
  receive(update: Update): Promise<void>;

  /** Identifying: who sent an update and in which chat, as the core's pairs; null for none. */
  identify(update: Update): { readonly user: ChatUser | null; readonly chat: ChatRef | null };

  /** A group's change of id or the bot's removal from it, read from an update; null otherwise. */
  groupChange(update: Update): GroupChange | null;

  /**
   * Rendering: a notification event written in its reader's language as this channel's message;
   * null when it no longer needs saying (a draft reminder for an item submitted since).
   */
  render(notice: ChannelNotice): Promise<Message | null>;

  /** Sending a message into a chat (a user's direct chat or a group). */
  send(chatId: string, message: Message): Promise<SentMessage>;

  /** Editing a message sent before, e.g. to show who decided a review request. */
  edit(sent: SentMessage, message: Message): Promise<void>;
}
