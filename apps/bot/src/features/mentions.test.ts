import type { Message } from 'grammy/types';
import { beforeEach, describe, expect, it } from 'vitest';
import { GROUP, HEAD, OFFICER } from '../test-support/chats.js';
import { botWorld, submissionsOf, type World } from '../test-support/harness.js';

/** A `/kb` message of the group with its mentions marked as Telegram marks them. */
function withMentions(
  world: World,
  text: string,
  mentions: readonly { text: string; userId?: number }[],
) {
  const update = world.groupText(GROUP, OFFICER, text);
  const message = update.message as Message.TextMessage;
  const entities = [...(message.entities ?? [])];
  for (const m of mentions) {
    const offset = text.indexOf(m.text);
    entities.push(
      m.userId === undefined
        ? { type: 'mention', offset, length: m.text.length }
        : {
            type: 'text_mention',
            offset,
            length: m.text.length,
            user: { id: m.userId, is_bot: false, first_name: m.text },
          },
    );
  }
  message.entities = entities;
  return update;
}

describe('co-authors named by @ in a quick report (rules §5.5)', () => {
  let world: World;
  beforeEach(async () => {
    world = await botWorld();
    await world.linkGroup(GROUP, world.county.township.id);
    await world.linkPerson(OFFICER, world.county.officer.id);
    await world.linkPerson(HEAD, world.county.cgHead.id);
    await world.db.chatIdentity.create({
      data: {
        channel: 'telegram',
        externalId: '2003',
        personId: world.county.cgDeputy.id,
        handle: 'Zhao_FG',
      },
    });
    // A linked officer of another township: not a colleague of this one.
    await world.db.chatIdentity.create({
      data: {
        channel: 'telegram',
        externalId: '2004',
        personId: world.county.ngOfficer.id,
        handle: 'zheng_ng',
      },
    });
  });

  it('makes linked colleagues co-authors and names the mentions it could not resolve', async () => {
    await world.handle(
      withMentions(
        world,
        '/kb @zhao_fg 钱校长 @zheng_ng @nobody_here 城关镇中心校开展教研活动\n全体教师参加。',
        [
          { text: '@zhao_fg' },
          { text: '钱校长', userId: HEAD },
          { text: '@zheng_ng' },
          { text: '@nobody_here' },
        ],
      ),
    );
    const [draft] = await submissionsOf(world.db);
    expect(draft?.title).toBe('钱校长 城关镇中心校开展教研活动');
    const authors = await world.db.submissionAuthor.findMany({
      where: { submissionId: draft!.id },
      orderBy: { position: 'asc' },
    });
    expect(authors.map((a) => a.personId)).toEqual([
      world.county.officer.id,
      world.county.cgDeputy.id,
      world.county.cgHead.id,
    ]);
    // The card first, then who could not be found; the draft was made all the same.
    const texts = world.sent().map((c) => String(c.payload.text));
    expect(texts[0]).toContain('快报草稿');
    expect(texts[1]).toContain('未找到 @zheng_ng、@nobody_here');
    expect(texts).toHaveLength(2);
  });

  it('says nothing more when every mention is a linked colleague', async () => {
    await world.handle(
      withMentions(world, '/kb 城关镇召开家长会 @zhao_fg', [{ text: '@zhao_fg' }]),
    );
    const [draft] = await submissionsOf(world.db);
    expect(draft?.title).toBe('城关镇召开家长会');
    expect(await world.db.submissionAuthor.count({ where: { submissionId: draft!.id } })).toBe(2);
    expect(world.sent()).toHaveLength(1);
  });
});
