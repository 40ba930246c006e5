/**
 * People and their roles (DESIGN §2, §3.1, §6): who may see whom, what an administrator may
 * change, and passwords.
 */
import type { Db } from '@jyxc/db';
import { BUREAU_ROLES, UNIT_ROLES, type Role, type UnitKind } from '@jyxc/domain';
import { audit } from '../../shared/audit.js';
import { requireAdmin } from '../../shared/actor.js';
import type { ServiceContext } from '../../shared/context.js';
import { inTransaction, isUniqueViolation } from '../../shared/db.js';
import { ServiceError } from '../../shared/errors.js';
import {
  assertPasswordPolicy,
  checkCurrentPassword,
  forgetSessionsOf,
  hashPassword,
  revokeSessionsOf,
} from '../auth/service.js';
import { assertCanSee, findUnit, unitFilter, visibilityFor } from '../organisation/service.js';
import {
  findCredentials,
  findPeople,
  findPerson,
  insertPerson,
  setPasswordHash,
  updatePersonRow,
  type PersonView,
} from './repository.js';

export {
  findPersonState,
  insertPerson,
  loadPeople,
  namesOf,
  peopleById,
  peopleOfUnits,
  personLogins,
  type PersonView,
} from './repository.js';

function personNotFound(): ServiceError {
  return new ServiceError('not_found', 'PERSON.NOT_FOUND', '人员不存在');
}

export interface PeopleQuery {
  readonly unitId?: string | undefined;
  readonly role?: Role | undefined;
  readonly q?: string | undefined;
  readonly active?: boolean | undefined;
  readonly page: number;
  readonly pageSize: number;
}

