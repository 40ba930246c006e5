import type { Db } from '@jyxc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freshDatabase,
  issuePaths,
  login,
  requestJson,
  testApp,
  testClock,
  workflowCounty,
} from '../../../test/support.js';
import type { ErrorBody } from '../../http/errors.js';
import type { recordAdoption } from '../adoptions/service.js';
import type {
  listSubmissions,
  submissionDetail,
  submissionDiff,
  submissionRevisions,
} from './queries.js';

const HOUR = 3_600_000;
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

let db: Db;
let app: ReturnType<typeof testApp>;
let county: Awaited<ReturnType<typeof workflowCounty>>;
const clock = testClock();
const cookies: Record<string, string> = {};

type Detail = Awaited<ReturnType<typeof submissionDetail>>;
type Page = Awaited<ReturnType<typeof listSubmissions>>;
type Revisions = Awaited<ReturnType<typeof submissionRevisions>>;
type Diff = Awaited<ReturnType<typeof submissionDiff>>;
type Recorded = Awaited<ReturnType<typeof recordAdoption>>;

/** A request as `user`; the body is read as the service's answer (or the error body). */
function call<T = Detail>(user: string, method: string, path: string, body?: unknown) {
  return requestJson<T>(app, cookies[user] ?? '', method, path, body);
}

interface Uploaded {
  attachment: { id: string; filename: string; mime: string; size: number };
  version: number;
  revision: number;
}

async function upload(user: string, path: string, bytes: Uint8Array, name: string, type: string) {
  const form = new FormData();
  form.append('file', new File([bytes], name, { type }));
  const response = await app.request(path, {
    method: 'POST',
    headers: { cookie: cookies[user] ?? '', origin: 'http://localhost' },
    body: form,
  });
  const body: Uploaded & Partial<ErrorBody> = JSON.parse(await response.text());
  return { status: response.status, body };
}

const at = (offsetMs = 0) => new Date(clock.now().getTime() + offsetMs).toISOString();

function draft(title: string, extra: Record<string, unknown> = {}) {
  return {
    title,
    body: `${title}。全镇教师参加，活动取得良好效果。`,
    category: 'activity',
    eventAt: at(-2 * HOUR),
    ...extra,
  };
}

async function created(user: string, title: string, extra: Record<string, unknown> = {}) {
  const reply = await call(user, 'POST', '/api/submissions', draft(title, extra));
  expect(reply.status).toBe(201);
  return reply.body;
}

beforeAll(async () => {
  ({ db } = await freshDatabase());
  county = await workflowCounty(db);
  app = testApp(db, clock);
  for (const user of [
    'admin',
    'reviewer',
    'cg_officer',
    'cg_deputy',
    'cg_head',
    'school_officer',
    'direct_officer',
    'school_b_officer',
    'ng_officer',
    'ng_head',
  ]) {
    const { response, cookie } = await login(app, user);
    expect(response.status).toBe(200);
    cookies[user] = cookie;
  }
});

afterAll(async () => {
  await db.$disconnect();
});

