import { login, requestJson, runRemindersJob } from '@jyxc/api/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './test-support/emulator.js';
import { fieldWorld, type FieldWorld } from './test-support/field.js';

/**
 * Issue 14, item 1 on the Telegram emulator: quiet hours never make an item late (DESIGN §3.8).
 * A report submitted on a Friday at 21:31 reaches its reviewers on Saturday at 07:30, not on
 * Monday; one whose limit runs out on Saturday morning reaches them at once; a restart in the
 * night releases nothing early; the 24-hour reminder never comes in the same minute as the
 * request.
 */

const OFFICER = { id: 4101, is_bot: false, first_name: '李信息' };
const HEAD = { id: 4102, is_bot: false, first_name: '钱校长' };
const DEPUTY = { id: 4103, is_bot: false, first_name: '赵分管' };
const TEACHER = { id: 4104, is_bot: false, first_name: '王老师' };
const GROUP = { id: -100410, type: 'group', title: '城关镇中心校工作群' };
const FRIDAY_2131 = '2026-11-27T21:31:00+08:00';
const shanghai = (local: string) => new Date(`${local}+08:00`);

let world: FieldWorld;

beforeAll(async () => {
  world = await fieldWorld(FRIDAY_2131);
  await world.linkPerson(OFFICER.id, world.county.officer.id);
  await world.linkPerson(HEAD.id, world.county.cgHead.id);
  await world.linkPerson(DEPUTY.id, world.county.cgDeputy.id);
  await world.linkGroup(GROUP.id, world.county.township.id);
  world.startBot();
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

async function submitFromGroup(message: Record<string, unknown>): Promise<string> {
  const before = world.messagesTo(GROUP.id, (m) => m.text.startsWith('📝 快报草稿')).length;
  await world.send({ from: OFFICER, chat: GROUP, ...message });
  const card = await eventually(
    () => world.messagesTo(GROUP.id, (m) => m.text.startsWith('📝 快报草稿'))[before],
    'the card',
  );
  const submit = card.buttons.find((b) => b.data?.startsWith('qr:submit:') === true)?.data ?? '';
  const id = submit.slice('qr:submit:'.length);
  await world.telegram.press(OFFICER, { message_id: card.messageId, chat: GROUP }, submit);
  await eventually(
    async () =>
      (await world.db.submission.findUniqueOrThrow({ where: { id } })).state === 'unit_review'
        ? true
        : undefined,
    'the submission',
  );
  return id;
}

/** The officer's item written and submitted in the console, which needs no bot. */
async function submitFromConsole(title: string): Promise<string> {
  const { cookie } = await login(world.app, 'cg_officer');
  const created = await requestJson<{ id: string }>(world.app, cookie, 'POST', '/api/submissions', {
    title,
    body: `${title}。全体教师参加。`,
    category: 'activity',
    eventAt: new Date(world.now().getTime() - 3_600_000).toISOString(),
  });
  expect(created.status).toBe(201);
  const { id } = created.body;
  const submitted = await requestJson(
    world.app,
    cookie,
    'POST',
    `/api/submissions/${id}/submit`,
    {},
  );
  expect(submitted.status).toBe(200);
  return id;
}

const requestsTo = (user: { id: number }, title: string) =>
  world.messagesTo(user.id, (m) => m.text.includes('【待审核】') && m.text.includes(title));

describe('quiet hours on the emulator (issue 14, item 1)', () => {
  it('holds a Friday 21:31 review request until Saturday 07:30, across a restart, and sends an urgent one at once', async () => {
    const ordinary = await submitFromGroup(
      world.command('/kb 城关镇中心校举行冬季长跑比赛\n全校师生参加。'),
    );
    const requests = await world.db.outboxMessage.findMany({
      where: { kind: 'review_requested', key: { startsWith: `submission:${ordinary}:` } },
    });
    expect(requests).toHaveLength(2);
    for (const r of requests) expect(r.notBefore).toEqual(shanghai('2026-11-28T07:30:00'));

    // A teacher's post from Thursday 08:00 reported now: its 48 h run out on Saturday at 08:00,
    // within 12 h of 07:30, so its reviewers hear of it tonight.
    const teacherPost = {
      message_id: 77,
      date: Math.floor(shanghai('2026-11-26T08:00:00').getTime() / 1000),
      chat: GROUP,
      from: TEACHER,
      text: '城关镇第一小学开展防溺水安全教育\n全校 600 名学生参加。',
    };
    await submitFromGroup({ ...world.command('/kb'), reply_to_message: teacherPost });
    await world.waitForMessage(
      HEAD.id,
      (m) => m.text.includes('【待审核】') && m.text.includes('防溺水'),
      'the urgent review request to the head',
    );
    await world.waitForMessage(
      DEPUTY.id,
      (m) => m.text.includes('【待审核】') && m.text.includes('防溺水'),
      'the urgent review request to the deputy',
    );

    // A restart at 23:00 releases nothing early: the hold is in the database.
    await world.stopBot();
    world.setClock('2026-11-27T23:00:00+08:00');
    world.startBot();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(requestsTo(HEAD, '冬季长跑')).toHaveLength(0);

    world.setClock('2026-11-28T07:30:05+08:00');
    await world.waitForMessage(
      HEAD.id,
      (m) => m.text.includes('【待审核】') && m.text.includes('冬季长跑'),
      'the request on Saturday morning',
    );
    await world.waitForMessage(
      DEPUTY.id,
      (m) => m.text.includes('【待审核】') && m.text.includes('冬季长跑'),
      'the request to the deputy on Saturday morning',
    );
    expect(requestsTo(HEAD, '冬季长跑')).toHaveLength(1);
  }, 60_000);

  it('never sends 待审核 and 已超过 24 小时 for one item in the same minute', async () => {
    // Saturday 21:31: the 24-hour reminder of the first item is due in quiet hours and waits
    // for Sunday 07:30 (a weekend no longer holds it).
    world.setClock('2026-11-28T21:32:00+08:00');
    const run = await runRemindersJob(world.db, {
      now: world.now(),
      holder: 'field-test',
      leaseMs: 60_000,
    });
    expect(run.ran).toBe(true);
    const reminders = await world.db.outboxMessage.findMany({
      where: { kind: 'review_pending', personId: world.county.cgHead.id },
    });
    expect(reminders.length).toBeGreaterThan(0);
    for (const r of reminders) expect(r.notBefore).toEqual(shanghai('2026-11-29T07:30:00'));

    // A new item submitted from the console on Sunday while the bot is down: when the bot
    // comes back a day later both the request and its 24-hour reminder are due; the reminder
    // waits.
    world.setClock('2026-11-29T09:00:00+08:00');
    await world.stopBot();
    const late = await submitFromConsole('城关镇中心校周日志愿服务活动');
    world.setClock('2026-11-30T10:00:00+08:00');
    await runRemindersJob(world.db, { now: world.now(), holder: 'field-test', leaseMs: 60_000 });
    expect(
      await world.db.outboxMessage.count({
        where: { kind: 'review_pending', key: { contains: `submission:${late}:` } },
      }),
    ).toBe(2);
    world.startBot();
    await world.waitForMessage(
      HEAD.id,
      (m) => m.text.includes('【待审核】') && m.text.includes('志愿服务'),
      'the late request',
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(
      world.messagesTo(
        HEAD.id,
        (m) => m.text.includes('志愿服务') && m.text.includes('【审核提醒】'),
      ),
    ).toHaveLength(0);
    // An hour after the request the reminder goes out.
    world.setClock('2026-11-30T11:01:00+08:00');
    await world.waitForMessage(
      HEAD.id,
      (m) => m.text.includes('志愿服务') && m.text.includes('【审核提醒】'),
      'the reminder an hour later',
    );
  }, 60_000);
});
