import type { Db } from '@jyxc/db';
import {
  ADOPTION_LEVELS,
  CATEGORY_LABELS,
  campaignMetrics,
  compositeScores,
  evaluate,
  incidentDeadlineStates,
  incidentOnTimeRates,
  itemScore,
  lateness,
  periodKey,
  periodLabel,
  periodOf,
  periodRange,
  type Adoption,
  type AdoptionLevel,
  type Evaluation,
  type Incident,
  type Period,
  type Scheme,
  type UnitEvaluation,
  type Visibility,
  UNIT_STATUS_LABELS,
  APPROVER_ROLES,
  evaluatedUnitIdOf,
  isBureauStaff,
  reviewDepth,
  type Approval,
} from '@jyxc/domain';
import { JsonText } from '../../cache/json-text.js';
import { ALL_DATA, ReadCache } from '../../cache/read-cache.js';
import { ServiceError } from '../../shared/errors.js';
import type { ServiceContext } from '../../shared/context.js';
import { loadCampaignState } from '../campaigns/service.js';
import { loadPeriod, titlesOf, type LoadedPeriod } from './repository.js';

export { loadPeriod, type LoadedPeriod } from './repository.js';
import { assertCanSee, viewerScopeKey, visibilityFor } from '../organisation/service.js';
import { iso, isoOrNull } from '../../shared/times.js';

/** The half-year `now` falls in (Asia/Shanghai), the default period of every evaluation view. */
export function currentPeriod(now: Date): Period {
  return periodOf(now.getTime());
}

/** An evaluation, what it was computed from, and until when it holds without a write. */
export interface EvaluatedPeriod {
  readonly evaluation: Evaluation;
  readonly loaded: LoadedPeriod;
  /** App-clock time from which on an incident deadline may have passed (see `timeHorizon`). */
  readonly until: number;
}

/**
 * At most this long an evaluation is kept when neither a write nor a deadline comes first: the
 * evaluation depends on the clock only through incident deadlines, which {@link timeHorizon}
 * follows exactly, so this is a bound for safety only.
 */
export const EVALUATION_TTL_MS = 30_000;

/**
 * Evaluations kept between requests, per period, until the next write or deadline: the
 * dashboard, the evaluation views and bulletin drafts all start from one, and a county's
 * costs tens of milliseconds. They are shared: callers never change them.
 */
const evaluations = new ReadCache<EvaluatedPeriod>('evaluations', {
  // Both half-years and the year, of this year and the last.
  maxEntries: 6,
  maxBytes: 256 * 2 ** 20,
  // Rough: a few hundred bytes per row read and per result line.
  sizeOf: ({ loaded, evaluation }) =>
    400 *
    (loaded.input.submissions.length +
      loaded.input.adoptions.length +
      loaded.people.length +
      loaded.units.length +
      loaded.incidents.length +
      evaluation.officers.length +
      evaluation.units.length),
});

/**
 * The first instant, from `now`, at which the incidents' deadline states may change by time
 * alone: the earliest deadline of a step still pending (one done, met or late, never changes).
 */
export function timeHorizon(incidents: readonly Incident[], now: number): number {
  let until = Infinity;
  for (const incident of incidents) {
    for (const step of incidentDeadlineStates(incident, now)) {
      if (step.status === 'pending' && step.dueAt < until) until = step.dueAt;
    }
  }
  return until;
}

/** The evaluation of a period from the current data (DESIGN §3.5). */
export function evaluatePeriod(db: Db, period: Period, now: Date): Promise<EvaluatedPeriod> {
  const at = now.getTime();
  return evaluations.read(db, periodKey(period), at, [ALL_DATA], async () => {
    const loaded = await loadPeriod(db, period, now);
    const until = Math.min(at + EVALUATION_TTL_MS, timeHorizon(loaded.incidents, at));
    return { value: { evaluation: evaluate(loaded.input), loaded, until }, until };
  });
}

// ---------------------------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------------------------

