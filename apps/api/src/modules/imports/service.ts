/**
 * Units and people from Excel (DESIGN §6, §7): a preview that checks every row against the
 * file and the database and writes nothing, and an import that writes all rows in one
 * transaction or none. Rows equal to what exists are skipped, so the same file imported twice
 * changes nothing.
 */
import { ROLES, ROLE_LABELS, UNIT_KIND_LABELS, type Role, type UnitKind } from '@jyxc/domain';
import { requireAdmin } from '../../shared/actor.js';
import { audit } from '../../shared/audit.js';
import type { ServiceContext } from '../../shared/context.js';
import { inTransaction, isUniqueViolation } from '../../shared/db.js';
import { ServiceError } from '../../shared/errors.js';
import { randomCode } from '../../shared/ids.js';
import { hashPassword } from '../auth/service.js';
import { PARENT_KIND, insertUnit, unitRows, type UnitRow } from '../organisation/service.js';
import { insertPerson, personLogins, rolesNotFitting } from '../people/service.js';
import {
  name as personName,
  phone as phoneSchema,
  username as usernameSchema,
} from '../people/schemas.js';
import {
  IMPORTABLE_KINDS,
  NO,
  PEOPLE_COLUMNS,
  PEOPLE_SHEET,
  UNIT_COLUMNS,
  UNIT_SHEET,
  YES,
  importTemplate,
} from './template.js';
import { readImportSheets, type SheetRow } from './workbook.js';

export type RowStatus = 'new' | 'unchanged' | 'invalid';

export interface RowError {
  /** The column's header, as the file shows it. */
  readonly field: string;
  readonly message: string;
}

export interface UnitPreviewRow {
  readonly row: number;
  readonly name: string;
  readonly kind: string;
  readonly parent: string;
  readonly code: string;
  readonly staffCount: string;
  readonly studentCount: string;
  readonly directReporting: string;
  readonly status: RowStatus;
  readonly errors: readonly RowError[];
}

export interface PersonPreviewRow {
  readonly row: number;
  readonly name: string;
  readonly username: string;
  readonly unit: string;
  readonly roles: string;
  readonly phone: string;
  readonly status: RowStatus;
  readonly errors: readonly RowError[];
}

interface Tally {
  readonly new: number;
  readonly unchanged: number;
  readonly invalid: number;
}

export interface ImportPreview {
  readonly valid: boolean;
  readonly units: { readonly rows: readonly UnitPreviewRow[]; readonly counts: Tally };
  readonly people: { readonly rows: readonly PersonPreviewRow[]; readonly counts: Tally };
}

/** What a checked unit row writes (only for `new` rows). */
interface PlannedUnit {
  readonly name: string;
  readonly kind: UnitKind;
  /** The parent's id when it exists, else its name (a unit of the same file). */
  readonly parent: { readonly id: string } | { readonly name: string };
  readonly code: string | null;
  readonly staffCount: number;
  readonly studentCount: number;
  readonly directReporting: boolean;
}

interface PlannedPerson {
  readonly name: string;
  readonly username: string;
  readonly unit: { readonly id: string } | { readonly name: string };
  readonly roles: readonly Role[];
  readonly phone: string | null;
}

interface Checked {
  readonly preview: ImportPreview;
  readonly units: readonly PlannedUnit[];
  readonly people: readonly PlannedPerson[];
}

const kindLabels = UNIT_KIND_LABELS['zh-CN'];
const roleLabels = ROLE_LABELS['zh-CN'];
const KIND_BY_LABEL = new Map<string, UnitKind>(IMPORTABLE_KINDS.map((k) => [kindLabels[k], k]));
const ROLE_BY_WORD = new Map<string, Role>([
  ...ROLES.map((r): [string, Role] => [roleLabels[r], r]),
  // The shorter word people write for the bureau's reviewer.
  ['审核员', 'reviewer'],
  ['管理员', 'admin'],
]);
const CODE = /^[A-Za-z0-9_-]{1,40}$/;
const COUNT = /^\d{1,7}$/;

function tally(rows: readonly { status: RowStatus }[]): Tally {
  const count = (s: RowStatus) => rows.filter((r) => r.status === s).length;
  return { new: count('new'), unchanged: count('unchanged'), invalid: count('invalid') };
}