export async function listPeople(ctx: ServiceContext, query: PeopleQuery) {
  const visibility = await visibilityFor(ctx);
  if (query.unitId !== undefined) assertCanSee(visibility, query.unitId);
  const { total, items } = await findPeople(
    ctx.db,
    {
      scope: unitFilter(visibility),
      unitId: query.unitId,
      role: query.role,
      active: query.active,
      q: query.q,
    },
    { skip: (query.page - 1) * query.pageSize, take: query.pageSize },
  );
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export async function getPerson(ctx: ServiceContext, id: string): Promise<PersonView> {
  const found = await findPerson(ctx.db, id);
  if (!found) throw personNotFound();
  assertCanSee(await visibilityFor(ctx), found.unitId);
  const { unitId: _unitId, ...view } = found;
  return view;
}

/**
 * Bureau roles widen what a person sees to the whole county (DESIGN §6), so they are only
 * given to the bureau's own staff; unit roles are duties inside a reporting unit.
 */
export function rolesNotFitting(unitKind: UnitKind, roles: readonly Role[]): Role[] {
  const bureauRoles: readonly Role[] = BUREAU_ROLES;
  const unitRoles: readonly Role[] = UNIT_ROLES;
  return unitKind === 'bureau'
    ? roles.filter((r) => unitRoles.includes(r))
    : roles.filter((r) => bureauRoles.includes(r));
}

function assertRolesFit(unitKind: UnitKind, roles: readonly Role[]): void {
  const wrong = rolesNotFitting(unitKind, roles);
  if (wrong.length > 0) {
    throw new ServiceError(
      'invalid',
      'PERSON.ROLE_UNIT_MISMATCH',
      unitKind === 'bureau'
        ? '局机关人员只能担任审核员、局领导或管理员'
        : '基层单位人员不能担任局机关职责',
      { path: 'roles', roles: wrong },
    );
  }
}

async function unitForPerson(db: Db, unitId: string) {
  const unit = await findUnit(db, unitId);
  if (!unit)
    throw new ServiceError('invalid', 'PERSON.UNIT_NOT_FOUND', '所属单位不存在', {
      path: 'unitId',
    });
  if (!unit.active)
    throw new ServiceError('invalid', 'PERSON.UNIT_INACTIVE', '所属单位已停用', { path: 'unitId' });
  return unit;
}

export interface NewPersonInput {
  readonly name: string;
  readonly unitId: string;
  readonly username: string;
  readonly password: string;
  readonly roles: readonly Role[];
  readonly phone?: string | undefined;
}

export async function createPerson(
  ctx: ServiceContext,
  input: NewPersonInput,
): Promise<PersonView> {
  requireAdmin(ctx);
  const unit = await unitForPerson(ctx.db, input.unitId);
  const roles = [...new Set(input.roles)];
  assertRolesFit(unit.kind, roles);
  assertPasswordPolicy(input.password, input.username, 'password');
  const passwordHash = await hashPassword(input.password);
  try {
    return await inTransaction(ctx, async (tx) => {
      const view = await insertPerson(tx, {
        name: input.name,
        username: input.username,
        passwordHash,
        unitId: unit.id,
        phone: input.phone ?? null,
        roles,
      });
      await audit(tx, ctx, {
        action: 'person.create',
        entity: 'Person',
        entityId: view.id,
        unitId: unit.id,
        after: view,
      });
      return view;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ServiceError('conflict', 'PERSON.USERNAME_TAKEN', '用户名已被使用', {
        path: 'username',
      });
    }
    throw error;
  }
}

export interface PersonPatch {
  readonly name?: string | undefined;
  readonly unitId?: string | undefined;
  readonly roles?: readonly Role[] | undefined;
  readonly active?: boolean | undefined;
  readonly phone?: string | null | undefined;
}

export async function updatePerson(
  ctx: ServiceContext,
  id: string,
  patch: PersonPatch,
): Promise<PersonView> {
  requireAdmin(ctx);
  const existing = await findPerson(ctx.db, id);
  if (!existing) throw personNotFound();
  const { unitId: existingUnitId, ...before } = existing;
  const unit =
    patch.unitId !== undefined ? await unitForPerson(ctx.db, patch.unitId) : existing.unit;
  const roles = patch.roles !== undefined ? [...new Set(patch.roles)] : before.roles;
  assertRolesFit(unit.kind, roles);
  if (id === ctx.actor.personId && (patch.active === false || !roles.includes('admin'))) {
    // An administrator cannot lock themself out; another administrator has to do it.
    throw new ServiceError('invalid', 'PERSON.SELF_LOCKOUT', '不能停用自己或撤销自己的管理员职责', {
      path: patch.active === false ? 'active' : 'roles',
    });
  }
  const unitChanged = unit.id !== existingUnitId;
  const updated = await inTransaction(ctx, async (tx) => {
    const after = await updatePersonRow(tx, id, {
      name: patch.name,
      active: patch.active,
      phone: patch.phone,
      unitId: unitChanged ? unit.id : undefined,
      roles:
        patch.roles !== undefined || unitChanged ? { list: roles, unitId: unit.id } : undefined,
    });
    // Someone who left is logged out everywhere at once.
    if (patch.active === false) await revokeSessionsOf(tx, id, ctx.now);
    await audit(tx, ctx, {
      action: unitChanged ? 'person.move' : 'person.update',
      entity: 'Person',
      entityId: id,
      unitId: unit.id,
      before,
      after,
    });
    return after;
  });
  // After the commit: dropped any earlier, a concurrent request could cache the old rows again.
  forgetSessionsOf(ctx.db, id);
  return updated;
}

/** An administrator sets a new password for someone; their sessions end. */
export async function resetPassword(
  ctx: ServiceContext,
  id: string,
  password: string,
): Promise<void> {
  requireAdmin(ctx);
  const person = await findCredentials(ctx.db, id);
  if (!person) throw personNotFound();
  assertPasswordPolicy(password, person.username, 'password');
  const passwordHash = await hashPassword(password);
  await inTransaction(ctx, async (tx) => {
    await setPasswordHash(tx, id, passwordHash);
    await revokeSessionsOf(
      tx,
      id,
      ctx.now,
      id === ctx.actor.personId ? ctx.actor.sessionId : undefined,
    );
    // The hash is never written to the audit log.
    await audit(tx, ctx, {
      action: 'person.resetPassword',
      entity: 'Person',
      entityId: id,
      unitId: person.unitId,
    });
  });
  forgetSessionsOf(ctx.db, id);
}

/** The logged-in person changes their own password; their other sessions end. */
export async function changeOwnPassword(
  ctx: ServiceContext,
  current: string,
  next: string,
): Promise<void> {
  const person = await findCredentials(ctx.db, ctx.actor.personId);
  if (
    !person ||
    !(await checkCurrentPassword(ctx.db, person.id, person.passwordHash, current, ctx.now))
  ) {
    throw new ServiceError('invalid', 'AUTH.WRONG_PASSWORD', '当前密码不正确', {
      path: 'currentPassword',
    });
  }
  if (current === next) {
    throw new ServiceError('invalid', 'AUTH.SAME_PASSWORD', '新密码不能与当前密码相同', {
      path: 'newPassword',
    });
  }
  assertPasswordPolicy(next, person.username, 'newPassword');
  const passwordHash = await hashPassword(next);
  await inTransaction(ctx, async (tx) => {
    await setPasswordHash(tx, person.id, passwordHash);
    await revokeSessionsOf(tx, person.id, ctx.now, ctx.actor.sessionId);
    await audit(tx, ctx, {
      action: 'person.changePassword',
      entity: 'Person',
      entityId: person.id,
      unitId: person.unitId,
    });
  });
  forgetSessionsOf(ctx.db, person.id);
}
