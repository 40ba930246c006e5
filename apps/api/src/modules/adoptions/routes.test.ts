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
import type { counterAdoption, listAdoptions, recordAdoption } from './service.js';
import type {} from '../submissions/service.js';
import type { listPenalties } from './penalties.js';
import type { createAdjustment } from './adjustments.js';
import type { listAdjustments } from './adjustments.js';
import type { recordPenalty } from './penalties.js';
import type { submissionDetail } from '../submissions/queries.js';

const HOUR = 3_600_000;
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

let db: Db;
let app: ReturnType<typeof testApp>;
let county: Awaited<ReturnType<typeof workflowCounty>>;
const clock = testClock();
const cookies: Record<string, string> = {};

type Recorded = Awaited<ReturnType<typeof recordAdoption>>;
type AdoptionView = Awaited<ReturnType<typeof counterAdoption>>;
type AdoptionPage = Awaited<ReturnType<typeof listAdoptions>>;
type AdjustmentView = Awaited<ReturnType<typeof createAdjustment>>;
type AdjustmentPage = Awaited<ReturnType<typeof listAdjustments>>;
type PenaltyView = NonNullable<Awaited<ReturnType<typeof recordPenalty>>>;
type PenaltyPage = Awaited<ReturnType<typeof listPenalties>>;
type Detail = Awaited<ReturnType<typeof submissionDetail>>;

/** A request as `user`; the body is read as the service's answer (or the error body). */
function call<T = Recorded>(user: string, method: string, path: string, body?: unknown) {
  return requestJson<T>(app, cookies[user] ?? '', method, path, body);
}

const at = (offsetMs = 0) => new Date(clock.now().getTime() + offsetMs).toISOString();

/** An item of a 直报点 school or a township, taken to bureau review. */
async function atBureau(
  title: string,
  category = 'news',
  eventOffset = -2 * HOUR,
): Promise<string> {
  const created = await call<Detail>('direct_officer', 'POST', '/api/submissions', {
    title,
    body: `${title}。`,
    category,
    eventAt: at(eventOffset),
  });
  expect(created.status).toBe(201);
  const sent = await call<Detail>(
    'direct_officer',
    'POST',
    `/api/submissions/${created.body.id}/submit`,
    {},
  );
  expect(sent.body.state).toBe('bureau_review');
  return created.body.id;
}

function adoption(submissionIds: string[], extra: Record<string, unknown> = {}) {
  return {
    submissionIds,
    level: 'county',
    outlet: '清河县融媒体中心',
    pageOrLink: 'https://news.example.cn/a/1',
    publishedAt: at(),
    ...extra,
  };
}

beforeAll(async () => {
  ({ db } = await freshDatabase());
  county = await workflowCounty(db);
  app = testApp(db, clock);
  for (const user of [
    'admin',
    'reviewer',
    'cg_officer',
    'cg_head',
    'direct_officer',
    'ng_officer',
  ]) {
    const { response, cookie } = await login(app, user);
    expect(response.status).toBe(200);
    cookies[user] = cookie;
  }
});

afterAll(async () => {
  await db.$disconnect();
});