/** County-wide totals of an evaluation, for summaries and the dashboard. */
export function evaluationTotals(units: readonly UnitEvaluation[]) {
  const byLevel = Object.fromEntries(ADOPTION_LEVELS.map((l) => [l, 0])) as Record<
    AdoptionLevel,
    number
  >;
  let submitted = 0;
  let adopted = 0;
  let late = 0;
  let returned = 0;
  let approvals = 0;
  let deep = 0;
  let rubberStamped = 0;
  let lateMajors = 0;
  let unreportedMajors = 0;
  let incidents = 0;
  for (const u of units) {
    submitted += u.submitted;
    adopted += u.adopted;
    late += u.late;
    returned += u.returned;
    approvals += u.approvals;
    deep += Math.round((u.reviewDepth ?? 0) * u.approvals);
    rubberStamped += u.rubberStamped;
    lateMajors += u.lateMajors;
    unreportedMajors += u.unreportedMajors;
    incidents += u.incidents;
    for (const l of ADOPTION_LEVELS) byLevel[l] += u.adoptedByLevel[l];
  }
  const count = (status: UnitEvaluation['status']) =>
    units.filter((u) => u.status === status).length;
  return {
    units: units.length,
    submitted,
    adopted,
    adoptedByLevel: byLevel,
    late,
    returned,
    approvals,
    reviewDepth: approvals === 0 ? null : deep / approvals,
    rubberStamped,
    lateMajors,
    unreportedMajors,
    incidents,
    commended: count('commended'),
    criticised: count('criticised'),
    disqualified: count('disqualified'),
    zeroSubmission: units.filter((u) => u.submitted === 0).length,
  };
}

/**
 * Whether the viewer may see a unit's details: its schools and items. Ranks, scores and the
 * figures of the table are public inside the county (DESIGN §3.5: bulletins go to every unit).
 */
function detailVisible(visibility: Visibility, unitId: string): boolean {
  return visibility.scope === 'all' || visibility.unitIds.has(unitId);
}

/** One unit's line in the API's shape (times as ISO strings), with details only where visible. */
export function presentUnit(u: UnitEvaluation, visibility: Visibility) {
  const detail = detailVisible(visibility, u.unitId);
  return {
    unitId: u.unitId,
    name: u.name,
    kind: u.kind,
    rank: u.rank,
    status: u.status,
    statusLabel: UNIT_STATUS_LABELS['zh-CN'][u.status],
    /** Merged away (撤并) before the period ended: listed for its items, not ranked (rules §6.2). */
    deactivated: u.deactivated === true,
    reasons: u.reasons,
    score: u.score,
    submitted: u.submitted,
    adopted: u.adopted,
    adoptedByLevel: u.adoptedByLevel,
    late: u.late,
    returned: u.returned,
    categories: u.categories,
    approvals: u.approvals,
    reviewDepth: u.reviewDepth,
    rubberStamped: u.rubberStamped,
    medianMinutesToApprove: u.medianMinutesToApprove,
    lateMajors: u.lateMajors,
    unreportedMajors: u.unreportedMajors,
    quota: u.quota,
    incidents: u.incidents,
    incidentOnTimeRate: u.incidentOnTimeRate,
    averageSubmittedAt: isoOrNull(u.averageSubmittedAt),
    detail,
    breakdown: detail ? u.breakdown : null,
    /** The unit's own items and each school's (DESIGN §3.4: schools count for their township). */
    writers: detail ? u.writers : null,
  };
}

export function presentEvaluation(evaluation: Evaluation, visibility: Visibility) {
  return {
    period: periodKey(evaluation.period),
    year: evaluation.period.year,
    kind: evaluation.period.kind,
    range: { start: iso(evaluation.range.start), end: iso(evaluation.range.end) },
    scheme: { year: evaluation.schemeYear, version: evaluation.schemeVersion },
    totals: evaluationTotals(evaluation.units),
    units: evaluation.units.map((u) => presentUnit(u, visibility)),
  };
}

/** GET /evaluation: every evaluated unit of the period. */
export async function getEvaluation(ctx: ServiceContext, period: Period) {
  return (await evaluationOf(ctx, period)).value;
}

async function evaluationOf(ctx: ServiceContext, period: Period) {
  const { evaluation, loaded, until } = await evaluatePeriod(ctx.db, period, ctx.now);
  return { value: presentEvaluation(evaluation, await visibilityFor(ctx, loaded.units)), until };
}

/** The evaluation views as JSON, per period and per what the viewer may see in detail. */
const evaluationAnswers = new ReadCache<JsonText<Awaited<ReturnType<typeof getEvaluation>>>>(
  'evaluation answers',
  {
    maxEntries: 200,
    maxBytes: 64 * 2 ** 20,
    sizeOf: (answer) => answer.size,
  },
);

