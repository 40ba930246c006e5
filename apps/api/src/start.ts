import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { serve } from '@hono/node-server';
import {
  DEMO_LOGINS,
  checkConnection,
  createDb,
  describeDatabaseUrl,
  isEmpty,
  migrateDatabase,
  seedDemoCounty,
  type Db,
} from '@jyxc/db';
import { createApp, type MountedRoutes } from './app.js';
import { ConfigError, loadEnv, type Env } from './env.js';
import { createLogger } from './http/logger.js';
import { SETUP_PAGE } from './http/setup-gate.js';
import { setupPending } from './modules/setup/service.js';
import { startRemindersScheduler } from './modules/reminders/scheduler.js';

/**
 * Starting the product's server: migrate, connect, seed, serve and schedule. `main.ts` runs it
 * alone; the bot's webhook entry runs it with the webhook mounted on the same port (DESIGN §5),
 * which is why it is a function and not a script.
 */

/** A failure at start that the person starting the product can fix; printed as one line. */
export class StartError extends Error {}

function reason(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? String(error)) : String(error);
}

/** The one line printed when start fails (the process then exits with 1). */
export function startFailureLine(error: unknown): string {
  const message =
    error instanceof StartError || error instanceof ConfigError ? error.message : reason(error);
  return `启动失败 / Cannot start: ${message}`;
}

export interface StartApiOptions {
  /** The configuration; read from the process's environment when absent. */
  readonly env?: Env;
  /** Served on the same port outside `/api` (the bot's webhook). */
  readonly routes?: readonly MountedRoutes[];
}

export interface RunningApi {
  readonly app: ReturnType<typeof createApp>;
  readonly db: Db;
  readonly env: Env;
  /** Where a browser on this machine reaches it, ending with `/`. */
  readonly url: string;
  /** Closes the server, waits for a reminders run in progress and disconnects the database. */
  stop(): Promise<void>;
}

/**
 * Starts the API and the console on `env.port`. Every failure a person can fix is a
 * {@link StartError} or a {@link ConfigError}; print it with {@link startFailureLine}.
 */
export async function startApi(options: StartApiOptions = {}): Promise<RunningApi> {
  const env = options.env ?? loadEnv();

  let target;
  try {
    target = describeDatabaseUrl(env.databaseUrl);
  } catch (error) {
    throw new StartError(reason(error));
  }
  if (target.kind === 'sqlite' && target.file !== ':memory:') {
    const folder = dirname(target.file);
    try {
      mkdirSync(folder, { recursive: true });
      accessSync(folder, constants.W_OK);
    } catch {
      throw new StartError(
        `the folder ${folder} cannot be written; make it writable or point DATABASE_URL at a writable place`,
      );
    }
  }

  try {
    await migrateDatabase(env.databaseUrl);
  } catch (error) {
    throw new StartError(
      `the database could not be migrated (${reason(error)}); check DATABASE_URL and that the server is reachable`,
    );
  }

  const db = createDb(env.databaseUrl, { poolSize: env.databasePoolSize });
  try {
    await checkConnection(db);
  } catch (error) {
    throw new StartError(`the database is not reachable (${reason(error)}); check DATABASE_URL`);
  }

  if (env.seedDemo && (await isEmpty(db))) {
    const started = performance.now();
    await seedDemoCounty(db, { now: new Date() });
    console.log(
      `已生成演示县数据 / Demo county seeded in ${Math.round(performance.now() - started)} ms`,
    );
  }

  // DESIGN §7: an empty county starts in setup mode, behind a secret only this start prints.
  const setupToken = (await setupPending(db)) ? randomBytes(24).toString('base64url') : undefined;

  const logger = createLogger(env.logLevel);
  const app = createApp(
    {
      db,
      now: () => new Date(),
      adminDist: env.adminDist,
      mobileDist: env.mobileDist,
      botToken: env.botServiceToken,
      trustedProxies: env.trustedProxies,
      setupToken,
      logger,
    },
    { routes: options.routes ?? [] },
  );
  const server = serve({ fetch: app.fetch, port: env.port, hostname: env.host });
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('listening', () => resolveListen());
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        rejectListen(
          new StartError(
            `port ${env.port} is already in use; stop the other program or set PORT to a free port`,
          ),
        );
      } else if (error.code === 'EACCES') {
        rejectListen(
          new StartError(`port ${env.port} needs more privileges; set PORT to a number above 1024`),
        );
      } else {
        rejectListen(new StartError(`cannot listen on ${env.host}:${env.port} (${error.message})`));
      }
    });
  });

  const shownHost = env.host === '0.0.0.0' || env.host === '::' ? 'localhost' : env.host;
  const url = `http://${shownHost}:${env.port}/`;
  console.log(`教育信息宣传工作平台 is running at ${url}`);
  console.log(`  API: ${url}api  ·  health: ${url}api/health`);
  if (existsSync(join(env.mobileDist, 'index.html'))) console.log(`  手机版 / phone app: ${url}m/`);
  if (env.seedDemo) {
    console.log('  演示账号 / demo logins:');
    for (const login of DEMO_LOGINS) {
      console.log(
        `    ${login.username.padEnd(12)} ${login.password.padEnd(12)} ${login.description}`,
      );
    }
  }
  if (setupToken !== undefined) {
    console.log(
      '  首次运行：打开下面的设置链接，创建县教体局和第一位管理员（链接只在本次启动有效）',
    );
    console.log(
      '  First run: open this setup link to create the bureau and its first administrator:',
    );
    console.log(`    ${url}${SETUP_PAGE.slice(1)}?token=${setupToken}`);
    console.log('  或在服务器上运行 / or on the server run: pnpm setup:admin');
  }
  if (!env.telegramBotToken) {
    console.log('  Telegram bot: off — set TELEGRAM_BOT_TOKEN to start it with the product.');
  }

  // DESIGN §3.8: reminders run inside the API; a database lease keeps it to one process.
  const reminders = startRemindersScheduler({
    db,
    now: () => new Date(),
    intervalMs: env.remindersIntervalMs,
    log: (message, error) => logger.error({ err: error }, message),
  });

  return {
    app,
    db,
    env,
    url,
    async stop() {
      server.close();
      try {
        await reminders.stop();
      } finally {
        await db.$disconnect();
      }
    },
  };
}
