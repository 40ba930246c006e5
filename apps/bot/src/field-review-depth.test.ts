import { login, requestJson } from '@jyxc/api/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dm } from './test-support/e2e.js';
import { eventually, photoBytes } from './test-support/emulator.js';
import { fieldWorld, type FieldWorld } from './test-support/field.js';

/**
 * Issue 19 on the Telegram emulator: 查看全文 sends the photos as a media group before the
 * buttons, 通过并报送 asks for an optional comment, and the same reviewer behaviour is classified
 * as the API and the console classify it (DESIGN §3.2) — on a clock the test moves.
 */

const HEAD = { id: 4951, is_bot: false, first_name: '钱' };
const START = Date.parse('2026-11-25T10:00:00+08:00');

let world: FieldWorld;
const cookies: Record<string, string> = {};
let clock = START;

function call<T = { id: string; version: number; revision: number; state: string }>(
  user: string,
  method: string,
  path: string,
  body?: unknown,
) {
  return requestJson<T>(world.app, cookies[user] ?? '', method, path, body);
}

/** Moves the clock of the API and the bot on by `ms`. */
function advance(ms: number) {
  clock += ms;
  world.setClock(new Date(clock).toISOString());
}

/** A 城关镇 item with two photos in the head's review; its review request reached the head. */
let photoCount = 0;
async function inReview(title: string) {
  const created = await call('cg_officer', 'POST', '/api/submissions', {
    title,
    body: `${title}。全镇教师参加，活动取得良好效果。`,
    category: 'activity',
    eventAt: new Date(clock - 2 * 3_600_000).toISOString(),
  });
  expect(created.status).toBe(201);
  const id = created.body.id;
  for (const name of [`photo-${++photoCount}`, `photo-${++photoCount}`]) {
    const form = new FormData();
    form.append('file', new File([photoBytes(name)], `${name}.png`, { type: 'image/png' }));
    const uploaded = await world.app.request(`/api/submissions/${id}/attachments`, {
      method: 'POST',
      headers: { cookie: cookies['cg_officer'] ?? '', origin: 'http://localhost' },
      body: form,
    });
    expect(uploaded.status).toBe(201);
  }
  const submitted = await call('cg_officer', 'POST', `/api/submissions/${id}/submit`, {});
  expect(submitted.body.state).toBe('unit_review');
  const request = await world.waitForMessage(
    HEAD.id,
    (m) => m.text.includes(title) && m.buttons.some((b) => b.text === '查看全文'),
    `the review request of ${title}`,
  );
  return { id, request };
}

/** 查看全文 on a review request: the full text with its buttons. */
async function openFull(
  title: string,
  request: { messageId: number; buttons: readonly { data?: string }[] },
  data?: string,
) {
  await world.telegram.press(
    HEAD,
    { message_id: request.messageId, chat: dm(HEAD) },
    data ?? request.buttons[0]?.data ?? '',
  );
  return world.waitForMessage(
    HEAD.id,
    (m) =>
      m.text.includes(`《${title}》`) &&
      m.text.includes('全文') &&
      m.buttons.some((b) => b.text === '通过并报送'),
    `the full text of ${title}`,
  );
}

/** 通过并报送 under the full text; the confirmation that asks for a comment. */
async function approve(
  title: string,
  full: { messageId: number; buttons: readonly { text: string; data?: string }[] },
) {
  await world.telegram.press(
    HEAD,
    { message_id: full.messageId, chat: dm(HEAD) },
    full.buttons.find((b) => b.text === '通过并报送')?.data ?? '',
  );
  return world.waitForMessage(
    HEAD.id,
    (m) => m.text.includes(`《${title}》已通过并报送`),
    `the confirmation of ${title}`,
  );
}

/** The head's reply to one of the bot's messages. */
function reply(to: { messageId: number; text: string }, text: string) {
  return world.send({
    from: HEAD,
    chat: dm(HEAD),
    text,
    reply_to_message: {
      message_id: to.messageId,
      date: Math.floor(clock / 1000),
      chat: dm(HEAD),
      from: { id: 123456, is_bot: true, first_name: '教育信息' },
      text: to.text,
    },
  });
}

