/**
 * Organisation (DESIGN §2, §3.1, §5, §6): the unit tree with its accountability gaps, people
 * and their roles, passwords, and the one-time codes that link a Telegram account or group.
 */
import { randomInt } from 'node:crypto';
import type { Db, Prisma } from '@jyxc/db';
import {
  BUREAU_ROLES,
  ROLES,
  UNIT_ROLES,
  accountabilityGaps,
  canSeeUnit,
  isBureauStaff,
  type AccountabilityGap,
  type Person,
  type Role,
  type Unit,
  type UnitKind,
} from '@jyxc/domain';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { forgetAllSessions, forgetSessionsOf } from '../auth/session.js';
import type { Actor } from '../../context.js';
import { ServiceError } from '../../shared/errors.js';
import { audit } from '../../shared/audit.js';
import type { ServiceContext } from '../../shared/context.js';
import { assertCanSee, unitFilter, visibilityFor } from './visibility.js';

// ---------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Every person of the county in the domain's shape (roles flattened, as the rules read them). */
export async function loadPeople(db: Db): Promise<Person[]> {
  const rows = await db.person.findMany({
    select: { id: true, name: true, unitId: true, active: true, roles: { select: { role: true } } },
    orderBy: { id: 'asc' },
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    unitId: row.unitId,
    active: row.active,
    roles: [...new Set(row.roles.map((r) => r.role).filter(isRole))],
  }));
}

/** The acting person as the domain sees them. */
export function actorAsPerson(actor: Actor): Person {
  return {
    id: actor.personId,
    name: actor.name,
    unitId: actor.unit.id,
    roles: actor.roles,
    active: true,
  };
}

/** Refuses, with 403, anyone who is not a system administrator (系统管理员). */
export function requireAdmin(ctx: ServiceContext): void {
  if (!ctx.actor.roles.includes('admin')) {
    throw new ServiceError('forbidden', 'FORBIDDEN.ADMIN_ONLY', '只有系统管理员可以执行此操作');
  }
}

function notFound(code: string, message: string): ServiceError {
  return new ServiceError('not_found', code, message);
}

// ---------------------------------------------------------------------------
// Units
// ---------------------------------------------------------------------------

export interface RoleHolder {
  readonly id: string;
  readonly name: string;
}

export interface UnitView {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly kind: UnitKind;
  readonly parentId: string | null;
  readonly staffCount: number;
  readonly studentCount: number;
  readonly directReporting: boolean;
  readonly active: boolean;
  readonly sortOrder: number;
  /** How many active people belong to the unit. */
  readonly peopleCount: number;
  /** The active holders of each role held in the unit. */
  readonly roles: Partial<Record<Role, RoleHolder[]>>;
  /** What is missing from the unit's accountability chain (DESIGN §3.1). */
  readonly gaps: readonly AccountabilityGap[];
}

export interface UnitNode extends UnitView {
  readonly children: UnitNode[];
}

interface UnitRow {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly kind: UnitKind;
  readonly parentId: string | null;
  readonly staffCount: number;
  readonly studentCount: number;
  readonly directReporting: boolean;
  readonly active: boolean;
  readonly sortOrder: number;
}

function domainUnit(row: UnitRow): Unit {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    parentId: row.parentId,
    staffCount: row.staffCount,
    studentCount: row.studentCount,
    directReporting: row.directReporting,
  };
}

function unitView(row: UnitRow, people: readonly Person[]): UnitView {
  const mine = people.filter((p) => p.unitId === row.id && p.active);
  const roles: Partial<Record<Role, RoleHolder[]>> = {};
  for (const role of ROLES) {
    const holders = mine
      .filter((p) => p.roles.includes(role))
      .map((p) => ({ id: p.id, name: p.name }));
    if (holders.length > 0) roles[role] = holders;
  }
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    parentId: row.parentId,
    staffCount: row.staffCount,
    studentCount: row.studentCount,
    directReporting: row.directReporting,
    active: row.active,
    sortOrder: row.sortOrder,
    peopleCount: mine.length,
    roles,
    gaps: row.active ? accountabilityGaps(domainUnit(row), people) : [],
  };
}

