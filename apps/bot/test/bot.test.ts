import { createApp } from '@jyxc/api';
import { Bot } from 'grammy';
import { Hono } from 'hono';
import { beforeEach, describe, expect, it } from 'vitest';
import { createBackend } from '../src/backend.js';
import { createI18n } from '../src/bot.js';
import type { BotContext } from '../src/context.js';
import { createDelivery } from '../src/delivery.js';
import { WEBHOOK_PATH, webhookApp, webhookRoutes } from '../src/webhook.js';
import { botInfo, botWorld, SERVICE_TOKEN, submissionsOf, type World } from './harness.js';

const GROUP = -1001;
const OFFICER = 2001;
const HEAD = 2002;
const STRANGER = 2999;

function buttonsOf(call: { payload: Record<string, unknown> } | undefined): string[] {
  const markup = call?.payload.reply_markup;
  if (typeof markup !== 'object' || markup === null || !('inline_keyboard' in markup)) return [];
  const rows = markup.inline_keyboard;
  if (!Array.isArray(rows)) return [];
  return rows.flat().map((b: unknown) => {
    if (typeof b !== 'object' || b === null) return '';
    return 'callback_data' in b ? String(b.callback_data) : 'url' in b ? 'url' : '';
  });
}

function callback(
  world: World,
  from: number,
  data: string,
  message: { message_id: number; chatId: number },
) {
  return world.handle({
    callback_query: {
      id: `cb-${Math.random()}`,
      from: { id: from, is_bot: false, first_name: '钱' },
      chat_instance: 'x',
      data,
      message: {
        message_id: message.message_id,
        date: Math.floor(world.now() / 1000),
        chat: { id: message.chatId, type: 'private', first_name: '钱' },
        text: 'card',
      },
    },
  });
}

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

function delivery(
  world: World,
  options: {
    /** Stands between the bot and the API, e.g. to fail some calls. */
    around?: (
      call: { url: string; method: string },
      pass: () => Promise<Response>,
    ) => Promise<Response>;
    sleep?: (ms: number) => Promise<void>;
    log?: (message: string) => void;
  } = {},
) {
  const toApi: Fetch = (input, init) =>
    Promise.resolve(world.app.request(input instanceof Request ? input : String(input), init));
  const around = options.around;
  const backend = createBackend({
    apiUrl: 'http://api.test',
    serviceToken: SERVICE_TOKEN,
    fetch:
      around === undefined
        ? toApi
        : (input, init) =>
            around(
              {
                url: input instanceof Request ? input.url : String(input),
                method: init?.method ?? (input instanceof Request ? input.method : 'GET'),
              },
              () => toApi(input, init),
            ),
  });
  const i18n = createI18n();
  return createDelivery({
    api: world.bot.api,
    backend,
    publicUrl: 'https://jyxc.test/',
    t: (key, vars) => i18n.t('zh-CN', key, vars),
    intervalMs: 50,
    sleep: options.sleep ?? (() => Promise.resolve()),
    log: options.log ?? (() => undefined),
  });
}

const isAck = (call: { url: string; method: string }) =>
  call.method === 'POST' && /\/outbox\/[^/]+\/ack$/.test(call.url);

