import type { Db } from '@jyxc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, login, smallCounty, testClock } from '../../../test/support.js';
import { createApp } from '../../app.js';
import { enqueue, NO_CHAT_LINK, UNDELIVERABLE } from '../outbox/service.js';

const TOKEN = 'bot-service-token-0123456789abcdef-0123456789';
const OFFICER_TG = '7000001';
const STRANGER_TG = '7999999';
const GROUP_CHAT = '-1001234567890';

let db: Db;
let county: Awaited<ReturnType<typeof botCounty>>;

/** The small county, a second township, and the officer's Telegram account and group linked. */
async function botCounty(database: Db) {
  const base = await smallCounty(database);
  const other = await database.unit.create({
    data: { code: 't-ng', name: '南关镇中心校', kind: 'township_center', parentId: base.bureau.id },
  });
  const otherOfficer = await database.person.create({
    data: {
      name: '郑信息',
      username: 'ng_officer',
      unitId: other.id,
      roles: { create: [{ role: 'officer', unitId: other.id }] },
    },
  });
  await database.chatIdentity.create({
    data: { channel: 'telegram', externalId: OFFICER_TG, personId: base.officer.id },
  });
  await database.chatGroup.create({
    data: {
      channel: 'telegram',
      chatId: GROUP_CHAT,
      unitId: base.township.id,
      title: '城关镇信息工作群',
    },
  });
  return { ...base, other, otherOfficer };
}

function botApp(clock = testClock()) {
  return createApp({ db, now: clock.now, botToken: TOKEN });
}

function asBot(telegramUserId?: string, token = TOKEN): Record<string, string> {
  return {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
    ...(telegramUserId === undefined ? {} : { 'x-telegram-user': telegramUserId }),
  };
}

interface ErrorJson {
  error: { code: string; message: string };
}

beforeAll(async () => {
  ({ db } = await freshDatabase());
  county = await botCounty(db);
});
afterAll(async () => {
  await db.$disconnect();
});

describe('the bot service token', () => {
  it('acts as the linked person with exactly their permissions: their own unit, not another', async () => {
    const app = botApp();
    const me = await app.request('/api/auth/me', { headers: asBot(OFFICER_TG) });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('cg_officer');

    const own = await app.request(`/api/units/${county.township.id}`, {
      headers: asBot(OFFICER_TG),
    });
    expect(own.status).toBe(200);
    const foreign = await app.request(`/api/units/${county.other.id}`, {
      headers: asBot(OFFICER_TG),
    });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as ErrorJson).error.code).toBe('FORBIDDEN.UNIT');
  });

  it('does not lend the bot a console session that travels with the request', async () => {
    const app = botApp();
    const { cookie } = await login(app, 'admin');
    const response = await app.request(`/api/units/${county.other.id}`, {
      headers: { ...asBot(OFFICER_TG), cookie },
    });
    expect(response.status).toBe(403);
  });

  it('refuses a wrong token with 401', async () => {
    const response = await botApp().request('/api/units', {
      headers: asBot(OFFICER_TG, `${TOKEN}x`),
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as ErrorJson).error.code).toBe('BOT.TOKEN_INVALID');
  });

  it('accepts no bearer token at all when none is configured', async () => {
    const app = createApp({ db, now: testClock().now });
    const response = await app.request('/api/units', { headers: asBot(OFFICER_TG) });
    expect(response.status).toBe(401);
    expect(((await response.json()) as ErrorJson).error.code).toBe('BOT.TOKEN_INVALID');
  });

  it('acts as nobody for an unlinked Telegram user and tells them how to link', async () => {
    for (const headers of [asBot(STRANGER_TG), asBot()]) {
      const response = await botApp().request('/api/units', { headers });
      expect(response.status).toBe(401);
      const body = (await response.json()) as ErrorJson;
      expect(body.error.code).toBe('BOT.UNLINKED_USER');
      expect(body.error.message).toContain('/start');
    }
  });

  it('refuses a malformed Telegram user id with 400', async () => {
    const response = await botApp().request('/api/units', { headers: asBot('12; drop') });
    expect(response.status).toBe(400);
  });

  it('names the chat user with its channel in X-Chat-User (DESIGN §4)', async () => {
    const chatUser = (value: string) => ({ ...asBot(), 'x-chat-user': value });
    const me = await botApp().request('/api/auth/me', {
      headers: chatUser(`telegram:${OFFICER_TG}`),
    });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('cg_officer');

    // The same id in another channel is another person: nobody is linked there.
    const elsewhere = await botApp().request('/api/units', {
      headers: chatUser(`wecom:${OFFICER_TG}`),
    });
    expect(elsewhere.status).toBe(401);
    expect(((await elsewhere.json()) as ErrorJson).error.code).toBe('BOT.UNLINKED_USER');

    for (const bad of [OFFICER_TG, 'Telegram:1', `telegram:`, 'telegram:12; drop', ':1']) {
      const refused = await botApp().request('/api/units', { headers: chatUser(bad) });
      expect(refused.status, bad).toBe(400);
      expect(((await refused.json()) as ErrorJson).error.message, bad).toContain('X-Chat-User');
    }
  });

  it('is the only way into /bot: a console session gets 401', async () => {
    const app = botApp();
    const { cookie } = await login(app, 'admin');
    const response = await app.request('/api/bot/outbox', { headers: { cookie } });
    expect(response.status).toBe(401);
    expect(((await response.json()) as ErrorJson).error.code).toBe('BOT.TOKEN_REQUIRED');
  });
});

