import { login } from '@jyxc/api/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './test-support/emulator.js';
import { fieldWorld, type FieldWorld } from './test-support/field.js';
import { botInfo } from './test-support/harness.js';

/**
 * Issue 14, item 6 on the Telegram emulator: a group's binding follows it when Telegram turns it
 * into a supergroup (new chat id), and the bot's removal from a group is recorded and shown to
 * admins (DESIGN §5).
 */

const OFFICER = { id: 4701, is_bot: false, first_name: '李信息' };
const GROUP = { id: -470, type: 'group', title: '城关镇中心校工作群' };
const SUPERGROUP = { id: -1001470, type: 'supergroup', title: '城关镇中心校工作群' };
const BOT = { ...botInfo, id: 123456 };

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

function bindingOf(chatId: number) {
  return world.db.chatGroup.findUnique({
    where: { channel_chatId: { channel: 'telegram', chatId: String(chatId) } },
  });
}

describe('group bindings that follow the group (issue 14, item 6)', () => {
  it('moves the binding to the supergroup’s new id, and quick reports there reach the unit', async () => {
    // Telegram tells the old group where it went, then the new supergroup where it came from.
    await world.send({ from: OFFICER, chat: GROUP, migrate_to_chat_id: SUPERGROUP.id });
    await world.send({ from: OFFICER, chat: SUPERGROUP, migrate_from_chat_id: GROUP.id });
    const moved = await eventually(
      () => bindingOf(SUPERGROUP.id).then((g) => g ?? undefined),
      'the binding moved',
    );
    expect(moved.unitId).toBe(world.county.township.id);
    expect(await bindingOf(GROUP.id)).toBeNull();
    await eventually(
      async () =>
        (await world.db.processedUpdate.count({ where: { result: { not: null } } })) >= 2
          ? true
          : undefined,
      'both service messages handled',
    );
    expect(await world.db.auditLog.count({ where: { action: 'chat.groupMigrated' } })).toBe(1);

    await world.send({
      from: OFFICER,
      chat: SUPERGROUP,
      ...world.command('/kb 城关镇开展防溺水安全教育\n全镇师生参加。'),
    });
    await world.waitForMessage(
      SUPERGROUP.id,
      (m) => m.text.includes('城关镇开展防溺水安全教育'),
      'the card in the supergroup',
    );
    const item = await world.db.submission.findFirstOrThrow({
      where: { title: '城关镇开展防溺水安全教育' },
    });
    expect(item).toMatchObject({
      unitId: world.county.township.id,
      sourceChatId: String(SUPERGROUP.id),
    });
  }, 30_000);

  it('records the bot’s removal from the group with the time, shown on the chat bindings page', async () => {
    const kickedAt = world.now();
    world.telegram.inject({
      my_chat_member: {
        chat: SUPERGROUP,
        from: { id: 4799, is_bot: false, first_name: '群主' },
        date: Math.floor(kickedAt.getTime() / 1000),
        old_chat_member: { user: BOT, status: 'member' },
        new_chat_member: { user: BOT, status: 'kicked', until_date: 0 },
      },
    });
    const removed = await eventually(
      () => bindingOf(SUPERGROUP.id).then((g) => (g?.removedAt == null ? undefined : g)),
      'the binding marked removed',
    );
    // The world's clock runs on: the time is when the bot learned of it.
    expect(Math.abs((removed.removedAt?.getTime() ?? 0) - kickedAt.getTime())).toBeLessThan(10_000);
    const entry = await world.db.auditLog.findFirstOrThrow({
      where: { action: 'chat.groupRemoved' },
    });
    expect(entry).toMatchObject({ entityId: removed.id, actorKind: 'bot' });
    expect(JSON.parse(entry.after ?? '{}')).toMatchObject({ status: 'kicked' });

    const { cookie } = await login(world.app, 'admin');
    const page = await world.app.request('/api/chat-links', { headers: { cookie } });
    const { groups } = (await page.json()) as {
      groups: { chatId: string; removedAt: string | null }[];
    };
    expect(groups.find((g) => g.chatId === String(SUPERGROUP.id))?.removedAt).toBe(
      removed.removedAt?.toISOString(),
    );
  }, 30_000);
});
