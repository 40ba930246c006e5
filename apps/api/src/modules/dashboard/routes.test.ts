import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCounty } from '../../../test/support.js';
import { readCacheStats } from '../../cache/read-cache.js';

let county: Awaited<ReturnType<typeof demoCounty>>;

beforeAll(async () => {
  county = await demoCounty();
});
afterAll(async () => {
  await county.db.$disconnect();
});

interface Dashboard {
  period: string;
  scope: 'all' | 'units';
  kpis: {
    submitted: number;
    adopted: number;
    late: number;
    pendingReviews: number;
    overdueIncidents: number;
    subscriptionCompletion: number | null;
  };
  trend: { month: string; submitted: number; adopted: number }[];
  ranking: {
    top: { unitId: string; name: string; rank: number }[];
    own: { unitId: string; name: string; rank: number | null } | null;
  };
  gaps: { total: number; items: { unitId: string; code: string; message: string }[] };
  rubberStamps: { unitId: string; name: string; rubberStamped: number }[];
  pending: {
    reviews: { total: number; items: { id: string; unitName: string; state: string }[] };
    returned: { total: number; items: { id: string; state: string }[] };
    incidents: { total: number; items: { id: string; overdue: boolean }[] };
  };
}

function get<T>(path: string, username: string) {
  return county.call<T>(username, 'GET', path);
}

interface Evaluation {
  totals: { submitted: number; adopted: number; late: number };
  units: {
    unitId: string;
    name: string;
    submitted: number;
    adopted: number;
    rank: number | null;
    rubberStamped: number;
  }[];
}