describe('resolve and link', () => {
  it('resolves a linked user to the person with unit and roles, and a group to its unit', async () => {
    const response = await botApp().request(
      `/api/bot/resolve?telegramUserId=${OFFICER_TG}&chatId=${GROUP_CHAT}`,
      {
        headers: asBot(),
      },
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      person: {
        id: county.officer.id,
        name: '李信息',
        unit: { id: county.township.id, name: '城关镇中心校', kind: 'township_center' },
        roles: ['officer'],
      },
      group: {
        channel: 'telegram',
        chatId: GROUP_CHAT,
        title: '城关镇信息工作群',
        unit: { id: county.township.id, name: '城关镇中心校', kind: 'township_center' },
      },
    });
  });

  it('answers nulls for strangers and 400 without anything to resolve', async () => {
    const app = botApp();
    const unknown = await app.request(
      `/api/bot/resolve?telegramUserId=${STRANGER_TG}&chatId=-100999`,
      { headers: asBot() },
    );
    expect(await unknown.json()).toEqual({ person: null, group: null });
    expect((await app.request('/api/bot/resolve', { headers: asBot() })).status).toBe(400);
  });

  it('links a Telegram account with a one-time code, once', async () => {
    const clock = testClock();
    await db.linkCode.create({
      data: {
        kind: 'person',
        code: 'NGOFFICER1',
        personId: county.otherOfficer.id,
        expiresAt: new Date(clock.now().getTime() + 3600_000),
        createdById: county.admin.id,
      },
    });
    const app = botApp(clock);
    const link = () =>
      app.request('/api/bot/link/person', {
        method: 'POST',
        headers: asBot(),
        body: JSON.stringify({
          code: 'ngofficer1',
          telegramUserId: '7000002',
          telegramUsername: 'zheng',
        }),
      });
    const first = await link();
    expect(first.status).toBe(200);
    const resolved = await app.request('/api/bot/resolve?telegramUserId=7000002', {
      headers: asBot(),
    });
    expect(((await resolved.json()) as { person: { name: string } }).person.name).toBe('郑信息');
    const again = await link();
    expect(again.status).toBe(422);
    expect(((await again.json()) as ErrorJson).error.code).toBe('LINK_CODE.USED');
  });

  it('refuses a link request without a code', async () => {
    const response = await botApp().request('/api/bot/link/group', {
      method: 'POST',
      headers: asBot(),
      body: JSON.stringify({ chatId: '-100777', title: '群' }),
    });
    expect(response.status).toBe(400);
  });
});

