import type { Db } from '@jyxc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, login, smallCounty, testApp } from '../../../test/support.js';

// Sessions are reused for a few seconds without a database lookup; these changes, made
// through the API, must take effect on the very next request all the same.
let db: Db;
let county: Awaited<ReturnType<typeof smallCounty>>;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  county = await smallCounty(db);
});
afterAll(async () => {
  await db.$disconnect();
});

const json = (body: unknown) => ({
  method: 'PATCH',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('the short-lived session cache', () => {
  it('refuses a token at once after its logout', async () => {
    const app = testApp(db);
    const { cookie } = await login(app, 'cg_officer');
    expect((await app.request('/api/auth/me', { headers: { cookie } })).status).toBe(200);
    const out = await app.request('/api/auth/logout', {
      method: 'POST',
      headers: { cookie, origin: 'http://localhost' },
    });
    expect(out.status).toBe(200);
    expect((await app.request('/api/auth/me', { headers: { cookie } })).status).toBe(401);
  });

  it('shows a person their new roles on the next request after an administrator changes them', async () => {
    const app = testApp(db);
    const admin = await login(app, 'admin');
    const officer = await login(app, 'cg_officer');
    const before = (await (
      await app.request('/api/auth/me', { headers: { cookie: officer.cookie } })
    ).json()) as {
      user: { roles: string[] };
    };
    expect(before.user.roles).toEqual(['officer']);
    const changed = await app.request(`/api/people/${county.officer.id}`, {
      ...json({ roles: ['officer', 'deputy'] }),
      headers: { 'content-type': 'application/json', cookie: admin.cookie },
    });
    expect(changed.status).toBe(200);
    const after = (await (
      await app.request('/api/auth/me', { headers: { cookie: officer.cookie } })
    ).json()) as {
      user: { roles: string[] };
    };
    expect([...after.user.roles].sort()).toEqual(['deputy', 'officer']);
  });

  it('logs a person out at once when an administrator deactivates them', async () => {
    const app = testApp(db);
    const admin = await login(app, 'admin');
    const officer = await login(app, 'cg_officer');
    expect(
      (await app.request('/api/auth/me', { headers: { cookie: officer.cookie } })).status,
    ).toBe(200);
    const changed = await app.request(`/api/people/${county.officer.id}`, {
      ...json({ active: false }),
      headers: { 'content-type': 'application/json', cookie: admin.cookie },
    });
    expect(changed.status).toBe(200);
    expect(
      (await app.request('/api/auth/me', { headers: { cookie: officer.cookie } })).status,
    ).toBe(401);
  });
});
