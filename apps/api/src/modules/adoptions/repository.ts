/**
 * Adoptions, adjustments and penalties (DESIGN §3.3–3.4): the rows of the scores the bureau
 * records, and their mapping to the domain's shapes and the console's views.
 */
import { adjustmentRow, adoptionRows, type Db, type Prisma } from '@jyxc/db';
import {
  isInstructionLevel,
  type Adjustment,
  type Adoption,
  type AdoptionLevel,
  type TimeRange,
} from '@jyxc/domain';
import type { Tx } from '../../shared/context.js';
import type { Reader, UnitScope } from '../../shared/db.js';
import { iso } from '../../shared/times.js';

export const adoptionInclude = {
  credits: { orderBy: { submissionId: 'asc' } },
} satisfies Prisma.AdoptionInclude;

export type AdoptionRow = Prisma.AdoptionGetPayload<{ include: typeof adoptionInclude }>;

/** Whether a proof is a link (online) rather than a printed page. */
export function isLink(text: string): boolean {
  return /^https?:\/\//i.test(text.trim());
}

/** The columns of an adoption the domain reads, with the items it credits. */
export type AdoptionFields = Pick<
  AdoptionRow,
  | 'id'
  | 'level'
  | 'headline'
  | 'outletName'
  | 'pageOrLink'
  | 'screenshotId'
  | 'publishedAt'
  | 'instructionLevel'
  | 'instructionAt'
  | 'instructionLeader'
  | 'instructionNote'
  | 'recordedById'
  | 'createdAt'
> & { readonly credits: readonly { readonly submissionId: string }[] };

/** An adoption row in the domain's shape (DESIGN §3.2: one proof, page or link). */
export function adoptionOf(row: AdoptionFields): Adoption {
  const proof = row.pageOrLink;
  const level = row.instructionLevel;
  return {
    id: row.id,
    submissionIds: row.credits.map((c) => c.submissionId),
    level: row.level,
    headline: row.headline,
    outlet: row.outletName,
    page: proof !== null && !isLink(proof) ? proof : null,
    link: proof !== null && isLink(proof) ? proof : null,
    screenshot: row.screenshotId,
    publishedAt: row.publishedAt.getTime(),
    // DESIGN §3.4: the instruction scores in the period it was given; rows without its own
    // date fall back to the publication's.
    instruction:
      level !== null && isInstructionLevel(level)
        ? {
            level,
            at: (row.instructionAt ?? row.publishedAt).getTime(),
            leader: row.instructionLeader,
            note: row.instructionNote,
          }
        : null,
    recordedBy: row.recordedById,
    recordedAt: row.createdAt.getTime(),
  };
}

/** The adoptions in force (not countered) that credit any of the submissions. */
export async function loadAdoptionsCrediting(
  db: Reader,
  submissionIds: readonly string[],
): Promise<Adoption[]> {
  // From the items' credits to their adoptions: asked the other way round (adoptions with
  // some credit of these items) the database reads every adoption of the county.
  const credited = await db.adoptionCredit.findMany({
    where: { submissionId: { in: [...submissionIds] } },
    select: { adoptionId: true },
  });
  // Most items were never adopted: for them nothing more is asked.
  if (credited.length === 0) return [];
  const rows = await db.adoption.findMany({
    where: { id: { in: [...new Set(credited.map((c) => c.adoptionId))] }, counteredAt: null },
    orderBy: [{ publishedAt: 'asc' }, { id: 'asc' }],
  });
  if (rows.length === 0) return [];
  const credits = await db.adoptionCredit.findMany({
    where: { adoptionId: { in: rows.map((row) => row.id) } },
    select: { adoptionId: true, submissionId: true },
    orderBy: adoptionInclude.credits.orderBy,
  });
  return rows.map((row) =>
    adoptionOf({ ...row, credits: credits.filter((credit) => credit.adoptionId === row.id) }),
  );
}

/** A span of time as a Prisma filter on a date column: from `start`, before `end`. */
export function within(range: TimeRange) {
  return { gte: new Date(range.start), lt: new Date(range.end) };
}

// ---------------------------------------------------------------------------
// Adoptions as the console lists them
// ---------------------------------------------------------------------------

/** An adoption with what its view shows: credited items with their units, and who acted. */
const adoptionViewInclude = {
  credits: {
    orderBy: { submissionId: 'asc' },
    include: {
      submission: { select: { title: true, unitId: true, unit: { select: { name: true } } } },
    },
  },
  recordedBy: { select: { id: true, name: true } },
  counteredBy: { select: { id: true, name: true } },
  outlet: { select: { id: true, kind: true } },
} satisfies Prisma.AdoptionInclude;

