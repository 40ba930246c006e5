import { webhookCallback, type Api, type Bot } from 'grammy';
import { Hono } from 'hono';
import type { BotContext } from './context.js';

/** Where Telegram posts updates in webhook mode: on the API's port, `PUBLIC_URL` + this path. */
export const WEBHOOK_PATH = '/telegram/webhook';

/** The updates the bot handles, in both modes. */
export const ALLOWED_UPDATES = [
  'message',
  'edited_message',
  'callback_query',
  // The bot's own membership of a group: removal is recorded (DESIGN §5).
  'my_chat_member',
] as const;

/**
 * Telegram is answered after at most this long even while the update is still being handled.
 * Telegram keeps its request open until answered (at most `max_connections` at a time, so slow
 * answers hold other updates back) and delivers again an update whose delivery it gave up on;
 * that repeat would only be dropped by the update claim (bot.ts), so holding it gains nothing.
 */
export const WEBHOOK_ANSWER_MS = 5_000;

export interface WebhookOptions {
  /** Telegram sends it back in `X-Telegram-Bot-Api-Secret-Token` with every update. */
  readonly secretToken: string;
  readonly answerWithinMs?: number;
  readonly log?: (message: string, error?: unknown) => void;
}

/**
 * The webhook endpoint, to be mounted at {@link WEBHOOK_PATH} (DESIGN §5). grammY checks the
 * secret token before reading the update (wrong or missing: 401, nothing handled). An update
 * that fails within the answer time is answered 500, so that Telegram delivers it again.
 *
 * grammY's own timeout is off: after it fires, a failure of the still-running update becomes an
 * unhandled rejection (grammy 1.46 `timeoutIfNecessary`), which would end the process. Here a
 * late update keeps running with its failure logged, and Telegram gets its answer in time.
 */
export function webhookRoutes(bot: Bot<BotContext>, options: WebhookOptions): Hono {
  const answerWithinMs = options.answerWithinMs ?? WEBHOOK_ANSWER_MS;
  const log = options.log ?? ((message, error) => console.error(message, error ?? ''));
  const callback = webhookCallback(bot, 'hono', {
    secretToken: options.secretToken,
    timeoutMilliseconds: Infinity,
  });
  return new Hono().post('/', async (c) => {
    const handling = callback(c);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), answerWithinMs);
    });
    try {
      const first = await Promise.race([handling, late]);
      if (first !== 'late') return first;
    } finally {
      clearTimeout(timer);
    }
    handling.catch((error: unknown) =>
      log('[bot] a webhook update failed after Telegram was answered:', error),
    );
    log(
      `[bot] a webhook update took longer than ${answerWithinMs} ms; Telegram was answered, the update is still being handled`,
    );
    return c.body(null, 200);
  });
}

/** The endpoint alone, at its full path (for tests and checks of the secret). */
export function webhookApp(bot: Bot<BotContext>, secretToken: string): Hono {
  return new Hono().route(WEBHOOK_PATH, webhookRoutes(bot, { secretToken }));
}

/** Tells Telegram to post updates to `publicUrl` + {@link WEBHOOK_PATH} with the secret. */
export async function registerWebhook(
  api: Api,
  publicUrl: string,
  secretToken: string,
): Promise<string> {
  const url = webhookUrl(publicUrl);
  await api.setWebhook(url, { secret_token: secretToken, allowed_updates: [...ALLOWED_UPDATES] });
  return url;
}

export function webhookUrl(publicUrl: string): string {
  return new URL(
    WEBHOOK_PATH.slice(1),
    publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`,
  ).toString();
}
