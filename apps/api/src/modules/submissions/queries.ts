/** What the console and the bot read of submissions: the detail page, revisions, diffs and the list. */
import {
  allowedCommands,
  submissionActions,
  holdsRole,
  isBureauStaff,
  isLate,
  isUnitReviewStaff,
  itemScore,
  lateness,
  likelyDuplicates,
  parsePeriodKey,
  periodRange,
  revisionDiff,
  visibilityOf,
  type Category,
  type ContentField,
  type DuplicateWarning,
  type Scheme,
  type ItemScore,
  type Adoption,
  type ScoreLine,
  type Submission,
  type SubmissionState,
  type Unit,
  type Visibility,
} from '@jyxc/domain';
import { dataVersion } from '@jyxc/db';
import { JsonText } from '../../cache/json-text.js';
import { everyUnit, ReadCache, type DependsOn } from '../../cache/read-cache.js';
import { presentActions, unwrap } from '../../shared/domain-result.js';
import type { ServiceContext } from '../../shared/context.js';
import { actorAsPerson } from '../../shared/actor.js';
import { namesOf, peopleById } from '../people/service.js';
import {
  assertCanSee,
  findUnit,
  loadUnits,
  unitIndex,
  unitFilter,
  viewerScopeKey,
  visibilityFor,
} from '../organisation/service.js';
import {
  eventData,
  listTimings,
  loadSubmission,
  recordReviewOpening,
  neverSent,
  submissionDetailOf,
  type ListRow,
  type SubmissionDetailRow,
  type SubmissionListFilter,
  type UnitItemTitle,
} from './repository.js';
import {
  adoptionsCreditingDirect,
  loadSubmissionDetail,
  unitItemTitlesDirect,
} from './detail-direct.js';
import { readListedCount, readListIds, readListRows } from './list-direct.js';

import { schemeAt, schemeCache } from '../schemes/service.js';
import { iso, isoOrNull } from '../../shared/times.js';
import { AUDITED_TABLES, NEW_DRAFTS, UNSENT_DRAFTS } from '../../shared/audit.js';

import { submissionNotFound } from './service.js';

export const personRef = (names: ReadonlyMap<string, string>, id: string | null) =>
  id === null ? null : { id, name: names.get(id) ?? '' };

/** A submission the actor may see, or 404 / 403. */
export async function visibleSubmission(
  ctx: ServiceContext,
  id: string,
): Promise<{ submission: Submission; units: Unit[] }> {
  const submission = found(await loadSubmission(ctx.db, id));
  return { submission, units: await unitsSeeing(ctx, submission) };
}

/** {@link visibleSubmission} with everything its detail page shows. */
async function visibleDetail(ctx: ServiceContext, id: string) {
  const loaded = found(await loadSubmissionDetail(ctx.db, id));
  return { ...loaded, units: await unitsSeeing(ctx, loaded.submission) };
}

/** What was loaded of a submission, or 404 when there is none. */
function found<T>(loaded: T | null): T {
  if (loaded === null) throw submissionNotFound();
  return loaded;
}

/** The county's units, once the actor is known to see `item` (403 otherwise). */
async function unitsSeeing(ctx: ServiceContext, item: Submission): Promise<Unit[]> {
  const units = await loadUnits(ctx.db);
  assertCanSee(await visibilityFor(ctx, units), item.unitId);
  return units;
}

/**
 * People's names by id, from the county's kept people (see `peopleById`); anyone added since
 * they were read is read directly.
 */
async function personNames(
  ctx: ServiceContext,
  ids: Iterable<string>,
): Promise<Map<string, string>> {
  const people = await peopleById(ctx.db);
  const names = new Map<string, string>();
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    if (id === '') continue;
    const person = people.get(id);
    if (person === undefined) missing.push(id);
    else names.set(id, person.name);
  }
  if (missing.length > 0)
    for (const [id, name] of await namesOf(ctx.db, missing)) names.set(id, name);
  return names;
}

export function unitRef(units: readonly Unit[], id: string | null) {
  if (id === null) return null;
  const unit = units.find((u) => u.id === id);
  return { id, name: unit?.name ?? '', kind: unit?.kind ?? null };
}

/** The revision the actor may approve now, or null (what an opening is recorded for). */
function approvableRevision(ctx: ServiceContext, s: Submission): number | null {
  return allowedCommands(s, actorAsPerson(ctx.actor)).includes('approve') ? s.revision : null;
}

