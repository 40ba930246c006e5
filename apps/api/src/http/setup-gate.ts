import { createHash, timingSafeEqual } from 'node:crypto';
import type { Db } from '@jyxc/db';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';
import { ServiceError } from '../shared/errors.js';
import { setupPending } from '../modules/setup/service.js';

/** Where the console's setup page lives; the link printed at start adds `?token=…`. */
export const SETUP_PAGE = '/setup';

/**
 * Whether this process still waits for the first run (DESIGN §7), and its one-time token. The
 * database is asked on each request until an administrator exists — the setup may be finished
 * by another process or by `pnpm setup:admin` — and never again afterwards.
 */
export class SetupGate {
  #done = false;

  constructor(
    private readonly db: Db,
    /** The secret of the setup link printed at start; without one the page cannot set up. */
    private readonly token: string | undefined,
  ) {}

  async pending(): Promise<boolean> {
    if (this.#done) return false;
    if (await setupPending(this.db)) return true;
    this.#done = true;
    return false;
  }

  /** The setup has just been completed by this process. */
  close(): void {
    this.#done = true;
  }

  /** Compares in constant time, over hashes, so neither length nor prefix leaks. */
  accepts(presented: string): boolean {
    if (this.token === undefined || this.token === '') return false;
    const a = createHash('sha256').update(presented).digest();
    const b = createHash('sha256').update(this.token).digest();
    return timingSafeEqual(a, b);
  }
}

/**
 * While the product waits for its first run, every API route answers 503 with the way out,
 * except the setup itself, the health probe, the API's description and the bot's own routes
 * (the bot starts with the product, and no one can be linked before the setup anyway).
 */
export function setupGateMiddleware(gate: SetupGate, open: readonly string[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    c.set('setupGate', gate);
    const path = c.req.path;
    if (!open.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) {
      if (await gate.pending()) {
        throw new ServiceError(
          'unavailable',
          'SETUP.REQUIRED',
          '系统尚未完成初始化：请打开启动时输出的设置链接，创建县教体局和第一位管理员（或在服务器上运行 pnpm setup:admin）',
          { setupPage: SETUP_PAGE },
        );
      }
    }
    await next();
  });
}
