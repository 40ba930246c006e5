import type { Db } from '@jyxc/db';
import {
  evaluate,
  isInstructionLevel,
  type Adoption,
  type EvaluatedSubmission,
  type Evaluation,
  type Period,
} from '@jyxc/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCounty, writeFixture } from '../../../test/support.js';
import { loadPeriod } from './service.js';
import { loadPeople } from '../people/service.js';
import { loadScheme } from '../schemes/service.js';
import { loadUnits } from '../organisation/service.js';

let county: Awaited<ReturnType<typeof demoCounty>>;

beforeAll(async () => {
  county = await demoCounty();
});
afterAll(async () => {
  await county.db.$disconnect();
});

function get(path: string, username: string) {
  return county.call<Record<string, unknown>>(username, 'GET', path);
}

/**
 * The domain's evaluation over EVERY row of the database, read the plainest way: the API's
 * loader must select exactly the rows that matter for the period and agree with it.
 */
async function evaluateEverything(db: Db, period: Period): Promise<Evaluation> {
  // Flat reads grouped here: a relation include would bind every parent id at once.
  const [scheme, units, people, submissions, authors, signOffs, returns, adoptions, credits] =
    await Promise.all([
      loadScheme(db, period.year),
      loadUnits(db),
      loadPeople(db),
      db.submission.findMany(),
      db.submissionAuthor.findMany({ orderBy: { position: 'asc' } }),
      db.signOff.findMany(),
      db.submissionEvent.findMany({ where: { kind: 'returned' } }),
      db.adoption.findMany({ where: { counteredAt: null } }),
      db.adoptionCredit.findMany(),
    ]);
  const [adjustments, penalties, base] = await Promise.all([
    db.adjustment.findMany(),
    db.penalty.findMany({ where: { kind: 'unreported_major', voidedAt: null } }),
    // Incident timeliness depends on the clock; the loader's is used as it is.
    loadPeriod(db, period, county.clock.now()),
  ]);
  const group = <T>(rows: readonly T[], key: (row: T) => string) => {
    const map = new Map<string, T[]>();
    for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
    return (id: string) => map.get(id) ?? [];
  };
  const authorsOf = group(authors, (a) => a.submissionId);
  const signOffsOf = group(signOffs, (o) => o.submissionId);
  const returnsOf = group(returns, (e) => e.submissionId);
  const creditsOf = group(credits, (c) => c.adoptionId);
  const all: EvaluatedSubmission[] = submissions.map((s) => ({
    id: s.id,
    unitId: s.unitId,
    category: s.category,
    eventAt: s.eventAt.getTime(),
    submittedToBureauAt: s.submittedToBureauAt?.getTime() ?? null,
    authorIds: authorsOf(s.id).map((a) => a.personId),
    qualityMark:
      s.qualityMark && s.qualityMarkedAt
        ? { by: s.qualityMarkedById ?? '', at: s.qualityMarkedAt.getTime() }
        : null,
    approvals: signOffsOf(s.id).map((o) => ({
      reviewerId: o.reviewerId,
      unitId: o.unitId,
      at: o.signedAt.getTime(),
      revision: o.revisionNumber,
      edited: o.kind === 'edited',
      comment: o.comment,
      durationMs:
        o.reviewStartedAt === null ? null : o.signedAt.getTime() - o.reviewStartedAt.getTime(),
    })),
    returns: returnsOf(s.id).map((e) => {
      const data = JSON.parse(e.data ?? '{}') as { reason?: string; stage?: string };
      return {
        by: e.actorId ?? '',
        at: e.at.getTime(),
        reason: data.reason ?? '',
        stage: data.stage === 'bureau_review' ? 'bureau_review' : 'unit_review',
      };
    }),
  }));
  const allAdoptions: Adoption[] = adoptions.map((a) => ({
    id: a.id,
    submissionIds: creditsOf(a.id)
      .map((c) => c.submissionId)
      .sort(),
    level: a.level,
    headline: a.headline,
    outlet: a.outletName,
    page: null,
    link: a.pageOrLink,
    screenshot: a.screenshotId,
    publishedAt: a.publishedAt.getTime(),
    instruction:
      a.instructionLevel !== null && isInstructionLevel(a.instructionLevel)
        ? {
            level: a.instructionLevel,
            at: (a.instructionAt ?? a.publishedAt).getTime(),
            leader: a.instructionLeader,
            note: a.instructionNote,
          }
        : null,
    recordedBy: a.recordedById,
    recordedAt: a.createdAt.getTime(),
  }));
  return evaluate({
    scheme,
    period,
    units,
    people,
    submissions: all,
    adoptions: allAdoptions,
    adjustments: adjustments.map((a) => ({
      id: a.id,
      unitId: a.unitId,
      points: a.points,
      reason: a.reason,
      at: a.eventAt.getTime(),
      by: a.createdById,
      recordedAt: a.createdAt.getTime(),
      countersId: a.countersId,
    })),
    unreportedMajors: penalties.map((p) => ({
      id: p.id,
      unitId: p.unitId,
      eventAt: p.eventAt.getTime(),
      description: p.note,
      recordedBy: p.createdById,
      recordedAt: p.createdAt.getTime(),
    })),
    incidents: base.input.incidents ?? [],
  });
}

