import { login } from '@jyxc/api/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dm } from './test-support/e2e.js';
import { eventually } from './test-support/emulator.js';
import { fieldWorld, type FieldWorld } from './test-support/field.js';

/**
 * Issue 14, item 3 on the Telegram emulator: links are safe (DESIGN §5). A personal code posted
 * in a group is void at once and its sender told; a person linked anew from another account
 * tells the old one; a person sees and ends their link with /links.
 */

const OFFICER = { id: 4301, is_bot: false, first_name: '李信息' };
const NEW_PHONE = { id: 4302, is_bot: false, first_name: '李信息', username: 'li_new_phone' };
const GROUP = { id: -100430, type: 'group', title: '城关镇中心校工作群' };

let world: FieldWorld;
let admin: string;

beforeAll(async () => {
  world = await fieldWorld('2026-11-25T10:00:00+08:00');
  await world.linkGroup(GROUP.id, world.county.township.id);
  admin = (await login(world.app, 'admin')).cookie;
  world.startBot();
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

async function personCode(personId: string): Promise<string> {
  const response = await world.app.request('/api/link-codes', {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: admin, origin: 'http://localhost' },
    body: JSON.stringify({ kind: 'person', personId }),
  });
  const body = (await response.json()) as { code?: string };
  if (body.code === undefined) throw new Error(`no code: ${JSON.stringify(body)}`);
  return body.code;
}

describe('safe links on the emulator (issue 14, item 3)', () => {
  it('voids a personal code posted in a group at once and tells its sender directly', async () => {
    const code = await personCode(world.county.officer.id);
    await world.send({ from: OFFICER, chat: GROUP, ...world.command(`/start ${code}`) });
    const told = await world.waitForMessage(
      OFFICER.id,
      (m) => m.text.includes('出现在群里'),
      'the direct message to the sender',
    );
    expect(told.text).toContain('已作废');
    const inGroup = await world.waitForMessage(
      GROUP.id,
      (m) => m.text.includes('已立即作废'),
      'the group told',
    );
    expect(inGroup.text).not.toContain(code);

    // The code no longer links anyone, not even from a direct message.
    await world.send({ from: OFFICER, chat: dm(OFFICER), ...world.command(`/start ${code}`) });
    await world.waitForMessage(OFFICER.id, (m) => m.text.includes('过期'), 'the refusal');
    expect(await world.db.chatIdentity.count()).toBe(0);
  }, 30_000);

  it('tells the account linked before when the person links another one', async () => {
    await world.send({
      from: OFFICER,
      chat: dm(OFFICER),
      ...world.command(`/start ${await personCode(world.county.officer.id)}`),
    });
    await world.waitForMessage(OFFICER.id, (m) => m.text.includes('绑定成功'), 'the first link');
    await world.send({
      from: NEW_PHONE,
      chat: dm(NEW_PHONE),
      ...world.command(`/start ${await personCode(world.county.officer.id)}`),
    });
    await world.waitForMessage(NEW_PHONE.id, (m) => m.text.includes('绑定成功'), 'the new link');
    const warned = await world.waitForMessage(
      OFFICER.id,
      (m) => m.text.includes('@li_new_phone'),
      'the old account told',
    );
    expect(warned.text).toContain('如果不是您本人操作');
  }, 30_000);

  it('shows a person their link with /links and ends it with a button', async () => {
    await world.send({ from: NEW_PHONE, chat: dm(NEW_PHONE), ...world.command('/links') });
    const shown = await world.waitForMessage(
      NEW_PHONE.id,
      (m) => m.text.includes('本 Telegram 账号绑定的是'),
      'the link shown',
    );
    expect(shown.text).toContain(world.county.officer.name);
    const end = shown.buttons.find((b) => b.text === '解除绑定');
    expect(end?.data).toBe('link:end');
    await world.telegram.press(
      NEW_PHONE,
      { message_id: shown.messageId, chat: dm(NEW_PHONE) },
      end?.data ?? '',
    );
    await eventually(
      async () => ((await world.db.chatIdentity.count()) === 0 ? true : undefined),
      'the link ended',
    );
    expect(await world.db.auditLog.count({ where: { action: 'chat.unlinkSelf' } })).toBe(1);
  }, 30_000);
});
