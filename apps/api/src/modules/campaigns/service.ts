/**
 * The subscription campaign (报刊征订发行, DESIGN §3.7): campaigns, their catalogue, per-unit
 * targets, recorded subscriptions under the anti-coercion caps, 分包 assignments, and the
 * progress metrics — every rule from the domain, loaded and saved here.
 */
import { randomUUID } from 'node:crypto';
import {
  DAY_MS,
  assignCampaignUnit,
  campaignActions,
  campaignMetrics,
  campaignRefusal,
  campaignUnitActions,
  campaignTimeline,
  canSeeUnit,
  recordSubscription,
  recordableUnits,
  subscriptionAmountFen,
  validateCampaignSettings,
  validateCampaignTargets,
  validateCatalogue,
  type CampaignAssignment,
  type Catalogue,
  type CatalogueEntry,
  type DomainError,
  type FundSource,
  type PublicationCategory,
  type Result,
  type Unit,
  type Visibility,
  visibilityOf,
} from '@jyxc/domain';
import { domainFailure, presentActions, unwrapAll } from '../../shared/domain-result.js';
import { ServiceError } from '../../shared/errors.js';
import { audit } from '../../shared/audit.js';
import type { ServiceContext } from '../../shared/context.js';
import { actorAsPerson } from '../../shared/actor.js';
import { loadScheme } from '../schemes/service.js';
import { loadPeople } from '../people/service.js';
import { inTransaction, isUniqueViolation, isWriteConflict } from '../../shared/db.js';
import { loadUnits, unitFilter } from '../organisation/service.js';
import {
  assignedUnitIds,
  catalogueEntry,
  domainRecord,
  findAssignments,
  findCampaign,
  findCampaigns,
  findPeriodicals,
  findRecordByKey,
  findRecordRow,
  findRecords,
  findTargetRows,
  insertCampaign,
  insertPeriodical,
  insertRecord,
  loadCampaign,
  lockCampaign,
  parseRequiredCopies,
  replaceAssignments,
  updateCampaignRow,
  updatePeriodicalRow,
  upsertTarget,
  type CampaignRow,
  type PeriodicalRow,
  type RecordRow,
} from './repository.js';

export {
  campaignCountOfYear,
  copyCampaignToYear,
  findLatestCampaignOfYear,
  loadCampaignState,
} from './repository.js';

/**
 * What the acting person may see of one subscription campaign: their own view widened by
 * the townships assigned to them in it (DESIGN §3.7, 分包), which covers that campaign only.
 */
export async function campaignVisibilityFor(
  ctx: ServiceContext,
  campaignId: string,
  units?: readonly Unit[],
): Promise<Visibility> {
  const all = units ?? (await loadUnits(ctx.db));
  return visibilityOf(
    { unitId: ctx.actor.unit.id, roles: ctx.actor.roles, active: true },
    all,
    await assignedUnitIds(ctx.db, campaignId, ctx.actor.personId),
  );
}

/**
 * Refuses, before anything is read or written, a change the actor may not make (rules
 * §8.1–§8.4): the same guard decides which actions the campaign offers.
 */
function requireCampaignRight(ctx: ServiceContext, action: 'edit' | 'assign'): void {
  const refused = campaignRefusal(action, actorAsPerson(ctx.actor));
  if (refused !== null) throw domainFailure(refused);
}