function recordOpening(
  ctx: ServiceContext,
  submissionId: string,
  revisionNumber: number,
  via: 'web' | 'telegram',
): Promise<void> {
  return recordReviewOpening(ctx.db, {
    submissionId,
    reviewerId: ctx.actor.personId,
    revisionNumber,
    openedAt: ctx.now,
    via,
  });
}

/** A detail page without its likely duplicates, as it is kept. */
type DetailPage = Awaited<ReturnType<typeof detailOf>>['detail'];

/** Everything the detail page shows of an item. */
export type SubmissionDetail = DetailPage & { readonly duplicates: readonly DuplicateWarning[] };

/** A detail as JSON, and the revision its reader may approve (null: none). */
interface KeptDetail {
  /** The detail without its likely duplicates, which follow the unit's other items. */
  readonly json: JsonText<DetailPage>;
  readonly approvable: number | null;
  readonly probe: DuplicateProbe;
}

/**
 * Detail pages as JSON, per reader and item, kept until a write changes what they show (the
 * mixed load of officers reads an item's detail about as often as a list page). Nothing on
 * the page moves with the clock: lateness, score and likely duplicates are decided by stored
 * dates and the scheme.
 */
const details = new ReadCache<KeptDetail>('submission details', {
  maxEntries: 5_000,
  maxBytes: 64 * 2 ** 20,
  sizeOf: (detail) => detail.json.size,
});

/**
 * What a detail depends on: the item with its history (a reader sees an item only in the
 * units they may see, so those units' rows cover it; an unsent draft's rows are announced as
 * `UNSENT_DRAFTS`), the adoptions crediting it (an adoption may credit items of several
 * units), and the names, units and schemes it shows. Its likely duplicates are not part of
 * it (see {@link duplicatesOf}).
 */
async function detailDepends(ctx: ServiceContext): Promise<DependsOn[]> {
  const scope = unitFilter(await actorVisibility(ctx)).unitId?.in ?? 'all';
  return [
    { tables: [...AUDITED_TABLES.Submission, UNSENT_DRAFTS], units: scope },
    everyUnit('Adoption', 'AdoptionCredit', 'Unit', 'Person', 'Scheme'),
  ];
}

/**
 * What the detail of an item that has left its writer depends on: the same without the unsent
 * drafts. Such an item is never an unsent draft again (`neverSent` holds from its creation to
 * its first send only), so a new draft of its unit leaves its detail kept.
 */
function sentItemDepends(depends: readonly DependsOn[]): DependsOn[] {
  return depends.map((d) => ({ ...d, tables: d.tables.filter((t) => t !== UNSENT_DRAFTS) }));
}

/**
 * The full item served to the person reading it, from the kept details when nothing it shows
 * changed. When that person may approve it now (a reviewer of its unit while it awaits their
 * review) and reads it through `via`, the server records the opening on every read: the
 * approval's time is measured from it (DESIGN §3.2). `web` is the console's or phone app's
 * detail page, a channel name is 查看全文 in that chat; null reads without opening (a
 * preview). The opening is a row of its own, which the detail does not show.
 */
export async function openSubmissionAnswer(
  ctx: ServiceContext,
  id: string,
  via: 'web' | 'telegram' | null,
): Promise<JsonText<SubmissionDetail>> {
  const me = actorAsPerson(ctx.actor);
  const key = JSON.stringify([me.id, me.unitId, [...me.roles].sort(), id]);
  const depends = await detailDepends(ctx);
  const kept = await details.read(ctx.db, key, ctx.now.getTime(), depends, async () => {
    const visible = await visibleDetail(ctx, id);
    const { detail, probe } = await detailOf(ctx, visible);
    return {
      value: {
        json: JsonText.of(detail),
        approvable: approvableRevision(ctx, visible.submission),
        probe,
      },
      ...(neverSent(visible.submission) ? {} : { depends: sentItemDepends(depends) }),
    };
  });
  if (via !== null && kept.approvable !== null) {
    await recordOpening(ctx, id, kept.approvable, via);
  }
  return JsonText.extended(kept.json, 'duplicates', await duplicatesOf(ctx, kept.probe));
}

/** Everything the console's detail page shows of one submission. */
export async function submissionDetail(ctx: ServiceContext, id: string): Promise<SubmissionDetail> {
  const { detail, probe } = await detailOf(ctx, await visibleDetail(ctx, id));
  return { ...detail, duplicates: await duplicatesOf(ctx, probe) };
}

