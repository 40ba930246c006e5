import { createDb, type Db, type ExecutedQuery } from '@jyxc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, login, PASSWORD, smallCounty, testApp } from '../../../test/support.js';
import { hashPassword, hashToken } from './service.js';

// Sessions are reused for a few seconds without a database lookup; these changes, made
// through the API, must take effect on the very next request all the same.
let db: Db;
let county: Awaited<ReturnType<typeof smallCounty>>;
/** A second client on the same database that records the statements it sends. */
let counted: Db;
let sent: ExecutedQuery[] = [];

beforeAll(async () => {
  let url: string;
  ({ db, url } = await freshDatabase());
  county = await smallCounty(db);
  // Another officer of the township, whom the tests below never deactivate.
  await db.person.create({
    data: {
      name: '赵宣传',
      username: 'cg_writer',
      passwordHash: await hashPassword(PASSWORD),
      unitId: county.township.id,
      roles: { create: [{ role: 'officer', unitId: county.township.id }] },
    },
  });
  counted = createDb(url, { onQuery: (query) => sent.push(query) });
});
afterAll(async () => {
  await Promise.all([db.$disconnect(), counted.$disconnect()]);
});

/**
 * How many times the statements `requests` send ask for the session of `cookie` (Prisma
 * merges lookups made in the same tick into one statement, each keeping its parameter).
 */
async function sessionLookups(cookie: string, requests: () => unknown): Promise<number> {
  const tokenHash = hashToken(cookie.slice(cookie.indexOf('=') + 1));
  sent = [];
  await requests();
  return sent.flatMap((query) => query.params).filter((param) => param === tokenHash).length;
}

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

describe('session lookups of a busy console', () => {
  const me = async (app: ReturnType<typeof testApp>, cookie: string) =>
    app.request('/api/auth/me', { headers: { cookie } });

  it('reads a session once for a burst of requests that bear it', async () => {
    const app = testApp(counted);
    const one = await login(app, 'cg_writer');
    expect(await sessionLookups(one.cookie, () => me(app, one.cookie))).toBe(1);

    const burst = await login(app, 'cg_writer');
    let statuses: number[] = [];
    const lookups = await sessionLookups(burst.cookie, async () => {
      const answers = await Promise.all(Array.from({ length: 40 }, () => me(app, burst.cookie)));
      statuses = answers.map((answer) => answer.status);
    });
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(lookups).toBe(1);
  });

  it('refuses a token logged out during a burst, on the next request', async () => {
    const app = testApp(counted);
    const { cookie } = await login(app, 'cg_writer');
    const out = app.request('/api/auth/logout', {
      method: 'POST',
      headers: { cookie, origin: 'http://localhost' },
    });
    await Promise.all([...Array.from({ length: 20 }, () => me(app, cookie)), out]);
    expect((await out).status).toBe(200);
    expect((await me(app, cookie)).status).toBe(401);
  });

  it('keeps the sessions when a unit’s staff count changes, and shows a renamed unit at once', async () => {
    const app = testApp(counted);
    const admin = await login(app, 'admin');
    const officer = await login(app, 'cg_writer');
    expect((await me(app, officer.cookie)).status).toBe(200);

    const patch = (body: unknown) =>
      app.request(`/api/units/${county.township.id}`, {
        ...json(body),
        headers: { 'content-type': 'application/json', cookie: admin.cookie },
      });
    expect((await patch({ staffCount: 121 })).status).toBe(200);
    expect(await sessionLookups(officer.cookie, () => me(app, officer.cookie))).toBe(0);

    expect((await patch({ name: '城关镇中心学校' })).status).toBe(200);
    const after = (await (await me(app, officer.cookie)).json()) as {
      user: { unit: { name: string } };
    };
    expect(after.user.unit.name).toBe('城关镇中心学校');
  });
});
