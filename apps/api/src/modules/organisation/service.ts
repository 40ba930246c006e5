/**
 * Organisation (DESIGN §2, §3.1, §6): the unit tree with its accountability gaps, and what each
 * person may see of it — the visibility every other module asks before it answers.
 */
import {
  ROLES,
  accountabilityGaps,
  canSeeUnit,
  isBureauStaff,
  visibilityOf,
  type AccountabilityGap,
  type Person,
  type Role,
  type Unit,
  type UnitKind,
  type Visibility,
} from '@jyxc/domain';
import { requireAdmin } from '../../shared/actor.js';
import { audit } from '../../shared/audit.js';
import type { ServiceContext } from '../../shared/context.js';
import { inTransaction, isUniqueViolation, type UnitScope } from '../../shared/db.js';
import { ServiceError } from '../../shared/errors.js';
import { randomCode } from '../../shared/ids.js';
import { forgetAllSessions } from '../auth/service.js';
import { loadPeople } from '../people/service.js';
import {
  domainUnit,
  findUnit,
  insertUnit,
  itemsUnderReview,
  loadUnits,
  unitRows,
  updateUnitRow,
  type UnitChanges,
  type UnitRow,
} from './repository.js';

export {
  domainUnit,
  findUnit,
  insertUnit,
  loadUnits,
  unitIndex,
  unitRows,
  type UnitRow,
} from './repository.js';

function unitNotFound(): ServiceError {
  return new ServiceError('not_found', 'UNIT.NOT_FOUND', '单位不存在');
}

// ---------------------------------------------------------------------------
// Visibility (DESIGN §6)
// ---------------------------------------------------------------------------

/**
 * A key for what the acting person may see: the domain's rule decides it from their unit and
 * roles alone (and the county's units, which only a write changes), and every bureau member
 * sees everything. Answers that depend on the viewer only through their visibility are kept
 * under it.
 */
export function viewerScopeKey(ctx: ServiceContext): string {
  const person = { unitId: ctx.actor.unit.id, roles: ctx.actor.roles, active: true };
  if (isBureauStaff(person)) return 'all';
  return `unit:${person.unitId}:${[...person.roles].sort().join(',')}`;
}

/** What the acting person may see (DESIGN §6). */
export async function visibilityFor(
  ctx: ServiceContext,
  units?: readonly Unit[],
): Promise<Visibility> {
  const all = units ?? (await loadUnits(ctx.db));
  return visibilityOf({ unitId: ctx.actor.unit.id, roles: ctx.actor.roles, active: true }, all);
}

/** A Prisma `where` fragment limiting rows with a `unitId` to the visible units. */
export function unitFilter(visibility: Visibility): UnitScope {
  return visibility.scope === 'all' ? {} : { unitId: { in: [...visibility.unitIds] } };
}

/** Refuses, with a 403 the console shows as "no permission", a unit the actor may not see. */
export function assertCanSee(visibility: Visibility, unitId: string): void {
  if (!canSeeUnit(visibility, unitId)) {
    throw new ServiceError('forbidden', 'FORBIDDEN.UNIT', '您没有权限查看其他单位的数据');
  }
}

// ---------------------------------------------------------------------------
// Units
// ---------------------------------------------------------------------------

export interface RoleHolder {
  readonly id: string;
  readonly name: string;
}