/**
 * {@link submissionDetail} of an item just created, from the rows written for it
 * (`persistCreationDirect`): nothing is read back, and no adoption can credit an item that did
 * not exist. Its likely duplicates are found among `unitItems`, its unit's items read while it
 * was written, when given. The property test (create-direct.test.ts) holds the two equal.
 */
export async function createdSubmissionDetail(
  ctx: ServiceContext,
  written: SubmissionDetailRow,
  unitItems?: readonly UnitItemTitle[],
): Promise<SubmissionDetail> {
  const loaded = submissionDetailOf(written);
  const units = await unitsSeeing(ctx, loaded.submission);
  const { detail, probe } = await detailOf(ctx, { ...loaded, units }, { credited: false });
  const duplicates =
    unitItems === undefined
      ? await duplicatesOf(ctx, probe)
      : likelyDuplicates(probe.item, unitItems, probe.rule);
  return { ...detail, duplicates };
}

/** An item as its likely duplicates are looked for, with the scheme's rule for them. */
interface DuplicateProbe {
  readonly item: {
    readonly id: string;
    readonly unitId: string;
    readonly title: string;
    readonly createdAt: number;
  };
  readonly rule: Pick<Scheme, 'duplicates'>;
}

/**
 * Every item of a unit with its title, kept until the unit's items change (unsent drafts
 * included): the likely duplicates of each detail of the unit are found in it.
 */
const unitTitles = new ReadCache<
  readonly { id: string; unitId: string; title: string; createdAt: number }[]
>('unit item titles', {
  maxEntries: 5_000,
  maxBytes: 32 * 2 ** 20,
  sizeOf: (items) => items.reduce((sum, item) => sum + 2 * item.title.length + 120, 0),
});

/** The likely duplicates of an item among its unit's other items (DESIGN §3.2). */
async function duplicatesOf(
  ctx: ServiceContext,
  { item, rule }: DuplicateProbe,
): Promise<readonly DuplicateWarning[]> {
  const items = await unitTitles.read(
    ctx.db,
    item.unitId,
    ctx.now.getTime(),
    [{ tables: ['Submission', UNSENT_DRAFTS, NEW_DRAFTS], units: [item.unitId] }],
    async () => ({ value: await unitItemTitlesDirect(ctx.db, item.unitId) }),
  );
  return likelyDuplicates(item, items, rule);
}

