import { run, type RunnerHandle } from '@grammyjs/runner';
import { createApp } from '@jyxc/api';
import { freshDatabase, workflowCounty } from '@jyxc/api/test-support';
import { createBackend } from '../backend.js';
import { createBot, createI18n } from '../bot.js';
import { createDelivery } from '../delivery.js';
import { ALLOWED_UPDATES } from '../webhook.js';
import { chatLog, command } from './e2e.js';
import { startTelegram } from './emulator.js';
import { botInfo, SERVICE_TOKEN } from './harness.js';

/**
 * The bot in the field (issue 14): polling the Telegram emulator like the product, with the
 * API app in the same process on a fresh SQLite database, and what real counties bring that a
 * plain run does not — a clock the test sets (a Friday evening, a holiday eve), an API that can
 * be made unreachable and brought back, and a bot that can be restarted.
 */

const TOKEN = '123456:field-bot-token';

export async function fieldWorld(
  start: string,
  options: { readonly unreachableRetryMs?: number } = {},
) {
  const telegram = await startTelegram(TOKEN);
  let offset = Date.parse(start) - Date.now();
  const now = () => new Date(Date.now() + offset);
  const { db } = await freshDatabase();
  const county = await workflowCounty(db);
  const app = createApp({ db, now, botToken: SERVICE_TOKEN });
  let apiUp = true;
  const backend = createBackend({
    apiUrl: 'http://api.test',
    serviceToken: SERVICE_TOKEN,
    unreachableRetryMs: options.unreachableRetryMs,
    // A stopped API: the connection is refused, as `fetch` reports it.
    fetch: (input, init) =>
      apiUp
        ? Promise.resolve(app.request(input instanceof Request ? input : String(input), init))
        : Promise.reject(new TypeError('fetch failed: connect ECONNREFUSED')),
  });
  // As the product runs it: the delivery retries on its own terms.
  const deliveryBackend = createBackend({
    apiUrl: 'http://api.test',
    serviceToken: SERVICE_TOKEN,
    unreachableRetryMs: 0,
    fetch: (input, init) =>
      apiUp
        ? Promise.resolve(app.request(input instanceof Request ? input : String(input), init))
        : Promise.reject(new TypeError('fetch failed: connect ECONNREFUSED')),
  });
  const i18n = createI18n();

  let running: { runner: RunnerHandle; stopDelivery: () => Promise<void> } | null = null;
  function startBot() {
    const bot = createBot(TOKEN, {
      backend,
      publicUrl: 'https://jyxc.test/',
      now,
      botInfo: { ...botInfo, id: 123456 },
      client: { apiRoot: telegram.apiRoot },
    });
    // The emulator answers getUpdates at once; a short pause keeps the loop from spinning.
    bot.api.config.use(async (prev, method, payload, signal) => {
      const result = await prev(method, payload, signal);
      if (method === 'getUpdates' && result.ok && Array.isArray(result.result)) {
        if (result.result.length === 0) await new Promise((resolve) => setTimeout(resolve, 30));
      }
      return result;
    });
    const runner = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
    const delivery = createDelivery({
      api: bot.api,
      backend: deliveryBackend,
      publicUrl: 'https://jyxc.test/',
      translate: (locale, key, vars) => i18n.t(locale, key, vars),
      intervalMs: 100,
      log: () => undefined,
    }).start();
    running = { runner, stopDelivery: () => delivery.stop() };
  }
  async function stopBot() {
    if (running === null) return;
    const { runner, stopDelivery } = running;
    running = null;
    await Promise.all([runner.isRunning() ? runner.stop() : undefined, stopDelivery()]);
  }

  const seconds = () => Math.floor(now().getTime() / 1000);
  return {
    telegram,
    db,
    app,
    county,
    ...chatLog(() => telegram),
    now,
    /** Moves the clock of the API and the bot to `iso`; it runs on from there. */
    setClock(iso: string) {
      offset = Date.parse(iso) - Date.now();
    },
    apiDown() {
      apiUp = false;
    },
    apiUp() {
      apiUp = true;
    },
    startBot,
    stopBot,
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
    /** A person's message, dated by the world's clock unless it says otherwise. */
    send(message: Record<string, unknown>) {
      return telegram.send({ date: seconds(), ...message });
    },
    command,
    async stop() {
      await stopBot();
      await telegram.stop();
      await db.$disconnect();
    },
  };
}

export type FieldWorld = Awaited<ReturnType<typeof fieldWorld>>;