describe('the submission workflow over HTTP', () => {
  it('takes an officer’s item through an edited sign-off, a voided one, a fresh approval and a city-level headline adoption', async () => {
    const item = await created('cg_officer', '城关镇开展教师培训');
    expect(item).toMatchObject({ state: 'draft', version: 1, revision: 1, source: 'console' });
    expect(item.authors).toEqual([{ id: county.officer.id, name: '李信息' }]);
    expect(item.allowedCommands).toEqual(expect.arrayContaining(['edit', 'submit', 'withdraw']));

    const edited = await call('cg_officer', 'PATCH', `/api/submissions/${item.id}`, {
      body: '5月10日，城关镇中心校组织全镇120名教师开展培训。',
      note: '补充人数',
      expectedVersion: 1,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, revision: 2 });

    const submitted = await call('cg_officer', 'POST', `/api/submissions/${item.id}/submit`, {});
    expect(submitted.body).toMatchObject({ state: 'unit_review', version: 3 });
    expect(submitted.body.reviewUnit?.id).toBe(county.township.id);

    // DESIGN §5: the reviewing unit's approvers get the preview; the author does not.
    const requests = await db.outboxMessage.findMany({ where: { kind: 'review_requested' } });
    expect(requests.map((m) => m.personId).sort()).toEqual(
      [county.cgDeputy.id, county.cgHead.id].sort(),
    );
    expect(requests.map((m) => m.key)).toContain(
      `submission:${item.id}:v3:review-request:${county.cgHead.id}`,
    );
    expect(JSON.parse(requests[0]?.facts ?? '{}')).toMatchObject({
      title: '城关镇开展教师培训',
      unitName: '城关镇中心校',
    });

    const seenByHead = await call('cg_head', 'GET', `/api/submissions/${item.id}`);
    expect(seenByHead.body.allowedCommands).toEqual(
      expect.arrayContaining(['approve', 'return', 'edit']),
    );
    expect(submitted.body.allowedCommands).not.toContain('approve');

    clock.advance(5 * 60_000);
    const approved = await call('cg_head', 'POST', `/api/submissions/${item.id}/approve`, {
      changes: { title: '城关镇中心校开展全镇教师培训' },
      comment: '标题更具体',
      openedAt: at(-3 * 60_000),
      forward: false,
      expectedVersion: 3,
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      state: 'unit_review',
      revision: 3,
      signedOffRevision: 3,
    });
    expect(approved.body.signOffs).toEqual([
      expect.objectContaining({
        revision: 3,
        edited: true,
        comment: '标题更具体',
        voided: false,
        // DESIGN §3.2: from the head's GET of the item 5 minutes before, not the openedAt sent.
        durationSeconds: 300,
        reviewer: { id: county.cgHead.id, name: '钱校长' },
      }),
    ]);

    // DESIGN §3.2: any later edit cancels the sign-off; the item must be approved again.
    const later = await call('cg_officer', 'PATCH', `/api/submissions/${item.id}`, {
      body: '5月10日，城关镇中心校组织全镇120名教师开展信息技术培训。',
      expectedVersion: approved.body.version,
    });
    expect(later.body).toMatchObject({ revision: 4, signedOffRevision: null });
    expect(later.body.signOffs[0]).toMatchObject({ revision: 3, voided: true });
    expect(later.body.timeline.map((e: { kind: string }) => e.kind)).toContain('sign_off_voided');
    const refused = await call('cg_officer', 'POST', `/api/submissions/${item.id}/forward`, {});
    expect(refused.status).toBe(422);
    expect(refused.body.error?.code).toBe('SUBMISSION.NOT_SIGNED_OFF');

    const again = await call('cg_head', 'POST', `/api/submissions/${item.id}/approve`, {
      noChange: true,
      comment: '已审阅',
    });
    expect(again.body).toMatchObject({ state: 'bureau_review', signedOffRevision: 4 });
    expect(
      again.body.timeline.map((e: { kind: string; actor: { name: string } | null }) => [
        e.kind,
        e.actor?.name,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['created', '李信息'],
        ['submitted', '李信息'],
        ['approved', '钱校长'],
        ['forwarded', '钱校长'],
      ]),
    );

    const adoption = await call<Recorded>('reviewer', 'POST', '/api/adoptions', {
      submissionIds: [item.id],
      level: 'city',
      headline: true,
      outlet: '《清河日报》',
      pageOrLink: '第 1 版',
      publishedAt: at(),
    });
    expect(adoption.status).toBe(201);
    expect(adoption.body.credits).toEqual([
      expect.objectContaining({ submissionId: item.id, gained: 8, total: 8.2 }),
    ]);
    expect(adoption.body.credits[0]?.lines[0]?.explanation).toBe('市级采用 4 × 头版头条 2 = 8');

    const final = await call('cg_officer', 'GET', `/api/submissions/${item.id}`);
    expect(final.body.state).toBe('adopted');
    expect(final.body.score?.total).toBe(8.2);
    expect(final.body.score?.lines.map((l: { explanation: string }) => l.explanation)).toEqual([
      '报送到局 0.2',
      '市级采用 4 × 头版头条 2 = 8',
    ]);

    // DESIGN §3.8: the author and the unit head hear of the adoption, with the points.
    const news = await db.outboxMessage.findMany({
      where: { key: { contains: adoption.body.adoption.id } },
    });
    expect(news.map((m) => [m.personId, m.kind]).sort()).toEqual(
      [
        [county.officer.id, 'adoption_credited'],
        [county.cgHead.id, 'unit_adoption'],
      ].sort(),
    );
    expect(news.map((m) => JSON.parse(m.facts) as unknown)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ points: 8, share: 8, outlet: expect.any(String) }),
        expect.objectContaining({ points: 8, level: 'city' }),
      ]),
    );

    // Every write left its audit entry, in order.
    const entries = await db.auditLog.findMany({
      where: { entityId: item.id },
      orderBy: { at: 'asc' },
    });
    expect(entries.map((e) => e.action)).toEqual([
      'submission.create',
      'submission.edit',
      'submission.submit',
      'submission.approve',
      'submission.edit',
      'submission.approve',
      'submission.adopt',
    ]);
    expect(entries.every((e) => e.actorId !== null && e.requestId !== null)).toBe(true);
  });

  it('sends a school’s item through its township center and lets a 直报点 school skip it', async () => {
    const schoolItem = await created('school_officer', '第一小学举办读书节');
    const sent = await call(
      'school_officer',
      'POST',
      `/api/submissions/${schoolItem.id}/submit`,
      {},
    );
    expect(sent.body).toMatchObject({ state: 'unit_review', submittedToBureauAt: null });
    expect(sent.body.reviewUnit?.id).toBe(county.township.id);

    // The township's officer may edit and its deputy approves.
    const seenByDeputy = await call('cg_deputy', 'GET', `/api/submissions/${schoolItem.id}`);
    expect(seenByDeputy.body.allowedCommands).toContain('approve');
    const approved = await call('cg_deputy', 'POST', `/api/submissions/${schoolItem.id}/approve`, {
      changes: { body: '第一小学举办读书节，全校600名学生参加。' },
    });
    expect(approved.body).toMatchObject({ state: 'bureau_review', signedOffRevision: 2 });
    const told = await db.outboxMessage.findFirst({
      where: { personId: county.schoolOfficer.id, kind: 'submission_forwarded' },
    });
    expect(JSON.parse(told?.facts ?? '{}')).toMatchObject({
      reviewerName: '赵分管',
      unitName: '城关镇第一小学',
    });

    const directItem = await created('direct_officer', '实验小学开展科技节');
    expect(directItem.reviewUnit).toBeNull();
    const direct = await call(
      'direct_officer',
      'POST',
      `/api/submissions/${directItem.id}/submit`,
      {},
    );
    expect(direct.body.state).toBe('bureau_review');
    expect(direct.body.submittedToBureauAt).toBe(clock.now().toISOString());
  });

  it('refuses what a person may not do: their own approval, a foreign unit, a sibling school', async () => {
    const own = await created('cg_deputy', '分管领导撰写的稿件');
    await call('cg_deputy', 'POST', `/api/submissions/${own.id}/submit`, {});
    const self = await call('cg_deputy', 'POST', `/api/submissions/${own.id}/approve`, {
      noChange: true,
    });
    expect(self.status).toBe(403);
    expect(self.body.error?.code).toBe('SUBMISSION.OWN_ITEM');

    const foreign = await call('ng_officer', 'GET', `/api/submissions/${own.id}`);
    expect(foreign.status).toBe(403);
    expect(foreign.body.error?.code).toBe('FORBIDDEN.UNIT');
    const foreignWrite = await call('ng_officer', 'POST', `/api/submissions/${own.id}/return`, {
      reason: '不行',
    });
    expect(foreignWrite.status).toBe(403);

    const officerApproval = await call('cg_officer', 'POST', `/api/submissions/${own.id}/approve`, {
      noChange: true,
    });
    expect(officerApproval.status).toBe(403);
    expect(officerApproval.body.error?.code).toBe('SUBMISSION.NOT_REVIEWER');

    const sibling = await created('school_b_officer', '第三小学开展安全教育');
    const peek = await call('school_officer', 'GET', `/api/submissions/${sibling.id}`);
    expect(peek.status).toBe(403);
    const townshipView = await call('cg_officer', 'GET', `/api/submissions/${sibling.id}`);
    expect(townshipView.status).toBe(200);

    const schoolList = await call<Page>('school_officer', 'GET', '/api/submissions?pageSize=100');
    const units = new Set(schoolList.body.items.map((i) => i.unit?.id));
    expect([...units]).toEqual([county.schoolA.id]);
    const filterForeign = await call<Page>(
      'school_officer',
      'GET',
      `/api/submissions?unitId=${county.schoolB.id}`,
    );
    expect(filterForeign.status).toBe(403);

    const atBureau = await created('direct_officer', '实验小学报局的稿件');
    await call('direct_officer', 'POST', `/api/submissions/${atBureau.id}/submit`, {});
    const adopt = await call('cg_head', 'POST', `/api/submissions/${atBureau.id}/decide`, {
      adopted: true,
    });
    expect(adopt.status).toBe(403);
    expect(adopt.body.error?.code).toBe('SUBMISSION.NOT_BUREAU_REVIEWER');
    const nobody = await app.request('/api/submissions');
    expect(nobody.status).toBe(401);
  });

  it('answers bad input with 400 and every field path, and changes nothing', async () => {
    const before = {
      submissions: await db.submission.count(),
      audit: await db.auditLog.count(),
    };
    const bad = await call('cg_officer', 'POST', '/api/submissions', {
      title: '  ',
      body: 3,
      category: 'gossip',
      eventAt: 'yesterday',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe('VALIDATION');
    expect(issuePaths(bad).sort()).toEqual(['body', 'category', 'eventAt', 'title'].sort());

    const item = await created('cg_officer', '校园足球联赛开幕');
    before.submissions += 1;
    before.audit += 1;
    const noVersion = await call('cg_officer', 'PATCH', `/api/submissions/${item.id}`, {
      title: '新标题',
    });
    expect(noVersion.status).toBe(400);
    expect(issuePaths(noVersion)).toEqual(['expectedVersion']);
    const nothing = await call('cg_officer', 'PATCH', `/api/submissions/${item.id}`, {
      expectedVersion: 1,
    });
    expect(nothing.status).toBe(400);
    const badChange = await call('cg_officer', 'POST', `/api/submissions/${item.id}/approve`, {
      changes: { eventAt: 12 },
    });
    expect(badChange.status).toBe(400);
    expect(issuePaths(badChange)).toEqual(['changes.eventAt']);
    const noReason = await call('cg_head', 'POST', `/api/submissions/${item.id}/return`, {
      reason: '',
    });
    expect(noReason.status).toBe(400);
    expect((await call<Page>('cg_officer', 'GET', '/api/submissions?period=2026-H3')).status).toBe(
      400,
    );
    expect((await call<Page>('cg_officer', 'GET', '/api/submissions?pageSize=1000')).status).toBe(
      400,
    );
    expect((await call<Page>('cg_officer', 'GET', '/api/submissions?late=maybe')).status).toBe(400);
    expect(
      (await call<Diff>('cg_officer', 'GET', `/api/submissions/${item.id}/diff?from=x&to=2`))
        .status,
    ).toBe(400);
    expect((await call('cg_officer', 'GET', '/api/submissions/nope')).status).toBe(404);

    expect(await db.submission.count()).toBe(before.submissions);
    expect(await db.auditLog.count()).toBe(before.audit);
    const unchanged = await call('cg_officer', 'GET', `/api/submissions/${item.id}`);
    expect(unchanged.body).toMatchObject({ version: 1, title: '校园足球联赛开幕' });
  });

  it('refuses a change made on a stale version with 409 and a clear message', async () => {
    const item = await created('cg_officer', '家长开放日');
    const first = await call('cg_officer', 'PATCH', `/api/submissions/${item.id}`, {
      title: '家长开放日活动',
      expectedVersion: 1,
    });
    expect(first.status).toBe(200);
    const stale = await call('cg_officer', 'PATCH', `/api/submissions/${item.id}`, {
      title: '家长开放日活动圆满结束',
      expectedVersion: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      code: 'SUBMISSION.STALE',
      message: '稿件已被他人修改，请刷新后重试',
    });

    // Two edits at the same moment from the same version: exactly one wins.
    const racing = await Promise.all(
      ['甲', '乙'].map((suffix) =>
        call('cg_officer', 'PATCH', `/api/submissions/${item.id}`, {
          title: `家长开放日${suffix}`,
          expectedVersion: 2,
        }),
      ),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([200, 409]);
    const revisions = await call<{ items: Revisions }>(
      'cg_officer',
      'GET',
      `/api/submissions/${item.id}/revisions`,
    );
    expect(revisions.body.items).toHaveLength(3);
  });

  it('creates one submission for one idempotency key, even when the requests race', async () => {
    const body = draft('快报：城关镇开展防溺水教育', { idempotencyKey: 'tg:-100:42' });
    const first = await call('cg_officer', 'POST', '/api/submissions', body);
    const second = await call('cg_officer', 'POST', '/api/submissions', body);
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body.id).toBe(first.body.id);

    const raced = await Promise.all(
      [1, 2, 3].map(() =>
        call('cg_officer', 'POST', '/api/submissions', { ...body, idempotencyKey: 'tg:-100:43' }),
      ),
    );
    expect(new Set(raced.map((r) => r.body.id)).size).toBe(1);
    expect(
      await db.submission.count({ where: { idempotencyKey: { startsWith: 'tg:-100:' } } }),
    ).toBe(2);

    const stranger = await call('ng_officer', 'POST', '/api/submissions', body);
    expect(stranger.status).toBe(409);
  });

  it('accepts image uploads by their bytes, stores the same image once, and serves it to those who may see it', async () => {
    const item = await created('cg_officer', '运动会精彩瞬间');
    const png = await upload(
      'cg_officer',
      `/api/submissions/${item.id}/attachments`,
      PNG,
      'photo.jpg',
      'image/jpeg',
    );
    expect(png.status).toBe(201);
    expect(png.body.attachment).toMatchObject({
      mime: 'image/png',
      size: PNG.byteLength,
      filename: 'photo.jpg',
    });
    expect(png.body).toMatchObject({ version: 2, revision: 2 });

    const twice = await upload(
      'cg_officer',
      `/api/submissions/${item.id}/attachments`,
      PNG,
      'again.png',
      'image/png',
    );
    expect(twice.status).toBe(200);
    expect(twice.body.attachment.id).toBe(png.body.attachment.id);
    expect(await db.attachment.count({ where: { submissionId: item.id } })).toBe(1);

    const fake = await upload(
      'cg_officer',
      `/api/submissions/${item.id}/attachments`,
      new TextEncoder().encode('not really a picture'),
      'evil.png',
      'image/png',
    );
    expect(fake.status).toBe(415);
    expect(fake.body.error?.code).toBe('UPLOAD.NOT_AN_IMAGE');

    const huge = new Uint8Array(10 * 1024 * 1024 + 200 * 1024);
    huge.set(PNG.subarray(0, 8));
    const big = await upload(
      'cg_officer',
      `/api/submissions/${item.id}/attachments`,
      huge,
      'big.png',
      'image/png',
    );
    expect(big.status).toBe(413);
    expect(await db.attachment.count({ where: { submissionId: item.id } })).toBe(1);

    const detail = await call('cg_officer', 'GET', `/api/submissions/${item.id}`);
    expect(detail.body.attachments).toEqual([
      expect.objectContaining({ id: png.body.attachment.id }),
    ]);

    const path = `/api/submissions/${item.id}/attachments/${png.body.attachment.id}`;
    const served = await app.request(path, { headers: { cookie: cookies.cg_officer ?? '' } });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
    const foreign = await app.request(path, { headers: { cookie: cookies.ng_officer ?? '' } });
    expect(foreign.status).toBe(403);

    const reviewerUpload = await upload(
      'ng_officer',
      `/api/submissions/${item.id}/attachments`,
      PNG,
      'x.png',
      'image/png',
    );
    expect(reviewerUpload.status).toBe(403);
  });

  it('lists with filters and pages, newest first', async () => {
    const late = await created('ng_officer', '南关镇迟报的会议报道', {
      category: 'meeting',
      eventAt: at(-72 * HOUR),
    });
    clock.advance(60_000);
    const fresh = await created('ng_officer', '南关镇及时的工作动态', { category: 'news' });
    await call('ng_officer', 'POST', `/api/submissions/${late.id}/submit`, {});
    await call('ng_officer', 'POST', `/api/submissions/${fresh.id}/submit`, {});
    for (const id of [late.id, fresh.id]) {
      const r = await call('ng_head', 'POST', `/api/submissions/${id}/approve`, {
        noChange: true,
        comment: '同意',
      });
      expect(r.status).toBe(200);
    }

    const mine = await call<Page>('ng_officer', 'GET', '/api/submissions?author=me');
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([fresh.id, late.id]);
    const lateOnes = await call<Page>(
      'reviewer',
      'GET',
      `/api/submissions?unitId=${county.ng.id}&late=yes`,
    );
    expect(lateOnes.body.items.map((i: { id: string }) => i.id)).toEqual([late.id]);
    expect(lateOnes.body.items[0]?.late).toBe(true);
    const onTime = await call<Page>(
      'reviewer',
      'GET',
      `/api/submissions?unitId=${county.ng.id}&late=no`,
    );
    expect(onTime.body.items.map((i: { id: string }) => i.id)).toEqual([fresh.id]);
    const meetings = await call<Page>(
      'reviewer',
      'GET',
      '/api/submissions?category=meeting&state=bureau_review',
    );
    expect(meetings.body.items.map((i: { id: string }) => i.id)).toEqual([late.id]);
    const text = await call<Page>(
      'reviewer',
      'GET',
      `/api/submissions?q=${encodeURIComponent('及时')}`,
    );
    expect(text.body.items.map((i: { id: string }) => i.id)).toEqual([fresh.id]);
    const thisHalf = await call<Page>(
      'reviewer',
      'GET',
      '/api/submissions?period=2026-H1&pageSize=2&page=1',
    );
    expect(thisHalf.body).toMatchObject({ page: 1, pageSize: 2 });
    expect(thisHalf.body.items).toHaveLength(2);
    expect(thisHalf.body.total).toBeGreaterThan(2);
    const nextHalf = await call<Page>('reviewer', 'GET', '/api/submissions?period=2026-H2');
    expect(nextHalf.body.total).toBe(0);

    const pending = await call<Page>('reviewer', 'GET', '/api/submissions?pending=me&pageSize=100');
    expect(pending.body.items.every((i: { state: string }) => i.state === 'bureau_review')).toBe(
      true,
    );
    const schoolItem = await created('school_officer', '第一小学开展研学旅行');
    await call('school_officer', 'POST', `/api/submissions/${schoolItem.id}/submit`, {});
    const headQueue = await call<Page>('cg_head', 'GET', '/api/submissions?pending=me');
    expect(headQueue.body.items.map((i: { id: string }) => i.id)).toContain(schoolItem.id);
    const schoolQueue = await call<Page>('school_officer', 'GET', '/api/submissions?pending=me');
    expect(schoolQueue.body.total).toBe(0);
  });

  it('shows revisions, the structured diff with its editor, and likely duplicates', async () => {
    const item = await created('cg_officer', '城关镇召开教育工作会议');
    await call('cg_officer', 'PATCH', `/api/submissions/${item.id}`, {
      body: '城关镇召开2026年教育工作会议，部署全年工作。',
      category: 'meeting',
      expectedVersion: 1,
    });
    const revisions = await call<{ items: Revisions }>(
      'cg_officer',
      'GET',
      `/api/submissions/${item.id}/revisions`,
    );
    expect(
      revisions.body.items.map((r: { number: number; current: boolean }) => [r.number, r.current]),
    ).toEqual([
      [1, false],
      [2, true],
    ]);
    expect([...(revisions.body.items[1]?.changedFields ?? [])].sort()).toEqual([
      'body',
      'category',
    ]);

    const diff = await call<Diff>(
      'cg_officer',
      'GET',
      `/api/submissions/${item.id}/diff?from=1&to=2`,
    );
    expect(diff.status).toBe(200);
    expect(diff.body.changes).toEqual(
      expect.arrayContaining([
        { field: 'category', before: 'activity', after: 'meeting' },
        expect.objectContaining({ field: 'body' }),
      ]),
    );
    expect(diff.body.revisions[0]?.author?.name).toBe('李信息');
    const missing = await call<Diff>(
      'cg_officer',
      'GET',
      `/api/submissions/${item.id}/diff?from=1&to=9`,
    );
    expect(missing.status).toBe(404);

    clock.advance(HOUR);
    const twin = await created('cg_officer', '城关镇召开教育工作会议！');
    expect(twin.duplicates).toEqual([expect.objectContaining({ submissionId: item.id })]);
  });

  it('lets an author withdraw before the bureau, a reviewer return with a reason, and marks quality', async () => {
    const item = await created('cg_officer', '教师节表彰大会');
    await call('cg_officer', 'POST', `/api/submissions/${item.id}/submit`, {});
    const returned = await call('cg_head', 'POST', `/api/submissions/${item.id}/return`, {
      reason: '请补充表彰人数',
    });
    expect(returned.body).toMatchObject({ state: 'returned', returnedReason: '请补充表彰人数' });
    const told = await db.outboxMessage.findMany({
      where: { key: { startsWith: `submission:${item.id}:` }, kind: 'submission_returned' },
    });
    expect(told.map((m) => m.personId)).toEqual([county.officer.id]);
    expect(JSON.parse(told[0]?.facts ?? '{}')).toMatchObject({
      reason: '请补充表彰人数',
    });

    const withdrawn = await call('cg_officer', 'POST', `/api/submissions/${item.id}/withdraw`, {});
    expect(withdrawn.body.state).toBe('withdrawn');

    const direct = await created('direct_officer', '实验小学获评省级文明校园');
    await call('direct_officer', 'POST', `/api/submissions/${direct.id}/submit`, {});
    const quality = await call('reviewer', 'POST', `/api/submissions/${direct.id}/quality`, {
      quality: true,
    });
    expect(quality.body.qualityMark?.by?.name).toBe('张审核');
    const twice = await call('reviewer', 'POST', `/api/submissions/${direct.id}/quality`, {
      quality: true,
    });
    expect(twice.status).toBe(422);
    const notAdopted = await call('reviewer', 'POST', `/api/submissions/${direct.id}/decide`, {
      adopted: false,
      comment: '新闻性不足',
    });
    expect(notAdopted.body.state).toBe('not_adopted');
    expect(notAdopted.body.score?.lines.map((l: { kind: string }) => l.kind)).toEqual([
      'reached_bureau',
      'quality',
    ]);
    const result = await db.outboxMessage.findFirst({
      where: { key: { contains: `${direct.id}:v` }, kind: 'submission_not_adopted' },
    });
    expect(JSON.parse(result?.facts ?? '{}')).toMatchObject({
      reason: '新闻性不足',
    });
  });
});