async function detailOf(
  ctx: ServiceContext,
  {
    submission: s,
    units,
    events,
    signOffs: signOffRows,
    attachments: attachmentRows,
  }: Awaited<ReturnType<typeof visibleDetail>>,
  /** `credited: false`: an item no adoption credits (a new one), whose adoptions are not read. */
  { credited = true }: { readonly credited?: boolean } = {},
) {
  const id = s.id;
  const scheme = await schemeAt(ctx.db, s.submittedToBureauAt ?? s.createdAt);
  const adoptions = credited ? await adoptionsCreditingDirect(ctx.db, id) : [];
  const names = await personNames(ctx, [
    ...s.authorIds,
    ...events.map((e) => e.actorId ?? ''),
    ...signOffRows.map((r) => r.reviewerId),
    s.decision?.by ?? '',
    s.qualityMark?.by ?? '',
    ...s.returns.map((r) => r.by),
  ]);
  const attachmentOrder = new Map(s.attachments.map((a, i) => [a, i]));
  const late = lateness(s, scheme);
  const lastBureauReturn = s.returns.findLast((r) => r.stage === 'bureau_review') ?? null;
  // The latest arrival at bureau review, for as long as the item is there or decided: once it
  // goes back to the unit, the arrival is stale. The first arrival (submittedToBureauAt) never
  // changes, as it decides the period and timeliness (rules §3.1).
  const arrivals = events
    .filter(
      (e) =>
        e.kind === 'forwarded' ||
        (e.kind === 'submitted' && eventData(e.data)['to'] === 'bureau_review'),
    )
    .map((e) => e.at.getTime());
  const atBureau =
    s.state === 'bureau_review' || s.state === 'adopted' || s.state === 'not_adopted';
  const reachedBureauAt = !atBureau
    ? null
    : arrivals.length > 0
      ? iso(Math.max(...arrivals))
      : isoOrNull(s.submittedToBureauAt);
  const probe: DuplicateProbe = {
    item: { id: s.id, unitId: s.unitId, title: s.title, createdAt: s.createdAt },
    rule: { duplicates: scheme.duplicates },
  };
  const detail = {
    id: s.id,
    title: s.title,
    body: s.body,
    category: s.category,
    topics: s.topics,
    eventAt: isoOrNull(s.eventAt),
    attachments: attachmentRows
      .filter((a) => attachmentOrder.has(a.id))
      .sort((a, b) => (attachmentOrder.get(a.id) ?? 0) - (attachmentOrder.get(b.id) ?? 0))
      .map((a) => ({ ...a, createdAt: iso(a.createdAt) })),
    state: s.state,
    version: s.version,
    revision: s.revision,
    source: s.source,
    unit: unitRef(units, s.unitId),
    reviewUnit: unitRef(units, s.reviewUnitId),
    authors: s.authorIds.map((a) => personRef(names, a)),
    createdAt: isoOrNull(s.createdAt),
    updatedAt: isoOrNull(s.updatedAt),
    submittedAt: isoOrNull(s.submittedAt),
    submittedToBureauAt: isoOrNull(s.submittedToBureauAt),
    reachedBureauAt,
    withdrawnAt: isoOrNull(s.withdrawnAt),
    returnedReason: s.returnedReason,
    /**
     * The bureau's latest return, kept after the unit sends the item again: the unit's
     * reviewer signs the new version off knowing what the bureau asked for.
     */
    bureauReturn:
      lastBureauReturn === null
        ? null
        : {
            reason: lastBureauReturn.reason,
            at: iso(lastBureauReturn.at),
            by: personRef(names, lastBureauReturn.by),
          },
    decision:
      s.decision === null
        ? null
        : {
            by: personRef(names, s.decision.by),
            at: isoOrNull(s.decision.at),
            adopted: s.decision.adopted,
            comment: s.decision.comment,
          },
    qualityMark:
      s.qualityMark === null
        ? null
        : { by: personRef(names, s.qualityMark.by), at: isoOrNull(s.qualityMark.at) },
    timeline: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      at: iso(e.at),
      actor: personRef(names, e.actorId),
      via: e.actorKind,
      data: eventData(e.data),
    })),
    // DESIGN §3.2: a sign-off is bound to one revision; a later edit voids it.
    signOffs: signOffRows.map((r) => ({
      id: r.id,
      revision: r.revisionNumber,
      reviewer: personRef(names, r.reviewerId),
      unitId: r.unitId,
      at: iso(r.signedAt),
      kind: r.kind,
      edited: r.kind === 'edited',
      comment: r.comment,
      durationSeconds:
        r.reviewStartedAt === null
          ? null
          : Math.round((r.signedAt.getTime() - r.reviewStartedAt.getTime()) / 1000),
      voided: r.voidedAt !== null,
      voidedAt: isoOrNull(r.voidedAt),
    })),
    signedOffRevision: s.signOff?.revision ?? null,
    allowedCommands: allowedCommands(s, actorAsPerson(ctx.actor)),
    actions: presentActions(submissionActions(s, actorAsPerson(ctx.actor))),
    lateness: late,
    score:
      s.submittedToBureauAt === null ? null : scoreView(itemScore(s, adoptions, scheme), adoptions),
  };
  return { detail, probe };
}

/** A score line with its date as an ISO time, as every time in the API's JSON. */
export function scoreLineView(line: ScoreLine, adoptions: readonly Adoption[] = []) {
  // Issue 16: a line of an adoption or its instruction names the outlet it came from.
  const adoption =
    line.adoptionId === null ? undefined : adoptions.find((a) => a.id === line.adoptionId);
  return { ...line, at: iso(line.at), outlet: adoption?.outlet ?? null };
}

/** An item's score explained line by line (DESIGN §3.4), for the console and the bot. */
export function scoreView(score: ItemScore, adoptions: readonly Adoption[]) {
  return { ...score, lines: score.lines.map((l) => scoreLineView(l, adoptions)) };
}

/** The revisions of a submission, oldest first, with who made each and what it changed. */
export async function submissionRevisions(ctx: ServiceContext, id: string) {
  const { submission: s } = await visibleSubmission(ctx, id);
  const names = await personNames(
    ctx,
    s.revisions.map((r) => r.authorId),
  );
  return s.revisions.map((r) => ({
    number: r.number,
    author: personRef(names, r.authorId),
    at: isoOrNull(r.at),
    note: r.note,
    changedFields: r.changedFields,
    current: r.number === s.revision,
    content: { ...r.content, eventAt: isoOrNull(r.content.eventAt) },
  }));
}

