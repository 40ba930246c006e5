import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readableReason } from './features/errors.js';
import { fieldWorld, type FieldWorld } from './test-support/field.js';

/**
 * Issue 14, item 9 on the Telegram emulator: messages people understand. A refusal never names
 * a field by its code (字段 text).
 */

const OFFICER = { id: 4901, is_bot: false, first_name: '李信息' };
const GROUP = { id: -100490, type: 'group', title: '城关镇中心校工作群' };

let world: FieldWorld;

beforeAll(async () => {
  world = await fieldWorld('2026-11-25T10:00:00+08:00');
  await world.linkPerson(OFFICER.id, world.county.officer.id);
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
  });
});