describe('linking and strangers', () => {
  let world: World;
  beforeEach(async () => {
    world = await botWorld();
  });

  it('explains how to link an account when a stranger writes to it', async () => {
    await world.handle(world.privateText(STRANGER, '你好'));
    expect(world.sent()).toHaveLength(1);
    expect(world.lastText()).toContain('/start 绑定码');
  });

  it('links an account with a one-time code from the console, and refuses the code a second time', async () => {
    const cookie = await world.adminCookie();
    const issued = await world.app.request('/api/link-codes', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: 'http://localhost' },
      body: JSON.stringify({ kind: 'person', personId: world.county.officer.id }),
    });
    expect(issued.status).toBe(201);
    const { code } = (await issued.json()) as { code: string };
    await world.handle(world.privateText(OFFICER, `/start ${code}`));
    expect(world.lastText()).toContain('绑定成功');
    expect(world.lastText()).toContain('李信息');
    await world.handle(world.privateText(STRANGER, `/start ${code}`));
    expect(world.lastText()).toMatch(/未能完成|绑定码/);
    expect(await world.db.telegramAccount.count()).toBe(1);
  });

  it('links a work group with /bindgroup and a group code', async () => {
    const cookie = await world.adminCookie();
    const issued = await world.app.request('/api/link-codes', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: 'http://localhost' },
      body: JSON.stringify({ kind: 'group', unitId: world.county.township.id }),
    });
    const { code } = (await issued.json()) as { code: string };
    await world.handle(world.groupText(GROUP, OFFICER, `/bindgroup ${code}`));
    expect(world.lastText()).toContain('城关镇中心校');
    expect(await world.db.telegramGroup.count()).toBe(1);
  });

  it('creates nothing for a quick report in an unlinked group, and says how to link it', async () => {
    await world.linkPerson(OFFICER, world.county.officer.id);
    await world.handle(world.groupText(GROUP, OFFICER, '/kb 城关镇开展防溺水教育'));
    expect(world.lastText()).toContain('/bindgroup');
    expect(await submissionsOf(world.db)).toHaveLength(0);
  });

  it('creates nothing for an unlinked person in a linked group, and says how to link', async () => {
    await world.linkGroup(GROUP, world.county.township.id);
    await world.handle(world.groupText(GROUP, STRANGER, '/kb 城关镇开展防溺水教育'));
    expect(world.lastText()).toContain('/start 绑定码');
    expect(await submissionsOf(world.db)).toHaveLength(0);
  });

  it('stays silent on ordinary group chatter', async () => {
    await world.linkGroup(GROUP, world.county.township.id);
    await world.handle(world.groupText(GROUP, OFFICER, '今天的会议改到下午'));
    expect(world.sent()).toHaveLength(0);
  });
});

describe('quick reports', () => {
  let world: World;
  beforeEach(async () => {
    world = await botWorld();
    await world.linkGroup(GROUP, world.county.township.id);
    await world.linkPerson(OFFICER, world.county.officer.id);
  });

  it('turns /kb with a photo into a draft and answers with a card and its three buttons', async () => {
    await world.handle(
      world.groupText(
        GROUP,
        OFFICER,
        '/kb 城关镇中心校开展防溺水安全教育\n全镇 3000 余名学生参加。',
        { photo: 'p1' },
      ),
    );
    const [draft] = await submissionsOf(world.db);
    expect(draft).toMatchObject({
      title: '城关镇中心校开展防溺水安全教育',
      body: '全镇 3000 余名学生参加。',
      state: 'draft',
      source: 'chat',
    });
    expect(draft?.attachments).toHaveLength(1);
    const card = world.sent().at(-1);
    expect(String(card?.payload.text)).toContain('快报草稿');
    expect(buttonsOf(card)).toEqual([
      `qr:submit:${draft?.id}`,
      `qr:more:${draft?.id}`,
      `qr:withdraw:${draft?.id}`,
    ]);
  });

  it('makes one draft and one card when Telegram delivers the same update twice', async () => {
    const update = await world.handle(
      world.groupText(GROUP, OFFICER, '#快报 城关镇举行教师节表彰大会'),
    );
    await world.bot.handleUpdate(update);
    expect(await submissionsOf(world.db)).toHaveLength(1);
    expect(world.sent()).toHaveLength(1);
  });

  it('gathers an album into one draft with all its photos', async () => {
    await world.handle(
      world.groupText(GROUP, OFFICER, '/kb 城关镇运动会\n精彩瞬间', {
        photo: 'a1',
        mediaGroup: 'album-1',
      }),
    );
    await world.handle(world.groupText(GROUP, OFFICER, '', { photo: 'a2', mediaGroup: 'album-1' }));
    const drafts = await submissionsOf(world.db);
    expect(drafts).toHaveLength(1);
    expect(drafts[0]?.attachments).toHaveLength(2);
  });

  it('turns an earlier message and its photo into a report when /kb replies to it', async () => {
    const original = await world.handle(
      world.groupText(GROUP, 3005, '第一小学开展读书月活动\n学生们走进图书馆。', { photo: 't1' }),
    );
    await world.handle(world.groupText(GROUP, OFFICER, '/kb', { replyTo: original.message }));
    const [draft] = await submissionsOf(world.db);
    expect(draft).toMatchObject({ title: '第一小学开展读书月活动', body: '学生们走进图书馆。' });
    expect(draft?.attachments).toHaveLength(1);
  });

  it('reads the event date from the text', async () => {
    const update = world.groupText(GROUP, OFFICER, '/kb 昨天上午9点城关镇召开安全工作会议');
    await world.handle(update);
    const [draft] = await submissionsOf(world.db);
    const sentAt = (update.message?.date ?? 0) * 1000;
    expect(draft?.eventAt.getTime()).toBeLessThan(sentAt - 12 * 3600 * 1000);
  });

  it('adds text and photos replied to the card, and follows an edited message while it is a draft', async () => {
    const posted = await world.handle(world.groupText(GROUP, OFFICER, '/kb 城关镇开展义诊活动'));
    const cardId = Number(world.sent().length > 0 ? 5000 : 0);
    await world.handle(
      world.groupText(GROUP, OFFICER, '共服务群众 200 余人。', {
        replyTo: {
          message_id: cardId,
          date: Math.floor(world.now() / 1000),
          chat: { id: GROUP, type: 'group', title: '城关镇工作群' },
          from: { id: 42, is_bot: true, first_name: '教育信息' },
          text: '快报草稿',
        },
      }),
    );
    expect(world.lastText()).toContain('已补充');
    let [draft] = await submissionsOf(world.db);
    expect(draft?.body).toBe('共服务群众 200 余人。');

    const message = posted.message;
    if (message === undefined) throw new Error('no message');
    await world.handle({
      edited_message: {
        ...message,
        text: '/kb 城关镇中心校开展义诊活动',
        edit_date: message.date + 5,
      },
    });
    [draft] = await submissionsOf(world.db);
    expect(draft?.title).toBe('城关镇中心校开展义诊活动');
    expect(world.lastText()).toContain('已按修改后的消息更新');
  });
});

