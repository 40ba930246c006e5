import type { Db } from '@jyxc/db';
import { campaignMetrics, type CampaignState } from '@jyxc/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiCaller,
  apiCaller,
  freshDatabase,
  PASSWORD,
  testApp,
  testClock,
  workflowCounty,
} from '../../../test/support.js';
import { hashPassword } from '../auth/service.js';

type County = Awaited<ReturnType<typeof workflowCounty>>;

interface CampaignBody {
  id: string;
  publicFundCapFen: number;
  metrics: {
    totals: { copies: number; amountFen: number; publicAmountFen: number };
    units: { unitId: string; copies: number; rank: number | null }[];
    lagging: string[];
    townshipSpread: unknown;
    timeline: { cumulativeCopies: number }[];
  };
}
interface PeriodicalBody {
  id: string;
  title: string;
  yearlyPriceFen: number;
}
interface RecordBody {
  record: { id: string; copies: number; amountFen: number; unit: { id: string } };
  replayed: boolean;
}
interface ErrorBody {
  error: {
    code: string;
    message: string;
    details?: {
      path?: string;
      cap?: number;
      already?: number;
      attempted?: number;
      issues?: { path: string; code: string }[];
    };
  };
}

let db: Db;
let county: County;
let postalId: string;
const clock = testClock();
let app: ReturnType<typeof testApp>;
let caller: ApiCaller;
let campaignId: string;
const titles: Record<'party' | 'education' | 'student', string> = {
  party: '',
  education: '',
  student: '',
};

function call<T>(username: string, method: string, path: string, body?: unknown) {
  return caller.call<T>(username, method, path, body);
}

function record(username: string, body: Record<string, unknown>) {
  return call<RecordBody & ErrorBody>(username, 'POST', `/campaigns/${campaignId}/records`, {
    unitId: county.township.id,
    periodicalId: titles.party,
    copies: 1,
    fundSource: 'self',
    ...body,
  });
}

/** The campaign as the domain sees it, read straight from the tables. */
async function domainState(): Promise<CampaignState> {
  const campaign = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
  const periodicals = await db.periodical.findMany({ where: { campaignId } });
  const units = await db.unit.findMany({
    where: { active: true },
    orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }],
  });
  const targets = await db.campaignTarget.findMany({ where: { campaignId } });
  const records = await db.subscriptionRecord.findMany({ where: { campaignId } });
  const assignments = await db.campaignAssignment.findMany({ where: { campaignId } });
  return {
    settings: {
      year: campaign.year,
      deadline: campaign.deadline.getTime(),
      perCapitaTarget: campaign.perCapitaTarget,
      publicFundCapFen: campaign.publicFundCapFen,
      laggingShare: campaign.laggingShare,
      laggingLeadMs: campaign.laggingLeadDays * 86_400_000,
    },
    catalogue: {
      year: campaign.year,
      entries: periodicals.map((p) => ({ ...p, postalCode: p.postalCode })),
    },
    units: units.map((u) => ({ ...u, deactivatedAt: u.deactivatedAt?.getTime() ?? null })),
    targets: targets.map((t) => ({
      unitId: t.unitId,
      requiredCopies: JSON.parse(t.requiredCopies) as Record<string, number>,
      ...(t.perCapitaTarget !== null ? { perCapitaTarget: t.perCapitaTarget } : {}),
    })),
    records: records.map((r) => ({
      id: r.id,
      unitId: r.unitId,
      titleId: r.periodicalId,
      copies: r.copies,
      fundSource: r.fundSource,
      mandatory: r.mandatory,
      recordedBy: r.recordedById,
      recordedAt: r.recordedAt.getTime(),
    })),
    assignments: assignments.map((a) => ({ unitId: a.unitId, personId: a.personId })),
  };
}

beforeAll(async () => {
  ({ db } = await freshDatabase());
  county = await workflowCounty(db);
  // A postal staff member (邮政) sits in the bureau without a bureau role.
  const postal = await db.person.create({
    data: {
      name: '邮政小刘',
      username: 'postal',
      passwordHash: await hashPassword(PASSWORD),
      unitId: county.bureau.id,
    },
  });
  postalId = postal.id;
  app = testApp(db, clock);
  caller = apiCaller(app, { base: '/api' });
});
afterAll(async () => {
  await db.$disconnect();
});

