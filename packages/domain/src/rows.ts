/**
 * A county's data brought from outside as plain rows (rules §6.7): units, people, items and
 * adoptions read from a JSON file or a CSV sheet, checked and turned into what
 * {@link evaluate} reads. Every validator returns every problem at once, each with the path of
 * its row and field (`items[2].eventAt`) and a message that counts rows from 1 (稿件表第 3 行).
 *
 * A field may be given as its JSON type or as the text of a spreadsheet cell:
 * - text: a string (a number is taken as its digits);
 * - a whole number: `80` or `"80"`;
 * - yes or no: `true`/`false`, or `"true"`, `"false"`, `"1"`, `"0"`, `"是"`, `"否"`, `"yes"`, `"no"`;
 * - a time: epoch milliseconds, or `"2026-03-10 09:00"` (or a date alone) read on a Shanghai
 *   clock by {@link parseShanghaiDateTime};
 * - a list: an array of strings, or one text separated by `;` (also `；` or `、`).
 *
 * An absent field, `null` and blank text all mean "not given". Fields a row does not define
 * (a title, a note) are ignored.
 */
import { parseShanghaiDateTime, formatShanghaiDateTime } from './datetime.js';
import type { ErrorParams } from './messages.js';
import { ROLES, UNIT_KINDS, type Person, type Role, type Unit, type UnitKind } from './org.js';
import { domainError, err, ok, type DomainError, type Result } from './result.js';
import type { EvaluatedAdoption, EvaluatedSubmission } from './evaluation/types.js';
import {
  ADOPTION_LEVELS,
  CATEGORIES,
  INSTRUCTION_LEVELS,
  type AdoptionLevel,
  type Category,
  type InstructionLevel,
} from './vocabulary.js';
import type { Approval, ReturnRecord } from './workflow.js';

/** The four tables of a county's rows. */
export type RowTable = 'units' | 'people' | 'items' | 'adoptions';

type Json = Readonly<Record<string, unknown>>;
type Expected = ErrorParams<'ROWS.INVALID_VALUE'>['expected'];

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBlank(value: unknown): boolean {
  return (
    value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
  );
}

