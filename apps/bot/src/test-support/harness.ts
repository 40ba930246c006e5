import { createApp } from '@jyxc/api';
import type { Db } from '@jyxc/db';
import type { Message, Update, UserFromGetMe } from 'grammy/types';
import { freshDatabase, login, workflowCounty } from '@jyxc/api/test-support';
import { createBackend } from '../backend.js';
import { createBot } from '../bot.js';
import { WEBHOOK_PATH, webhookRoutes } from '../webhook.js';
import { PNG } from './png.js';

export { PNG };

/**
 * The bot against the real API app in-process on a fresh SQLite database (DESIGN §4: the bot
 * acts only through the API), with Telegram replaced by a recorder of outgoing calls.
 */

export const SERVICE_TOKEN = 'test-service-token-0123456789abcdef0123456789';

export const botInfo: UserFromGetMe = {
  id: 42,
  is_bot: true,
  first_name: '教育信息',
  username: 'jyxc_test_bot',
  can_join_groups: true,
  can_read_all_group_messages: true,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

export interface Call {
  readonly method: string;
  readonly payload: Record<string, unknown>;
}

export type TelegramAnswer = (
  call: Call,
) =>
  | { ok: true; result: unknown }
  | { ok: false; error_code: number; description: string; parameters?: { retry_after?: number } }
  | undefined;

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null
    ? Object.fromEntries(Object.entries(value))
    : {};
}

/**
 * DESIGN §3.8 holds ordinary notifications in quiet hours and at weekends, so the world's clock
 * runs from a weekday morning (Shanghai) whatever the time the tests run at, moving on in step
 * with real time.
 */
const WEEKDAY_MORNING = Date.parse('2026-11-25T10:00:00+08:00');