/** The domain's structured diff between two revisions, with who made the later one. */
export async function submissionDiff(ctx: ServiceContext, id: string, from: number, to: number) {
  const { submission: s } = await visibleSubmission(ctx, id);
  const changes = unwrap(revisionDiff(s, from, to));
  const editors = s.revisions.filter(
    (r) => r.number > Math.min(from, to) && r.number <= Math.max(from, to),
  );
  const names = await personNames(
    ctx,
    editors.map((r) => r.authorId),
  );
  return {
    from,
    to,
    changes,
    revisions: editors.map((r) => ({
      number: r.number,
      author: personRef(names, r.authorId),
      at: isoOrNull(r.at),
      note: r.note,
      changedFields: r.changedFields satisfies readonly ContentField[],
    })),
  };
}

/**
 * What the actor may see: everything for bureau staff, otherwise the domain's rule over the
 * county's units (kept between requests until the next write).
 */
export async function actorVisibility(ctx: ServiceContext): Promise<Visibility> {
  const person = actorAsPerson(ctx.actor);
  if (isBureauStaff(person)) return visibilityOf(person, []);
  return visibilityOf(person, await loadUnits(ctx.db));
}

export interface ListFilters {
  readonly unitId?: string | undefined;
  readonly state?: SubmissionState | undefined;
  readonly category?: Category | undefined;
  readonly period?: string | undefined;
  readonly late?: boolean | undefined;
  readonly q?: string | undefined;
  readonly mine?: boolean | undefined;
  readonly pendingMyReview?: boolean | undefined;
  readonly page: number;
  readonly pageSize: number;
}

/**
 * Pages of the list as JSON, kept until the next write (the list is the busiest read of the
 * console and the bot). A page depends on nothing of the clock: lateness is decided by the
 * dates stored with each item and the year's scheme, which only a write changes.
 */
export const submissionPages = new ReadCache<JsonText<SubmissionPage>>('submission pages', {
  maxEntries: 5_000,
  maxBytes: 64 * 2 ** 20,
  sizeOf: (page) => page.size,
});

/**
 * Everything of the actor a page depends on: `mine` and `pending=me` name the person (and
 * their unit and roles decide which review queue is theirs); otherwise what they may see.
 */
export function viewerKey(ctx: ServiceContext, filters: ListFilters): string {
  if (filters.mine === true || filters.pendingMyReview === true) {
    const me = actorAsPerson(ctx.actor);
    return `person:${me.id}:${me.unitId}:${[...me.roles].sort().join(',')}`;
  }
  return viewerScopeKey(ctx);
}

export function listKey(ctx: ServiceContext, f: ListFilters): string {
  return JSON.stringify([filterKey(ctx, f), f.page, f.pageSize]);
}

/** The viewer and filters of a list, without its page: every page of it has the same total. */
function filterKey(ctx: ServiceContext, f: ListFilters): string {
  return JSON.stringify([
    viewerKey(ctx, f),
    f.unitId ?? null,
    f.state ?? null,
    f.category ?? null,
    f.period ?? null,
    f.late ?? null,
    f.q?.trim() || null,
    f.mine === true,
    f.pendingMyReview === true,
  ]);
}

/** What every page shows besides the items: unit and author names, lateness by the scheme. */
const PAGE_CONTEXT = everyUnit('Unit', 'Person', 'Scheme');

/**
 * What a page depends on: the items (and their authors) of the units the actor may see — every
 * page is limited to those, `mine` and `pending=me` too — and the names and schemes it shows.
 * So a write in one unit leaves the pages of officers of other units be.
 */
async function pageDepends(ctx: ServiceContext): Promise<DependsOn[]> {
  const scope = unitFilter(await actorVisibility(ctx)).unitId?.in ?? 'all';
  return [
    { tables: ['Submission', 'SubmissionAuthor', UNSENT_DRAFTS, NEW_DRAFTS], units: scope },
    PAGE_CONTEXT,
  ];
}

/**
 * How many items a list has, per viewer and filters, kept as the pages are: a page read again
 * after a write needs its rows, but the pages of one list share their total, so only the first
 * of them after the write counts.
 */
const listTotals = new ReadCache<number>('list totals', {
  maxEntries: 5_000,
  maxBytes: 2 ** 20,
  sizeOf: () => 64,
});

/**
 * {@link listSubmissions} as JSON, from the kept pages when nothing changed since; a page of a
 * short list is cut from the whole list (see {@link shortList}).
 */
