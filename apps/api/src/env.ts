import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root, so that relative paths in the configuration mean the same wherever the process starts. */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

// Telegram usernames: 5–32 letters, digits and underscores, starting with a letter; a leading
// `@` as people usually write it is accepted and dropped.
const botUsernameSchema = z
  .string()
  .trim()
  .transform((value) => value.replace(/^@/, ''))
  .pipe(
    z
      .string()
      .regex(
        /^[A-Za-z][A-Za-z0-9_]{4,31}$/,
        'BOT_USERNAME must be a Telegram username such as jyxc_bot',
      ),
  )
  .optional();

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export type LogLevel = (typeof LOG_LEVELS)[number];

/** How much the API logs: one line per request at `info` (the default). */
const logLevelSchema = z.enum(LOG_LEVELS, {
  message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`,
});

const schema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  /**
   * PostgreSQL: the most connections this process opens for its queries (one more listens for
   * other processes' writes). Under load a connection stays taken until the process has read
   * its answer, which waits its turn behind other requests; with too few, reads that missed
   * the caches queue for a connection.
   */
  DATABASE_POOL_SIZE: z.coerce
    .number({ message: 'DATABASE_POOL_SIZE must be a number of connections' })
    .int('DATABASE_POOL_SIZE must be a whole number')
    .min(1, 'DATABASE_POOL_SIZE must be between 1 and 500')
    .max(500, 'DATABASE_POOL_SIZE must be between 1 and 500')
    .default(30),
  PORT: z.coerce
    .number({ message: 'PORT must be a number' })
    .int('PORT must be a whole number')
    .min(1, 'PORT must be between 1 and 65535')
    .max(65535, 'PORT must be between 1 and 65535')
    .default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Where the built console is served from; the API alone runs without it. */
  ADMIN_DIST: z.string().min(1).optional(),
  /** Where the built phone app is served from (at /m/); the API runs without it. */
  MOBILE_DIST: z.string().min(1).optional(),
  /** Seed the demo county into an empty database (on by default; `0` turns it off). */
  SEED_DEMO: z.enum(['0', '1']).default('1'),
  TELEGRAM_BOT_TOKEN: z.string().min(1).optional(),
  /** The bot's @username, for the deep links of one-time link codes (DESIGN §5). */
  BOT_USERNAME: botUsernameSchema,
  /** The bot's service token: with it the bot acts for linked people (DESIGN §5). Unset: no bot access. */
  BOT_SERVICE_TOKEN: z
    .string()
    .min(32, 'BOT_SERVICE_TOKEN must be at least 32 characters (e.g. openssl rand -hex 32)')
    .optional(),
  /** How often the reminders job runs inside the API process (DESIGN §3.8). */
  REMINDERS_INTERVAL_MS: z.coerce
    .number({ message: 'REMINDERS_INTERVAL_MS must be a number of milliseconds' })
    .int('REMINDERS_INTERVAL_MS must be a whole number')
    .min(1000, 'REMINDERS_INTERVAL_MS must be at least 1000')
    .default(60000),
  /**
   * Reverse proxies in front of the API, comma-separated IP addresses (e.g. 127.0.0.1): only
   * from them is `X-Forwarded-For` believed when counting attempts per client.
   */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== ''),
    )
    .pipe(
      z.array(
        z.union([z.ipv4(), z.ipv6()], {
          message: 'TRUSTED_PROXIES must be IP addresses separated by commas',
        }),
      ),
    ),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: logLevelSchema.optional(),
});

export interface Env {
  readonly databaseUrl: string;
  readonly databasePoolSize: number;
  readonly dataDir: string;
  readonly port: number;
  readonly host: string;
  readonly adminDist: string;
  readonly mobileDist: string;
  readonly seedDemo: boolean;
  readonly telegramBotToken: string | undefined;
  readonly botUsername: string | undefined;
  readonly botServiceToken: string | undefined;
  readonly remindersIntervalMs: number;
  readonly trustedProxies: readonly string[];
  readonly production: boolean;
  readonly logLevel: LogLevel;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Reads and validates the configuration once. A bad value is a {@link ConfigError} whose
 * message names the variable and what to do, so that start can print one clear line.
 */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path.join('.') ?? 'configuration';
    throw new ConfigError(`${name}: ${issue?.message ?? 'invalid value'}`);
  }
  const env = parsed.data;
  const dataDir = resolve(REPO_ROOT, 'data');
  const databaseUrl = env.DATABASE_URL ?? `file:${resolve(dataDir, 'jyxc.db')}`;
  const fromRoot = (path: string) => (isAbsolute(path) ? path : resolve(REPO_ROOT, path));
  const adminDist = fromRoot(env.ADMIN_DIST ?? 'apps/admin/dist');
  const mobileDist = fromRoot(env.MOBILE_DIST ?? 'apps/mobile/dist');
  return {
    databaseUrl,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    dataDir,
    port: env.PORT,
    host: env.HOST,
    adminDist,
    mobileDist,
    seedDemo: env.SEED_DEMO === '1',
    telegramBotToken: env.TELEGRAM_BOT_TOKEN,
    botUsername: env.BOT_USERNAME,
    botServiceToken: env.BOT_SERVICE_TOKEN,
    remindersIntervalMs: env.REMINDERS_INTERVAL_MS,
    trustedProxies: env.TRUSTED_PROXIES,
    production: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL ?? defaultLogLevel(source),
  };
}

/**
 * The bot's username for link-code deep links, read when a code is issued so that the API
 * needs no restart once the bot's name is configured; undefined when unset or malformed
 * (start-up, through {@link loadEnv}, already refused a malformed one).
 */
export function botUsername(source: NodeJS.ProcessEnv = process.env): string | undefined {
  const parsed = botUsernameSchema.safeParse(source.BOT_USERNAME);
  return parsed.success ? parsed.data : undefined;
}

// Tests run quiet unless LOG_LEVEL asks otherwise: vitest sets VITEST in its workers.
function defaultLogLevel(source: NodeJS.ProcessEnv): LogLevel {
  return source.VITEST === undefined ? 'info' : 'silent';
}

/**
 * The log level of an app made without {@link loadEnv} (tests, the bot's process): LOG_LEVEL
 * when it names a level, otherwise the default.
 */
export function logLevel(source: NodeJS.ProcessEnv = process.env): LogLevel {
  const parsed = logLevelSchema.safeParse(source.LOG_LEVEL);
  return parsed.success ? parsed.data : defaultLogLevel(source);
}
