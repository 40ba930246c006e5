/**
 * The annual publicity score (宣传工作综合考评, rules §6.6): information reporting, incident
 * handling and the subscription campaign combined with the scheme's weights into one sheet.
 */
import type { Evaluation } from './evaluation.js';
import type { Scheme } from './scheme.js';

/** The two rates the composite takes from the incident and campaign modules, per unit. */
export interface CompositeInputs {
  /** Share of incidents handled on time (0–1); a unit with no incident scores full marks. */
  readonly incidentOnTimeRate: ReadonlyMap<string, number | null>;
  /** Subscription target completion (0–1, capped at 1); a missing unit scores 0. */
  readonly campaignCompletion: ReadonlyMap<string, number>;
}

/** One unit's line of the composite sheet; every part is on a 0–100 scale. */
export interface CompositeRow {
  readonly unitId: string;
  readonly name: string;
  /** Reporting score relative to the best unit (best = 100; scores ≤ 0 give 0). */
  readonly reporting: number;
  readonly incidents: number;
  readonly campaign: number;
  /** Weighted total. */
  readonly total: number;
  readonly rank: number;
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * The composite sheet of a year's evaluation: each part scaled to 0–100 and weighted by
 * `scheme.composite`. Ranked by total, then reporting score, then name and id.
 *
 * @example
 * ```ts
 * const sheet = compositeScores(
 *   evaluate({ ...input, period: { year: 2026, kind: 'Y' } }),
 *   { incidentOnTimeRate: new Map([['hexi', 1]]), campaignCompletion: new Map([['hexi', 0.5]]) },
 *   defaultScheme(2026),
 * );
 * sheet[0]; // { unitId, name, reporting, incidents, campaign, total, rank: 1 }, each part on 0–100
 * ```
 */
export function compositeScores(
  evaluation: Evaluation,
  inputs: CompositeInputs,
  scheme: Pick<Scheme, 'composite'>,
): readonly CompositeRow[] {
  const best = Math.max(0, ...evaluation.units.map((u) => u.score));
  const w = scheme.composite;
  const rows = evaluation.units.map((u) => {
    const reporting = best <= 0 ? 0 : (100 * Math.max(0, u.score)) / best;
    const rate = inputs.incidentOnTimeRate.get(u.unitId);
    // A unit without incidents had nothing to handle late.
    const incidents = 100 * (rate === null || rate === undefined ? 1 : clamp01(rate));
    const campaign = 100 * clamp01(inputs.campaignCompletion.get(u.unitId) ?? 0);
    const total = w.reporting * reporting + w.incidents * incidents + w.campaign * campaign;
    return {
      unitId: u.unitId,
      name: u.name,
      reporting: round2(reporting),
      incidents: round2(incidents),
      campaign: round2(campaign),
      total: round2(total),
    };
  });
  rows.sort(
    (a, b) =>
      b.total - a.total ||
      b.reporting - a.reporting ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
      (a.unitId < b.unitId ? -1 : 1),
  );
  return rows.map((row, i) => ({ ...row, rank: i + 1 }));
}
