import { beforeEach, describe, expect, it } from 'vitest';
import { callback, GROUP, OFFICER } from '../test-support/chats.js';
import { botWorld, type World } from '../test-support/harness.js';

describe('commands', () => {
  let world: World;
  beforeEach(async () => {
    world = await botWorld();
    await world.linkGroup(GROUP, world.county.township.id);
    await world.linkPerson(OFFICER, world.county.officer.id);
  });

  it('/my lists my items with their states', async () => {
    await world.handle(world.groupText(GROUP, OFFICER, '/kb 城关镇开展防溺水安全教育'));
    await world.handle(world.privateText(OFFICER, '/my'));
    expect(world.lastText()).toContain('《城关镇开展防溺水安全教育》 草稿');
  });

  it('/rank shows the unit’s rank and quota progress this period', async () => {
    await world.handle(world.privateText(OFFICER, '/rank'));
    expect(world.lastText()).toContain('城关镇中心校');
    expect(world.lastText()).toContain('名次');
    // DESIGN §6: the period reads 2026年上半年, never its key 2026-H1.
    expect(world.lastText()).toMatch(/^\d{4}年[上下]半年 · /);
  });

  it('/yq registers an incident through a guided conversation', async () => {
    await world.handle(world.privateText(OFFICER, '/yq'));
    expect(world.lastText()).toContain('严重程度');
    await callback(world, OFFICER, 'yq:significant', { message_id: 5000, chatId: OFFICER });
    expect(world.lastText()).toContain('事件概要');
    await world.handle(
      world.privateText(OFFICER, '网传某校食堂卫生问题\n家长群转发照片，需核实。'),
    );
    expect(world.lastText()).toContain('链接');
    await world.handle(world.privateText(OFFICER, 'https://example.com/post/1'));
    // Nothing is registered before the summary is confirmed.
    expect(world.lastText()).toContain('请核对后登记');
    expect(await world.db.incident.count()).toBe(0);
    await callback(world, OFFICER, 'yq:confirm', { message_id: 5001, chatId: OFFICER });
    expect(world.lastText()).toContain('已登记');
    const incident = await world.db.incident.findFirstOrThrow();
    expect(incident).toMatchObject({
      title: '网传某校食堂卫生问题',
      severity: 'significant',
      source: 'online',
      link: 'https://example.com/post/1',
    });
  });

  it('answers /help in English for an English-speaking user', async () => {
    const update = world.privateText(OFFICER, '/help');
    if (update.message?.from) update.message.from.language_code = 'en';
    await world.handle(update);
    expect(world.lastText()).toContain('Quick report');
  });
});