describe('redelivered Telegram updates', () => {
  it('claims an update once; a redelivery learns it is one and gets the stored result', async () => {
    const app = botApp();
    const claim = async () =>
      (await (
        await app.request('/api/bot/updates/90001/claim', { method: 'POST', headers: asBot() })
      ).json()) as {
        firstTime: boolean;
        result: unknown;
      };
    expect((await claim()).firstTime).toBe(true);
    const stored = await app.request('/api/bot/updates/90001/result', {
      method: 'POST',
      headers: asBot(),
      body: JSON.stringify({ result: { draftId: 'd1' } }),
    });
    expect(stored.status).toBe(200);
    expect(await claim()).toMatchObject({ firstTime: false, result: { draftId: 'd1' } });
  });

  it('lets exactly one of two concurrent claims be the first', async () => {
    const app = botApp();
    // `app.request` is typed `Response | Promise<Response>`; an async callback makes each claim
    // a promise, so Promise.all waits on three requests in flight together.
    const responses = await Promise.all(
      [1, 2, 3].map(async () =>
        app.request('/api/bot/updates/90002/claim', { method: 'POST', headers: asBot() }),
      ),
    );
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as { firstTime: boolean }[];
    expect(bodies.filter((b) => b.firstTime)).toHaveLength(1);
    expect(await db.processedUpdate.count({ where: { key: { contains: '90002' } } })).toBe(1);
  });

  it('takes the bot’s body-less POST without a content type (no form-post CSRF check for bearer requests)', async () => {
    const app = botApp();
    const response = await app.request('/api/bot/updates/90004/claim', {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(response.status).toBe(200);
    const formPost = await app.request('/api/auth/logout', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
      },
    });
    expect(formPost.status).toBe(403);
  });

  it('refuses to store a result for an update never claimed', async () => {
    const response = await botApp().request('/api/bot/updates/90003/result', {
      method: 'POST',
      headers: asBot(),
      body: JSON.stringify({ result: 1 }),
    });
    expect(response.status).toBe(404);
  });
});

describe('bot sessions', () => {
  it('stores, reads, replaces and deletes a session value', async () => {
    const app = botApp();
    const path = '/api/bot/sessions/-1001234567890:7000001';
    expect((await app.request(path, { headers: asBot() })).status).toBe(404);
    const put = (value: unknown) =>
      app.request(path, { method: 'PUT', headers: asBot(), body: JSON.stringify({ value }) });
    expect((await put({ step: 'title' })).status).toBe(200);
    expect((await put({ step: 'photos', draftId: 'x' })).status).toBe(200);
    expect(await (await app.request(path, { headers: asBot() })).json()).toEqual({
      key: '-1001234567890:7000001',
      value: { step: 'photos', draftId: 'x' },
    });
    expect((await app.request(path, { method: 'DELETE', headers: asBot() })).status).toBe(200);
    expect((await app.request(path, { headers: asBot() })).status).toBe(404);
  });

  it('refuses a session without a value and an oversized one, changing nothing', async () => {
    const app = botApp();
    const path = '/api/bot/sessions/size-test';
    expect((await app.request(path, { method: 'PUT', headers: asBot(), body: '{}' })).status).toBe(
      400,
    );
    const big = await app.request(path, {
      method: 'PUT',
      headers: asBot(),
      body: JSON.stringify({ value: 'x'.repeat(70 * 1024) }),
    });
    expect(big.status).toBe(413);
    expect(await db.botSession.count({ where: { key: 'size-test' } })).toBe(0);
  });
});

