import { beforeEach, describe, expect, it } from 'vitest';
import { OFFICER, GROUP, STRANGER } from '../test-support/chats.js';
import { botWorld, submissionsOf, type World } from '../test-support/harness.js';

describe('linking and strangers', () => {
  let world: World;
  beforeEach(async () => {
    world = await botWorld();
  });

  it('explains how to link an account when a stranger writes to it', async () => {
    await world.handle(world.privateText(STRANGER, '你好'));
    expect(world.sent()).toHaveLength(1);
    expect(world.lastText()).toContain('/start 绑定码');
  });

  it('links an account with a one-time code from the console, and refuses the code a second time', async () => {
    const cookie = await world.adminCookie();
    const issued = await world.app.request('/api/link-codes', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: 'http://localhost' },
      body: JSON.stringify({ kind: 'person', personId: world.county.officer.id }),
    });
    expect(issued.status).toBe(201);
    const { code } = (await issued.json()) as { code: string };
    await world.handle(world.privateText(OFFICER, `/start ${code}`));
    expect(world.lastText()).toContain('绑定成功');
    expect(world.lastText()).toContain('李信息');
    await world.handle(world.privateText(STRANGER, `/start ${code}`));
    expect(world.lastText()).toMatch(/未能完成|绑定码/);
    expect(await world.db.chatIdentity.count()).toBe(1);
  });

  it('links a work group with /bindgroup and a group code', async () => {
    const cookie = await world.adminCookie();
    const issued = await world.app.request('/api/link-codes', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: 'http://localhost' },
      body: JSON.stringify({ kind: 'group', unitId: world.county.township.id }),
    });
    const { code } = (await issued.json()) as { code: string };
    await world.handle(world.groupText(GROUP, OFFICER, `/bindgroup ${code}`));
    expect(world.lastText()).toContain('城关镇中心校');
    expect(await world.db.chatGroup.count()).toBe(1);
  });

  it('creates nothing for a quick report in an unlinked group, and says how to link it', async () => {
    await world.linkPerson(OFFICER, world.county.officer.id);
    await world.handle(world.groupText(GROUP, OFFICER, '/kb 城关镇开展防溺水教育'));
    expect(world.lastText()).toContain('/bindgroup');
    expect(await submissionsOf(world.db)).toHaveLength(0);
  });

  it('creates nothing for an unlinked person in a linked group, and says how to link', async () => {
    await world.linkGroup(GROUP, world.county.township.id);
    await world.handle(world.groupText(GROUP, STRANGER, '/kb 城关镇开展防溺水教育'));
    expect(world.lastText()).toContain('/start 绑定码');
    expect(await submissionsOf(world.db)).toHaveLength(0);
  });

  it('stays silent on ordinary group chatter', async () => {
    await world.linkGroup(GROUP, world.county.township.id);
    await world.handle(world.groupText(GROUP, OFFICER, '今天的会议改到下午'));
    expect(world.sent()).toHaveLength(0);
  });
});