/** Rows of the file by a key, to tell a duplicate the row it repeats. */
function firstRows<T>(rows: readonly T[], key: (row: T) => string, rowOf: (row: T) => number) {
  const first = new Map<string, number>();
  for (const row of rows) {
    const k = key(row);
    if (k !== '' && !first.has(k)) first.set(k, rowOf(row));
  }
  return first;
}

function zodMessage(result: { success: boolean; error?: { issues: { message: string }[] } }) {
  return result.success ? null : (result.error?.issues[0]?.message ?? '格式不正确');
}

function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  return a.length === b.length && a.every((r) => b.includes(r));
}

/** Checks every row against the file and the database; writes nothing. */
async function check(ctx: ServiceContext, bytes: Uint8Array<ArrayBuffer>): Promise<Checked> {
  const { sheets } = await readImportSheets(
    bytes,
    [UNIT_SHEET, PEOPLE_SHEET],
    Math.max(UNIT_COLUMNS.length, PEOPLE_COLUMNS.length),
  );
  const [rows, logins] = await Promise.all([unitRows(ctx.db), personLogins(ctx.db)]);
  const bureau = rows.find((r) => r.kind === 'bureau');
  if (!bureau)
    throw new ServiceError('conflict', 'IMPORT.NO_BUREAU', '尚未设置县教体局，请先完成首次设置');
  const unitByName = new Map<string, UnitRow>();
  for (const r of rows) if (r.active || !unitByName.has(r.name)) unitByName.set(r.name, r);
  const unitById = new Map(rows.map((r) => [r.id, r]));
  const codes = new Set(rows.map((r) => r.code));

  // --- units -------------------------------------------------------------------------
  const unitSheet = sheets.get(UNIT_SHEET) ?? [];
  const firstUnitRow = firstRows(
    unitSheet,
    (r) => r.cells[0] ?? '',
    (r) => r.row,
  );
  const firstCodeRow = firstRows(
    unitSheet,
    (r) => r.cells[3] ?? '',
    (r) => r.row,
  );
  // Kinds the file gives its own units, so that a school may hang under a new township.
  const fileKinds = new Map<string, UnitKind>();
  for (const r of unitSheet) {
    const kind = KIND_BY_LABEL.get(r.cells[1] ?? '');
    if (kind && firstUnitRow.get(r.cells[0] ?? '') === r.row) fileKinds.set(r.cells[0] ?? '', kind);
  }
  const plannedUnits: PlannedUnit[] = [];
  const unitPreview = unitSheet.map((sheetRow): UnitPreviewRow => {
    const [
      name = '',
      kindText = '',
      parentText = '',
      code = '',
      staff = '',
      students = '',
      direct = '',
    ] = sheetRow.cells;
    const errors: RowError[] = [];
    const fail = (field: string, message: string) => errors.push({ field, message });
    if (name === '') fail('单位名称', '请填写单位名称');
    else if ([...name].length > 100) fail('单位名称', '单位名称最多 100 个字符');
    else if (firstUnitRow.get(name) !== sheetRow.row)
      fail('单位名称', `与第 ${firstUnitRow.get(name)} 行的单位名称重复`);
    const kind = KIND_BY_LABEL.get(kindText);
    if (kindText === '') fail('单位类型', '请填写单位类型');
    else if (kind === undefined)
      fail(
        '单位类型',
        `未知的单位类型“${kindText}”，可选：${[...KIND_BY_LABEL.keys()].join('、')}`,
      );
    if (code !== '') {
      if (!CODE.test(code))
        fail('单位代码', '单位代码只能包含字母、数字、下划线和连字符（最多 40 个）');
      else if (firstCodeRow.get(code) !== sheetRow.row)
        fail('单位代码', `与第 ${firstCodeRow.get(code)} 行的单位代码重复`);
    }
    const staffCount = staff === '' ? 0 : Number(staff);
    if (staff !== '' && !COUNT.test(staff)) fail('教职工人数', '教职工人数须为非负整数');
    const studentCount = students === '' ? 0 : Number(students);
    if (students !== '' && !COUNT.test(students)) fail('学生人数', '学生人数须为非负整数');
    let directReporting = false;
    if (direct === YES) directReporting = true;
    else if (direct !== '' && direct !== NO) fail('直报点', `直报点请填“${YES}”或“${NO}”`);
    if (directReporting && kind !== undefined && kind !== 'school')
      fail('直报点', '只有学校可以设为直报点');

    // The parent: the bureau for townships and direct units, a township center for a school.
    let parent: PlannedUnit['parent'] | null = null;
    if (kind !== undefined) {
      const wanted = PARENT_KIND[kind];
      const parentName = parentText === '' && wanted === 'bureau' ? bureau.name : parentText;
      const existing = unitByName.get(parentName);
      const parentKind = existing?.active ? existing.kind : fileKinds.get(parentName);
      if (parentName === '') fail('上级单位', '学校须填写所属乡镇中心校');
      else if (existing !== undefined && !existing.active && !fileKinds.has(parentName))
        fail('上级单位', `上级单位“${parentName}”已撤并`);
      else if (parentKind === undefined)
        fail('上级单位', `上级单位“${parentName}”不存在（系统和本文件中都没有）`);
      else if (parentKind !== wanted)
        fail(
          '上级单位',
          kind === 'school'
            ? `学校的上级须为乡镇中心校，“${parentName}”是${kindLabels[parentKind]}`
            : `${kindLabels[kind]}的上级须为${bureau.name}`,
        );
      else parent = existing?.active ? { id: existing.id } : { name: parentName };
    }

    // Against the database: the same unit again is skipped; another one by that name is refused.
    let status: RowStatus = 'new';
    const existing = name === '' ? undefined : unitByName.get(name);
    if (existing !== undefined && errors.length === 0) {
      const same =
        existing.kind === kind &&
        parent !== null &&
        'id' in parent &&
        existing.parentId === parent.id &&
        (code === '' || existing.code === code) &&
        (staff === '' || existing.staffCount === staffCount) &&
        (students === '' || existing.studentCount === studentCount) &&
        existing.directReporting === directReporting &&
        existing.active;
      if (same) status = 'unchanged';
      else {
        const at = existing.parentId === null ? undefined : unitById.get(existing.parentId);
        fail(
          '单位名称',
          `系统中已有单位“${name}”（${kindLabels[existing.kind]}${at ? `，上级为${at.name}` : ''}${existing.active ? '' : '，已撤并'}），与本行不同；请改名，或在单位页面修改它`,
        );
      }
    } else if (code !== '' && codes.has(code) && errors.length === 0) {
      fail('单位代码', `单位代码“${code}”已被系统中的其他单位使用`);
    }
    if (errors.length > 0) status = 'invalid';
    if (status === 'new' && kind !== undefined && parent !== null) {
      plannedUnits.push({
        name,
        kind,
        parent,
        code: code === '' ? null : code,
        staffCount,
        studentCount,
        directReporting,
      });
    }
    return {
      row: sheetRow.row,
      name,
      kind: kindText,
      parent: parentText,
      code,
      staffCount: staff,
      studentCount: students,
      directReporting: direct,
      status,
      errors,
    };
  });

  // --- people ------------------------------------------------------------------------
  const peopleSheet = sheets.get(PEOPLE_SHEET) ?? [];
  const loginByName = new Map(logins.map((p) => [p.username.toLowerCase(), p]));
  const firstUsernameRow = firstRows(
    peopleSheet,
    (r) => (r.cells[1] ?? '').toLowerCase(),
    (r) => r.row,
  );
  const plannedPeople: PlannedPerson[] = [];
  const peoplePreview = peopleSheet.map((sheetRow: SheetRow): PersonPreviewRow => {
    const [name = '', username = '', unitText = '', rolesText = '', phone = ''] = sheetRow.cells;
    const errors: RowError[] = [];
    const fail = (field: string, message: string) => errors.push({ field, message });
    const nameProblem = zodMessage(personName.safeParse(name));
    if (nameProblem) fail('姓名', nameProblem);
    const usernameProblem = zodMessage(usernameSchema.safeParse(username));
    if (username === '') fail('用户名', '请填写用户名');
    else if (usernameProblem) fail('用户名', usernameProblem);
    else if (firstUsernameRow.get(username.toLowerCase()) !== sheetRow.row)
      fail('用户名', `与第 ${firstUsernameRow.get(username.toLowerCase())} 行的用户名重复`);
    if (phone !== '') {
      const phoneProblem = zodMessage(phoneSchema.safeParse(phone));
      if (phoneProblem)
        fail('手机号', `手机号“${phone}”格式不正确（5–20 位数字，可含 +、- 和空格）`);
    }
    const roles: Role[] = [];
    for (const word of rolesText.split(/[、,，;；/\s]+/).filter((w) => w !== '')) {
      const role = ROLE_BY_WORD.get(word) ?? (ROLES as readonly string[]).find((r) => r === word);
      if (role === undefined)
        fail(
          '职责',
          `未知职责“${word}”，可选：${ROLES.map((r) => roleLabels[r as Role]).join('、')}`,
        );
      else if (!roles.includes(role as Role)) roles.push(role as Role);
    }
    let unit: PlannedPerson['unit'] | null = null;
    const existingUnit = unitByName.get(unitText);
    const unitKind = existingUnit?.active ? existingUnit.kind : fileKinds.get(unitText);
    if (unitText === '') fail('所属单位', '请填写所属单位');
    else if (existingUnit !== undefined && !existingUnit.active && !fileKinds.has(unitText))
      fail('所属单位', `单位“${unitText}”已撤并`);
    else if (unitKind === undefined)
      fail('所属单位', `单位“${unitText}”不存在（系统和本文件“单位”表中都没有）`);
    else {
      unit = existingUnit?.active ? { id: existingUnit.id } : { name: unitText };
      const wrong = rolesNotFitting(unitKind, roles);
      if (wrong.length > 0)
        fail(
          '职责',
          unitKind === 'bureau'
            ? `${wrong.map((r) => roleLabels[r]).join('、')}是基层单位的职责，局机关人员只能担任审核员、局领导或管理员`
            : `${wrong.map((r) => roleLabels[r]).join('、')}是局机关的职责，基层单位人员不能担任`,
        );
    }
    let status: RowStatus = 'new';
    const existing = username === '' ? undefined : loginByName.get(username.toLowerCase());
    if (existing !== undefined && errors.length === 0) {
      const same =
        existing.name === name &&
        unit !== null &&
        'id' in unit &&
        existing.unitId === unit.id &&
        sameRoles(existing.roles, roles) &&
        (phone === '' || existing.phone === phone);
      if (same) status = 'unchanged';
      else {
        const at = unitById.get(existing.unitId);
        fail(
          '用户名',
          `用户名“${username}”已被${at ? `${at.name}的` : ''}${existing.name}使用，与本行不同；请换一个用户名，或在用户页面修改此人`,
        );
      }
    }
    if (errors.length > 0) status = 'invalid';
    if (status === 'new' && unit !== null) {
      plannedPeople.push({ name, username, unit, roles, phone: phone === '' ? null : phone });
    }
    return {
      row: sheetRow.row,
      name,
      username,
      unit: unitText,
      roles: rolesText,
      phone,
      status,
      errors,
    };
  });

  const unitCounts = tally(unitPreview);
  const peopleCounts = tally(peoplePreview);
  return {
    preview: {
      valid: unitCounts.invalid === 0 && peopleCounts.invalid === 0,
      units: { rows: unitPreview, counts: unitCounts },
      people: { rows: peoplePreview, counts: peopleCounts },
    },
    units: plannedUnits,
    people: plannedPeople,
  };
}

