import { beforeEach, describe, expect, it } from 'vitest';
import {
  buttonsOf,
  callback,
  delivery,
  GROUP,
  HEAD,
  OFFICER,
  submittedDraft,
} from '../test-support/chats.js';
import { botWorld, type World } from '../test-support/harness.js';

describe('review from a direct message', () => {
  let world: World;
  beforeEach(async () => {
    world = await botWorld();
    await world.linkGroup(GROUP, world.county.township.id);
    await world.linkPerson(OFFICER, world.county.officer.id);
    await world.linkPerson(HEAD, world.county.cgHead.id);
  });

  it('submits from the card, sends the head a preview with 通过并报送 / 退回 / 在后台打开, and approves that revision', async () => {
    const id = await submittedDraft(world);
    expect((await world.db.submission.findUniqueOrThrow({ where: { id } })).state).toBe(
      'unit_review',
    );
    world.reset();
    await delivery(world).runOnce();
    const toHead = world.sent().find((c) => c.payload.chat_id === String(HEAD));
    expect(String(toHead?.payload.text)).toContain('【待审核】');
    const buttons = buttonsOf(toHead);
    expect(buttons[0]).toMatch(new RegExp(`^rv:ok:${id}:\\d+$`));
    expect(buttons[1]).toMatch(/^rv:ret:/);
    expect(buttons[2]).toBe('url');
    await callback(world, HEAD, buttons[0] ?? '', { message_id: 7000, chatId: HEAD });
    expect((await world.db.submission.findUniqueOrThrow({ where: { id } })).state).toBe(
      'bureau_review',
    );
    // Delivered once: a second pass finds nothing more for the head.
    world.reset();
    await delivery(world).runOnce();
    expect(world.sent().filter((c) => c.payload.chat_id === String(HEAD))).toHaveLength(0);
  });

  it('refuses an approval of a revision that has since changed, with a clear answer and the current one', async () => {
    const id = await submittedDraft(world);
    const version = (await world.db.submission.findUniqueOrThrow({ where: { id } })).version;
    await callback(world, HEAD, `rv:ok:${id}:${version - 1}`, { message_id: 7000, chatId: HEAD });
    const answer = world.sent('answerCallbackQuery').at(-1);
    expect(String(answer?.payload.text)).toContain('已被修改，请重新查看');
    expect((await world.db.submission.findUniqueOrThrow({ where: { id } })).state).toBe(
      'unit_review',
    );
    expect(buttonsOf(world.sent().at(-1))[0]).toBe(`rv:ok:${id}:${version}`);
  });

  it('asks for the reason before returning an item, then returns it', async () => {
    const id = await submittedDraft(world);
    const version = (await world.db.submission.findUniqueOrThrow({ where: { id } })).version;
    await callback(world, HEAD, `rv:ret:${id}:${version}`, { message_id: 7000, chatId: HEAD });
    expect(world.lastText()).toContain('退回原因');
    await world.handle(world.privateText(HEAD, '请补充活动照片和参加人数'));
    expect(world.lastText()).toContain('已退回');
    const returned = await world.db.submission.findUniqueOrThrow({ where: { id } });
    expect(returned.state).toBe('returned');
  });
});