describe('adoptions', () => {
  it('shares the points of a merged piece equally and adopts every credited item', async () => {
    const a = await atBureau('实验小学开展消防演练');
    const b = await atBureau('实验小学开展防震演练');
    const reply = await call(
      'reviewer',
      'POST',
      '/api/adoptions',
      adoption([a, b], {
        level: 'province',
        instruction: { level: 'city', at: at(48 * HOUR), leader: '市委书记', note: '值得推广' },
      }),
    );
    expect(reply.status).toBe(201);
    expect(reply.body.adoption).toMatchObject({
      level: 'province',
      outlet: '清河县融媒体中心',
      instruction: { level: 'city', leader: '市委书记', note: '值得推广', at: at(48 * HOUR) },
      countered: null,
    });
    for (const credit of reply.body.credits) {
      expect(credit.gained).toBe(6.5);
      expect(credit.lines.map((l: { explanation: string }) => l.explanation)).toEqual([
        '省级采用 8 ÷ 综合稿 2 篇 = 4',
        '市级领导批示 5 ÷ 综合稿 2 篇 = 2.5',
      ]);
      // DESIGN §3.4: the instruction scores on the date it was given.
      expect(credit.lines[1]?.at).toBe(at(48 * HOUR));
    }
    for (const id of [a, b]) {
      const detail = await call<Detail>('direct_officer', 'GET', `/api/submissions/${id}`);
      expect(detail.body.state).toBe('adopted');
    }
    const audit = await db.auditLog.findMany({ where: { entityId: reply.body.adoption.id } });
    expect(audit.map((e) => e.action)).toEqual(['adoption.record']);
  });

  it('halves a late item’s adoption points, as the domain explains', async () => {
    const late = await atBureau('实验小学三天前的活动', 'activity', -72 * HOUR);
    const reply = await call(
      'reviewer',
      'POST',
      '/api/adoptions',
      adoption([late], { level: 'city' }),
    );
    expect(reply.body.credits[0]?.lines[0]?.explanation).toBe('市级采用 4 × 迟报 0.5 = 2');
    expect(reply.body.credits[0]?.gained).toBe(2);
  });

  it('refuses the same level twice for an item with 409, also when two requests race', async () => {
    const item = await atBureau('实验小学获评绿色学校');
    const first = await call('reviewer', 'POST', '/api/adoptions', adoption([item]));
    expect(first.status).toBe(201);
    const second = await call(
      'reviewer',
      'POST',
      '/api/adoptions',
      adoption([item], { outlet: '清河电视台' }),
    );
    expect(second.status).toBe(409);
    expect(second.body.error?.code).toBe('ADOPTION.DUPLICATE_LEVEL');
    const higher = await call(
      'reviewer',
      'POST',
      '/api/adoptions',
      adoption([item], { level: 'city' }),
    );
    expect(higher.status).toBe(201);
    expect(higher.body.credits[0]?.total).toBe(6.2);

    const other = await atBureau('实验小学举办校园开放日');
    const raced = await Promise.all(
      ['甲报', '乙报'].map((outlet) =>
        call('reviewer', 'POST', '/api/adoptions', adoption([other], { outlet })),
      ),
    );
    expect(raced.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await db.adoptionCredit.count({ where: { submissionId: other } })).toBe(1);
  });

  it('counters an adoption without deleting it, and the level may then be recorded again', async () => {
    const item = await atBureau('实验小学开展诗词大会');
    const recorded = await call('reviewer', 'POST', '/api/adoptions', adoption([item]));
    const id = recorded.body.adoption.id;
    const countered = await call<AdoptionView>('reviewer', 'POST', `/api/adoptions/${id}/counter`, {
      reason: '链接有误，重新登记',
    });
    expect(countered.status).toBe(200);
    expect(countered.body.countered).toMatchObject({
      reason: '链接有误，重新登记',
      by: { name: '张审核' },
    });
    const twice = await call<AdoptionView>('reviewer', 'POST', `/api/adoptions/${id}/counter`, {
      reason: '再次',
    });
    expect(twice.status).toBe(409);

    const history = await call<AdoptionPage>(
      'direct_officer',
      'GET',
      `/api/adoptions?submissionId=${item}`,
    );
    expect(history.body.total).toBe(1);
    expect(history.body.items[0]?.countered).not.toBeNull();
    const detail = await call<Detail>('direct_officer', 'GET', `/api/submissions/${item}`);
    expect(detail.body.score?.total).toBe(0.2);

    const again = await call(
      'reviewer',
      'POST',
      '/api/adoptions',
      adoption([item], { pageOrLink: '第 3 版' }),
    );
    expect(again.status).toBe(201);
    const inForce = await call<AdoptionPage>(
      'reviewer',
      'GET',
      `/api/adoptions?submissionId=${item}&countered=no`,
    );
    expect(inForce.body.items.map((x: { id: string }) => x.id)).toEqual([again.body.adoption.id]);
    const actions = await db.auditLog.findMany({ where: { entity: 'Adoption', entityId: id } });
    expect(actions.map((e) => e.action).sort()).toEqual(['adoption.counter', 'adoption.record']);
  });

  it('lets only the bureau record adoptions, checks the proof and the items, and changes nothing on refusal', async () => {
    const item = await atBureau('实验小学开展课后服务');
    const before = await db.adoption.count();
    const officer = await call('cg_officer', 'POST', '/api/adoptions', adoption([item]));
    expect(officer.status).toBe(403);
    expect(officer.body.error?.code).toBe('ADOPTION.NOT_BUREAU_REVIEWER');
    const bad = await call('reviewer', 'POST', '/api/adoptions', {
      submissionIds: [],
      level: 'galactic',
      outlet: '',
      pageOrLink: '',
      publishedAt: 'today',
    });
    expect(bad.status).toBe(400);
    expect(issuePaths(bad).sort()).toEqual(
      ['level', 'outlet', 'pageOrLink', 'publishedAt', 'submissionIds'].sort(),
    );
    const draft = await call<Detail>('cg_officer', 'POST', '/api/submissions', {
      title: '尚未报局的稿件',
      body: '正文',
      category: 'news',
      eventAt: at(),
    });
    const early = await call('reviewer', 'POST', '/api/adoptions', adoption([draft.body.id]));
    expect(early.status).toBe(422);
    expect(early.body.error?.code).toBe('ADOPTION.NOT_AT_BUREAU');
    const unknown = await call('reviewer', 'POST', '/api/adoptions', adoption(['no-such-item']));
    expect(unknown.status).toBe(422);
    expect(await db.adoption.count()).toBe(before);
  });

  it('stores a screenshot proof checked by its bytes and serves it with the adoption', async () => {
    const form = new FormData();
    form.append('file', new File([GIF], 'proof.bin', { type: 'application/octet-stream' }));
    const uploaded = await app.request('/api/adoptions/screenshots', {
      method: 'POST',
      headers: { cookie: cookies.reviewer ?? '', origin: 'http://localhost' },
      body: form,
    });
    expect(uploaded.status).toBe(201);
    const shot = (await uploaded.json()) as { id: string; mime: string };
    expect(shot.mime).toBe('image/gif');

    const item = await atBureau('实验小学合唱团获奖');
    const recorded = await call(
      'reviewer',
      'POST',
      '/api/adoptions',
      adoption([item], { screenshotId: shot.id }),
    );
    expect(recorded.status).toBe(201);
    const served = await app.request(`/api/adoptions/${recorded.body.adoption.id}/screenshot`, {
      headers: { cookie: cookies.direct_officer ?? '' },
    });
    expect(served.headers.get('content-type')).toBe('image/gif');
    const foreign = await app.request(`/api/adoptions/${recorded.body.adoption.id}/screenshot`, {
      headers: { cookie: cookies.ng_officer ?? '' },
    });
    expect(foreign.status).toBe(403);
    const reused = await call(
      'reviewer',
      'POST',
      '/api/adoptions',
      adoption([item], { level: 'city', screenshotId: shot.id }),
    );
    expect(reused.status).toBe(409);
  });

  it('lists adoptions within what a person may see', async () => {
    const mine = await call<AdoptionPage>(
      'direct_officer',
      'GET',
      '/api/adoptions?period=2026-H1&pageSize=100',
    );
    expect(mine.body.total).toBeGreaterThan(0);
    const foreign = await call<AdoptionPage>('ng_officer', 'GET', '/api/adoptions');
    expect(foreign.body.total).toBe(0);
    const refused = await call<AdoptionPage>(
      'ng_officer',
      'GET',
      `/api/adoptions?unitId=${county.schoolDirect.id}`,
    );
    expect(refused.status).toBe(403);
    const cities = await call<AdoptionPage>(
      'reviewer',
      'GET',
      '/api/adoptions?level=city&pageSize=100',
    );
    expect(cities.body.items.every((x: { level: string }) => x.level === 'city')).toBe(true);
  });

  it('a merged piece shows a school only its own credited items, and how many it may not see', async () => {
    const own = await atBureau('实验小学参加全县合唱比赛');
    // An item of 南关镇, which 城关镇's schools may not see (DESIGN §6), taken to the bureau.
    const foreignTitle = '南关镇中心校合唱团排练纪实';
    const foreign = await call<Detail>('ng_officer', 'POST', '/api/submissions', {
      title: foreignTitle,
      body: `${foreignTitle}。`,
      category: 'news',
      eventAt: at(-2 * HOUR),
    });
    await call<Detail>('ng_officer', 'POST', `/api/submissions/${foreign.body.id}/submit`, {});
    const ngHead = (await login(app, 'ng_head')).cookie;
    const approved = await requestJson<Detail>(
      app,
      ngHead,
      'POST',
      `/api/submissions/${foreign.body.id}/approve`,
      { noChange: true },
    );
    expect(approved.body.state, JSON.stringify(approved.body)).toBe('bureau_review');
    const merged = await call(
      'reviewer',
      'POST',
      '/api/adoptions',
      adoption([own, foreign.body.id]),
    );
    expect(merged.status).toBe(201);

    const seen = await call<AdoptionPage>(
      'direct_officer',
      'GET',
      `/api/adoptions?submissionId=${own}`,
    );
    expect(seen.status).toBe(200);
    const [piece] = seen.body.items;
    expect(piece?.credits.map((c: { submissionId: string }) => c.submissionId)).toEqual([own]);
    expect(piece?.hiddenCredits).toBe(1);
    expect(JSON.stringify(seen.body)).not.toContain(foreignTitle);
    expect(JSON.stringify(seen.body)).not.toContain('南关镇');

    // The bureau sees every credited item of the same piece.
    const bureau = await call<AdoptionPage>(
      'reviewer',
      'GET',
      `/api/adoptions?submissionId=${own}`,
    );
    expect(bureau.body.items[0]?.credits).toHaveLength(2);
    expect(bureau.body.items[0]?.hiddenCredits).toBe(0);
  });
});

