import type { Db } from '@jyxc/db';
import { verify } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PASSWORD,
  freshDatabase,
  login,
  smallCounty,
  testApp,
  testClock,
} from '../../../test/support.js';
import { LOCK_MS, MAX_FAILURES } from './service.js';

let db: Db;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  await smallCounty(db);
});
afterAll(async () => {
  await db.$disconnect();
});

describe('login', () => {
  it('gives a person with the right password an httpOnly, SameSite session cookie', async () => {
    const app = testApp(db);
    const { response, cookie } = await login(app, 'cg_officer');
    expect(response.status).toBe(200);
    const header = response.headers.get('set-cookie') ?? '';
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Lax/i);
    expect(header).not.toMatch(/Secure/i);
    const me = await app.request('/api/auth/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    const body = (await me.json()) as {
      user: { username: string; unit: { name: string }; roles: string[] };
    };
    expect(body.user).toMatchObject({
      username: 'cg_officer',
      unit: { name: '城关镇中心校' },
      roles: ['officer'],
    });
  });

  it('marks the cookie Secure behind TLS', async () => {
    const app = testApp(db);
    const response = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    expect(response.headers.get('set-cookie')).toMatch(/Secure/i);
  });

  it('stores only a hash of the session token and an argon2id password hash', async () => {
    const app = testApp(db);
    const { cookie } = await login(app, 'admin');
    const token = cookie.split('=')[1] ?? '';
    const sessions = await db.loginSession.findMany();
    expect(sessions.some((s) => s.tokenHash === token)).toBe(false);
    const admin = await db.person.findUniqueOrThrow({ where: { username: 'admin' } });
    expect(admin.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verify(admin.passwordHash ?? '', PASSWORD)).toBe(true);
  });

  it('starts a new session on every login and ends the one the browser had', async () => {
    const app = testApp(db);
    const first = await login(app, 'admin');
    const second = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: first.cookie },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    const secondCookie = second.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect(secondCookie).not.toBe(first.cookie);
    expect((await app.request('/api/auth/me', { headers: { cookie: first.cookie } })).status).toBe(
      401,
    );
    expect((await app.request('/api/auth/me', { headers: { cookie: secondCookie } })).status).toBe(
      200,
    );
  });

  it('refuses a wrong password with the same answer as an unknown user', async () => {
    const app = testApp(db);
    const wrong = await login(app, 'admin', 'nope');
    const unknown = await login(app, 'nobody', 'nope');
    expect(wrong.response.status).toBe(401);
    expect(unknown.response.status).toBe(401);
    // The same answer but for the request's own id.
    const answer = async (response: Response) => {
      const body = (await response.json()) as { error: { requestId?: string } };
      const { requestId: _id, ...error } = body.error;
      return error;
    };
    expect(await answer(wrong.response)).toEqual(await answer(unknown.response));
  });

  it('names the missing field and changes nothing when the body is incomplete', async () => {
    const app = testApp(db);
    const before = await db.loginSession.count();
    const response = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { code: string; details: { issues: { path: string }[] } };
    };
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.details.issues.map((i) => i.path)).toEqual(['password']);
    expect(await db.loginSession.count()).toBe(before);
  });

  it('locks a username after repeated failures, even for the right password, until the lock ends', async () => {
    const clock = testClock();
    const app = testApp(db, clock);
    for (let i = 0; i < MAX_FAILURES; i += 1) {
      expect((await login(app, 'cg_officer', 'wrong')).response.status).toBe(401);
    }
    const locked = await login(app, 'cg_officer');
    expect(locked.response.status).toBe(429);
    const body = (await locked.response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('AUTH.LOCKED');
    expect(body.error.message).toContain('15 分钟');

    clock.advance(LOCK_MS + 1000);
    expect((await login(app, 'cg_officer')).response.status).toBe(200);
  });

  it('ends the session at logout', async () => {
    const app = testApp(db);
    const { cookie } = await login(app, 'admin');
    // A browser's same-origin fetch carries its Origin; the CSRF guard lets it through.
    const out = await app.request('/api/auth/logout', {
      method: 'POST',
      headers: { cookie, origin: 'http://localhost' },
    });
    expect(out.status).toBe(200);
    expect((await app.request('/api/auth/me', { headers: { cookie } })).status).toBe(401);
  });

  it('refuses a cookie-carrying form post from another site (CSRF) and keeps the session', async () => {
    const app = testApp(db);
    const { cookie } = await login(app, 'admin');
    const forged = await app.request('/api/auth/logout', {
      method: 'POST',
      headers: {
        cookie,
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'x=1',
    });
    expect(forged.status).toBe(403);
    expect((await app.request('/api/auth/me', { headers: { cookie } })).status).toBe(200);
  });

  it('answers 401 in the uniform body when nobody is logged in', async () => {
    const response = await testApp(db).request('/api/auth/me');
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: {
        code: 'AUTH.REQUIRED',
        message: '请先登录',
        requestId: response.headers.get('x-request-id'),
      },
    });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('health', () => {
  it('says ok when the database answers', async () => {
    const response = await testApp(db).request('/api/health');
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});
