/** Penalties 迟报 / 瞒报 (DESIGN §3.3): a major item reported late or kept back, as recorded by the bureau. */
import {
  holdsRole,
  lateMajorPenalty,
  unreportedMajorPenalty,
  type PenaltyKind,
} from '@jyxc/domain';
import { ServiceError } from '../../shared/errors.js';
import type { ServiceContext } from '../../shared/context.js';
import { audit } from '../../shared/audit.js';
import { assertCanSee, unitFilter, visibilityFor } from '../organisation/service.js';
import { actorAsPerson } from '../../shared/actor.js';

import { schemeCache } from '../schemes/service.js';
import { isoOrNull } from '../../shared/times.js';
import { inTransaction } from '../../shared/db.js';
import { reportingUnit } from './adjustments.js';
import {
  findMajorItemsAtBureau,
  findPenaltyRow,
  findRecordedPenalties,
  insertUnreportedPenalty,
  markVoided,
} from './repository.js';
import { rangeOf } from './service.js';

/**
 * Records an unreported major event (瞒报/漏报). A late major item's 迟报 penalty is not
 * recorded by hand: the domain derives it from the item's timeliness (listed by
 * {@link listPenalties}), so recording it too would count it twice.
 */
export async function recordPenalty(
  ctx: ServiceContext,
  input: { kind: PenaltyKind; unitId: string; eventAt: number; note: string },
) {
  if (!holdsRole(actorAsPerson(ctx.actor), 'admin')) {
    throw new ServiceError('forbidden', 'PENALTY.NOT_ADMIN', '只有系统管理员可以登记瞒报、漏报');
  }
  if (input.kind === 'late_major') {
    throw new ServiceError(
      'invalid',
      'PENALTY.DERIVED',
      '迟报扣分由系统根据重大信息的报送时效自动计算，无需手工登记',
      {
        path: 'kind',
      },
    );
  }
  const unit = await reportingUnit(ctx, input.unitId);
  if (unit.kind === 'bureau') {
    throw new ServiceError('invalid', 'PENALTY.NOT_A_REPORTING_UNIT', '县教体局本级不是报送单位', {
      path: 'unitId',
    });
  }
  const row = await inTransaction(ctx, async (tx) => {
    const created = await insertUnreportedPenalty(tx, {
      unitId: input.unitId,
      eventAt: new Date(input.eventAt),
      note: input.note,
      createdById: ctx.actor.personId,
      createdAt: ctx.now,
    });
    await audit(tx, ctx, {
      action: 'penalty.record',
      entity: 'Penalty',
      entityId: created.id,
      unitId: created.unitId,
      after: created,
    });
    return created;
  });
  return (await penaltiesOf(ctx, { ids: [row.id] }))[0];
}

/** Voids a penalty entered in error; it stays listed as voided. */
export async function voidPenalty(ctx: ServiceContext, id: string, input: { reason: string }) {
  if (!holdsRole(actorAsPerson(ctx.actor), 'admin')) {
    throw new ServiceError('forbidden', 'PENALTY.NOT_ADMIN', '只有系统管理员可以作废扣分记录');
  }
  await inTransaction(ctx, async (tx) => {
    const before = await findPenaltyRow(tx, id);
    if (before === null) throw new ServiceError('not_found', 'PENALTY.NOT_FOUND', '扣分记录不存在');
    const voided = await markVoided(tx, id, {
      at: ctx.now,
      byId: ctx.actor.personId,
      reason: input.reason,
    });
    if (!voided) throw new ServiceError('conflict', 'PENALTY.ALREADY_VOIDED', '该扣分记录已作废');
    await audit(tx, ctx, {
      action: 'penalty.void',
      entity: 'Penalty',
      entityId: id,
      unitId: before.unitId,
      before,
      after: { voidedAt: ctx.now.toISOString(), reason: input.reason },
    });
  });
  return (await penaltiesOf(ctx, { ids: [id] }))[0];
}

export interface PenaltyQuery {
  readonly ids?: readonly string[];
  readonly unitId?: string | undefined;
  readonly period?: string | undefined;
  readonly kind?: PenaltyKind | undefined;
}

export async function penaltiesOf(ctx: ServiceContext, query: PenaltyQuery) {
  const visibility = await visibilityFor(ctx);
  if (query.unitId !== undefined) assertCanSee(visibility, query.unitId);
  const range = query.period === undefined ? null : rangeOf(query.period);
  const scope = {
    ...unitFilter(visibility),
    ...(query.unitId === undefined ? {} : { unitId: query.unitId }),
  };
  const schemeOf = schemeCache(ctx.db);
  const out = [];
  if (query.kind !== 'late_major') {
    const rows = await findRecordedPenalties(ctx.db, { scope, ids: query.ids, event: range });
    for (const row of rows) {
      const penalty = unreportedMajorPenalty(
        {
          id: row.id,
          unitId: row.unitId,
          eventAt: row.eventAt.getTime(),
          description: row.note,
          recordedBy: row.createdById,
          recordedAt: row.createdAt.getTime(),
        },
        await schemeOf(row.eventAt.getTime()),
      );
      out.push({
        id: row.id,
        source: 'recorded' as const,
        kind: penalty.kind,
        unit: { id: row.unitId, name: row.unit.name },
        points: penalty.points,
        disqualifies: penalty.disqualifies,
        at: new Date(penalty.at).toISOString(),
        note: row.note,
        submissionId: null,
        createdById: row.createdById,
        voided:
          row.voidedAt === null
            ? null
            : { at: isoOrNull(row.voidedAt), byId: row.voidedById, reason: row.voidReason },
      });
    }
  }
  if (query.kind !== 'unreported_major' && query.ids === undefined) {
    const items = await findMajorItemsAtBureau(ctx.db, { scope, reached: range });
    for (const item of items) {
      const reached = item.submittedToBureauAt?.getTime() ?? null;
      if (reached === null) continue;
      const penalty = lateMajorPenalty(
        {
          id: item.id,
          unitId: item.unitId,
          category: item.category,
          eventAt: item.eventAt.getTime(),
          submittedToBureauAt: reached,
        },
        await schemeOf(reached),
      );
      if (penalty === null) continue;
      out.push({
        id: `late:${item.id}`,
        source: 'derived' as const,
        kind: penalty.kind,
        unit: { id: item.unitId, name: item.unit.name },
        points: penalty.points,
        disqualifies: penalty.disqualifies,
        at: new Date(penalty.at).toISOString(),
        note: `重大信息《${item.title}》迟报`,
        submissionId: item.id,
        createdById: null,
        voided: null,
      });
    }
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : -1));
}

/** Recorded 瞒报/漏报 penalties and the 迟报 penalties the domain derives, latest first. */
export async function listPenalties(
  ctx: ServiceContext,
  filters: {
    unitId?: string | undefined;
    period?: string | undefined;
    kind?: PenaltyKind | undefined;
    page: number;
    pageSize: number;
  },
) {
  const all = await penaltiesOf(ctx, filters);
  const start = (filters.page - 1) * filters.pageSize;
  return {
    items: all.slice(start, start + filters.pageSize),
    total: all.length,
    page: filters.page,
    pageSize: filters.pageSize,
  };
}
