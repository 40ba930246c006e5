import type { Db } from '@jyxc/db';
import { defaultScheme } from '@jyxc/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiCaller,
  freshDatabase,
  testApp,
  testClock,
  workflowCounty,
  type ApiCaller,
} from '../../../test/support.js';

let db: Db;
let county: Awaited<ReturnType<typeof workflowCounty>>;
let caller: ApiCaller;
let merged: { id: string };

interface Plan {
  fromYear: number;
  toYear: number;
  scheme: {
    source: string;
    topics: string[];
    quotaOverrides: number;
    droppedQuotaOverrides: number;
  };
  campaign: { name: string; periodicals: number; targets: number; droppedTargets: number } | null;
  calendar: { source: string; holidays: number; workdays: number };
  blockers: { code: string }[];
  campaignId?: string | null;
}

beforeAll(async () => {
  ({ db } = await freshDatabase());
  county = await workflowCounty(db);
  caller = apiCaller(testApp(db, testClock(new Date('2026-11-20T02:00:00Z'))), { base: '/api' });
  merged = await db.unit.create({
    data: {
      code: 't-old',
      name: '旧镇中心校',
      kind: 'township_center',
      parentId: county.bureau.id,
      active: false,
      deactivatedAt: new Date('2026-09-01T00:00:00Z'),
    },
  });
  const scheme = {
    ...defaultScheme(2026),
    version: 3,
    topics: ['双减', '教师队伍建设'],
    quotaOverrides: [
      { unitId: county.township.id, half: 'both', submitted: 20, adopted: 8 },
      { unitId: merged.id, half: 'H1', submitted: 5, adopted: 2 },
    ],
  };
  await db.scheme.create({ data: { year: 2026, version: 3, document: JSON.stringify(scheme) } });
  const campaign = await db.campaign.create({
    data: {
      year: 2026,
      name: '2026年度报刊征订',
      deadline: new Date('2026-12-15T10:00:00Z'),
      publicFundCapFen: 500_000,
      status: 'active',
    },
  });
  const paper = await db.periodical.create({
    data: {
      campaignId: campaign.id,
      title: '中国教育报',
      postalCode: '1-10',
      publisher: '中国教育报刊社',
      category: 'education',
      yearlyPriceFen: 36_000,
      required: true,
      publicFundEligible: true,
    },
  });
  await db.campaignTarget.createMany({
    data: [
      {
        campaignId: campaign.id,
        unitId: county.township.id,
        requiredCopies: JSON.stringify({ [paper.id]: 3 }),
        deadline: new Date('2026-12-10T10:00:00Z'),
      },
      { campaignId: campaign.id, unitId: merged.id },
    ],
  });
});
afterAll(async () => {
  await db.$disconnect();
});

