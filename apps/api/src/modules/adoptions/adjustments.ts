/** Adjustments 加分/扣分 (DESIGN §3.4): points the bureau adds or deducts, countered rather than deleted. */
import { randomUUID } from 'node:crypto';
import type { Prisma } from '@jyxc/db';
import {
  counterAdjustment as counterAdjustmentRule,
  createAdjustment as createAdjustmentRule,
  type Adjustment,
} from '@jyxc/domain';
import { unwrapAll } from '../../shared/domain-result.js';
import { ServiceError } from '../../shared/errors.js';
import type { ServiceContext } from '../../shared/context.js';
import { audit } from '../../shared/audit.js';
import { assertCanSee, unitFilter, visibilityFor } from '../organisation/service.js';
import { actorAsPerson } from '../../shared/actor.js';

import { isUniqueViolation } from '../../shared/db.js';
import { rangeOf, within } from './service.js';

export type AdjustmentRow = Prisma.AdjustmentGetPayload<{
  include: {
    unit: { select: { name: true } };
    createdBy: { select: { id: true; name: true } };
    counteredBy: { select: { id: true } };
  };
}>;

export const adjustmentInclude = {
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

export function adjustmentView(row: AdjustmentRow) {
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

export async function reportingUnit(ctx: ServiceContext, unitId: string) {
  const unit = await ctx.db.unit.findUnique({
    where: { id: unitId },
    select: { id: true, kind: true },
  });
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
  const row = await ctx.db.$transaction(async (tx) => {
    const created = await tx.adjustment.create({
      data: {
        id: adjustment.id,
        unitId: adjustment.unitId,
        points: adjustment.points,
        reason: adjustment.reason,
        eventAt: new Date(adjustment.at),
        createdById: adjustment.by,
        createdAt: ctx.now,
      },
      include: adjustmentInclude,
    });
    await audit(tx, ctx, {
      action: 'adjustment.create',
      entity: 'Adjustment',
      entityId: created.id,
      unitId: created.unitId,
      after: adjustment,
    });
    return created;
  });
  return adjustmentView(row);
}

/** Revokes an adjustment by recording its counter (DESIGN §3.4: never deleted). */
export async function counterAdjustment(
  ctx: ServiceContext,
  id: string,
  input: { reason: string },
) {
  try {
    const row = await ctx.db.$transaction(async (tx) => {
      const original = await tx.adjustment.findUnique({ where: { id } });
      if (original === null)
        throw new ServiceError('not_found', 'ADJUSTMENT.NOT_FOUND', '加分或扣分记录不存在');
      const existing = await tx.adjustment.findMany({ where: { countersId: id } });
      const counter = unwrapAll(
        counterAdjustmentRule(
          adjustmentOf(original),
          existing.map(adjustmentOf),
          { id: randomUUID(), reason: input.reason },
          actorAsPerson(ctx.actor),
          ctx.now.getTime(),
        ),
      );
      const created = await tx.adjustment.create({
        data: {
          id: counter.id,
          unitId: counter.unitId,
          points: counter.points,
          reason: counter.reason,
          eventAt: new Date(counter.at),
          createdById: counter.by,
          createdAt: ctx.now,
          countersId: counter.countersId,
        },
        include: adjustmentInclude,
      });
      await audit(tx, ctx, {
        action: 'adjustment.counter',
        entity: 'Adjustment',
        entityId: created.id,
        unitId: created.unitId,
        before: adjustmentOf(original),
        after: counter,
      });
      return created;
    });
    return adjustmentView(row);
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
  const where: Prisma.AdjustmentWhereInput = {
    ...unitFilter(visibility),
    ...(filters.unitId === undefined ? {} : { unitId: filters.unitId }),
    ...(filters.period === undefined ? {} : { eventAt: within(rangeOf(filters.period)) }),
  };
  const [total, rows] = await Promise.all([
    ctx.db.adjustment.count({ where }),
    ctx.db.adjustment.findMany({
      where,
      include: adjustmentInclude,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (filters.page - 1) * filters.pageSize,
      take: filters.pageSize,
    }),
  ]);
  return { items: rows.map(adjustmentView), total, page: filters.page, pageSize: filters.pageSize };
}
