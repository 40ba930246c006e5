import { login, requestJson } from '@jyxc/api/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dm } from './test-support/e2e.js';
import { eventually, photoBytes, type BotMessage } from './test-support/emulator.js';
import { fieldWorld, type FieldWorld } from './test-support/field.js';

/**
 * Issue 14, item 4 on the Telegram emulator: reviews without confusion (DESIGN §5). Head and
 * deputy both get the request; when one decides, in chat or in the console, the other's request
 * says who did what and loses its buttons; a stale button says the truth; the full text shows
 * the photos first; a command ends the wait for a return reason.
 */

const HEAD = { id: 4401, is_bot: false, first_name: '钱' };
const DEPUTY = { id: 4402, is_bot: false, first_name: '赵' };

let world: FieldWorld;
const cookies: Record<string, string> = {};

function call<T = { id: string; version: number; state: string }>(
  user: string,
  method: string,
  path: string,
  body?: unknown,
) {
  return requestJson<T>(world.app, cookies[user] ?? '', method, path, body);
}

const isRequest = (title: string) => (m: BotMessage) =>
  m.text.includes('【待审核】') && m.text.includes(title);

/** A 城关镇 item with two photos submitted for unit review; the requests both reviewers got. */
async function inReview(title: string) {
  const created = await call('cg_officer', 'POST', '/api/submissions', {
    title,
    body: `${title}。全镇教师参加，活动取得良好效果。`,
    category: 'activity',
    eventAt: new Date(world.now().getTime() - 3_600_000).toISOString(),
  });
  expect(created.status).toBe(201);
  const id = created.body.id;
  for (const name of [`${id}-a`, `${id}-b`]) {
    const form = new FormData();
    form.append('file', new File([photoBytes(name)], `${name}.png`, { type: 'image/png' }));
    const uploaded = await world.app.request(`/api/submissions/${id}/attachments`, {
      method: 'POST',
      headers: { cookie: cookies['cg_officer'] ?? '', origin: 'http://localhost' },
      body: form,
    });
    expect(uploaded.status).toBe(201);
  }
  expect((await call('cg_officer', 'POST', `/api/submissions/${id}/submit`, {})).status).toBe(200);
  const toHead = await world.waitForMessage(HEAD.id, isRequest(title), 'the head’s request');
  const toDeputy = await world.waitForMessage(DEPUTY.id, isRequest(title), 'the deputy’s request');
  return { id, toHead, toDeputy };
}

const press = (user: typeof HEAD, message: BotMessage, text: string) =>
  world.telegram.press(
    user,
    { message_id: message.messageId, chat: dm(user) },
    message.buttons.find((b) => b.text === text)?.data ?? '',
  );

/** 查看全文: the full text with 通过并报送. */
async function openFull(user: typeof HEAD, request: BotMessage, title: string) {
  await press(user, request, '查看全文');
  return world.waitForMessage(
    user.id,
    (m) => m.text.includes(`《${title}》`) && m.buttons.some((b) => b.text === '通过并报送'),
    `the full text of ${title}`,
  );
}

/** The message as the emulator holds it now (edits applied). */
const current = (user: typeof HEAD, messageId: number) =>
  world.messagesTo(user.id, (m) => m.messageId === messageId)[0];

/** The alert the bot answered the last button press of this run with. */
const alerts = () =>
  world.telegram
    .calls()
    .filter((c) => c.method === 'answerCallbackQuery' && c.text !== undefined)
    .map((c) => c.text ?? '');