describe('setting up a campaign', () => {
  it('lets an administrator create a campaign, checked by the domain', async () => {
    const refused = await call<ErrorBody>('admin', 'POST', '/campaigns', {
      year: 2026,
      name: '2027年度报刊征订',
      deadline: '2026-06-30T09:30:00Z',
      publicFundCapFen: -5,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details?.issues?.map((i) => i.path)).toEqual(['publicFundCapFen']);
    expect(
      (
        await call('cg_head', 'POST', '/campaigns', {
          year: 2026,
          name: 'x',
          deadline: '2026-06-30T09:30:00Z',
          publicFundCapFen: 1,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call('admin', 'POST', '/campaigns', {
          year: 2026,
          name: 'x',
          deadline: 'soon',
          publicFundCapFen: 1,
        })
      ).status,
    ).toBe(400);

    const created = await call<CampaignBody>('admin', 'POST', '/campaigns', {
      year: 2026,
      name: '清河县2027年度党报党刊及教育报刊征订',
      deadline: '2026-06-30T09:30:00Z',
      publicFundCapFen: 10_000,
      status: 'active',
    });
    expect(created.status).toBe(201);
    expect(created.body.publicFundCapFen).toBe(10_000);
    campaignId = created.body.id;
    const list = await call<{ items: { id: string }[] }>(
      'cg_officer',
      'GET',
      '/campaigns?year=2026',
    );
    expect(list.body.items.map((c) => c.id)).toEqual([campaignId]);
  });

  it('builds the catalogue, refusing a student title marked required', async () => {
    const add = (body: Record<string, unknown>) =>
      call<PeriodicalBody & ErrorBody>(
        'admin',
        'POST',
        `/campaigns/${campaignId}/periodicals`,
        body,
      );
    const party = await add({
      title: '人民日报',
      postalCode: '1-1',
      publisher: '人民日报社',
      category: 'party',
      yearlyPriceFen: 3000,
      required: true,
      publicFundEligible: true,
    });
    const education = await add({
      title: '中国教育报',
      postalCode: '1-2',
      publisher: '中国教育报刊社',
      category: 'education',
      yearlyPriceFen: 2000,
      recommended: true,
      publicFundEligible: true,
    });
    const student = await add({
      title: '中学生阅读',
      postalCode: '36-5',
      publisher: '省出版社',
      category: 'student',
      yearlyPriceFen: 1500,
    });
    expect([party.status, education.status, student.status]).toEqual([201, 201, 201]);
    titles.party = party.body.id;
    titles.education = education.body.id;
    titles.student = student.body.id;

    const mandatoryStudent = await add({
      title: '小学生画报',
      postalCode: '36-6',
      publisher: '省出版社',
      category: 'student',
      yearlyPriceFen: 1200,
      required: true,
    });
    expect(mandatoryStudent.status).toBe(422);
    expect(mandatoryStudent.body.error.code).toBe('CAMPAIGN.STUDENT_MANDATORY');
    const badCode = await add({
      title: '教师博览',
      postalCode: 'abc',
      publisher: '某社',
      category: 'education',
      yearlyPriceFen: 1000,
    });
    expect(badCode.status).toBe(422);
    expect(badCode.body.error.details?.path).toBe('postalCode');
    const sameCode = await add({
      title: '教师博览',
      postalCode: '1-2',
      publisher: '某社',
      category: 'education',
      yearlyPriceFen: 1000,
    });
    expect(sameCode.status).toBe(422);
    expect(
      (
        await add({
          title: '中国教育报',
          postalCode: '9-9',
          publisher: '某社',
          category: 'education',
          yearlyPriceFen: 1000,
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await call('cg_officer', 'POST', `/campaigns/${campaignId}/periodicals`, {
          title: '自订',
          postalCode: '9-8',
          publisher: '某社',
          category: 'education',
          yearlyPriceFen: 1,
        })
      ).status,
    ).toBe(403);
    expect(await db.periodical.count({ where: { campaignId } })).toBe(3);

    const madeRequired = await call<ErrorBody>(
      'admin',
      'PATCH',
      `/campaigns/${campaignId}/periodicals/${titles.student}`,
      { required: true },
    );
    expect(madeRequired.status).toBe(422);
    const repriced = await call<PeriodicalBody>(
      'admin',
      'PATCH',
      `/campaigns/${campaignId}/periodicals/${titles.education}`,
      { yearlyPriceFen: 2000, recommended: true },
    );
    expect(repriced.status).toBe(200);
    const catalogue = await call<{ items: PeriodicalBody[] }>(
      'school_officer',
      'GET',
      `/campaigns/${campaignId}/periodicals`,
    );
    expect(catalogue.body.items.map((p) => p.title)).toEqual([
      '人民日报',
      '中国教育报',
      '中学生阅读',
    ]);
  });
});

describe('recording subscriptions', () => {
  it('refuses a record over the public-fund cap with the reason and the numbers, storing nothing', async () => {
    const first = await record('cg_officer', { copies: 3, fundSource: 'public' });
    expect(first.status).toBe(201);
    expect(first.body.record.amountFen).toBe(9000);
    const before = await db.subscriptionRecord.count();

    const over = await record('cg_officer', {
      periodicalId: titles.education,
      copies: 1,
      fundSource: 'public',
    });
    expect(over.status).toBe(422);
    expect(over.body.error.code).toBe('CAMPAIGN.OVER_CAP');
    expect(over.body.error.message).toContain('上限');
    expect(over.body.error.details).toMatchObject({ cap: 10_000, already: 9000, attempted: 2000 });
    expect(await db.subscriptionRecord.count()).toBe(before);

    const selfPaid = await record('cg_officer', {
      periodicalId: titles.education,
      copies: 1,
      fundSource: 'self',
    });
    expect(selfPaid.status).toBe(201);
  });

  it('refuses a student title recorded as mandatory', async () => {
    const before = await db.subscriptionRecord.count();
    const refused = await record('cg_officer', {
      periodicalId: titles.student,
      copies: 10,
      mandatory: true,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('CAMPAIGN.STUDENT_MANDATORY');
    const publicStudent = await record('cg_officer', {
      periodicalId: titles.student,
      copies: 1,
      fundSource: 'public',
    });
    expect(publicStudent.status).toBe(422);
    expect(publicStudent.body.error.code).toBe('CAMPAIGN.NOT_PUBLIC_FUND_ELIGIBLE');
    expect(await db.subscriptionRecord.count()).toBe(before);
  });

  it('refuses zero copies naming the field, and malformed requests with 400', async () => {
    const zero = await record('cg_officer', { copies: 0 });
    expect(zero.status).toBe(422);
    expect(zero.body.error.code).toBe('CAMPAIGN.INVALID_COPIES');
    expect(zero.body.error.details?.path).toBe('copies');
    expect((await record('cg_officer', { copies: 1.5 })).status).toBe(400);
    expect((await record('cg_officer', { fundSource: 'borrowed' })).status).toBe(400);
    expect((await record('cg_officer', { periodicalId: '' })).status).toBe(400);
    expect(
      (await call('cg_officer', 'POST', `/campaigns/${campaignId}/records`, '[1,2')).status,
    ).toBe(400);
    expect((await record('cg_officer', { periodicalId: 'not-in-catalogue' })).status).toBe(422);
    expect(
      (
        await call('cg_officer', 'POST', '/campaigns/missing/records', {
          unitId: county.township.id,
          periodicalId: titles.party,
          copies: 1,
          fundSource: 'self',
        })
      ).status,
    ).toBe(404);
  });

  it('refuses a record for another unit, and lets a school record for itself', async () => {
    const foreign = await record('ng_officer', {});
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('CAMPAIGN.NOT_PERMITTED');
    const school = await record('school_officer', { unitId: county.schoolA.id, copies: 2 });
    expect(school.status).toBe(201);
    const sibling = await record('school_officer', { unitId: county.schoolB.id });
    expect(sibling.status).toBe(403);
  });

  it('records a retried request once', async () => {
    const before = await db.subscriptionRecord.count();
    const body = { copies: 2, idempotencyKey: 'form-7f3a' };
    const first = await record('cg_officer', body);
    const second = await record('cg_officer', body);
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body.replayed).toBe(true);
    expect(second.body.record.id).toBe(first.body.record.id);
    expect(await db.subscriptionRecord.count()).toBe(before + 1);
    const different = await record('cg_officer', { copies: 3, idempotencyKey: 'form-7f3a' });
    expect(different.status).toBe(409);
    expect(await db.subscriptionRecord.count()).toBe(before + 1);
  });
});

describe('分包: assigning a township to a staff member', () => {
  it('lets the assigned staff member see and record for that township only', async () => {
    expect((await record('postal', { unitId: county.ng.id })).status).toBe(403);
    expect(
      (await call('cg_head', 'PUT', `/campaigns/${campaignId}/assignments`, { assignments: [] }))
        .status,
    ).toBe(403);
    const school = await call<ErrorBody>('admin', 'PUT', `/campaigns/${campaignId}/assignments`, {
      assignments: [{ unitId: county.schoolA.id, personId: postalId }],
    });
    expect(school.status).toBe(422);

    const assigned = await call<{ items: { unit: { id: string }; person: { id: string } }[] }>(
      'admin',
      'PUT',
      `/campaigns/${campaignId}/assignments`,
      { assignments: [{ unitId: county.ng.id, personId: postalId }] },
    );
    expect(assigned.status).toBe(200);
    expect(assigned.body.items).toEqual([
      expect.objectContaining({
        unit: expect.objectContaining({ id: county.ng.id }),
        person: expect.objectContaining({ id: postalId }),
      }),
    ]);

    const ng = await record('postal', { unitId: county.ng.id, copies: 4 });
    expect(ng.status).toBe(201);
    expect((await record('postal', { unitId: county.township.id })).status).toBe(403);

    const records = await call<{ items: { unit: { id: string } }[]; total: number }>(
      'postal',
      'GET',
      `/campaigns/${campaignId}/records`,
    );
    expect(records.body.total).toBe(1);
    expect(records.body.items.map((r) => r.unit.id)).toEqual([county.ng.id]);
    expect(
      (await call('postal', 'GET', `/campaigns/${campaignId}/records?unitId=${county.township.id}`))
        .status,
    ).toBe(403);
    const view = await call<CampaignBody>('postal', 'GET', `/campaigns/${campaignId}`);
    expect(view.body.metrics.units.map((u) => u.unitId)).toEqual([county.ng.id]);
    expect((await call('postal', 'GET', `/campaigns/${campaignId}/assignments`)).status).toBe(403);
  });
});

describe('targets and metrics', () => {
  it('sets targets per unit (admins), refusing a school or a title that is not required', async () => {
    const set = await call<{
      items: {
        unit: { id: string };
        requiredCopies: Record<string, number>;
        effective: { required: { target: number }[] };
      }[];
    }>('admin', 'PUT', `/campaigns/${campaignId}/targets`, {
      targets: [
        {
          unitId: county.township.id,
          requiredCopies: { [titles.party]: 5 },
          perCapitaTarget: 0.05,
        },
      ],
    });
    expect(set.status).toBe(200);
    const cg = set.body.items.find((t) => t.unit.id === county.township.id);
    expect(cg?.requiredCopies).toEqual({ [titles.party]: 5 });
    expect(cg?.effective.required.map((r) => r.target)).toEqual([5]);

    const school = await call<ErrorBody>('admin', 'PUT', `/campaigns/${campaignId}/targets`, {
      targets: [{ unitId: county.schoolA.id }],
    });
    expect(school.status).toBe(422);
    expect(school.body.error.code).toBe('CAMPAIGN.INVALID_TARGET');
    const notRequired = await call<ErrorBody>('admin', 'PUT', `/campaigns/${campaignId}/targets`, {
      targets: [{ unitId: county.ng.id, requiredCopies: { [titles.education]: 3 } }],
    });
    expect(notRequired.status).toBe(422);
    expect(
      (await call('cg_head', 'PUT', `/campaigns/${campaignId}/targets`, { targets: [] })).status,
    ).toBe(403);
    const mine = await call<{ items: { unit: { id: string } }[] }>(
      'cg_officer',
      'GET',
      `/campaigns/${campaignId}/targets`,
    );
    expect(mine.body.items.map((t) => t.unit.id)).toEqual([county.township.id]);
  });

  it('shows the metrics the domain computes, at the request time', async () => {
    clock.advance(3 * 86_400_000);
    const { status, body } = await call<CampaignBody>(
      'admin',
      'GET',
      `/campaigns/${campaignId}?bucket=day`,
    );
    expect(status).toBe(200);
    const expected = campaignMetrics(await domainState(), clock.now().getTime());
    expect(body.metrics.totals).toEqual(expected.totals);
    // Each row also carries what the caller may do with it (DESIGN §6): an admin records anywhere.
    expect(body.metrics.units).toEqual(
      expected.units.map((u) => ({ ...u, actions: { allowed: ['record'], refused: [] } })),
    );
    expect(body.metrics.lagging).toEqual(expected.lagging);
    expect(body.metrics.townshipSpread).toEqual(expected.townshipSpread);
    // 3 + 1 + 2 (school) + 2 (retried once) for 城关镇, 4 for 南关镇.
    expect(body.metrics.totals.copies).toBe(12);
    expect(body.metrics.units.find((u) => u.unitId === county.township.id)?.copies).toBe(8);
    expect(body.metrics.timeline.at(-1)?.cumulativeCopies).toBe(12);
  });

  it('shows a township only its own row of the ranking', async () => {
    const { body } = await call<CampaignBody>('cg_officer', 'GET', `/campaigns/${campaignId}`);
    expect(body.metrics.units.map((u) => u.unitId)).toEqual([county.township.id]);
    expect(body.metrics.units[0]?.rank).not.toBeNull();
    const spread = body.metrics.townshipSpread as {
      minUnitId: string | null;
      maxUnitId: string | null;
    };
    expect([spread.minUnitId, spread.maxUnitId]).not.toContain(county.ng.id);
    // A school has no row (it counts for its township) but its own curve: its 2 copies.
    const school = await call<CampaignBody>('school_officer', 'GET', `/campaigns/${campaignId}`);
    expect(school.body.metrics.units).toEqual([]);
    expect(school.body.metrics.timeline.at(-1)?.cumulativeCopies).toBe(2);
    expect((await call('admin', 'GET', `/campaigns/${campaignId}?bucket=month`)).status).toBe(400);
    expect((await call('admin', 'GET', '/campaigns/missing')).status).toBe(404);
  });
});
