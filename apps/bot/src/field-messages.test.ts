import { runRemindersJob } from '@jyxc/api/test-support';
import { SUBMISSION_STATE_LABELS } from '@jyxc/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { success } from './backend.js';
import { readableReason } from './features/errors.js';
import { dm } from './test-support/e2e.js';
import { eventually } from './test-support/emulator.js';
import { fieldWorld, type FieldWorld } from './test-support/field.js';

/**
 * Issue 14, item 9 on the Telegram emulator: messages people understand. A refusal never names
 * a field by its code (字段 text) nor speaks English; a period reads 2026年下半年; a reminder
 * that mentions buttons has them; a state has one name, the console's.
 */

const OFFICER = { id: 4901, is_bot: false, first_name: '李信息' };
const HEAD = { id: 4902, is_bot: false, first_name: '钱校长' };
const DEPUTY = { id: 4903, is_bot: false, first_name: '赵分管' };
const GROUP = { id: -100490, type: 'group', title: '城关镇中心校工作群' };

let world: FieldWorld;

beforeAll(async () => {
  world = await fieldWorld('2026-11-25T10:00:00+08:00');
  await world.linkPerson(OFFICER.id, world.county.officer.id);
  await world.linkPerson(HEAD.id, world.county.cgHead.id);
  await world.linkPerson(DEPUTY.id, world.county.cgDeputy.id);
  await world.linkGroup(GROUP.id, world.county.township.id);
  world.startBot();
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

describe('messages people understand on the emulator (issue 14, item 9)', () => {
  it('names the field in words, never as 字段 text, when a quick report is refused', async () => {
    await world.send({
      from: OFFICER,
      chat: GROUP,
      ...world.command(`/kb 过长的快报\n${'很'.repeat(20_001)}`),
    });
    const refused = await world.waitForMessage(
      GROUP.id,
      (m) => m.text.startsWith('未能完成'),
      'the refusal',
    );
    expect(refused.text).not.toMatch(/字段 [A-Za-z]/);
    expect(refused.text).toContain('快报内容：快报最多 20000 个字');
  }, 30_000);

  it('drops a field code it has no words for', () => {
    expect(readableReason('字段 messageDate：请使用 ISO 8601 时间')).toBe('请使用 ISO 8601 时间');
    expect(readableReason('字段 photos.0.bytes：图片内容为空')).toBe('图片：图片内容为空');
    expect(readableReason('字段 severity：调整等级须指定新的等级')).toBe(
      '严重程度：调整等级须指定新的等级',
    );
  });

  it('explains an answer of the API without a reason in Chinese, not as "API answered"', async () => {
    const refused = await success({
      ok: false,
      status: 413,
      json: () => Promise.reject(new Error('not JSON')),
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toBe('系统未能处理这个请求（HTTP 413）');
  });

  it('reads the period as 2026年下半年 in /rank', async () => {
    await world.send({ from: OFFICER, chat: dm(OFFICER), ...world.command('/rank') });
    const rank = await world.waitForMessage(OFFICER.id, (m) => m.text.includes('名次'), 'the rank');
    expect(rank.text.startsWith('2026年下半年 · 城关镇中心校')).toBe(true);
    expect(rank.text).not.toMatch(/\d{4}-(?:H1|H2|Y)/);
  }, 30_000);

  it('names a withdrawn draft as the console does: 撤回, 已撤回', async () => {
    await world.send({
      from: OFFICER,
      chat: GROUP,
      ...world.command('/kb 城关镇中心校召开家长会'),
    });
    const card = await world.waitForMessage(
      GROUP.id,
      (m) =>
        m.text.includes('城关镇中心校召开家长会') &&
        m.buttons.some((b) => b.data?.startsWith('qr:submit:') === true),
      'the card',
    );
    const withdraw = card.buttons.find((b) => b.data?.startsWith('qr:withdraw:') === true);
    expect(withdraw?.text).toBe('撤回');
    await world.telegram.press(
      OFFICER,
      { message_id: card.messageId, chat: GROUP },
      withdraw?.data ?? '',
    );
    const done = await world.waitForMessage(
      GROUP.id,
      (m) => m.messageId === card.messageId && m.buttons.length === 0,
      'the card withdrawn',
    );
    expect(done.text).toContain(`状态：${SUBMISSION_STATE_LABELS['zh-CN'].withdrawn}`);
    expect(done.text).toContain('草稿已撤回');
    expect(world.telegram.calls().filter((c) => c.text?.includes('撤销') === true)).toEqual([]);
  }, 30_000);

  it('gives a review reminder that mentions buttons the buttons', async () => {
    await world.send({
      from: OFFICER,
      chat: GROUP,
      ...world.command('/kb 城关镇中心校开展冬季安全检查\n检查覆盖全镇 12 所学校。'),
    });
    const card = await world.waitForMessage(
      GROUP.id,
      (m) =>
        m.text.includes('冬季安全检查') &&
        m.buttons.some((b) => b.data?.startsWith('qr:submit:') === true),
      'the card',
    );
    const submit = card.buttons.find((b) => b.data?.startsWith('qr:submit:') === true);
    await world.telegram.press(
      OFFICER,
      { message_id: card.messageId, chat: GROUP },
      submit?.data ?? '',
    );
    await world.waitForMessage(DEPUTY.id, (m) => m.text.includes('冬季安全检查'), 'the request');

    // A day and an hour later, on a Thursday morning, the reminder is due.
    world.setClock('2026-11-26T11:00:00+08:00');
    await runRemindersJob(world.db, { now: world.now(), holder: 'field-test', leaseMs: 60_000 });
    const reminder = await eventually(
      () =>
        [HEAD.id, DEPUTY.id]
          .flatMap((id) =>
            world.messagesTo(
              id,
              (m) => m.text.startsWith('【审核提醒】') && m.text.includes('冬季安全检查'),
            ),
          )
          .at(0),
      'the reminder',
    );
    expect(reminder.text).toContain('点下方“查看全文”');
    expect(reminder.buttons.map((b) => b.text)).toEqual(['查看全文', '退回']);
  }, 40_000);
});