beforeAll(async () => {
  world = await fieldWorld('2026-11-25T10:00:00+08:00');
  await world.linkPerson(HEAD.id, world.county.cgHead.id);
  await world.linkPerson(DEPUTY.id, world.county.cgDeputy.id);
  for (const user of ['cg_officer', 'cg_head'])
    cookies[user] = (await login(world.app, user)).cookie;
  world.startBot();
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

describe('reviews without confusion on the emulator (issue 14, item 4)', () => {
  it('marks the deputy’s request and full text done when the head approves, and a stale button says who', async () => {
    const title = '城关镇开展冬季运动会';
    const { toHead, toDeputy } = await inReview(title);
    expect(toHead.buttons.map((b) => b.text)).toEqual(['查看全文', '退回']);
    expect(toDeputy.buttons.map((b) => b.text)).toEqual(['查看全文', '退回']);

    // The deputy reads the full text: the photos come first, as one media group.
    const before = world.telegram.calls().length;
    const deputyFull = await openFull(DEPUTY, toDeputy, title);
    const after = world.telegram.calls().slice(before);
    const album = after.findIndex((c) => c.method === 'sendMediaGroup');
    expect(album).toBeGreaterThanOrEqual(0);
    expect(after[album]?.photos).toBe(2);

    // The head approves in chat.
    const headFull = await openFull(HEAD, toHead, title);
    await press(HEAD, headFull, '通过并报送');
    await world.waitForMessage(HEAD.id, (m) => m.text.includes(`《${title}》已通过并报送`), 'done');

    // Both of the deputy's messages now say who did what, and have no buttons left.
    for (const message of [toDeputy, deputyFull]) {
      const edited = await eventually(() => {
        const now = current(DEPUTY, message.messageId);
        return now?.text.startsWith('【已处理】') === true ? now : undefined;
      }, 'the deputy’s message marked done');
      expect(edited.text).toMatch(/^【已处理】钱校长 已通过并报送 11月25日 10:\d\d\n/);
      expect(edited.text).toContain(`城关镇中心校《${title}》无需您再审核。`);
      expect(edited.buttons).toEqual([]);
    }

    // A button the deputy still had (an old copy of the full text) answers the truth.
    await press(DEPUTY, deputyFull, '通过并报送');
    const answer = await eventually(
      () => alerts().find((a) => a.includes('该稿件已由 钱校长')),
      'the stale button’s answer',
    );
    expect(answer).toMatch(/^该稿件已由 钱校长 于 11月25日 10:\d\d 通过并报送，无需您再审核。$/);
    expect(alerts().some((a) => a.includes('已被修改'))).toBe(false);
  }, 90_000);

  it('marks the deputy’s request done when the head returns the item in the console, and 退回 then says so', async () => {
    const title = '城关镇开展读书分享会';
    const { id, toDeputy } = await inReview(title);
    const item = await call('cg_head', 'GET', `/api/submissions/${id}`);
    const returned = await call('cg_head', 'POST', `/api/submissions/${id}/return`, {
      reason: '请补充参加人数',
      expectedVersion: item.body.version,
    });
    expect(returned.body.state).toBe('returned');
    const edited = await eventually(() => {
      const now = current(DEPUTY, toDeputy.messageId);
      return now?.text.startsWith('【已处理】') === true ? now : undefined;
    }, 'the deputy’s request marked done');
    expect(edited.text).toMatch(/^【已处理】钱校长 已退回 11月25日 10:\d\d\n/);
    expect(edited.buttons).toEqual([]);

    // 退回 on the old request: the truth, not a question about a reason.
    await press(DEPUTY, toDeputy, '退回');
    await eventually(
      () => alerts().find((a) => a.includes('已由 钱校长') && a.includes('退回，无需您再审核')),
      'the truth about the return',
    );
    expect(world.messagesTo(DEPUTY.id, (m) => m.text.includes('请发送退回原因'))).toHaveLength(0);
  }, 90_000);

  it('ends the wait for a return reason when a command comes, and handles the command', async () => {
    const title = '城关镇开展安全教育';
    const { id, toDeputy } = await inReview(title);
    await press(DEPUTY, toDeputy, '退回');
    await world.waitForMessage(DEPUTY.id, (m) => m.text.includes('请发送退回原因'), 'the ask');
    await world.send({ from: DEPUTY, chat: dm(DEPUTY), ...world.command('/help') });
    await world.waitForMessage(DEPUTY.id, (m) => m.text.includes('已取消退回'), 'the wait ended');
    await world.waitForMessage(DEPUTY.id, (m) => m.text.includes('/kb'), 'the help');
    // The next words are not a reason either.
    await world.send({ from: DEPUTY, chat: dm(DEPUTY), text: '请补充照片' });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await world.db.submission.findUniqueOrThrow({ where: { id } })).state).toBe(
      'unit_review',
    );
  }, 90_000);
});
