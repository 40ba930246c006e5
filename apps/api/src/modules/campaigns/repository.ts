/** Subscription campaigns (DESIGN §3.7): stored campaigns in the domain's shape. */
import type { Db, Prisma } from '@jyxc/db';
import {
  DAY_MS,
  type CampaignAssignment,
  type CampaignState,
  type CampaignTarget,
  type Catalogue,
  type CatalogueEntry,
  type FundSource,
  type PublicationCategory,
  type SubscriptionRecord,
} from '@jyxc/domain';
import { z } from 'zod';
import { everyUnit, jsonSize, ReadCache } from '../../cache/read-cache.js';
import { CAMPAIGN_TABLES } from '../../shared/audit.js';
import type { Tx } from '../../shared/context.js';
import { ServiceError } from '../../shared/errors.js';
import { domainUnit, loadUnits } from '../organisation/service.js';
import type { UnitScope } from '../../shared/db.js';

type Reader = Pick<
  Db,
  'campaign' | 'periodical' | 'campaignTarget' | 'subscriptionRecord' | 'campaignAssignment'
>;

export type CampaignRow = Prisma.CampaignGetPayload<object>;
export type PeriodicalRow = Prisma.PeriodicalGetPayload<object>;

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

/** A year's campaign as its metrics read it. */
type StoredCampaignState = {
  readonly id: string;
  readonly name: string;
  readonly state: CampaignState;
} | null;

/**
 * Each year's campaign state, kept until a campaign's rows or the units change. Every
 * dashboard shows the county's subscription completion, from six reads in two rounds; the
 * campaign's rows change a few times a day. What depends on the time (the units lagging as the
 * deadline nears) is computed from it with the caller's clock.
 */
const campaignStates = new ReadCache<StoredCampaignState>('campaign states', {
  maxEntries: 20,
  maxBytes: 64 * 2 ** 20,
  sizeOf: jsonSize,
});

const CAMPAIGN_DATA = [everyUnit(...CAMPAIGN_TABLES, 'Unit')];

/**
 * The subscription campaign of a year in the domain's shape, as far as its metrics need it
 * (targets, catalogue and records), or null without one; the latest non-draft campaign of the
 * year counts.
 */
export async function loadCampaignState(db: Db, year: number): Promise<StoredCampaignState> {
  return campaignStates.read(db, String(year), 0, CAMPAIGN_DATA, async () => ({
    value: await readCampaignState(db, year),
  }));
}

async function readCampaignState(db: Db, year: number): Promise<StoredCampaignState> {
  const campaign = await db.campaign.findFirst({
    where: { year, status: { not: 'draft' } },
    orderBy: { deadline: 'desc' },
    select: {
      id: true,
      year: true,
      name: true,
      deadline: true,
      perCapitaTarget: true,
      laggingShare: true,
      laggingLeadDays: true,
    },
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
    loadUnits(db),
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
        // The campaign's own numbers, set from the scheme's defaults when it was created.
        laggingShare: campaign.laggingShare,
        laggingLeadMs: campaign.laggingLeadDays * DAY_MS,
      },
      catalogue: {
        year: campaign.year,
        entries: periodicals.map((p) => ({ ...p, postalCode: p.postalCode ?? '' })),
      },
      units: allUnits,
      // The metrics read neither a unit's own public-fund cap nor its deadline.
      targets: targets.map((t) => domainTarget({ ...t, publicFundCapFen: null, deadline: null })),
      // Metrics count copies whatever the order type.
      records: records.map((r) => domainRecord({ ...r, mandatory: false })),
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
      units: unitRows.filter((u) => u.active).map(domainUnit),
      targets: targets.map(domainTarget),
      records: records.map(domainRecord),
      assignments: assignments.map((a) => ({ unitId: a.unitId, personId: a.personId })),
    },
  };
}

// ---------------------------------------------------------------------------
// Campaigns
// ---------------------------------------------------------------------------

/** The units a person is assigned to (分包) in one campaign. */
export async function assignedUnitIds(
  db: Db,
  campaignId: string,
  personId: string,
): Promise<string[]> {
  const rows = await db.campaignAssignment.findMany({
    where: { personId, campaignId },
    select: { unitId: true },
  });
  return rows.map((a) => a.unitId);
}

/** A page of campaigns (of one year, or all), latest year first. */
export async function findCampaigns(
  db: Db,
  year: number | undefined,
  page: { readonly skip: number; readonly take: number },
): Promise<{ total: number; rows: CampaignRow[] }> {
  const where: Prisma.CampaignWhereInput = year !== undefined ? { year } : {};
  const [total, rows] = await Promise.all([
    db.campaign.count({ where }),
    db.campaign.findMany({
      where,
      orderBy: [{ year: 'desc' }, { createdAt: 'desc' }, { id: 'asc' }],
      skip: page.skip,
      take: page.take,
    }),
  ]);
  return { total, rows };
}

