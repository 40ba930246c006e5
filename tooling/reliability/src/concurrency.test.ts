import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCounty } from './support/county.js';
import { isUniformError, readJson } from './support/http.js';
import { field } from './support/client.js';
import { recordPart } from './support/results.js';

type County = Awaited<ReturnType<typeof demoCounty>>;

describe('concurrency: two people acting on the same record at once', () => {
  let county: County;
  let checks = 0;
  let unexpected = 0;

  beforeAll(async () => {
    county = await demoCounty();
  });
  afterAll(() => {
    recordPart('concurrency', {
      scope: 'approve vs return, decide vs decide, two adoptions, two edits',
      checks,
      unexpectedResponses: unexpected,
    });
  });

  async function call(username: string, method: string, path: string, body: unknown) {
    const response = await county.app.request(path, {
      method,
      headers: {
        cookie: await county.as(username),
        'content-type': 'application/json',
        origin: 'http://localhost',
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await readJson(response) };
  }

  async function draft(title: string) {
    const created = await call('cg_xxy', 'POST', '/api/submissions', {
      title,
      body: '同一稿件，两人同时操作。',
      category: 'activity',
      eventAt: '2026-07-07T08:00:00+08:00',
    });
    expect(created.status).toBe(201);
    const id = field(created.body, 'id');
    if (typeof id !== 'string') throw new Error('no id');
    return id;
  }

  const version = async (id: string) =>
    (await county.db.submission.findUniqueOrThrow({ where: { id }, select: { version: true } }))
      .version;

  /** Exactly one of two simultaneous requests wins; the other is a 409 that says why. */
  function oneWins(answers: { status: number; body: unknown }[]) {
    checks += answers.length;
    const won = answers.filter((a) => a.status >= 200 && a.status < 300);
    const lost = answers.filter((a) => a.status === 409);
    if (won.length !== 1 || lost.length !== 1) unexpected += 1;
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409].sort());
    const message = field(field(lost[0]?.body, 'error'), 'message');
    expect(isUniformError(lost[0]?.body)).toBe(true);
    expect(typeof message === 'string' && message.length >= 4).toBe(true);
  }

  it('approve and return of one unit review: one wins, the other gets 409', async () => {
    const id = await draft('并发审核：通过与退回');
    expect((await call('cg_xxy', 'POST', `/api/submissions/${id}/submit`, {})).status).toBe(200);
    const v = await version(id);
    const answers = await Promise.all([
      call('cg_fg', 'POST', `/api/submissions/${id}/approve`, {
        noChange: true,
        comment: '同意',
        forward: true,
        expectedVersion: v,
      }),
      call('cg_head', 'POST', `/api/submissions/${id}/return`, {
        reason: '请补充数据',
        expectedVersion: v,
      }),
    ]);
    oneWins(answers);
  });

  it('adopt and not adopt at bureau review: one wins, the other gets 409', async () => {
    const id = await draft('并发终审：采用与不采用');
    await call('cg_xxy', 'POST', `/api/submissions/${id}/submit`, {});
    await call('cg_fg', 'POST', `/api/submissions/${id}/approve`, {
      noChange: true,
      comment: '同意',
      forward: true,
    });
    const v = await version(id);
    const answers = await Promise.all([
      call('shenhe', 'POST', `/api/submissions/${id}/decide`, {
        adopted: true,
        expectedVersion: v,
      }),
      call('shenhe2', 'POST', `/api/submissions/${id}/decide`, {
        adopted: false,
        expectedVersion: v,
      }),
    ]);
    oneWins(answers);
  });

  it('two adoptions of the same level for one item: one is recorded, the other gets 409', async () => {
    const id = await draft('并发采用：同一级别两次');
    await call('cg_xxy', 'POST', `/api/submissions/${id}/submit`, {});
    await call('cg_fg', 'POST', `/api/submissions/${id}/approve`, {
      noChange: true,
      comment: '同意',
      forward: true,
    });
    await call('shenhe', 'POST', `/api/submissions/${id}/decide`, { adopted: true });
    const adoption = (outlet: string) => ({
      submissionIds: [id],
      level: 'city',
      outlet,
      pageOrLink: '第3版',
      publishedAt: '2026-07-08T00:00:00Z',
    });
    const answers = await Promise.all([
      call('shenhe', 'POST', '/api/adoptions', adoption('市报')),
      call('shenhe2', 'POST', '/api/adoptions', adoption('市电视台')),
    ]);
    checks += answers.length;
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const credits = await county.db.adoptionCredit.count({
      where: { submissionId: id, adoption: { level: 'city', counteredAt: null } },
    });
    expect(credits).toBe(1);
  });

  it('two edits of the same version (the author in two windows): one is kept, the other gets 409 and nothing is lost silently', async () => {
    const id = await draft('并发编辑：原标题');
    const v = await version(id);
    const answers = await Promise.all([
      call('cg_xxy', 'PATCH', `/api/submissions/${id}`, {
        title: '并发编辑：甲的标题',
        expectedVersion: v,
      }),
      call('cg_xxy', 'PATCH', `/api/submissions/${id}`, {
        title: '并发编辑：乙的标题',
        expectedVersion: v,
      }),
    ]);
    oneWins(answers);
    const winner = answers.find((a) => a.status === 200);
    const row = await county.db.submission.findUniqueOrThrow({
      where: { id },
      select: { title: true, version: true },
    });
    expect(row.title).toBe(field(winner?.body, 'title'));
    expect(row.version).toBe(v + 1);
  });
});
