import type { Db } from '@jyxc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, login, smallCounty, testClock } from '../../../test/support.js';
import { createApp } from '../../app.js';
import { enqueue } from '../outbox/service.js';

/**
 * DESIGN §4: chat is channel-neutral. A second channel (here WeCom, 企业微信) links, acts and
 * receives its notifications through the same routes and tables as Telegram, with nothing but
 * its channel name in the requests.
 */

const TOKEN = 'bot-service-token-0123456789abcdef-0123456789';
const TG_USER = '7000001';
const TG_GROUP = '-1001234567890';
const WECOM_USER = 'LiXinXi';
const WECOM_GROUP = 'wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA';

let db: Db;
let county: Awaited<ReturnType<typeof smallCounty>>;
const clock = testClock();

function app() {
  return createApp({ db, now: clock.now, botToken: TOKEN });
}

function asBot(chatUser?: string): Record<string, string> {
  return {
    authorization: `Bearer ${TOKEN}`,
    'content-type': 'application/json',
    ...(chatUser === undefined ? {} : { 'x-chat-user': chatUser }),
  };
}

async function code(kind: 'person' | 'group', value: string) {
  await db.linkCode.create({
    data: {
      kind,
      code: value,
      ...(kind === 'person' ? { personId: county.officer.id } : { unitId: county.township.id }),
      expiresAt: new Date(clock.now().getTime() + 3600_000),
      createdById: county.admin.id,
    },
  });
  return value;
}

async function post(path: string, body: unknown, chatUser?: string) {
  return app().request(path, {
    method: 'POST',
    headers: asBot(chatUser),
    body: JSON.stringify(body),
  });
}

interface Delivery {
  key: string;
  channel: string;
  chatId: string;
}

async function take(channel?: string): Promise<Delivery[]> {
  const query = channel === undefined ? '' : `&channel=${channel}`;
  const response = await app().request(`/api/bot/outbox?limit=50${query}`, { headers: asBot() });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: Delivery[] }).items;
}

beforeAll(async () => {
  ({ db } = await freshDatabase());
  county = await smallCounty(db);
});
afterAll(async () => {
  await db.$disconnect();
});

describe('a second chat channel through the same routes', () => {
  it('links a WeCom user to the person who also keeps their Telegram account', async () => {
    const tg = await post('/api/bot/link/person', {
      code: await code('person', 'TGCODE01'),
      telegramUserId: TG_USER,
    });
    expect(tg.status).toBe(200);
    const wecom = await post('/api/bot/link/person', {
      code: await code('person', 'WECOM001'),
      channel: 'wecom',
      externalId: WECOM_USER,
      handle: '李信息',
    });
    expect(wecom.status).toBe(200);
    expect(await wecom.json()).toMatchObject({
      kind: 'person',
      channel: 'wecom',
      externalId: WECOM_USER,
      replacedExternalIds: [],
    });
    // One identity per channel: both stay.
    const identities = await db.chatIdentity.findMany({
      where: { personId: county.officer.id },
      orderBy: { channel: 'asc' },
    });
    expect(identities.map((i) => [i.channel, i.externalId])).toEqual([
      ['telegram', TG_USER],
      ['wecom', WECOM_USER],
    ]);

    const resolved = await app().request(
      `/api/bot/resolve?channel=wecom&externalId=${WECOM_USER}`,
      { headers: asBot() },
    );
    expect(((await resolved.json()) as { person: { name: string } }).person.name).toBe('李信息');
    // The same id on Telegram is nobody: an identity is the pair.
    const elsewhere = await app().request(`/api/bot/resolve?externalId=${WECOM_USER}`, {
      headers: asBot(),
    });
    expect(elsewhere.status).toBe(400);
  });

  it('acts as the linked person for X-Chat-User wecom:<id>, and as nobody for an unknown one', async () => {
    const me = await app().request('/api/auth/me', { headers: asBot(`wecom:${WECOM_USER}`) });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('cg_officer');
    const stranger = await app().request('/api/auth/me', { headers: asBot('wecom:nobody') });
    expect(stranger.status).toBe(401);
  });

  it('binds a WeCom group and takes a quick report from it as the person', async () => {
    const bound = await post('/api/bot/link/group', {
      code: await code('group', 'WECOMGRP'),
      channel: 'wecom',
      chatId: WECOM_GROUP,
      title: '城关镇企业微信群',
    });
    expect(bound.status).toBe(200);
    expect(await bound.json()).toMatchObject({ channel: 'wecom', chatId: WECOM_GROUP });
    const report = await post(
      '/api/bot/quick-reports',
      {
        channel: 'wecom',
        idempotencyKey: 'msg-1',
        chatId: WECOM_GROUP,
        externalId: WECOM_USER,
        messageDate: clock.now().toISOString(),
        text: '城关镇开展防溺水安全教育\n全镇师生参加。',
      },
      `wecom:${WECOM_USER}`,
    );
    expect(report.status).toBe(201);
    const { submission } = (await report.json()) as { submission: { id: string } };
    const row = await db.submission.findUniqueOrThrow({ where: { id: submission.id } });
    expect(row).toMatchObject({
      unitId: county.township.id,
      createdById: county.officer.id,
      idempotencyKey: `wecom:${WECOM_GROUP}:msg-1`,
    });
    // The WeCom group id is not a Telegram chat.
    const wrong = await post('/api/bot/link/group', {
      code: await code('group', 'TGGROUP1'),
      chatId: WECOM_GROUP,
      title: '群',
    });
    expect(wrong.status).toBe(400);
  });

  it('ends a WeCom link through the same route, leaving the Telegram one', async () => {
    const before = await app().request(`/api/bot/accounts/wecom/${WECOM_USER}`, {
      headers: asBot(),
    });
    expect(await before.json()).toMatchObject({ account: { channel: 'wecom' } });
    const ended = await app().request(`/api/bot/accounts/wecom/${WECOM_USER}`, {
      method: 'DELETE',
      headers: asBot(),
    });
    expect(ended.status).toBe(200);
    expect(
      (await db.chatIdentity.findMany({ where: { personId: county.officer.id } })).map(
        (i) => i.channel,
      ),
    ).toEqual(['telegram']);
  });
});

