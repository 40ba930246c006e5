import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createDb } from '@jyxc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePort,
  startExpectingFailure,
  startProduct,
  tempDir,
  type RunningProduct,
} from './product.js';

describe('the product started as the README says', () => {
  const dataDir = tempDir('jyxc-start-');
  const databaseUrl = `file:${join(dataDir, 'jyxc.db')}`;
  let product: RunningProduct;

  beforeAll(async () => {
    product = await startProduct({ PORT: String(await freePort()), DATABASE_URL: databaseUrl });
  });
  afterAll(async () => {
    await product?.stop();
  });

  it('prints its address and the demo logins', async () => {
    await product.waitForOutput(/TELEGRAM_BOT_TOKEN/);
    expect(product.output()).toMatch(/is running at http:\/\/127\.0\.0\.1:\d+\//);
    expect(product.output()).toContain('admin');
  });

  it('answers the health check with the database reachable', async () => {
    const response = await fetch(new URL('api/health', product.url));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('serves the console at / and on its deep links, with its scripts', async () => {
    const page = await fetch(product.url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<div id="app"></div>');
    expect(html).toContain('教育信息宣传工作平台');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(new URL(script ?? '', product.url));
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);

    const deepLink = await fetch(new URL('submissions/123', product.url));
    expect(deepLink.status).toBe(200);
    expect(await deepLink.text()).toContain('<div id="app"></div>');
  });

  it('refuses anonymous API calls with 401 in the uniform body, not the console', async () => {
    const response = await fetch(new URL('api/no-such-thing', product.url));
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { code: string } };
    expect(body.error.code).toBe('AUTH.REQUIRED');
  });

  it('lets a demo user log in and see who they are', async () => {
    const login = await fetch(new URL('api/auth/login', product.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Qinghe@2026' }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/jyxc_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    const me = await fetch(new URL('api/auth/me', product.url), {
      headers: { cookie: cookie.split(';')[0] ?? '' },
    });
    expect(me.status).toBe(200);
    const body = (await me.json()) as { user: { roles: string[] } };
    expect(body.user.roles).toContain('admin');

    const unknown = await fetch(new URL('api/no-such-thing', product.url), {
      headers: { cookie: cookie.split(';')[0] ?? '' },
    });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });

  it('does not seed a second time when started again on the same database', async () => {
    await product.stop();
    const db = createDb(databaseUrl);
    const before = await db.unit.count();
    await db.$disconnect();
    expect(before).toBeGreaterThan(28);

    product = await startProduct({ PORT: String(await freePort()), DATABASE_URL: databaseUrl });
    expect(product.output()).not.toMatch(/Demo county seeded/);
    await product.stop();

    const again = createDb(databaseUrl);
    expect(await again.unit.count()).toBe(before);
    await again.$disconnect();
  });
});

describe('the start command on bad configuration', () => {
  it('says the port is in use and exits non-zero', async () => {
    const blocker = createServer();
    const port = await freePort();
    await new Promise<void>((done) => blocker.listen(port, '127.0.0.1', done));
    try {
      const { code, output } = await startExpectingFailure({
        PORT: String(port),
        DATABASE_URL: `file:${join(tempDir('jyxc-port-'), 'jyxc.db')}`,
      });
      expect(code).not.toBe(0);
      expect(output).toContain(`port ${port} is already in use`);
      expect(output).not.toMatch(/^\s+at /m);
    } finally {
      blocker.close();
    }
  });

  it('explains a malformed DATABASE_URL', async () => {
    const { code, output } = await startExpectingFailure({ DATABASE_URL: 'mysql://somewhere/db' });
    expect(code).not.toBe(0);
    expect(output).toContain('DATABASE_URL must be file:');
    expect(output).not.toMatch(/^\s+at /m);
  });

  it('explains a data folder that cannot be written', async () => {
    const dir = tempDir('jyxc-ro-');
    const notAFolder = join(dir, 'occupied');
    writeFileSync(notAFolder, 'a file where the data folder should be');
    const { code, output } = await startExpectingFailure({
      DATABASE_URL: `file:${join(notAFolder, 'data', 'jyxc.db')}`,
    });
    expect(code).not.toBe(0);
    expect(output).toContain('cannot be written');
    expect(output).not.toMatch(/^\s+at /m);
  });

  it('explains an unreachable PostgreSQL server', async () => {
    const port = await freePort();
    const { code, output } = await startExpectingFailure({
      DATABASE_URL: `postgresql://jyxc:secret@127.0.0.1:${port}/jyxc`,
    });
    expect(code).not.toBe(0);
    expect(output).toMatch(/check DATABASE_URL/);
    expect(output).not.toContain('secret');
    expect(output).not.toMatch(/^\s+at /m);
  });

  it('explains a PORT that is not a number', async () => {
    const { code, output } = await startExpectingFailure({ PORT: 'eighty' });
    expect(code).not.toBe(0);
    expect(output).toContain('PORT');
    expect(output).not.toMatch(/^\s+at /m);
  });
});
