import { describe, expect, it } from 'vitest';
import { compositeScores } from './composite.js';
import { evaluate } from './evaluation.js';
import { aCounty, anAdoption, aScheme, aSubmission } from './test-support/builders.js';

const county = aCounty();

describe('the annual composite score (宣传工作综合考评)', () => {
  const evaluation = evaluate({
    scheme: aScheme(),
    period: { year: 2026, kind: 'Y' },
    units: county.units,
    people: county.everyone,
    submissions: [aSubmission({ id: 'c' }), aSubmission({ id: 'd', unitId: 'direct-1' })],
    adoptions: [
      anAdoption({ submissionIds: ['c'], level: 'city' }),
      anAdoption({ id: 'a2', submissionIds: ['d'], level: 'bureau' }),
    ],
  });

  it('weights reporting (relative to the best unit), incident on-time rate and subscription completion', () => {
    const rows = compositeScores(
      evaluation,
      {
        incidentOnTimeRate: new Map([['center-1', 0.5]]),
        campaignCompletion: new Map([
          ['center-1', 1.2],
          ['direct-1', 0.8],
        ]),
      },
      aScheme(),
    );
    // center: 0.6 × 100 + 0.2 × 50 + 0.2 × 100 = 90; direct: 0.6 × (1.2 / 4.2 × 100) + 0.2 × 100 + 0.2 × 80
    expect(rows[0]).toEqual({
      unitId: 'center-1',
      name: '城关镇中心校',
      reporting: 100,
      incidents: 50,
      campaign: 100,
      total: 90,
      rank: 1,
    });
    expect(rows[1]).toMatchObject({
      unitId: 'direct-1',
      reporting: 28.57,
      incidents: 100,
      campaign: 80,
      total: 53.14,
      rank: 2,
    });
  });

  it('uses the weights of the scheme and gives 0 for reporting when nobody scored', () => {
    const weights = { composite: { reporting: 0, incidents: 0, campaign: 1 } };
    const rows = compositeScores(
      evaluation,
      { incidentOnTimeRate: new Map(), campaignCompletion: new Map([['direct-1', 0.5]]) },
      weights,
    );
    expect(rows.map((r) => [r.unitId, r.total])).toEqual([
      ['direct-1', 50],
      ['center-1', 0],
    ]);
    const empty = { ...evaluation, units: evaluation.units.map((u) => ({ ...u, score: 0 })) };
    expect(
      compositeScores(
        empty,
        { incidentOnTimeRate: new Map(), campaignCompletion: new Map() },
        aScheme(),
      ).map((r) => r.reporting),
    ).toEqual([0, 0]);
  });
});