describe('adjustments and penalties', () => {
  it('lets an admin add or deduct points with a reason and counter them, keeping the history', async () => {
    const added = await call<AdjustmentView>('admin', 'POST', '/api/adjustments', {
      unitId: county.township.id,
      points: 3,
      reason: '承办全县信息员培训',
      eventAt: at(),
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ points: 3, countersId: null });
    const counter = await call<AdjustmentView>(
      'admin',
      'POST',
      `/api/adjustments/${added.body.id}/counter`,
      {
        reason: '重复加分',
      },
    );
    expect(counter.status).toBe(201);
    expect(counter.body).toMatchObject({ points: -3, countersId: added.body.id });
    const twice = await call<AdjustmentView>(
      'admin',
      'POST',
      `/api/adjustments/${added.body.id}/counter`,
      {
        reason: '再撤',
      },
    );
    expect(twice.status).toBe(409);

    const seen = await call<AdjustmentPage>('cg_officer', 'GET', '/api/adjustments?period=2026-H1');
    expect(seen.body.items.map((x: { points: number }) => x.points).sort()).toEqual([-3, 3]);
    expect(seen.body.items.find((x) => x.points === 3)?.counteredById).toBe(counter.body.id);
    expect((await call<AdjustmentPage>('ng_officer', 'GET', '/api/adjustments')).body.total).toBe(
      0,
    );

    const reviewer = await call<AdjustmentView>('reviewer', 'POST', '/api/adjustments', {
      unitId: county.township.id,
      points: 1,
      reason: '试试',
      eventAt: at(),
    });
    expect(reviewer.status).toBe(403);
    const zero = await call<AdjustmentView>('admin', 'POST', '/api/adjustments', {
      unitId: county.township.id,
      points: 0,
      reason: '',
      eventAt: at(),
    });
    expect(zero.status).toBe(400);
    expect(issuePaths(zero).sort()).toEqual(['points', 'reason']);
    const audit = await db.auditLog.findMany({ where: { entity: 'Adjustment' } });
    expect(audit.map((e) => e.action).sort()).toEqual(['adjustment.counter', 'adjustment.create']);
  });

  it('records an unreported major event and derives a late major item’s 迟报 penalty', async () => {
    const recorded = await call<PenaltyView>('admin', 'POST', '/api/penalties', {
      unitId: county.ng.id,
      eventAt: at(-24 * HOUR),
      note: '南关镇某校安全事故未报',
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      kind: 'unreported_major',
      points: 20,
      disqualifies: true,
      voided: null,
    });
    const byHand = await call<PenaltyView>('admin', 'POST', '/api/penalties', {
      kind: 'late_major',
      unitId: county.ng.id,
      eventAt: at(),
      note: '迟报',
    });
    expect(byHand.status).toBe(422);
    expect(
      (
        await call<PenaltyView>('reviewer', 'POST', '/api/penalties', {
          unitId: county.ng.id,
          eventAt: at(),
          note: 'x',
        })
      ).status,
    ).toBe(403);

    const major = await atBureau('实验小学突发停电', 'major', -5 * HOUR);
    const list = await call<PenaltyPage>('reviewer', 'GET', '/api/penalties?period=2026-H1');
    const late = list.body.items.find(
      (p: { submissionId: string | null }) => p.submissionId === major,
    );
    expect(late).toMatchObject({
      kind: 'late_major',
      points: 5,
      source: 'derived',
      disqualifies: false,
    });
    expect(list.body.items.some((p: { id: string }) => p.id === recorded.body.id)).toBe(true);
    expect(
      (await call<PenaltyPage>('cg_officer', 'GET', '/api/penalties')).body.items.map(
        (p: { kind: string }) => p.kind,
      ),
    ).toEqual(['late_major']);

    const voided = await call<PenaltyView>(
      'admin',
      'POST',
      `/api/penalties/${recorded.body.id}/void`,
      {
        reason: '经核实已报告',
      },
    );
    expect(voided.body.voided).toMatchObject({ reason: '经核实已报告' });
    expect(
      (
        await call<PenaltyView>('admin', 'POST', `/api/penalties/${recorded.body.id}/void`, {
          reason: '再次',
        })
      ).status,
    ).toBe(409);
  });
});

