import type { Db } from '@jyxc/db';
import type { Role, UnitKind } from '@jyxc/domain';
import type { Logger } from 'pino';
import type { SetupGate } from './http/setup-gate.js';

/** The person a request acts for, with what the permission checks need. */
export interface Actor {
  readonly personId: string;
  readonly name: string;
  readonly username: string;
  readonly unit: { readonly id: string; readonly name: string; readonly kind: UnitKind };
  readonly roles: readonly Role[];
  /** The login session behind the request; absent for the bot's service token. */
  readonly sessionId?: string;
}

/** What every route and service needs: the database and the clock (never `new Date()` inline). */
export interface AppDeps {
  readonly db: Db;
  readonly now: () => Date;
  /** Folder of the built console; when absent only the API is served. */
  readonly adminDist?: string | undefined;
  /** Folder of the built phone app, served at `/m/` (DESIGN §7); absent: no phone app. */
  readonly mobileDist?: string | undefined;
  /**
   * The bot's service token (BOT_SERVICE_TOKEN). A request bearing it acts for the linked
   * person named in `X-Chat-User`; when absent, no bearer token is accepted.
   */
  readonly botToken?: string | undefined;
  /**
   * Addresses of reverse proxies whose `X-Forwarded-For` names the client (TRUSTED_PROXIES);
   * from any other peer the header is ignored.
   */
  readonly trustedProxies?: readonly string[] | undefined;
  /**
   * The secret of the first-run setup link (DESIGN §7), made at start when the database has no
   * administrator yet; without it the setup page refuses every attempt.
   */
  readonly setupToken?: string | undefined;
  /** Where request lines and unexpected errors go; by default stdout at LOG_LEVEL. */
  readonly logger?: Logger | undefined;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    actor: Actor | null;
    /** `bot` when the bot's service token acts for a linked person. */
    via: 'user' | 'bot';
    requestId: string;
    /** An unexpected error the request ended in (http/logger.ts). */
    failure: unknown;
    setupGate: SetupGate;
  };
}
