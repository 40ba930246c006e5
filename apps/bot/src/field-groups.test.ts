import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dm } from './test-support/e2e.js';
import { eventually } from './test-support/emulator.js';
import { fieldWorld, type FieldWorld } from './test-support/field.js';

/**
 * Issue 14, item 6 on the Telegram emulator: groups as counties run them (DESIGN §5). A
 * township center's group serves its schools; /my and /rank in a group answer by direct
 * message; ＃快报 works; emoji or a sticker alone is no report; the same words twice within a
 * minute are asked about before a second draft is made.
 */

const OFFICER = { id: 4601, is_bot: false, first_name: '李信息' };
const SCHOOL_OFFICER = { id: 4602, is_bot: false, first_name: '孙老师' };
const NG_OFFICER = { id: 4603, is_bot: false, first_name: '郑信息' };
const GROUP = { id: -100460, type: 'group', title: '城关镇中心校工作群' };

let world: FieldWorld;

beforeAll(async () => {
  world = await fieldWorld('2026-11-25T10:00:00+08:00');
  await world.linkPerson(OFFICER.id, world.county.officer.id);
  await world.linkPerson(SCHOOL_OFFICER.id, world.county.schoolOfficer.id);
  await world.linkPerson(NG_OFFICER.id, world.county.ngOfficer.id);
  await world.linkGroup(GROUP.id, world.county.township.id);
  world.startBot();
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

const itemTitled = (title: string) =>
  eventually(
    () => world.db.submission.findFirst({ where: { title } }).then((s) => s ?? undefined),
    `the item 《${title}》`,
  );

describe('groups as counties run them on the emulator (issue 14, item 6)', () => {
  it("makes a school officer's /kb in the township's group the school's item", async () => {
    await world.send({
      from: SCHOOL_OFFICER,
      chat: GROUP,
      ...world.command('/kb 城关镇第一小学举行秋季运动会\n全校师生参加。'),
    });
    const item = await itemTitled('城关镇第一小学举行秋季运动会');
    expect(item.unitId).toBe(world.county.schoolA.id);
    const card = await world.waitForMessage(
      GROUP.id,
      (m) => m.text.includes('城关镇第一小学举行秋季运动会'),
      'the card',
    );
    expect(card.text).toContain('快报草稿（城关镇第一小学）');
  }, 30_000);

  it('refuses an officer of an unrelated unit with a hint and creates nothing', async () => {
    const before = await world.db.submission.count();
    await world.send({
      from: NG_OFFICER,
      chat: GROUP,
      ...world.command('/kb 南关镇中心校召开家长会'),
    });
    const refused = await world.waitForMessage(
      GROUP.id,
      (m) => m.text.includes('南关镇中心校') && m.text.includes('未能完成'),
      'the refusal',
    );
    expect(refused.text).toContain('只接收本单位及其所属学校人员的快报');
    expect(refused.text).toContain('请在本单位的工作群中发送 /kb');
    expect(await world.db.submission.count()).toBe(before);
  }, 30_000);

  it('takes the full-width ＃快报 like #快报', async () => {
    await world.send({ from: OFFICER, chat: GROUP, text: '＃快报 城关镇中心校开展教研活动' });
    const item = await itemTitled('城关镇中心校开展教研活动');
    expect(item.unitId).toBe(world.county.township.id);
  }, 30_000);

  it('refuses a report of emoji alone or a sticker, saying what to send', async () => {
    const before = await world.db.submission.count();
    await world.send({ from: OFFICER, chat: GROUP, ...world.command('/kb 👍🎉') });
    const emoji = await world.waitForMessage(
      GROUP.id,
      (m) => m.text.startsWith('快报只有表情'),
      'the emoji refusal',
    );
    expect(emoji.text).toContain('/kb 标题');
    const sticker = {
      message_id: 9601,
      date: Math.floor(world.now().getTime() / 1000),
      chat: GROUP,
      from: OFFICER,
      sticker: {
        file_id: 'sticker-1',
        file_unique_id: 'sticker-1',
        type: 'regular',
        width: 512,
        height: 512,
        is_animated: false,
        is_video: false,
        emoji: '👍',
      },
    };
    await world.send(sticker);
    await world.send({
      from: OFFICER,
      chat: GROUP,
      ...world.command('/kb'),
      reply_to_message: sticker,
    });
    const refused = await world.waitForMessage(
      GROUP.id,
      (m) => m.text.startsWith('贴纸不能作为快报'),
      'the sticker refusal',
    );
    expect(refused.text).toContain('/kb 标题');
    expect(await world.db.submission.count()).toBe(before);
  }, 30_000);

  it('asks before making a second draft of the same words within a minute', async () => {
    const text = '/kb 城关镇中心校举办读书节\n各校师生踊跃参加。';
    await world.send({ from: OFFICER, chat: GROUP, ...world.command(text) });
    await itemTitled('城关镇中心校举办读书节');
    await world.send({ from: OFFICER, chat: GROUP, ...world.command(text) });
    const asked = await world.waitForMessage(
      GROUP.id,
      (m) => m.text.includes('相同的快报') && m.buttons.length === 2,
      'the question',
    );
    expect(asked.buttons.map((b) => b.text)).toEqual(['是重复，忽略', '不是，再建一条']);
    const count = () => world.db.submission.count({ where: { title: '城关镇中心校举办读书节' } });
    expect(await count()).toBe(1);

    // Only the sender answers; then 是重复 leaves one draft.
    const ignore = asked.buttons[0]?.data ?? '';
    await world.telegram.press(
      SCHOOL_OFFICER,
      { message_id: asked.messageId, chat: GROUP },
      ignore,
    );
    await world.telegram.press(OFFICER, { message_id: asked.messageId, chat: GROUP }, ignore);
    await world.waitForMessage(
      GROUP.id,
      (m) => m.messageId === asked.messageId && m.text.includes('已忽略'),
      'the question answered',
    );
    expect(await count()).toBe(1);

    // Sent once more, and this time it is meant: 不是，再建一条 makes the second draft.
    await world.send({ from: OFFICER, chat: GROUP, ...world.command(text) });
    const again = await world.waitForMessage(
      GROUP.id,
      (m) => m.text.includes('相同的快报') && m.messageId !== asked.messageId,
      'the second question',
    );
    await world.telegram.press(
      OFFICER,
      { message_id: again.messageId, chat: GROUP },
      again.buttons[1]?.data ?? '',
    );
    await eventually(async () => ((await count()) === 2 ? true : undefined), 'the second draft');
  }, 40_000);

  it('answers /my and /rank sent in a group by direct message', async () => {
    await world.send({ from: OFFICER, chat: dm(OFFICER), ...world.command('/help') });
    await world.send({ from: OFFICER, chat: GROUP, ...world.command('/my') });
    const mine = await world.waitForMessage(
      OFFICER.id,
      (m) => m.text.startsWith('我的稿件（共'),
      'the list in the direct chat',
    );
    expect(mine.text).toContain('城关镇中心校开展教研活动');
    const told = await world.waitForMessage(
      GROUP.id,
      (m) => m.text.startsWith('已私信发送'),
      'the group told',
    );
    expect(world.messagesTo(GROUP.id, (m) => m.text.startsWith('我的稿件（共'))).toEqual([]);
    expect(told.text).not.toContain('城关镇中心校开展教研活动');

    await world.send({ from: OFFICER, chat: GROUP, ...world.command('/rank') });
    await world.waitForMessage(OFFICER.id, (m) => m.text.includes('名次'), 'the rank in DM');
    expect(world.messagesTo(GROUP.id, (m) => m.text.includes('名次'))).toEqual([]);
  }, 30_000);

  it('asks someone who never started the bot to open a direct chat first', async () => {
    world.telegram.neverStarted(SCHOOL_OFFICER.id);
    await world.send({ from: SCHOOL_OFFICER, chat: GROUP, ...world.command('/my') });
    const hint = await world.waitForMessage(
      GROUP.id,
      (m) => m.text.startsWith('我还不能私信您'),
      'the hint',
    );
    expect(hint.text).toContain('/my');
    expect(hint.buttons[0]?.url).toMatch(/^https:\/\/t\.me\//);
    expect(world.messagesTo(GROUP.id, (m) => m.text.startsWith('我的稿件（共'))).toEqual([]);
  }, 30_000);
});