describe('notifications routed per channel', () => {
  it('hands a person’s event only to the channel they linked last, and records it on the row', async () => {
    const now = clock.now();
    // Bound after the WeCom group: the township's people use this one now.
    await db.chatGroup.create({
      data: {
        channel: 'telegram',
        chatId: TG_GROUP,
        unitId: county.township.id,
        linkedAt: new Date(now.getTime() + 1000),
      },
    });
    await enqueue(db, {
      key: 'route-1',
      audience: { kind: 'person', personId: county.officer.id },
      event: {
        kind: 'review_requested',
        facts: {
          submissionId: 's-1',
          title: '防溺水',
          unitName: '城关镇中心校',
          authorName: '李信息',
        },
      },
      urgency: 'normal',
      notBefore: now,
    });
    // Only Telegram is linked now.
    expect((await take('wecom')).map((d) => d.key)).not.toContain('route-1');

    // The person links WeCom (later than Telegram): WeCom is where they are reached now.
    clock.advance(60_000);
    expect(
      (
        await post('/api/bot/link/person', {
          code: await code('person', 'WECOM002'),
          channel: 'wecom',
          externalId: WECOM_USER,
        })
      ).status,
    ).toBe(200);
    expect((await take('telegram')).map((d) => d.key)).not.toContain('route-1');
    // A request that names no channel is Telegram's (older clients): it does not get it either.
    expect((await take()).map((d) => d.key)).not.toContain('route-1');
    const wecom = (await take('wecom')).filter((d) => d.key === 'route-1');
    expect(wecom).toMatchObject([{ channel: 'wecom', chatId: WECOM_USER }]);
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { key: 'route-1' } });
    expect(row.channel).toBe('wecom');
  });

  it('sends a unit’s group message to the channel of its active group', async () => {
    await enqueue(db, {
      key: 'group-1',
      audience: { kind: 'unitGroup', unitId: county.township.id },
      event: {
        kind: 'quota_digest',
        facts: { periodKey: '2026-H1', checkpoint: 'quota-mid', units: [] },
      },
      urgency: 'normal',
      notBefore: clock.now(),
    });
    // The township has a WeCom and a Telegram group; the Telegram one was bound last.
    expect((await take('wecom')).map((d) => d.key)).not.toContain('group-1');
    expect((await take('telegram')).filter((d) => d.key === 'group-1')).toMatchObject([
      { channel: 'telegram', chatId: TG_GROUP },
    ]);
  });
});

describe('a group the bot leaves or that becomes a supergroup (DESIGN §5)', () => {
  const OLD = '-4001';
  const NEW = '-1004001';

  async function resolveGroup(chatId: string) {
    const response = await app().request(`/api/bot/resolve?chatId=${chatId}`, { headers: asBot() });
    return ((await response.json()) as { group: { unit: { id: string } } | null }).group;
  }

  it('moves the binding to the supergroup’s new id, once, audited', async () => {
    await db.chatGroup.create({
      data: { channel: 'telegram', chatId: OLD, unitId: county.township.id, title: '城关镇群' },
    });
    const change = { chatId: OLD, change: 'migrated', toChatId: NEW };
    const first = await post('/api/bot/groups/change', change);
    expect(await first.json()).toEqual({ changed: true });
    // Telegram tells both chats (migrate_to_chat_id in the old, migrate_from_chat_id in the new).
    expect(await (await post('/api/bot/groups/change', change)).json()).toEqual({ changed: false });
    expect(await resolveGroup(OLD)).toBeNull();
    expect((await resolveGroup(NEW))?.unit.id).toBe(county.township.id);
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: 'chat.groupMigrated' } });
    expect(JSON.parse(entry.after ?? '{}')).toMatchObject({ chatId: NEW });
    expect(JSON.parse(entry.before ?? '{}')).toMatchObject({ chatId: OLD });
  });

  it('marks the binding removed with the time when the bot is kicked; the group no longer resolves', async () => {
    clock.advance(3600_000);
    const removed = await post('/api/bot/groups/change', {
      chatId: NEW,
      change: 'removed',
      status: 'kicked',
    });
    expect(await removed.json()).toEqual({ changed: true });
    const row = await db.chatGroup.findUniqueOrThrow({
      where: { channel_chatId: { channel: 'telegram', chatId: NEW } },
    });
    expect(row.removedAt?.toISOString()).toBe(clock.now().toISOString());
    expect(await resolveGroup(NEW)).toBeNull();
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: 'chat.groupRemoved' } });
    expect(entry).toMatchObject({ entityId: row.id, unitId: county.township.id, actorKind: 'bot' });
    expect(JSON.parse(entry.after ?? '{}')).toMatchObject({ status: 'kicked' });

    // Admins see it on the chat bindings page, with the time.
    const { cookie } = await login(app(), 'admin');
    const list = await app().request('/api/chat-links', { headers: { cookie } });
    const groups = ((await list.json()) as { groups: { chatId: string; removedAt: string }[] })
      .groups;
    expect(groups.find((g) => g.chatId === NEW)?.removedAt).toBe(clock.now().toISOString());
  });

  it('refuses a migration without the new id, naming the field', async () => {
    const response = await post('/api/bot/groups/change', { chatId: NEW, change: 'migrated' });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('toChatId');
  });
});