/** {@link getEvaluation} as JSON, kept until the next write or deadline. */
export function evaluationAnswer(ctx: ServiceContext, period: Period) {
  const key = `${viewerScopeKey(ctx)}|${periodKey(period)}`;
  return evaluationAnswers.read(ctx.db, key, ctx.now.getTime(), [ALL_DATA], async () => {
    const { value, until } = await evaluationOf(ctx, period);
    return { value: JsonText.of(value), until };
  });
}

/** GET /evaluation/officers: the 优秀信息员 ranking, paged. */
export async function getOfficerRanking(
  ctx: ServiceContext,
  period: Period,
  page: number,
  pageSize: number,
) {
  const { evaluation, loaded } = await evaluatePeriod(ctx.db, period, ctx.now);
  const officers = evaluation.officers;
  const slice = officers.slice((page - 1) * pageSize, page * pageSize);
  return {
    period: periodKey(period),
    commendedCount: officers.filter((o) => o.commended).length,
    items: slice.map((o) => ({
      ...o,
      unitName: o.unitId === null ? null : (loaded.unitsById.get(o.unitId)?.name ?? null),
    })),
    total: officers.length,
    page,
    pageSize,
  };
}

/**
 * GET /evaluation/units/:unitId: one evaluated unit with every item that scores in the period,
 * each line of its points explained by the domain's `itemScore`, listed under the school that
 * wrote it, and the unit's adjustments and penalties.
 */
export async function getUnitEvaluation(ctx: ServiceContext, period: Period, unitId: string) {
  const { evaluation, loaded } = await evaluatePeriod(ctx.db, period, ctx.now);
  const visibility = await visibilityFor(ctx, loaded.units);
  const unit = evaluation.units.find((u) => u.unitId === unitId);
  if (unit === undefined) {
    const exists = loaded.unitsById.has(unitId);
    throw new ServiceError(
      'not_found',
      exists ? 'EVALUATION.NOT_EVALUATED' : 'UNIT.NOT_FOUND',
      exists ? '该单位不参加考评（只考评乡镇中心校和局直单位）' : '没有这个单位',
    );
  }
  assertCanSee(visibility, unitId);

  const writerIds = new Set(unit.writers.map((w) => w.unitId));
  const range = periodRange(period.year, period.kind);
  const inPeriod = (at: number) => at >= range.start && at < range.end;
  const adoptionById = new Map(loaded.input.adoptions.map((a) => [a.id, a]));
  const adoptionsOf = new Map<string, Adoption[]>();
  for (const a of loaded.input.adoptions) {
    for (const id of a.submissionIds) {
      const list = adoptionsOf.get(id) ?? [];
      list.push(a);
      adoptionsOf.set(id, list);
    }
  }
  const items = loaded.input.submissions.filter(
    (s) =>
      writerIds.has(s.unitId) &&
      s.submittedToBureauAt !== null &&
      (inPeriod(s.submittedToBureauAt) ||
        (adoptionsOf.get(s.id) ?? []).some(
          (a) => inPeriod(a.publishedAt) || (a.instruction !== null && inPeriod(a.instruction.at)),
        )),
  );
  const titles = await titlesOf(
    ctx.db,
    items.map((s) => s.id),
  );
  const peopleById = new Map(loaded.people.map((p) => [p.id, p]));
  const explained = items.map((s) => {
    const score = itemScore(s, adoptionsOf.get(s.id) ?? [], loaded.scheme, period);
    const timing = lateness(s, loaded.scheme);
    return {
      id: s.id,
      title: titles.get(s.id)?.title ?? '',
      state: titles.get(s.id)?.state ?? null,
      unitId: s.unitId,
      category: s.category,
      categoryLabel: CATEGORY_LABELS['zh-CN'][s.category],
      authors: s.authorIds.map((id) => ({ id, name: peopleById.get(id)?.name ?? id })),
      eventAt: iso(s.eventAt),
      submittedToBureauAt: isoOrNull(s.submittedToBureauAt),
      late: score.late,
      delayHours: timing.delayMs === null ? null : Math.round((timing.delayMs / 36e5) * 10) / 10,
      limitHours: timing.limitMs === null ? null : timing.limitMs / 36e5,
      quality: s.qualityMark !== null,
      points: score.lines.filter((l) => l.counted).reduce((sum, l) => sum + l.points, 0),
      lines: score.lines.map((l) => {
        const adoption = l.adoptionId === null ? undefined : adoptionById.get(l.adoptionId);
        // The proof of an adoption line: where the piece was published.
        return {
          ...l,
          at: iso(l.at),
          outlet: adoption?.outlet ?? null,
          link: adoption === undefined ? null : (adoption.link ?? adoption.page),
        };
      }),
    };
  });
  explained.sort((a, b) =>
    (a.submittedToBureauAt ?? '').localeCompare(b.submittedToBureauAt ?? ''),
  );

  const groupIds = writerIds;
  const adjustments = (loaded.input.adjustments ?? [])
    .filter((a) => a.unitId === unitId)
    .map((a) => ({ ...a, at: iso(a.at), recordedAt: iso(a.recordedAt) }));
  const unreported = (loaded.input.unreportedMajors ?? [])
    .filter((u) => groupIds.has(u.unitId))
    .map((u) => ({ ...u, eventAt: iso(u.eventAt), recordedAt: iso(u.recordedAt) }));

  return {
    period: periodKey(period),
    scheme: { year: loaded.scheme.year, version: loaded.scheme.version },
    unit: presentUnit(unit, visibility),
    writers: unit.writers.map((w) => ({
      ...w,
      items: explained.filter((i) => i.unitId === w.unitId),
    })),
    adjustments,
    penalties: {
      lateMajors: explained
        .filter(
          (i) =>
            i.category === 'major' &&
            i.late &&
            i.submittedToBureauAt !== null &&
            inPeriod(Date.parse(i.submittedToBureauAt)),
        )
        .map((i) => ({
          submissionId: i.id,
          title: i.title,
          points: loaded.scheme.timeliness.majorLatePenalty,
        })),
      unreportedMajors: unreported.map((u) => ({
        ...u,
        points: loaded.scheme.timeliness.unreportedMajorPenalty,
      })),
    },
  };
}