describe('who may record and read scores (DESIGN §3.4, §6)', () => {
  const people = ['cg_officer', 'cg_head', 'direct_officer', 'ng_officer', 'reviewer', 'admin'];

  async function statuses(
    request: () => Promise<{ method: string; path: string; body?: unknown }>,
  ) {
    const out: Record<string, number> = {};
    for (const person of people) {
      const r = await request();
      out[person] = (await call(person, r.method, r.path, r.body)).status;
    }
    return out;
  }

  it('only admins adjust and record penalties; only the bureau records adoptions', async () => {
    expect(
      await statuses(async () => ({
        method: 'POST',
        path: '/api/adjustments',
        body: { unitId: county.township.id, points: 1, reason: '矩阵', eventAt: at() },
      })),
    ).toEqual({
      cg_officer: 403,
      cg_head: 403,
      direct_officer: 403,
      ng_officer: 403,
      reviewer: 403,
      admin: 201,
    });
    expect(
      await statuses(async () => ({
        method: 'POST',
        path: '/api/penalties',
        body: { unitId: county.township.id, eventAt: at(), note: '矩阵' },
      })),
    ).toEqual({
      cg_officer: 403,
      cg_head: 403,
      direct_officer: 403,
      ng_officer: 403,
      reviewer: 403,
      admin: 201,
    });
    expect(
      await statuses(async () => ({
        method: 'POST',
        path: '/api/adoptions',
        body: adoption([await atBureau(`矩阵采用 ${Math.random()}`)]),
      })),
    ).toEqual({
      cg_officer: 403,
      cg_head: 403,
      direct_officer: 403,
      ng_officer: 403,
      reviewer: 201,
      admin: 403,
    });
  });

  it('reads: a unit sees its own scores (a township also its schools), the bureau all, others nothing', async () => {
    for (const path of ['/api/adoptions', '/api/adjustments', '/api/penalties']) {
      expect(
        await statuses(async () => ({
          method: 'GET',
          path: `${path}?unitId=${county.schoolDirect.id}`,
        })),
      ).toEqual({
        cg_officer: 200,
        cg_head: 200,
        direct_officer: 200,
        ng_officer: 403,
        reviewer: 200,
        admin: 200,
      });
    }
  });
});