type AdoptionViewRow = Prisma.AdoptionGetPayload<{ include: typeof adoptionViewInclude }>;

function adoptionView(row: AdoptionViewRow) {
  return {
    id: row.id,
    level: row.level,
    headline: row.headline,
    // The name as recorded: a later rename in the registry does not rewrite the ledger.
    outlet: row.outletName,
    /** The registry's outlet and its kind; null for an outlet recorded as free text. */
    outletId: row.outlet?.id ?? null,
    outletKind: row.outlet?.kind ?? null,
    pageOrLink: row.pageOrLink,
    publishedAt: iso(row.publishedAt),
    instruction:
      row.instructionLevel === null
        ? null
        : {
            level: row.instructionLevel,
            at: iso(row.instructionAt ?? row.publishedAt),
            leader: row.instructionLeader,
            note: row.instructionNote,
          },
    screenshotId: row.screenshotId,
    recordedBy: row.recordedBy,
    recordedAt: iso(row.createdAt),
    countered:
      row.counteredAt === null
        ? null
        : {
            at: iso(row.counteredAt),
            by: row.counteredBy,
            reason: row.counterReason,
          },
    credits: row.credits.map((c) => ({
      submissionId: c.submissionId,
      title: c.submission.title,
      unitId: c.submission.unitId,
      unitName: c.submission.unit.name,
    })),
  };
}

export type AdoptionView = ReturnType<typeof adoptionView>;

/** One adoption as the console shows it; it must exist. */
export async function adoptionViewOf(db: Reader, id: string): Promise<AdoptionView> {
  return adoptionView(
    await db.adoption.findUniqueOrThrow({ where: { id }, include: adoptionViewInclude }),
  );
}

export interface AdoptionListFilter {
  readonly scope: UnitScope;
  readonly submissionId?: string | undefined;
  readonly unitId?: string | undefined;
  readonly level?: AdoptionLevel | undefined;
  readonly published?: TimeRange | undefined;
  readonly countered?: boolean | undefined;
}

/** A page of adoptions crediting items in scope, latest publication first. */
export async function findAdoptions(
  db: Db,
  filter: AdoptionListFilter,
  page: { readonly skip: number; readonly take: number },
): Promise<{ total: number; items: AdoptionView[] }> {
  const credit: Prisma.SubmissionWhereInput = {
    ...filter.scope,
    ...(filter.unitId === undefined ? {} : { unitId: filter.unitId }),
    ...(filter.submissionId === undefined ? {} : { id: filter.submissionId }),
  };
  const where: Prisma.AdoptionWhereInput = {
    credits: { some: { submission: credit } },
    ...(filter.level === undefined ? {} : { level: filter.level }),
    ...(filter.published === undefined ? {} : { publishedAt: within(filter.published) }),
    ...(filter.countered === undefined
      ? {}
      : { counteredAt: filter.countered ? { not: null } : null }),
  };
  const [total, rows] = await Promise.all([
    db.adoption.count({ where }),
    db.adoption.findMany({
      where,
      include: adoptionViewInclude,
      orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
      skip: page.skip,
      take: page.take,
    }),
  ]);
  return { total, items: rows.map(adoptionView) };
}

// ---------------------------------------------------------------------------
// Recording and countering adoptions
// ---------------------------------------------------------------------------

/**
 * Touches the credited items' rows first, so that a concurrent recording for the same items
 * waits here (a row lock in PostgreSQL; SQLite writes one transaction at a time) and its
 * same-level check always sees the other's committed row.
 */
export async function lockCreditedItems(
  tx: Tx,
  submissionIds: readonly string[],
  now: Date,
): Promise<void> {
  await tx.submission.updateMany({
    where: { id: { in: [...submissionIds] } },
    data: { updatedAt: now },
  });
}

/** An adoption in force of `level` that already credits one of the items, or null. */
export function findSameLevelCredit(
  tx: Tx,
  submissionIds: readonly string[],
  level: AdoptionLevel,
) {
  return tx.adoptionCredit.findFirst({
    where: { submissionId: { in: [...submissionIds] }, adoption: { level, counteredAt: null } },
    include: {
      submission: { select: { title: true } },
      adoption: { select: { outletName: true } },
    },
  });
}

/** Whether a screenshot exists, belongs to no item, and which adoption uses it; null if unknown. */
export function findScreenshotUse(tx: Tx, id: string) {
  return tx.attachment.findUnique({
    where: { id },
    select: { submissionId: true, adoption: { select: { id: true } } },
  });
}