/** The template, with the county's bureau in its example rows. */
export async function templateFile(ctx: ServiceContext): Promise<Uint8Array> {
  requireAdmin(ctx);
  const bureau = (await unitRows(ctx.db)).find((r) => r.kind === 'bureau');
  return importTemplate(bureau?.name ?? '县教育和体育局');
}

/** Each row of the file with its errors; nothing is written. */
export async function previewImport(
  ctx: ServiceContext,
  bytes: Uint8Array<ArrayBuffer>,
): Promise<ImportPreview> {
  requireAdmin(ctx);
  return (await check(ctx, bytes)).preview;
}

export interface ImportedPassword {
  readonly name: string;
  readonly username: string;
  readonly unit: string;
  readonly password: string;
}

export interface ImportResult {
  readonly units: { readonly created: number; readonly unchanged: number };
  readonly people: { readonly created: number; readonly unchanged: number };
  /** The initial password of each new person, shown this once and never stored in clear. */
  readonly passwords: readonly ImportedPassword[];
}

/** A random initial password of 12 letters and digits in groups, easy to read out and type. */
function initialPassword(): string {
  const code = randomCode(12);
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** Hashes a few at a time: argon2 runs on the thread pool, which other requests share. */
async function hashAll(passwords: readonly string[]): Promise<string[]> {
  const hashes: string[] = [];
  for (let i = 0; i < passwords.length; i += 4) {
    hashes.push(...(await Promise.all(passwords.slice(i, i + 4).map((p) => hashPassword(p)))));
  }
  return hashes;
}

/**
 * Writes every new unit and person of the file in one transaction, with one audit entry
 * counting them; refused as a whole while any row has an error.
 */
export async function commitImport(
  ctx: ServiceContext,
  bytes: Uint8Array<ArrayBuffer>,
  fileName: string,
): Promise<ImportResult> {
  requireAdmin(ctx);
  const { preview, units, people } = await check(ctx, bytes);
  if (!preview.valid) {
    throw new ServiceError(
      'invalid',
      'IMPORT.HAS_ERRORS',
      `有 ${preview.units.counts.invalid + preview.people.counts.invalid} 行有错误，请改正后重新上传；没有导入任何数据`,
      { units: preview.units.counts, people: preview.people.counts },
    );
  }
  const passwords = people.map(() => initialPassword());
  const hashes = await hashAll(passwords);
  try {
    await inTransaction(
      ctx,
      async (tx) => {
        const created = new Map<string, string>();
        const idOf = (ref: { id: string } | { name: string }) =>
          'id' in ref ? ref.id : created.get(ref.name);
        // Parents first: a school's township may be a row of the same file.
        const ordered = [...units].sort(
          (a, b) => Number(a.kind === 'school') - Number(b.kind === 'school'),
        );
        for (const unit of ordered) {
          const parentId = idOf(unit.parent);
          if (parentId === undefined) throw new Error(`import: parent of ${unit.name} not created`);
          const row = await insertUnit(tx, {
            name: unit.name,
            kind: unit.kind,
            parentId,
            code: unit.code ?? `u-${randomCode(10).toLowerCase()}`,
            staffCount: unit.staffCount,
            studentCount: unit.studentCount,
            directReporting: unit.directReporting,
            sortOrder: 0,
          });
          created.set(unit.name, row.id);
        }
        for (const [i, person] of people.entries()) {
          const unitId = idOf(person.unit);
          if (unitId === undefined)
            throw new Error(`import: unit of ${person.username} not created`);
          await insertPerson(tx, {
            name: person.name,
            username: person.username,
            passwordHash: hashes[i] ?? '',
            unitId,
            phone: person.phone,
            roles: person.roles,
          });
        }
        await audit(tx, ctx, {
          action: 'import.commit',
          entity: 'Import',
          entityId: null,
          unitId: null,
          after: {
            fileName,
            unitsCreated: units.length,
            unitsUnchanged: preview.units.counts.unchanged,
            peopleCreated: people.length,
            peopleUnchanged: preview.people.counts.unchanged,
          },
        });
      },
      // DESIGN §6: thousands of rows go in as one transaction.
      { timeout: 120_000, maxWait: 10_000 },
    );
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ServiceError(
        'conflict',
        'IMPORT.CHANGED',
        '导入期间系统中的单位或人员发生了变化，请重新预览后再导入；没有导入任何数据',
      );
    }
    throw error;
  }
  const unitNameOf = (ref: { id: string } | { name: string }) => ('name' in ref ? ref.name : '');
  const names = new Map((await unitRows(ctx.db)).map((r) => [r.id, r.name]));
  return {
    units: { created: units.length, unchanged: preview.units.counts.unchanged },
    people: { created: people.length, unchanged: preview.people.counts.unchanged },
    passwords: people.map((p, i) => ({
      name: p.name,
      username: p.username,
      unit: 'id' in p.unit ? (names.get(p.unit.id) ?? '') : unitNameOf(p.unit),
      password: passwords[i] ?? '',
    })),
  };
}