export async function submissionPage(
  ctx: ServiceContext,
  filters: ListFilters,
): Promise<JsonText<SubmissionPage>> {
  const depends = await pageDepends(ctx);
  return submissionPages.read(
    ctx.db,
    listKey(ctx, filters),
    ctx.now.getTime(),
    depends,
    async () => ({
      value:
        (await shortListPage(ctx, filters, depends)) ??
        JsonText.of(await listSubmissions(ctx, filters)),
    }),
  );
}

export type SubmissionPage = Awaited<ReturnType<typeof listSubmissions>>;

/** The database filter of a list, once the actor is known to see the unit it names (403). */
async function listFilterOf(
  ctx: ServiceContext,
  filters: ListFilters,
): Promise<SubmissionListFilter> {
  const visibility = await actorVisibility(ctx);
  const me = actorAsPerson(ctx.actor);
  if (filters.unitId !== undefined) assertCanSee(visibility, filters.unitId);
  const period = filters.period === undefined ? null : unwrap(parsePeriodKey(filters.period));
  const q = filters.q?.trim() ?? '';
  return {
    scope: unitFilter(visibility),
    unitId: filters.unitId,
    state: filters.state,
    category: filters.category,
    period: period === null ? undefined : periodRange(period.year, period.kind),
    q: q === '' ? undefined : q,
    authorId: filters.mine === true ? me.id : undefined,
    awaiting:
      filters.pendingMyReview === true
        ? {
            unitReview: isUnitReviewStaff(me, { reviewUnitId: me.unitId })
              ? { unitId: me.unitId, personId: me.id }
              : null,
            bureauReview: holdsRole(me, 'reviewer'),
          }
        : undefined,
  };
}

/** The submissions the actor may see, filtered, newest first, one page. */
export async function listSubmissions(ctx: ServiceContext, filters: ListFilters) {
  const filter = await listFilterOf(ctx, filters);
  const skip = (filters.page - 1) * filters.pageSize;

  let total: number | null = null;
  let ids: string[] | null = null;
  if (filters.late !== undefined) {
    // DESIGN §3.3: lateness depends on the category's limit in the year's scheme, so the
    // domain decides it item by item.
    const schemeOf = schemeCache(ctx.db);
    const slim = await listTimings(ctx.db, filter);
    const kept: string[] = [];
    for (const row of slim) {
      const item = {
        category: row.category,
        eventAt: row.eventAt.getTime(),
        submittedToBureauAt: row.submittedToBureauAt?.getTime() ?? null,
      };
      const late =
        item.submittedToBureauAt !== null && isLate(item, await schemeOf(item.submittedToBureauAt));
      if (late === filters.late) kept.push(row.id);
    }
    total = kept.length;
    ids = kept.slice(skip, skip + filters.pageSize);
  }
  const rows = await readListRows(ctx.db, ids === null ? { filter } : { ids }, {
    skip,
    take: filters.pageSize,
  });
  // A page that is not full is the last one (or the first and only), so it tells the total
  // without counting: short lists (my items, my queue, a narrow filter) need no count query.
  if (total === null) {
    total =
      rows.length < filters.pageSize && (rows.length > 0 || skip === 0)
        ? skip + rows.length
        : await listTotal(ctx, filters, filter);
  }
  const items = await listItems(ctx, rows);
  return { items, total, page: filters.page, pageSize: filters.pageSize };
}

/** How many items a list has, from {@link listTotals}. */
async function listTotal(
  ctx: ServiceContext,
  filters: ListFilters,
  filter: SubmissionListFilter,
): Promise<number> {
  return listTotals.read(
    ctx.db,
    filterKey(ctx, filters),
    ctx.now.getTime(),
    await pageDepends(ctx),
    async () => ({ value: await readListedCount(ctx.db, filter) }),
  );
}