export interface CampaignColumns {
  readonly year: number;
  readonly name: string;
  readonly deadline: Date;
  readonly perCapitaTarget: number;
  readonly publicFundCapFen: number;
  readonly laggingShare: number;
  readonly laggingLeadDays: number;
  readonly status: 'draft' | 'active' | 'closed';
}

export function insertCampaign(
  tx: Tx,
  data: CampaignColumns & { readonly createdAt: Date },
): Promise<CampaignRow> {
  return tx.campaign.create({ data });
}

export function updateCampaignRow(tx: Tx, id: string, data: CampaignColumns): Promise<CampaignRow> {
  return tx.campaign.update({ where: { id }, data });
}

/**
 * Takes the campaign's row for writing, so that a concurrent record waits for this one to
 * commit (a row lock in PostgreSQL; SQLite writes one transaction at a time).
 */
export async function lockCampaign(tx: Tx, id: string, now: Date): Promise<void> {
  await tx.campaign.updateMany({ where: { id }, data: { updatedAt: now } });
}

// ---------------------------------------------------------------------------
// Catalogue
// ---------------------------------------------------------------------------

/** The campaign's catalogue in its display order. */
export function findPeriodicals(db: Reader, campaignId: string): Promise<PeriodicalRow[]> {
  return db.periodical.findMany({
    where: { campaignId },
    orderBy: [{ sortOrder: 'asc' }, { title: 'asc' }, { id: 'asc' }],
  });
}

export interface PeriodicalColumns {
  readonly title: string;
  readonly postalCode: string;
  readonly publisher: string;
  readonly category: PublicationCategory;
  readonly yearlyPriceFen: number;
  readonly recommended: boolean;
  readonly required: boolean;
  readonly publicFundEligible: boolean;
}

export function insertPeriodical(
  tx: Tx,
  data: PeriodicalColumns & { readonly campaignId: string; readonly sortOrder: number },
): Promise<PeriodicalRow> {
  return tx.periodical.create({ data });
}

export function updatePeriodicalRow(
  tx: Tx,
  id: string,
  data: PeriodicalColumns & { readonly sortOrder?: number },
): Promise<PeriodicalRow> {
  return tx.periodical.update({ where: { id }, data });
}

// ---------------------------------------------------------------------------
// Targets
// ---------------------------------------------------------------------------

export function findTargetRows(db: Db, campaignId: string) {
  return db.campaignTarget.findMany({ where: { campaignId } });
}

export interface TargetColumns {
  readonly unitId: string;
  /** Copies per required title as JSON (periodical id → copies). */
  readonly requiredCopies: string;
  readonly perCapitaTarget: number | null;
  readonly publicFundCapFen: number | null;
  readonly deadline: Date | null;
}

/** Sets a unit's target in a campaign; answers the row before (or null) and after. */
export async function upsertTarget(tx: Tx, campaignId: string, row: TargetColumns) {
  const where = { campaignId_unitId: { campaignId, unitId: row.unitId } };
  const before = await tx.campaignTarget.findUnique({ where });
  const after = await tx.campaignTarget.upsert({
    where,
    create: { campaignId, ...row },
    update: row,
  });
  return { before, after };
}

// ---------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------

const recordInclude = {
  unit: { select: { id: true, name: true } },
  periodical: true,
  recordedBy: { select: { id: true, name: true } },
} as const;

export type RecordRow = Prisma.SubscriptionRecordGetPayload<{ include: typeof recordInclude }>;

/** The record stored under an idempotency key, or null. */
export function findRecordByKey(db: Db, idempotencyKey: string): Promise<RecordRow | null> {
  return db.subscriptionRecord.findUnique({ where: { idempotencyKey }, include: recordInclude });
}

/** One record with its unit, periodical and recorder; it must exist. */
export function findRecordRow(db: Db, id: string): Promise<RecordRow> {
  return db.subscriptionRecord.findUniqueOrThrow({ where: { id }, include: recordInclude });
}

export async function insertRecord(
  tx: Tx,
  data: {
    readonly id: string;
    readonly campaignId: string;
    readonly unitId: string;
    readonly periodicalId: string;
    readonly copies: number;
    readonly fundSource: FundSource;
    readonly mandatory: boolean;
    readonly recordedById: string;
    readonly recordedAt: Date;
    readonly idempotencyKey: string | null;
  },
) {
  return tx.subscriptionRecord.create({ data });
}

export interface RecordFilter {
  readonly scope: UnitScope;
  readonly unitId?: string | undefined;
  readonly periodicalId?: string | undefined;
}

/** A page of a campaign's records in scope, newest first. */
export async function findRecords(
  db: Db,
  campaignId: string,
  filter: RecordFilter,
  page: { readonly skip: number; readonly take: number },
): Promise<{ total: number; rows: RecordRow[] }> {
  const where: Prisma.SubscriptionRecordWhereInput = {
    AND: [
      { campaignId },
      filter.scope,
      filter.unitId !== undefined ? { unitId: filter.unitId } : {},
      filter.periodicalId !== undefined ? { periodicalId: filter.periodicalId } : {},
    ],
  };
  const [total, rows] = await Promise.all([
    db.subscriptionRecord.count({ where }),
    db.subscriptionRecord.findMany({
      where,
      include: recordInclude,
      orderBy: [{ recordedAt: 'desc' }, { id: 'asc' }],
      skip: page.skip,
      take: page.take,
    }),
  ]);
  return { total, rows };
}