describe('review from chat and notifications', () => {
  let world: World;
  beforeEach(async () => {
    world = await botWorld();
    await world.linkGroup(GROUP, world.county.township.id);
    await world.linkPerson(OFFICER, world.county.officer.id);
    await world.linkPerson(HEAD, world.county.cgHead.id);
  });

  async function submittedDraft() {
    await world.handle(
      world.groupText(GROUP, OFFICER, '/kb 城关镇开展防溺水安全教育\n全镇学生参加。'),
    );
    const [draft] = await submissionsOf(world.db);
    if (draft === undefined) throw new Error('no draft');
    await callback(world, OFFICER, `qr:submit:${draft.id}`, { message_id: 5000, chatId: GROUP });
    return draft.id;
  }

  it('submits from the card, sends the head a preview with 通过并报送 / 退回 / 在后台打开, and approves that revision', async () => {
    const id = await submittedDraft();
    expect((await world.db.submission.findUniqueOrThrow({ where: { id } })).state).toBe(
      'unit_review',
    );
    world.reset();
    await delivery(world).runOnce();
    const toHead = world.sent().find((c) => c.payload.chat_id === String(HEAD));
    expect(String(toHead?.payload.text)).toContain('【待审核】');
    const buttons = buttonsOf(toHead);
    expect(buttons[0]).toMatch(new RegExp(`^rv:ok:${id}:\\d+$`));
    expect(buttons[1]).toMatch(/^rv:ret:/);
    expect(buttons[2]).toBe('url');
    await callback(world, HEAD, buttons[0] ?? '', { message_id: 7000, chatId: HEAD });
    expect((await world.db.submission.findUniqueOrThrow({ where: { id } })).state).toBe(
      'bureau_review',
    );
    // Delivered once: a second pass finds nothing more for the head.
    world.reset();
    await delivery(world).runOnce();
    expect(world.sent().filter((c) => c.payload.chat_id === String(HEAD))).toHaveLength(0);
  });

  it('refuses an approval of a revision that has since changed, with a clear answer and the current one', async () => {
    const id = await submittedDraft();
    const version = (await world.db.submission.findUniqueOrThrow({ where: { id } })).version;
    await callback(world, HEAD, `rv:ok:${id}:${version - 1}`, { message_id: 7000, chatId: HEAD });
    const answer = world.sent('answerCallbackQuery').at(-1);
    expect(String(answer?.payload.text)).toContain('已被修改，请重新查看');
    expect((await world.db.submission.findUniqueOrThrow({ where: { id } })).state).toBe(
      'unit_review',
    );
    expect(buttonsOf(world.sent().at(-1))[0]).toBe(`rv:ok:${id}:${version}`);
  });

  it('asks for the reason before returning an item, then returns it', async () => {
    const id = await submittedDraft();
    const version = (await world.db.submission.findUniqueOrThrow({ where: { id } })).version;
    await callback(world, HEAD, `rv:ret:${id}:${version}`, { message_id: 7000, chatId: HEAD });
    expect(world.lastText()).toContain('退回原因');
    await world.handle(world.privateText(HEAD, '请补充活动照片和参加人数'));
    expect(world.lastText()).toContain('已退回');
    const returned = await world.db.submission.findUniqueOrThrow({ where: { id } });
    expect(returned.state).toBe('returned');
  });

  it('keeps a notification for later on 429 and gives it up for Telegram on 403', async () => {
    await submittedDraft();
    world.answerWith((call) =>
      call.method !== 'sendMessage'
        ? undefined
        : call.payload.chat_id === String(HEAD)
          ? {
              ok: false,
              error_code: 429,
              description: 'Too Many Requests: retry after 30',
              parameters: { retry_after: 30 },
            }
          : undefined,
    );
    await delivery(world).runOnce();
    const toHead = await world.db.outboxMessage.findFirstOrThrow({
      where: { personId: world.county.cgHead.id },
    });
    expect(toHead.deliveredAt).toBeNull();
    expect(toHead.notBefore.getTime()).toBeGreaterThan(world.now() + 20_000);

    world.answerWith((call) =>
      call.method === 'sendMessage'
        ? { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' }
        : undefined,
    );
    await world.db.outboxMessage.update({
      where: { id: toHead.id },
      data: { notBefore: new Date(world.now() - 1000) },
    });
    await delivery(world).runOnce();
    const given = await world.db.outboxMessage.findUniqueOrThrow({ where: { id: toHead.id } });
    expect(given.deliveredAt).toBeNull();
    expect(given.lastError).toContain('blocked');
  });

  it('waits out a short 429 in the process and sends the notification without counting an attempt', async () => {
    await submittedDraft();
    let refused = 0;
    world.answerWith((call) =>
      call.method === 'sendMessage' && call.payload.chat_id === String(HEAD) && refused++ === 0
        ? {
            ok: false,
            error_code: 429,
            description: 'Too Many Requests: retry after 3',
            parameters: { retry_after: 3 },
          }
        : undefined,
    );
    const waits: number[] = [];
    world.reset();
    await delivery(world, { sleep: (ms) => (waits.push(ms), Promise.resolve()) }).runOnce();
    expect(waits).toEqual([3000]);
    expect(world.sent().filter((c) => c.payload.chat_id === String(HEAD))).toHaveLength(2);
    const toHead = await world.db.outboxMessage.findFirstOrThrow({
      where: { personId: world.county.cgHead.id },
    });
    expect(toHead.deliveredAt).not.toBeNull();
    expect(toHead.attempts).toBe(0);
  });

  it('retries the acknowledgement when the API fails it after Telegram took the message, and never sends it twice', async () => {
    await submittedDraft();
    world.reset();
    let acks = 0;
    const logged: string[] = [];
    const sender = delivery(world, {
      around: (call, pass) =>
        isAck(call) && acks++ < 2
          ? acks === 1
            ? Promise.reject(new TypeError('fetch failed'))
            : Promise.resolve(
                Response.json(
                  { error: { code: 'INTERNAL', message: '服务器内部错误' } },
                  { status: 503 },
                ),
              )
          : pass(),
      log: (message) => logged.push(message),
    });
    await sender.runOnce();
    const toHead = await world.db.outboxMessage.findFirstOrThrow({
      where: { personId: world.county.cgHead.id },
    });
    expect(toHead.deliveredAt).not.toBeNull();
    expect(acks).toBeGreaterThanOrEqual(3);
    expect(logged.some((m) => m.includes('retrying'))).toBe(true);
    // The lease runs out: nothing is sent again, by this sender or another.
    await world.db.outboxMessage.updateMany({ data: { lockedUntil: null } });
    await sender.runOnce();
    await delivery(world).runOnce();
    expect(world.sent().filter((c) => c.payload.chat_id === String(HEAD))).toHaveLength(1);
  });

  it('remembers a message it sent but could not acknowledge, and only acknowledges it when leased again', async () => {
    await submittedDraft();
    world.reset();
    let refuse = true;
    const sender = delivery(world, {
      around: (call, pass) =>
        isAck(call) && refuse
          ? Promise.resolve(
              Response.json({ error: { code: 'HTTP.400', message: 'bad' } }, { status: 400 }),
            )
          : pass(),
    });
    await sender.runOnce();
    const toHead = await world.db.outboxMessage.findFirstOrThrow({
      where: { personId: world.county.cgHead.id },
    });
    expect(toHead.deliveredAt).toBeNull();
    // Its lease runs out and the same sender takes it again: acknowledged, not sent again.
    refuse = false;
    await world.db.outboxMessage.update({ where: { id: toHead.id }, data: { lockedUntil: null } });
    await sender.runOnce();
    expect(
      (await world.db.outboxMessage.findUniqueOrThrow({ where: { id: toHead.id } })).deliveredAt,
    ).not.toBeNull();
    expect(world.sent().filter((c) => c.payload.chat_id === String(HEAD))).toHaveLength(1);
  });

  it('leaves a chat alone for the rest of a long 429, and the notification for later', async () => {
    await submittedDraft();
    // A second message for the head in the same batch.
    await world.db.outboxMessage.create({
      data: {
        key: 'test:second-for-head',
        audience: 'person',
        personId: world.county.cgHead.id,
        template: 'unknown',
        params: JSON.stringify({ defaultMessage: '第二条通知' }),
        urgency: 'normal',
        notBefore: new Date(world.now() - 1000),
      },
    });
    world.answerWith((call) =>
      call.method === 'sendMessage' && call.payload.chat_id === String(HEAD)
        ? {
            ok: false,
            error_code: 429,
            description: 'Too Many Requests: retry after 120',
            parameters: { retry_after: 120 },
          }
        : undefined,
    );
    world.reset();
    const leased = await delivery(world).runOnce();
    expect(leased).toBeGreaterThanOrEqual(2);
    expect(world.sent().filter((c) => c.payload.chat_id === String(HEAD))).toHaveLength(1);
    const forHead = await world.db.outboxMessage.findMany({
      where: { personId: world.county.cgHead.id },
    });
    expect(forHead).toHaveLength(2);
    expect(forHead.every((m) => m.deliveredAt === null)).toBe(true);
    expect(forHead.filter((m) => m.attempts === 1)).toHaveLength(1);
    expect(forHead.filter((m) => m.attempts === 0)).toHaveLength(1);
  });

  it('on stop, gives up retrying an acknowledgement the API does not take and says the message may come once more', async () => {
    await submittedDraft();
    world.reset();
    const logged: string[] = [];
    let sent: () => void = () => undefined;
    const firstSend = new Promise<void>((resolve) => (sent = resolve));
    const running = delivery(world, {
      around: (call, pass) =>
        isAck(call) ? (sent(), Promise.reject(new TypeError('fetch failed'))) : pass(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 20))),
      log: (message) => logged.push(message),
    }).start();
    await firstSend;
    await running.stop();
    expect(logged.some((m) => m.includes('sent once more after a restart'))).toBe(true);
    expect(world.sent()).toHaveLength(1);
    const stillDue = await world.db.outboxMessage.count({ where: { deliveredAt: null } });
    expect(stillDue).toBeGreaterThan(0);
  });
});