describe('the notification outbox', () => {
  interface Delivery {
    id: string;
    key: string;
    chatId: string;
    event: { kind: string; facts: Record<string, unknown> } | null;
    locale: string;
    submissionId: string | null;
  }
  async function take(app: ReturnType<typeof botApp>, limit = 50): Promise<Delivery[]> {
    const response = await app.request(`/api/bot/outbox?limit=${limit}`, { headers: asBot() });
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: Delivery[] }).items;
  }
  const post = (app: ReturnType<typeof botApp>, path: string, body?: unknown) =>
    app.request(path, {
      method: 'POST',
      headers: asBot(),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const reviewRequest = (key: string, notBefore: Date, personId = county.officer.id) => ({
    key,
    audience: { kind: 'person' as const, personId },
    event: {
      kind: 'review_requested' as const,
      facts: {
        submissionId: 's-1',
        title: '城关镇开展防溺水安全教育',
        unitName: '城关镇中心校',
        authorName: '李信息',
      },
    },
    urgency: 'normal' as const,
    notBefore,
  });

  it('enqueues a key once, also inside a transaction and when asked twice at once', async () => {
    const now = testClock().now();
    const results = await db.$transaction(async (tx) => [
      await enqueue(tx, reviewRequest('once-1', now)),
      await enqueue(tx, reviewRequest('once-1', now)),
    ]);
    expect(results.map((r) => r.enqueued)).toEqual([true, false]);
    await Promise.all([
      enqueue(db, reviewRequest('once-2', now)),
      enqueue(db, reviewRequest('once-2', now)),
    ]);
    expect(await db.outboxMessage.count({ where: { key: { in: ['once-1', 'once-2'] } } })).toBe(2);
    await db.outboxMessage.updateMany({
      where: { key: { in: ['once-1', 'once-2'] } },
      data: { deliveredAt: now },
    });
  });

  it('hands out due messages with the chat, the event and the reader’s language, never the same one twice', async () => {
    const clock = testClock();
    const now = clock.now();
    for (let i = 0; i < 12; i += 1) await enqueue(db, reviewRequest(`due-${i}`, now));
    // A row of a kind this API does not know (written by an older or newer version).
    await db.outboxMessage.create({
      data: {
        key: 'group-digest',
        audience: 'unitGroup',
        unitId: county.township.id,
        kind: 'weekly_digest',
        facts: '{}',
        notBefore: now,
      },
    });
    await enqueue(db, reviewRequest('later', new Date(now.getTime() + 3600_000)));
    const app = botApp(clock);

    const [a, b] = await Promise.all([take(app, 7), take(app, 7)]);
    const ids = [...a, ...b].map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(13);
    expect(await take(app)).toEqual([]);

    const direct = [...a, ...b].find((d) => d.key === 'due-0');
    expect(direct).toMatchObject({
      chatId: OFFICER_TG,
      submissionId: 's-1',
      locale: 'zh-CN',
      event: { kind: 'review_requested', facts: { title: '城关镇开展防溺水安全教育' } },
    });
    const group = [...a, ...b].find((d) => d.key === 'group-digest');
    expect(group).toMatchObject({ chatId: GROUP_CHAT, event: null, locale: 'zh-CN' });

    // The lease runs out: an unacknowledged message is handed out again.
    clock.advance(61_000);
    const again = await take(app);
    expect(again.map((d) => d.key).sort()).toEqual([...a, ...b].map((d) => d.key).sort());
    for (const d of again)
      expect((await post(app, `/api/bot/outbox/${d.id}/ack`)).status).toBe(200);
  });

  it('acknowledges idempotently and answers 404 for an unknown message', async () => {
    const clock = testClock();
    await enqueue(db, reviewRequest('ack-1', clock.now()));
    const app = botApp(clock);
    const [message] = (await take(app)).filter((d) => d.key === 'ack-1');
    const first = await post(app, `/api/bot/outbox/${message?.id}/ack`);
    clock.advance(5000);
    const second = await post(app, `/api/bot/outbox/${message?.id}/ack`);
    expect(await second.json()).toEqual(await first.json());
    expect((await post(app, '/api/bot/outbox/nope/ack')).status).toBe(404);
    clock.advance(120_000);
    expect((await take(app)).map((d) => d.key)).not.toContain('ack-1');
  });

  it('waits out a 429 retry_after and then sends again', async () => {
    const clock = testClock();
    await enqueue(db, reviewRequest('retry-1', clock.now()));
    const app = botApp(clock);
    const [message] = (await take(app)).filter((d) => d.key === 'retry-1');
    const failed = await post(app, `/api/bot/outbox/${message?.id}/fail`, {
      error: '429: Too Many Requests: retry after 30',
      retryAfterSeconds: 30,
    });
    expect(await failed.json()).toMatchObject({ status: 'retry', attempts: 1 });
    clock.advance(10_000);
    expect((await take(app)).map((d) => d.key)).not.toContain('retry-1');
    clock.advance(21_000);
    const retried = (await take(app)).filter((d) => d.key === 'retry-1');
    expect(retried).toHaveLength(1);
    await post(app, `/api/bot/outbox/${retried[0]?.id}/ack`);
  });

  it('gives up on a blocked user without losing the message', async () => {
    const clock = testClock();
    await enqueue(db, reviewRequest('blocked-1', clock.now()));
    const app = botApp(clock);
    const [message] = (await take(app)).filter((d) => d.key === 'blocked-1');
    const failed = await post(app, `/api/bot/outbox/${message?.id}/fail`, {
      error: '403: Forbidden: bot was blocked by the user',
      permanent: true,
    });
    expect(await failed.json()).toMatchObject({ status: 'undeliverable' });
    clock.advance(3600_000);
    expect((await take(app)).map((d) => d.key)).not.toContain('blocked-1');
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { key: 'blocked-1' } });
    expect(row.deliveredAt).toBeNull();
    expect(row.lastError?.startsWith(UNDELIVERABLE)).toBe(true);
  });

  it('keeps messages for people without Telegram for the console, and sends them once linked', async () => {
    const clock = testClock();
    await enqueue(db, reviewRequest('unlinked-1', clock.now(), county.admin.id));
    const app = botApp(clock);
    expect((await take(app)).map((d) => d.key)).not.toContain('unlinked-1');
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { key: 'unlinked-1' } });
    expect(row).toMatchObject({ lastError: NO_CHAT_LINK, deliveredAt: null });

    await db.chatIdentity.create({
      data: { channel: 'telegram', externalId: '7000009', personId: county.admin.id },
    });
    const sent = (await take(app)).filter((d) => d.key === 'unlinked-1');
    expect(sent).toMatchObject([{ chatId: '7000009' }]);
    await post(app, `/api/bot/outbox/${sent[0]?.id}/ack`);
  });

  it('hands a message out in the language its reader chose', async () => {
    const clock = testClock();
    await db.person.update({ where: { id: county.officer.id }, data: { locale: 'en' } });
    try {
      await enqueue(db, reviewRequest('english-1', clock.now()));
      const app = botApp(clock);
      const sent = (await take(app)).filter((d) => d.key === 'english-1');
      expect(sent).toMatchObject([{ chatId: OFFICER_TG, locale: 'en' }]);
      await post(app, `/api/bot/outbox/${sent[0]?.id}/ack`);
    } finally {
      await db.person.update({ where: { id: county.officer.id }, data: { locale: 'zh-CN' } });
    }
  });

  it('sends the bureau digest to the bureau’s group once it has one, and urgent messages first', async () => {
    const clock = testClock();
    const now = clock.now();
    await enqueue(db, {
      key: 'digest-1',
      audience: { kind: 'bureauGroup' },
      event: {
        kind: 'quota_digest',
        facts: {
          periodKey: '2026-H1',
          checkpoint: 'quota-mid',
          units: [{ name: '南关镇中心校', submitted: 0, quota: 12 }],
        },
      },
      urgency: 'normal',
      notBefore: new Date(now.getTime() - 60_000),
    });
    const app = botApp(clock);
    expect((await take(app)).map((d) => d.key)).not.toContain('digest-1');
    await db.chatGroup.create({
      data: {
        channel: 'telegram',
        chatId: '-100800',
        unitId: county.bureau.id,
        title: '县教体局信息工作群',
      },
    });
    await enqueue(db, { ...reviewRequest('urgent-1', now), urgency: 'urgent' });
    const [first, second] = await take(app, 1).then(async (a) => [...a, ...(await take(app, 1))]);
    expect(first?.key).toBe('urgent-1');
    expect(second).toMatchObject({ key: 'digest-1', chatId: '-100800' });
    expect(second?.event).toMatchObject({
      kind: 'quota_digest',
      facts: { units: [{ name: '南关镇中心校', submitted: 0, quota: 12 }] },
    });
    for (const d of [first, second]) await post(app, `/api/bot/outbox/${d?.id}/ack`);
  });

  it('refuses a failure report without a reason', async () => {
    const response = await post(botApp(), '/api/bot/outbox/x/fail', { retryAfterSeconds: 3 });
    expect(response.status).toBe(400);
  });
});

