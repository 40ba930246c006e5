import { randomUUID } from 'node:crypto';
import type { Db } from '@jyxc/db';
import {
  bulletinActions,
  bulletinTitle,
  canSeeUnit,
  createDraftBulletin,
  fileAppeal as fileAppealRule,
  holdersOf,
  isAppealWindowOpen,
  periodKey,
  publishBulletin as publishRule,
  resolveAppeal as resolveAppealRule,
  toShanghaiTime,
  type Bulletin,
  type Evaluation,
  type Period,
  type Person,
} from '@jyxc/domain';
import { presentActions, unwrap } from '../../shared/domain-result.js';
import { isUniqueViolation } from '../../shared/db.js';
import { RenderedFiles, type RenderedFileStats } from './rendered-files.js';
import { ServiceError } from '../../shared/errors.js';
import { audit } from '../../shared/audit.js';
import type { ServiceContext, Tx } from '../../shared/context.js';
import { evaluatePeriod, evaluationTotals, presentEvaluation } from '../evaluation/service.js';
import { actorAsPerson, requireRole } from '../../shared/actor.js';
import { loadScheme } from '../schemes/service.js';
import { loadUnits, visibilityFor } from '../organisation/service.js';
import { enqueuePersonMessages, type PersonMessage } from '../outbox/service.js';
import { peopleOfUnits } from '../people/service.js';
import { isoOrNull } from '../../shared/times.js';
import { bulletinDocument, type BulletinDocument } from './document.js';
import { inTransaction } from '../../shared/db.js';
import { renderExport } from './export-pool.js';
import { ALL_DATA, ReadCache } from '../../cache/read-cache.js';
import {
  findBulletinOfPeriod,
  findBulletins,
  insertAppeal,
  insertDraftBulletin,
  loadBulletinRow,
  markAppealResolved,
  markPublished,
  toDomainBulletin,
  type BulletinRow,
} from './repository.js';

/**
 * The evaluation a bulletin shows: a draft's is recomputed from the current data and scheme
 * on every read, a published one's is its frozen snapshot (DESIGN §3.5).
 */
async function bulletinEvaluation(ctx: ServiceContext, bulletin: Bulletin): Promise<Evaluation> {
  if (bulletin.snapshot !== null) return bulletin.snapshot.evaluation;
  return (await evaluatePeriod(ctx.db, bulletin.period, ctx.now)).evaluation;
}

function presentAppeal(a: BulletinRow['appeals'][number]) {
  return {
    id: a.id,
    unitId: a.unitId,
    unitName: a.unit.name,
    by: { id: a.personId, name: a.person.name },
    reason: a.text,
    status: a.status === 'open' ? ('pending' as const) : a.status,
    response: a.response,
    respondedBy:
      a.respondedById === null ? null : { id: a.respondedById, name: a.respondedBy?.name ?? '' },
    respondedAt: isoOrNull(a.respondedAt),
    createdAt: a.createdAt.toISOString(),
  };
}

function summaryOf(
  row: Omit<BulletinRow, 'snapshot'>,
  bulletin: Bulletin,
  now: Date,
  actor: Person,
) {
  return {
    id: row.id,
    period: periodKey(bulletin.period),
    year: row.year,
    kind: row.period,
    title: bulletin.title,
    status: row.status,
    generatedAt: row.generatedAt.toISOString(),
    appealDeadline: new Date(bulletin.appealDeadline).toISOString(),
    appealWindowOpen: isAppealWindowOpen(bulletin, now.getTime()),
    pendingAppeals: bulletin.appeals.filter((a) => a.status === 'pending').length,
    publishedAt: isoOrNull(row.publishedAt),
    publishedBy: row.publishedBy,
    schemeVersion: row.schemeVersion,
    // DESIGN §6: no 发布通报 while the appeal window is open; the reason says why.
    actions: presentActions(bulletinActions(bulletin, actor, now.getTime())),
  };
}

// ---------------------------------------------------------------------------------------------
// Use cases
// ---------------------------------------------------------------------------------------------

const DRAFTERS = ['admin', 'reviewer'] as const;

