/** Subscription campaigns (DESIGN §3.7): stored campaigns in the domain's shape. */
import type { Db, Prisma } from '@jyxc/db';
import {
  DAY_MS,
  defaultCampaignRules,
  type CampaignState,
  type CampaignTarget,
  type Catalogue,
  type CatalogueEntry,
  type FundSource,
  type SubscriptionRecord,
  type Unit,
} from '@jyxc/domain';
import { z } from 'zod';
import { ServiceError } from '../../shared/errors.js';
import { loadUnits } from '../organisation/service.js';

type Reader = Pick<
  Db,
  'campaign' | 'periodical' | 'campaignTarget' | 'subscriptionRecord' | 'campaignAssignment'
>;

type CampaignRow = Prisma.CampaignGetPayload<object>;
type PeriodicalRow = Prisma.PeriodicalGetPayload<object>;

/** A stored map of required copies (periodical id → copies); anything else reads as none set. */
const requiredCopiesSchema = z.record(z.string(), z.number().int().min(0));

export function parseRequiredCopies(json: string): Record<string, number> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return {};
  }
  const parsed = requiredCopiesSchema.safeParse(value);
  return parsed.success ? parsed.data : {};
}

/**
 * The subscription campaign of a year in the domain's shape, as far as its metrics need it
 * (targets, catalogue and records), or null without one; the latest non-draft campaign of the
 * year counts.
 */
export async function loadCampaignState(
  db: Db,
  year: number,
  units?: readonly Unit[],
): Promise<{ readonly id: string; readonly name: string; readonly state: CampaignState } | null> {
  const campaign = await db.campaign.findFirst({
    where: { year, status: { not: 'draft' } },
    orderBy: { deadline: 'desc' },
    select: { id: true, year: true, name: true, deadline: true, perCapitaTarget: true },
  });
  if (campaign === null) return null;
  const [periodicals, targets, records, assignments, allUnits] = await Promise.all([
    db.periodical.findMany({
      where: { campaignId: campaign.id },
      orderBy: [{ sortOrder: 'asc' }, { title: 'asc' }],
      select: {
        id: true,
        title: true,
        postalCode: true,
        publisher: true,
        category: true,
        yearlyPriceFen: true,
        recommended: true,
        required: true,
        publicFundEligible: true,
      },
    }),
    db.campaignTarget.findMany({
      where: { campaignId: campaign.id },
      select: { unitId: true, requiredCopies: true, perCapitaTarget: true },
    }),
    db.subscriptionRecord.findMany({
      where: { campaignId: campaign.id },
      select: {
        id: true,
        unitId: true,
        periodicalId: true,
        copies: true,
        fundSource: true,
        recordedById: true,
        recordedAt: true,
      },
    }),
    db.campaignAssignment.findMany({
      where: { campaignId: campaign.id },
      select: { unitId: true, personId: true },
    }),
    units === undefined ? loadUnits(db) : Promise.resolve(units),
  ]);
  return {
    id: campaign.id,
    name: campaign.name,
    state: {
      settings: {
        year: campaign.year,
        deadline: campaign.deadline.getTime(),
        perCapitaTarget: campaign.perCapitaTarget,
        // The metrics never read the public-fund cap; it matters only when recording.
        publicFundCapFen: 0,
        laggingShare: defaultCampaignRules.laggingShare,
        laggingLeadMs: defaultCampaignRules.laggingLeadMs,
      },
      catalogue: {
        year: campaign.year,
        entries: periodicals.map((p) => ({ ...p, postalCode: p.postalCode ?? '' })),
      },
      units: allUnits,
      targets: targets.map((t) => {
        const requiredCopies = parseRequiredCopies(t.requiredCopies);
        return {
          unitId: t.unitId,
          ...(Object.keys(requiredCopies).length > 0 ? { requiredCopies } : {}),
          ...(t.perCapitaTarget !== null ? { perCapitaTarget: t.perCapitaTarget } : {}),
        };
      }),
      records: records.map((r) => ({
        id: r.id,
        unitId: r.unitId,
        titleId: r.periodicalId,
        copies: r.copies,
        fundSource: r.fundSource,
        // Metrics count copies whatever the order type.
        mandatory: false,
        recordedBy: r.recordedById,
        recordedAt: r.recordedAt.getTime(),
      })),
      assignments,
    },
  };
}

