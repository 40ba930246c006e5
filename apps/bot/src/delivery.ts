import { GrammyError, HttpError, type Api } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import { success, type Backend } from './backend.js';
import { loadDetail, reviewKeyboard, reviewText } from './drafts.js';

/**
 * Delivers the API's notification outbox (DESIGN §3.8, §5): lease due messages, send each,
 * then acknowledge it. A message not acknowledged stays in the database and is leased again
 * after the lease runs out, so a restart loses nothing; an acknowledged one is never leased
 * again, so nothing is sent twice. Telegram's 429 waits `retry_after`; 403 (the user blocked
 * the bot) gives the message up for Telegram and leaves it for the console.
 */

type Translate = (key: string, vars?: Record<string, string | number>) => string;

export interface DeliveryOptions {
  readonly api: Api;
  readonly backend: Backend;
  readonly publicUrl: string;
  /** zh-CN texts for buttons: a notification is read before the reader's language is known. */
  readonly t: Translate;
  readonly intervalMs: number;
  readonly batch?: number;
  readonly log?: (message: string) => void;
}

export interface Delivery {
  /** One pass: leases and sends what is due; resolves with how many were leased. */
  runOnce(): Promise<number>;
  /** Passes until stopped: at once while there is more, every `intervalMs` when there was none. */
  start(): { stop(): Promise<void> };
}

export function createDelivery(options: DeliveryOptions): Delivery {
  const log = options.log ?? ((message: string) => console.error(message));
  const outbox = options.backend.service.bot.outbox;

  async function fail(
    id: string,
    failure: { error: string; retryAfterSeconds?: number; permanent?: boolean },
  ) {
    await success(await outbox[':id'].fail.$post({ param: { id }, json: failure }));
  }

  async function compose(item: {
    template: string;
    chatId: string;
    text: string;
    submissionId: string | null;
  }): Promise<{ text: string; markup?: InlineKeyboardMarkup }> {
    if (item.template !== 'review_request' || item.submissionId === null)
      return { text: item.text };
    // The preview and the buttons are of the revision current now, read as the reviewer.
    try {
      const detail = await loadDetail(options.backend, item.chatId, item.submissionId);
      if (!detail.allowedCommands.includes('approve')) return { text: item.text };
      return {
        text: reviewText(options.t, detail),
        markup: reviewKeyboard(options.t, options.publicUrl, detail.id, detail.version),
      };
    } catch {
      // Without the detail the notification still goes out, with the API's own text.
      return { text: item.text };
    }
  }

  async function runOnce(): Promise<number> {
    const { items } = await success(
      await outbox.$get({ query: { limit: String(options.batch ?? 20) } }),
    );
    for (const item of items) {
      const message = await compose(item);
      try {
        await options.api.sendMessage(item.chatId, message.text, {
          ...(message.markup === undefined ? {} : { reply_markup: message.markup }),
        });
      } catch (error) {
        if (error instanceof GrammyError && error.error_code === 429) {
          await fail(item.id, {
            error: error.description,
            retryAfterSeconds: Math.max(1, error.parameters.retry_after ?? 30),
          });
        } else if (error instanceof GrammyError && error.error_code === 403) {
          await fail(item.id, { error: error.description, permanent: true });
        } else if (error instanceof GrammyError) {
          await fail(item.id, { error: error.description.slice(0, 500) });
        } else if (error instanceof HttpError) {
          await fail(item.id, { error: `network: ${error.message}`.slice(0, 500) });
        } else {
          throw error;
        }
        continue;
      }
      await success(await outbox[':id'].ack.$post({ param: { id: item.id } }));
    }
    return items.length;
  }

  function start() {
    let stopped = false;
    let wake: (() => void) | null = null;
    const loop = (async () => {
      while (!stopped) {
        let leased = 0;
        try {
          leased = await runOnce();
        } catch (error) {
          log(
            `[bot] notification delivery failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
        if (leased > 0 || stopped) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.intervalMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    })();
    return {
      async stop() {
        stopped = true;
        wake?.();
        await loop;
      },
    };
  }

  return { runOnce, start };
}