/** Writes an adoption; `outletId` names the registry's outlet it was recorded from, if any. */
export async function insertAdoption(
  tx: Tx,
  adoption: Adoption,
  outletId: string | null,
): Promise<void> {
  const rows = adoptionRows(adoption);
  await tx.adoption.create({
    data: {
      ...rows.adoption,
      outletId,
      credits: { create: rows.credits.map(({ submissionId }) => ({ submissionId })) },
    },
  });
}

/** An adoption in the domain's shape, or null. */
export async function findAdoption(db: Reader, id: string): Promise<Adoption | null> {
  const row = await db.adoption.findUnique({ where: { id }, include: adoptionInclude });
  return row === null ? null : adoptionOf(row);
}

/** Whether an adoption has been countered. */
export async function isCountered(db: Reader, id: string): Promise<boolean> {
  const row = await db.adoption.findUnique({ where: { id }, select: { counteredAt: true } });
  return row?.counteredAt != null;
}

/** Stores the leader instruction of an adoption that has none yet; whether this call did. */
export async function storeInstruction(
  tx: Tx,
  id: string,
  instruction: NonNullable<Adoption['instruction']>,
): Promise<boolean> {
  const written = await tx.adoption.updateMany({
    where: { id, instructionLevel: null, counteredAt: null },
    data: {
      instructionLevel: instruction.level,
      instructionAt: new Date(instruction.at),
      instructionLeader: instruction.leader,
      instructionNote: instruction.note,
    },
  });
  return written.count === 1;
}

/** Marks an adoption countered unless it already is; whether this call did. */
export async function markCountered(
  tx: Tx,
  id: string,
  counter: { readonly at: Date; readonly byId: string; readonly reason: string },
): Promise<boolean> {
  const written = await tx.adoption.updateMany({
    where: { id, counteredAt: null },
    data: { counteredAt: counter.at, counteredById: counter.byId, counterReason: counter.reason },
  });
  return written.count === 1;
}

// ---------------------------------------------------------------------------
// Screenshots
// ---------------------------------------------------------------------------

const screenshotSelect = { id: true, filename: true, mime: true, size: true } as const;

/** An uploaded screenshot with these bytes that no item or adoption uses yet, or null. */
export function findUnusedScreenshot(tx: Tx, sha256: string) {
  return tx.attachment.findFirst({
    where: { sha256, submissionId: null, adoption: null },
    select: screenshotSelect,
  });
}

export function insertScreenshot(
  tx: Tx,
  data: {
    readonly filename: string;
    readonly mime: string;
    readonly sha256: string;
    readonly bytes: Uint8Array<ArrayBuffer>;
    readonly createdById: string;
    readonly createdAt: Date;
  },
) {
  return tx.attachment.create({
    data: { ...data, size: data.bytes.byteLength },
    select: screenshotSelect,
  });
}

/** The screenshot of an adoption and the unit of its first credited item; null if no adoption. */
export function findAdoptionScreenshot(db: Db, adoptionId: string) {
  return db.adoption.findUnique({
    where: { id: adoptionId },
    include: {
      screenshot: true,
      credits: { select: { submission: { select: { unitId: true } } } },
    },
  });
}

// ---------------------------------------------------------------------------
// Adjustments 加分/扣分
// ---------------------------------------------------------------------------

type AdjustmentRow = Prisma.AdjustmentGetPayload<{
  include: {
    unit: { select: { name: true } };
    createdBy: { select: { id: true; name: true } };
    counteredBy: { select: { id: true } };
  };
}>;

const adjustmentInclude = {
  unit: { select: { name: true } },
  createdBy: { select: { id: true, name: true } },
  counteredBy: { select: { id: true } },
} satisfies Prisma.AdjustmentInclude;

export function adjustmentOf(row: {
  id: string;
  unitId: string;
  points: number;
  reason: string;
  eventAt: Date;
  createdById: string;
  createdAt: Date;
  countersId: string | null;
}): Adjustment {
  return {
    id: row.id,
    unitId: row.unitId,
    points: row.points,
    reason: row.reason,
    at: row.eventAt.getTime(),
    by: row.createdById,
    recordedAt: row.createdAt.getTime(),
    countersId: row.countersId,
  };
}

function adjustmentView(row: AdjustmentRow) {
  return {
    id: row.id,
    unit: { id: row.unitId, name: row.unit.name },
    points: row.points,
    reason: row.reason,
    eventAt: row.eventAt.toISOString(),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    countersId: row.countersId,
    counteredById: row.counteredBy?.id ?? null,
  };
}

