import { hc } from 'hono/client';
import type { AppType } from './app.js';

/**
 * The typed client of the API for the console and the bot. `baseUrl` is the product's
 * origin (the client adds `/api`).
 */
export function createApiClient(baseUrl: string, init?: Parameters<typeof hc>[1]) {
  return hc<AppType>(baseUrl, init).api;
}

export type ApiClient = ReturnType<typeof createApiClient>;
export type { AppType };
