import { startApi, startFailureLine, type RunningApi } from '@jyxc/api/start';
import { createBackend, type BackendOptions } from './backend.js';
import { loadWebhookEnv } from './env.js';
import { createProductBot, privacyModeWarning, setCommandMenu, startDelivery } from './runtime.js';
import { registerWebhook, WEBHOOK_PATH, webhookRoutes } from './webhook.js';

/**
 * Webhook mode (DESIGN §5): one process serves the API, the console and the bot's webhook on
 * the API's port. Telegram posts updates to PUBLIC_URL/telegram/webhook with the secret token;
 * the bot calls the API in the same process (the same routes, checks and audit log as over
 * HTTP, without a socket) and delivers the notification outbox as in polling mode.
 */

let stopDelivery: () => Promise<void> = () => Promise.resolve();
let api: RunningApi | undefined;

try {
  // Checked before anything starts, so that a missing secret or address changes nothing.
  const env = loadWebhookEnv();
  const secretToken = env.webhookSecret;
  if (secretToken === undefined) throw new Error('WEBHOOK_SECRET is required in webhook mode');

  const backendOptions = {
    apiUrl: env.apiUrl,
    serviceToken: env.serviceToken,
    fetch: (input, init) => {
      if (api === undefined) return Promise.reject(new Error('the API has not started yet'));
      const request = api.app.request(input instanceof Request ? input : String(input), init);
      return Promise.resolve(request);
    },
  } satisfies BackendOptions;
  const backend = createBackend(backendOptions);
  const bot = createProductBot(env, backend);
  // The console is served first: it works while Telegram cannot be reached (getMe below waits).
  api = await startApi({
    routes: [{ path: WEBHOOK_PATH, routes: webhookRoutes(bot, { secretToken }) }],
  });
  const running = api;
  const stop = () => {
    void stopDelivery()
      .finally(() => running.stop())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  await bot.init();
  const privacy = privacyModeWarning(bot.botInfo);
  if (privacy !== null) console.warn(privacy);
  const url = await registerWebhook(bot.api, env.publicUrl, secretToken).catch((error: unknown) => {
    throw new Error(
      `Telegram did not accept the webhook at PUBLIC_URL (${error instanceof Error ? error.message : String(error)}); check PUBLIC_URL and that it is reachable over https`,
    );
  });
  await setCommandMenu(bot);
  // The delivery retries on its own terms (lease again, acknowledge with back-off, stop at once).
  stopDelivery = startDelivery(
    bot,
    createBackend({ ...backendOptions, unreachableRetryMs: 0 }),
    env,
  ).stop;
  console.log(`Telegram bot @${bot.botInfo.username} is running (webhook at ${url})`);
} catch (error) {
  console.error(startFailureLine(error));
  process.exit(1);
}