describe('starting a new year (DESIGN §7)', () => {
  it('previews what the next year takes over, leaving merged units behind, and changes nothing', async () => {
    const preview = await caller.call<Plan>('admin', 'GET', '/years/2026/next');
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      fromYear: 2026,
      toYear: 2027,
      scheme: {
        source: 'stored',
        version: 3,
        topics: ['双减', '教师队伍建设'],
        quotaOverrides: 1,
        droppedQuotaOverrides: 1,
      },
      // 2027 ships its statutory days only (rules §1.3): the bureau adds the 调休 days.
      calendar: { source: 'shipped', holidays: 13, workdays: 0 },
      campaign: { name: '2026年度报刊征订', periodicals: 1, targets: 1, droppedTargets: 1 },
      blockers: [],
    });
    expect(await db.scheme.count({ where: { year: 2027 } })).toBe(0);
    expect(await db.campaign.count({ where: { year: 2027 } })).toBe(0);
  });

  it('is for administrators only', async () => {
    expect((await caller.call('reviewer', 'GET', '/years/2026/next')).status).toBe(403);
    expect((await caller.call('cg_officer', 'POST', '/years/2026/next', {})).status).toBe(403);
  });

  it('copies the scheme and the campaign as a draft in one audited action, once', async () => {
    const started = await caller.call<Plan>('admin', 'POST', '/years/2026/next', {});
    expect(started.status).toBe(201);
    const scheme = await db.scheme.findUniqueOrThrow({ where: { year: 2027 } });
    expect(scheme.version).toBe(1);
    expect(JSON.parse(scheme.document)).toMatchObject({
      year: 2027,
      version: 1,
      topics: ['双减', '教师队伍建设'],
      quotaOverrides: [{ unitId: county.township.id, half: 'both', submitted: 20, adopted: 8 }],
    });
    expect(await db.quotaOverride.count({ where: { year: 2027 } })).toBe(2);
    // 2027's own holidays (正月初一 falls on 6 February), none of 2026's.
    const calendar = (JSON.parse(scheme.document) as { calendar: { holidays: string[] } }).calendar;
    expect(calendar.holidays).toContain('2027-02-06');
    expect(calendar.holidays.every((d) => d.startsWith('2027-'))).toBe(true);
    expect((await caller.call('admin', 'GET', '/schemes/2027')).status).toBe(200);

    const campaign = await db.campaign.findUniqueOrThrow({
      where: { id: started.body.campaignId ?? '' },
      include: { periodicals: true, targets: true, records: true },
    });
    expect(campaign).toMatchObject({ year: 2027, name: '2027年度报刊征订', status: 'draft' });
    expect(campaign.deadline.toISOString()).toBe('2027-12-15T10:00:00.000Z');
    expect(campaign.periodicals.map((p) => p.title)).toEqual(['中国教育报']);
    expect(campaign.targets.map((t) => t.unitId)).toEqual([county.township.id]);
    const [target] = campaign.targets;
    expect(JSON.parse(target?.requiredCopies ?? '{}')).toEqual({
      [campaign.periodicals[0]?.id ?? '']: 3,
    });
    expect(target?.deadline?.toISOString()).toBe('2027-12-10T10:00:00.000Z');
    expect(campaign.records).toEqual([]);

    const entry = await db.auditLog.findFirstOrThrow({ where: { action: 'year.start' } });
    expect(entry.actorId).toBe(county.admin.id);
    expect(JSON.parse(entry.after ?? '{}')).toMatchObject({
      toYear: 2027,
      campaignId: campaign.id,
    });

    // The next year is started: a second start is refused with the reasons, nothing added.
    const again = await caller.call<Plan>('admin', 'POST', '/years/2026/next', {});
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('YEAR.ALREADY_STARTED');
    expect(again.body.error?.message).toContain('2027 年的考评办法已经存在');
    const preview = await caller.call<Plan>('admin', 'GET', '/years/2026/next');
    expect(preview.body.blockers.map((b) => b.code)).toEqual([
      'YEAR.SCHEME_EXISTS',
      'YEAR.CAMPAIGN_EXISTS',
    ]);
    expect(await db.campaign.count({ where: { year: 2027 } })).toBe(1);
  });

  it('starts a year after one nobody configured from the defaults, without a campaign', async () => {
    const started = await caller.call<Plan>('admin', 'POST', '/years/2027/next', {});
    expect(started.status).toBe(201);
    expect(started.body.scheme.source).toBe('stored');
    const fromDefaults = await caller.call<Plan>('admin', 'POST', '/years/2030/next', {});
    expect(fromDefaults.status).toBe(201);
    expect(fromDefaults.body).toMatchObject({ scheme: { source: 'default' }, campaign: null });
    // No calendar ships for 2031: the preview says the bureau enters it, not that 2030's is kept.
    expect(fromDefaults.body.calendar).toEqual({ source: 'none', holidays: 0, workdays: 0 });
    const scheme2031 = await db.scheme.findUniqueOrThrow({ where: { year: 2031 } });
    expect(JSON.parse(scheme2031.document)).toMatchObject({
      calendar: { holidays: [], workdays: [] },
    });
    expect((await caller.call('admin', 'GET', '/years/1999/next')).status).toBe(400);
  });
});