describe('the dashboard of bureau staff', () => {
  it('shows the county-wide figures of the period, the same as the evaluation', async () => {
    const { status, body } = await get<Dashboard>('/dashboard?period=2026-H1', 'admin');
    expect(status).toBe(200);
    const evaluation = (await get<Evaluation>('/evaluation?period=2026-H1', 'admin')).body;
    expect(body.scope).toBe('all');
    expect(body.kpis).toMatchObject({
      submitted: evaluation.totals.submitted,
      adopted: evaluation.totals.adopted,
      late: evaluation.totals.late,
    });
    expect(body.kpis.submitted).toBeGreaterThan(100);
    expect(body.ranking.top.map((u) => u.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(body.ranking.top.map((u) => u.unitId)).toEqual(
      evaluation.units.slice(0, 10).map((u) => u.unitId),
    );
    expect(body.kpis.subscriptionCompletion).not.toBeNull();
  });

  it('names the units with the most rubber stamps this period, most first (DESIGN §3.2)', async () => {
    const { body } = await get<Dashboard>('/dashboard?period=2026-H1', 'admin');
    const evaluation = (await get<Evaluation>('/evaluation?period=2026-H1', 'admin')).body;
    const most = Math.max(...evaluation.units.map((u) => u.rubberStamped));
    expect(body.rubberStamps.length).toBeGreaterThan(0);
    expect(body.rubberStamps.length).toBeLessThanOrEqual(5);
    expect(body.rubberStamps[0]?.rubberStamped).toBe(most);
    const counts = body.rubberStamps.map((u) => u.rubberStamped);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    // One of the demo county's hasty townships is among them.
    expect(body.rubberStamps.map((u) => u.name)).toEqual(
      expect.arrayContaining([expect.stringMatching(/马集镇|清水河乡|东王营乡/)]),
    );
  });

  it('counts items by month for the last twelve months, ending with the current one', async () => {
    const { body } = await get<Dashboard>('/dashboard?period=2026-H1', 'admin');
    expect(body.trend).toHaveLength(12);
    expect(body.trend[0]!.month).toBe('2025-08');
    expect(body.trend[11]!.month).toBe('2026-07');
    const firstHalf = body.trend.filter((m) => m.month >= '2026-01' && m.month <= '2026-06');
    const reached = await county.db.submission.count({
      where: {
        submittedToBureauAt: {
          gte: new Date('2025-12-31T16:00:00Z'),
          lt: new Date('2026-06-30T16:00:00Z'),
        },
      },
    });
    expect(firstHalf.reduce((s, m) => s + m.submitted, 0)).toBe(reached);
    expect(body.trend.some((m) => m.adopted > 0)).toBe(true);
  });

  it("lists the bureau reviewer's queue", async () => {
    const { body } = await get<Dashboard>('/dashboard', 'shenhe');
    const waiting = await county.db.submission.count({ where: { state: 'bureau_review' } });
    expect(waiting).toBeGreaterThan(0);
    expect(body.kpis.pendingReviews).toBe(waiting);
    expect(body.pending.reviews.total).toBe(waiting);
    expect(body.pending.reviews.items.length).toBe(Math.min(10, waiting));
    expect(body.pending.reviews.items.every((i) => i.state === 'bureau_review')).toBe(true);
  });
});

describe('the dashboard of a unit', () => {
  it("shows only the unit's own figures, its rank and its gaps", async () => {
    const { status, body } = await get<Dashboard>('/dashboard?period=2026-H1', 'cg_xxy');
    expect(status).toBe(200);
    expect(body.scope).toBe('units');
    const evaluation = (await get<Evaluation>('/evaluation?period=2026-H1', 'cg_xxy')).body;
    const cg = evaluation.units.find((u) => u.name === '城关镇中心校')!;
    expect(body.kpis.submitted).toBe(cg.submitted);
    expect(body.kpis.adopted).toBe(cg.adopted);
    expect(body.ranking.own).toMatchObject({ unitId: cg.unitId, rank: cg.rank });
    // The ranking is public; the figures are not.
    expect(body.ranking.top).toHaveLength(10);

    const visible = await county.db.unit.findMany({
      where: { OR: [{ id: cg.unitId }, { parentId: cg.unitId }] },
      select: { id: true },
    });
    const ids = new Set(visible.map((u) => u.id));
    expect(body.gaps.items.every((g) => ids.has(g.unitId))).toBe(true);
    const countyGaps = (await get<Dashboard>('/dashboard', 'admin')).body.gaps.total;
    expect(body.gaps.total).toBeLessThan(countyGaps);
  });

  it("gives a school officer the school's own figures and the township's public rank", async () => {
    const school = await county.db.person.findUniqueOrThrow({
      where: { username: 'cg01_xxy' },
      select: { unitId: true },
    });
    const { body } = await get<Dashboard>('/dashboard?period=2026-H1', 'cg01_xxy');
    const reached = await county.db.submission.count({
      where: {
        unitId: school.unitId,
        submittedToBureauAt: {
          gte: new Date('2025-12-31T16:00:00Z'),
          lt: new Date('2026-06-30T16:00:00Z'),
        },
      },
    });
    expect(body.kpis.submitted).toBe(reached);
    expect(body.ranking.own?.name).toBe('城关镇中心校');
  });

  it("lists the deputy's review queue without items they wrote", async () => {
    const deputy = await county.db.person.findUniqueOrThrow({
      where: { username: 'cg_fg' },
      select: { id: true, unitId: true },
    });
    const { body } = await get<Dashboard>('/dashboard', 'cg_fg');
    const waiting = await county.db.submission.count({
      where: {
        state: 'unit_review',
        reviewUnitId: deputy.unitId,
        authors: { none: { personId: deputy.id } },
      },
    });
    expect(body.pending.reviews.total).toBe(waiting);
    expect(body.pending.reviews.items.every((i) => i.state === 'unit_review')).toBe(true);
  });

  it('lists the incidents the viewer is responsible for, and their returned items', async () => {
    const open = await county.db.incident.findFirst({
      where: { state: { not: 'closed' } },
      select: { id: true, responsible: { select: { username: true } } },
    });
    expect(open).not.toBeNull();
    const { body } = await get<Dashboard>('/dashboard', open!.responsible.username);
    expect(body.pending.incidents.items.map((i) => i.id)).toContain(open!.id);

    const returned = await county.db.submission.findFirst({
      where: { state: 'returned' },
      select: { authors: { select: { person: { select: { id: true, username: true } } } } },
    });
    expect(returned).not.toBeNull();
    const author = returned!.authors[0]!.person;
    const mine = await get<Dashboard>('/dashboard', author.username);
    const count = await county.db.submission.count({
      where: { state: 'returned', authors: { some: { personId: author.id } } },
    });
    expect(mine.body.pending.returned.total).toBe(count);
    expect(mine.body.pending.returned.items.every((i) => i.state === 'returned')).toBe(true);
  });

  it('lists an escalated incident in the to-do of each person it was escalated to', async () => {
    interface Row {
      id: string;
      escalation: { recipients: { id: string }[] } | null;
    }
    const all = await get<{ items: Row[] }>('/incidents?pageSize=100', 'admin');
    const escalated = all.body.items.filter((i) => (i.escalation?.recipients.length ?? 0) > 0);
    // The demo county has overdue incidents whose escalation reached a leader or reviewer.
    expect(escalated.length).toBeGreaterThan(0);
    for (const incident of escalated) {
      for (const recipient of incident.escalation!.recipients) {
        const person = await county.db.person.findUnique({
          where: { id: recipient.id },
          select: { username: true },
        });
        if (!person?.username) continue;
        const { body } = await get<Dashboard>('/dashboard', person.username);
        expect(
          body.pending.incidents.items.map((i) => i.id),
          person.username,
        ).toContain(incident.id);
      }
    }
  });

  it('answers 401 without a login', async () => {
    const response = await county.app.request('/api/dashboard');
    expect(response.status).toBe(401);
  });
});

describe('the subscription completion on dashboards', () => {
  it("reads the year's campaign once for every viewer, and again once a subscription is recorded", async () => {
    const campaign = await county.db.campaign.findFirstOrThrow({
      where: { year: 2026, status: { not: 'draft' } },
      orderBy: { deadline: 'desc' },
      include: { periodicals: { take: 1 }, targets: { take: 1 } },
    });
    const reads = () => readCacheStats(county.db)['campaign states'] ?? { hits: 0, misses: 0 };
    const copies = async (username: string) => {
      const { body } = await get<Dashboard & { subscription: { copies: number } | null }>(
        '/dashboard?period=2026-H2',
        username,
      );
      return body.subscription?.copies ?? null;
    };

    const before = await copies('admin');
    const first = reads();
    // Another viewer's dashboard takes the kept campaign.
    expect(await copies('cg_xxy')).not.toBeNull();
    expect(reads()).toEqual({ ...first, hits: first.hits + 1 });

    const unitId = campaign.targets[0]?.unitId ?? '';
    const recorded = await county.call('admin', 'POST', `/campaigns/${campaign.id}/records`, {
      unitId,
      periodicalId: campaign.periodicals[0]?.id,
      copies: 3,
      fundSource: 'self',
    });
    expect(recorded.status).toBe(201);
    expect(await copies('admin')).toBe((before ?? 0) + 3);
    expect(reads().misses).toBe(first.misses + 1);
  });

  it('follows a change of a unit’s staff, which sets its per-capita target', async () => {
    const campaign = await county.db.campaign.findFirstOrThrow({
      where: { year: 2026, status: { not: 'draft' } },
      orderBy: { deadline: 'desc' },
      include: { targets: { take: 1, orderBy: { unitId: 'asc' } } },
    });
    const unitId = campaign.targets[0]?.unitId ?? '';
    // The unit's own dashboard: its completion alone.
    const officer = await county.db.person.findFirstOrThrow({
      where: { unitId, roles: { some: { role: 'officer' } } },
      select: { username: true },
    });
    const completion = async () =>
      (
        await get<Dashboard & { subscription: { completion: number | null } | null }>(
          '/dashboard?period=2026-H2',
          officer.username ?? '',
        )
      ).body.subscription?.completion ?? null;

    const before = await completion();
    expect(before).not.toBeNull();
    const unit = await county.db.unit.findUniqueOrThrow({ where: { id: unitId } });
    const patched = await county.call('admin', 'PATCH', `/units/${unitId}`, {
      staffCount: unit.staffCount * 10 + 100,
    });
    expect(patched.status).toBe(200);
    // The kept campaign state is dropped with the units: ten times the staff, a larger target.
    expect(await completion()).toBeLessThan(before ?? 0);
  });
});