interface UnitRow {
  unitId: string;
  name: string;
  rank: number | null;
  status: string;
  reasons: { code: string; message: string }[];
  score: number;
  submitted: number;
  adopted: number;
  late: number;
  returned: number;
  reviewDepth: number | null;
  detail: boolean;
  writers: unknown[] | null;
  breakdown: unknown;
}

describe('the evaluation of the demo county', () => {
  for (const key of ['2026-H1', '2025-H2', '2026-Y'] as const) {
    it(`agrees with the domain evaluating every row of the database (${key})`, async () => {
      const [year, kind] = key.split('-') as [string, Period['kind']];
      const expected = await evaluateEverything(county.db, { year: Number(year), kind });
      const { status, body } = await get(`/evaluation?period=${key}`, 'admin');
      expect(status).toBe(200);
      const units = body['units'] as UnitRow[];
      expect(units.map((u) => u.unitId)).toEqual(expected.units.map((u) => u.unitId));
      units.forEach((u, i) => {
        const e = expected.units[i]!;
        expect({ ...u, writers: undefined, breakdown: undefined, detail: undefined }).toMatchObject(
          {
            rank: e.rank,
            status: e.status,
            reasons: e.reasons,
            score: e.score,
            submitted: e.submitted,
            adopted: e.adopted,
            late: e.late,
            returned: e.returned,
            reviewDepth: e.reviewDepth,
          },
        );
      });
      const totals = body['totals'] as Record<string, number>;
      expect(totals['submitted']).toBe(expected.units.reduce((s, u) => s + u.submitted, 0));
      expect(totals['adopted']).toBe(expected.units.reduce((s, u) => s + u.adopted, 0));
      expect(totals['late']).toBe(expected.units.reduce((s, u) => s + u.late, 0));
      expect(totals['commended']).toBe(
        expected.units.filter((u) => u.status === 'commended').length,
      );
      expect(totals['submitted']).toBeGreaterThan(100);
    });
  }

  it('ranks every unit that is not disqualified, gives each status a reason, and lists disqualified units last', async () => {
    const { body } = await get('/evaluation?period=2026-H1', 'admin');
    const units = body['units'] as UnitRow[];
    const ranked = units.filter((u) => u.rank !== null);
    expect(ranked.map((u) => u.rank)).toEqual(ranked.map((_, i) => i + 1));
    expect(units.slice(ranked.length).every((u) => u.status === 'disqualified')).toBe(true);
    expect(units.every((u) => u.reasons.length > 0)).toBe(true);
    expect(new Set(units.map((u) => u.status))).toContain('commended');
  });

  it('defaults to the current half-year in Asia/Shanghai', async () => {
    const { body } = await get('/evaluation', 'admin');
    // 2026-07-08 10:00 in Shanghai is in the second half-year.
    expect(body['period']).toBe('2026-H2');
  });

  it('answers the evaluation of the current period quickly', async () => {
    await get('/evaluation?period=2026-H1', 'admin');
    const start = performance.now();
    await get('/evaluation?period=2026-H1', 'admin');
    const ms = performance.now() - start;
    console.log(`GET /evaluation?period=2026-H1 on the demo county: ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(2000);
  });

  it('refuses a malformed period with 400', async () => {
    const { status, body } = await get('/evaluation?period=2026-Q3', 'admin');
    expect(status).toBe(400);
    expect((body['error'] as { code: string }).code).toBe('VALIDATION');
  });
});

describe('what a unit user sees', () => {
  it('shows the whole ranking but details only for their own unit', async () => {
    const { status, body } = await get('/evaluation?period=2026-H1', 'cg_xxy');
    expect(status).toBe(200);
    const units = body['units'] as UnitRow[];
    const own = units.find((u) => u.name === '城关镇中心校')!;
    expect(own.detail).toBe(true);
    expect(own.writers!.length).toBeGreaterThan(1);
    const others = units.filter((u) => u.name !== '城关镇中心校');
    expect(others.length).toBeGreaterThan(10);
    expect(
      others.every((u) => u.writers === null && u.breakdown === null && u.rank !== undefined),
    ).toBe(true);
  });

  it("explains each item's points for the own unit, and refuses another unit's details (403)", async () => {
    const { body: all } = await get('/evaluation?period=2026-H1', 'admin');
    const units = all['units'] as UnitRow[];
    const cg = units.find((u) => u.name === '城关镇中心校')!;
    const other = units.find((u) => u.name === '柳林镇中心校')!;

    const mine = await get(`/evaluation/units/${cg.unitId}?period=2026-H1`, 'cg_xxy');
    expect(mine.status).toBe(200);
    const writers = mine.body['writers'] as {
      name: string;
      itemPoints: number;
      items: {
        title: string;
        points: number;
        lines: { explanation: string; counted: boolean; points: number; outlet: string | null }[];
      }[];
    }[];
    expect(writers[0]!.name).toBe('城关镇中心校');
    const items = writers.flatMap((w) => w.items);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.title !== '' && i.lines.length > 0)).toBe(true);
    const adoptionLines = items
      .flatMap((i) => i.lines)
      .filter((l) => l.explanation.includes('采用'));
    expect(adoptionLines.length).toBeGreaterThan(0);
    // Each adoption line names where the piece was published.
    expect(adoptionLines.every((l) => typeof l.outlet === 'string' && l.outlet !== '')).toBe(true);
    // The counted lines add up to each school's points.
    for (const w of writers) {
      const sum = w.items.reduce((s, i) => s + i.points, 0);
      expect(sum).toBeCloseTo(w.itemPoints, 4);
    }

    const foreign = await get(`/evaluation/units/${other.unitId}?period=2026-H1`, 'cg_xxy');
    expect(foreign.status).toBe(403);
    expect((foreign.body['error'] as { code: string }).code).toBe('FORBIDDEN.UNIT');

    const missing = await get('/evaluation/units/no-such-unit?period=2026-H1', 'admin');
    expect(missing.status).toBe(404);
  });
});

describe('officers and the composite sheet', () => {
  it('ranks the information officers with the top ones named 优秀信息员', async () => {
    const { status, body } = await get('/evaluation/officers?period=2026-H1&pageSize=20', 'cg_xxy');
    expect(status).toBe(200);
    const items = body['items'] as {
      rank: number;
      name: string;
      unitName: string | null;
      score: number;
      commended: boolean;
    }[];
    expect(items.length).toBe(20);
    expect(items.map((o) => o.rank)).toEqual(items.map((_, i) => i + 1));
    expect(items.filter((o) => o.commended).length).toBe(10);
    expect(items[0]!.unitName).not.toBeNull();
    expect(body['total']).toBeGreaterThan(20);
  });

  it('combines reporting, incident handling and the campaign with the scheme weights', async () => {
    const { status, body } = await get('/evaluation/composite?year=2026', 'admin');
    expect(status).toBe(200);
    const weights = body['weights'] as { reporting: number; incidents: number; campaign: number };
    const items = body['items'] as {
      rank: number;
      reporting: number;
      incidents: number;
      campaign: number;
      total: number;
    }[];
    expect(items.length).toBe(32);
    expect(items[0]!.reporting).toBeGreaterThan(0);
    for (const row of items) {
      const weighted =
        weights.reporting * row.reporting +
        weights.incidents * row.incidents +
        weights.campaign * row.campaign;
      expect(row.total).toBeCloseTo(weighted, 1);
    }
    expect(items.map((r) => r.rank)).toEqual(items.map((_, i) => i + 1));
    expect(items.some((r) => r.campaign > 0)).toBe(true);
  });
});

describe('a unit merged away (撤并) during the period', () => {
  it('is listed last for its items, marked, neither ranked nor disqualified (rules §6.2)', async () => {
    const before = (await get('/evaluation?period=2026-H1', 'admin')).body['units'] as UnitRow[];
    const target = before.find((u) => u.rank !== null && u.submitted > 0);
    expect(target).toBeDefined();
    const id = target?.unitId ?? '';
    await writeFixture(county.db, ['Unit'], (tx) =>
      tx.unit.update({
        where: { id },
        data: { active: false, deactivatedAt: new Date('2026-05-01T00:00:00Z') },
      }),
    );
    try {
      const units = (await get('/evaluation?period=2026-H1', 'admin')).body['units'] as (UnitRow & {
        deactivated: boolean;
      })[];
      expect(units.at(-1)).toMatchObject({
        unitId: id,
        rank: null,
        status: 'ok',
        deactivated: true,
        reasons: [expect.objectContaining({ code: 'DEACTIVATED' })],
      });
      const ranked = units.filter((u) => u.rank !== null);
      expect(ranked.map((u) => u.rank)).toEqual(ranked.map((_, i) => i + 1));
      expect(units.filter((u) => u.deactivated).map((u) => u.unitId)).toEqual([id]);
    } finally {
      await writeFixture(county.db, ['Unit'], (tx) =>
        tx.unit.update({ where: { id }, data: { active: true, deactivatedAt: null } }),
      );
    }
  });
});

describe("each reviewer's review depth on the unit's page (DESIGN §3.2)", () => {
  interface ReviewerRow {
    personId: string;
    name: string;
    approvals: number;
    deep: number;
    reviewDepth: number | null;
    rubberStamped: number;
    medianMinutesToApprove: number | null;
  }

  it("adds up to the unit's line of the evaluation, shown to its head and the bureau", async () => {
    const units = (await get('/evaluation?period=2026-H1', 'admin')).body['units'] as (UnitRow & {
      approvals: number;
      rubberStamped: number;
      reviewDepth: number | null;
    })[];
    const cg = units.find((u) => u.name === '城关镇中心校')!;
    const mine = await get(`/evaluation/units/${cg.unitId}/reviewers?period=2026-H1`, 'cg_head');
    expect(mine.status).toBe(200);
    const rows = mine.body['reviewers'] as ReviewerRow[];
    expect(rows.length).toBeGreaterThan(1);
    const sum = (f: (r: ReviewerRow) => number) => rows.reduce((s, r) => s + f(r), 0);
    expect(sum((r) => r.approvals)).toBe(cg.approvals);
    expect(sum((r) => r.rubberStamped)).toBe(cg.rubberStamped);
    expect(sum((r) => r.deep) / cg.approvals).toBeCloseTo(cg.reviewDepth ?? 0, 6);

    // One reviewer's figures, counted from the sign-offs themselves.
    const busiest = rows[0]!;
    const signOffs = await county.db.signOff.findMany({
      where: {
        reviewerId: busiest.personId,
        signedAt: {
          gte: new Date('2026-01-01T00:00:00+08:00'),
          lt: new Date('2026-07-01T00:00:00+08:00'),
        },
      },
    });
    expect(busiest.approvals).toBe(signOffs.length);
    const stamped = signOffs.filter(
      (o) =>
        o.kind === 'no_change' &&
        (o.reviewStartedAt === null || o.signedAt.getTime() - o.reviewStartedAt.getTime() < 60_000),
    );
    expect(busiest.rubberStamped).toBe(stamped.length);
    expect(busiest.reviewDepth).toBe(busiest.deep / busiest.approvals);

    const bureau = await get(`/evaluation/units/${cg.unitId}/reviewers?period=2026-H1`, 'shenhe');
    expect(bureau.status).toBe(200);
    expect(bureau.body['reviewers']).toEqual(rows);
  });

  it("refuses the unit's deputy and officer and another unit's head with 403 and a Chinese reason", async () => {
    const units = (await get('/evaluation?period=2026-H1', 'admin')).body['units'] as UnitRow[];
    const cg = units.find((u) => u.name === '城关镇中心校')!;
    for (const username of ['cg_fg', 'cg_xxy', 'll_head']) {
      const refused = await get(
        `/evaluation/units/${cg.unitId}/reviewers?period=2026-H1`,
        username,
      );
      expect(refused.status, username).toBe(403);
      expect(refused.body['error']).toMatchObject({
        code: 'FORBIDDEN.REVIEWERS',
        message: '只有教体局和本单位负责人可以查看各审核人的审核情况',
      });
    }
  });
});
