import { hc } from 'hono/client';
import type { AppType } from './app.js';

/**
 * The typed client of the API for the console and the bot. `baseUrl` is the product's
 * origin (the client adds `/api`).
 *
 * The build writes this module's declarations to dist/client.d.ts (tsconfig.build.json), and
 * `@jyxc/api/client` resolves its types there: `_client` below is an inferred value, so its
 * declaration holds the client's computed type, and the console and the bot read it instead
 * of checking the API's routes again (Hono's RPC guide: compile the client type before use).
 */
const _client = hc<AppType>('').api;

export type ApiClient = typeof _client;

export function createApiClient(baseUrl: string, init?: Parameters<typeof hc>[1]): ApiClient {
  return hc<AppType>(baseUrl, init).api;
}

/** The notification events every channel renders in its reader's language (DESIGN §4). */
export type {
  NotificationEvent,
  NotificationFacts,
  NotificationKind,
} from './modules/outbox/events.js';