/** The list's rows as the console shows them: unit and author names, lateness by the scheme. */
async function listItems(ctx: ServiceContext, rows: readonly ListRow[]) {
  // Unit and author names come from the county's units and people, kept between requests
  // (the rows carry their authors' ids), so a page's rows are its only query.
  const [units, people] = await Promise.all([unitIndex(ctx.db), peopleById(ctx.db)]);
  const schemeOf = schemeCache(ctx.db);
  const names = await rowNames(ctx, rows, units, people);
  // Each row's scheme, that of the year it reached the bureau (or was written): one wait for
  // the page rather than one per row.
  const schemes = await Promise.all(
    rows.map((row) => schemeOf((row.submittedToBureauAt ?? row.createdAt).getTime())),
  );
  const items = [];
  for (const [i, row] of rows.entries()) {
    const timed = {
      category: row.category,
      eventAt: row.eventAt.getTime(),
      submittedToBureauAt: row.submittedToBureauAt?.getTime() ?? null,
    };
    const scheme = schemes[i] as Scheme;
    const unit = names.units.get(row.unitId);
    items.push({
      id: row.id,
      title: row.title,
      category: row.category,
      state: row.state,
      unit: { id: row.unitId, name: unit?.name ?? '', kind: unit?.kind ?? 'school' },
      reviewUnitId: row.reviewUnitId,
      authors: row.authors.map((a) => ({
        id: a.personId,
        name: names.people.get(a.personId)?.name ?? '',
      })),
      eventAt: iso(row.eventAt),
      createdAt: iso(row.createdAt),
      submittedAt: isoOrNull(row.submittedAt),
      submittedToBureauAt: isoOrNull(row.submittedToBureauAt),
      version: row.version,
      source: row.source,
      quality: row.qualityMark,
      late: isLate(timed, scheme),
    });
  }
  return items;
}

type ListItem = Awaited<ReturnType<typeof listItems>>[number];

/**
 * A list of at most this many items is read whole, and its pages are cut from it (see
 * {@link shortList}).
 */
export const SHORT_LIST_MAX = 200;

/** An item of a kept short list: its id and its JSON. */
interface ShortListItem {
  readonly id: string;
  readonly json: JsonText<ListItem>;
}

/**
 * A short list as it is kept: its items, newest first (null: the list is long), and what its
 * items depend on but new drafts with its version, taken before they were read (null: not
 * known); see {@link shortList}.
 */
interface KeptShortList {
  readonly items: readonly ShortListItem[] | null;
  readonly settled: { readonly depends: readonly DependsOn[]; readonly version: number } | null;
}

/**
 * Whole short lists, per viewer and filters, kept as the pages are. A unit's officers page
 * through their unit's list at several page sizes, and every new item of the unit changes
 * every page of it; read whole, the list costs one read per change instead of one per page.
 * A school writes some tens of items a year; a longer list (a township's, the county's, a
 * school's after a few years unless filtered by period) is read page by page.
 */
const shortLists = new ReadCache<KeptShortList>('short lists', {
  maxEntries: 2_000,
  maxBytes: 64 * 2 ** 20,
  // Each item's bytes, and about 200 bytes of objects holding them.
  sizeOf: (list) => (list.items ?? []).reduce((sum, item) => sum + item.json.size + 200, 64),
});

/** `depends` without the new drafts: what the items already listed depend on. */
function withoutNewDrafts(depends: readonly DependsOn[]): DependsOn[] {
  return depends.map((d) => ({ ...d, tables: d.tables.filter((t) => t !== NEW_DRAFTS) }));
}

/**
 * The whole list of `filters` when it has at most {@link SHORT_LIST_MAX} items, newest
 * first as {@link listSubmissions} orders it, each item as JSON; null for a longer one and
 * for a list by lateness, which the domain decides item by item.
 *
 * When nothing but new drafts was written since the list was last read (the unit's officers
 * writing), every item it held is as it was: a creation changes no other item. Then only the
 * list's ids are read, in its order, with its first few items, and only the new items are
 * made anew (see {@link grownList}); and a long list stays long, as it only grew.
 */
async function shortList(
  ctx: ServiceContext,
  filters: ListFilters,
  depends: readonly DependsOn[],
): Promise<readonly ShortListItem[] | null> {
  if (filters.late !== undefined) return null;
  const filter = await listFilterOf(ctx, filters);
  const key = filterKey(ctx, filters);
  const kept = await shortLists.read(ctx.db, key, ctx.now.getTime(), depends, async (previous) => {
    const settledDepends = withoutNewDrafts(depends);
    const version = await dataVersion(ctx.db, settledDepends);
    // A version is a sum over the scopes it covers, so the kept one is compared with the
    // version of the same scopes now: the viewer's units may have changed since.
    const before = previous?.settled;
    const grown = before != null && (await dataVersion(ctx.db, before.depends)) === before.version;
    const items = grown
      ? await grownList(ctx, filter, previous?.items ?? null)
      : await wholeList(ctx, filter);
    return {
      value: {
        items,
        settled: version === null ? null : { depends: settledDepends, version },
      },
    };
  });
  return kept.items;
}

/**
 * A short list read whole. One row more than a short list holds tells a long one, so a short
 * list (nearly every unit's) is never counted; a long one is counted for its pages, once per
 * change.
 */
