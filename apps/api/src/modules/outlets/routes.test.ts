import type { Db } from '@jyxc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiCaller,
  freshDatabase,
  issuePaths,
  testApp,
  testClock,
  workflowCounty,
  type ApiCaller,
} from '../../../test/support.js';
import type { listAdoptions, recordAdoption } from '../adoptions/service.js';
import type { submissionDetail } from '../submissions/queries.js';
import type { OutletView } from './service.js';

type Recorded = Awaited<ReturnType<typeof recordAdoption>>;
type AdoptionPage = Awaited<ReturnType<typeof listAdoptions>>;
type Detail = Awaited<ReturnType<typeof submissionDetail>>;

const HOUR = 3_600_000;
let db: Db;
let api: ApiCaller;
const clock = testClock();
const at = (offsetMs = 0) => new Date(clock.now().getTime() + offsetMs).toISOString();

beforeAll(async () => {
  ({ db } = await freshDatabase());
  await workflowCounty(db);
  api = apiCaller(testApp(db, clock), { base: '/api' });
});

afterAll(async () => {
  await db.$disconnect();
});

/** An item of the 直报点 school taken to bureau review. */
async function atBureau(title: string): Promise<string> {
  const created = await api.call<Detail>('direct_officer', 'POST', '/submissions', {
    title,
    body: `${title}。`,
    category: 'activity',
    eventAt: at(-2 * HOUR),
  });
  expect(created.status).toBe(201);
  const sent = await api.call<Detail>(
    'direct_officer',
    'POST',
    `/submissions/${created.body.id}/submit`,
    {},
  );
  expect(sent.body.state).toBe('bureau_review');
  return created.body.id;
}

const outlet = (name: string, level: string, kind: string) =>
  api.call<OutletView>('reviewer', 'POST', '/outlets', { name, level, kind });

describe('the outlet registry (媒体名录)', () => {
  it('is kept by the bureau desk: created, renamed, deactivated, each audited', async () => {
    const created = await outlet('清河县融媒体中心', 'county', 'other');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '清河县融媒体中心', level: 'county', active: true });
    await outlet('中国教育报', 'national', 'newspaper');

    const renamed = await api.call<OutletView>('admin', 'PATCH', `/outlets/${created.body.id}`, {
      name: '清河县融媒体中心（清河发布）',
      kind: 'official_account',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ kind: 'official_account', level: 'county' });

    const off = await api.call<OutletView>('reviewer', 'PATCH', `/outlets/${created.body.id}`, {
      active: false,
    });
    expect(off.body.active).toBe(false);
    const active = await api.call<OutletView[]>('reviewer', 'GET', '/outlets?active=yes');
    expect(active.body.map((o) => o.name)).toEqual(['中国教育报']);
    const found = await api.call<OutletView[]>('cg_officer', 'GET', '/outlets?q=教育报');
    expect(found.body.map((o) => o.name)).toEqual(['中国教育报']);

    const trail = await db.auditLog.findMany({
      where: { entity: 'Outlet', entityId: created.body.id },
      orderBy: { at: 'asc' },
    });
    expect(trail.map((e) => e.action)).toEqual(['outlet.create', 'outlet.update', 'outlet.update']);
    expect(JSON.parse(trail[2]?.before ?? '{}')).toMatchObject({ active: true });
    expect(JSON.parse(trail[2]?.after ?? '{}')).toMatchObject({ active: false });
  });

  it('refuses bad input, a taken name and a unit officer, changing nothing', async () => {
    const before = await db.outlet.count();
    const bad = await api.call('reviewer', 'POST', '/outlets', {
      name: ' ',
      level: 'galactic',
      kind: 'radio',
    });
    expect(bad.status).toBe(400);
    expect(issuePaths(bad).sort()).toEqual(['kind', 'level', 'name']);

    await outlet('清州日报', 'city', 'newspaper');
    const twice = await outlet('清州日报', 'province', 'newspaper');
    expect(twice.status).toBe(409);
    expect(twice.body.error?.code).toBe('OUTLET.NAME_TAKEN');
    expect(twice.body.error?.message).toContain('清州日报');

    const officer = await api.call('cg_officer', 'POST', '/outlets', {
      name: '城关镇宣传栏',
      level: 'bureau',
      kind: 'other',
    });
    expect(officer.status).toBe(403);
    const other = await outlet('清州广播电视台', 'city', 'tv');
    const clash = await api.call('reviewer', 'PATCH', `/outlets/${other.body.id}`, {
      name: '清州日报',
    });
    expect(clash.status).toBe(409);
    const unknownField = await api.call('reviewer', 'PATCH', `/outlets/${other.body.id}`, {
      deleted: true,
    });
    expect(unknownField.status).toBe(400);
    const missing = await api.call('reviewer', 'PATCH', '/outlets/no-such-outlet', {
      active: false,
    });
    expect(missing.status).toBe(404);

    expect(await db.outlet.count()).toBe(before + 2);
    expect((await db.outlet.findUnique({ where: { id: other.body.id } }))?.name).toBe(
      '清州广播电视台',
    );
  });
});

