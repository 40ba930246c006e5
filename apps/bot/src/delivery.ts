import { GrammyError, HttpError, type Api } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import { BackendError, success, type Backend } from './backend.js';
import { loadDetail, reviewKeyboard, reviewText } from './drafts.js';
import { renderNotice, type Translate } from './notices.js';

/**
 * Delivers the API's notification outbox (DESIGN §3.8, §5): lease due messages, send each,
 * and acknowledge it the moment Telegram has accepted it.
 *
 * - Nothing is lost: a message not acknowledged stays in the database and is leased again once
 *   its lease (a minute) runs out, so a bot that dies or restarts sends it later.
 * - Nothing is sent twice by a running bot: an acknowledged message is never leased again; the
 *   acknowledgement is retried until the API takes it (it is idempotent there), and a message
 *   sent but not yet acknowledged is remembered, so leasing it again only acknowledges it.
 * - What remains is at-least-once: a bot that dies after Telegram accepted a message and before
 *   the API recorded the acknowledgement (one API call — loopback HTTP when polling, in the same
 *   process in webhook mode — and one database write), or whose answer from Telegram was lost
 *   on the network, sends that message once more. The README's "Telegram bot" section states
 *   this for operators.
 *
 * Telegram's 429 is waited out in the process when it asks for a few seconds (no attempt is
 * counted); a longer `retry_after` is handed back to the API, which holds the message that long,
 * and the chat is left alone for that time. 403 (the user blocked the bot, the bot left the
 * group) gives the message up for Telegram and leaves it for the console.
 */

/** A 429 asking for at most this many seconds is waited out here rather than in the outbox. */
const SHORT_RETRY_AFTER_S = 10;
/** How many such waits one message gets before its `retry_after` is handed to the API. */
const SHORT_RETRIES = 2;
/** Back-off of an acknowledgement the API did not take: 250 ms doubling up to 5 s. */
const ACK_FIRST_WAIT_MS = 250;
const ACK_MAX_WAIT_MS = 5_000;
/** After `stop()`, the acknowledgement of the message just sent gets this many more tries. */
const ACK_TRIES_WHEN_STOPPING = 3;

export interface DeliveryOptions {
  readonly api: Api;
  readonly backend: Backend;
  readonly publicUrl: string;
  /** The bot's Fluent texts; each notification is written in its reader's language. */
  readonly translate: Translate;
  readonly intervalMs: number;
  readonly batch?: number;
  readonly log?: (message: string) => void;
  /** Waits between retries; replaced in tests so that they do not sleep. */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface Delivery {
  /** One pass: leases and sends what is due; resolves with how many were leased. */
  runOnce(): Promise<number>;
  /** Passes until stopped: at once while there is more, every `intervalMs` when there was none. */
  start(): { stop(): Promise<void> };
}

/** One leased notification, as the API hands it out. */
type DeliveryItem = Awaited<
  ReturnType<Awaited<ReturnType<Backend['service']['bot']['outbox']['$get']>>['json']>
>['items'][number];

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Worth trying again: the API or the network failed, not a refusal of this request. */
function transient(error: unknown): boolean {
  if (!(error instanceof BackendError)) return true;
  return error.status >= 500 || error.status === 408 || error.status === 429;
}

export function createDelivery(options: DeliveryOptions): Delivery {
  const log = options.log ?? ((message: string) => console.error(message));
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const outbox = options.backend.service.bot.outbox;
  /** Sent to Telegram, acknowledgement not yet taken by the API: never to be sent again. */
  const unacknowledged = new Set<string>();
  /** Chats Telegram asked to leave alone until then (a long 429), by chat id. */
  const heldUntil = new Map<string, number>();
  let stopping = false;
  let wakeSleepers: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (wakeSleepers = resolve));
  /** A wait that `stop()` cuts short, so that stopping never waits out a `retry_after`. */
  const pause = (ms: number) => Promise.race([sleep(ms), stopped]);

  async function fail(
    id: string,
    failure: { error: string; retryAfterSeconds?: number; permanent?: boolean },
  ) {
    await success(await outbox[':id'].fail.$post({ param: { id }, json: failure }));
  }