async function unitRows(db: Db): Promise<UnitRow[]> {
  return db.unit.findMany({
    select: {
      id: true,
      code: true,
      name: true,
      kind: true,
      parentId: true,
      staffCount: true,
      studentCount: true,
      directReporting: true,
      active: true,
      sortOrder: true,
    },
    orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }, { id: 'asc' }],
  });
}

/**
 * The units the actor may see as a tree (DESIGN §6): a visible unit whose parent is hidden
 * is a root, so a township center's staff get their center with its schools, and the
 * bureau gets the whole county under itself.
 */
export async function unitTree(ctx: ServiceContext): Promise<{ items: UnitNode[]; total: number }> {
  const [rows, people] = await Promise.all([unitRows(ctx.db), loadPeople(ctx.db)]);
  const visibility = await visibilityFor(ctx, rows.map(domainUnit));
  const visible = rows.filter((r) => canSeeUnit(visibility, r.id));
  const nodes = new Map<string, UnitNode>(
    visible.map((r) => [r.id, { ...unitView(r, people), children: [] }]),
  );
  const roots: UnitNode[] = [];
  for (const row of visible) {
    const node = nodes.get(row.id);
    if (node === undefined) continue;
    const parent = row.parentId === null ? undefined : nodes.get(row.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return { items: roots, total: visible.length };
}

export async function getUnit(
  ctx: ServiceContext,
  id: string,
): Promise<UnitView & { parent: RoleHolder | null }> {
  const rows = await unitRows(ctx.db);
  const row = rows.find((r) => r.id === id);
  if (!row) throw notFound('UNIT.NOT_FOUND', '单位不存在');
  assertCanSee(await visibilityFor(ctx, rows.map(domainUnit)), id);
  const people = await loadPeople(ctx.db);
  const parent = row.parentId === null ? undefined : rows.find((r) => r.id === row.parentId);
  return { ...unitView(row, people), parent: parent ? { id: parent.id, name: parent.name } : null };
}

/** The accountability gaps of every visible, active unit (DESIGN §3.1: flagged everywhere). */
export async function visibleGaps(ctx: ServiceContext): Promise<{
  items: (AccountabilityGap & { unitName: string; unitKind: UnitKind })[];
  total: number;
}> {
  const [rows, people] = await Promise.all([unitRows(ctx.db), loadPeople(ctx.db)]);
  const visibility = await visibilityFor(ctx, rows.map(domainUnit));
  const items = rows
    .filter((r) => r.active && canSeeUnit(visibility, r.id))
    .flatMap((r) =>
      accountabilityGaps(domainUnit(r), people).map((g) => ({
        ...g,
        unitName: r.name,
        unitKind: r.kind,
      })),
    );
  return { items, total: items.length };
}

/** Which kind of unit a new unit must hang under (DESIGN §2: a school belongs to a township center). */
const PARENT_KIND: Readonly<Record<UnitKind, UnitKind | null>> = {
  bureau: null,
  township_center: 'bureau',
  direct_unit: 'bureau',
  school: 'township_center',
};

export interface NewUnitInput {
  readonly name: string;
  readonly kind: UnitKind;
  readonly parentId: string;
  readonly code?: string | undefined;
  readonly staffCount?: number | undefined;
  readonly studentCount?: number | undefined;
  readonly directReporting?: boolean | undefined;
  readonly sortOrder?: number | undefined;
}

function assertDirectReportingFits(kind: UnitKind, directReporting: boolean | undefined): void {
  // DESIGN §3.2: only a school may be made a direct reporting point (直报点).
  if (directReporting === true && kind !== 'school') {
    throw new ServiceError(
      'invalid',
      'UNIT.DIRECT_REPORTING_SCHOOL_ONLY',
      '只有学校可以设为直报点',
      {
        path: 'directReporting',
      },
    );
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'P2002';
}

export async function createUnit(ctx: ServiceContext, input: NewUnitInput): Promise<UnitView> {
  requireAdmin(ctx);
  const wanted = PARENT_KIND[input.kind];
  if (wanted === null) {
    throw new ServiceError('invalid', 'UNIT.BUREAU_EXISTS', '县教体局只有一个，不能新建', {
      path: 'kind',
    });
  }
  const parent = await ctx.db.unit.findUnique({ where: { id: input.parentId } });
  if (!parent)
    throw new ServiceError('invalid', 'UNIT.PARENT_NOT_FOUND', '上级单位不存在', {
      path: 'parentId',
    });
  if (parent.kind !== wanted) {
    throw new ServiceError(
      'invalid',
      'UNIT.PARENT_KIND',
      input.kind === 'school'
        ? '学校的上级须为乡镇中心校'
        : '乡镇中心校和局直单位的上级须为县教体局',
      { path: 'parentId', expected: wanted, actual: parent.kind },
    );
  }
  assertDirectReportingFits(input.kind, input.directReporting);
  const code = input.code ?? `u-${randomCode(10).toLowerCase()}`;
  try {
    const row = await ctx.db.$transaction(async (tx) => {
      const created = await tx.unit.create({
        data: {
          name: input.name,
          kind: input.kind,
          parentId: parent.id,
          code,
          staffCount: input.staffCount ?? 0,
          studentCount: input.studentCount ?? 0,
          directReporting: input.directReporting ?? false,
          sortOrder: input.sortOrder ?? 0,
        },
      });
      await audit(tx, ctx, {
        action: 'unit.create',
        entity: 'Unit',
        entityId: created.id,
        unitId: created.id,
        after: created,
      });
      return created;
    });
    return unitView(row, []);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ServiceError('conflict', 'UNIT.CODE_TAKEN', '单位代码已被使用', { path: 'code' });
    }
    throw error;
  }
}

export interface UnitPatch {
  readonly name?: string | undefined;
  readonly staffCount?: number | undefined;
  readonly studentCount?: number | undefined;
  readonly directReporting?: boolean | undefined;
  readonly sortOrder?: number | undefined;
  readonly active?: boolean | undefined;
}

export async function updateUnit(
  ctx: ServiceContext,
  id: string,
  patch: UnitPatch,
): Promise<UnitView> {
  requireAdmin(ctx);
  const before = await ctx.db.unit.findUnique({ where: { id } });
  if (!before) throw notFound('UNIT.NOT_FOUND', '单位不存在');
  assertDirectReportingFits(before.kind, patch.directReporting);
  if (before.kind === 'bureau' && patch.active === false) {
    throw new ServiceError('invalid', 'UNIT.BUREAU_REQUIRED', '县教体局不能停用', {
      path: 'active',
    });
  }
  const data: Prisma.UnitUpdateInput = {};
  if (patch.name !== undefined) data.name = patch.name;
  if (patch.staffCount !== undefined) data.staffCount = patch.staffCount;
  if (patch.studentCount !== undefined) data.studentCount = patch.studentCount;
  if (patch.directReporting !== undefined) data.directReporting = patch.directReporting;
  if (patch.sortOrder !== undefined) data.sortOrder = patch.sortOrder;
  if (patch.active !== undefined) data.active = patch.active;
  const row = await ctx.db.$transaction(async (tx) => {
    const after = await tx.unit.update({ where: { id }, data });
    await audit(tx, ctx, {
      action: 'unit.update',
      entity: 'Unit',
      entityId: id,
      unitId: id,
      before,
      after,
    });
    return after;
  });
  // Every cached actor carries its unit's name and kind.
  forgetAllSessions(ctx.db);
  return unitView(row, await loadPeople(ctx.db));
}

// ---------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------

export interface PersonView {
  readonly id: string;
  readonly name: string;
  readonly username: string;
  readonly phone: string | null;
  readonly active: boolean;
  readonly unit: { readonly id: string; readonly name: string; readonly kind: UnitKind };
  readonly roles: Role[];
  readonly telegramLinked: boolean;
  readonly hasPassword: boolean;
}

const personInclude = {
  unit: { select: { id: true, name: true, kind: true } },
  roles: { select: { role: true } },
  telegramAccount: { select: { id: true } },
} as const;

type PersonRow = Prisma.PersonGetPayload<{ include: typeof personInclude }>;

function personView(row: PersonRow): PersonView {
  return {
    id: row.id,
    name: row.name,
    username: row.username,
    phone: row.phone,
    active: row.active,
    unit: row.unit,
    roles: [...new Set(row.roles.map((r) => r.role).filter(isRole))].sort(
      (a, b) => ROLES.indexOf(a) - ROLES.indexOf(b),
    ),
    telegramLinked: row.telegramAccount !== null,
    hasPassword: row.passwordHash !== null,
  };
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
  const where: Prisma.PersonWhereInput = {
    AND: [
      unitFilter(visibility),
      query.unitId !== undefined ? { unitId: query.unitId } : {},
      query.role !== undefined ? { roles: { some: { role: query.role } } } : {},
      query.active !== undefined ? { active: query.active } : {},
      query.q !== undefined
        ? { OR: [{ name: { contains: query.q } }, { username: { contains: query.q } }] }
        : {},
    ],
  };
  const [total, rows] = await Promise.all([
    ctx.db.person.count({ where }),
    ctx.db.person.findMany({
      where,
      include: personInclude,
      orderBy: [{ unit: { sortOrder: 'asc' } }, { name: 'asc' }, { id: 'asc' }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
  ]);
  return { items: rows.map(personView), total, page: query.page, pageSize: query.pageSize };
}

export async function getPerson(ctx: ServiceContext, id: string): Promise<PersonView> {
  const row = await ctx.db.person.findUnique({ where: { id }, include: personInclude });
  if (!row) throw notFound('PERSON.NOT_FOUND', '人员不存在');
  assertCanSee(await visibilityFor(ctx), row.unitId);
  return personView(row);
}

/**
 * Bureau roles widen what a person sees to the whole county (DESIGN §6), so they are only
 * given to the bureau's own staff; unit roles are duties inside a reporting unit.
 */
function assertRolesFit(unitKind: UnitKind, roles: readonly Role[]): void {
  const bureauRoles: readonly Role[] = BUREAU_ROLES;
  const unitRoles: readonly Role[] = UNIT_ROLES;
  const wrong =
    unitKind === 'bureau'
      ? roles.filter((r) => unitRoles.includes(r))
      : roles.filter((r) => bureauRoles.includes(r));
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
  const unit = await db.unit.findUnique({ where: { id: unitId } });
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
  const passwordHash = await hashPassword(input.password);
  try {
    const row = await ctx.db.$transaction(async (tx) => {
      const created = await tx.person.create({
        data: {
          name: input.name,
          username: input.username,
          passwordHash,
          unitId: unit.id,
          phone: input.phone ?? null,
          roles: { create: roles.map((role) => ({ role, unitId: unit.id })) },
        },
        include: personInclude,
      });
      const view = personView(created);
      await audit(tx, ctx, {
        action: 'person.create',
        entity: 'Person',
        entityId: created.id,
        unitId: unit.id,
        after: view,
      });
      return view;
    });
    return row;
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
  const existing = await ctx.db.person.findUnique({ where: { id }, include: personInclude });
  if (!existing) throw notFound('PERSON.NOT_FOUND', '人员不存在');
  const before = personView(existing);
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
  const unitChanged = unit.id !== existing.unitId;
  const updated = await ctx.db.$transaction(async (tx) => {
    const data: Prisma.PersonUpdateInput = {};
    if (patch.name !== undefined) data.name = patch.name;
    if (patch.active !== undefined) data.active = patch.active;
    if (patch.phone !== undefined) data.phone = patch.phone;
    if (unitChanged) data.unit = { connect: { id: unit.id } };
    await tx.person.update({ where: { id }, data });
    if (patch.roles !== undefined || unitChanged) {
      await tx.personRole.deleteMany({ where: { personId: id } });
      if (roles.length > 0) {
        await tx.personRole.createMany({
          data: roles.map((role) => ({ personId: id, unitId: unit.id, role })),
        });
      }
    }
    if (patch.active === false) {
      // Someone who left is logged out everywhere at once.
      await tx.loginSession.updateMany({
        where: { personId: id, revokedAt: null },
        data: { revokedAt: ctx.now },
      });
    }
    const after = personView(
      await tx.person.findUniqueOrThrow({ where: { id }, include: personInclude }),
    );
    await audit(tx, ctx, {
      action: 'person.update',
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

/** Shortest password accepted for a console login. */
export const MIN_PASSWORD_LENGTH = 8;

/** An administrator sets a new password for someone; their sessions end. */
export async function resetPassword(
  ctx: ServiceContext,
  id: string,
  password: string,
): Promise<void> {
  requireAdmin(ctx);
  const person = await ctx.db.person.findUnique({ where: { id } });
  if (!person) throw notFound('PERSON.NOT_FOUND', '人员不存在');
  const passwordHash = await hashPassword(password);
  await ctx.db.$transaction(async (tx) => {
    await tx.person.update({ where: { id }, data: { passwordHash } });
    await tx.loginSession.updateMany({
      where: {
        personId: id,
        revokedAt: null,
        ...(id === ctx.actor.personId && ctx.actor.sessionId
          ? { NOT: { id: ctx.actor.sessionId } }
          : {}),
      },
      data: { revokedAt: ctx.now },
    });
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
  const person = await ctx.db.person.findUnique({ where: { id: ctx.actor.personId } });
  if (!person || !(await verifyPassword(person.passwordHash, current))) {
    throw new ServiceError('invalid', 'AUTH.WRONG_PASSWORD', '当前密码不正确', {
      path: 'currentPassword',
    });
  }
  if (current === next) {
    throw new ServiceError('invalid', 'AUTH.SAME_PASSWORD', '新密码不能与当前密码相同', {
      path: 'newPassword',
    });
  }
  const passwordHash = await hashPassword(next);
  await ctx.db.$transaction(async (tx) => {
    await tx.person.update({ where: { id: person.id }, data: { passwordHash } });
    await tx.loginSession.updateMany({
      where: {
        personId: person.id,
        revokedAt: null,
        ...(ctx.actor.sessionId !== undefined ? { NOT: { id: ctx.actor.sessionId } } : {}),
      },
      data: { revokedAt: ctx.now },
    });
    await audit(tx, ctx, {
      action: 'person.changePassword',
      entity: 'Person',
      entityId: person.id,
      unitId: person.unitId,
    });
  });
  forgetSessionsOf(ctx.db, person.id);
}

// ---------------------------------------------------------------------------
// One-time link codes (DESIGN §5)
// ---------------------------------------------------------------------------

/** Letters and digits that cannot be mistaken for each other when read aloud or retyped (no 0/O, 1/I/L). */
export const LINK_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const LINK_CODE_LENGTH = 8;
export const LINK_CODE_DEFAULT_TTL_HOURS = 24;

function randomCode(length: number): string {
  let code = '';
  // randomInt draws without modulo bias from the operating system's CSPRNG.
  for (let i = 0; i < length; i += 1)
    code += LINK_CODE_ALPHABET[randomInt(LINK_CODE_ALPHABET.length)];
  return code;
}

/** A code as people type it: case and separators ignored. */
export function normaliseLinkCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, '');
}

export type LinkCodeKind = 'person' | 'group';

export interface LinkCodeView {
  readonly id: string;
  readonly kind: LinkCodeKind;
  readonly code: string;
  readonly person: RoleHolder | null;
  readonly unit: RoleHolder | null;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
  readonly createdAt: Date;
  /** What to send the bot: `/start CODE` in a direct message or `/bindgroup CODE` in the group. */
  readonly command: string;
  /** `https://t.me/<bot>?start=<code>` for a person's code when the bot's username is known. */
  readonly deepLink: string | null;
}

const linkCodeInclude = {
  person: { select: { id: true, name: true } },
  unit: { select: { id: true, name: true } },
} as const;

type LinkCodeRow = Prisma.LinkCodeGetPayload<{ include: typeof linkCodeInclude }>;

function linkCodeView(row: LinkCodeRow, bot: string | undefined): LinkCodeView {
  return {
    id: row.id,
    kind: row.kind,
    code: row.code,
    person: row.person,
    unit: row.unit,
    expiresAt: row.expiresAt,
    usedAt: row.usedAt,
    createdAt: row.createdAt,
    command: row.kind === 'person' ? `/start ${row.code}` : `/bindgroup ${row.code}`,
    deepLink:
      row.kind === 'person' && bot !== undefined ? `https://t.me/${bot}?start=${row.code}` : null,
  };
}

export interface IssueLinkCodeInput {
  readonly kind: LinkCodeKind;
  /** For a person code; defaults to the actor. */
  readonly personId?: string | undefined;
  /** For a group code; defaults to the actor's unit. */
  readonly unitId?: string | undefined;
  readonly expiresInHours?: number | undefined;
}

/**
 * Issues a one-time code. A person code: administrators for anyone, anybody for themself.
 * A group code: administrators for any unit, a unit's head or officer for their own unit.
 */
export async function issueLinkCode(
  ctx: ServiceContext,
  input: IssueLinkCodeInput,
  bot: string | undefined,
): Promise<LinkCodeView> {
  const admin = ctx.actor.roles.includes('admin');
  let personId: string | null = null;
  let unitId: string | null = null;
  let auditUnitId: string;
  if (input.kind === 'person') {
    personId = input.personId ?? ctx.actor.personId;
    if (personId !== ctx.actor.personId && !admin) {
      throw new ServiceError('forbidden', 'LINK_CODE.FORBIDDEN', '只能为自己生成绑定码');
    }
    const person = await ctx.db.person.findUnique({ where: { id: personId } });
    if (!person)
      throw new ServiceError('invalid', 'LINK_CODE.PERSON_NOT_FOUND', '人员不存在', {
        path: 'personId',
      });
    if (!person.active)
      throw new ServiceError('invalid', 'LINK_CODE.PERSON_INACTIVE', '该人员已停用', {
        path: 'personId',
      });
    auditUnitId = person.unitId;
  } else {
    unitId = input.unitId ?? ctx.actor.unit.id;
    const own =
      unitId === ctx.actor.unit.id && ctx.actor.roles.some((r) => r === 'head' || r === 'officer');
    if (!admin && !own) {
      throw new ServiceError(
        'forbidden',
        'LINK_CODE.FORBIDDEN',
        '只有管理员或本单位一把手、信息员可以生成工作群绑定码',
      );
    }
    const unit = await ctx.db.unit.findUnique({ where: { id: unitId } });
    if (!unit)
      throw new ServiceError('invalid', 'LINK_CODE.UNIT_NOT_FOUND', '单位不存在', {
        path: 'unitId',
      });
    if (!unit.active)
      throw new ServiceError('invalid', 'LINK_CODE.UNIT_INACTIVE', '单位已停用', {
        path: 'unitId',
      });
    auditUnitId = unit.id;
  }
  const expiresAt = new Date(
    ctx.now.getTime() + (input.expiresInHours ?? LINK_CODE_DEFAULT_TTL_HOURS) * 3_600_000,
  );
  // 31^8 ≈ 8.5e11 codes: a clash is improbable, and the unique index turns one into a retry.
  for (let attempt = 0; ; attempt += 1) {
    const code = randomCode(LINK_CODE_LENGTH);
    try {
      const row = await ctx.db.$transaction(async (tx) => {
        const created = await tx.linkCode.create({
          data: {
            kind: input.kind,
            code,
            personId,
            unitId,
            expiresAt,
            createdById: ctx.actor.personId,
            createdAt: ctx.now,
          },
          include: linkCodeInclude,
        });
        await audit(tx, ctx, {
          action: 'linkCode.issue',
          entity: 'LinkCode',
          entityId: created.id,
          unitId: auditUnitId,
          // The code itself is a secret until used; the log records only its target.
          after: { kind: created.kind, personId, unitId, expiresAt },
        });
        return created;
      });
      return linkCodeView(row, bot);
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}

/** The codes the actor issued that can still be used. */
export async function activeLinkCodes(ctx: ServiceContext, bot: string | undefined) {
  const rows = await ctx.db.linkCode.findMany({
    where: { createdById: ctx.actor.personId, usedAt: null, expiresAt: { gt: ctx.now } },
    include: linkCodeInclude,
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
  });
  return { items: rows.map((r) => linkCodeView(r, bot)), total: rows.length };
}

/** Revokes an unused code (it expires now); its issuer or an administrator may. */
export async function revokeLinkCode(ctx: ServiceContext, id: string): Promise<void> {
  const row = await ctx.db.linkCode.findUnique({ where: { id } });
  if (!row) throw notFound('LINK_CODE.NOT_FOUND', '绑定码不存在');
  if (row.createdById !== ctx.actor.personId && !ctx.actor.roles.includes('admin')) {
    throw new ServiceError('forbidden', 'LINK_CODE.FORBIDDEN', '只能撤销自己生成的绑定码');
  }
  if (row.usedAt !== null)
    throw new ServiceError('conflict', 'LINK_CODE.USED', '绑定码已被使用，不能撤销');
  if (row.expiresAt <= ctx.now) return;
  await ctx.db.$transaction(async (tx) => {
    await tx.linkCode.update({ where: { id }, data: { expiresAt: ctx.now } });
    await audit(tx, ctx, {
      action: 'linkCode.revoke',
      entity: 'LinkCode',
      entityId: id,
      unitId: row.unitId,
      before: { expiresAt: row.expiresAt },
      after: { expiresAt: ctx.now },
    });
  });
}

export type ConsumeLinkCodeInput =
  | {
      readonly code: string;
      readonly kind: 'person';
      readonly telegramUserId: string;
      /** The Telegram @username, kept for the console. */
      readonly telegramUsername?: string | null | undefined;
      readonly now: Date;
    }
  | {
      readonly code: string;
      readonly kind: 'group';
      readonly chatId: string;
      readonly title?: string | null | undefined;
      readonly now: Date;
    };

export type ConsumeLinkCodeResult =
  | {
      readonly kind: 'person';
      readonly person: RoleHolder;
      readonly unit: RoleHolder;
      readonly telegramUserId: string;
    }
  | { readonly kind: 'group'; readonly unit: RoleHolder; readonly chatId: string };

/**
 * Uses a one-time code from the bot (`/start CODE`, `/bindgroup CODE`): checks it, marks it
 * used and links the Telegram account to the person, or the group to the unit, with an audit
 * entry by the bot — all in one transaction, so a code links exactly once even when two
 * messages race. Failures are {@link ServiceError}s coded `LINK_CODE.UNKNOWN` (404),
 * `LINK_CODE.EXPIRED`, `LINK_CODE.USED` or `LINK_CODE.WRONG_KIND` (422).
 */
export async function consumeLinkCode(
  db: Db,
  input: ConsumeLinkCodeInput,
): Promise<ConsumeLinkCodeResult> {
  const code = normaliseLinkCode(input.code);
  return db.$transaction(async (tx) => {
    const row = await tx.linkCode.findUnique({ where: { code }, include: linkCodeInclude });
    if (!row)
      throw new ServiceError('not_found', 'LINK_CODE.UNKNOWN', '绑定码不存在，请核对后重试');
    if (row.usedAt !== null)
      throw new ServiceError('invalid', 'LINK_CODE.USED', '绑定码已被使用，请在后台重新生成');
    if (row.expiresAt <= input.now)
      throw new ServiceError('invalid', 'LINK_CODE.EXPIRED', '绑定码已过期，请在后台重新生成');
    if (row.kind !== input.kind) {
      throw new ServiceError(
        'invalid',
        'LINK_CODE.WRONG_KIND',
        row.kind === 'person'
          ? '这是个人绑定码，请在与机器人的私聊中发送 /start 绑定码'
          : '这是工作群绑定码，请在工作群中发送 /bindgroup 绑定码',
        { expected: row.kind },
      );
    }
    // Marking it used only while still unused makes a concurrent second use fail here.
    const claimed = await tx.linkCode.updateMany({
      where: { id: row.id, usedAt: null },
      data: { usedAt: input.now },
    });
    if (claimed.count !== 1)
      throw new ServiceError('invalid', 'LINK_CODE.USED', '绑定码已被使用，请在后台重新生成');

    if (input.kind === 'person') {
      const person = row.person;
      if (!person) throw new ServiceError('invalid', 'LINK_CODE.UNKNOWN', '绑定码没有对应的人员');
      const target = await tx.person.findUniqueOrThrow({
        where: { id: person.id },
        include: { unit: true },
      });
      // Someone who left after the code was issued must not get a working bot account.
      if (!target.active) {
        throw new ServiceError('invalid', 'LINK_CODE.PERSON_INACTIVE', '该人员已停用，不能绑定');
      }
      // One Telegram account per person and one person per account: a new link replaces the old.
      const replaced = await tx.telegramAccount.findMany({
        where: { OR: [{ telegramUserId: input.telegramUserId }, { personId: person.id }] },
      });
      await tx.telegramAccount.deleteMany({ where: { id: { in: replaced.map((r) => r.id) } } });
      const account = await tx.telegramAccount.create({
        data: {
          telegramUserId: input.telegramUserId,
          personId: person.id,
          username: input.telegramUsername ?? null,
          linkedAt: input.now,
        },
      });
      await tx.auditLog.create({
        data: {
          at: input.now,
          actorId: person.id,
          actorKind: 'bot',
          action: 'telegram.linkPerson',
          entity: 'TelegramAccount',
          entityId: account.id,
          unitId: target.unitId,
          before: replaced.length > 0 ? JSON.stringify(replaced) : null,
          after: JSON.stringify({ ...account, linkCodeId: row.id, issuedById: row.createdById }),
        },
      });
      return {
        kind: 'person' as const,
        person,
        unit: { id: target.unit.id, name: target.unit.name },
        telegramUserId: input.telegramUserId,
      };
    }

    const unit = row.unit;
    if (!unit) throw new ServiceError('invalid', 'LINK_CODE.UNKNOWN', '绑定码没有对应的单位');
    const before = await tx.telegramGroup.findUnique({ where: { chatId: input.chatId } });
    const group = await tx.telegramGroup.upsert({
      where: { chatId: input.chatId },
      create: {
        chatId: input.chatId,
        unitId: unit.id,
        title: input.title ?? null,
        linkedById: row.createdById,
        linkedAt: input.now,
      },
      update: {
        unitId: unit.id,
        title: input.title ?? null,
        linkedById: row.createdById,
        linkedAt: input.now,
      },
    });
    await tx.auditLog.create({
      data: {
        at: input.now,
        actorId: null,
        actorKind: 'bot',
        action: 'telegram.linkGroup',
        entity: 'TelegramGroup',
        entityId: group.id,
        unitId: unit.id,
        before: before ? JSON.stringify(before) : null,
        after: JSON.stringify({ ...group, linkCodeId: row.id, issuedById: row.createdById }),
      },
    });
    return { kind: 'group' as const, unit, chatId: input.chatId };
  });
}

/** Whether an actor holds a bureau role (sees the whole county). */
export function isBureau(actor: Actor): boolean {
  return isBureauStaff({ roles: actor.roles });
}
