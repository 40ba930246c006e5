import { beforeEach, describe, expect, it } from 'vitest';
import { buttonsOf, GROUP, OFFICER } from '../test-support/chats.js';
import { botWorld, submissionsOf, type World } from '../test-support/harness.js';

describe('quick reports', () => {
  let world: World;
  beforeEach(async () => {
    world = await botWorld();
    await world.linkGroup(GROUP, world.county.township.id);
    await world.linkPerson(OFFICER, world.county.officer.id);
  });

  it('turns /kb with a photo into a draft and answers with a card, its three buttons and 标记重大', async () => {
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
      // Issue 14: a report can be marked 重大 from its card.
      `it:major:${draft?.id}`,
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