/** POST /bulletins: opens the draft of a period, its appeal window starting now. */
export async function createBulletin(ctx: ServiceContext, period: Period) {
  requireRole(ctx, DRAFTERS, '只有系统管理员或宣传股审核员可以生成通报');
  const scheme = await loadScheme(ctx.db, period.year);
  const draft = createDraftBulletin({ id: randomUUID(), period }, scheme, ctx.now.getTime());
  const { evaluation } = await evaluatePeriod(ctx.db, period, ctx.now);
  const id = await inTransaction(ctx, async (tx) => {
    const existing = await findBulletinOfPeriod(tx, period);
    if (existing !== null) {
      throw new ServiceError(
        'conflict',
        'BULLETIN.EXISTS',
        existing.status === 'published'
          ? `${bulletinTitle(period)}已发布`
          : `${bulletinTitle(period)}的征求意见稿已生成，请直接查看`,
        { bulletinId: existing.id, status: existing.status },
      );
    }
    const createdId = await insertDraftBulletin(tx, draft);
    await audit(tx, ctx, {
      action: 'bulletin.create',
      entity: 'Bulletin',
      entityId: createdId,
      unitId: null,
      after: {
        period: periodKey(period),
        appealDeadline: new Date(draft.appealDeadline).toISOString(),
      },
    });
    await enqueuePersonMessages(
      tx,
      ctx.now,
      await appealNotices(tx, createdId, periodKey(period), evaluation, draft.appealDeadline),
    );
    return createdId;
  });
  return getBulletin(ctx, id);
}

/**
 * DESIGN §3.5: the draft is open for appeal; the head of every evaluated unit hears of it,
 * with the deadline, in the same transaction as the draft.
 */
async function appealNotices(
  tx: Tx,
  bulletinId: string,
  period: string,
  evaluation: Evaluation,
  appealDeadline: number,
): Promise<PersonMessage[]> {
  const people = await peopleOfUnits(
    tx,
    evaluation.units.map((u) => u.unitId),
  );
  return evaluation.units.flatMap((unit) =>
    holdersOf(unit.unitId, 'head', people).map((head) => ({
      key: `bulletin:${bulletinId}:appeal-open:to:person:${head.id}`,
      personId: head.id,
      event: {
        kind: 'bulletin_appeal_open' as const,
        facts: {
          bulletinId,
          periodKey: period,
          unitId: unit.unitId,
          unitName: unit.name,
          appealDeadline,
        },
      },
      urgent: false,
    })),
  );
}