// ---------------------------------------------------------------------------
// Assignments (分包)
// ---------------------------------------------------------------------------

/** The campaign's assignments with their unit and person, in unit order. */
export async function findAssignments(db: Db, campaignId: string) {
  const rows = await db.campaignAssignment.findMany({
    where: { campaignId },
    include: {
      unit: { select: { id: true, name: true, kind: true } },
      person: { select: { id: true, name: true } },
    },
    orderBy: [{ unit: { sortOrder: 'asc' } }, { unitId: 'asc' }],
  });
  return rows.map((r) => ({ id: r.id, unit: r.unit, person: r.person }));
}

/** Replaces the campaign's assignments; answers the ones there were. */
export async function replaceAssignments(
  tx: Tx,
  campaignId: string,
  next: readonly CampaignAssignment[],
): Promise<{ unitId: string; personId: string }[]> {
  const before = await tx.campaignAssignment.findMany({
    where: { campaignId },
    select: { unitId: true, personId: true },
  });
  await tx.campaignAssignment.deleteMany({ where: { campaignId } });
  if (next.length > 0) {
    await tx.campaignAssignment.createMany({
      data: next.map((a) => ({ campaignId, unitId: a.unitId, personId: a.personId })),
    });
  }
  return before;
}

/** The same day a year later (29 February becomes 28 February). */
export function aYearLater(at: Date): Date {
  const next = new Date(at);
  next.setUTCFullYear(at.getUTCFullYear() + 1);
  if (next.getUTCMonth() !== at.getUTCMonth()) next.setUTCDate(0);
  return next;
}

/** The latest campaign of a year with its catalogue and targets, or null. */
export function findLatestCampaignOfYear(db: Reader, year: number) {
  return db.campaign.findFirst({
    where: { year },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    include: {
      periodicals: { orderBy: [{ sortOrder: 'asc' }, { title: 'asc' }] },
      targets: true,
    },
  });
}

export function campaignCountOfYear(db: Reader, year: number): Promise<number> {
  return db.campaign.count({ where: { year } });
}

type CampaignWithCatalogue = NonNullable<Awaited<ReturnType<typeof findLatestCampaignOfYear>>>;

/**
 * Copies a campaign into the next year as a draft (DESIGN §7): its rules, its catalogue, and the
 * targets of the units that still exist, with required copies pointing at the new titles and
 * every date a year later. Records and assignments are the old year's work and stay there.
 */
export async function copyCampaignToYear(
  tx: Tx,
  from: CampaignWithCatalogue,
  year: number,
  keepUnit: (unitId: string) => boolean,
): Promise<{ id: string; name: string; periodicals: number; targets: number }> {
  const name = from.name.includes(String(from.year))
    ? from.name.replaceAll(String(from.year), String(year))
    : `${year}年${from.name}`;
  const created = await tx.campaign.create({
    data: {
      year,
      name,
      deadline: aYearLater(from.deadline),
      perCapitaTarget: from.perCapitaTarget,
      publicFundCapFen: from.publicFundCapFen,
      laggingShare: from.laggingShare,
      laggingLeadDays: from.laggingLeadDays,
      status: 'draft',
    },
    select: { id: true, name: true },
  });
  const newId = new Map<string, string>();
  for (const p of from.periodicals) {
    const copy = await tx.periodical.create({
      data: {
        campaignId: created.id,
        title: p.title,
        postalCode: p.postalCode,
        publisher: p.publisher,
        category: p.category,
        yearlyPriceFen: p.yearlyPriceFen,
        recommended: p.recommended,
        required: p.required,
        publicFundEligible: p.publicFundEligible,
        sortOrder: p.sortOrder,
      },
      select: { id: true },
    });
    newId.set(p.id, copy.id);
  }
  const targets = from.targets.filter((t) => keepUnit(t.unitId));
  for (const t of targets) {
    const copies: Record<string, number> = {};
    for (const [periodicalId, n] of Object.entries(parseRequiredCopies(t.requiredCopies))) {
      const id = newId.get(periodicalId);
      if (id !== undefined) copies[id] = n;
    }
    await tx.campaignTarget.create({
      data: {
        campaignId: created.id,
        unitId: t.unitId,
        requiredCopies: JSON.stringify(copies),
        perCapitaTarget: t.perCapitaTarget,
        publicFundCapFen: t.publicFundCapFen,
        deadline: t.deadline === null ? null : aYearLater(t.deadline),
      },
    });
  }
  return { ...created, periodicals: from.periodicals.length, targets: targets.length };
}
