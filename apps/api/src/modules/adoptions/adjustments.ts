/** Adjustments 加分/扣分 (DESIGN §3.4): points the bureau adds or deducts, countered rather than deleted. */
import { randomUUID } from 'node:crypto';
import {
  counterAdjustment as counterAdjustmentRule,
  createAdjustment as createAdjustmentRule,
} from '@jyxc/domain';
import { unwrapAll } from '../../shared/domain-result.js';
import { ServiceError } from '../../shared/errors.js';
import type { ServiceContext } from '../../shared/context.js';
import { audit } from '../../shared/audit.js';
import { assertCanSee, findUnit, unitFilter, visibilityFor } from '../organisation/service.js';
import { actorAsPerson } from '../../shared/actor.js';

import { inTransaction, isUniqueViolation } from '../../shared/db.js';
import { findAdjustment, findAdjustments, findCountersOf, insertAdjustment } from './repository.js';
import { rangeOf } from './service.js';

export async function reportingUnit(ctx: ServiceContext, unitId: string) {
  const unit = await findUnit(ctx.db, unitId);
  if (unit === null) throw new ServiceError('not_found', 'UNIT.NOT_FOUND', '单位不存在');
  return unit;
}

export async function createAdjustment(
  ctx: ServiceContext,
  input: { unitId: string; points: number; reason: string; eventAt: number },
) {
  await reportingUnit(ctx, input.unitId);
  const adjustment = unwrapAll(
    createAdjustmentRule(
      {
        id: randomUUID(),
        unitId: input.unitId,
        points: input.points,
        reason: input.reason,
        at: input.eventAt,
      },
      actorAsPerson(ctx.actor),
      ctx.now.getTime(),
    ),
  );
  const row = await inTransaction(ctx, async (tx) => {
    const created = await insertAdjustment(tx, adjustment);
    await audit(tx, ctx, {
      action: 'adjustment.create',
      entity: 'Adjustment',
      entityId: created.id,
      unitId: created.unit.id,
      after: adjustment,
    });
    return created;
  });
  return row;
}

/** Revokes an adjustment by recording its counter (DESIGN §3.4: never deleted). */
export async function counterAdjustment(
  ctx: ServiceContext,
  id: string,
  input: { reason: string },
) {
  try {
    const row = await inTransaction(ctx, async (tx) => {
      const original = await findAdjustment(tx, id);
      if (original === null)
        throw new ServiceError('not_found', 'ADJUSTMENT.NOT_FOUND', '加分或扣分记录不存在');
      const existing = await findCountersOf(tx, id);
      const counter = unwrapAll(
        counterAdjustmentRule(
          original,
          existing,
          { id: randomUUID(), reason: input.reason },
          actorAsPerson(ctx.actor),
          ctx.now.getTime(),
        ),
      );
      const created = await insertAdjustment(tx, counter);
      await audit(tx, ctx, {
        action: 'adjustment.counter',
        entity: 'Adjustment',
        entityId: created.id,
        unitId: created.unit.id,
        before: original,
        after: counter,
      });
      return created;
    });
    return row;
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ServiceError('conflict', 'ADJUSTMENT.ALREADY_COUNTERED', '该加分或扣分已被撤销');
    throw error;
  }
}

export async function listAdjustments(
  ctx: ServiceContext,
  filters: {
    unitId?: string | undefined;
    period?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  const visibility = await visibilityFor(ctx);
  if (filters.unitId !== undefined) assertCanSee(visibility, filters.unitId);
  const { total, items } = await findAdjustments(
    ctx.db,
    {
      scope: unitFilter(visibility),
      unitId: filters.unitId,
      event: filters.period === undefined ? undefined : rangeOf(filters.period),
    },
    { skip: (filters.page - 1) * filters.pageSize, take: filters.pageSize },
  );
  return { items, total, page: filters.page, pageSize: filters.pageSize };
}
