import type { Db } from '@jyxc/db';
import { defaultScheme, type Scheme } from '@jyxc/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, login, requestJson, smallCounty, testApp } from '../../../test/support.js';

let db: Db;
let app: ReturnType<typeof testApp>;
let county: Awaited<ReturnType<typeof smallCounty>>;
let admin: string;
let officer: string;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  county = await smallCounty(db);
  app = testApp(db);
  admin = (await login(app, 'admin')).cookie;
  officer = (await login(app, 'cg_officer')).cookie;
  // One item of 城关镇 that reached the bureau in March and was adopted by a city paper.
  const item = await db.submission.create({
    data: {
      unitId: county.township.id,
      category: 'news',
      title: '城关镇开展春季开学安全检查',
      body: '正文',
      eventAt: new Date('2026-03-01T02:00:00Z'),
      state: 'adopted',
      submittedToBureauAt: new Date('2026-03-01T04:00:00Z'),
      createdById: county.officer.id,
      authorIds: JSON.stringify([county.officer.id]),
      authors: { create: [{ personId: county.officer.id }] },
    },
  });
  await db.adoption.create({
    data: {
      level: 'city',
      outletName: '清河日报',
      pageOrLink: '第2版',
      publishedAt: new Date('2026-03-05T02:00:00Z'),
      recordedById: county.admin.id,
      credits: { create: [{ submissionId: item.id }] },
    },
  });
});
afterAll(async () => {
  await db.$disconnect();
});

function call(method: string, path: string, cookie: string, body?: unknown) {
  return requestJson<Record<string, unknown>>(app, cookie, method, `/api${path}`, body);
}

interface Issue {
  path: string;
  code: string;
  message: string;
}

async function township(period = '2026-H1') {
  const { body } = await call('GET', `/evaluation?period=${period}`, admin);
  const units = body['units'] as { unitId: string; score: number; status: string }[];
  return units.find((u) => u.unitId === county.township.id)!;
}