function shown(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

const YES = new Set(['true', '1', '是', 'yes', 'y']);
const NO = new Set(['false', '0', '否', 'no', 'n']);
const LIST_SEPARATOR = /[;；、]/;

/** Reads the fields of one row, collecting every problem with its path. */
class RowReader {
  constructor(
    private readonly problems: DomainError[],
    readonly table: RowTable,
    /** 0-based index of the row in its list. */
    readonly index: number,
    private readonly row: Json,
    /** Prefix of nested fields (`approvals[0].`), empty for the row's own fields. */
    private readonly prefix = '',
  ) {}

  private where(field: string): { path: string; table: RowTable; row: number; field: string } {
    const name = `${this.prefix}${field}`;
    return {
      path: `${this.table}[${this.index}].${name}`,
      table: this.table,
      row: this.index + 1,
      field: name,
    };
  }

  missing(field: string): void {
    const w = this.where(field);
    this.problems.push(
      domainError('ROWS.REQUIRED', {
        path: w.path,
        params: { table: w.table, row: w.row, field: w.field },
      }),
    );
  }

  invalid(field: string, expected: Expected, value: unknown, allowed?: readonly string[]): void {
    const w = this.where(field);
    const base = { table: w.table, row: w.row, field: w.field, value: shown(value) };
    this.problems.push(
      domainError('ROWS.INVALID_VALUE', {
        path: w.path,
        params:
          expected === 'one_of'
            ? { ...base, expected, allowed: (allowed ?? []).join(', ') }
            : expected === 'text' || expected === 'record'
              ? { table: w.table, row: w.row, field: w.field, expected }
              : { ...base, expected },
      }),
    );
  }

  /** A nested record's reader (an approval of an item row). */
  nested(field: string, value: Json): RowReader {
    return new RowReader(this.problems, this.table, this.index, value, `${this.prefix}${field}.`);
  }

  raw(field: string): unknown {
    return this.row[field];
  }

  given(field: string): boolean {
    return !isBlank(this.row[field]);
  }

  text(field: string): string | null {
    const value = this.row[field];
    if (isBlank(value)) return null;
    if (typeof value === 'string') return value.trim();
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    this.invalid(field, 'text', value);
    return null;
  }

  requiredText(field: string): string {
    const value = this.text(field);
    if (value === null && isBlank(this.row[field])) this.missing(field);
    return value ?? '';
  }

  wholeNumber(field: string, fallback: number): number {
    const value = this.row[field];
    if (isBlank(value)) return fallback;
    const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
    if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) return n;
    this.invalid(field, 'whole_number', value);
    return fallback;
  }

  yesNo(field: string, fallback: boolean): boolean {
    const value = this.row[field];
    if (isBlank(value)) return fallback;
    if (typeof value === 'boolean') return value;
    const t = String(value).trim().toLowerCase();
    if (YES.has(t)) return true;
    if (NO.has(t)) return false;
    this.invalid(field, 'yes_no', value);
    return fallback;
  }

  time(field: string): number | null {
    const value = this.row[field];
    if (isBlank(value)) return null;
    if (typeof value === 'number') {
      if (Number.isSafeInteger(value)) return value;
    } else if (typeof value === 'string') {
      const at = parseShanghaiDateTime(value);
      if (at.ok) return at.value;
    }
    this.invalid(field, 'time', value);
    return null;
  }

  requiredTime(field: string): number {
    const at = this.time(field);
    if (at === null && isBlank(this.row[field])) this.missing(field);
    return at ?? 0;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T | null {
    const value = this.row[field];
    if (isBlank(value)) return null;
    const t = typeof value === 'string' ? value.trim() : value;
    const found = allowed.find((a) => a === t);
    if (found === undefined) this.invalid(field, 'one_of', value, allowed);
    return found ?? null;
  }

  requiredOneOf<T extends string>(field: string, allowed: readonly T[], fallback: T): T {
    if (!this.given(field)) this.missing(field);
    return this.oneOf(field, allowed) ?? fallback;
  }

  list(field: string): string[] {
    const value = this.row[field];
    if (isBlank(value)) return [];
    let items: unknown[];
    if (typeof value === 'string') items = value.split(LIST_SEPARATOR);
    else if (Array.isArray(value)) items = value;
    else {
      this.invalid(field, 'list', value);
      return [];
    }
    const out: string[] = [];
    for (const item of items) {
      const t = typeof item === 'number' && Number.isFinite(item) ? String(item) : item;
      if (typeof t !== 'string') {
        this.invalid(field, 'list', value);
        return [];
      }
      if (t.trim() !== '') out.push(t.trim());
    }
    return out;
  }

  /** A list whose entries must differ. */
  distinctList(field: string): string[] {
    const list = this.list(field);
    const seen = new Set<string>();
    for (const entry of list) {
      if (seen.has(entry)) this.invalid(field, 'repeated', entry);
      seen.add(entry);
    }
    return [...seen];
  }
}

/**
 * Reads a table: the list of rows, each read by `read`, and every id used once. Returns the
 * rows read (also when some had problems, so that a county can still be cross-checked) and
 * the problems.
 */
function readTable<T extends { readonly id: string }>(
  table: RowTable,
  rows: unknown,
  read: (r: RowReader) => T,
): { readonly rows: T[]; readonly problems: DomainError[] } {
  const problems: DomainError[] = [];
  if (!Array.isArray(rows)) {
    problems.push(domainError('ROWS.NOT_A_LIST', { path: table, params: { table } }));
    return { rows: [], problems };
  }
  const out: T[] = [];
  const firstRow = new Map<string, number>();
  (rows as readonly unknown[]).forEach((row, index) => {
    if (!isRecord(row)) {
      problems.push(
        domainError('ROWS.NOT_AN_OBJECT', {
          path: `${table}[${index}]`,
          params: { table, row: index + 1 },
        }),
      );
      return;
    }
    const value = read(new RowReader(problems, table, index, row));
    if (value.id !== '') {
      const first = firstRow.get(value.id);
      if (first !== undefined) {
        // A second row with the same id would silently replace or double the first.
        problems.push(
          domainError('ROWS.REPEATED_ID', {
            path: `${table}[${index}].id`,
            params: { table, row: index + 1, id: value.id, first: first + 1 },
          }),
        );
      } else firstRow.set(value.id, index);
    }
    out.push(value);
  });
  return { rows: out, problems };
}

function result<T>(read: {
  readonly rows: T[];
  readonly problems: DomainError[];
}): Result<readonly T[], readonly DomainError[]> {
  return read.problems.length > 0 ? err(read.problems) : ok(read.rows);
}

function readUnit(r: RowReader): Unit {
  return {
    id: r.requiredText('id'),
    name: r.requiredText('name'),
    kind: r.requiredOneOf<UnitKind>('kind', UNIT_KINDS, 'school'),
    parentId: r.text('parentId'),
    staffCount: r.wholeNumber('staffCount', 0),
    studentCount: r.wholeNumber('studentCount', 0),
    directReporting: r.yesNo('directReporting', false),
  };
}

function readPerson(r: RowReader): Person {
  const id = r.requiredText('id');
  const name = r.requiredText('name');
  const unitId = r.requiredText('unitId');
  const roles: Role[] = [];
  for (const role of r.distinctList('roles')) {
    const found = ROLES.find((x) => x === role);
    if (found === undefined) r.invalid('roles', 'one_of', role, ROLES);
    else roles.push(found);
  }
  return {
    id,
    name,
    unitId,
    roles,
    active: r.yesNo('active', true),
  };
}

function readApprovals(r: RowReader): Approval[] {
  const value = r.raw('approvals');
  if (isBlank(value)) return [];
  if (!Array.isArray(value)) {
    r.invalid('approvals', 'list', value);
    return [];
  }
  const out: Approval[] = [];
  (value as readonly unknown[]).forEach((entry, i) => {
    if (!isRecord(entry)) {
      r.invalid(`approvals[${i}]`, 'record', entry);
      return;
    }
    const a = r.nested(`approvals[${i}]`, entry);
    out.push({
      reviewerId: a.requiredText('reviewerId'),
      unitId: a.requiredText('unitId'),
      at: a.requiredTime('at'),
      revision: a.wholeNumber('revision', 1),
      edited: a.yesNo('edited', false),
      comment: a.text('comment'),
      // rules §3.4: no time given means the reviewer never opened the full item.
      durationMs: isBlank(a.raw('durationMs')) ? null : a.wholeNumber('durationMs', 0),
    });
  });
  return out;
}

function readReturns(r: RowReader): ReturnRecord[] {
  const value = r.raw('returns');
  if (isBlank(value)) return [];
  if (!Array.isArray(value)) {
    r.invalid('returns', 'list', value);
    return [];
  }
  const out: ReturnRecord[] = [];
  (value as readonly unknown[]).forEach((entry, i) => {
    if (!isRecord(entry)) {
      r.invalid(`returns[${i}]`, 'record', entry);
      return;
    }
    const x = r.nested(`returns[${i}]`, entry);
    out.push({
      by: x.text('by') ?? '',
      at: x.requiredTime('at'),
      reason: x.text('reason') ?? '',
      stage: x.oneOf('stage', ['unit_review', 'bureau_review'] as const) ?? 'unit_review',
    });
  });
  return out;
}

function readItem(r: RowReader): EvaluatedSubmission {
  const id = r.requiredText('id');
  const unitId = r.requiredText('unitId');
  const authorIds = r.distinctList('authorIds');
  const category: Category = r.requiredOneOf('category', CATEGORIES, 'news');
  const eventAt = r.requiredTime('eventAt');
  const submittedToBureauAt = r.time('submittedToBureauAt');
  // The 精品 mark: `quality` as a spreadsheet has it, or `qualityMark` as a Submission has it.
  let marked = r.yesNo('quality', false);
  let by = '';
  let at: number | null = null;
  const mark = r.raw('qualityMark');
  if (isRecord(mark)) {
    const m = r.nested('qualityMark', mark);
    marked = true;
    by = m.text('by') ?? '';
    at = m.time('at');
  } else if (!isBlank(mark)) {
    r.invalid('qualityMark', 'record', mark);
  }
  return {
    id,
    unitId,
    authorIds,
    category,
    eventAt,
    submittedToBureauAt,
    qualityMark: marked ? { by, at: at ?? submittedToBureauAt ?? eventAt } : null,
    approvals: readApprovals(r),
    returns: readReturns(r),
  };
}

function readAdoption(r: RowReader): EvaluatedAdoption {
  const id = r.requiredText('id');
  const submissionIds = r.distinctList('submissionIds');
  const credits = r.raw('submissionIds');
  // An empty list credits nothing; a value of another type was reported by `list` already.
  if (
    submissionIds.length === 0 &&
    (isBlank(credits) || Array.isArray(credits) || typeof credits === 'string')
  ) {
    r.missing('submissionIds');
  }
  const level: AdoptionLevel = r.requiredOneOf('level', ADOPTION_LEVELS, 'bureau');
  // A leader instruction: `instructionLevel` and `instructionAt` as a spreadsheet has them, or
  // `instruction` as an Adoption has it.
  let instruction: { readonly level: InstructionLevel; readonly at: number } | null = null;
  const nested = r.raw('instruction');
  const source = isRecord(nested) ? r.nested('instruction', nested) : r;
  const [levelField, atField] = isRecord(nested)
    ? ['level', 'at']
    : ['instructionLevel', 'instructionAt'];
  if (!isBlank(nested) && !isRecord(nested)) r.invalid('instruction', 'record', nested);
  if (source.given(levelField) || source.given(atField)) {
    const instructionLevel = source.requiredOneOf(levelField, INSTRUCTION_LEVELS, 'county');
    const instructionAt = source.requiredTime(atField);
    instruction = { level: instructionLevel, at: instructionAt };
  }
  return {
    id,
    submissionIds,
    level,
    headline: r.yesNo('headline', false),
    publishedAt: r.requiredTime('publishedAt'),
    instruction,
  };
}

/**
 * Checks unit rows (`id`, `name`, `kind`, and optionally `parentId`, `staffCount`,
 * `studentCount`, `directReporting`) and returns them as {@link Unit}s, or every problem with
 * its row and field. Ids must be unique. See {@link UNIT_ROW_SCHEMA} for the same rules as a
 * JSON Schema.
 *
 * @example
 * ```ts
 * const units = validateUnitRows([
 *   { id: 'bureau', name: '县教体局', kind: 'bureau' },
 *   { id: 'hexi', name: '河西镇中心校', kind: 'township_center', parentId: 'bureau', staffCount: '80' },
 * ]);
 * if (units.ok) units.value[1]?.staffCount; // 80
 * ```
 */
export function validateUnitRows(rows: unknown): Result<readonly Unit[], readonly DomainError[]> {
  return result(readTable('units', rows, readUnit));
}

/**
 * Checks people rows (`id`, `name`, `unitId`, and optionally `roles`, a list of
 * {@link ROLES}, and `active`, default yes) and returns them as {@link Person}s, or every
 * problem with its row and field.
 *
 * @example
 * ```ts
 * const people = validatePersonRows([
 *   { id: 'li', name: '李信息员', unitId: 'hexi', roles: 'officer' },
 *   { id: 'zhao', name: '赵副校长', unitId: 'hexi', roles: 'deputy;head' },
 * ]);
 * if (people.ok) people.value[1]?.roles; // ['deputy', 'head']
 * ```
 */
export function validatePersonRows(
  rows: unknown,
): Result<readonly Person[], readonly DomainError[]> {
  return result(readTable('people', rows, readPerson));
}

/**
 * Checks item rows (submissions) and returns them as the evaluation reads them, or every
 * problem with its row and field. A row has `id`, `unitId`, `category` and `eventAt`, and
 * optionally `authorIds`, `submittedToBureauAt` (blank: the item never reached the bureau),
 * `quality` (精品, or a `qualityMark` object), `approvals` and `returns` (lists of records).
 *
 * @example
 * ```ts
 * const items = validateItemRows([
 *   { id: 'item-1', unitId: 'hexi', authorIds: 'li', category: 'activity',
 *     eventAt: '2026-03-10 09:00', submittedToBureauAt: '2026-03-10 11:30', quality: '是' },
 * ]);
 * if (!items.ok) items.error.map((e) => e.message);
 * ```
 */
export function validateItemRows(
  rows: unknown,
): Result<readonly EvaluatedSubmission[], readonly DomainError[]> {
  return result(readTable('items', rows, readItem));
}

/**
 * Checks adoption rows and returns them as the evaluation reads them, or every problem with
 * its row and field. A row has `id`, `submissionIds` (one, or several for a merged piece),
 * `level` and `publishedAt`, and optionally `headline` and a leader instruction
 * (`instructionLevel` with `instructionAt`, or an `instruction` object).
 *
 * @example
 * ```ts
 * const adoptions = validateAdoptionRows([
 *   { id: 'ad-1', submissionIds: 'item-1', level: 'city', headline: 'true',
 *     publishedAt: '2026-03-12' },
 * ]);
 * if (adoptions.ok) adoptions.value[0]?.headline; // true
 * ```
 */
export function validateAdoptionRows(
  rows: unknown,
): Result<readonly EvaluatedAdoption[], readonly DomainError[]> {
  return result(readTable('adoptions', rows, readAdoption));
}

/** A county's four tables of plain rows, as read from JSON or CSV. */
export interface CountyRows {
  readonly units: unknown;
  readonly people: unknown;
  readonly items: unknown;
  readonly adoptions: unknown;
}

/** A county's rows checked, ready for {@link evaluate} with a scheme and a period. */
export interface County {
  readonly units: readonly Unit[];
  readonly people: readonly Person[];
  readonly submissions: readonly EvaluatedSubmission[];
  readonly adoptions: readonly EvaluatedAdoption[];
}

/**
 * Checks a county's four tables together and returns them ready for {@link evaluate}, or every
 * problem found. Besides each table's own checks (see {@link validateUnitRows} …), rows that
 * the evaluation would silently count wrongly or not at all are reported:
 * - a repeated id in any table (`ROWS.REPEATED_ID`);
 * - a unit, person, item or adoption naming one that is not there (`ROWS.UNKNOWN_REFERENCE`);
 * - a school whose parent is not a township center, so its items count for no unit
 *   (`ROWS.SCHOOL_WITHOUT_CENTER`), and an item of the bureau itself (`ROWS.BUREAU_ITEM`);
 * - an adoption of an item that never reached the bureau (`ROWS.NOT_AT_BUREAU`) or published
 *   before the item reached it (`ROWS.ADOPTED_BEFORE_BUREAU`).
 *
 * Authors need not be listed in the people: the officer ranking names such an author by id.
 *
 * @example
 * ```ts
 * const county = validateCounty({ units, people, items, adoptions });
 * if (!county.ok) {
 *   for (const problem of county.error) console.log(problem.path, problem.message);
 * } else {
 *   const evaluation = evaluate({ scheme: defaultScheme(2026), period: { year: 2026, kind: 'H1' }, ...county.value });
 * }
 * ```
 */
export function validateCounty(rows: CountyRows): Result<County, readonly DomainError[]> {
  const units = readTable('units', rows.units, readUnit);
  const people = readTable('people', rows.people, readPerson);
  const items = readTable('items', rows.items, readItem);
  const adoptions = readTable('adoptions', rows.adoptions, readAdoption);
  const problems = [
    ...units.problems,
    ...people.problems,
    ...items.problems,
    ...adoptions.problems,
  ];

  const unitsById = new Map<string, Unit>();
  for (const u of units.rows) if (!unitsById.has(u.id)) unitsById.set(u.id, u);
  const unknown = (
    table: RowTable,
    index: number,
    field: string,
    id: string,
    in_: RowTable,
  ): void => {
    problems.push(
      domainError('ROWS.UNKNOWN_REFERENCE', {
        path: `${table}[${index}].${field}`,
        params: { table, row: index + 1, field, id, in: in_ },
      }),
    );
  };

  units.rows.forEach((u, i) => {
    if (u.parentId === null) return;
    const parent = unitsById.get(u.parentId);
    if (parent === undefined) unknown('units', i, 'parentId', u.parentId, 'units');
    else if (u.kind === 'school' && parent.kind !== 'township_center') {
      problems.push(
        domainError('ROWS.SCHOOL_WITHOUT_CENTER', {
          path: `units[${i}].parentId`,
          params: { table: 'units', row: i + 1, parentId: u.parentId },
        }),
      );
    }
  });
  people.rows.forEach((p, i) => {
    if (p.unitId !== '' && !unitsById.has(p.unitId))
      unknown('people', i, 'unitId', p.unitId, 'units');
  });

  const itemsById = new Map<string, EvaluatedSubmission>();
  items.rows.forEach((s, i) => {
    if (!itemsById.has(s.id)) itemsById.set(s.id, s);
    if (s.unitId === '') return;
    const unit = unitsById.get(s.unitId);
    if (unit === undefined) unknown('items', i, 'unitId', s.unitId, 'units');
    else if (unit.kind === 'bureau') {
      problems.push(
        domainError('ROWS.BUREAU_ITEM', {
          path: `items[${i}].unitId`,
          params: { table: 'items', row: i + 1 },
        }),
      );
    }
  });

  adoptions.rows.forEach((a, i) => {
    for (const id of a.submissionIds) {
      const item = itemsById.get(id);
      const path = `adoptions[${i}].submissionIds`;
      const where = { table: 'adoptions' as const, row: i + 1, submissionId: id };
      if (item === undefined) unknown('adoptions', i, 'submissionIds', id, 'items');
      else if (item.submittedToBureauAt === null) {
        problems.push(domainError('ROWS.NOT_AT_BUREAU', { path, params: where }));
      } else if (a.publishedAt < item.submittedToBureauAt) {
        // An outlet cannot have published what the bureau had not yet received: a date is wrong.
        problems.push(
          domainError('ROWS.ADOPTED_BEFORE_BUREAU', {
            path: `adoptions[${i}].publishedAt`,
            params: {
              ...where,
              publishedAt: formatShanghaiDateTime(a.publishedAt),
              reachedAt: formatShanghaiDateTime(item.submittedToBureauAt),
            },
          }),
        );
      }
    }
  });

  if (problems.length > 0) return err(problems);
  return ok({
    units: units.rows,
    people: people.rows,
    submissions: items.rows,
    adoptions: adoptions.rows,
  });
}
