import type { Db } from '@jyxc/db';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type ApiCaller,
  apiCaller,
  freshDatabase,
  testApp,
  testClock,
  workflowCounty,
} from '../../../test/support.js';
import { STATUS_OF_KIND } from '../../http/errors.js';
import { ServiceError } from '../../shared/errors.js';
import { LINK_CODE_ALPHABET, consumeLinkCode } from './service.js';

type County = Awaited<ReturnType<typeof workflowCounty>>;

interface CodeBody {
  id: string;
  kind: 'person' | 'group';
  code: string;
  expiresAt: string;
  command: string;
  deepLink: string | null;
  person: { id: string } | null;
  unit: { id: string } | null;
}
interface ErrorBody {
  error: { code: string };
}

let db: Db;
let county: County;
const clock = testClock();
let app: ReturnType<typeof testApp>;
let caller: ApiCaller;

function call<T>(username: string, method: string, path: string, body?: unknown) {
  return caller.call<T>(username, method, path, body);
}

async function issue(username: string, body: unknown): Promise<CodeBody> {
  const response = await call<CodeBody>(username, 'POST', '/link-codes', body);
  expect(response.status).toBe(201);
  return response.body;
}

/** The code of a failed consumption, or `ok`. */
async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof ServiceError) return `${STATUS_OF_KIND[error.kind]} ${error.code}`;
    throw error;
  }
}

beforeAll(async () => {
  ({ db } = await freshDatabase());
  county = await workflowCounty(db);
  app = testApp(db, clock);
  caller = apiCaller(app, { base: '/api' });
});
afterAll(async () => {
  await db.$disconnect();
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('issuing link codes', () => {
  it('gives a person an 8-character code of their own, valid for a day, without a link while the bot is unnamed', async () => {
    const code = await issue('cg_officer', { kind: 'person' });
    expect(code.code).toMatch(new RegExp(`^[${LINK_CODE_ALPHABET}]{8}$`));
    expect(code.person?.id).toBe(county.officer.id);
    expect(new Date(code.expiresAt).getTime() - clock.now().getTime()).toBe(24 * 3600 * 1000);
    expect(code.command).toBe(`/start ${code.code}`);
    expect(code.deepLink).toBeNull();
  });

  it('adds the Telegram deep link when the bot username is configured', async () => {
    vi.stubEnv('BOT_USERNAME', '@jyxc_bot');
    const code = await issue('cg_officer', { kind: 'person', expiresInHours: 2 });
    expect(code.deepLink).toBe(`https://t.me/jyxc_bot?start=${code.code}`);
    expect(new Date(code.expiresAt).getTime() - clock.now().getTime()).toBe(2 * 3600 * 1000);
  });

  it('draws different codes each time', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 5; i += 1) codes.add((await issue('admin', { kind: 'person' })).code);
    expect(codes.size).toBe(5);
  });

  it('lets only an administrator issue a code for someone else', async () => {
    const refused = await call<ErrorBody>('cg_officer', 'POST', '/link-codes', {
      kind: 'person',
      personId: county.cgHead.id,
    });
    expect(refused.status).toBe(403);
    const code = await issue('admin', { kind: 'person', personId: county.cgHead.id });
    expect(code.person?.id).toBe(county.cgHead.id);
  });

  it("lets a unit's head or officer issue a group code for their own unit only", async () => {
    expect((await issue('cg_officer', { kind: 'group' })).unit?.id).toBe(county.township.id);
    expect((await issue('ng_head', { kind: 'group' })).unit?.id).toBe(county.ng.id);
    expect(
      (await call('cg_officer', 'POST', '/link-codes', { kind: 'group', unitId: county.ng.id }))
        .status,
    ).toBe(403);
    expect((await call('cg_deputy', 'POST', '/link-codes', { kind: 'group' })).status).toBe(403);
    expect(
      (await call('reviewer', 'POST', '/link-codes', { kind: 'group', unitId: county.ng.id }))
        .status,
    ).toBe(403);
    const admin = await issue('admin', { kind: 'group', unitId: county.ng.id });
    expect(admin.command).toBe(`/bindgroup ${admin.code}`);
  });

  it('refuses bad input with 400 and unknown targets with 422', async () => {
    expect((await call('admin', 'POST', '/link-codes', { kind: 'robot' })).status).toBe(400);
    expect(
      (await call('admin', 'POST', '/link-codes', { kind: 'person', expiresInHours: 0 })).status,
    ).toBe(400);
    expect(
      (await call('admin', 'POST', '/link-codes', { kind: 'person', expiresInHours: 1000 })).status,
    ).toBe(400);
    expect(
      (await call('admin', 'POST', '/link-codes', { kind: 'person', personId: 'nobody' })).status,
    ).toBe(422);
  });
});