  /**
   * Records that Telegram accepted the message, trying until the API takes it: a transient
   * failure here must not make the message look unsent. The API treats a repeated
   * acknowledgement as a no-op, so a retry after a lost answer is harmless.
   */
  async function acknowledge(id: string): Promise<void> {
    let wait = ACK_FIRST_WAIT_MS;
    let triesWhenStopping = 0;
    let logged = false;
    for (;;) {
      try {
        await success(await outbox[':id'].ack.$post({ param: { id } }));
        unacknowledged.delete(id);
        if (logged) log(`[bot] notification ${id}: acknowledgement recorded after retrying`);
        return;
      } catch (error) {
        if (!transient(error)) {
          // A refusal (no such message, a wrong service token) does not change on a retry. The
          // id stays remembered unless the message is gone, so this process never resends it.
          if (error instanceof BackendError && error.status === 404) unacknowledged.delete(id);
          log(
            `[bot] notification ${id} was sent but the API refused its acknowledgement: ${describe(error)}`,
          );
          return;
        }
        if (stopping && ++triesWhenStopping > ACK_TRIES_WHEN_STOPPING) {
          log(
            `[bot] notification ${id} was sent but its acknowledgement did not reach the API (${describe(error)}); it will be sent once more after a restart`,
          );
          return;
        }
        if (!logged) {
          log(`[bot] notification ${id}: acknowledgement failed (${describe(error)}), retrying`);
          logged = true;
        }
        await (stopping ? sleep(ACK_FIRST_WAIT_MS) : pause(wait));
        wait = Math.min(wait * 2, ACK_MAX_WAIT_MS);
      }
    }
  }

  async function compose(
    item: DeliveryItem,
  ): Promise<{ text: string; markup?: InlineKeyboardMarkup }> {
    const t = (key: string, vars?: Record<string, string | number>) =>
      options.translate(item.locale, key, vars);
    const text = renderNotice(options.translate, item.locale, item.event);
    const kind = item.event?.kind;
    const reminder = kind === 'review_pending' || kind === 'review_escalated';
    if ((kind !== 'review_requested' && !reminder) || item.submissionId === null) return { text };
    // The preview and the buttons are of the revision current now, read as the reviewer.
    try {
      const detail = await loadDetail(options.backend, item.chatId, item.submissionId);
      if (!detail.allowedCommands.includes('approve')) return { text };
      const markup = reviewKeyboard(t, options.publicUrl, detail.id, detail.version);
      // A reminder names the buttons only when it carries them (issue 14: messages people
      // understand): the item still waits for this reader.
      if (reminder) return { text: `${text}\n${t('notice-review-buttons')}`, markup };
      return { text: reviewText(t, detail), markup };
    } catch {
      // Without the detail the notification still goes out, with the event's own text.
      return { text };
    }
  }

  /** Sends one message; answers whether Telegram accepted it (a refusal is recorded). */
  async function send(
    item: { id: string; chatId: string },
    message: { text: string; markup?: InlineKeyboardMarkup },
  ): Promise<boolean> {
    for (let waited = 0; ; waited++) {
      try {
        await options.api.sendMessage(item.chatId, message.text, {
          ...(message.markup === undefined ? {} : { reply_markup: message.markup }),
        });
        return true;
      } catch (error) {
        if (error instanceof GrammyError && error.error_code === 429) {
          const retryAfter = Math.max(1, error.parameters.retry_after ?? 30);
          if (retryAfter <= SHORT_RETRY_AFTER_S && waited < SHORT_RETRIES && !stopping) {
            await pause(retryAfter * 1000);
            // Stopped while waiting: left leased for the next process, no attempt counted.
            if (stopping) return false;
            continue;
          }
          heldUntil.set(item.chatId, Date.now() + retryAfter * 1000);
          await fail(item.id, { error: error.description, retryAfterSeconds: retryAfter });
        } else if (error instanceof GrammyError && error.error_code === 403) {
          await fail(item.id, { error: error.description, permanent: true });
        } else if (error instanceof GrammyError) {
          await fail(item.id, { error: error.description.slice(0, 500) });
        } else if (error instanceof HttpError) {
          // Telegram may or may not have taken it; the retry is the at-least-once case above.
          await fail(item.id, { error: `network: ${error.message}`.slice(0, 500) });
        } else {
          throw error;
        }
        return false;
      }
    }
  }

  async function runOnce(): Promise<number> {
    const { items } = await success(
      await outbox.$get({ query: { limit: String(options.batch ?? 20) } }),
    );
    for (const item of items) {
      // Left leased: taken again when the lease runs out (by this process or the next one).
      if (stopping) break;
      if (unacknowledged.has(item.id)) {
        await acknowledge(item.id);
        continue;
      }
      if ((heldUntil.get(item.chatId) ?? 0) > Date.now()) continue;
      heldUntil.delete(item.chatId);
      const message = await compose(item);
      if (!(await send(item, message))) continue;
      // Remembered before the acknowledgement is tried, so that no later lease resends it.
      unacknowledged.add(item.id);
      await acknowledge(item.id);
    }
    return items.length;
  }

  function start() {
    let wake: (() => void) | null = null;
    const loop = (async () => {
      while (!stopping) {
        let leased = 0;
        try {
          leased = await runOnce();
        } catch (error) {
          log(`[bot] notification delivery failed: ${describe(error)}`);
        }
        if (leased > 0 || stopping) continue;
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
        stopping = true;
        wakeSleepers();
        wake?.();
        await loop;
      },
    };
  }

  return { runOnce, start };
}
