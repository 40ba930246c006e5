import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Bot } from 'grammy';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The bot's webhook endpoint, the same routes the product mounts on the API's server (apps/bot/src/serve.ts);
// the bot package exports no subpath for it.
import type { BotContext } from '../../../apps/bot/src/context.js';
import { webhookApp } from '../../../apps/bot/src/webhook.js';
import { apiProcess } from './support/api-process.js';
import { field, loginOver } from './support/client.js';
import { ACTORS, demoCounty } from './support/county.js';
import { changedTables, digestTables, freshDatabase } from './support/database.js';
import { isUniformError, readJson } from './support/http.js';
import { recordPart, REPO_ROOT } from './support/results.js';

type County = Awaited<ReturnType<typeof demoCounty>>;

const SCRIPT_BODY =
  '<script>window.__xss = 1</script><img src="x" onerror="window.__xss = 2"><svg onload="window.__xss = 3"></svg>';

describe('security', () => {
  let county: County;
  let checks = 0;
  const unexpected: string[] = [];
  const check = (ok: boolean, what: string) => {
    checks += 1;
    if (!ok) unexpected.push(what);
    return ok;
  };

  beforeAll(async () => {
    county = await demoCounty();
  });
  afterAll(() => {
    recordPart('security', {
      scope:
        'cookies, sessions, CSRF, lockout, hashes, headers, XSS, SQL injection, webhook, audit log, bot token',
      checks,
      unexpectedResponses: unexpected.length,
    });
  });

  const login = (username: string, extra: Record<string, string> = {}) =>
    county.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost', ...extra },
      body: JSON.stringify({ username, password: 'Qinghe@2026' }),
    });

  it('sets the session cookie HttpOnly and SameSite, and Secure behind TLS', async () => {
    const plain = (await login(ACTORS.townshipOfficer)).headers.get('set-cookie') ?? '';
    expect(check(/HttpOnly/i.test(plain), 'HttpOnly')).toBe(true);
    expect(check(/SameSite=(Lax|Strict)/i.test(plain), 'SameSite')).toBe(true);
    const tls =
      (await login(ACTORS.townshipOfficer, { 'x-forwarded-proto': 'https' })).headers.get(
        'set-cookie',
      ) ?? '';
    expect(check(/;\s*Secure/i.test(tls), 'Secure behind TLS')).toBe(true);
  });

  it('gives a new session on every login and the old cookie stops working after logout', async () => {
    const first =
      (await login(ACTORS.townshipOfficer)).headers.get('set-cookie')?.split(';')[0] ?? '';
    const second =
      (await login(ACTORS.townshipOfficer, { cookie: first })).headers
        .get('set-cookie')
        ?.split(';')[0] ?? '';
    expect(check(first !== second && second !== '', 'rotation')).toBe(true);
    await county.app.request('/api/auth/logout', {
      method: 'POST',
      headers: { cookie: second, origin: 'http://localhost', 'content-type': 'application/json' },
    });
    const after = await county.app.request('/api/auth/me', { headers: { cookie: second } });
    expect(check(after.status === 401, 'logout ends the session')).toBe(true);
  });

  it('refuses cookie-authenticated writes from another site', async () => {
    const cookie = await county.as(ACTORS.admin);
    const before = await digestTables(county.db);
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', 'title=x&body=y&category=news'],
      [
        'multipart/form-data; boundary=b',
        '--b\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--b--\r\n',
      ],
      ['text/plain', '{"title":"x","body":"y","category":"news","eventAt":"2026-07-07T00:00:00Z"}'],
    ] as const) {
      const response = await county.app.request('/api/submissions', {
        method: 'POST',
        headers: { cookie, origin: 'https://evil.example', 'content-type': type },
        body,
      });
      expect(check(response.status === 403, `CSRF ${type} → ${response.status}`)).toBe(true);
    }
    expect(changedTables(before, await digestTables(county.db))).toEqual([]);
  });

  it('locks a username after repeated wrong passwords, even for the right one', async () => {
    const attempt = (password: string) =>
      county.app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://localhost' },
        body: JSON.stringify({ username: ACTORS.directHead, password }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await attempt(`wrong-${i}`)).status);
    const right = await attempt('Qinghe@2026');
    expect(
      check(
        statuses.slice(0, 5).every((s) => s === 401),
        `wrong passwords → ${statuses.join(',')}`,
      ),
    ).toBe(true);
    expect(check(right.status === 429, `locked → ${right.status}`)).toBe(true);
    expect(isUniformError(await readJson(right))).toBe(true);
  });

  it('stores every password as an argon2id hash', async () => {
    const hashes = await county.db.person.findMany({ select: { passwordHash: true } });
    expect(
      check(
        hashes.every((h) => h.passwordHash === null || h.passwordHash.startsWith('$argon2id$')),
        'argon2id',
      ),
    ).toBe(true);
  });

  it('sends the security headers with a Content-Security-Policy for the console', async () => {
    const response = await county.app.request('/api/health');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(
      check(
        csp.includes("script-src 'self'") &&
          csp.includes("object-src 'none'") &&
          !csp.includes("script-src 'self' 'unsafe"),
        `CSP ${csp}`,
      ),
    ).toBe(true);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('strict-transport-security')).toContain('max-age=');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    checks += 4;
  });

  it('keeps SQL-injection strings as plain text', async () => {
    const cookie = await county.as(ACTORS.reviewer);
    const before = await digestTables(county.db);
    for (const q of [
      "' OR 1=1 --",
      '"; DROP TABLE "Submission"; --',
      "%' UNION SELECT passwordHash FROM Person --",
    ]) {
      const response = await county.app.request(`/api/submissions?q=${encodeURIComponent(q)}`, {
        headers: { cookie },
      });
      const body = await readJson(response);
      expect(
        check(
          response.status === 200 && field(body, 'total') === 0,
          `search ${q} → ${response.status}`,
        ),
      ).toBe(true);
      const people = await county.app.request(`/api/people?q=${encodeURIComponent(q)}`, {
        headers: { cookie: await county.as(ACTORS.admin) },
      });
      expect(
        check(people.status === 200 && !(await people.text()).includes('$argon2'), `people ${q}`),
      ).toBe(true);
    }
    expect(changedTables(before, await digestTables(county.db))).toEqual([]);
  });

  it('offers no way to change or delete the audit log', async () => {
    const writes = county.app.routes.filter(
      (r) => r.path.startsWith('/api/audit') && r.method !== 'GET' && r.method !== 'ALL',
    );
    expect(writes).toEqual([]);
    const cookie = await county.as(ACTORS.admin);
    const entry = await county.db.auditLog.findFirstOrThrow({ select: { id: true } });
    const before = await digestTables(county.db);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      for (const path of ['/api/audit', `/api/audit/${entry.id}`]) {
        const response = await county.app.request(path, {
          method,
          headers: { cookie, origin: 'http://localhost', 'content-type': 'application/json' },
          body: '{"action":"forged"}',
        });
        expect(
          check(
            response.status === 404 || response.status === 405,
            `${method} ${path} → ${response.status}`,
          ),
        ).toBe(true);
      }
    }
    expect(changedTables(before, await digestTables(county.db))).toEqual([]);
  });

  it('lets the bot token act only for a linked Telegram user, never for the cookie that travels with it', async () => {
    const token = 'b'.repeat(64);
    const { createApp } = await import('@jyxc/api');
    const app = createApp({ db: county.db, now: county.clock.now, botToken: token });
    const cookie = await county.as(ACTORS.admin);
    const asBot = (headers: Record<string, string>) =>
      app.request('/api/audit', { headers: { authorization: `Bearer ${token}`, ...headers } });
    const unlinked = await asBot({ 'x-telegram-user': '999999999', cookie });
    expect(check(unlinked.status === 401, `unlinked → ${unlinked.status}`)).toBe(true);
    const nobody = await asBot({ cookie });
    expect(check(nobody.status === 401, `no user → ${nobody.status}`)).toBe(true);
    const wrong = await app.request('/api/submissions', {
      headers: { authorization: `Bearer ${'c'.repeat(64)}`, cookie },
    });
    expect(check(wrong.status === 401, `wrong token → ${wrong.status}`)).toBe(true);
    const linked = await county.db.chatIdentity.findFirstOrThrow({
      where: { person: { roles: { every: { role: { in: ['officer', 'head', 'deputy'] } } } } },
      select: { externalId: true },
    });
    const audit = await asBot({ 'x-telegram-user': linked.externalId });
    expect(check(audit.status === 403, `linked officer reads audit → ${audit.status}`)).toBe(true);
  });

  it('the bot webhook refuses an update without the right secret', async () => {
    const bot = new Bot<BotContext>('123456:reliability', {
      botInfo: {
        id: 123456,
        is_bot: true,
        first_name: '测试',
        username: 'jyxc_test_bot',
        can_join_groups: true,
        can_read_all_group_messages: false,
        supports_inline_queries: false,
        can_connect_to_business: false,
        has_main_web_app: false,
        has_topics_enabled: false,
        allows_users_to_create_topics: false,
        can_manage_bots: false,
        supports_join_request_queries: false,
      },
    });
    const app = webhookApp(bot, 'right-secret-0123456789');
    const update = JSON.stringify({
      update_id: 1,
      message: { message_id: 1, date: 0, chat: { id: 1, type: 'private' }, text: '/start' },
    });
    for (const secret of [undefined, 'wrong-secret']) {
      const response = await app.request('/telegram/webhook', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}),
        },
        body: update,
      });
      expect(
        check(
          response.status === 401,
          `webhook secret ${secret ?? 'missing'} → ${response.status}`,
        ),
      ).toBe(true);
    }
  });

  it('renders a submission body that contains script as inert text in the console', async () => {
    const cookie = await county.as(ACTORS.townshipOfficer);
    const created = await county.app.request('/api/submissions', {
      method: 'POST',
      headers: { cookie, origin: 'http://localhost', 'content-type': 'application/json' },
      body: JSON.stringify({
        title: '<img src=x onerror="window.__xss=4">标题',
        body: SCRIPT_BODY,
        category: 'news',
        eventAt: '2026-07-07T08:00:00+08:00',
      }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toContain('application/json');
    const id = field(await readJson(created), 'id');
    if (typeof id !== 'string') throw new Error('no id');

    // The console as a browser loads it: the real API process serving the built console.
    const dist = join(REPO_ROOT, 'apps/admin/dist');
    expect(
      existsSync(join(dist, 'index.html')),
      'the console is built by the test command before the tests',
    ).toBe(true);
    const { url } = await freshDatabase();
    const api = await apiProcess(url, { ADMIN_DIST: dist });
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const officer = await loginOver(() => api.url, ACTORS.townshipOfficer);
      const made = await officer.call('POST', '/api/submissions', {
        title: '<img src=x onerror="window.__xss=4">标题',
        body: SCRIPT_BODY,
        category: 'news',
        eventAt: new Date().toISOString(),
      });
      const remoteId = field(made.body, 'id');
      if (typeof remoteId !== 'string') throw new Error('no id');
      const context = await browser.newContext();
      await context.addCookies([
        {
          name: officer.cookie.split('=')[0] ?? '',
          value: officer.cookie.split('=').slice(1).join('='),
          url: api.url,
        },
      ]);
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await page.goto(`${api.url}/submissions/${remoteId}`);
      const body = page.locator('[data-test="submission-body"]');
      await body.waitFor({ timeout: 30_000 });
      expect(await body.textContent()).toContain('<script>window.__xss = 1</script>');
      const fired = await page.evaluate(() => Reflect.get(globalThis, '__xss') ?? null);
      expect(check(fired === null && dialogs.length === 0, `script ran: ${String(fired)}`)).toBe(
        true,
      );
      expect(
        await page
          .locator('[data-test="submission-body"] script, [data-test="submission-body"] img')
          .count(),
      ).toBe(0);
    } finally {
      await browser.close();
      await api.stop();
    }
  });
});