export async function botWorld(options: { readonly webhookSecret?: string } = {}) {
  const offset = WEEKDAY_MORNING - Date.now();
  const clockMs = () => Date.now() + offset;
  const { db } = await freshDatabase();
  const county = await workflowCounty(db);
  // Created after the bot when its webhook is mounted on it, as serve.ts does.
  const late: { app?: ReturnType<typeof createApp> } = {};
  const backend = createBackend({
    apiUrl: 'http://api.test',
    serviceToken: SERVICE_TOKEN,
    fetch: (input, init) => {
      const app = late.app;
      if (app === undefined) return Promise.reject(new Error('the API app is not created yet'));
      return Promise.resolve(app.request(input instanceof Request ? input : String(input), init));
    },
  });
  const downloads: string[] = [];
  const calls: Call[] = [];
  let answer: TelegramAnswer = () => undefined;
  let nextMessageId = 5000;
  /**
   * Telegram, faked where the bot's requests leave it. Recording in an API transformer would
   * miss the calls made inside conversations, which run on an Api object of their own.
   */
  const telegram = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = input instanceof Request ? input.url : String(input);
    const method = url.split('/').at(-1) ?? '';
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : {};
    const call = { method, payload: record(body) };
    calls.push(call);
    const custom = answer(call);
    if (custom !== undefined) return Response.json(custom);
    const result =
      method === 'sendMessage'
        ? {
            message_id: nextMessageId++,
            date: Math.floor(clockMs() / 1000),
            chat: { id: Number(call.payload.chat_id), type: 'private' },
            text: call.payload.text,
          }
        : true;
    return Response.json({ ok: true, result });
  };
  const bot = createBot('test-token', {
    backend,
    publicUrl: 'https://jyxc.test/',
    now: () => new Date(clockMs()),
    botInfo,
    client: { apiRoot: 'http://telegram.test', fetch: telegram },
    downloadFile: (_api, fileId) => {
      downloads.push(fileId);
      // Each file different, so that the API (which stores an image once per item) keeps both.
      const bytes = new Uint8Array(PNG.length + fileId.length);
      bytes.set(PNG);
      bytes.set(Buffer.from(fileId), PNG.length);
      return Promise.resolve(bytes);
    },
  });

  const secretToken = options.webhookSecret;
  const api = createApp(
    { db, now: () => new Date(clockMs()), botToken: SERVICE_TOKEN },
    secretToken === undefined
      ? {}
      : { routes: [{ path: WEBHOOK_PATH, routes: webhookRoutes(bot, { secretToken }) }] },
  );
  late.app = api;

  let updateId = 1;
  let messageId = 100;
  const now = () => Math.floor(clockMs() / 1000);
  const user = (id: number, name = '李信息') => ({ id, is_bot: false as const, first_name: name });
  const groupChat = (id: number) => ({ id, type: 'group' as const, title: '城关镇工作群' });
  const privateChat = (id: number) => ({ id, type: 'private' as const, first_name: '李' });
  const commandEntities = (text: string) =>
    text.startsWith('/')
      ? [{ type: 'bot_command' as const, offset: 0, length: text.split(/\s/)[0]!.length }]
      : undefined;

  const world = {
    /** The time the API and the fake Telegram agree on, in epoch milliseconds. */
    now: clockMs,
    db,
    app: api,
    county,
    bot,
    calls,
    downloads,
    /** Sets how the fake Telegram answers calls (undefined: success). */
    answerWith(next: TelegramAnswer) {
      answer = next;
    },
    sent(method = 'sendMessage') {
      return calls.filter((c) => c.method === method);
    },
    lastText() {
      const last = calls.filter((c) => c.method === 'sendMessage').at(-1);
      return String(last?.payload.text ?? '');
    },
    reset() {
      calls.length = 0;
    },
    async handle(update: Omit<Update, 'update_id'> & { update_id?: number }) {
      const full: Update = { update_id: update.update_id ?? updateId++, ...update };
      await bot.handleUpdate(full);
      return full;
    },
    privateText(from: number, text: string): Omit<Update, 'update_id'> {
      const entities = commandEntities(text);
      return {
        message: {
          message_id: messageId++,
          date: now(),
          chat: privateChat(from),
          from: user(from),
          text,
          ...(entities === undefined ? {} : { entities }),
        },
      };
    },
    groupText(
      chat: number,
      from: number,
      text: string,
      extra: { photo?: string; mediaGroup?: string; replyTo?: Message | undefined } = {},
    ): Omit<Update, 'update_id'> {
      const entities = commandEntities(text);
      const base = {
        message_id: messageId++,
        date: now(),
        chat: groupChat(chat),
        from: user(from),
      };
      const reply =
        extra.replyTo === undefined ? {} : { reply_to_message: asReplied(extra.replyTo) };
      if (extra.photo !== undefined) {
        return {
          message: {
            ...base,
            ...reply,
            photo: [
              { file_id: extra.photo, file_unique_id: `u-${extra.photo}`, width: 1, height: 1 },
            ],
            ...(text === '' ? {} : { caption: text }),
            ...(entities === undefined ? {} : { caption_entities: entities }),
            ...(extra.mediaGroup === undefined ? {} : { media_group_id: extra.mediaGroup }),
          },
        };
      }
      return {
        message: { ...base, ...reply, text, ...(entities === undefined ? {} : { entities }) },
      };
    },
    async linkPerson(telegramUserId: number, personId: string) {
      await db.chatIdentity.create({
        data: { channel: 'telegram', externalId: String(telegramUserId), personId },
      });
    },
    async linkGroup(chatId: number, unitId: string) {
      await db.chatGroup.create({
        data: { channel: 'telegram', chatId: String(chatId), unitId, title: '工作群' },
      });
    },
    async adminCookie() {
      return (await login(api, 'admin')).cookie;
    },
  };
  return world;
}

/** A message as Telegram nests it in a reply: without its own reply. */
function asReplied(message: Message): NonNullable<Message['reply_to_message']> {
  const { reply_to_message: _nested, ...rest } = message;
  return { ...rest, reply_to_message: undefined };
}

export type World = Awaited<ReturnType<typeof botWorld>>;

export async function submissionsOf(db: Db) {
  return db.submission.findMany({ include: { attachments: true }, orderBy: { createdAt: 'asc' } });
}
