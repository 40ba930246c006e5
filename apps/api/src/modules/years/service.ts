/**
 * A new year (DESIGN §7): the bureau starts next year from last year's scheme, catalogue and
 * targets, as a draft it then adjusts. One previewed, audited action.
 */
import { shippedHolidayCalendar, type Scheme } from '@jyxc/domain';
import { requireAdmin } from '../../shared/actor.js';
import { audit, CAMPAIGN_TABLES } from '../../shared/audit.js';
import type { ServiceContext } from '../../shared/context.js';
import { changed, inTransaction, isUniqueViolation } from '../../shared/db.js';
import { ServiceError } from '../../shared/errors.js';
import {
  campaignCountOfYear,
  copyCampaignToYear,
  findLatestCampaignOfYear,
} from '../campaigns/service.js';
import { loadUnits } from '../organisation/service.js';
import { insertFirstScheme, loadScheme, storedScheme } from '../schemes/service.js';

export interface NextYearPlan {
  readonly fromYear: number;
  readonly toYear: number;
  readonly scheme: {
    /** `stored`: the year's saved scheme; `default`: nobody saved one, so the defaults. */
    readonly source: 'stored' | 'default';
    readonly version: number;
    readonly topics: readonly string[];
    readonly quotaOverrides: number;
    /** Overrides of units merged away (撤并), left behind. */
    readonly droppedQuotaOverrides: number;
  };
  /**
   * The new year's holiday calendar: the one shipped for that year (rules §1.3), not last
   * year's. `none` when no calendar ships for it: the bureau enters the days itself.
   */
  readonly calendar: {
    readonly source: 'shipped' | 'none';
    readonly holidays: number;
    readonly workdays: number;
  };
  /** The campaign copied as a draft, or null when the year had none. */
  readonly campaign: {
    readonly name: string;
    readonly periodicals: number;
    readonly targets: number;
    readonly droppedTargets: number;
  } | null;
  /** Why the next year cannot be started (it already has a scheme or a campaign). */
  readonly blockers: readonly { readonly code: string; readonly message: string }[];
}

interface Draft {
  readonly plan: NextYearPlan;
  readonly scheme: Scheme;
  readonly campaign: Awaited<ReturnType<typeof findLatestCampaignOfYear>>;
  readonly keepUnit: (unitId: string) => boolean;
}

async function draftNextYear(ctx: ServiceContext, fromYear: number): Promise<Draft> {
  requireAdmin(ctx);
  const toYear = fromYear + 1;
  const [stored, scheme, nextStored, nextCampaigns, campaign, units] = await Promise.all([
    storedScheme(ctx.db, fromYear),
    loadScheme(ctx.db, fromYear),
    storedScheme(ctx.db, toYear),
    campaignCountOfYear(ctx.db, toYear),
    findLatestCampaignOfYear(ctx.db, fromYear),
    loadUnits(ctx.db),
  ]);
  const active = new Set(
    units.filter((u) => u.deactivatedAt === null || u.deactivatedAt === undefined).map((u) => u.id),
  );
  const keepUnit = (unitId: string) => active.has(unitId);
  const overrides = scheme.quotaOverrides.filter((o) => keepUnit(o.unitId));
  // Last year's holidays are not next year's: the new year starts from the shipped calendar of
  // its own year (rules §1.3), which the bureau then adjusts in the scheme editor.
  const calendar = shippedHolidayCalendar(toYear);
  const next: Scheme = {
    ...scheme,
    year: toYear,
    version: 1,
    quotaOverrides: overrides,
    calendar,
  };
  const keptTargets = campaign?.targets.filter((t) => keepUnit(t.unitId)).length ?? 0;
  const blockers: { code: string; message: string }[] = [];
  if (nextStored !== null) {
    blockers.push({
      code: 'YEAR.SCHEME_EXISTS',
      message: `${toYear} 年的考评办法已经存在（第 ${nextStored.row.version} 版），请直接修改它`,
    });
  }
  if (nextCampaigns > 0) {
    blockers.push({
      code: 'YEAR.CAMPAIGN_EXISTS',
      message: `${toYear} 年已有 ${nextCampaigns} 个报刊征订活动`,
    });
  }
  const plan: NextYearPlan = {
    fromYear,
    toYear,
    scheme: {
      source: stored === null ? 'default' : 'stored',
      version: scheme.version,
      topics: scheme.topics,
      quotaOverrides: overrides.length,
      droppedQuotaOverrides: scheme.quotaOverrides.length - overrides.length,
    },
    calendar: {
      source: calendar.holidays.length + calendar.workdays.length > 0 ? 'shipped' : 'none',
      holidays: calendar.holidays.length,
      workdays: calendar.workdays.length,
    },
    campaign:
      campaign === null
        ? null
        : {
            name: campaign.name,
            periodicals: campaign.periodicals.length,
            targets: keptTargets,
            droppedTargets: campaign.targets.length - keptTargets,
          },
    blockers,
  };
  return { plan, scheme: next, campaign, keepUnit };
}

/** What starting the next year would create, and anything that stands in its way. */
export async function previewNextYear(
  ctx: ServiceContext,
  fromYear: number,
): Promise<NextYearPlan> {
  return (await draftNextYear(ctx, fromYear)).plan;
}

/**
 * Creates next year's scheme (version 1) and a draft campaign with last year's catalogue and
 * targets, in one transaction with its audit entry. Refused, changing nothing, once the next
 * year has a scheme or a campaign of its own.
 */
export async function startNextYear(
  ctx: ServiceContext,
  fromYear: number,
): Promise<NextYearPlan & { readonly campaignId: string | null }> {
  const { plan, scheme, campaign, keepUnit } = await draftNextYear(ctx, fromYear);
  const refused = () =>
    new ServiceError(
      'conflict',
      'YEAR.ALREADY_STARTED',
      plan.blockers.map((b) => b.message).join('；') || `${plan.toYear} 年已经开始`,
      { blockers: plan.blockers },
    );
  if (plan.blockers.length > 0) throw refused();
  try {
    return await inTransaction(ctx, async (tx) => {
      const stored = await insertFirstScheme(tx, scheme, {
        personId: ctx.actor.personId,
        at: ctx.now,
      });
      const copied =
        campaign === null ? null : await copyCampaignToYear(tx, campaign, plan.toYear, keepUnit);
      // The audit entry names the scheme; the copied campaign is new rows as well.
      if (copied !== null) {
        changed(
          tx,
          CAMPAIGN_TABLES.map((table) => ({ table, unitId: null })),
        );
      }
      await audit(tx, ctx, {
        action: 'year.start',
        entity: 'Scheme',
        entityId: stored.id,
        unitId: null,
        before: { year: plan.fromYear, schemeVersion: plan.scheme.version },
        after: { ...plan, campaignId: copied?.id ?? null },
      });
      return { ...plan, campaignId: copied?.id ?? null };
    });
  } catch (error) {
    // Another administrator started the year at the same moment.
    if (isUniqueViolation(error)) throw refused();
    throw error;
  }
}
