import { serve } from '@hono/node-server';
import { webhookCallback, type Bot } from 'grammy';
import { Hono } from 'hono';
import type { BotContext } from './context.js';
import type { BotEnv } from './env.js';

export const WEBHOOK_PATH = '/telegram/webhook';

/** The webhook endpoint: Telegram's secret token is checked on every request (DESIGN §5). */
export function webhookApp(bot: Bot<BotContext>, secretToken: string) {
  return new Hono().post(WEBHOOK_PATH, webhookCallback(bot, 'hono', { secretToken }));
}

/**
 * Webhook mode: serves the endpoint on loopback (the product's reverse proxy forwards
 * `PUBLIC_URL/telegram/webhook` to it) and tells Telegram where to send updates.
 */
export async function serveWebhook(
  bot: Bot<BotContext>,
  env: BotEnv,
): Promise<() => Promise<void>> {
  if (env.webhookSecret === undefined)
    throw new Error('WEBHOOK_SECRET is required in webhook mode');
  const server = serve({
    fetch: webhookApp(bot, env.webhookSecret).fetch,
    port: env.webhookPort,
    hostname: '127.0.0.1',
  });
  await bot.api.setWebhook(
    new URL(
      WEBHOOK_PATH.slice(1),
      env.publicUrl.endsWith('/') ? env.publicUrl : `${env.publicUrl}/`,
    ).toString(),
    {
      secret_token: env.webhookSecret,
      allowed_updates: ['message', 'edited_message', 'callback_query'],
    },
  );
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