/** GET /bulletins: every bulletin, newest period first, paged. */
export async function listBulletins(
  ctx: ServiceContext,
  query: { readonly year?: number | undefined; readonly page: number; readonly pageSize: number },
) {
  const { total, rows } = await findBulletins(ctx.db, query.year, {
    skip: (query.page - 1) * query.pageSize,
    take: query.pageSize,
  });
  return {
    items: rows.map((row) =>
      summaryOf(row, toDomainBulletin(ctx.db, row), ctx.now, actorAsPerson(ctx.actor)),
    ),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** GET /bulletins/:id: the bulletin with its evaluation (live for a draft, frozen once published). */
export async function getBulletin(ctx: ServiceContext, id: string) {
  const row = await loadBulletinRow(ctx.db, id);
  const bulletin = toDomainBulletin(ctx.db, row);
  const [evaluation, units] = await Promise.all([
    bulletinEvaluation(ctx, bulletin),
    loadUnits(ctx.db),
  ]);
  const visibility = await visibilityFor(ctx, units);
  return {
    ...summaryOf(row, bulletin, ctx.now, actorAsPerson(ctx.actor)),
    appeals: row.appeals.filter((a) => canSeeUnit(visibility, a.unitId)).map(presentAppeal),
    evaluation: presentEvaluation(evaluation, visibility),
    officers: evaluation.officers,
  };
}

const APPELLANTS = ['head', 'deputy', 'officer'] as const;

/** A unit files one appeal per bulletin; the bureau's answer to it is final. */
function appealExists(): ServiceError {
  return new ServiceError(
    'conflict',
    'BULLETIN.APPEAL_EXISTS',
    '本单位已对该通报提出过异议，不能重复提出',
  );
}

/** POST /bulletins/:id/appeals: a unit disputes the draft, inside the appeal window. */
export async function fileAppeal(ctx: ServiceContext, id: string, reason: string) {
  requireRole(ctx, APPELLANTS, '只有本单位的一把手、分管领导或信息员可以提出异议');
  const row = await loadBulletinRow(ctx.db, id);
  if (row.appeals.some((a) => a.unitId === ctx.actor.unit.id)) throw appealExists();
  const bulletin = toDomainBulletin(ctx.db, row);
  const appealId = randomUUID();
  const result = fileAppealRule(
    bulletin,
    { id: appealId, unitId: ctx.actor.unit.id, reason },
    actorAsPerson(ctx.actor),
    ctx.now.getTime(),
  );
  if (!result.ok && result.error.code === 'BULLETIN.APPEAL_WINDOW_CLOSED') {
    const t = toShanghaiTime(bulletin.appealDeadline);
    throw new ServiceError(
      'invalid',
      result.error.code,
      `异议期已于 ${t.year}年${t.month}月${t.day}日 ${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')} 截止，不能再提出异议`,
      { appealDeadline: new Date(bulletin.appealDeadline).toISOString() },
    );
  }
  const updated = unwrap(result);
  const appeal = updated.appeals.find((a) => a.id === appealId);
  if (appeal === undefined) throw new Error('The filed appeal is missing from the bulletin');
  await inTransaction(ctx, async (tx) => {
    await insertAppeal(tx, id, appeal);
    await audit(tx, ctx, {
      action: 'bulletin.appeal',
      entity: 'Appeal',
      entityId: appeal.id,
      unitId: appeal.unitId,
      after: { bulletinId: id, reason: appeal.reason },
    });
  }).catch((error: unknown) => {
    // A parallel appeal of the same unit committed first (the unique bulletin + unit index).
    throw isUniqueViolation(error) ? appealExists() : error;
  });
  const fresh = await loadBulletinRow(ctx.db, id);
  const created = fresh.appeals.find((a) => a.id === appeal.id);
  if (created === undefined) throw new Error('The saved appeal cannot be read back');
  return presentAppeal(created);
}

/** POST /bulletins/:id/appeals/:appealId/resolve: the bureau accepts or rejects an appeal. */
export async function resolveAppeal(
  ctx: ServiceContext,
  id: string,
  appealId: string,
  decision: { readonly accepted: boolean; readonly response: string },
) {
  const row = await loadBulletinRow(ctx.db, id);
  if (!row.appeals.some((a) => a.id === appealId)) {
    throw new ServiceError('not_found', 'APPEAL.NOT_FOUND', '这份通报没有该异议');
  }
  const bulletin = toDomainBulletin(ctx.db, row);
  const updated = unwrap(
    resolveAppealRule(bulletin, appealId, decision, actorAsPerson(ctx.actor), ctx.now.getTime()),
  );
  const resolved = updated.appeals.find((a) => a.id === appealId);
  if (resolved === undefined || resolved.status === 'pending') {
    throw new Error('The resolved appeal is missing from the bulletin');
  }
  const status = resolved.status === 'accepted' ? 'accepted' : 'rejected';
  await inTransaction(ctx, async (tx) => {
    const changed = await markAppealResolved(tx, appealId, {
      status,
      response: resolved.response,
      byId: ctx.actor.personId,
      at: ctx.now,
    });
    if (!changed) throw new ServiceError('conflict', 'BULLETIN.APPEAL_RESOLVED', '该异议已答复');
    await audit(tx, ctx, {
      action: 'bulletin.resolve_appeal',
      entity: 'Appeal',
      entityId: appealId,
      unitId: resolved.unitId,
      before: { status: 'pending' },
      after: { status, response: resolved.response },
    });
  });
  const fresh = await loadBulletinRow(ctx.db, id);
  const saved = fresh.appeals.find((a) => a.id === appealId);
  if (saved === undefined) throw new Error('The resolved appeal cannot be read back');
  return presentAppeal(saved);
}

/** POST /bulletins/:id/publish: freezes the evaluation computed now (DESIGN §3.5). */
export async function publishBulletin(ctx: ServiceContext, id: string) {
  const row = await loadBulletinRow(ctx.db, id);
  const bulletin = toDomainBulletin(ctx.db, row);
  if (bulletin.status === 'published') {
    throw new ServiceError('conflict', 'BULLETIN.ALREADY_PUBLISHED', '通报已发布，不能再次发布');
  }
  const { evaluation } = await evaluatePeriod(ctx.db, bulletin.period, ctx.now);
  const published = unwrap(
    publishRule(bulletin, evaluation, actorAsPerson(ctx.actor), ctx.now.getTime()),
  );
  const snapshot = published.snapshot;
  if (snapshot === null) throw new Error('A published bulletin must carry its snapshot');
  await inTransaction(ctx, async (tx) => {
    const changed = await markPublished(tx, id, {
      at: ctx.now,
      byId: ctx.actor.personId,
      snapshot,
    });
    if (!changed) {
      throw new ServiceError('conflict', 'BULLETIN.ALREADY_PUBLISHED', '通报已发布，不能再次发布');
    }
    const totals = evaluationTotals(snapshot.evaluation.units);
    await audit(tx, ctx, {
      action: 'bulletin.publish',
      entity: 'Bulletin',
      entityId: id,
      unitId: null,
      before: { status: 'draft' },
      after: {
        status: 'published',
        schemeVersion: snapshot.schemeVersion,
        units: totals.units,
        submitted: totals.submitted,
        adopted: totals.adopted,
      },
    });
  });
  return getBulletin(ctx, id);
}

/** The document model of a bulletin as the viewer may see it. */
export async function bulletinDocumentFor(
  ctx: ServiceContext,
  id: string,
): Promise<BulletinDocument> {
  const row = await loadBulletinRow(ctx.db, id);
  const bulletin = toDomainBulletin(ctx.db, row);
  const [evaluation, units, scheme] = await Promise.all([
    bulletinEvaluation(ctx, bulletin),
    loadUnits(ctx.db),
    loadScheme(ctx.db, bulletin.period.year),
  ]);
  const visibility = await visibilityFor(ctx, units);
  return bulletinDocument({
    bulletin,
    evaluation,
    issuer: units.find((u) => u.kind === 'bureau')?.name ?? '县教育和体育局',
    unitNames: new Map(units.map((u) => [u.id, u.name])),
    rubberStampSeconds: scheme.review.rubberStampSeconds,
    visibility,
    now: ctx.now,
  });
}

/** Exports one person may have running at once; more are refused until one ends (429). */
export const MAX_EXPORTS_IN_FLIGHT = 2;

const DAY_MS = 24 * 3600 * 1000;
/** Asia/Shanghai keeps UTC+8 all year (no daylight saving). */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/**
 * Exports answered between two writes: the document and its file, for one viewer (a
 * bulletin shows each viewer what they may see). Any committed write ends them, since the
 * document is read from the data; a draft's also end at the next midnight in Shanghai,
 * since it is dated the day it is read.
 */
const exportFiles = new ReadCache<ExportFile>('bulletin exports', {
  maxEntries: 200,
  maxBytes: 64 * 2 ** 20,
  sizeOf: (file) => file.bytes.byteLength,
});

/**
 * Rendered files by their document's data version, per database: after a write that did not
 * change what the bulletin shows, the document is read again but its file is not rendered
 * again (rendering is the costly part of an export).
 */
const renderedFiles = new WeakMap<Db, RenderedFiles>();

function renderedFilesOf(db: Db): RenderedFiles {
  let files = renderedFiles.get(db);
  if (files === undefined) {
    files = new RenderedFiles(64 * 2 ** 20);
    renderedFiles.set(db, files);
  }
  return files;
}

/** Renders and kept files of one database's exports (tests and diagnosis read them). */
export function renderedFileStats(db: Db): RenderedFileStats {
  return renderedFilesOf(db).stats();
}

/** Exports running per person, per database (separate apps and tests never share counts). */
const running = new WeakMap<Db, Map<string, number>>();

export interface ExportFile {
  readonly bytes: Uint8Array;
  readonly fileName: string;
}

/**
 * A bulletin as a .docx or .xlsx file for the viewer: from the kept files when nothing
 * changed, otherwise rendered in the export pool (off the main thread). At most
 * {@link MAX_EXPORTS_IN_FLIGHT} per person run at once.
 */
export async function exportBulletin(
  ctx: ServiceContext,
  id: string,
  format: 'docx' | 'xlsx',
): Promise<ExportFile> {
  let counts = running.get(ctx.db);
  if (counts === undefined) {
    counts = new Map();
    running.set(ctx.db, counts);
  }
  const who = ctx.actor.personId;
  const mine = counts.get(who) ?? 0;
  if (mine >= MAX_EXPORTS_IN_FLIGHT) {
    throw new ServiceError(
      'limit',
      'EXPORT.TOO_MANY',
      `您已有 ${MAX_EXPORTS_IN_FLIGHT} 个导出正在进行，请等其完成后再试`,
      { retryAfterSeconds: 5, maxInFlight: MAX_EXPORTS_IN_FLIGHT },
    );
  }
  counts.set(who, mine + 1);
  try {
    const now = ctx.now.getTime();
    return await exportFiles.read(ctx.db, `${format}:${id}:${who}`, now, [ALL_DATA], async () => {
      const doc = await bulletinDocumentFor(ctx, id);
      const bytes = await renderedFilesOf(ctx.db).file(format, doc, () =>
        renderExport(format, doc),
      );
      const file = { bytes, fileName: `${doc.fileName}.${format}` };
      if (!doc.draft) return { value: file };
      const nextMidnight =
        Math.floor((now + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS + DAY_MS - SHANGHAI_OFFSET_MS;
      return { value: file, until: nextMidnight };
    });
  } finally {
    const left = (counts.get(who) ?? 1) - 1;
    if (left <= 0) counts.delete(who);
    else counts.set(who, left);
  }
}