describe('recording an adoption from the registry', () => {
  it('takes the outlet’s name and level, and keeps the recorded name after a rename', async () => {
    const province = await outlet('河南省教育厅微信公众号', 'province', 'official_account');
    const item = await atBureau('实验小学举办科技节');
    const recorded = await api.call<Recorded>('reviewer', 'POST', '/adoptions', {
      submissionIds: [item],
      outletId: province.body.id,
      pageOrLink: 'https://mp.weixin.qq.com/s/kejijie',
      publishedAt: at(),
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body.adoption).toMatchObject({
      level: 'province',
      outlet: '河南省教育厅微信公众号',
      outletId: province.body.id,
      outletKind: 'official_account',
    });
    // DESIGN §3.4: province 8 + 0.2 for reaching the bureau.
    expect(recorded.body.credits[0]?.total).toBe(8.2);

    // The level chosen in the dialog wins over the outlet's default.
    const county = await outlet('清河发布', 'county', 'official_account');
    const lower = await api.call<Recorded>('reviewer', 'POST', '/adoptions', {
      submissionIds: [item],
      outletId: county.body.id,
      level: 'bureau',
      pageOrLink: 'https://mp.weixin.qq.com/s/qinghe',
      publishedAt: at(),
    });
    expect(lower.body.adoption.level).toBe('bureau');

    await api.call('reviewer', 'PATCH', `/outlets/${province.body.id}`, { name: '河南教育发布' });
    const listed = await api.call<AdoptionPage>(
      'direct_officer',
      'GET',
      `/adoptions?submissionId=${item}`,
    );
    expect(listed.body.items.map((a) => a.outlet).sort()).toEqual(
      ['河南省教育厅微信公众号', '清河发布'].sort(),
    );
    expect((await api.call('reviewer', 'GET', '/outlets?q=河南教育发布')).body).toMatchObject([
      { adoptions: 1 },
    ]);
    // Issue 16: the item's score lines name each adoption with its outlet.
    const detail = await api.call<Detail>('direct_officer', 'GET', `/submissions/${item}`);
    const lines = detail.body.score?.lines ?? [];
    expect(lines.filter((l) => l.kind === 'adoption').map((l) => [l.level, l.outlet])).toEqual(
      expect.arrayContaining([
        ['province', '河南省教育厅微信公众号'],
        ['bureau', '清河发布'],
      ]),
    );
    expect(lines.find((l) => l.kind === 'reached_bureau')?.outlet).toBeNull();
    expect(recorded.body.credits[0]?.lines.map((l) => l.outlet)).toEqual([
      '河南省教育厅微信公众号',
    ]);
  });

  it('refuses the same outlet and level twice for an item with 409, changing nothing', async () => {
    const paper = await outlet('教育时报', 'province', 'newspaper');
    const item = await atBureau('实验小学开展劳动教育周');
    const body = {
      submissionIds: [item],
      outletId: paper.body.id,
      pageOrLink: '第 2 版',
      publishedAt: at(),
    };
    expect((await api.call('reviewer', 'POST', '/adoptions', body)).status).toBe(201);
    const before = await db.adoption.count();
    const twice = await api.call('reviewer', 'POST', '/adoptions', {
      ...body,
      pageOrLink: '第 3 版',
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error?.code).toBe('ADOPTION.DUPLICATE_LEVEL');
    expect(twice.body.error?.message).toBe(
      '稿件《实验小学开展劳动教育周》已登记过“教育时报”的省级采用，不能重复登记；如需更正请先撤销原记录',
    );
    expect(await db.adoption.count()).toBe(before);
  });

  it('refuses an unknown or deactivated outlet, or none at all, naming the field', async () => {
    const item = await atBureau('实验小学开展读书月活动');
    const closed = await outlet('清河周报', 'county', 'newspaper');
    await api.call('reviewer', 'PATCH', `/outlets/${closed.body.id}`, { active: false });
    const before = await db.adoption.count();
    const base = { submissionIds: [item], pageOrLink: '第 1 版', publishedAt: at() };

    const inactive = await api.call('reviewer', 'POST', '/adoptions', {
      ...base,
      outletId: closed.body.id,
    });
    expect(inactive.status).toBe(422);
    expect(inactive.body.error?.code).toBe('ADOPTION.OUTLET_INACTIVE');
    expect(inactive.body.error?.message).toContain('清河周报');
    expect(inactive.body.error?.details).toMatchObject({ path: 'outletId' });

    const unknown = await api.call('reviewer', 'POST', '/adoptions', {
      ...base,
      outletId: 'no-such-outlet',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error?.code).toBe('ADOPTION.UNKNOWN_OUTLET');

    const none = await api.call('reviewer', 'POST', '/adoptions', base);
    expect(none.status).toBe(400);
    expect(issuePaths(none).sort()).toEqual(['level', 'outletId']);
    expect(await db.adoption.count()).toBe(before);
  });

  it('keeps adoptions recorded as free text, shown by their stored name', async () => {
    const item = await atBureau('实验小学举行入队仪式');
    const recorded = await api.call<Recorded>('reviewer', 'POST', '/adoptions', {
      submissionIds: [item],
      level: 'county',
      outlet: '清河县电视台《清河新闻》',
      pageOrLink: '2026 年 5 月 10 日播出',
      publishedAt: at(),
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body.adoption).toMatchObject({
      outlet: '清河县电视台《清河新闻》',
      outletId: null,
      outletKind: null,
    });
  });
});
