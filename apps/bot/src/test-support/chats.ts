import { createBackend } from '../backend.js';
import { createI18n } from '../bot.js';
import { createDelivery } from '../delivery.js';
import { SERVICE_TOKEN, submissionsOf, type World } from './harness.js';

/** What the bot's in-process tests share: the chats and people they talk as, and their steps. */

export const GROUP = -1001;
export const OFFICER = 2001;
export const HEAD = 2002;
export const STRANGER = 2999;

export function buttonsOf(call: { payload: Record<string, unknown> } | undefined): string[] {
  const markup = call?.payload.reply_markup;
  if (typeof markup !== 'object' || markup === null || !('inline_keyboard' in markup)) return [];
  const rows = markup.inline_keyboard;
  if (!Array.isArray(rows)) return [];
  return rows.flat().map((b: unknown) => {
    if (typeof b !== 'object' || b === null) return '';
    return 'callback_data' in b ? String(b.callback_data) : 'url' in b ? 'url' : '';
  });
}

export function callback(
  world: World,
  from: number,
  data: string,
  message: { message_id: number; chatId: number },
) {
  return world.handle({
    callback_query: {
      id: `cb-${Math.random()}`,
      from: { id: from, is_bot: false, first_name: '钱' },
      chat_instance: 'x',
      data,
      message: {
        message_id: message.message_id,
        date: Math.floor(world.now() / 1000),
        chat: { id: message.chatId, type: 'private', first_name: '钱' },
        text: 'card',
      },
    },
  });
}

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export function delivery(
  world: World,
  options: {
    /** Stands between the bot and the API, e.g. to fail some calls. */
    around?: (
      call: { url: string; method: string },
      pass: () => Promise<Response>,
    ) => Promise<Response>;
    sleep?: (ms: number) => Promise<void>;
    log?: (message: string) => void;
  } = {},
) {
  const toApi: Fetch = (input, init) =>
    Promise.resolve(world.app.request(input instanceof Request ? input : String(input), init));
  const around = options.around;
  const backend = createBackend({
    apiUrl: 'http://api.test',
    serviceToken: SERVICE_TOKEN,
    // As the product's delivery: it retries on its own terms.
    unreachableRetryMs: 0,
    fetch:
      around === undefined
        ? toApi
        : (input, init) =>
            around(
              {
                url: input instanceof Request ? input.url : String(input),
                method: init?.method ?? (input instanceof Request ? input.method : 'GET'),
              },
              () => toApi(input, init),
            ),
  });
  const i18n = createI18n();
  return createDelivery({
    api: world.bot.api,
    backend,
    publicUrl: 'https://jyxc.test/',
    translate: (locale, key, vars) => i18n.t(locale, key, vars),
    intervalMs: 50,
    sleep: options.sleep ?? (() => Promise.resolve()),
    log: options.log ?? (() => undefined),
  });
}

export const isAck = (call: { url: string; method: string }) =>
  call.method === 'POST' && /\/outbox\/[^/]+\/ack$/.test(call.url);

/**
 * The officer's quick report in the township's group, submitted from its card: it waits in the
 * head's unit review and the outbox holds the head's notification.
 */
export async function submittedDraft(world: World): Promise<string> {
  await world.handle(
    world.groupText(GROUP, OFFICER, '/kb 城关镇开展防溺水安全教育\n全镇学生参加。'),
  );
  const [draft] = await submissionsOf(world.db);
  if (draft === undefined) throw new Error('no draft');
  await callback(world, OFFICER, `qr:submit:${draft.id}`, { message_id: 5000, chatId: GROUP });
  return draft.id;
}
