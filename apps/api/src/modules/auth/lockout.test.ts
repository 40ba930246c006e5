import type { Db } from '@jyxc/db';
import { DEMO_LOGINS, DEMO_PASSWORD } from '@jyxc/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import {
  PASSWORD,
  freshDatabase,
  login,
  requestJson,
  smallCounty,
  testClock,
} from '../../../test/support.js';
import {
  CLIENT_MAX_FAILURES,
  LOCK_MS,
  MAX_FAILURES,
  MIN_PASSWORD_LENGTH,
  passwordProblem,
} from './service.js';

let db: Db;
let bureauId: string;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  ({
    bureau: { id: bureauId },
  } = await smallCounty(db));
});
afterAll(async () => {
  await db.$disconnect();
});

const PROXY = '10.0.0.1';

/** The app behind a reverse proxy at {@link PROXY}. */
function proxiedApp(clock = testClock()) {
  return createApp({ db, now: clock.now, trustedProxies: [PROXY] });
}

type App = ReturnType<typeof proxiedApp>;

/** A login as it reaches the API through a socket from `peer`, naming `forwardedFor`. */
async function loginFrom(
  app: App,
  peer: string,
  username: string,
  password: string,
  forwardedFor?: string,
): Promise<Response> {
  return app.request(
    '/api/auth/login',
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }),
      },
      body: JSON.stringify({ username, password }),
    },
    { incoming: { socket: { remoteAddress: peer } } },
  );
}

async function addPerson(username: string): Promise<void> {
  const hash = await db.person.findUniqueOrThrow({
    where: { username: 'admin' },
    select: { passwordHash: true },
  });
  await db.person.create({
    data: {
      name: username,
      username,
      passwordHash: hash.passwordHash,
      unitId: bureauId,
      roles: { create: [{ role: 'reviewer', unitId: bureauId }] },
    },
  });
}