describe('the scheme of a year', () => {
  it('is the domain default, flagged as such, until the bureau saves one', async () => {
    const { status, body } = await call('GET', '/schemes/2026', officer);
    expect(status).toBe(200);
    expect(body).toMatchObject({ year: 2026, isDefault: true, version: 1 });
    expect(body['scheme']).toEqual(defaultScheme(2026));
  });

  it('refuses a broken scheme with every problem and its field path, and stores nothing', async () => {
    const broken = {
      ...defaultScheme(2026),
      headlineMultiplier: 'double',
      levels: { ...defaultScheme(2026).levels, city: -4 },
      quotaOverrides: [
        { unitId: 'no-such-unit', half: 'H1', submitted: 3, adopted: 1 },
        { unitId: county.township.id, half: 'H3', submitted: 3, adopted: 1 },
        { unitId: county.bureau.id, half: 'H2', submitted: 3, adopted: 1 },
      ],
      composite: { reporting: 0.5, incidents: 0.2, campaign: 0.2 },
    };
    const { status, body } = await call('PUT', '/schemes/2026', admin, broken);
    expect(status).toBe(422);
    const error = body['error'] as { code: string; details: { issues: Issue[] } };
    expect(error.code).toBe('SCHEME.INVALID');
    const paths = error.details.issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'headlineMultiplier',
        'levels.city',
        'quotaOverrides.0.unitId',
        'quotaOverrides.1.half',
        'quotaOverrides.2.unitId',
        'composite',
      ]),
    );
    expect(
      error.details.issues.every((i) => i.message.length > 0 && i.code.startsWith('SCHEME.')),
    ).toBe(true);
    expect(await db.scheme.count()).toBe(0);
    expect(await db.schemeVersion.count()).toBe(0);
    expect(await db.auditLog.count({ where: { entity: 'Scheme' } })).toBe(0);
  });

  it('refuses bad stock phrases naming each by its number in Chinese, and stores nothing', async () => {
    const scheme = defaultScheme(2026);
    const broken = {
      ...scheme,
      review: { ...scheme.review, stockPhrases: ['同意', '', '同意！', '很'.repeat(31)] },
    };
    const { status, body } = await call('PUT', '/schemes/2026', admin, broken);
    expect(status).toBe(422);
    const error = body['error'] as { message: string; details: { issues: Issue[] } };
    expect(error.message).toBe('考评办法有 3 处问题：套话第 2 条不能为空（标点和空格不算）');
    expect(error.details.issues.map((i) => [i.path, i.message])).toEqual([
      ['review.stockPhrases.1', '套话第 2 条不能为空（标点和空格不算）'],
      ['review.stockPhrases.2', '套话第 3 条“同意！”与第 1 条重复'],
      ['review.stockPhrases.3', '套话第 4 条“很很很很很很很很很很…”过长，最多 30 个字'],
    ]);
    expect(await db.scheme.count()).toBe(0);
  });

  it('refuses a scheme for another year than the address says', async () => {
    const { status, body } = await call('PUT', '/schemes/2026', admin, defaultScheme(2025));
    expect(status).toBe(422);
    const issues = (body['error'] as { details: { issues: Issue[] } }).details.issues;
    expect(issues.map((i) => i.path)).toEqual(['year']);
  });

  it('refuses a body that is not a JSON object, and a bad year, with 400', async () => {
    expect((await call('PUT', '/schemes/2026', admin, '[1,2]')).status).toBe(400);
    expect((await call('PUT', '/schemes/2026', admin, '{not json')).status).toBe(400);
    expect((await call('GET', '/schemes/twenty', admin)).status).toBe(400);
  });

  it('is changed by admins only (403 for a unit officer)', async () => {
    const { status, body } = await call('PUT', '/schemes/2026', officer, defaultScheme(2026));
    expect(status).toBe(403);
    expect((body['error'] as { code: string }).code).toBe('FORBIDDEN.ROLE');
    const quota = await call('PUT', '/schemes/2026/quota-overrides', officer, { overrides: [] });
    expect(quota.status).toBe(403);
    expect(await db.scheme.count()).toBe(0);
  });

  it('once saved, changes the evaluation; every save is a new version with its audit entry', async () => {
    const before = await township();
    expect(before.score).toBeCloseTo(4.2, 6); // 0.2 for reaching the bureau + 4 for a city paper

    const edited: Scheme = {
      ...defaultScheme(2026),
      levels: { ...defaultScheme(2026).levels, city: 10 },
    };
    const saved = await call('PUT', '/schemes/2026', admin, edited);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ isDefault: false, version: 1 });
    expect((await township()).score).toBeCloseTo(10.2, 6);

    const second = await call('PUT', '/schemes/2026', admin, {
      ...edited,
      version: 1,
      reachedBureauPoints: 1,
    });
    expect(second.status).toBe(200);
    expect(second.body['version']).toBe(2);
    expect((await township()).score).toBeCloseTo(11, 6);

    const versions = await call('GET', '/schemes/2026/versions', officer);
    const items = versions.body['items'] as { version: number; scheme: Scheme }[];
    expect(items.map((v) => v.version)).toEqual([2, 1]);
    expect(items[1]!.scheme.levels.city).toBe(10);
    const audit = await db.auditLog.findMany({
      where: { entity: 'Scheme' },
      orderBy: { at: 'asc' },
    });
    expect(audit).toHaveLength(2);
    expect(audit.every((a) => a.action === 'scheme.update' && a.actorId === county.admin.id)).toBe(
      true,
    );
  });

  it('refuses an edit made from an older version (409)', async () => {
    const { status, body } = await call('PUT', '/schemes/2026', admin, {
      ...defaultScheme(2026),
      version: 1,
    });
    expect(status).toBe(409);
    expect((body['error'] as { code: string }).code).toBe('SCHEME.STALE');
  });
});

describe('quota overrides', () => {
  it('replace a unit’s half-year quota, as a new scheme version, and move its status', async () => {
    expect((await township()).status).toBe('criticised'); // 1 of 12 submitted, 1 of 6 adopted

    const put = await call('PUT', '/schemes/2026/quota-overrides', admin, {
      expectedVersion: 2,
      overrides: [{ unitId: county.township.id, half: 'H1', submitted: 1, adopted: 1 }],
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      version: 3,
      items: [
        {
          unitId: county.township.id,
          unitName: '城关镇中心校',
          half: 'H1',
          submitted: 1,
          adopted: 1,
          defaultQuota: { submitted: 12, adopted: 6 },
        },
      ],
    });
    expect((await township()).status).toBe('commended');
    expect((await township('2026-H2')).status).not.toBe('commended');
    const rows = await db.quotaOverride.findMany({ where: { year: 2026 } });
    expect(rows.map((r) => [r.period, r.submittedQuota, r.adoptedQuota])).toEqual([['H1', 1, 1]]);

    const read = await call('GET', '/schemes/2026/quota-overrides', officer);
    expect(read.body['items']).toEqual(put.body['items']);
  });

  it('refuses overlapping or unknown overrides with their paths', async () => {
    const { status, body } = await call('PUT', '/schemes/2026/quota-overrides', admin, {
      overrides: [
        { unitId: county.township.id, half: 'both', submitted: 2, adopted: 1 },
        { unitId: county.township.id, half: 'H2', submitted: -1, adopted: 1 },
        { unitId: 'ghost', half: 'H1', submitted: 1, adopted: 1 },
      ],
    });
    expect(status).toBe(422);
    const paths = (body['error'] as { details: { issues: Issue[] } }).details.issues.map(
      (i) => i.path,
    );
    expect(paths).toEqual(
      expect.arrayContaining(['overrides.1.half', 'overrides.1.submitted', 'overrides.2.unitId']),
    );
    expect(await db.schemeVersion.count()).toBe(3);
  });
});

