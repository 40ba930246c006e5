import { login, requestJson, runRemindersJob } from '@jyxc/api/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dm } from './test-support/e2e.js';
import { eventually, type BotMessage } from './test-support/emulator.js';
import { fieldWorld, type FieldWorld } from './test-support/field.js';

/**
 * Issue 14, item 5 on the Telegram emulator: officers fix things from chat (DESIGN §5). The
 * return notice has 修改 and 重新提交; `/my` opens, submits and withdraws items; a report is
 * marked 重大 with `/kb 重大 …` or a button on its card, which starts its 2-hour clock; a draft
 * left a day gets one reminder, held by quiet hours, with the buttons it names.
 */

const OFFICER = { id: 4501, is_bot: false, first_name: '李' };
const GROUP = { id: -100450, type: 'group', title: '城关镇中心校工作群' };
const BOT = { id: 123456, is_bot: true, first_name: '教育信息' };

let world: FieldWorld;
const cookies: Record<string, string> = {};

function call<T = { id: string; version: number; state: string }>(
  user: string,
  method: string,
  path: string,
  body?: unknown,
) {
  return requestJson<T>(world.app, cookies[user] ?? '', method, path, body);
}

const item = (id: string) => world.db.submission.findUniqueOrThrow({ where: { id } });

async function until(id: string, test: (s: Awaited<ReturnType<typeof item>>) => boolean) {
  return eventually(async () => {
    const s = await item(id);
    return test(s) ? s : undefined;
  }, `item ${id} to change`);
}

const press = (message: BotMessage, text: string, chat: Record<string, unknown> = dm(OFFICER)) => {
  const data = message.buttons.find((b) => b.text === text)?.data;
  if (data === undefined) throw new Error(`no ${text} on ${message.text}`);
  // As Telegram sends it: the pressed message with its buttons.
  const reply_markup = {
    inline_keyboard: [
      message.buttons.map((b) =>
        b.data === undefined
          ? { text: b.text, url: b.url }
          : { text: b.text, callback_data: b.data },
      ),
    ],
  };
  const pressed = { message_id: message.messageId, chat, reply_markup };
  return world.telegram.press(OFFICER, pressed, data);
};

/** The officer's reply to one of the bot's messages in the direct chat. */
const reply = (to: BotMessage, message: Record<string, unknown>) =>
  world.send({
    from: OFFICER,
    chat: dm(OFFICER),
    ...message,
    reply_to_message: {
      message_id: to.messageId,
      date: Math.floor(world.now().getTime() / 1000),
      chat: dm(OFFICER),
      from: BOT,
      text: to.text,
    },
  });

async function draft(title: string) {
  const created = await call('cg_officer', 'POST', '/api/submissions', {
    title,
    body: `${title}。全体教师参加。`,
    category: 'activity',
    eventAt: new Date(world.now().getTime() - 3_600_000).toISOString(),
  });
  expect(created.status).toBe(201);
  return created.body.id;
}

