/**
 * The outlet registry (媒体/平台, issue 16): the bureau keeps the list of outlets that publish
 * its units' items, each with its level and kind, so that an adoption names an outlet from the
 * list (its level the default) instead of free text. Outlets are deactivated, never deleted:
 * the adoptions recorded from them keep their name.
 */
import type { AdoptionLevel, OutletKind } from '@jyxc/domain';
import { hasAnyRole } from '../../shared/actor.js';
import { audit } from '../../shared/audit.js';
import type { ServiceContext } from '../../shared/context.js';
import { inTransaction, isUniqueViolation, type Reader } from '../../shared/db.js';
import { ServiceError } from '../../shared/errors.js';
import {
  findOutlet,
  findOutletByName,
  findOutlets,
  insertOutlet,
  writeOutlet,
  type OutletFilter,
  type OutletView,
} from './repository.js';

export type { OutletView } from './repository.js';

/** The bureau desk keeps the registry: its reviewers (宣传股) and administrators. */
function requireBureauDesk(ctx: ServiceContext): void {
  if (!hasAnyRole(ctx, ['reviewer', 'admin'])) {
    throw new ServiceError(
      'forbidden',
      'OUTLET.NOT_BUREAU_DESK',
      '只有宣传股审核员或系统管理员可以维护媒体名录',
    );
  }
}

const nameTaken = (name: string) =>
  new ServiceError('conflict', 'OUTLET.NAME_TAKEN', `媒体名录中已有“${name}”`, {
    path: 'name',
  });

const notFound = () => new ServiceError('not_found', 'OUTLET.NOT_FOUND', '该媒体不存在');

/** The registry, by name; everyone signed in may read it (it names public media only). */
export function listOutlets(ctx: ServiceContext, filter: OutletFilter): Promise<OutletView[]> {
  return findOutlets(ctx.db, filter);
}

export interface NewOutlet {
  readonly name: string;
  readonly level: AdoptionLevel;
  readonly kind: OutletKind;
}

export async function createOutlet(ctx: ServiceContext, input: NewOutlet): Promise<OutletView> {
  requireBureauDesk(ctx);
  try {
    return await inTransaction(ctx, async (tx) => {
      if ((await findOutletByName(tx, input.name)) !== null) throw nameTaken(input.name);
      const created = await insertOutlet(tx, { ...input, now: ctx.now });
      await audit(tx, ctx, {
        action: 'outlet.create',
        entity: 'Outlet',
        entityId: created.id,
        unitId: null,
        after: { name: created.name, level: created.level, kind: created.kind },
      });
      return created;
    });
  } catch (error) {
    // Two bureau staff adding the same outlet at once: the unique name decides.
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

export interface OutletChange {
  readonly name?: string | undefined;
  readonly level?: AdoptionLevel | undefined;
  readonly kind?: OutletKind | undefined;
  readonly active?: boolean | undefined;
}

/**
 * Renames, re-levels, re-kinds, deactivates or reactivates an outlet. Adoptions recorded
 * earlier keep the name and level they were recorded with: a change here never rescores them.
 */
export async function updateOutlet(
  ctx: ServiceContext,
  id: string,
  change: OutletChange,
): Promise<OutletView> {
  requireBureauDesk(ctx);
  try {
    return await inTransaction(ctx, async (tx) => {
      const before = await findOutlet(tx, id);
      if (before === null) throw notFound();
      if (change.name !== undefined && change.name !== before.name) {
        if ((await findOutletByName(tx, change.name)) !== null) throw nameTaken(change.name);
      }
      const after = await writeOutlet(tx, id, { ...change, now: ctx.now });
      await audit(tx, ctx, {
        action: 'outlet.update',
        entity: 'Outlet',
        entityId: id,
        unitId: null,
        before: {
          name: before.name,
          level: before.level,
          kind: before.kind,
          active: before.active,
        },
        after: { name: after.name, level: after.level, kind: after.kind, active: after.active },
      });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error) && change.name !== undefined) throw nameTaken(change.name);
    throw error;
  }
}

/**
 * The outlet an adoption is recorded from: it must exist and be active. Answers its name and
 * level, which the adoption takes (the level only when none was chosen).
 */
export async function outletForAdoption(db: Reader, id: string): Promise<OutletView> {
  const outlet = await findOutlet(db, id);
  if (outlet === null) {
    throw new ServiceError('invalid', 'ADOPTION.UNKNOWN_OUTLET', '所选媒体不在媒体名录中', {
      path: 'outletId',
    });
  }
  if (!outlet.active) {
    throw new ServiceError(
      'invalid',
      'ADOPTION.OUTLET_INACTIVE',
      `媒体“${outlet.name}”已停用，请选择其他媒体或先在媒体名录中启用`,
      { path: 'outletId' },
    );
  }
  return outlet;
}