describe('the effect of a proposed scheme (DESIGN §3.4)', () => {
  async function saved(): Promise<Scheme> {
    return (await call('GET', '/schemes/2026', admin)).body['scheme'] as Scheme;
  }

  it('lists the units whose score, rank or status change in the periods begun, saving nothing', async () => {
    const current = await saved();
    const before = await township();
    const proposed = { ...current, levels: { ...current.levels, city: 2 } };
    const { status, body } = await call('POST', '/schemes/2026/preview', admin, proposed);
    expect(status).toBe(200);
    // 11 May 2026: the first half and the year have begun, the second half has not.
    expect(body['periods']).toEqual([
      { key: '2026-H1', label: '2026年上半年' },
      { key: '2026-Y', label: '2026年度' },
    ]);
    const changes = body['changes'] as {
      period: string;
      unitId: string;
      unitName: string;
      before: { score: number; status: string };
      after: { score: number; status: string };
    }[];
    expect(changes.map((c) => [c.period, c.unitName])).toEqual([
      ['2026-H1', '城关镇中心校'],
      ['2026-Y', '城关镇中心校'],
    ]);
    const h1 = changes[0]!;
    expect(h1.before.score).toBeCloseTo(before.score, 6);
    // The city paper's 10 points become 2.
    expect(h1.after.score).toBeCloseTo(before.score - 8, 6);
    expect(await saved()).toEqual(current);
    expect((await township()).score).toBeCloseTo(before.score, 6);
  });

  it('lists nothing when the change moves no unit', async () => {
    const current = await saved();
    const proposed = {
      ...current,
      reminders: { ...current.reminders, reviewReminderHours: 12 },
    };
    const { status, body } = await call('POST', '/schemes/2026/preview', admin, proposed);
    expect(status).toBe(200);
    expect(body['changes']).toEqual([]);
  });

  it('refuses a negative deadline, long quiet hours and a date of another year, naming each field', async () => {
    const current = await saved();
    const proposed = {
      ...current,
      incidentDeadlineHours: {
        ...current.incidentDeadlineHours,
        major: { ...current.incidentDeadlineHours.major, report: -1 },
      },
      reminders: { ...current.reminders, quietHours: { start: '18:00', end: '08:00' } },
      calendar: { ...current.calendar, holidays: [...current.calendar.holidays, '2025-12-31'] },
    };
    for (const [method, path] of [
      ['POST', '/schemes/2026/preview'],
      ['PUT', '/schemes/2026'],
    ] as const) {
      const { status, body } = await call(method, path, admin, proposed);
      expect(status).toBe(422);
      const issues = (body['error'] as { details: { issues: Issue[] } }).details.issues;
      expect(issues.map((i) => [i.path, i.message])).toEqual([
        [
          'incidentDeadlineHours.major.report',
          '重大舆情的报告时限（小时） 不能小于 0（当前为 -1）',
        ],
        ['reminders.quietHours', '免打扰时段不能超过 12 小时（当前为 14 小时）'],
        [
          `calendar.holidays.${current.calendar.holidays.length}`,
          `法定节假日第 ${current.calendar.holidays.length + 1} 项“2025-12-31”不在 2026 年内`,
        ],
      ]);
    }
    expect(await saved()).toEqual(current);
  });

  it('is for admins only', async () => {
    const { status } = await call('POST', '/schemes/2026/preview', officer, await saved());
    expect(status).toBe(403);
  });
});