async function wholeList(
  ctx: ServiceContext,
  filter: SubmissionListFilter,
): Promise<ShortListItem[] | null> {
  const rows = await readListRows(ctx.db, { filter }, { skip: 0, take: SHORT_LIST_MAX + 1 });
  if (rows.length > SHORT_LIST_MAX) return null;
  return (await listItems(ctx, rows)).map((item) => ({ id: item.id, json: JsonText.of(item) }));
}

/**
 * How many of a grown list's first items are read with its ids. New drafts are the newest
 * items, so nearly always among them.
 */
const NEWEST_READ = 8;

/**
 * A list that only new drafts changed since `kept` was read: its ids in order, the items it
 * kept as they were, the new ones read in full.
 *
 * The ids and the list's first few items are read at once: under load every wait for the
 * database costs the request a turn of the busy event loop, so reading the ids and then the
 * new items made each list wait twice after every draft. A new item that is not among the
 * first few (a draft dated earlier by another process's clock, or many drafts at once) is
 * read by its id afterwards.
 */
async function grownList(
  ctx: ServiceContext,
  filter: SubmissionListFilter,
  kept: readonly ShortListItem[] | null,
): Promise<ShortListItem[] | null> {
  if (kept === null) return null;
  const [ids, newest] = await Promise.all([
    readListIds(ctx.db, filter, SHORT_LIST_MAX + 1),
    readListRows(ctx.db, { filter }, { skip: 0, take: NEWEST_READ }),
  ]);
  if (ids.length > SHORT_LIST_MAX) return null;
  const known = new Map(kept.map((item) => [item.id, item]));
  const fresh = newest.filter((row) => !known.has(row.id));
  const read = new Set(fresh.map((row) => row.id));
  const missing = ids.filter((id) => !known.has(id) && !read.has(id));
  // No ids, no statement (listRowsByIdsDirect).
  const rows = [
    ...fresh,
    ...(await readListRows(ctx.db, { ids: missing }, { skip: 0, take: missing.length })),
  ];
  for (const item of await listItems(ctx, rows)) {
    known.set(item.id, { id: item.id, json: JsonText.of(item) });
  }
  const items = ids.map((id) => known.get(id));
  // An id read and gone before its row was: read the list whole instead.
  if (items.some((item) => item === undefined)) return wholeList(ctx, filter);
  return items as ShortListItem[];
}

/** A page of {@link listSubmissions} cut from the whole list when it is short, otherwise null. */
async function shortListPage(
  ctx: ServiceContext,
  filters: ListFilters,
  depends: readonly DependsOn[],
): Promise<JsonText<SubmissionPage> | null> {
  // While changes cannot be followed (PostgreSQL's listener is down) nothing is kept, and a
  // whole list read for one page would be read again for the next.
  if ((await dataVersion(ctx.db, depends)) === null) return null;
  const items = await shortList(ctx, filters, depends);
  if (items === null) return null;
  const skip = (filters.page - 1) * filters.pageSize;
  const page = items.slice(skip, skip + filters.pageSize).map((item) => item.json);
  return JsonText.listed('items', page, {
    total: items.length,
    page: filters.page,
    pageSize: filters.pageSize,
  });
}

export type Named = { readonly name: string };

/**
 * The names of the rows' units and authors. A unit or a person added since the kept lists
 * were read is not in them yet: those few are read directly.
 */
export async function rowNames(
  ctx: ServiceContext,
  rows: readonly { readonly unitId: string; readonly authors: readonly { personId: string }[] }[],
  units: ReadonlyMap<string, Named & { readonly kind: Unit['kind'] }>,
  people: ReadonlyMap<string, Named>,
) {
  const unknownUnits = [...new Set(rows.map((r) => r.unitId))].filter((id) => !units.has(id));
  const unknownPeople = [...new Set(rows.flatMap((r) => r.authors.map((a) => a.personId)))].filter(
    (id) => !people.has(id),
  );
  if (unknownUnits.length === 0 && unknownPeople.length === 0) return { units, people };
  const [moreUnits, morePeople] = await Promise.all([
    Promise.all(unknownUnits.map((id) => findUnit(ctx.db, id))),
    namesOf(ctx.db, unknownPeople),
  ]);
  return {
    units: new Map([
      ...units,
      ...moreUnits.flatMap((u) => (u === null ? [] : [[u.id, u] as const])),
    ]),
    people: new Map([...people, ...[...morePeople].map(([id, name]) => [id, { name }] as const)]),
  };
}