describe('quick reports from a work group', () => {
  const PNG =
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
  interface Report {
    created: boolean;
    submission: {
      id: string;
      title: string;
      body: string;
      state: string;
      eventAt: string;
      eventTimeFromText: boolean;
    };
    attachments: { id: string; created: boolean }[];
  }
  const report = (
    app: ReturnType<typeof botApp>,
    body: Record<string, unknown>,
    telegramUser = OFFICER_TG,
  ) =>
    app.request('/api/bot/quick-reports', {
      method: 'POST',
      headers: asBot(telegramUser),
      body: JSON.stringify({
        idempotencyKey: `${GROUP_CHAT}:501`,
        chatId: GROUP_CHAT,
        telegramUserId: telegramUser,
        messageId: '501',
        messageDate: '2026-05-11T09:30:00+08:00',
        text: '/kb 城关镇开展防溺水安全教育\n全镇中小学开展了防溺水安全教育活动。',
        ...body,
      }),
    });

  it('creates a draft as the sender in the group’s unit, and a redelivery returns the same draft', async () => {
    const app = botApp();
    const first = await report(app, { photos: [{ fileId: 'AgACAgUAAxk-1', bytes: PNG }] });
    expect(first.status).toBe(201);
    const created = (await first.json()) as Report;
    expect(created.submission).toMatchObject({
      title: '城关镇开展防溺水安全教育',
      body: '全镇中小学开展了防溺水安全教育活动。',
      state: 'draft',
      eventAt: '2026-05-11T01:30:00.000Z',
      eventTimeFromText: false,
    });
    expect(created.attachments).toMatchObject([{ created: true }]);

    const again = await report(app, { photos: [{ fileId: 'AgACAgUAAxk-1', bytes: PNG }] });
    expect(again.status).toBe(200);
    const replay = (await again.json()) as Report;
    expect(replay.submission.id).toBe(created.submission.id);
    expect(replay.attachments).toMatchObject([{ id: created.attachments[0]?.id, created: false }]);

    const row = await db.submission.findUniqueOrThrow({ where: { id: created.submission.id } });
    expect(row).toMatchObject({
      source: 'chat',
      unitId: county.township.id,
      createdById: county.officer.id,
      sourceChatId: GROUP_CHAT,
    });
    expect(await db.submission.count({ where: { sourceChatId: GROUP_CHAT } })).toBe(1);
    expect(await db.attachment.count({ where: { submissionId: created.submission.id } })).toBe(1);
  });

  it('takes the event time the text states', async () => {
    const response = await report(botApp(), {
      idempotencyKey: `${GROUP_CHAT}:502`,
      text: '#快报 城关镇召开教学工作会议\n5月9日下午3点，城关镇召开教学工作会议。',
    });
    const body = (await response.json()) as Report;
    expect(body.submission).toMatchObject({
      eventAt: '2026-05-09T07:00:00.000Z',
      eventTimeFromText: true,
    });
  });

  it('refuses a group that is not linked, telling how to link it, and creates nothing', async () => {
    const before = await db.submission.count();
    const response = await report(botApp(), { chatId: '-100555', idempotencyKey: '-100555:1' });
    expect(response.status).toBe(422);
    const body = (await response.json()) as ErrorJson;
    expect(body.error.code).toBe('BOT.GROUP_NOT_LINKED');
    expect(body.error.message).toContain('/bindgroup');
    expect(await db.submission.count()).toBe(before);
  });

  it('refuses an unlinked sender and a sender from another unit', async () => {
    const app = botApp();
    const stranger = await report(app, { idempotencyKey: `${GROUP_CHAT}:503` }, STRANGER_TG);
    expect(stranger.status).toBe(401);
    expect(((await stranger.json()) as ErrorJson).error.code).toBe('BOT.UNLINKED_USER');

    await db.chatIdentity.upsert({
      where: { personId_channel: { personId: county.otherOfficer.id, channel: 'telegram' } },
      create: { channel: 'telegram', externalId: '7000002', personId: county.otherOfficer.id },
      update: {},
    });
    const foreign = await report(app, { idempotencyKey: `${GROUP_CHAT}:504` }, '7000002');
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as ErrorJson).error.code).toBe('BOT.NOT_UNIT_MEMBER');
  });

  it('refuses bytes that are not an image and a report without text, creating nothing', async () => {
    const app = botApp();
    const before = await db.submission.count();
    const notImage = await report(app, {
      idempotencyKey: `${GROUP_CHAT}:505`,
      photos: [{ fileId: 'x', bytes: Buffer.from('<svg/>').toString('base64') }],
    });
    expect(notImage.status).toBe(415);
    const empty = await report(app, { idempotencyKey: `${GROUP_CHAT}:506`, text: '/kb' });
    expect(empty.status).toBe(422);
    expect(((await empty.json()) as ErrorJson).error.code).toBe('BOT.EMPTY_REPORT');
    expect(await db.submission.count()).toBe(before);
  });
});