const REVIEWERS_REFUSED = '只有教体局和本单位负责人可以查看各审核人的审核情况';

/**
 * GET /evaluation/units/:unitId/reviewers: the review depth of each reviewer of an evaluated
 * unit in the period (DESIGN §3.2, issue 19) — approvals, depth, rubber stamps and the median
 * minutes from opening the full item to approving it. Naming one person's habits is for the
 * bureau and the unit's own head only (a deputy or an officer of the unit is refused), and
 * the bot never shows it in a group.
 */
export async function getUnitReviewers(ctx: ServiceContext, period: Period, unitId: string) {
  const ownHead = ctx.actor.unit.id === unitId && ctx.actor.roles.includes('head');
  if (!isBureauStaff(ctx.actor) && !ownHead) {
    throw new ServiceError('forbidden', 'FORBIDDEN.REVIEWERS', REVIEWERS_REFUSED);
  }
  const { loaded } = await evaluatePeriod(ctx.db, period, ctx.now);
  const unit = loaded.unitsById.get(unitId);
  if (unit === undefined) throw new ServiceError('not_found', 'UNIT.NOT_FOUND', '没有这个单位');
  if (unit.kind !== 'township_center' && unit.kind !== 'direct_unit') {
    throw new ServiceError(
      'not_found',
      'EVALUATION.NOT_EVALUATED',
      '该单位不参加考评（只考评乡镇中心校和局直单位）',
    );
  }
  const range = periodRange(period.year, period.kind);
  // The same approvals as the unit's line of the evaluation: those of its items and its
  // schools' items, dated in the period (rules §3.4).
  const byReviewer = new Map<string, Approval[]>();
  for (const s of loaded.input.submissions) {
    if (evaluatedUnitIdOf(s.unitId, loaded.unitsById) !== unitId) continue;
    for (const a of s.approvals ?? []) {
      if (a.at < range.start || a.at >= range.end) continue;
      byReviewer.set(a.reviewerId, [...(byReviewer.get(a.reviewerId) ?? []), a]);
    }
  }
  // The unit's current approvers are listed even without an approval in the period.
  for (const p of loaded.people) {
    if (p.unitId === unitId && p.active && APPROVER_ROLES.some((r) => p.roles.includes(r))) {
      if (!byReviewer.has(p.id)) byReviewer.set(p.id, []);
    }
  }
  const peopleById = new Map(loaded.people.map((p) => [p.id, p]));
  const reviewers = [...byReviewer].map(([personId, approvals]) => {
    const person = peopleById.get(personId);
    const depth = reviewDepth(approvals, loaded.scheme);
    return {
      personId,
      name: person?.name ?? personId,
      roles: person?.unitId === unitId ? person.roles : [],
      approvals: depth.approvals,
      deep: depth.deep,
      reviewDepth: depth.depth,
      rubberStamped: depth.rubberStamped,
      medianMinutesToApprove: depth.medianMinutesToApprove,
    };
  });
  reviewers.sort((a, b) => b.approvals - a.approvals || a.name.localeCompare(b.name, 'zh-CN'));
  return {
    period: periodKey(period),
    unit: { id: unit.id, name: unit.name },
    rubberStampSeconds: loaded.scheme.review.rubberStampSeconds,
    reviewers,
  };
}

