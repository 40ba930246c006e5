import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dm } from './test-support/e2e.js';
import { eventually, type BotMessage } from './test-support/emulator.js';
import { fieldWorld, type FieldWorld } from './test-support/field.js';

/**
 * Issue 14, item 7 on the Telegram emulator: incidents from chat are never lost (DESIGN §3.6,
 * §5). /yq takes a platform's name or a screenshot instead of a link, shows a summary to
 * confirm before anything is registered, offers 立即上报, and a major incident reaches the
 * unit's head and the bureau at once, at 23:00 inside quiet hours too.
 */

const OFFICER = { id: 4701, is_bot: false, first_name: '李信息' };
const HEAD = { id: 4702, is_bot: false, first_name: '钱校长' };
const REVIEWER = { id: 4703, is_bot: false, first_name: '张审核' };

let world: FieldWorld;

beforeAll(async () => {
  // A Wednesday at 23:00 in Shanghai: inside quiet hours (21:00–07:30).
  world = await fieldWorld('2026-11-25T23:00:00+08:00');
  await world.linkPerson(OFFICER.id, world.county.officer.id);
  await world.linkPerson(HEAD.id, world.county.cgHead.id);
  await world.linkPerson(REVIEWER.id, world.county.reviewer.id);
  world.startBot();
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

const officerChat = dm(OFFICER);
const press = (message: BotMessage, text: string) => {
  const button = message.buttons.find((b) => b.text === text);
  if (button?.data === undefined) throw new Error(`no button ${text} on: ${message.text}`);
  return world.telegram.press(
    OFFICER,
    { message_id: message.messageId, chat: officerChat },
    button.data,
  );
};
const seen = new Set<number>();
/** The officer's next message from the bot that passes `test` (each message once). */
async function next(test: (m: BotMessage) => boolean, what: string): Promise<BotMessage> {
  const found = await eventually(
    () => world.messagesTo(OFFICER.id, (m) => !seen.has(m.messageId) && test(m)).at(0),
    what,
  );
  seen.add(found.messageId);
  return found;
}

/** /yq up to the summary to confirm: severity, summary, then where it was seen. */
async function startIncident(severity: string, summary: string, where: Record<string, unknown>) {
  await world.send({ from: OFFICER, chat: officerChat, ...world.command('/yq') });
  const asked = await next((m) => m.text.includes('严重程度'), 'the severity question');
  await press(asked, severity);
  await next((m) => m.text.includes('事件概要'), 'the summary question');
  await world.send({ from: OFFICER, chat: officerChat, text: summary });
  await next((m) => m.text.includes('在哪里发现'), 'the source question');
  await world.send({ from: OFFICER, chat: officerChat, ...where });
  return next((m) => m.text.startsWith('请核对后登记'), 'the summary to confirm');
}

describe('incidents from chat on the emulator (issue 14, item 7)', () => {
  it('takes a platform name, confirms, alerts head and bureau at 23:00, and reports at once', async () => {
    const summary = await startIncident(
      '重大',
      '网传某校学生食物中毒\n抖音视频称多名学生送医，需立即核实。',
      {
        text: '抖音',
      },
    );
    expect(summary.text).toContain('标题：网传某校学生食物中毒');
    expect(summary.text).toContain('来源：网络 · 抖音');
    expect(summary.buttons.map((b) => b.text)).toEqual(['确认登记', '取消']);
    expect(await world.db.incident.count()).toBe(0);

    await press(summary, '确认登记');
    const done = await next((m) => m.text.startsWith('已登记'), 'the registration');
    const incident = await world.db.incident.findFirstOrThrow();
    expect(incident).toMatchObject({ severity: 'major', source: 'online', link: null });
    expect(incident.summary).toContain('发现渠道：抖音');

    // DESIGN §3.8: never delayed — both arrive now, at 23:00, not at 07:30.
    const toHead = await world.waitForMessage(
      HEAD.id,
      (m) => m.text.startsWith('【重大舆情】'),
      'the head told',
    );
    expect(toHead.text).toContain('网传某校学生食物中毒');
    await world.waitForMessage(
      REVIEWER.id,
      (m) => m.text.startsWith('【重大舆情】'),
      'the bureau told',
    );
    expect(world.messagesTo(OFFICER.id, (m) => m.text.startsWith('【重大舆情】'))).toEqual([]);

    await press(done, '立即上报');
    await next((m) => m.text.includes('已上报县教体局'), 'the report confirmed');
    await eventually(
      async () =>
        (await world.db.incident.findFirstOrThrow()).state === 'reported' ? true : undefined,
      'the incident reported',
    );
    await world.waitForMessage(
      REVIEWER.id,
      (m) => m.text.startsWith('【舆情上报】'),
      'the bureau reached',
    );
  }, 60_000);

  it('registers nothing when cancelled, and takes a screenshot as the source', async () => {
    const before = await world.db.incident.count();
    const cancelled = await startIncident('一般', '家长群转发学校收费传言', { text: '微信群' });
    await press(cancelled, '取消');
    await next((m) => m.text.startsWith('已取消'), 'the cancellation');
    expect(await world.db.incident.count()).toBe(before);

    const summary = await startIncident('一般', '网传学校违规补课', {
      photo: [{ file_id: 'shot-1', file_unique_id: 'shot-1', width: 800, height: 600 }],
    });
    expect(summary.text).toContain('（附截图）');
    await press(summary, '确认登记');
    await next((m) => m.text.startsWith('已登记'), 'the registration');
    const incident = await world.db.incident.findFirstOrThrow({
      where: { title: '网传学校违规补课' },
    });
    expect(incident.screenshotId).not.toBeNull();
    // A general incident alerts nobody at registration.
    expect(world.messagesTo(HEAD.id, (m) => m.text.includes('网传学校违规补课'))).toEqual([]);
  }, 60_000);

  it('ends /yq when a command comes instead of an answer, and handles the command', async () => {
    const before = await world.db.incident.count();
    await world.send({ from: OFFICER, chat: officerChat, ...world.command('/yq') });
    const severity = await next((m) => m.text.includes('严重程度'), 'the severity question');
    await press(severity, '一般');
    await next((m) => m.text.includes('事件概要'), 'the summary question');
    await world.send({ from: OFFICER, chat: officerChat, ...world.command('/help') });
    await next((m) => m.text.startsWith('已取消'), 'the registration ended');
    await next((m) => m.text.startsWith('教育信息宣传工作平台机器人'), 'the help');
    // The next message is not taken for the incident's summary: it is answered as any direct
    // message is, and no question of where it was seen follows.
    const sourceQuestions = () =>
      world.messagesTo(OFFICER.id, (m) => m.text.includes('在哪里发现')).length;
    const asked = sourceQuestions();
    await world.send({ from: OFFICER, chat: officerChat, text: '学校食堂被投诉' });
    await next((m) => m.text.startsWith('教育信息宣传工作平台机器人'), 'the help again');
    expect(sourceQuestions()).toBe(asked);

    // While the severity is asked, too; /cancel (also as /cancel@bot) stays the registration's
    // own answer.
    await world.send({ from: OFFICER, chat: officerChat, ...world.command('/yq') });
    await next((m) => m.text.includes('严重程度'), 'the severity question again');
    await world.send({ from: OFFICER, chat: officerChat, ...world.command('/my') });
    await next((m) => m.text.startsWith('已取消'), 'the registration ended again');
    await next((m) => /^(我的稿件|您还没有稿件)/.test(m.text), "the officer's items");
    await world.send({ from: OFFICER, chat: officerChat, ...world.command('/yq') });
    await next((m) => m.text.includes('严重程度'), 'the severity question a third time');
    await world.send({
      from: OFFICER,
      chat: officerChat,
      ...world.command('/cancel@jyxc_test_bot'),
    });
    await next((m) => m.text.startsWith('已取消'), 'the registration cancelled');
    expect(await world.db.incident.count()).toBe(before);
    // Cancelled by its own answer, not ended as a command: no help follows.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(world.messagesTo(OFFICER.id, (m) => !seen.has(m.messageId))).toEqual([]);
  }, 60_000);
});
