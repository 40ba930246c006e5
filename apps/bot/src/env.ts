import { z } from 'zod';

const schema = z
  .object({
    TELEGRAM_BOT_TOKEN: z.string().min(1, 'TELEGRAM_BOT_TOKEN is required to run the bot'),
    /** The product's public address, for links back into the console. */
    PUBLIC_URL: z.url('PUBLIC_URL must be an http(s) address').default('http://localhost:8787/'),
    /** Where the API listens; the bot acts only through it (DESIGN §4). */
    API_URL: z.url('API_URL must be an http(s) address').optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(8787),
    BOT_SERVICE_TOKEN: z
      .string()
      .min(32, 'BOT_SERVICE_TOKEN must be at least 32 characters and the same as the API’s'),
    /** Another Bot API server, such as an emulator in tests or a local Bot API server. */
    TELEGRAM_API_ROOT: z.url('TELEGRAM_API_ROOT must be an http(s) address').optional(),
    BOT_MODE: z.enum(['polling', 'webhook']).default('polling'),
    WEBHOOK_SECRET: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, 'WEBHOOK_SECRET must be 16–256 letters, digits, _ or -')
      .optional(),
    /** The loopback port of the webhook endpoint in webhook mode. */
    WEBHOOK_PORT: z.coerce.number().int().min(1).max(65535).default(8788),
    /** How often the notification outbox is read when it was empty. */
    OUTBOX_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(2000),
  })
  .refine((env) => env.BOT_MODE === 'polling' || env.WEBHOOK_SECRET !== undefined, {
    message: 'BOT_MODE=webhook needs WEBHOOK_SECRET (Telegram sends it back with every update)',
    path: ['WEBHOOK_SECRET'],
  });

export interface BotEnv {
  readonly token: string;
  readonly publicUrl: string;
  readonly apiUrl: string;
  readonly serviceToken: string;
  readonly apiRoot: string | undefined;
  readonly mode: 'polling' | 'webhook';
  readonly webhookSecret: string | undefined;
  readonly webhookPort: number;
  readonly outboxIntervalMs: number;
}

export function loadBotEnv(source: NodeJS.ProcessEnv = process.env): BotEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `${issue?.path.join('.') ?? 'configuration'}: ${issue?.message ?? 'invalid value'}`,
    );
  }
  const env = parsed.data;
  return {
    token: env.TELEGRAM_BOT_TOKEN,
    publicUrl: env.PUBLIC_URL,
    apiUrl: env.API_URL ?? `http://127.0.0.1:${env.PORT}`,
    serviceToken: env.BOT_SERVICE_TOKEN,
    apiRoot: env.TELEGRAM_API_ROOT?.replace(/\/+$/, ''),
    mode: env.BOT_MODE,
    webhookSecret: env.WEBHOOK_SECRET,
    webhookPort: env.WEBHOOK_PORT,
    outboxIntervalMs: env.OUTBOX_INTERVAL_MS,
  };
}
