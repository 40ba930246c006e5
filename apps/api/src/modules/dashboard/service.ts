import {
  accountabilityGaps,
  campaignMetrics,
  canSeeUnit,
  evaluatedUnitIdOf,
  incidentDeadlineStates,
  incidentEscalation,
  isIncidentOverdue,
  isLate,
  periodKey,
  periodRange,
  shanghaiMidnight,
  toShanghaiTime,
  type Period,
  type UnitEvaluation,
  type Visibility,
  UNIT_STATUS_LABELS,
} from '@jyxc/domain';
import { JsonText } from '../../cache/json-text.js';
import { ALL_DATA, ReadCache } from '../../cache/read-cache.js';
import type { ServiceContext } from '../../shared/context.js';
import { evaluatePeriod, timeHorizon } from '../evaluation/service.js';
import { toDomainIncident } from '../incidents/service.js';
import { loadCampaignState } from '../campaigns/service.js';
import { hasAnyRole } from '../../shared/actor.js';
import { unitFilter, visibilityFor } from '../organisation/service.js';
import {
  adoptionDates,
  bureauArrivals,
  liveIncidentRows,
  returnedTo,
  reviewQueueOf,
  type QueueItem,
} from './repository.js';

const LIST_LIMIT = 10;
const GAP_LIMIT = 100;

function rankingRow(u: UnitEvaluation) {
  return {
    unitId: u.unitId,
    name: u.name,
    kind: u.kind,
    rank: u.rank,
    score: u.score,
    status: u.status,
    statusLabel: UNIT_STATUS_LABELS['zh-CN'][u.status],
    submitted: u.submitted,
    adopted: u.adopted,
    quotaCompletion: u.quota.completion,
  };
}

/** The twelve months ending with the current one, as Shanghai calendar months. */
function lastTwelveMonths(now: Date) {
  const t = toShanghaiTime(now.getTime());
  const months: { key: string; start: Date; end: Date }[] = [];
  for (let k = 11; k >= 0; k--) {
    const index = t.year * 12 + (t.month - 1) - k;
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    const nextIndex = index + 1;
    months.push({
      key: `${year}-${String(month).padStart(2, '0')}`,
      start: new Date(shanghaiMidnight(year, month, 1)),
      end: new Date(shanghaiMidnight(Math.floor(nextIndex / 12), (nextIndex % 12) + 1, 1)),
    });
  }
  return months;
}

