import { createApp } from '@jyxc/api';
import { Bot } from 'grammy';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { BotContext } from './context.js';
import { STRANGER } from './test-support/chats.js';
import { botInfo, botWorld } from './test-support/harness.js';
import { WEBHOOK_PATH, webhookApp, webhookRoutes } from './webhook.js';

describe('webhook mode', () => {
  const SECRET = 'webhook-secret-0123456789';

  function post(
    app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
    body: string,
    secret?: string,
  ) {
    return Promise.resolve(
      app.request('/telegram/webhook', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(secret === undefined ? {} : { 'X-Telegram-Bot-Api-Secret-Token': secret }),
        },
        body,
      }),
    );
  }

  it('is a route of the API app: handles an update with the secret Telegram was given and refuses any other', async () => {
    const world = await botWorld({ webhookSecret: SECRET });
    const update = JSON.stringify({ update_id: 900, ...world.privateText(STRANGER, '/help') });
    for (const secret of [undefined, 'guess', `${SECRET}x`]) {
      const refused = await post(world.app, update, secret);
      expect(refused.status).toBe(401);
    }
    expect(world.calls).toHaveLength(0);
    expect(await world.db.processedUpdate.count()).toBe(0);

    // No Origin, no cookie: the console's session and CSRF checks are not in its way.
    const right = await post(world.app, update, SECRET);
    expect(right.status).toBe(200);
    expect(world.lastText()).toContain('/start 绑定码');
    expect(await world.db.processedUpdate.count()).toBe(1);

    // Telegram delivering it again: answered, handled once.
    expect((await post(world.app, update, SECRET)).status).toBe(200);
    expect(world.sent()).toHaveLength(1);

    // The API itself is unchanged beside it.
    expect((await world.app.request('/api/health')).status).toBe(200);
    expect((await world.app.request('/api/auth/me')).status).toBe(401);
  });

  it('refuses to mount other routes inside /api', async () => {
    const world = await botWorld();
    expect(() =>
      createApp(
        { db: world.db, now: () => new Date() },
        { routes: [{ path: '/api/telegram', routes: webhookApp(world.bot, SECRET) }] },
      ),
    ).toThrow(/outside \/api/);
  });

  function slowBot(handle: () => Promise<void>) {
    const bot = new Bot<BotContext>('1:test', { botInfo });
    bot.use(handle);
    return bot;
  }

  it('answers Telegram within its answer time while a slow update goes on, and logs a late failure without ending the process', async () => {
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const logged: string[] = [];
    const routes = new Hono().route(
      WEBHOOK_PATH,
      webhookRoutes(
        slowBot(async () => {
          await new Promise((resolve) => setTimeout(resolve, 300));
          finish();
          throw new Error('late failure');
        }),
        { secretToken: SECRET, answerWithinMs: 50, log: (message) => logged.push(message) },
      ),
    );
    const started = Date.now();
    const answer = await post(routes, JSON.stringify({ update_id: 1 }), SECRET);
    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(250);
    await finished;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(logged.some((m) => m.includes('still being handled'))).toBe(true);
    expect(logged.some((m) => m.includes('failed after Telegram was answered'))).toBe(true);
  });

  it('answers 500 to an update that fails in time, so that Telegram delivers it again', async () => {
    const routes = new Hono()
      .route(
        WEBHOOK_PATH,
        webhookRoutes(
          slowBot(() => Promise.reject(new Error('the API is unreachable'))),
          { secretToken: SECRET },
        ),
      )
      .onError((_error, c) => c.text('failed', 500));
    const answer = await post(routes, JSON.stringify({ update_id: 2 }), SECRET);
    expect(answer.status).toBe(500);
  });
});
