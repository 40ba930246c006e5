import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const schema = z
  .object({
    TELEGRAM_BOT_TOKEN: z.string().min(1, 'TELEGRAM_BOT_TOKEN is required to run the bot'),
    /** The product's public address, for links back into the console (and the webhook). */
    PUBLIC_URL: z.url('PUBLIC_URL must be an http(s) address').optional(),
    /** Where the API listens; the bot acts only through it (DESIGN §4). */
    API_URL: z.url('API_URL must be an http(s) address').optional(),
    PORT: z.coerce
      .number({ message: 'PORT must be a number' })
      .int('PORT must be a whole number')
      .min(1, 'PORT must be between 1 and 65535')
      .max(65535, 'PORT must be between 1 and 65535')
      .default(8787),
    BOT_SERVICE_TOKEN: z
      .string()
      .min(32, 'BOT_SERVICE_TOKEN must be at least 32 characters and the same as the API’s'),
    /** Another Bot API server, such as an emulator in tests or a local Bot API server. */
    TELEGRAM_API_ROOT: z.url('TELEGRAM_API_ROOT must be an http(s) address').optional(),
    BOT_MODE: z
      .enum(['polling', 'webhook'], 'BOT_MODE must be polling or webhook')
      .default('polling'),
    WEBHOOK_SECRET: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, 'WEBHOOK_SECRET must be 16–256 letters, digits, _ or -')
      .optional(),
    /** How often the notification outbox is read when it was empty. */
    OUTBOX_INTERVAL_MS: z.coerce
      .number({ message: 'OUTBOX_INTERVAL_MS must be a number of milliseconds' })
      .int('OUTBOX_INTERVAL_MS must be a whole number')
      .min(50, 'OUTBOX_INTERVAL_MS must be between 50 and 600000')
      .max(600_000, 'OUTBOX_INTERVAL_MS must be between 50 and 600000')
      .default(2000),
  })
  .refine((env) => env.BOT_MODE === 'polling' || env.WEBHOOK_SECRET !== undefined, {
    message:
      'BOT_MODE=webhook needs WEBHOOK_SECRET (16–256 letters, digits, _ or -; Telegram sends it back with every update)',
    path: ['WEBHOOK_SECRET'],
  })
  .refine((env) => env.BOT_MODE === 'polling' || env.PUBLIC_URL !== undefined, {
    message:
      'BOT_MODE=webhook needs PUBLIC_URL, the https address where Telegram reaches this server (it posts to PUBLIC_URL/telegram/webhook)',
    path: ['PUBLIC_URL'],
  })
  .refine(
    (env) =>
      env.BOT_MODE === 'polling' ||
      env.TELEGRAM_API_ROOT !== undefined ||
      env.PUBLIC_URL?.startsWith('https://') === true,
    {
      message:
        'BOT_MODE=webhook needs an https:// PUBLIC_URL: Telegram delivers updates to https addresses only',
      path: ['PUBLIC_URL'],
    },
  );

export interface BotEnv {
  readonly token: string;
  readonly publicUrl: string;
  readonly apiUrl: string;
  readonly serviceToken: string;
  readonly apiRoot: string | undefined;
  readonly mode: 'polling' | 'webhook';
  readonly webhookSecret: string | undefined;
  readonly outboxIntervalMs: number;
}

export function loadBotEnv(source: NodeJS.ProcessEnv = process.env): BotEnv {
  // `WEBHOOK_SECRET=` (as compose files and shells leave it) means not set.
  const parsed = schema.safeParse(
    Object.fromEntries(Object.entries(source).filter(([, value]) => value !== '')),
  );
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `${issue?.path.join('.') ?? 'configuration'}: ${issue?.message ?? 'invalid value'}`,
    );
  }
  const env = parsed.data;
  return {
    token: env.TELEGRAM_BOT_TOKEN,
    // Without PUBLIC_URL the console is this machine's, on the port the product listens on.
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}/`,
    apiUrl: env.API_URL ?? `http://127.0.0.1:${env.PORT}`,
    serviceToken: env.BOT_SERVICE_TOKEN,
    apiRoot: env.TELEGRAM_API_ROOT?.replace(/\/+$/, ''),
    mode: env.BOT_MODE,
    webhookSecret: env.WEBHOOK_SECRET,
    outboxIntervalMs: env.OUTBOX_INTERVAL_MS,
  };
}

/**
 * Webhook mode's configuration (serve.ts): the API and the bot in one process. They share the
 * service token, so when none is set a random one is made up here, where the API reads it too.
 */
export function loadWebhookEnv(source: NodeJS.ProcessEnv = process.env): BotEnv {
  source.BOT_SERVICE_TOKEN ||= randomBytes(32).toString('hex');
  return loadBotEnv({ ...source, BOT_MODE: 'webhook' });
}