function campaignView(row: CampaignRow) {
  return {
    id: row.id,
    year: row.year,
    name: row.name,
    status: row.status,
    deadline: row.deadline.toISOString(),
    perCapitaTarget: row.perCapitaTarget,
    publicFundCapFen: row.publicFundCapFen,
    laggingShare: row.laggingShare,
    laggingLeadDays: row.laggingLeadDays,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function periodicalView(p: PeriodicalRow) {
  return { ...catalogueEntry(p), campaignId: p.campaignId, sortOrder: p.sortOrder };
}

// ---------------------------------------------------------------------------
// Campaigns
// ---------------------------------------------------------------------------

export async function listCampaigns(
  ctx: ServiceContext,
  query: { year?: number | undefined; page: number; pageSize: number },
) {
  const { total, rows } = await findCampaigns(ctx.db, query.year, {
    skip: (query.page - 1) * query.pageSize,
    take: query.pageSize,
  });
  return { items: rows.map(campaignView), total, page: query.page, pageSize: query.pageSize };
}

export interface CampaignInput {
  readonly year: number;
  readonly name: string;
  readonly deadline: Date;
  readonly perCapitaTarget?: number | undefined;
  readonly publicFundCapFen: number;
  /** A unit below this share of its target is lagging (default 0.5)… */
  readonly laggingShare?: number | undefined;
  /** …from this many days before the deadline (default 14). */
  readonly laggingLeadDays?: number | undefined;
  readonly status?: 'draft' | 'active' | 'closed' | undefined;
}

/** The settings checked by the domain, with its defaults for the numbers left out. */
function validSettings(input: Omit<CampaignInput, 'name' | 'status'>) {
  const settings = unwrapAll(
    validateCampaignSettings({
      year: input.year,
      deadline: input.deadline.getTime(),
      publicFundCapFen: input.publicFundCapFen,
      ...(input.perCapitaTarget !== undefined ? { perCapitaTarget: input.perCapitaTarget } : {}),
      ...(input.laggingShare !== undefined ? { laggingShare: input.laggingShare } : {}),
      ...(input.laggingLeadDays !== undefined
        ? { laggingLeadMs: input.laggingLeadDays * DAY_MS }
        : {}),
    }),
  );
  return { ...settings, laggingLeadDays: Math.round(settings.laggingLeadMs / DAY_MS) };
}

export async function createCampaign(ctx: ServiceContext, input: CampaignInput) {
  requireCampaignRight(ctx, 'edit');
  // DESIGN §3.4: what the bureau leaves out comes from the campaign defaults of the year's scheme.
  const defaults = (await loadScheme(ctx.db, input.year)).campaign;
  const settings = validSettings({
    ...input,
    perCapitaTarget: input.perCapitaTarget ?? defaults.perCapitaTarget,
    laggingShare: input.laggingShare ?? defaults.laggingShare,
    laggingLeadDays: input.laggingLeadDays ?? defaults.laggingLeadDays,
  });
  const row = await inTransaction(ctx, async (tx) => {
    const created = await insertCampaign(tx, {
      year: settings.year,
      name: input.name,
      deadline: new Date(settings.deadline),
      perCapitaTarget: settings.perCapitaTarget,
      publicFundCapFen: settings.publicFundCapFen,
      laggingShare: settings.laggingShare,
      laggingLeadDays: settings.laggingLeadDays,
      status: input.status ?? 'draft',
      createdAt: ctx.now,
    });
    await audit(tx, ctx, {
      action: 'campaign.create',
      entity: 'Campaign',
      entityId: created.id,
      unitId: null,
      after: created,
    });
    return created;
  });
  return campaignView(row);
}

export type CampaignPatch = { readonly [K in keyof CampaignInput]?: CampaignInput[K] | undefined };

export async function updateCampaign(ctx: ServiceContext, id: string, patch: CampaignPatch) {
  requireCampaignRight(ctx, 'edit');
  const before = await findCampaign(ctx.db, id);
  const settings = validSettings({
    year: patch.year ?? before.year,
    deadline: patch.deadline ?? before.deadline,
    perCapitaTarget: patch.perCapitaTarget ?? before.perCapitaTarget,
    publicFundCapFen: patch.publicFundCapFen ?? before.publicFundCapFen,
    laggingShare: patch.laggingShare ?? before.laggingShare,
    laggingLeadDays: patch.laggingLeadDays ?? before.laggingLeadDays,
  });
  const row = await inTransaction(ctx, async (tx) => {
    const after = await updateCampaignRow(tx, id, {
      year: settings.year,
      name: patch.name ?? before.name,
      deadline: new Date(settings.deadline),
      perCapitaTarget: settings.perCapitaTarget,
      publicFundCapFen: settings.publicFundCapFen,
      laggingShare: settings.laggingShare,
      laggingLeadDays: settings.laggingLeadDays,
      status: patch.status ?? before.status,
    });
    await audit(tx, ctx, {
      action: 'campaign.update',
      entity: 'Campaign',
      entityId: id,
      unitId: null,
      before,
      after,
    });
    return after;
  });
  return campaignView(row);
}

/**
 * A campaign with its metrics at the request's time (DESIGN §3.7): totals, per-capita copies,
 * completion, ranking, lagging units, the spread between townships and the progress curve.
 * People outside the bureau see the county's totals and spread but only their own units'
 * rows (and, for 分包 staff, their assigned townships).
 */
export async function getCampaign(ctx: ServiceContext, id: string, bucket: 'day' | 'week') {
  const { campaign, periodicals, state } = await loadCampaign(ctx.db, id);
  const visibility = await campaignVisibilityFor(ctx, id, state.units);
  const now = ctx.now.getTime();
  const metrics = campaignMetrics(state, now);
  const visibleUnits = metrics.units.filter((u) => canSeeUnit(visibility, u.unitId));
  const firstRecord = state.records[0]?.recordedAt;
  const from = Math.min(campaign.createdAt.getTime(), firstRecord ?? Number.POSITIVE_INFINITY, now);
  const timeline = campaignTimeline(state, {
    from,
    to: now + 1,
    bucket,
    // A school is no campaign unit of its own (its records count for its township), so the
    // curve is made of the member units the caller may see, not of the visible rows.
    ...(visibility.scope === 'all'
      ? {}
      : {
          unitIds: metrics.units
            .flatMap((u) => u.memberUnitIds)
            .filter((unitId) => canSeeUnit(visibility, unitId)),
        }),
  });
  const actor = actorAsPerson(ctx.actor);
  return {
    ...campaignView(campaign),
    periodicals: periodicals.map(periodicalView),
    /** What the actor may do with this campaign now, and why not the rest (DESIGN §6). */
    actions: presentActions(campaignActions(state, actor)),
    /** The units a record form offers this actor (rules §8.4). */
    recordUnits: recordableUnits(state, actor).map((u) => ({ id: u.id, name: u.name })),
    metrics: {
      asOf: new Date(metrics.asOf).toISOString(),
      totals: metrics.totals,
      units: visibleUnits.map((u) => ({
        ...u,
        actions: presentActions(campaignUnitActions(state, u.unitId, actor)),
      })),
      lagging: metrics.lagging.filter((unitId) => canSeeUnit(visibility, unitId)),
      // The spread is a county figure; which townships are at its ends is shown only to
      // those who may see them.
      townshipSpread:
        metrics.townshipSpread === null
          ? null
          : {
              ...metrics.townshipSpread,
              minUnitId: canSeeUnit(visibility, metrics.townshipSpread.minUnitId)
                ? metrics.townshipSpread.minUnitId
                : null,
              maxUnitId: canSeeUnit(visibility, metrics.townshipSpread.maxUnitId)
                ? metrics.townshipSpread.maxUnitId
                : null,
            },
      timeline: timeline.map((p) => ({
        ...p,
        start: new Date(p.start).toISOString(),
        end: new Date(p.end).toISOString(),
      })),
    },
  };
}

// ---------------------------------------------------------------------------
// Catalogue
// ---------------------------------------------------------------------------

export async function listPeriodicals(ctx: ServiceContext, campaignId: string) {
  await findCampaign(ctx.db, campaignId);
  const rows = await findPeriodicals(ctx.db, campaignId);
  return { items: rows.map(periodicalView), total: rows.length };
}

export interface PeriodicalInput {
  readonly title: string;
  readonly postalCode: string;
  readonly publisher: string;
  readonly category: PublicationCategory;
  readonly yearlyPriceFen: number;
  readonly recommended?: boolean | undefined;
  readonly required?: boolean | undefined;
  readonly publicFundEligible?: boolean | undefined;
  readonly sortOrder?: number | undefined;
}

/**
 * Checks one entry against the whole catalogue with the domain's validation (so duplicates
 * of postal codes are caught), reporting only the problems of that entry, with paths
 * relative to it (`postalCode` rather than `entries[3].postalCode`).
 */
function validateEntry(
  year: number,
  others: readonly PeriodicalRow[],
  entry: CatalogueEntry,
): void {
  const index = others.length;
  const raw = [...others.map(catalogueEntry), entry];
  const result: Result<Catalogue, readonly DomainError[]> = validateCatalogue({
    year,
    entries: raw,
  });
  if (result.ok) return;
  const prefix = `entries[${index}]`;
  const own = result.error
    .filter((e) => e.path === prefix || e.path?.startsWith(`${prefix}.`) === true)
    .map((e) => ({ ...e, path: (e.path ?? '').slice(prefix.length + 1) }));
  if (own.length > 0) unwrapAll<never>({ ok: false, error: own });
}

function periodicalConflict(error: unknown): never {
  if (isUniqueViolation(error)) {
    throw new ServiceError('conflict', 'CAMPAIGN.DUPLICATE_TITLE', '目录中已有同名报刊', {
      path: 'title',
    });
  }
  throw error;
}

export async function addPeriodical(
  ctx: ServiceContext,
  campaignId: string,
  input: PeriodicalInput,
) {
  requireCampaignRight(ctx, 'edit');
  const campaign = await findCampaign(ctx.db, campaignId);
  const existing = await findPeriodicals(ctx.db, campaignId);
  const entry: CatalogueEntry = {
    id: 'new',
    title: input.title,
    postalCode: input.postalCode,
    publisher: input.publisher,
    category: input.category,
    yearlyPriceFen: input.yearlyPriceFen,
    recommended: input.recommended ?? false,
    required: input.required ?? false,
    publicFundEligible: input.publicFundEligible ?? false,
  };
  validateEntry(campaign.year, existing, entry);
  try {
    const row = await inTransaction(ctx, async (tx) => {
      const created = await insertPeriodical(tx, {
        campaignId,
        title: entry.title.trim(),
        postalCode: entry.postalCode.trim(),
        publisher: entry.publisher.trim(),
        category: entry.category,
        yearlyPriceFen: entry.yearlyPriceFen,
        recommended: entry.recommended,
        required: entry.required,
        publicFundEligible: entry.publicFundEligible,
        sortOrder: input.sortOrder ?? existing.length + 1,
      });
      await audit(tx, ctx, {
        action: 'periodical.create',
        entity: 'Periodical',
        entityId: created.id,
        unitId: null,
        after: created,
      });
      return created;
    });
    return periodicalView(row);
  } catch (error) {
    return periodicalConflict(error);
  }
}

export async function updatePeriodical(
  ctx: ServiceContext,
  campaignId: string,
  periodicalId: string,
  patch: { readonly [K in keyof PeriodicalInput]?: PeriodicalInput[K] | undefined },
) {
  requireCampaignRight(ctx, 'edit');
  const campaign = await findCampaign(ctx.db, campaignId);
  const all = await findPeriodicals(ctx.db, campaignId);
  const before = all.find((p) => p.id === periodicalId);
  if (!before)
    throw new ServiceError('not_found', 'CAMPAIGN.PERIODICAL_NOT_FOUND', '目录中没有这个报刊');
  const current = catalogueEntry(before);
  const merged: CatalogueEntry = {
    id: current.id,
    title: patch.title ?? current.title,
    postalCode: patch.postalCode ?? current.postalCode,
    publisher: patch.publisher ?? current.publisher,
    category: patch.category ?? current.category,
    yearlyPriceFen: patch.yearlyPriceFen ?? current.yearlyPriceFen,
    recommended: patch.recommended ?? current.recommended,
    required: patch.required ?? current.required,
    publicFundEligible: patch.publicFundEligible ?? current.publicFundEligible,
  };
  validateEntry(
    campaign.year,
    all.filter((p) => p.id !== periodicalId),
    merged,
  );
  try {
    const row = await inTransaction(ctx, async (tx) => {
      const after = await updatePeriodicalRow(tx, periodicalId, {
        title: merged.title.trim(),
        postalCode: merged.postalCode.trim(),
        publisher: merged.publisher.trim(),
        category: merged.category,
        yearlyPriceFen: merged.yearlyPriceFen,
        recommended: merged.recommended,
        required: merged.required,
        publicFundEligible: merged.publicFundEligible,
        ...(patch.sortOrder !== undefined ? { sortOrder: patch.sortOrder } : {}),
      });
      await audit(tx, ctx, {
        action: 'periodical.update',
        entity: 'Periodical',
        entityId: periodicalId,
        unitId: null,
        before,
        after,
      });
      return after;
    });
    return periodicalView(row);
  } catch (error) {
    return periodicalConflict(error);
  }
}

// ---------------------------------------------------------------------------
// Targets
// ---------------------------------------------------------------------------

/** The campaign units (township centers and direct units) the actor sees, each with its target. */
export async function listTargets(ctx: ServiceContext, campaignId: string) {
  const { state } = await loadCampaign(ctx.db, campaignId);
  const visibility = await campaignVisibilityFor(ctx, campaignId, state.units);
  const rows = await findTargetRows(ctx.db, campaignId);
  // What each unit is actually held to, defaults included, as the domain computes it.
  const effective = new Map(
    campaignMetrics(state, ctx.now.getTime()).units.map((u) => [u.unitId, u]),
  );
  const items = state.units
    .filter(
      (u) =>
        (u.kind === 'township_center' || u.kind === 'direct_unit') && canSeeUnit(visibility, u.id),
    )
    .map((u) => {
      const row = rows.find((r) => r.unitId === u.id);
      const progress = effective.get(u.id);
      return {
        unit: { id: u.id, name: u.name, kind: u.kind, staffCount: u.staffCount },
        /** Copies per required title set for this unit; titles left out get the default. */
        requiredCopies: row ? parseRequiredCopies(row.requiredCopies) : {},
        /** null = the campaign's value. */
        perCapitaTarget: row?.perCapitaTarget ?? null,
        publicFundCapFen: row?.publicFundCapFen ?? null,
        deadline: row?.deadline?.toISOString() ?? null,
        effective: {
          required: progress?.required.map((r) => ({ titleId: r.titleId, target: r.target })) ?? [],
          perCapitaTargetCopies: progress?.perCapitaTargetCopies ?? null,
        },
      };
    });
  return { items, total: items.length };
}

export interface TargetInput {
  readonly unitId: string;
  /** Copies per required title (periodical id → copies). */
  readonly requiredCopies: Readonly<Record<string, number>>;
  readonly perCapitaTarget: number | null;
  readonly publicFundCapFen: number | null;
  readonly deadline: Date | null;
}

/** Sets the targets of the units listed (others keep theirs); admins only. */
export async function setTargets(
  ctx: ServiceContext,
  campaignId: string,
  targets: readonly TargetInput[],
) {
  requireCampaignRight(ctx, 'edit');
  const { state } = await loadCampaign(ctx.db, campaignId);
  const rows = targets.map((t) => ({
    unitId: t.unitId,
    requiredCopies: JSON.stringify(t.requiredCopies),
    perCapitaTarget: t.perCapitaTarget,
    publicFundCapFen: t.publicFundCapFen,
    deadline: t.deadline,
  }));
  unwrapAll(
    validateCampaignTargets(
      targets.map((t) => ({
        unitId: t.unitId,
        requiredCopies: t.requiredCopies,
        ...(t.perCapitaTarget !== null ? { perCapitaTarget: t.perCapitaTarget } : {}),
        ...(t.publicFundCapFen !== null ? { publicFundCapFen: t.publicFundCapFen } : {}),
        ...(t.deadline !== null ? { deadline: t.deadline.getTime() } : {}),
      })),
      { units: state.units, catalogue: state.catalogue },
    ),
  );
  await inTransaction(ctx, async (tx) => {
    for (const row of rows) {
      const { before, after } = await upsertTarget(tx, campaignId, row);
      await audit(tx, ctx, {
        action: 'campaign.setTarget',
        entity: 'CampaignTarget',
        entityId: after.id,
        unitId: row.unitId,
        before,
        after,
      });
    }
  });
  return listTargets(ctx, campaignId);
}

// ---------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------

export interface RecordInput {
  readonly unitId: string;
  readonly periodicalId: string;
  readonly copies: number;
  readonly fundSource: FundSource;
  readonly mandatory?: boolean | undefined;
  /** A retried request with the same key records once and answers with the first record. */
  readonly idempotencyKey?: string | undefined;
}

function recordView(r: RecordRow) {
  return {
    id: r.id,
    campaignId: r.campaignId,
    unit: r.unit,
    periodical: {
      id: r.periodical.id,
      title: r.periodical.title,
      category: r.periodical.category,
      yearlyPriceFen: r.periodical.yearlyPriceFen,
    },
    copies: r.copies,
    fundSource: r.fundSource,
    amountFen: subscriptionAmountFen(domainRecord(r), {
      year: 0,
      entries: [catalogueEntry(r.periodical)],
    }),
    recordedBy: r.recordedBy,
    recordedAt: r.recordedAt.toISOString(),
    idempotencyKey: r.idempotencyKey,
  };
}

async function replay(ctx: ServiceContext, campaignId: string, input: RecordInput) {
  if (input.idempotencyKey === undefined) return null;
  const earlier = await findRecordByKey(ctx.db, input.idempotencyKey);
  if (!earlier) return null;
  const same =
    earlier.campaignId === campaignId &&
    earlier.unitId === input.unitId &&
    earlier.periodicalId === input.periodicalId &&
    earlier.copies === input.copies &&
    earlier.fundSource === input.fundSource &&
    earlier.mandatory === (input.mandatory ?? false) &&
    earlier.recordedById === ctx.actor.personId;
  if (!same) {
    throw new ServiceError(
      'conflict',
      'CAMPAIGN.IDEMPOTENCY_CONFLICT',
      '该幂等键已用于另一条不同的征订记录',
      {
        path: 'idempotencyKey',
      },
    );
  }
  return recordView(earlier);
}

/**
 * Records a subscription (DESIGN §3.7). The domain decides who may record for the unit and
 * refuses what breaks a cap; the state it judges is read inside the writing transaction, after
 * the campaign's row is taken for writing, so that two records cannot both slip under the
 * public-fund cap: a concurrent record waits for the first to commit and then sees it (a row
 * lock in PostgreSQL; SQLite writes one transaction at a time).
 */
export async function addRecord(
  ctx: ServiceContext,
  campaignId: string,
  input: RecordInput,
): Promise<{ record: ReturnType<typeof recordView>; replayed: boolean }> {
  const earlier = await replay(ctx, campaignId, input);
  if (earlier) return { record: earlier, replayed: true };
  const actor = actorAsPerson(ctx.actor);
  let id: string;
  try {
    id = await inTransaction(
      ctx,
      async (tx) => {
        await lockCampaign(tx, campaignId, ctx.now);
        const { state } = await loadCampaign(tx, campaignId);
        const { record } = unwrapAll(
          recordSubscription(
            state,
            {
              id: randomUUID(),
              unitId: input.unitId,
              titleId: input.periodicalId,
              copies: input.copies,
              fundSource: input.fundSource,
              mandatory: input.mandatory ?? false,
            },
            actor,
            ctx.now.getTime(),
          ),
        );
        const created = await insertRecord(tx, {
          id: record.id,
          campaignId,
          unitId: record.unitId,
          periodicalId: record.titleId,
          copies: record.copies,
          fundSource: record.fundSource,
          mandatory: record.mandatory,
          recordedById: ctx.actor.personId,
          recordedAt: ctx.now,
          idempotencyKey: input.idempotencyKey ?? null,
        });
        await audit(tx, ctx, {
          action: 'campaign.record',
          entity: 'SubscriptionRecord',
          entityId: created.id,
          unitId: created.unitId,
          after: created,
        });
        return created.id;
      },
      // Waiting behind the campaign's row lock can outlast the default 5 s under load.
      { timeout: 20_000, maxWait: 20_000 },
    );
  } catch (error) {
    if (isUniqueViolation(error)) {
      const raced = await replay(ctx, campaignId, input);
      if (raced) return { record: raced, replayed: true };
    }
    if (isWriteConflict(error)) {
      throw new ServiceError('conflict', 'CAMPAIGN.CONFLICT', '同时有其他征订记录写入，请重试');
    }
    throw error;
  }
  return { record: recordView(await findRecordRow(ctx.db, id)), replayed: false };
}

export interface RecordQuery {
  readonly unitId?: string | undefined;
  readonly periodicalId?: string | undefined;
  readonly page: number;
  readonly pageSize: number;
}

/** Records the actor may see in this campaign (their units, or their 分包 townships), newest first. */
export async function listRecords(ctx: ServiceContext, campaignId: string, query: RecordQuery) {
  await findCampaign(ctx.db, campaignId);
  const visibility = await campaignVisibilityFor(ctx, campaignId);
  if (query.unitId !== undefined && !canSeeUnit(visibility, query.unitId)) {
    throw new ServiceError('forbidden', 'FORBIDDEN.UNIT', '您没有权限查看其他单位的数据');
  }
  const { total, rows } = await findRecords(
    ctx.db,
    campaignId,
    { scope: unitFilter(visibility), unitId: query.unitId, periodicalId: query.periodicalId },
    { skip: (query.page - 1) * query.pageSize, take: query.pageSize },
  );
  return { items: rows.map(recordView), total, page: query.page, pageSize: query.pageSize };
}

// ---------------------------------------------------------------------------
// Assignments (分包)
// ---------------------------------------------------------------------------

export async function listAssignments(ctx: ServiceContext, campaignId: string) {
  requireCampaignRight(ctx, 'assign');
  await findCampaign(ctx.db, campaignId);
  const items = await findAssignments(ctx.db, campaignId);
  return { items, total: items.length };
}

/** Replaces the campaign's assignments; each is checked by the domain (admins; one person per unit). */
export async function setAssignments(
  ctx: ServiceContext,
  campaignId: string,
  wanted: readonly CampaignAssignment[],
) {
  requireCampaignRight(ctx, 'assign');
  await findCampaign(ctx.db, campaignId);
  const [units, people] = await Promise.all([loadUnits(ctx.db), loadPeople(ctx.db)]);
  const actor = actorAsPerson(ctx.actor);
  let next: readonly CampaignAssignment[] = [];
  for (const assignment of wanted) {
    next = unwrapAll(assignCampaignUnit(next, assignment, { units, people }, actor));
  }
  await inTransaction(ctx, async (tx) => {
    const before = await replaceAssignments(tx, campaignId, next);
    await audit(tx, ctx, {
      action: 'campaign.assign',
      entity: 'Campaign',
      entityId: campaignId,
      unitId: null,
      before,
      after: next,
    });
  });
  return listAssignments(ctx, campaignId);
}
