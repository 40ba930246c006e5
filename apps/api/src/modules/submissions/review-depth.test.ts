import type { Db } from '@jyxc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freshDatabase,
  login,
  requestJson,
  testClock,
  workflowCounty,
} from '../../../test/support.js';
import { createApp } from '../../app.js';
import type { submissionDetail } from './queries.js';

/**
 * DESIGN §3.2 over HTTP: the server records when a reviewer opened the full item, the approval
 * is measured from that, and the unit's review depth and rubber stamps follow.
 */

const TOKEN = 'bot-service-token-0123456789abcdef-0123456789';
const HEAD_TG = '7100001';
const SECOND = 1000;
const MINUTE = 60 * SECOND;

type Detail = Awaited<ReturnType<typeof submissionDetail>>;

let db: Db;
let app: ReturnType<typeof createApp>;
let county: Awaited<ReturnType<typeof workflowCounty>>;
const clock = testClock();
const cookies: Record<string, string> = {};

function call<T = Detail>(user: string, method: string, path: string, body?: unknown) {
  return requestJson<T>(app, cookies[user] ?? '', method, path, body);
}

/** The bot's request as the Telegram user `tg` (DESIGN §5: the bot acts for the linked person). */
async function asBot<T = Detail>(tg: string, method: string, path: string, body?: unknown) {
  const response = await app.request(path, {
    method,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
      'x-telegram-user': tg,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: JSON.parse(await response.text()) as T };
}

/** A 城关镇 item in the township's review, written by its officer. */
async function inReview(title: string): Promise<Detail> {
  const created = await call('cg_officer', 'POST', '/api/submissions', {
    title,
    body: `${title}。全镇教师参加，活动取得良好效果。`,
    category: 'activity',
    eventAt: new Date(clock.now().getTime() - 2 * 60 * MINUTE).toISOString(),
  });
  expect(created.status).toBe(201);
  const submitted = await call(
    'cg_officer',
    'POST',
    `/api/submissions/${created.body.id}/submit`,
    {},
  );
  expect(submitted.body.state).toBe('unit_review');
  return submitted.body;
}

/** The township's figures in the current period's evaluation. */
async function township() {
  const reply = await call<{
    units: {
      unitId: string;
      approvals: number;
      reviewDepth: number | null;
      rubberStamped: number;
      medianMinutesToApprove: number | null;
    }[];
  }>('admin', 'GET', '/api/evaluation?period=2026-H1');
  expect(reply.status).toBe(200);
  const unit = reply.body.units.find((u) => u.unitId === county.township.id);
  if (unit === undefined) throw new Error('the township is evaluated');
  return unit;
}

beforeAll(async () => {
  ({ db } = await freshDatabase());
  county = await workflowCounty(db);
  await db.chatIdentity.create({
    data: { channel: 'telegram', externalId: HEAD_TG, personId: county.cgHead.id },
  });
  app = createApp({ db, now: clock.now, botToken: TOKEN });
  for (const user of ['admin', 'cg_officer', 'cg_deputy', 'cg_head']) {
    const { response, cookie } = await login(app, user);
    expect(response.status).toBe(200);
    cookies[user] = cookie;
  }
});

afterAll(async () => {
  await db.$disconnect();
});

describe('review depth as each channel records it (DESIGN §3.2)', () => {
  it('open and approve in 30 s with no change in the console: rubber-stamped', async () => {
    const item = await inReview('城关镇开展安全演练');
    const before = await township();
    await call('cg_deputy', 'GET', `/api/submissions/${item.id}`);
    clock.advance(30 * SECOND);
    const approved = await call('cg_deputy', 'POST', `/api/submissions/${item.id}/approve`, {
      noChange: true,
    });
    expect(approved.status).toBe(200);
    expect(approved.body.signOffs[0]).toMatchObject({ edited: false, durationSeconds: 30 });
    const after = await township();
    expect(after.approvals).toBe(before.approvals + 1);
    expect(after.rubberStamped).toBe(before.rubberStamped + 1);
  });

  it('open, wait 3 minutes and approve with “同意”: neither rubber-stamped nor deep', async () => {
    const item = await inReview('城关镇开展读书活动');
    const before = await township();
    await call('cg_head', 'GET', `/api/submissions/${item.id}`);
    clock.advance(3 * MINUTE);
    const approved = await call('cg_head', 'POST', `/api/submissions/${item.id}/approve`, {
      noChange: true,
      comment: '同意',
    });
    expect(approved.body.signOffs[0]).toMatchObject({ comment: '同意', durationSeconds: 180 });
    const after = await township();
    expect(after.approvals).toBe(before.approvals + 1);
    expect(after.rubberStamped).toBe(before.rubberStamped);
    const deep = (u: typeof after) => Math.round((u.reviewDepth ?? 0) * u.approvals);
    expect(deep(after)).toBe(deep(before));
  });

  it('edit then approve: deep', async () => {
    const item = await inReview('城关镇开展教研活动');
    const before = await township();
    await call('cg_deputy', 'GET', `/api/submissions/${item.id}`);
    clock.advance(20 * SECOND);
    const approved = await call('cg_deputy', 'POST', `/api/submissions/${item.id}/approve`, {
      changes: { title: '城关镇中心校开展全镇语文教研活动' },
    });
    expect(approved.body.signOffs[0]).toMatchObject({ edited: true });
    const after = await township();
    const deep = (u: typeof after) => Math.round((u.reviewDepth ?? 0) * u.approvals);
    expect(deep(after)).toBe(deep(before) + 1);
    // An edit is never a rubber stamp, however quick.
    expect(after.rubberStamped).toBe(before.rubberStamped);
  });

  it('the bot’s 查看全文 records the opening; its preview read does not', async () => {
    const quick = await inReview('城关镇开展消防演练');
    // The bot reads the item to send the preview: that is not an opening.
    const preview = await asBot(HEAD_TG, 'GET', `/api/submissions/${quick.id}`);
    expect(preview.status).toBe(200);
    clock.advance(5 * MINUTE);
    const opened = await asBot(HEAD_TG, 'POST', `/api/bot/submissions/${quick.id}/open`, {});
    expect(opened.status).toBe(200);
    expect(opened.body.body).toContain('全镇教师参加');
    clock.advance(30 * SECOND);
    const approved = await asBot(HEAD_TG, 'POST', `/api/submissions/${quick.id}/approve`, {
      noChange: true,
    });
    expect(approved.status).toBe(200);
    expect(approved.body.signOffs[0]).toMatchObject({ durationSeconds: 30 });
    const rows = await db.reviewOpening.findMany({ where: { submissionId: quick.id } });
    expect(rows.map((r) => [r.reviewerId, r.via])).toEqual([[county.cgHead.id, 'telegram']]);
  });

  it('the open route is the bot’s alone', async () => {
    const item = await inReview('城关镇开展防溺水教育');
    const refused = await call('cg_head', 'POST', `/api/bot/submissions/${item.id}/open`, {});
    expect(refused.status).toBe(401);
    expect(await db.reviewOpening.count({ where: { submissionId: item.id } })).toBe(0);
  });
});

describe('bad input (DESIGN §3.2)', () => {
  it('an approval by a reviewer who never opened the item is accepted and counted rubber-stamped', async () => {
    const item = await inReview('城关镇开展法治教育');
    const before = await township();
    clock.advance(2 * 60 * MINUTE);
    const approved = await call('cg_deputy', 'POST', `/api/submissions/${item.id}/approve`, {
      noChange: true,
      comment: '内容与活动方案一致，人数已核对',
    });
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('bureau_review');
    expect(approved.body.signOffs[0]).toMatchObject({ durationSeconds: null });
    const after = await township();
    expect(after.rubberStamped).toBe(before.rubberStamped + 1);
  });

  it('a forged openedAt is ignored: the server’s opening decides', async () => {
    const item = await inReview('城关镇开展心理健康讲座');
    await call('cg_head', 'GET', `/api/submissions/${item.id}`);
    clock.advance(10 * SECOND);
    const approved = await call('cg_head', 'POST', `/api/submissions/${item.id}/approve`, {
      noChange: true,
      openedAt: new Date(clock.now().getTime() - 60 * MINUTE).toISOString(),
    });
    expect(approved.status).toBe(200);
    expect(approved.body.signOffs[0]).toMatchObject({ durationSeconds: 10 });
  });

  it('a forged openedAt without any opening leaves the approval unopened', async () => {
    const item = await inReview('城关镇开展艺术节');
    clock.advance(MINUTE);
    const approved = await call('cg_head', 'POST', `/api/submissions/${item.id}/approve`, {
      noChange: true,
      openedAt: new Date(clock.now().getTime() - 30 * MINUTE).toISOString(),
    });
    expect(approved.body.signOffs[0]).toMatchObject({ durationSeconds: null });
  });

  it('two reviewers of one unit: each one’s opening counts only for their own approval', async () => {
    const item = await inReview('城关镇开展劳动教育');
    // The deputy reads it carefully; the head approves without opening it.
    await call('cg_deputy', 'GET', `/api/submissions/${item.id}`);
    clock.advance(10 * MINUTE);
    const approved = await call('cg_head', 'POST', `/api/submissions/${item.id}/approve`, {
      noChange: true,
    });
    expect(approved.body.signOffs[0]).toMatchObject({
      reviewer: { id: county.cgHead.id, name: '钱校长' },
      durationSeconds: null,
    });
  });

  it('an opening of an earlier revision does not count for a later one', async () => {
    const item = await inReview('城关镇开展科技节');
    await call('cg_head', 'GET', `/api/submissions/${item.id}`);
    clock.advance(5 * MINUTE);
    const edited = await call('cg_officer', 'PATCH', `/api/submissions/${item.id}`, {
      body: '城关镇开展科技节。全镇学生参加，展出作品三百件。',
      expectedVersion: item.version,
    });
    expect(edited.status).toBe(200);
    clock.advance(5 * MINUTE);
    const approved = await call('cg_head', 'POST', `/api/submissions/${item.id}/approve`, {
      noChange: true,
    });
    expect(approved.body.signOffs[0]).toMatchObject({ revision: 2, durationSeconds: null });
  });

  it('reading an item one may not approve records nothing', async () => {
    const item = await inReview('城关镇开展诗词大会');
    await call('cg_officer', 'GET', `/api/submissions/${item.id}`);
    await call('admin', 'GET', `/api/submissions/${item.id}`);
    expect(await db.reviewOpening.count({ where: { submissionId: item.id } })).toBe(0);
  });
});

describe('the optional comment after 通过并报送 in chat (issue 19)', () => {
  /** The head's 查看全文, some reading, then 通过并报送, all through the bot's routes. */
  async function approvedInChat(title: string, readingMs: number) {
    const item = await inReview(title);
    await asBot(HEAD_TG, 'POST', `/api/bot/submissions/${item.id}/open`, {});
    clock.advance(readingMs);
    const approved = await asBot(HEAD_TG, 'POST', `/api/submissions/${item.id}/approve`, {
      noChange: true,
      expectedVersion: item.version,
    });
    expect(approved.status).toBe(200);
    return item;
  }
  const comment = (id: string, text: unknown, tg = HEAD_TG) =>
    asBot<{ comment?: string; error?: { code: string; message: string } }>(
      tg,
      'POST',
      `/api/bot/submissions/${id}/approval-comment`,
      { comment: text },
    );
  const deep = (u: Awaited<ReturnType<typeof township>>) =>
    Math.round((u.reviewDepth ?? 0) * u.approvals);

  it('查看全文 then 通过并报送 in 30 s, no reply: rubber-stamped', async () => {
    const before = await township();
    await approvedInChat('城关镇开展冬季长跑', 30 * SECOND);
    const after = await township();
    expect(after.rubberStamped).toBe(before.rubberStamped + 1);
    expect(deep(after)).toBe(deep(before));
  });

  it('三分钟后通过, then the reply “同意” within 2 minutes: recorded, neither rubber-stamped nor deep', async () => {
    const before = await township();
    const item = await approvedInChat('城关镇开展书法比赛', 3 * MINUTE);
    clock.advance(40 * SECOND);
    const replied = await comment(item.id, '  同意  ');
    expect(replied.status).toBe(200);
    expect(replied.body.comment).toBe('同意');
    const signOff = await db.signOff.findFirstOrThrow({ where: { submissionId: item.id } });
    expect(signOff.comment).toBe('同意');
    const after = await township();
    expect(after.approvals).toBe(before.approvals + 1);
    expect(after.rubberStamped).toBe(before.rubberStamped);
    expect(deep(after)).toBe(deep(before));
  });

  it('a substantive reply within 2 minutes makes the approval deep', async () => {
    const before = await township();
    const item = await approvedInChat('城关镇开展合唱比赛', 2 * MINUTE);
    clock.advance(90 * SECOND);
    const replied = await comment(item.id, '参赛班级数已与活动方案核对，照片说明无误');
    expect(replied.status).toBe(200);
    expect(deep(await township())).toBe(deep(before) + 1);
  });

  it('a reply after 2 minutes is refused in words and changes nothing', async () => {
    const item = await approvedInChat('城关镇开展手抄报评比', 2 * MINUTE);
    clock.advance(2 * MINUTE + SECOND);
    const late = await comment(item.id, '内容属实，人数与附件一致，同意报送');
    expect(late.status).toBe(409);
    expect(late.body.error).toEqual({
      code: 'SUBMISSION.COMMENT_TOO_LATE',
      message: '审核通过已超过 2 分钟，不能再补充审核意见',
      requestId: expect.any(String) as unknown,
    });
    const signOff = await db.signOff.findFirstOrThrow({ where: { submissionId: item.id } });
    expect(signOff.comment).toBeNull();
  });

  it('only for the reviewer’s own approval, once, non-empty, and only for the bot', async () => {
    const item = await approvedInChat('城关镇开展演讲比赛', 2 * MINUTE);
    const DEPUTY_TG = '7100002';
    await db.chatIdentity.create({
      data: { channel: 'telegram', externalId: DEPUTY_TG, personId: county.cgDeputy.id },
    });
    const notMine = await comment(item.id, '内容属实，人数与附件一致', DEPUTY_TG);
    expect(notMine.status).toBe(404);
    expect(notMine.body.error?.message).toBe('您没有审核通过这篇稿件，不能补充审核意见');

    const empty = await comment(item.id, '   ');
    expect(empty.status).toBe(400);
    expect(empty.body.error?.message).toContain('审核意见不能为空');

    const console = await call(
      'cg_head',
      'POST',
      `/api/bot/submissions/${item.id}/approval-comment`,
      {
        comment: '内容属实，人数与附件一致',
      },
    );
    expect(console.status).toBe(401);

    expect((await comment(item.id, '同意报送')).status).toBe(200);
    const again = await comment(item.id, '内容属实，人数与附件一致');
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('SUBMISSION.APPROVAL_HAS_COMMENT');
    const signOff = await db.signOff.findFirstOrThrow({ where: { submissionId: item.id } });
    expect(signOff.comment).toBe('同意报送');
  });
});