describe('commands', () => {
  let world: World;
  beforeEach(async () => {
    world = await botWorld();
    await world.linkGroup(GROUP, world.county.township.id);
    await world.linkPerson(OFFICER, world.county.officer.id);
  });

  it('/my lists my items with their states', async () => {
    await world.handle(world.groupText(GROUP, OFFICER, '/kb 城关镇开展防溺水安全教育'));
    await world.handle(world.privateText(OFFICER, '/my'));
    expect(world.lastText()).toContain('《城关镇开展防溺水安全教育》 草稿');
  });

  it('/rank shows the unit’s rank and quota progress this period', async () => {
    await world.handle(world.privateText(OFFICER, '/rank'));
    expect(world.lastText()).toContain('城关镇中心校');
    expect(world.lastText()).toContain('名次');
    // DESIGN §6: the period reads 2026年上半年, never its key 2026-H1.
    expect(world.lastText()).toMatch(/^\d{4}年[上下]半年 · /);
  });

  it('/yq registers an incident through a guided conversation', async () => {
    await world.handle(world.privateText(OFFICER, '/yq'));
    expect(world.lastText()).toContain('严重程度');
    await callback(world, OFFICER, 'yq:significant', { message_id: 5000, chatId: OFFICER });
    expect(world.lastText()).toContain('事件概要');
    await world.handle(
      world.privateText(OFFICER, '网传某校食堂卫生问题\n家长群转发照片，需核实。'),
    );
    expect(world.lastText()).toContain('链接');
    await world.handle(world.privateText(OFFICER, 'https://example.com/post/1'));
    expect(world.lastText()).toContain('已登记');
    const incident = await world.db.incident.findFirstOrThrow();
    expect(incident).toMatchObject({ title: '网传某校食堂卫生问题', severity: 'significant' });
  });

  it('answers /help in English for an English-speaking user', async () => {
    const update = world.privateText(OFFICER, '/help');
    if (update.message?.from) update.message.from.language_code = 'en';
    await world.handle(update);
    expect(world.lastText()).toContain('Quick report');
  });
});