export type AdjustmentView = ReturnType<typeof adjustmentView>;

/** Writes an adjustment (or the counter of one) and answers it as the console shows it. */
export async function insertAdjustment(tx: Tx, adjustment: Adjustment): Promise<AdjustmentView> {
  return adjustmentView(
    await tx.adjustment.create({ data: adjustmentRow(adjustment), include: adjustmentInclude }),
  );
}

/** An adjustment in the domain's shape, or null. */
export async function findAdjustment(db: Reader, id: string): Promise<Adjustment | null> {
  const row = await db.adjustment.findUnique({ where: { id } });
  return row === null ? null : adjustmentOf(row);
}

/** The counters recorded against an adjustment (at most one stands: a unique index). */
export async function findCountersOf(db: Reader, id: string): Promise<Adjustment[]> {
  return (await db.adjustment.findMany({ where: { countersId: id } })).map(adjustmentOf);
}

export interface AdjustmentListFilter {
  readonly scope: UnitScope;
  readonly unitId?: string | undefined;
  readonly event?: TimeRange | undefined;
}

/** A page of adjustments in scope, latest recorded first. */
export async function findAdjustments(
  db: Db,
  filter: AdjustmentListFilter,
  page: { readonly skip: number; readonly take: number },
): Promise<{ total: number; items: AdjustmentView[] }> {
  const where: Prisma.AdjustmentWhereInput = {
    ...filter.scope,
    ...(filter.unitId === undefined ? {} : { unitId: filter.unitId }),
    ...(filter.event === undefined ? {} : { eventAt: within(filter.event) }),
  };
  const [total, rows] = await Promise.all([
    db.adjustment.count({ where }),
    db.adjustment.findMany({
      where,
      include: adjustmentInclude,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: page.skip,
      take: page.take,
    }),
  ]);
  return { total, items: rows.map(adjustmentView) };
}

// ---------------------------------------------------------------------------
// Penalties 迟报/瞒报
// ---------------------------------------------------------------------------

/** Records an unreported major event (瞒报/漏报); the 迟报 penalty is derived, never stored. */
export function insertUnreportedPenalty(
  tx: Tx,
  data: {
    readonly unitId: string;
    readonly eventAt: Date;
    readonly note: string;
    readonly createdById: string;
    readonly createdAt: Date;
  },
) {
  return tx.penalty.create({ data: { ...data, kind: 'unreported_major' } });
}

/** One penalty row, or null. */
export function findPenaltyRow(db: Reader, id: string) {
  return db.penalty.findUnique({ where: { id } });
}

/** Voids a penalty unless it already is; whether this call did. */
export async function markVoided(
  tx: Tx,
  id: string,
  voiding: { readonly at: Date; readonly byId: string; readonly reason: string },
): Promise<boolean> {
  const written = await tx.penalty.updateMany({
    where: { id, voidedAt: null },
    data: { voidedAt: voiding.at, voidedById: voiding.byId, voidReason: voiding.reason },
  });
  return written.count === 1;
}

interface PenaltyScope {
  /** The visible units (and the one asked for), as plain `unitId` filters. */
  readonly scope: { readonly unitId?: string | { in: string[] } };
}

/** Recorded 瞒报/漏报 penalties in scope, with their unit's name. */
export function findRecordedPenalties(
  db: Db,
  filter: PenaltyScope & {
    readonly ids?: readonly string[] | undefined;
    readonly event: TimeRange | null;
  },
) {
  return db.penalty.findMany({
    where: {
      ...filter.scope,
      kind: 'unreported_major',
      ...(filter.ids === undefined ? {} : { id: { in: [...filter.ids] } }),
      ...(filter.event === null ? {} : { eventAt: within(filter.event) }),
    },
    include: { unit: { select: { name: true } } },
  });
}

/**
 * Major items in scope that reached the bureau (in `reached`, or ever when null): the facts
 * the domain derives 迟报 penalties from.
 */
export function findMajorItemsAtBureau(
  db: Db,
  filter: PenaltyScope & { readonly reached: TimeRange | null },
) {
  return db.submission.findMany({
    where: {
      ...filter.scope,
      category: 'major',
      submittedToBureauAt: filter.reached === null ? { not: null } : within(filter.reached),
    },
    select: {
      id: true,
      unitId: true,
      title: true,
      category: true,
      eventAt: true,
      submittedToBureauAt: true,
      unit: { select: { name: true } },
    },
  });
}
