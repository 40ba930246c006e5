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
const TEACHER = { id: 4202, is_bot: false, first_name: '王老师' };

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
    // Only this burst's cards: a card of the outage tests may still arrive meanwhile.
    const burstCards = () => cards().filter((m) => /工作简报|冬季运动会/.test(m.text)).length;
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
    await eventually(() => (burstCards() >= 25 ? true : undefined), "the burst's cards");
    expect(burstCards()).toBe(25);
  }, 120_000);

  async function itemTitled(title: string) {
    return eventually(
      () => world.db.submission.findFirst({ where: { title } }).then((s) => s ?? undefined),
      `the item 《${title}》`,
    );
  }
  const attachmentsOf = (submissionId: string) =>
    world.db.attachment.findMany({ where: { submissionId }, orderBy: { createdAt: 'asc' } });
  const kbCaption = (text: string) => ({
    caption: text,
    caption_entities: [{ type: 'bot_command', offset: 0, length: 3 }],
  });

  it('takes an original-quality image file (原图) and a video as attachments, and says why a large video is left out', async () => {
    await world.send({
      from: OFFICER,
      chat: GROUP,
      document: {
        file_id: 'doc-original-1',
        file_unique_id: 'udo1',
        file_name: 'IMG_0001.JPG',
        mime_type: 'image/jpeg',
        file_size: 3_000_000,
      },
      ...kbCaption('/kb 城关镇中心校原图快报\n原图发送。'),
    });
    const original = await itemTitled('城关镇中心校原图快报');
    await eventually(
      async () => ((await attachmentsOf(original.id)).length === 1 ? true : undefined),
      'the original on the item',
    );

    await world.send({
      from: OFFICER,
      chat: GROUP,
      video: {
        file_id: 'video-1',
        file_unique_id: 'uv1',
        width: 1280,
        height: 720,
        duration: 12,
        mime_type: 'video/mp4',
        file_size: 5_000_000,
      },
      ...kbCaption('/kb 城关镇中心校视频快报\n一段视频。'),
    });
    const withVideo = await itemTitled('城关镇中心校视频快报');
    const [video] = await eventually(async () => {
      const found = await attachmentsOf(withVideo.id);
      return found.length === 1 ? found : undefined;
    }, 'the video on the item');
    expect(video?.mime).toBe('video/mp4');

    await world.send({
      from: OFFICER,
      chat: GROUP,
      video: {
        file_id: 'video-big',
        file_unique_id: 'uvb',
        width: 1920,
        height: 1080,
        duration: 300,
        mime_type: 'video/mp4',
        file_size: 30 * 1024 * 1024,
      },
      ...kbCaption('/kb 城关镇中心校长视频\n五分钟。'),
    });
    const told = await eventually(
      () => world.messagesTo(GROUP.id, (m) => m.text.includes('超过了 20 MB')).at(0),
      'the sender told the video is too large',
    );
    expect(told.text).toContain('视频有 30 MB');
    const long = await itemTitled('城关镇中心校长视频');
    expect(await attachmentsOf(long.id)).toHaveLength(0);
  }, 60_000);

  it('turns a `/kb` reply to a caption-less photo of an album into the album with its caption', async () => {
    const album = [1, 2, 3].map((i) => ({
      message_id: 9100 + i,
      date: Math.floor(world.now().getTime() / 1000),
      chat: GROUP,
      from: TEACHER,
      media_group_id: 'teacher-album',
      photo: [{ file_id: `teacher-${i}`, file_unique_id: `ut-${i}`, width: 800, height: 600 }],
      ...(i === 1 ? { caption: '城关镇第三小学举办书法比赛\n120 名学生参赛。' } : {}),
    }));
    for (const message of album) await world.send(message);
    await sleep(500);
    await world.send({
      from: OFFICER,
      chat: GROUP,
      ...world.command('/kb'),
      reply_to_message: album[1],
    });
    const item = await itemTitled('城关镇第三小学举办书法比赛');
    await eventually(
      async () => ((await attachmentsOf(item.id)).length === 3 ? true : undefined),
      'the three photos of the album',
    );

    const lone = {
      message_id: 9200,
      date: Math.floor(world.now().getTime() / 1000),
      chat: GROUP,
      from: TEACHER,
      photo: [{ file_id: 'teacher-lone', file_unique_id: 'utl', width: 800, height: 600 }],
    };
    await world.send(lone);
    await world.send({
      from: OFFICER,
      chat: GROUP,
      ...world.command('/kb'),
      reply_to_message: lone,
    });
    const untitled = await itemTitled('图片快报（请补充标题）');
    await eventually(
      async () => ((await attachmentsOf(untitled.id)).length === 1 ? true : undefined),
      'the lone photo',
    );
  }, 60_000);
});