describe('webhook mode', () => {
  const SECRET = 'webhook-secret-0123456789';

  function post(
    app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
    body: string,
    secret?: string,
  ) {
    return Promise.resolve(
      app.request('/telegram/webhook', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(secret === undefined ? {} : { 'X-Telegram-Bot-Api-Secret-Token': secret }),
        },
        body,
      }),
    );
  }

  it('is a route of the API app: handles an update with the secret Telegram was given and refuses any other', async () => {
    const world = await botWorld({ webhookSecret: SECRET });
    const update = JSON.stringify({ update_id: 900, ...world.privateText(STRANGER, '/help') });
    for (const secret of [undefined, 'guess', `${SECRET}x`]) {
      const refused = await post(world.app, update, secret);
      expect(refused.status).toBe(401);
    }
    expect(world.calls).toHaveLength(0);
    expect(await world.db.processedUpdate.count()).toBe(0);

    // No Origin, no cookie: the console's session and CSRF checks are not in its way.
    const right = await post(world.app, update, SECRET);
    expect(right.status).toBe(200);
    expect(world.lastText()).toContain('/start 绑定码');
    expect(await world.db.processedUpdate.count()).toBe(1);

    // Telegram delivering it again: answered, handled once.
    expect((await post(world.app, update, SECRET)).status).toBe(200);
    expect(world.sent()).toHaveLength(1);

    // The API itself is unchanged beside it.
    expect((await world.app.request('/api/health')).status).toBe(200);
    expect((await world.app.request('/api/auth/me')).status).toBe(401);
  });

  it('refuses to mount other routes inside /api', async () => {
    const world = await botWorld();
    expect(() =>
      createApp(
        { db: world.db, now: () => new Date() },
        { routes: [{ path: '/api/telegram', routes: webhookApp(world.bot, SECRET) }] },
      ),
    ).toThrow(/outside \/api/);
  });

  function slowBot(handle: () => Promise<void>) {
    const bot = new Bot<BotContext>('1:test', { botInfo });
    bot.use(handle);
    return bot;
  }

  it('answers Telegram within its answer time while a slow update goes on, and logs a late failure without ending the process', async () => {
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const logged: string[] = [];
    const routes = new Hono().route(
      WEBHOOK_PATH,
      webhookRoutes(
        slowBot(async () => {
          await new Promise((resolve) => setTimeout(resolve, 300));
          finish();
          throw new Error('late failure');
        }),
        { secretToken: SECRET, answerWithinMs: 50, log: (message) => logged.push(message) },
      ),
    );
    const started = Date.now();
    const answer = await post(routes, JSON.stringify({ update_id: 1 }), SECRET);
    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(250);
    await finished;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(logged.some((m) => m.includes('still being handled'))).toBe(true);
    expect(logged.some((m) => m.includes('failed after Telegram was answered'))).toBe(true);
  });

  it('answers 500 to an update that fails in time, so that Telegram delivers it again', async () => {
    const routes = new Hono()
      .route(
        WEBHOOK_PATH,
        webhookRoutes(
          slowBot(() => Promise.reject(new Error('the API is unreachable'))),
          { secretToken: SECRET },
        ),
      )
      .onError((_error, c) => c.text('failed', 500));
    const answer = await post(routes, JSON.stringify({ update_id: 2 }), SECRET);
    expect(answer.status).toBe(500);
  });
});

describe('rate limit', () => {
  it('stops answering a person who floods it, and tells them to wait', async () => {
    const world = await botWorld();
    for (let i = 0; i < 32; i++) await world.handle(world.privateText(STRANGER, `消息 ${i}`));
    const texts = world.sent().map((c) => String(c.payload.text));
    expect(texts.filter((t) => t.includes('/start 绑定码'))).toHaveLength(30);
    expect(texts.some((t) => t.includes('操作太频繁'))).toBe(true);
  });
});