describe('using a link code', () => {
  it('links a Telegram account once; a second use is refused', async () => {
    const code = await issue('school_officer', { kind: 'person' });
    const linked = await consumeLinkCode(db, {
      code: code.code.toLowerCase(),
      kind: 'person',
      user: { channel: 'telegram', externalId: '700000001' },
      handle: 'sun_teacher',
      now: clock.now(),
    });
    expect(linked).toMatchObject({
      kind: 'person',
      person: { id: county.schoolOfficer.id },
      channel: 'telegram',
      externalId: '700000001',
    });
    const account = await db.chatIdentity.findUniqueOrThrow({
      where: { channel_externalId: { channel: 'telegram', externalId: '700000001' } },
    });
    expect(account.personId).toBe(county.schoolOfficer.id);
    const entry = await db.auditLog.findFirstOrThrow({
      where: { action: 'chat.linkPerson', entityId: account.id },
    });
    expect(entry.actorKind).toBe('bot');

    const again = consumeLinkCode(db, {
      code: code.code,
      kind: 'person',
      user: { channel: 'telegram', externalId: '700000002' },
      now: clock.now(),
    });
    expect(await outcome(again)).toBe('422 LINK_CODE.USED');
    expect(await db.chatIdentity.count({ where: { externalId: '700000002' } })).toBe(0);
  });

  it('links exactly once when two messages race for the same code', async () => {
    const code = await issue('cg_head', { kind: 'person' });
    const results = await Promise.all(
      ['800000001', '800000002'].map((externalId) =>
        outcome(
          consumeLinkCode(db, {
            code: code.code,
            kind: 'person',
            user: { channel: 'telegram', externalId },
            now: clock.now(),
          }),
        ),
      ),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(await db.chatIdentity.count({ where: { personId: county.cgHead.id } })).toBe(1);
  });

  it('refuses an expired code', async () => {
    const code = await issue('ng_officer', { kind: 'person' });
    clock.advance(24 * 3600 * 1000 + 1);
    const late = consumeLinkCode(db, {
      code: code.code,
      kind: 'person',
      user: { channel: 'telegram', externalId: '700000003' },
      now: clock.now(),
    });
    expect(await outcome(late)).toBe('422 LINK_CODE.EXPIRED');
  });

  it('refuses an unknown code, and a code of the other kind without using it up', async () => {
    expect(
      await outcome(
        consumeLinkCode(db, {
          code: 'ZZZZZZZZ',
          kind: 'person',
          user: { channel: 'telegram', externalId: '1' },
          now: clock.now(),
        }),
      ),
    ).toBe('404 LINK_CODE.UNKNOWN');
    const group = await issue('ng_head', { kind: 'group' });
    expect(
      await outcome(
        consumeLinkCode(db, {
          code: group.code,
          kind: 'person',
          user: { channel: 'telegram', externalId: '2' },
          now: clock.now(),
        }),
      ),
    ).toBe('422 LINK_CODE.WRONG_KIND');
    const linked = await consumeLinkCode(db, {
      code: group.code,
      kind: 'group',
      chat: { channel: 'telegram', chatId: '-100123' },
      title: '南关镇工作群',
      now: clock.now(),
    });
    expect(linked).toMatchObject({ kind: 'group', unit: { id: county.ng.id }, chatId: '-100123' });
    const row = await db.chatGroup.findUniqueOrThrow({
      where: { channel_chatId: { channel: 'telegram', chatId: '-100123' } },
    });
    expect(row.unitId).toBe(county.ng.id);
  });

  it('moves a Telegram account that re-links to another person', async () => {
    const first = await issue('admin', { kind: 'person', personId: county.ngOfficer.id });
    await consumeLinkCode(db, {
      code: first.code,
      kind: 'person',
      user: { channel: 'telegram', externalId: '900000001' },
      now: clock.now(),
    });
    const second = await issue('admin', { kind: 'person', personId: county.ngHead.id });
    await consumeLinkCode(db, {
      code: second.code,
      kind: 'person',
      user: { channel: 'telegram', externalId: '900000001' },
      now: clock.now(),
    });
    const account = await db.chatIdentity.findUniqueOrThrow({
      where: { channel_externalId: { channel: 'telegram', externalId: '900000001' } },
    });
    expect(account.personId).toBe(county.ngHead.id);
    expect(await db.chatIdentity.count({ where: { personId: county.ngOfficer.id } })).toBe(0);
  });
});

describe('a person who left', () => {
  it('cannot be linked with a code issued before they left', async () => {
    const code = await issue('admin', { kind: 'person', personId: county.otherSchoolOfficer.id });
    await call('admin', 'PATCH', `/people/${county.otherSchoolOfficer.id}`, { active: false });
    const use = consumeLinkCode(db, {
      code: code.code,
      kind: 'person',
      user: { channel: 'telegram', externalId: '700000011' },
      now: clock.now(),
    });
    expect(await outcome(use)).toBe('422 LINK_CODE.PERSON_INACTIVE');
    expect(await db.chatIdentity.count({ where: { externalId: '700000011' } })).toBe(0);
    expect((await db.linkCode.findUniqueOrThrow({ where: { id: code.id } })).usedAt).toBeNull();
  });
});

describe('my link codes', () => {
  it('lists my usable codes and revokes one before use', async () => {
    const code = await issue('cg_deputy', { kind: 'person' });
    const mine = await call<{ items: CodeBody[] }>('cg_deputy', 'GET', '/link-codes');
    expect(mine.body.items.map((c) => c.id)).toEqual([code.id]);
    expect((await call<ErrorBody>('cg_officer', 'DELETE', `/link-codes/${code.id}`)).status).toBe(
      403,
    );
    expect((await call('cg_deputy', 'DELETE', `/link-codes/${code.id}`)).status).toBe(200);
    expect(
      (await call<{ items: CodeBody[] }>('cg_deputy', 'GET', '/link-codes')).body.items,
    ).toEqual([]);
    const use = consumeLinkCode(db, {
      code: code.code,
      kind: 'person',
      user: { channel: 'telegram', externalId: '700000009' },
      now: clock.now(),
    });
    expect(await outcome(use)).toBe('422 LINK_CODE.EXPIRED');
    expect((await call('cg_deputy', 'DELETE', '/link-codes/missing')).status).toBe(404);
  });

  it('cannot revoke a code already used', async () => {
    const code = await issue('direct_officer', { kind: 'person' });
    await consumeLinkCode(db, {
      code: code.code,
      kind: 'person',
      user: { channel: 'telegram', externalId: '700000010' },
      now: clock.now(),
    });
    const response = await call<ErrorBody>('direct_officer', 'DELETE', `/link-codes/${code.id}`);
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('LINK_CODE.USED');
  });
});
