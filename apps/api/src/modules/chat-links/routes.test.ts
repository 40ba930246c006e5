import type { Db } from '@jyxc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiCaller,
  freshDatabase,
  testApp,
  testClock,
  workflowCounty,
  type ApiCaller,
} from '../../../test/support.js';

let db: Db;
let county: Awaited<ReturnType<typeof workflowCounty>>;
let caller: ApiCaller;
let accountId = '';
let groupId = '';

interface Bindings {
  accounts: {
    id: string;
    channel: string;
    externalId: string;
    handle: string | null;
    person: { name: string };
    unit: { name: string };
    linkedAt: string;
    lastSeenAt: string | null;
  }[];
  groups: {
    id: string;
    channel: string;
    chatId: string;
    title: string | null;
    unit: { name: string };
    linkedBy: { name: string } | null;
    linkedAt: string;
    lastSeenAt: string | null;
  }[];
}

beforeAll(async () => {
  ({ db } = await freshDatabase());
  county = await workflowCounty(db);
  caller = apiCaller(testApp(db, testClock()), { base: '/api' });
  accountId = (
    await db.chatIdentity.create({
      data: {
        channel: 'telegram',
        externalId: '700100',
        personId: county.officer.id,
        handle: 'li_xinxi',
        linkedAt: new Date('2026-04-01T02:00:00Z'),
      },
    })
  ).id;
  await db.chatIdentity.create({
    data: {
      channel: 'telegram',
      externalId: '700200',
      personId: county.cgHead.id,
      linkedAt: new Date('2026-04-02T02:00:00Z'),
    },
  });
  groupId = (
    await db.chatGroup.create({
      data: {
        channel: 'telegram',
        chatId: '-100500',
        unitId: county.township.id,
        title: '城关镇中心校工作群',
        linkedById: county.officer.id,
        linkedAt: new Date('2026-04-01T03:00:00Z'),
      },
    })
  ).id;
  // The officer last acted through the bot on 5 May; the group's last quick report is of 6 May.
  await db.auditLog.create({
    data: {
      at: new Date('2026-05-05T01:00:00Z'),
      actorId: county.officer.id,
      actorKind: 'bot',
      action: 'submission.create',
      entity: 'Submission',
    },
  });
  await db.submission.create({
    data: {
      unitId: county.township.id,
      category: 'news',
      title: '快报',
      body: '正文',
      eventAt: new Date('2026-05-06T01:00:00Z'),
      createdAt: new Date('2026-05-06T01:05:00Z'),
      source: 'chat',
      sourceChatId: '-100500',
      createdById: county.officer.id,
    },
  });
});
afterAll(async () => {
  await db.$disconnect();
});

describe('chat bindings, visible to administrators', () => {
  it('lists linked accounts and bound groups with channel, unit, who, since when and last seen', async () => {
    const { status, body } = await caller.call<Bindings>('admin', 'GET', '/chat-links');
    expect(status).toBe(200);
    expect(body.accounts.map((a) => [a.person.name, a.unit.name, a.lastSeenAt])).toEqual([
      ['钱校长', '城关镇中心校', null],
      ['李信息', '城关镇中心校', '2026-05-05T01:00:00.000Z'],
    ]);
    expect(body.accounts[1]).toMatchObject({
      channel: 'telegram',
      externalId: '700100',
      handle: 'li_xinxi',
      linkedAt: '2026-04-01T02:00:00.000Z',
    });
    expect(body.groups).toEqual([
      {
        id: groupId,
        channel: 'telegram',
        chatId: '-100500',
        title: '城关镇中心校工作群',
        unit: { id: county.township.id, name: '城关镇中心校' },
        linkedBy: { id: county.officer.id, name: '李信息' },
        linkedAt: '2026-04-01T03:00:00.000Z',
        lastSeenAt: '2026-05-06T01:05:00.000Z',
        removedAt: null,
      },
    ]);
  });

  it('is for administrators only, reading and removing', async () => {
    for (const username of ['reviewer', 'cg_head', 'cg_officer']) {
      expect((await caller.call(username, 'GET', '/chat-links')).status).toBe(403);
      expect(
        (await caller.call(username, 'DELETE', `/chat-links/accounts/${accountId}`)).status,
      ).toBe(403);
      expect((await caller.call(username, 'DELETE', `/chat-links/groups/${groupId}`)).status).toBe(
        403,
      );
    }
    expect(await db.chatIdentity.count()).toBe(2);
    expect(await db.chatGroup.count()).toBe(1);
  });

  it('unlinks an account and unbinds a group, audited, and says so when it is already gone', async () => {
    expect((await caller.call('admin', 'DELETE', `/chat-links/accounts/${accountId}`)).status).toBe(
      200,
    );
    expect((await caller.call('admin', 'DELETE', `/chat-links/groups/${groupId}`)).status).toBe(
      200,
    );
    expect(await db.chatIdentity.findUnique({ where: { id: accountId } })).toBeNull();
    expect(await db.chatGroup.count()).toBe(0);

    const unlinked = await db.auditLog.findFirstOrThrow({
      where: { action: 'chat.unlinkAccount' },
    });
    expect(unlinked).toMatchObject({ actorId: county.admin.id, entityId: accountId });
    expect(JSON.parse(unlinked.before ?? '{}')).toMatchObject({
      externalId: '700100',
      person: { name: '李信息' },
    });
    const unbound = await db.auditLog.findFirstOrThrow({ where: { action: 'chat.unbindGroup' } });
    expect(unbound).toMatchObject({ entityId: groupId, unitId: county.township.id });

    const again = await caller.call('admin', 'DELETE', `/chat-links/accounts/${accountId}`);
    expect(again.status).toBe(404);
    expect(again.body.error?.code).toBe('CHAT.BINDING_NOT_FOUND');
  });
});