describe('the login lock', () => {
  it('checks at most five of thirty parallel wrong passwords, then refuses the right one', async () => {
    await addPerson('race_target');
    const app = proxiedApp();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        loginFrom(app, '192.0.2.10', 'race_target', `wrong-password-${index}`),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(MAX_FAILURES);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(
      30 - MAX_FAILURES,
    );
    const right = await loginFrom(app, '192.0.2.10', 'race_target', PASSWORD);
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('locks a username for the address that failed, not for the person elsewhere', async () => {
    await addPerson('lock_victim');
    const clock = testClock();
    const app = proxiedApp(clock);
    for (let i = 0; i < MAX_FAILURES; i += 1)
      expect((await loginFrom(app, '192.0.2.20', 'lock_victim', 'not-the-password')).status).toBe(
        401,
      );
    expect((await loginFrom(app, '192.0.2.20', 'lock_victim', PASSWORD)).status).toBe(429);
    // The person signs in from their own address meanwhile.
    expect((await loginFrom(app, '192.0.2.99', 'lock_victim', PASSWORD)).status).toBe(200);
    clock.advance(LOCK_MS + 1000);
    expect((await loginFrom(app, '192.0.2.20', 'lock_victim', PASSWORD)).status).toBe(200);
  });

  it('believes X-Forwarded-For only from the configured proxy', async () => {
    await addPerson('spoof_target');
    const app = proxiedApp();
    for (let i = 0; i < MAX_FAILURES; i += 1)
      await loginFrom(app, '192.0.2.30', 'spoof_target', 'not-the-password', `198.51.100.${i}`);
    // A direct client naming other addresses is still counted as itself.
    expect(
      (await loginFrom(app, '192.0.2.30', 'spoof_target', PASSWORD, '198.51.100.200')).status,
    ).toBe(429);
    // Behind the proxy, the client is the address the proxy names (its right-most entry).
    for (let i = 0; i < MAX_FAILURES; i += 1)
      await loginFrom(app, PROXY, 'spoof_target', 'not-the-password', '1.1.1.1, 203.0.113.5');
    expect((await loginFrom(app, PROXY, 'spoof_target', PASSWORD, '203.0.113.5')).status).toBe(429);
    expect((await loginFrom(app, PROXY, 'spoof_target', PASSWORD, '203.0.113.6')).status).toBe(200);
  });

  it('slows one address spraying guesses across many usernames', async () => {
    const app = proxiedApp();
    for (let i = 0; i < CLIENT_MAX_FAILURES; i += 1)
      expect((await loginFrom(app, '192.0.2.40', `nobody_${i}`, 'Summer-2026!')).status).toBe(401);
    const next = await loginFrom(app, '192.0.2.40', 'admin', PASSWORD);
    expect(next.status).toBe(429);
    expect(((await next.json()) as { error: { code: string } }).error.code).toBe(
      'AUTH.CLIENT_LIMITED',
    );
    expect((await loginFrom(app, '192.0.2.41', 'admin', PASSWORD)).status).toBe(200);
  });

  it('throttles the current-password check of a password change', async () => {
    await addPerson('changer');
    const app = proxiedApp();
    const { cookie } = await login(app, 'changer');
    for (let i = 0; i < MAX_FAILURES; i += 1) {
      const wrong = await requestJson(app, cookie, 'POST', '/api/people/me/password', {
        currentPassword: `guess-number-${i}`,
        newPassword: 'Brand-new-secret-7',
      });
      expect(wrong.status).toBe(422);
    }
    const right = await requestJson<{ error: { code: string } }>(
      app,
      cookie,
      'POST',
      '/api/people/me/password',
      { currentPassword: PASSWORD, newPassword: 'Brand-new-secret-7' },
    );
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe('AUTH.LOCKED');
  });
});

describe('the password policy', () => {
  it('refuses short passwords, the username and the most common passwords, in any case', () => {
    expect(passwordProblem('Short-1', 'someone')?.code).toBe('PASSWORD.TOO_SHORT');
    expect(passwordProblem('x'.repeat(MIN_PASSWORD_LENGTH), 'someone')).toBeNull();
    expect(passwordProblem('Zhang_San_2026', 'zhang_san_2026')?.code).toBe('PASSWORD.IS_USERNAME');
    expect(passwordProblem('1234567890', 'someone')?.code).toBe('PASSWORD.COMMON');
    expect(passwordProblem('QwertyUIOP', 'someone')?.code).toBe('PASSWORD.COMMON');
    expect(passwordProblem(PASSWORD, 'admin')).toBeNull();
  });

  it('is met by every demo account', () => {
    for (const account of DEMO_LOGINS)
      expect(passwordProblem(DEMO_PASSWORD, account.username)).toBeNull();
  });

  it('applies when an administrator creates a person, resets or a person changes a password', async () => {
    const app = proxiedApp();
    const { cookie } = await login(app, 'admin');
    const created = await requestJson<{ error: { code: string; details: { path: string } } }>(
      app,
      cookie,
      'POST',
      '/api/people',
      {
        name: '赵常见',
        unitId: bureauId,
        username: 'zhao_common',
        password: 'qwertyuiop',
        roles: ['reviewer'],
      },
    );
    expect(created.status).toBe(422);
    expect(created.body.error).toMatchObject({
      code: 'PASSWORD.COMMON',
      details: { path: 'password' },
    });
    expect(await db.person.count({ where: { username: 'zhao_common' } })).toBe(0);

    const officer = await db.person.findUniqueOrThrow({ where: { username: 'cg_officer' } });
    const reset = await requestJson<{ error: { code: string } }>(
      app,
      cookie,
      'POST',
      `/api/people/${officer.id}/reset-password`,
      { password: 'CG_OFFICER' },
    );
    expect(reset.status).toBe(422);
    expect(reset.body.error.code).toBe('PASSWORD.IS_USERNAME');

    const change = await requestJson<{ error: { code: string } }>(
      app,
      cookie,
      'POST',
      '/api/people/me/password',
      { currentPassword: PASSWORD, newPassword: 'Basketball' },
    );
    expect(change.status).toBe(422);
    expect(change.body.error.code).toBe('PASSWORD.COMMON');
  });
});