describe('what a resubmitted item shows (DESIGN §6, honest writes)', () => {
  it('keeps the bureau’s return reason for the unit reviewer and clears a stale 报局时间', async () => {
    const item = await created('cg_officer', '城关镇中心校秋季运动会');
    await call('cg_officer', 'POST', `/api/submissions/${item.id}/submit`, {});
    const approved = await call('cg_head', 'POST', `/api/submissions/${item.id}/approve`, {
      noChange: true,
      comment: '已核对参赛人数',
    });
    expect(approved.body.state).toBe('bureau_review');
    const firstArrival = approved.body.submittedToBureauAt;
    expect(approved.body.reachedBureauAt).toBe(firstArrival);

    clock.advance(HOUR);
    const returned = await call('reviewer', 'POST', `/api/submissions/${item.id}/return`, {
      reason: '请补充比赛项目和获奖名单',
    });
    expect(returned.body.state).toBe('returned');
    // Back with the unit: no time at the bureau is shown; the first arrival still counts.
    expect(returned.body.reachedBureauAt).toBeNull();
    expect(returned.body.submittedToBureauAt).toBe(firstArrival);

    clock.advance(HOUR);
    await call('cg_officer', 'POST', `/api/submissions/${item.id}/submit`, {});
    const forHead = await call('cg_head', 'GET', `/api/submissions/${item.id}`);
    expect(forHead.body.state).toBe('unit_review');
    expect(forHead.body.returnedReason).toBeNull();
    expect(forHead.body.bureauReturn).toMatchObject({
      reason: '请补充比赛项目和获奖名单',
      by: { name: '张审核' },
    });
    expect(forHead.body.reachedBureauAt).toBeNull();

    clock.advance(HOUR);
    const again = await call('cg_head', 'POST', `/api/submissions/${item.id}/approve`, {
      noChange: true,
      comment: '已补充获奖名单',
    });
    expect(again.body.state).toBe('bureau_review');
    expect(again.body.reachedBureauAt).toBe(clock.now().toISOString());
    expect(again.body.submittedToBureauAt).toBe(firstArrival);
  });
});

