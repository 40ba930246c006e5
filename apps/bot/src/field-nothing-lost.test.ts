import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './test-support/emulator.js';
import { fieldWorld, type FieldWorld } from './test-support/field.js';

/**
 * Issue 14, item 2 on the Telegram emulator: nothing is lost (DESIGN §5). A brief API outage
 * delays the answer and loses nothing; a longer one is told to the sender; a fast sender is
 * slowed down, never dropped.
 */

const OFFICER = { id: 4201, is_bot: false, first_name: '李信息' };
const GROUP = { id: -100420, type: 'group', title: '城关镇中心校工作群' };

let world: FieldWorld;

beforeAll(async () => {
  world = await fieldWorld('2026-11-25T10:00:00+08:00', { unreachableRetryMs: 5_000 });
  await world.linkPerson(OFFICER.id, world.county.officer.id);
  await world.linkGroup(GROUP.id, world.county.township.id);
  world.startBot();
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

const cards = () => world.messagesTo(GROUP.id, (m) => m.text.startsWith('📝 快报草稿'));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('nothing lost on the emulator (issue 14, item 2)', () => {
  it('handles a report sent while the API is unreachable for a few seconds once it returns', async () => {
    world.apiDown();
    await world.send({
      from: OFFICER,
      chat: GROUP,
      ...world.command('/kb 城关镇中心校开展消防演练\n全校师生有序疏散。'),
    });
    await sleep(2_000);
    expect(cards()).toHaveLength(0);
    world.apiUp();
    await eventually(() => (cards().length === 1 ? true : undefined), 'the card after the outage');
    expect(await world.db.submission.count({ where: { title: '城关镇中心校开展消防演练' } })).toBe(
      1,
    );
  }, 30_000);

  it('tells the sender to send again when the API stays away', async () => {
    world.apiDown();
    await world.send({
      from: OFFICER,
      chat: GROUP,
      ...world.command('/kb 城关镇中心校召开家长会\n内容。'),
    });
    const told = await eventually(
      () => world.messagesTo(GROUP.id, (m) => m.text.includes('系统暂时连不上')).at(0),
      'the sender told',
    );
    expect(told.text).toContain('重新发送');
    world.apiUp();
  }, 30_000);

  it('slows a fast sender down and keeps every photo: 24 quick reports, then a 10-photo album', async () => {
    const before = cards().length;
    for (let i = 1; i <= 24; i += 1) {
      await world.send({
        from: OFFICER,
        chat: GROUP,
        ...world.command(`/kb 城关镇中心校第${i}项工作简报\n内容。`),
      });
    }
    for (let i = 1; i <= 10; i += 1) {
      await world.send({
        from: OFFICER,
        chat: GROUP,
        media_group_id: 'burst-album',
        photo: [{ file_id: `burst-${i}`, file_unique_id: `ub-${i}`, width: 800, height: 600 }],
        ...(i === 1
          ? {
              caption: '/kb 城关镇中心校冬季运动会\n十张照片。',
              caption_entities: [{ type: 'bot_command', offset: 0, length: 3 }],
            }
          : {}),
      });
    }
    const item = await eventually(
      () =>
        world.db.submission
          .findFirst({ where: { title: '城关镇中心校冬季运动会' } })
          .then((s) => s ?? undefined),
      'the album report',
      60_000,
    );
    await eventually(
      async () =>
        (await world.db.attachment.count({ where: { submissionId: item.id } })) === 10
          ? true
          : undefined,
      'all ten photos on the item',
      60_000,
    );
    expect(cards().length - before).toBe(25);
  }, 120_000);
});