beforeAll(async () => {
  world = await fieldWorld(new Date(START).toISOString());
  await world.linkPerson(HEAD.id, world.county.cgHead.id);
  for (const user of ['cg_officer', 'cg_head', 'admin']) {
    cookies[user] = (await login(world.app, user)).cookie;
  }
  world.startBot();
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

describe('review depth from chat on the emulator (issue 19)', () => {
  it('sends the photos as one media group before the full text and its buttons', async () => {
    const title = '城关镇开展冬季运动会';
    const { request } = await inReview(title);
    const before = world.telegram.calls().length;
    await openFull(title, request);
    const after = world.telegram.calls().slice(before);
    const media = after.findIndex((c) => c.method === 'sendMediaGroup');
    const full = after.findIndex(
      (c) => c.method === 'sendMessage' && (c.text ?? '').includes('全文'),
    );
    expect(media).toBeGreaterThanOrEqual(0);
    expect(after[media]?.photos).toBe(2);
    expect(media).toBeLessThan(full);
  }, 60_000);

  it('classifies as the API does: 30 s stamp, 3 minutes and 同意 neither, an edit deep', async () => {
    // Open then approve in 30 s with no change.
    const quick = '城关镇开展消防疏散演练';
    const a = await inReview(quick);
    const aFull = await openFull(quick, a.request);
    advance(30_000);
    await approve(quick, aFull);

    // Open, wait 3 minutes, approve, reply 同意 within the 2 minutes.
    const slow = '城关镇开展读书分享会';
    const b = await inReview(slow);
    const bFull = await openFull(slow, b.request);
    advance(3 * 60_000);
    const ask = await approve(slow, bFull);
    advance(30_000);
    await reply(ask, '同意');
    await world.waitForMessage(HEAD.id, (m) => m.text.includes('已记下您的审核意见'), 'the thanks');
    await eventually(
      async () =>
        (await world.db.signOff.findFirst({ where: { submissionId: b.id } }))?.comment === '同意'
          ? true
          : undefined,
      'the comment on the approval',
    );

    // 修改后签发: the head edits the item in the console, then reads and approves it in chat.
    const edited = '城关镇开展教研活动';
    const c = await inReview(edited);
    const item = await call('cg_head', 'GET', `/api/submissions/${c.id}`);
    const patched = await call('cg_head', 'PATCH', `/api/submissions/${c.id}`, {
      title: `${edited}（修改）`,
      expectedVersion: item.body.version,
    });
    expect(patched.status).toBe(200);
    const cFull = await openFull(
      `${edited}（修改）`,
      c.request,
      `rv:full:${c.id}:${patched.body.version}`,
    );
    advance(20_000);
    await approve(`${edited}（修改）`, cFull);

    // A reply after 2 minutes is not taken, and the bot says so.
    const late = '城关镇开展安全教育';
    const d = await inReview(late);
    const dFull = await openFull(late, d.request);
    advance(5 * 60_000);
    const dAsk = await approve(late, dFull);
    advance(2 * 60_000 + 5_000);
    await reply(dAsk, '人数与附件核对无误，可以报送');
    await world.waitForMessage(
      HEAD.id,
      (m) => m.text.includes('审核通过已超过 2 分钟，不能再补充审核意见'),
      'the refusal of a late comment',
    );

    // The head's own figures on the unit's page: four approvals, one stamp, one deep.
    const figures = await call<{
      reviewers: { name: string; approvals: number; rubberStamped: number; deep: number }[];
    }>(
      'cg_head',
      'GET',
      `/api/evaluation/units/${world.county.township.id}/reviewers?period=2026-H2`,
    );
    expect(figures.status).toBe(200);
    expect(figures.body.reviewers.find((r) => r.name === '钱校长')).toMatchObject({
      approvals: 4,
      rubberStamped: 1,
      deep: 1,
    });
  }, 120_000);
});