export async function findCampaign(db: Reader, id: string): Promise<CampaignRow> {
  const row = await db.campaign.findUnique({ where: { id } });
  if (!row) throw new ServiceError('not_found', 'CAMPAIGN.NOT_FOUND', '征订活动不存在');
  return row;
}

export function catalogueEntry(p: PeriodicalRow): CatalogueEntry {
  return {
    id: p.id,
    title: p.title,
    postalCode: p.postalCode,
    publisher: p.publisher,
    category: p.category,
    yearlyPriceFen: p.yearlyPriceFen,
    recommended: p.recommended,
    required: p.required,
    publicFundEligible: p.publicFundEligible,
  };
}

/** The domain's record of a stored one. */
export function domainRecord(r: {
  id: string;
  unitId: string;
  periodicalId: string;
  copies: number;
  fundSource: FundSource;
  mandatory: boolean;
  recordedById: string;
  recordedAt: Date;
}): SubscriptionRecord {
  return {
    id: r.id,
    unitId: r.unitId,
    titleId: r.periodicalId,
    copies: r.copies,
    fundSource: r.fundSource,
    mandatory: r.mandatory,
    recordedBy: r.recordedById,
    recordedAt: r.recordedAt.getTime(),
  };
}

interface TargetRow {
  readonly unitId: string;
  readonly requiredCopies: string;
  readonly perCapitaTarget: number | null;
  readonly publicFundCapFen: number | null;
  readonly deadline: Date | null;
}

/** The domain's target of a stored one; a title left out of the map gets the domain's default. */
function domainTarget(row: TargetRow): CampaignTarget {
  const requiredCopies = parseRequiredCopies(row.requiredCopies);
  return {
    unitId: row.unitId,
    ...(Object.keys(requiredCopies).length > 0 ? { requiredCopies } : {}),
    ...(row.perCapitaTarget !== null ? { perCapitaTarget: row.perCapitaTarget } : {}),
    ...(row.publicFundCapFen !== null ? { publicFundCapFen: row.publicFundCapFen } : {}),
    ...(row.deadline !== null ? { deadline: row.deadline.getTime() } : {}),
  };
}

interface LoadedCampaign {
  readonly campaign: CampaignRow;
  readonly periodicals: readonly PeriodicalRow[];
  readonly state: CampaignState;
}

/** Everything the campaign rules look at, read through `db` (a transaction when writing). */
export async function loadCampaign(
  db: Reader & Pick<Db, 'unit'>,
  id: string,
): Promise<LoadedCampaign> {
  const campaign = await findCampaign(db, id);
  // One query after another: inside a transaction they share a single connection.
  const periodicals = await db.periodical.findMany({
    where: { campaignId: id },
    orderBy: [{ sortOrder: 'asc' }, { title: 'asc' }],
  });
  const targets = await db.campaignTarget.findMany({ where: { campaignId: id } });
  const records = await db.subscriptionRecord.findMany({
    where: { campaignId: id },
    orderBy: [{ recordedAt: 'asc' }, { id: 'asc' }],
  });
  const assignments = await db.campaignAssignment.findMany({ where: { campaignId: id } });
  const unitRows = await db.unit.findMany({ orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }] });
  const catalogue: Catalogue = { year: campaign.year, entries: periodicals.map(catalogueEntry) };
  return {
    campaign,
    periodicals,
    state: {
      settings: {
        year: campaign.year,
        deadline: campaign.deadline.getTime(),
        perCapitaTarget: campaign.perCapitaTarget,
        publicFundCapFen: campaign.publicFundCapFen,
        laggingShare: campaign.laggingShare,
        laggingLeadMs: campaign.laggingLeadDays * DAY_MS,
      },
      catalogue,
      units: unitRows
        .filter((u) => u.active)
        .map((u) => ({
          id: u.id,
          name: u.name,
          kind: u.kind,
          parentId: u.parentId,
          staffCount: u.staffCount,
          studentCount: u.studentCount,
          directReporting: u.directReporting,
        })),
      targets: targets.map(domainTarget),
      records: records.map(domainRecord),
      assignments: assignments.map((a) => ({ unitId: a.unitId, personId: a.personId })),
    },
  };
}