/**
 * GET /evaluation/composite: 宣传工作综合考评 of a year (DESIGN §3.5) — the year's reporting
 * evaluation, the incident on-time rates and the campaign completion, weighted by the scheme.
 */
export async function getComposite(ctx: ServiceContext, year: number) {
  const period: Period = { year, kind: 'Y' };
  const { evaluation, loaded } = await evaluatePeriod(ctx.db, period, ctx.now);
  const now = ctx.now.getTime();
  const range = periodRange(year, 'Y');
  const rates = incidentOnTimeRates(loaded.incidents, now, {
    window: { from: range.start, to: range.end },
  });
  const campaign = await loadCampaignState(ctx.db, year);
  const metrics = campaign === null ? null : campaignMetrics(campaign.state, now);
  const completion = new Map<string, number>();
  for (const u of metrics?.units ?? []) completion.set(u.unitId, u.completion ?? 0);
  const rows = compositeScores(
    evaluation,
    {
      incidentOnTimeRate: new Map(rates.map((r) => [r.unitId, r.rate])),
      campaignCompletion: completion,
    },
    loaded.scheme,
  );
  return {
    year,
    scheme: { year: loaded.scheme.year, version: loaded.scheme.version },
    weights: loaded.scheme.composite,
    campaign: campaign === null ? null : { id: campaign.id, name: campaign.name },
    items: rows.map((row) => {
      const unit = evaluation.units.find((u) => u.unitId === row.unitId);
      return {
        ...row,
        reportingScore: unit?.score ?? 0,
        incidentOnTimeRate: rates.find((r) => r.unitId === row.unitId)?.rate ?? null,
        campaignCompletion: completion.get(row.unitId) ?? null,
      };
    }),
  };
}

/** A unit's place in one period, before and after a scheme change. */
export interface UnitStanding {
  readonly score: number;
  readonly rank: number | null;
  readonly status: UnitEvaluation['status'];
}

/** A unit whose score, rank or status a proposed scheme would change in a period. */
export interface SchemeEffectLine {
  readonly period: string;
  readonly periodLabel: string;
  readonly unitId: string;
  readonly unitName: string;
  readonly before: UnitStanding;
  readonly after: UnitStanding;
}

/** Scores are compared to the hundredth, as every view shows them (DESIGN §3.4). */
function sameScore(a: number, b: number): boolean {
  return Math.round(a * 100) === Math.round(b * 100);
}

/**
 * The effect of a proposed scheme of `year` (DESIGN §3.4: a changed scheme first shows which
 * units change score, rank or status): each period of the year that has begun by now is
 * evaluated from the current data with the saved scheme and with the proposed one. Nothing is
 * saved. Published bulletins are frozen and never change (DESIGN §3.5); the figures here are
 * the live evaluation's.
 */
export async function schemeEffect(ctx: ServiceContext, year: number, proposed: Scheme) {
  const now = ctx.now.getTime();
  const periods = (['H1', 'H2', 'Y'] as const)
    .map((kind) => ({ year, kind }))
    .filter((p) => periodRange(p.year, p.kind).start <= now);
  const changes: SchemeEffectLine[] = [];
  for (const period of periods) {
    const { evaluation, loaded } = await evaluatePeriod(ctx.db, period, ctx.now);
    const after = evaluate({ ...loaded.input, scheme: proposed });
    const before = new Map(evaluation.units.map((u) => [u.unitId, u]));
    for (const u of after.units) {
      const b = before.get(u.unitId);
      if (b === undefined) continue;
      if (sameScore(b.score, u.score) && b.rank === u.rank && b.status === u.status) continue;
      changes.push({
        period: periodKey(period),
        periodLabel: periodLabel(period),
        unitId: u.unitId,
        unitName: u.name,
        before: { score: b.score, rank: b.rank, status: b.status },
        after: { score: u.score, rank: u.rank, status: u.status },
      });
    }
  }
  return {
    year,
    periods: periods.map((p) => ({ key: periodKey(p), label: periodLabel(p) })),
    changes,
  };
}
