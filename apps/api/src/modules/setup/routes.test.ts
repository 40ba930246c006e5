import type { Db } from '@jyxc/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import {
  freshDatabase,
  login,
  requestJson,
  smallCounty,
  testClock,
} from '../../../test/support.js';

const TOKEN = 'first-run-secret-0123456789';
const SETUP = {
  token: TOKEN,
  countyName: '青山县',
  bureauName: '青山县教育和体育局',
  username: 'qs_admin',
  name: '周管理',
  password: 'Qingshan-2026',
};

let db: Db;
beforeEach(async () => {
  ({ db } = await freshDatabase());
});
afterEach(async () => {
  await db.$disconnect();
});

/** An API process of an empty county; `null`: one started without a setup link. */
function setupApp(token: string | null = TOKEN) {
  return createApp({ db, now: testClock().now, setupToken: token ?? undefined });
}

interface SetupAnswer {
  countyName: string;
  bureau: { id: string; name: string };
  admin: { id: string; username: string; name: string };
}

describe('an empty database waits for its first run (DESIGN §7)', () => {
  it('answers every other route with 503 and the way to the setup page, but keeps health and the docs', async () => {
    const app = setupApp();
    for (const [method, path] of [
      ['GET', '/api/units'],
      ['GET', '/api/auth/me'],
      ['POST', '/api/auth/login'],
      ['GET', '/api/submissions'],
    ] as const) {
      const reply = await requestJson(app, '', method, path, method === 'POST' ? {} : undefined);
      expect(reply.status, path).toBe(503);
      expect(reply.body.error).toMatchObject({
        code: 'SETUP.REQUIRED',
        details: { setupPage: '/setup' },
      });
      expect(reply.body.error?.message).toContain('设置链接');
    }
    expect((await app.request('/api/health')).status).toBe(200);
    expect((await app.request('/api/openapi.json')).status).toBe(200);
    expect((await requestJson(app, '', 'GET', '/api/setup')).body).toEqual({ pending: true });
  });

  it('creates the bureau and the first administrator with the token, once, and audits it', async () => {
    const app = setupApp();
    const created = await requestJson<SetupAnswer>(app, '', 'POST', '/api/setup', SETUP);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      countyName: '青山县',
      bureau: { name: '青山县教育和体育局' },
      admin: { username: 'qs_admin', name: '周管理' },
    });
    const bureau = await db.unit.findUniqueOrThrow({ where: { id: created.body.bureau.id } });
    expect(bureau).toMatchObject({ kind: 'bureau', parentId: null, active: true });
    const roles = await db.personRole.findMany({ where: { personId: created.body.admin.id } });
    expect(roles.map((r) => [r.role, r.unitId])).toEqual([['admin', bureau.id]]);
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: 'setup.complete' } });
    expect(entry).toMatchObject({ actorId: created.body.admin.id, unitId: bureau.id });
    expect(JSON.parse(entry.after ?? '{}')).toMatchObject({ countyName: '青山县' });

    // Setup mode is over: the administrator logs in, the API answers, the setup is gone.
    const { response, cookie } = await login(app, 'qs_admin', SETUP.password);
    expect(response.status).toBe(200);
    expect((await requestJson(app, cookie, 'GET', '/api/units')).status).toBe(200);
    expect((await requestJson(app, '', 'GET', '/api/setup')).status).toBe(404);
    const again = await requestJson(app, '', 'POST', '/api/setup', { ...SETUP, username: 'x_adm' });
    expect(again.status).toBe(404);
    expect(again.body.error?.code).toBe('SETUP.DONE');

    // A process started before the setup (its own gate, the same database) sees it too.
    const other = setupApp('another-token-0123456789');
    expect((await requestJson(other, '', 'GET', '/api/units')).status).toBe(401);
    const late = await requestJson(other, '', 'POST', '/api/setup', {
      ...SETUP,
      token: 'another-token-0123456789',
      username: 'y_adm',
    });
    expect(late.status).toBe(404);
    expect(await db.person.count()).toBe(1);
  });

  it('refuses a wrong token, a missing one and a weak password, creating nothing', async () => {
    const app = setupApp();
    const wrong = await requestJson(app, '', 'POST', '/api/setup', { ...SETUP, token: 'guess' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error?.code).toBe('SETUP.BAD_TOKEN');
    const none = await requestJson(setupApp(null), '', 'POST', '/api/setup', SETUP);
    expect(none.status).toBe(403);

    const short = await requestJson(app, '', 'POST', '/api/setup', {
      ...SETUP,
      password: 'Qs-2026',
    });
    expect(short.status).toBe(422);
    expect(short.body.error).toMatchObject({
      code: 'PASSWORD.TOO_SHORT',
      details: { path: 'password' },
    });
    const same = await requestJson(app, '', 'POST', '/api/setup', {
      ...SETUP,
      username: 'qingshan_admin',
      password: 'QINGSHAN_ADMIN',
    });
    expect(same.status).toBe(422);
    expect(same.body.error?.code).toBe('PASSWORD.IS_USERNAME');
    const blank = await requestJson(app, '', 'POST', '/api/setup', { ...SETUP, countyName: ' ' });
    expect(blank.status).toBe(400);

    expect(await db.unit.count()).toBe(0);
    expect(await db.person.count()).toBe(0);
    expect(await db.installation.count()).toBe(0);
    expect(await db.auditLog.count()).toBe(0);
  });

  it('of two setups at the same moment makes exactly one administrator', async () => {
    const first = setupApp();
    const second = setupApp();
    const answers = await Promise.all([
      requestJson(first, '', 'POST', '/api/setup', SETUP),
      requestJson(second, '', 'POST', '/api/setup', { ...SETUP, username: 'qs_other' }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 404]);
    expect(await db.personRole.count({ where: { role: 'admin' } })).toBe(1);
    expect(await db.unit.count({ where: { kind: 'bureau' } })).toBe(1);
  });

  it('never starts on a county that already has an administrator', async () => {
    await smallCounty(db);
    const app = setupApp();
    expect((await requestJson(app, '', 'GET', '/api/setup')).status).toBe(404);
    expect((await requestJson(app, '', 'POST', '/api/setup', SETUP)).status).toBe(404);
    expect((await requestJson(app, '', 'GET', '/api/units')).status).toBe(401);
  });
});