export interface UnitView extends UnitRow {
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
    deactivatedAt: row.deactivatedAt,
    peopleCount: mine.length,
    roles,
    gaps: row.active ? accountabilityGaps(domainUnit(row), people) : [],
  };
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
  if (!row) throw unitNotFound();
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
export const PARENT_KIND: Readonly<Record<UnitKind, UnitKind | null>> = {
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

export async function createUnit(ctx: ServiceContext, input: NewUnitInput): Promise<UnitView> {
  requireAdmin(ctx);
  const wanted = PARENT_KIND[input.kind];
  if (wanted === null) {
    throw new ServiceError('invalid', 'UNIT.BUREAU_EXISTS', '县教体局只有一个，不能新建', {
      path: 'kind',
    });
  }
  const parent = await findUnit(ctx.db, input.parentId);
  if (!parent)
    throw new ServiceError('invalid', 'UNIT.PARENT_NOT_FOUND', '上级单位不存在', {
      path: 'parentId',
    });
  assertParentKind(input.kind, parent.kind);
  if (!parent.active) {
    throw new ServiceError(
      'invalid',
      'UNIT.PARENT_INACTIVE',
      `${parent.name}已撤并，不能作为上级单位`,
      {
        path: 'parentId',
      },
    );
  }
  assertDirectReportingFits(input.kind, input.directReporting);
  const code = input.code ?? `u-${randomCode(10).toLowerCase()}`;
  try {
    const row = await inTransaction(ctx, async (tx) => {
      const created = await insertUnit(tx, {
        name: input.name,
        kind: input.kind,
        parentId: parent.id,
        code,
        staffCount: input.staffCount ?? 0,
        studentCount: input.studentCount ?? 0,
        directReporting: input.directReporting ?? false,
        sortOrder: input.sortOrder ?? 0,
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

/** What an administrator may change of a unit. */
export type UnitPatch = Omit<UnitChanges, 'deactivatedAt'>;

/** The ids of a unit's descendants (schools under a township center). */
function descendantsOf(rows: readonly UnitRow[], id: string): Set<string> {
  const found = new Set<string>();
  let frontier = [id];
  while (frontier.length > 0) {
    const next = rows.filter((r) => r.parentId !== null && frontier.includes(r.parentId));
    frontier = next.map((r) => r.id).filter((child) => !found.has(child));
    for (const child of frontier) found.add(child);
  }
  return found;
}

/** DESIGN §7: a unit moves under another parent of the kind its own kind needs. */
function assertMoveFits(rows: readonly UnitRow[], unit: UnitRow, parentId: string): UnitRow {
  if (unit.kind === 'bureau') {
    throw new ServiceError('invalid', 'UNIT.BUREAU_FIXED', '县教体局是单位树的根，不能移动', {
      path: 'parentId',
    });
  }
  if (parentId === unit.id || descendantsOf(rows, unit.id).has(parentId)) {
    throw new ServiceError(
      'invalid',
      'UNIT.MOVE_INTO_DESCENDANT',
      '不能把单位移到它自己或它的下级单位之下',
      { path: 'parentId' },
    );
  }
  const parent = rows.find((r) => r.id === parentId);
  if (!parent) {
    throw new ServiceError('invalid', 'UNIT.PARENT_NOT_FOUND', '上级单位不存在', {
      path: 'parentId',
    });
  }
  if (!parent.active) {
    throw new ServiceError(
      'invalid',
      'UNIT.PARENT_INACTIVE',
      `${parent.name}已撤并，不能作为上级单位`,
      {
        path: 'parentId',
      },
    );
  }
  assertParentKind(unit.kind, parent.kind);
  return parent;
}

function assertParentKind(kind: UnitKind, parentKind: UnitKind): void {
  const wanted = PARENT_KIND[kind];
  if (parentKind !== wanted) {
    throw new ServiceError(
      'invalid',
      'UNIT.PARENT_KIND',
      kind === 'school' ? '学校的上级须为乡镇中心校' : '乡镇中心校和局直单位的上级须为县教体局',
      { path: 'parentId', expected: wanted, actual: parentKind },
    );
  }
}

/**
 * DESIGN §7: merging a unit away (撤并) keeps its history; refused for the bureau, for a unit
 * whose schools still exist, and while items of it (or reviewed by it) are in review — those
 * reviews would be left without anyone to finish them.
 */
async function assertCanMerge(ctx: ServiceContext, rows: readonly UnitRow[], unit: UnitRow) {
  if (unit.kind === 'bureau') {
    throw new ServiceError('invalid', 'UNIT.BUREAU_REQUIRED', '县教体局不能停用或撤并', {
      path: 'active',
    });
  }
  const children = rows.filter((r) => r.parentId === unit.id && r.active);
  if (children.length > 0) {
    throw new ServiceError(
      'invalid',
      'UNIT.HAS_ACTIVE_CHILDREN',
      `${unit.name}下还有 ${children.length} 个单位（如${children[0]?.name ?? ''}），请先撤并或移走它们`,
      { path: 'active', count: children.length },
    );
  }
  const reviewing = await itemsUnderReview(ctx.db, [unit.id]);
  if (reviewing > 0) {
    throw new ServiceError(
      'invalid',
      'UNIT.ITEMS_UNDER_REVIEW',
      `${unit.name}有 ${reviewing} 篇稿件正在审核中，请先审核完毕再撤并`,
      { path: 'active', count: reviewing },
    );
  }
}

function auditAction(moving: boolean, merging: boolean, restoring: boolean): string {
  if (merging) return 'unit.deactivate';
  if (restoring) return 'unit.reactivate';
  if (moving) return 'unit.move';
  return 'unit.update';
}

/**
 * An administrator renames a unit, edits its counts, moves it (a school to another township
 * center), merges it away (撤并) or restores it; each change is audited with before and after.
 */
export async function updateUnit(
  ctx: ServiceContext,
  id: string,
  patch: UnitPatch,
): Promise<UnitView> {
  requireAdmin(ctx);
  const rows = await unitRows(ctx.db);
  const before = rows.find((r) => r.id === id);
  if (!before) throw unitNotFound();
  assertDirectReportingFits(before.kind, patch.directReporting);
  const moving = patch.parentId !== undefined && patch.parentId !== before.parentId;
  if (moving && patch.parentId !== undefined) assertMoveFits(rows, before, patch.parentId);
  const merging = patch.active === false && before.active;
  const restoring = patch.active === true && !before.active;
  if (merging) await assertCanMerge(ctx, rows, before);
  if (restoring) {
    const parent = rows.find((r) => r.id === (patch.parentId ?? before.parentId));
    if (parent && !parent.active) {
      throw new ServiceError(
        'invalid',
        'UNIT.PARENT_INACTIVE',
        `${parent.name}已撤并，请先恢复它或把本单位移到其他上级单位`,
        { path: 'active' },
      );
    }
  }
  const changes: UnitChanges = {
    ...patch,
    parentId: moving ? patch.parentId : undefined,
    deactivatedAt: merging ? ctx.now : restoring ? null : undefined,
  };
  const row = await inTransaction(ctx, async (tx) => {
    const after = await updateUnitRow(tx, id, changes);
    await audit(tx, ctx, {
      action: auditAction(moving, merging, restoring),
      entity: 'Unit',
      entityId: id,
      unitId: id,
      before,
      after,
    });
    return after;
  });
  // Every cached actor carries its unit's name and kind; other fields (a staff count, a
  // parent) leave the actors as they are, and the sessions of a busy county kept.
  if (row.name !== before.name || row.kind !== before.kind) forgetAllSessions(ctx.db);
  return unitView(row, await loadPeople(ctx.db));
}