beforeAll(async () => {
  world = await fieldWorld('2026-11-25T10:00:00+08:00');
  await world.linkPerson(OFFICER.id, world.county.officer.id);
  await world.linkGroup(GROUP.id, world.county.township.id);
  for (const user of ['cg_officer', 'cg_head'])
    cookies[user] = (await login(world.app, user)).cookie;
  world.startBot();
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

describe('officers fix things from chat on the emulator (issue 14, item 5)', () => {
  it('fixes a returned item with 修改 (text and a photo) and sends it again with 重新提交', async () => {
    const id = await draft('城关镇开展教师培训');
    expect((await call('cg_officer', 'POST', `/api/submissions/${id}/submit`, {})).status).toBe(
      200,
    );
    const version = (await item(id)).version;
    const returned = await call('cg_head', 'POST', `/api/submissions/${id}/return`, {
      reason: '请补充参训人数',
      expectedVersion: version,
    });
    expect(returned.body.state).toBe('returned');

    const notice = await world.waitForMessage(
      OFFICER.id,
      (m) => m.text.includes('被退回') && m.text.includes('城关镇开展教师培训'),
      'the return notice',
    );
    expect(notice.buttons.map((b) => b.text)).toEqual(['修改', '重新提交']);

    await press(notice, '修改');
    const ask = await world.waitForMessage(
      OFFICER.id,
      (m) => m.text.includes('请回复本消息，发送修改后的《城关镇开展教师培训》'),
      'the question',
    );
    await reply(ask, { text: '城关镇开展全员教师培训\n全镇 86 名教师参加，历时两天。' });
    const fixed = await until(id, (s) => s.title === '城关镇开展全员教师培训');
    expect(fixed.body).toBe('全镇 86 名教师参加，历时两天。');
    expect(fixed.state).toBe('returned');
    const done = await world.waitForMessage(
      OFFICER.id,
      (m) => m.text.startsWith('已修改《城关镇开展全员教师培训》'),
      'the answer',
    );

    // A photo replied to the answer joins the item.
    await reply(done, {
      photo: [{ file_id: 'fix-photo-1', file_unique_id: 'ufp1', width: 800, height: 600 }],
    });
    await eventually(
      async () =>
        (await world.db.attachment.count({ where: { submissionId: id } })) === 1 ? true : undefined,
      'the photo on the item',
    );

    await press(notice, '重新提交');
    await until(id, (s) => s.state === 'unit_review');
    // The notice's buttons are done.
    await eventually(
      () =>
        world.messagesTo(OFFICER.id, (m) => m.messageId === notice.messageId)[0]?.buttons.length ===
        0
          ? true
          : undefined,
      'the notice without buttons',
    );
  }, 90_000);

  it('lists my items with buttons to open one, submit a forgotten draft, or withdraw', async () => {
    const forgotten = await draft('城关镇召开家长会');
    const unwanted = await draft('城关镇召开教研会');
    await world.send({ from: OFFICER, chat: dm(OFFICER), ...world.command('/my') });
    const list = await world.waitForMessage(
      OFFICER.id,
      (m) => m.text.startsWith('我的稿件') && m.text.includes('城关镇召开教研会'),
      'the list',
    );
    const lines = list.text.split('\n');
    const n = (title: string) => lines.find((l) => l.includes(title))?.split('.')[0] ?? '';
    const draftNo = n('城关镇召开家长会');
    const unwantedNo = n('城关镇召开教研会');
    expect(list.buttons.map((b) => b.text)).toEqual(
      expect.arrayContaining([`${draftNo}. 详情`, `${draftNo}. 提交`, `${unwantedNo}. 撤回`]),
    );

    await press(list, `${draftNo}. 详情`);
    const card = await world.waitForMessage(
      OFFICER.id,
      (m) => m.text.includes('城关镇召开家长会') && m.buttons.some((b) => b.text === '标记重大'),
      'the item’s card',
    );
    expect(card.buttons.map((b) => b.text)).toEqual(
      expect.arrayContaining(['修改', '提交审核', '撤回', '在后台打开']),
    );

    await press(list, `${draftNo}. 提交`);
    await until(forgotten, (s) => s.state === 'unit_review');
    await press(list, `${unwantedNo}. 撤回`);
    await until(unwanted, (s) => s.state === 'withdrawn');
    // The list keeps the buttons of its other items.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = world.messagesTo(OFFICER.id, (m) => m.messageId === list.messageId)[0];
    expect(after?.buttons.length).toBe(list.buttons.length);
  }, 90_000);

  it('marks a report 重大 with /kb 重大 or the card’s button, and shows its 2-hour deadline', async () => {
    await world.send({
      from: OFFICER,
      chat: GROUP,
      ...world.command('/kb 重大 城关镇第二小学突发停电\n全校师生已安全疏散。'),
    });
    const majorCard = await world.waitForMessage(
      GROUP.id,
      (m) => m.text.includes('城关镇第二小学突发停电'),
      'the major card',
    );
    expect(majorCard.text).toContain('🔴 重大信息：须在 11月25日 12:00 前报送县教体局');
    const major = await world.db.submission.findFirstOrThrow({
      where: { title: '城关镇第二小学突发停电' },
    });
    expect(major.category).toBe('major');
    expect(majorCard.buttons.some((b) => b.text === '标记重大')).toBe(false);

    await world.send({
      from: OFFICER,
      chat: GROUP,
      ...world.command('/kb 城关镇中心校食堂更换设备\n今日上午完成。'),
    });
    const card = await world.waitForMessage(
      GROUP.id,
      (m) =>
        m.text.includes('城关镇中心校食堂更换设备') && m.buttons.some((b) => b.text === '标记重大'),
      'the ordinary card',
    );
    const ordinary = await world.db.submission.findFirstOrThrow({
      where: { title: '城关镇中心校食堂更换设备' },
    });
    expect(ordinary.category).not.toBe('major');
    await press(card, '标记重大', GROUP);
    await until(ordinary.id, (s) => s.category === 'major');
    const shown = await eventually(() => {
      const now = world.messagesTo(GROUP.id, (m) => m.messageId === card.messageId)[0];
      return now?.text.includes('🔴 重大信息') === true ? now : undefined;
    }, 'the card with its deadline');
    expect(shown.buttons.map((b) => b.text)).toEqual(['提交审核', '补充', '撤回']);
  }, 90_000);

  it('reminds of a draft left a day once, after quiet hours, with its buttons', async () => {
    // Last changed on Wednesday at 22:30: a day later falls in quiet hours.
    world.setClock('2026-11-25T22:30:00+08:00');
    const id = await draft('城关镇开展家访活动');
    const run = () =>
      runRemindersJob(world.db, { now: world.now(), holder: 'field-test', leaseMs: 60_000 });
    const reminders = () =>
      world.messagesTo(
        OFFICER.id,
        (m) => m.text.includes('【草稿提醒】') && m.text.includes('城关镇开展家访活动'),
      );
    world.setClock('2026-11-26T22:00:00+08:00');
    await run();
    expect(
      await world.db.outboxMessage.count({ where: { kind: 'draft_idle', key: { contains: id } } }),
    ).toBe(0);
    // A day after, within quiet hours: held until 07:30.
    world.setClock('2026-11-26T22:31:00+08:00');
    await run();
    const held = await world.db.outboxMessage.findFirstOrThrow({
      where: { kind: 'draft_idle', key: { contains: id } },
    });
    expect(held.notBefore).toEqual(new Date('2026-11-27T07:30:00+08:00'));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(reminders()).toHaveLength(0);

    world.setClock('2026-11-27T07:31:00+08:00');
    const reminder = await eventually(() => reminders()[0], 'the draft reminder');
    expect(reminder.text).toContain('自 11月25日 22:30 起未提交审核');
    expect(reminder.buttons.map((b) => b.text)).toEqual(
      expect.arrayContaining(['提交审核', '修改', '撤回']),
    );
    // Once per draft: later runs add nothing.
    world.setClock('2026-11-28T10:00:00+08:00');
    await run();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(reminders()).toHaveLength(1);
    expect(
      await world.db.outboxMessage.count({ where: { kind: 'draft_idle', key: { contains: id } } }),
    ).toBe(1);

    await press(reminder, '提交审核');
    await until(id, (s) => s.state === 'unit_review');
    await world.waitForMessage(
      OFFICER.id,
      (m) => m.text.includes('城关镇开展家访活动') && m.text.includes('已提交，审核人会收到通知'),
      'the submitted card',
    );
  }, 90_000);
});