/** How many of `dates` fall in each of `months` (consecutive, in order). */
function countByMonth(
  months: readonly { readonly start: Date; readonly end: Date }[],
  dates: readonly (Date | null)[],
): number[] {
  const counts = months.map(() => 0);
  for (const date of dates) {
    if (date === null) continue;
    const at = date.getTime();
    const i = months.findIndex((m) => at >= m.start.getTime() && at < m.end.getTime());
    if (i >= 0) counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

/**
 * GET /dashboard: the console's 工作台 for the viewer — KPIs of the period, the monthly trend,
 * the ranking, accountability gaps and the viewer's own pending work, all scoped to the units
 * the viewer may see (DESIGN §6).
 */
export async function getDashboard(ctx: ServiceContext, period: Period) {
  return (await dashboardOf(ctx, period)).value;
}

/**
 * At most this long a dashboard is kept when no write comes first. The clock moves some of
 * its figures by itself: the monthly trend at the turn of a month and the incident deadlines
 * (both followed exactly), and a campaign's lagging units as its deadline nears (within this).
 */
export const DASHBOARD_TTL_MS = 5_000;

/** Dashboards as JSON, per person and period (nearly everything on it is the viewer's own). */
const dashboards = new ReadCache<JsonText<Awaited<ReturnType<typeof getDashboard>>>>('dashboards', {
  maxEntries: 2_000,
  maxBytes: 64 * 2 ** 20,
  sizeOf: (answer) => answer.size,
});

/** {@link getDashboard} as JSON, kept until the next write, deadline or month, or 5 s. */
export function dashboardAnswer(ctx: ServiceContext, period: Period) {
  const a = ctx.actor;
  const key = JSON.stringify([a.personId, a.unit.id, [...a.roles].sort(), periodKey(period)]);
  return dashboards.read(ctx.db, key, ctx.now.getTime(), [ALL_DATA], async () => {
    const { value, until } = await dashboardOf(ctx, period);
    return { value: JsonText.of(value), until };
  });
}

async function dashboardOf(ctx: ServiceContext, period: Period) {
  const {
    evaluation,
    loaded,
    until: evaluationUntil,
  } = await evaluatePeriod(ctx.db, period, ctx.now);
  const visibility: Visibility = await visibilityFor(ctx, loaded.units);
  const visible = (unitId: string) => canSeeUnit(visibility, unitId);
  const scope = unitFilter(visibility);
  const range = periodRange(period.year, period.kind);
  const now = ctx.now.getTime();
  const me = ctx.actor.personId;

  // KPIs: the figures of the writing units the viewer sees, from the same evaluation as the
  // bulletins, so the numbers agree everywhere.
  let submitted = 0;
  let adopted = 0;
  for (const u of evaluation.units) {
    for (const w of u.writers) {
      if (!visible(w.unitId)) continue;
      submitted += w.submitted;
      adopted += w.adopted;
    }
  }
  const late = loaded.input.submissions.filter(
    (s) =>
      visible(s.unitId) &&
      s.submittedToBureauAt !== null &&
      s.submittedToBureauAt >= range.start &&
      s.submittedToBureauAt < range.end &&
      isLate(s, loaded.scheme),
  ).length;

  const owner = {
    personId: me,
    unitId: ctx.actor.unit.id,
    bureauReviewer: hasAnyRole(ctx, ['reviewer']),
    unitReviewer: hasAnyRole(ctx, ['officer', 'deputy', 'head']),
  };
  const months = lastTwelveMonths(ctx.now);
  const trendStart = months[0]?.start ?? ctx.now;
  const trendEnd = months.at(-1)?.end ?? ctx.now;
  const [pending, returned, liveIncidents, arrivals, adoptions, campaign] = await Promise.all([
    reviewQueueOf(ctx.db, owner, scope, LIST_LIMIT),
    returnedTo(ctx.db, me, LIST_LIMIT),
    liveIncidentRows(ctx.db, scope),
    // The trend reads the dates of the twelve months once and counts them here: two queries
    // instead of twenty-four.
    bureauArrivals(ctx.db, scope, trendStart, trendEnd),
    adoptionDates(ctx.db, scope, trendStart, trendEnd),
    loadCampaignState(ctx.db, period.year),
  ]);
  const submittedByMonth = countByMonth(months, arrivals);
  const adoptedByMonth = countByMonth(months, adoptions);

  const incidents = liveIncidents.map((row) => toDomainIncident(row, loaded.unitsById));
  const overdueIncidents = incidents.filter((i) => isIncidentOverdue(i, now)).length;
  // DESIGN §3.6: an overdue step escalates one link up the chain per missed deadline; the
  // person it reached has it to do as much as the responsible person.
  const escalatedTo = (i: (typeof incidents)[number]) =>
    incidentEscalation(i, { units: loaded.units, people: loaded.people }, now)?.recipients.some(
      (p) => p.id === me,
    ) ?? false;
  const mine = incidents
    .filter((i) => i.responsiblePersonId === me || escalatedTo(i))
    .map((i) => {
      const states = incidentDeadlineStates(i, now);
      const nextDue = states.find((d) => d.doneAt === null);
      return {
        id: i.id,
        title: i.title,
        unitId: i.unitId,
        unitName: loaded.unitsById.get(i.unitId)?.name ?? '',
        severity: i.severity,
        state: i.state,
        discoveredAt: new Date(i.discoveredAt).toISOString(),
        overdue: isIncidentOverdue(i, now),
        escalated: i.responsiblePersonId !== me,
        nextDeadline:
          nextDue === undefined
            ? null
            : {
                step: nextDue.step,
                dueAt: new Date(nextDue.dueAt).toISOString(),
                status: nextDue.status,
              },
      };
    });

  // Subscription completion: every campaign unit for bureau staff, the viewer's own otherwise.
  const metrics = campaign === null ? null : campaignMetrics(campaign.state, now);
  const campaignUnits = (metrics?.units ?? []).filter((u) => visible(u.unitId));
  const completions = campaignUnits.map((u) => u.completion).filter((c): c is number => c !== null);
  const subscription =
    campaign === null || metrics === null
      ? null
      : {
          campaignId: campaign.id,
          name: campaign.name,
          completion:
            completions.length === 0
              ? null
              : completions.reduce((s, c) => s + Math.min(1, c), 0) / completions.length,
          copies: campaignUnits.reduce((s, u) => s + u.copies, 0),
          lagging: metrics.lagging.filter((id) => visible(id)).length,
        };

  // The viewer's own evaluated unit (a school's township center): its rank is public.
  const ownEvaluated = evaluatedUnitIdOf(ctx.actor.unit.id, loaded.unitsById);
  const own = evaluation.units.find((u) => u.unitId === ownEvaluated) ?? null;

  const gaps = loaded.units
    .filter((u) => u.kind !== 'bureau' && visible(u.id))
    .flatMap((unit) =>
      accountabilityGaps(unit, loaded.people).map((g) => ({
        ...g,
        unitName: unit.name,
        unitKind: unit.kind,
      })),
    );

  const presentItem = (s: QueueItem) => ({
    id: s.id,
    title: s.title,
    state: s.state,
    category: s.category,
    unitId: s.unitId,
    unitName: s.unit.name,
    since:
      (s.state === 'bureau_review'
        ? s.submittedToBureauAt
        : (s.reviewSince ?? s.updatedAt)
      )?.toISOString() ?? null,
    returnedReason: s.returnedReason,
  });

  const until = Math.min(
    now + DASHBOARD_TTL_MS,
    evaluationUntil,
    timeHorizon(incidents, now),
    months.at(-1)?.end.getTime() ?? now,
  );
  const value = {
    period: periodKey(period),
    asOf: ctx.now.toISOString(),
    scope: visibility.scope,
    kpis: {
      submitted,
      adopted,
      late,
      pendingReviews: pending.total,
      overdueIncidents,
      subscriptionCompletion: subscription?.completion ?? null,
    },
    trend: months.map((m, i) => ({
      month: m.key,
      submitted: submittedByMonth[i] ?? 0,
      adopted: adoptedByMonth[i] ?? 0,
    })),
    ranking: {
      top: evaluation.units
        .filter((u) => u.rank !== null)
        .slice(0, 10)
        .map(rankingRow),
      own: own === null ? null : rankingRow(own),
      units: evaluation.units.length,
    },
    // DESIGN §3.2: the units with the most rubber-stamped approvals this period (unit figures
    // are public in the county like the bulletin's; individual reviewers are never named here).
    rubberStamps: evaluation.units
      .filter((u) => u.rubberStamped > 0)
      .sort((a, b) => b.rubberStamped - a.rubberStamped || a.name.localeCompare(b.name, 'zh-CN'))
      .slice(0, 5)
      .map((u) => ({
        unitId: u.unitId,
        name: u.name,
        rubberStamped: u.rubberStamped,
        approvals: u.approvals,
        reviewDepth: u.reviewDepth,
      })),
    gaps: { total: gaps.length, items: gaps.slice(0, GAP_LIMIT) },
    subscription,
    pending: {
      reviews: { total: pending.total, items: pending.items.map(presentItem) },
      returned: { total: returned.total, items: returned.items.map(presentItem) },
      incidents: { total: mine.length, overdue: mine.filter((i) => i.overdue).length, items: mine },
    },
  };
  return { value, until };
}