describe('who may do what, route by route (DESIGN §3.2, §6)', () => {
  const people = [
    'cg_officer',
    'cg_deputy',
    'cg_head',
    'school_officer',
    'direct_officer',
    'ng_officer',
    'ng_head',
    'reviewer',
    'admin',
  ] as const;

  /** A fresh item of the township 城关镇, written by its officer, waiting in unit review. */
  async function inUnitReview(): Promise<string> {
    const item = await created('cg_officer', `矩阵测试稿件 ${Math.random()}`);
    await call('cg_officer', 'POST', `/api/submissions/${item.id}/submit`, {});
    return item.id;
  }

  /** A fresh item of the 直报点 school, waiting in bureau review. */
  async function atBureau(): Promise<string> {
    const item = await created('direct_officer', `直报点矩阵稿件 ${Math.random()}`);
    await call('direct_officer', 'POST', `/api/submissions/${item.id}/submit`, {});
    return item.id;
  }

  /** The status each person gets, each on an item of their own so no answer depends on another. */
  async function statuses(
    subject: () => Promise<string>,
    request: (id: string) => { method: string; path: string; body?: unknown },
  ): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const person of people) {
      const r = request(await subject());
      out[person] = (await call(person, r.method, r.path, r.body)).status;
    }
    return out;
  }

  const seeing = { cg_officer: 200, cg_deputy: 200, cg_head: 200, reviewer: 200, admin: 200 };
  const blind = { school_officer: 403, direct_officer: 403, ng_officer: 403, ng_head: 403 };

  it('reads: the unit, its township and the bureau see an item; sibling schools and other townships do not', async () => {
    expect(
      await statuses(inUnitReview, (id) => ({ method: 'GET', path: `/api/submissions/${id}` })),
    ).toEqual({
      ...seeing,
      ...blind,
    });
    expect(
      await statuses(inUnitReview, (id) => ({
        method: 'GET',
        path: `/api/submissions/${id}/revisions`,
      })),
    ).toEqual({ ...seeing, ...blind });
    expect(
      await statuses(atBureau, (id) => ({
        method: 'GET',
        path: `/api/submissions/${id}/diff?from=1&to=1`,
      })),
    ).toEqual({
      ...seeing,
      school_officer: 403,
      direct_officer: 200,
      ng_officer: 403,
      ng_head: 403,
    });
  });

  it('unit review: authors and the reviewing unit edit, its deputy or head approve or return, only authors withdraw', async () => {
    const edit = (id: string) => ({
      method: 'PATCH',
      path: `/api/submissions/${id}`,
      body: { title: '矩阵测试稿件（修改）', expectedVersion: 2 },
    });
    expect(await statuses(inUnitReview, edit)).toEqual({
      ...seeing,
      ...blind,
      reviewer: 403,
      admin: 403,
    });
    const approve = (id: string) => ({
      method: 'POST',
      path: `/api/submissions/${id}/approve`,
      body: { noChange: true, comment: '同意' },
    });
    expect(await statuses(inUnitReview, approve)).toEqual({
      ...blind,
      cg_officer: 403,
      cg_deputy: 200,
      cg_head: 200,
      reviewer: 403,
      admin: 403,
    });
    const giveBack = (id: string) => ({
      method: 'POST',
      path: `/api/submissions/${id}/return`,
      body: { reason: '请补充' },
    });
    expect(await statuses(inUnitReview, giveBack)).toEqual({
      ...blind,
      cg_officer: 403,
      cg_deputy: 200,
      cg_head: 200,
      reviewer: 403,
      admin: 403,
    });
    const withdraw = (id: string) => ({
      method: 'POST',
      path: `/api/submissions/${id}/withdraw`,
      body: {},
    });
    expect(await statuses(inUnitReview, withdraw)).toEqual({
      ...blind,
      cg_officer: 200,
      cg_deputy: 403,
      cg_head: 403,
      reviewer: 403,
      admin: 403,
    });
  });

  it('bureau review: only a 宣传股 reviewer decides, marks quality or returns', async () => {
    const bureauOnly = {
      cg_officer: 403,
      cg_deputy: 403,
      cg_head: 403,
      school_officer: 403,
      direct_officer: 403,
      ng_officer: 403,
      ng_head: 403,
      reviewer: 200,
      admin: 403,
    };
    expect(
      await statuses(atBureau, (id) => ({
        method: 'POST',
        path: `/api/submissions/${id}/decide`,
        body: { adopted: true },
      })),
    ).toEqual(bureauOnly);
    expect(
      await statuses(atBureau, (id) => ({
        method: 'POST',
        path: `/api/submissions/${id}/quality`,
        body: { quality: true },
      })),
    ).toEqual(bureauOnly);
    expect(
      await statuses(atBureau, (id) => ({
        method: 'POST',
        path: `/api/submissions/${id}/return`,
        body: { reason: '请补充图片' },
      })),
    ).toEqual(bureauOnly);
    expect(
      await statuses(atBureau, (id) => ({
        method: 'POST',
        path: '/api/adoptions',
        body: {
          submissionIds: [id],
          level: 'bureau',
          outlet: '县教体局公众号',
          pageOrLink: 'https://mp.example.cn/s/1',
          publishedAt: at(),
        },
      })),
    ).toEqual({ ...bureauOnly, reviewer: 201 });
  });
});