describe('a leader instruction added after the adoption (DESIGN §3.4)', () => {
  type UnitRow = {
    unitId: string;
    breakdown: { instructions: number } | null;
    writers: { unitId: string }[] | null;
  };
  const instructionsIn = async (period: string, unitId: string) => {
    const page = await call<{ units: UnitRow[] }>(
      'reviewer',
      'GET',
      `/api/evaluation?period=${period}`,
    );
    // A school's items count for its township (DESIGN §3.4).
    return page.body.units.find((u) => u.writers?.some((w) => w.unitId === unitId))?.breakdown
      ?.instructions;
  };

  it('scores in the period of its own date, once, and is refused with a reason otherwise', async () => {
    const item = await atBureau('实验小学开展科技节');
    const recorded = await call('reviewer', 'POST', '/api/adoptions', adoption([item]));
    const id = recorded.body.adoption.id;
    const unitId = recorded.body.credits[0]!.unitId;
    const h1Before = await instructionsIn('2026-H1', unitId);

    // Weeks later, in the second half, the county head gives an instruction on the piece.
    clock.advance(60 * 24 * HOUR);
    for (const user of ['reviewer', 'direct_officer'])
      cookies[user] = (await login(app, user)).cookie;
    const before = await db.adoption.findUniqueOrThrow({ where: { id } });
    const early = await call<AdoptionView>('reviewer', 'POST', `/api/adoptions/${id}/instruction`, {
      level: 'county',
      at: new Date(Date.parse(before.publishedAt.toISOString()) - HOUR).toISOString(),
    });
    expect(early.status).toBe(422);
    expect(early.body.error?.message).toContain('批示日期不能早于刊发日期');
    const officer = await call<AdoptionView>(
      'direct_officer',
      'POST',
      `/api/adoptions/${id}/instruction`,
      { level: 'county', at: at() },
    );
    expect(officer.status).toBe(403);
    const badLevel = await call<AdoptionView>(
      'reviewer',
      'POST',
      `/api/adoptions/${id}/instruction`,
      {
        level: 'bureau',
        at: at(),
      },
    );
    expect(badLevel.status).toBe(400);
    expect(await db.adoption.findUniqueOrThrow({ where: { id } })).toEqual(before);

    const added = await call<AdoptionView>('reviewer', 'POST', `/api/adoptions/${id}/instruction`, {
      level: 'county',
      at: at(),
      leader: '县长',
      note: '经验值得推广',
    });
    expect(added.status).toBe(200);
    expect(added.body.instruction).toMatchObject({ level: 'county', at: at(), leader: '县长' });
    const again = await call<AdoptionView>('reviewer', 'POST', `/api/adoptions/${id}/instruction`, {
      level: 'city',
      at: at(),
    });
    expect(again.status).toBe(409);

    // The bonus (county 3) scores in H2, the instruction's half, and leaves H1 as it was.
    expect(await instructionsIn('2026-H1', unitId)).toBe(h1Before);
    expect(await instructionsIn('2026-H2', unitId)).toBe(3);
    const actions = await db.auditLog.findMany({ where: { entity: 'Adoption', entityId: id } });
    expect(actions.map((e) => e.action).sort()).toEqual([
      'adoption.instruction',
      'adoption.record',
    ]);
  });
});
