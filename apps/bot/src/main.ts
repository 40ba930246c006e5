import { run } from '@grammyjs/runner';
import { createBackend } from './backend.js';
import { loadBotEnv } from './env.js';
import { createProductBot, privacyModeWarning, setCommandMenu, startDelivery } from './runtime.js';
import { ALLOWED_UPDATES } from './webhook.js';

/**
 * The bot in long-polling mode (the default), a process beside the API that reaches it over
 * HTTP. Webhook mode runs inside the API's process instead (serve.ts).
 */

/** An empty getUpdates this fast came from a server that does not long-poll (an emulator). */
const QUICK_EMPTY_MS = 100;
const IDLE_WAIT_MS = 10;

try {
  const env = loadBotEnv();
  if (env.mode === 'webhook') {
    throw new Error(
      'BOT_MODE=webhook serves the webhook on the API’s port: start the product with `pnpm start`, or run apps/bot/src/serve.ts instead of the API and the bot',
    );
  }
  const backendOptions = { apiUrl: env.apiUrl, serviceToken: env.serviceToken };
  const backend = createBackend(backendOptions);
  const bot = createProductBot(env, backend);
  await bot.init();
  const privacy = privacyModeWarning(bot.botInfo);
  if (privacy !== null) console.warn(privacy);
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
  // A webhook left by an earlier run in webhook mode makes getUpdates fail (409); the updates
  // Telegram holds meanwhile are kept and fetched next.
  await bot.api.deleteWebhook();
  await setCommandMenu(bot);
  // The delivery retries on its own terms (lease again, acknowledge with back-off, stop at once).
  const delivery = startDelivery(
    bot,
    createBackend({ ...backendOptions, unreachableRetryMs: 0 }),
    env,
  );
  const runner = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
  console.log(`Telegram bot @${bot.botInfo.username} is running (polling)`);

  const stop = () => {
    void Promise.allSettled([runner.stop(), delivery.stop()]).finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(
    `机器人启动失败 / Bot cannot start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
