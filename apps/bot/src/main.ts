import { run } from '@grammyjs/runner';
import { createBackend } from './backend.js';
import { createBot, createI18n, setCommands } from './bot.js';
import { createDelivery } from './delivery.js';
import { loadBotEnv } from './env.js';
import { serveWebhook } from './webhook.js';

/** An empty getUpdates this fast came from a server that does not long-poll (an emulator). */
const QUICK_EMPTY_MS = 100;
const IDLE_WAIT_MS = 10;

try {
  const env = loadBotEnv();
  const backend = createBackend({ apiUrl: env.apiUrl, serviceToken: env.serviceToken });
  const bot = createBot(env.token, {
    backend,
    publicUrl: env.publicUrl,
    ...(env.apiRoot === undefined ? {} : { client: { apiRoot: env.apiRoot } }),
  });
  // Without a long poll an empty answer comes back at once; waiting a moment keeps the loop
  // from spinning a core. Against Telegram this never triggers.
  bot.api.config.use(async (prev, method, payload, signal) => {
    const started = Date.now();
    const result = await prev(method, payload, signal);
    if (
      method === 'getUpdates' &&
      result.ok &&
      Array.isArray(result.result) &&
      result.result.length === 0
    ) {
      const elapsed = Date.now() - started;
      if (elapsed < QUICK_EMPTY_MS)
        await new Promise((resolve) => setTimeout(resolve, IDLE_WAIT_MS));
    }
    return result;
  });
  await bot.init();
  await setCommands(bot.api).catch((error: unknown) => {
    console.error(
      `[bot] the command menu was not set: ${error instanceof Error ? error.message : String(error)}`,
    );
  });

  const i18n = createI18n();
  const delivery = createDelivery({
    api: bot.api,
    backend,
    publicUrl: env.publicUrl,
    t: (key, vars) => i18n.t('zh-CN', key, vars),
    intervalMs: env.outboxIntervalMs,
  }).start();

  let stopUpdates: () => Promise<void>;
  if (env.mode === 'webhook' && env.webhookSecret !== undefined) {
    stopUpdates = await serveWebhook(bot, env);
  } else {
    const runner = run(bot, {
      runner: { fetch: { allowed_updates: ['message', 'edited_message', 'callback_query'] } },
    });
    stopUpdates = () => runner.stop();
  }
  console.log(`Telegram bot @${bot.botInfo.username} is running (${env.mode})`);

  const stop = () => {
    void Promise.allSettled([stopUpdates(), delivery.stop()]).finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(
    `机器人启动失败 / Bot cannot start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
