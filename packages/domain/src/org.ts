/**
 * Organisation: units, people and their roles (rules §2).
 */

/** `bureau` 县教体局, `township_center` 乡镇中心校, `direct_unit` 局直单位, `school` 学校. */
export const UNIT_KINDS = ['bureau', 'township_center', 'direct_unit', 'school'] as const;
/** The kind of a unit. */
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Roles held inside a reporting unit. */
export const UNIT_ROLES = ['head', 'deputy', 'officer', 'opinion_officer'] as const;
/** Roles held inside the bureau. */
export const BUREAU_ROLES = ['reviewer', 'leader', 'admin'] as const;
/** Every role: unit roles, then bureau roles. */
export const ROLES = [...UNIT_ROLES, ...BUREAU_ROLES] as const;
/** A role inside a reporting unit: 一把手, 分管领导, 信息员, 舆情责任人. */
export type UnitRole = (typeof UNIT_ROLES)[number];
/** A role inside the bureau: 宣传股审核员, 局领导, 系统管理员. */
export type BureauRole = (typeof BUREAU_ROLES)[number];
/** Any role a person may hold (several at once). */
export type Role = (typeof ROLES)[number];

/** A unit of the county's education system (单位). */
export interface Unit {
  readonly id: string;
  readonly name: string;
  readonly kind: UnitKind;
  /** The township center a school belongs to; the bureau for the others; null for the bureau. */
  readonly parentId: string | null;
  readonly staffCount: number;
  readonly studentCount: number;
  /** 直报点: a school whose items skip the township review (rules §2.1). */
  readonly directReporting: boolean;
  /**
   * When the unit was merged away (撤并), in epoch ms; absent or null while it exists. Its
   * history stays; the evaluation treats it as rules §6.2 says.
   */
  readonly deactivatedAt?: number | null;
}

/** Someone in a unit, with the roles they hold (人员). */
export interface Person {
  readonly id: string;
  readonly name: string;
  readonly unitId: string;
  readonly roles: readonly Role[];
  /** People who left keep their history but hold no duty. */
  readonly active: boolean;
}

/**
 * The escalation chain of a unit (rules §2.5), from the first link to the last:
 * officer → deputy → head → bureau reviewer → bureau leader.
 */
export const ESCALATION_CHAIN = ['officer', 'deputy', 'head', 'reviewer', 'leader'] as const;
/** One link of the escalation chain. */
export type EscalationLink = (typeof ESCALATION_CHAIN)[number];

/**
 * Indexes records by their `id` (the library's helpers take such maps to avoid rescans).
 *
 * @example
 * ```ts
 * const unitsById = indexById(units);
 * unitsById.get('hexi')?.name; // '河西镇中心校'
 * ```
 */
export function indexById<T extends { readonly id: string }>(
  items: readonly T[],
): ReadonlyMap<string, T> {
  const map = new Map<string, T>();
  for (const item of items) map.set(item.id, item);
  return map;
}

/**
 * The units directly under a unit, in input order (a township center's schools).
 *
 * @example
 * ```ts
 * childrenOf('hexi', units).map((u) => u.name); // the township center's schools, e.g. ['河西一小']
 * ```
 */
export function childrenOf(unitId: string, units: readonly Unit[]): readonly Unit[] {
  return units.filter((u) => u.parentId === unitId);
}

/**
 * The township center a school belongs to, or null when the unit is not such a school.
 *
 * @example
 * ```ts
 * townshipCenterOf(school, indexById(units))?.id; // 'hexi' for 河西一小; null for a unit that is not a school
 * ```
 */
export function townshipCenterOf(unit: Unit, unitsById: ReadonlyMap<string, Unit>): Unit | null {
  if (unit.kind !== 'school' || unit.parentId === null) return null;
  const parent = unitsById.get(unit.parentId);
  return parent !== undefined && parent.kind === 'township_center' ? parent : null;
}

/**
 * Whether a unit is evaluated in bulletins (rules §2.1: township centers and direct units).
 *
 * @example
 * ```ts
 * isEvaluatedUnit(townshipCenter); // true
 * isEvaluatedUnit(school); // false: its items count for its township center
 * ```
 */
export function isEvaluatedUnit(unit: Unit): boolean {
  return unit.kind === 'township_center' || unit.kind === 'direct_unit';
}

/**
 * The evaluated unit an item of `unitId` counts for (rules §2.1): itself for a township
 * center or a direct unit, the township center for a school, null for the bureau or an
 * unknown unit.
 *
 * @example
 * ```ts
 * evaluatedUnitIdOf('hexi-1', indexById(units)); // 'hexi': a school's items count for its center
 * evaluatedUnitIdOf('bureau', indexById(units)); // null
 * ```
 */
export function evaluatedUnitIdOf(
  unitId: string,
  unitsById: ReadonlyMap<string, Unit>,
): string | null {
  const unit = unitsById.get(unitId);
  if (unit === undefined) return null;
  if (isEvaluatedUnit(unit)) return unit.id;
  return townshipCenterOf(unit, unitsById)?.id ?? null;
}

/**
 * The unit whose staff review an item written in `unit` (rules §2.1): a school's township
 * center, or the unit itself for a township center or a direct unit. A direct-reporting
 * school (直报点) skips the township review: null.
 *
 * @example
 * ```ts
 * reviewUnitIdOf(school); // 'hexi': its township center reviews its items
 * reviewUnitIdOf({ ...school, directReporting: true }); // null: a 直报点 skips the township review
 * ```
 */
export function reviewUnitIdOf(unit: Unit): string | null {
  if (unit.kind === 'school') return unit.directReporting ? null : unit.parentId;
  if (unit.kind === 'bureau') return null;
  return unit.id;
}

/**
 * Whether a person is active and holds a role.
 *
 * @example
 * ```ts
 * holdsRole({ id: 'zhao', name: '赵副校长', unitId: 'hexi', roles: ['deputy', 'officer'], active: true }, 'deputy'); // true
 * ```
 */
export function holdsRole(person: Person, role: Role): boolean {
  return person.active && person.roles.includes(role);
}

/**
 * The active people of a unit who hold a role.
 *
 * @example
 * ```ts
 * holdersOf('hexi', 'deputy', people).map((p) => p.name); // the active deputies of 河西镇中心校
 * ```
 */
export function holdersOf(
  unitId: string,
  role: Role,
  people: readonly Person[],
): readonly Person[] {
  return people.filter((p) => p.unitId === unitId && holdsRole(p, role));
}

/** Roles that may approve an item in unit review (rules §3.2: deputy or head approves). */
export const APPROVER_ROLES: readonly UnitRole[] = ['deputy', 'head'];

/** The kind of a missing or broken duty in a unit (rules §2.3). */
export type AccountabilityGapCode =
  | 'MISSING_HEAD'
  | 'MULTIPLE_HEADS'
  | 'MISSING_DEPUTY'
  | 'MISSING_OFFICER'
  | 'MISSING_OPINION_OFFICER'
  | 'MULTIPLE_OPINION_OFFICERS'
  | 'NO_INDEPENDENT_REVIEWER';

/** One thing missing from a unit's accountability chain. */
export interface AccountabilityGap {
  readonly unitId: string;
  readonly code: AccountabilityGapCode;
  /** The role concerned. */
  readonly role: UnitRole;
  /** How many active people hold the role now. */
  readonly holders: number;
  /** A plain-language description (Simplified Chinese). */
  readonly message: string;
}

/**
 * What is missing from a unit's accountability chain (rules §2.3–2.4). A township center or a
 * direct unit needs exactly one head, at least one deputy, at least one officer and exactly
 * one opinion officer; a school needs an officer. Separation of duties: when the only person
 * who could approve the unit's items is also one of its officers (a likely author), nobody
 * independent can review them, which is a gap too. The bureau has no gaps of this kind.
 *
 * @example
 * ```ts
 * for (const gap of accountabilityGaps(townshipCenter, people)) console.log(gap.code, gap.message);
 * // MISSING_OPINION_OFFICER 河西镇中心校未明确舆情责任人
 * ```
 */
export function accountabilityGaps(
  unit: Unit,
  people: readonly Person[],
): readonly AccountabilityGap[] {
  const mine = people.filter((p) => p.unitId === unit.id && p.active);
  const count = (role: UnitRole): number => mine.filter((p) => p.roles.includes(role)).length;
  const gaps: AccountabilityGap[] = [];
  const gap = (code: AccountabilityGapCode, role: UnitRole, message: string): void => {
    gaps.push({ unitId: unit.id, code, role, holders: count(role), message });
  };
  if (unit.kind === 'bureau') return gaps;
  if (unit.kind === 'school') {
    if (count('officer') === 0) gap('MISSING_OFFICER', 'officer', `${unit.name}未配备信息员`);
    return gaps;
  }
  const heads = count('head');
  if (heads === 0) gap('MISSING_HEAD', 'head', `${unit.name}未明确一把手（主要负责人）`);
  if (heads > 1) gap('MULTIPLE_HEADS', 'head', `${unit.name}登记了 ${heads} 名一把手，应为一名`);
  if (count('deputy') === 0) gap('MISSING_DEPUTY', 'deputy', `${unit.name}未明确分管领导`);
  if (count('officer') === 0) gap('MISSING_OFFICER', 'officer', `${unit.name}未配备信息员`);
  const opinion = count('opinion_officer');
  if (opinion === 0) {
    gap('MISSING_OPINION_OFFICER', 'opinion_officer', `${unit.name}未明确舆情责任人`);
  }
  if (opinion > 1) {
    gap(
      'MULTIPLE_OPINION_OFFICERS',
      'opinion_officer',
      `${unit.name}登记了 ${opinion} 名舆情责任人，应为一名`,
    );
  }
  // rules §2.4: nobody approves their own submission; a sole approver who also writes is a gap.
  const approvers = mine.filter((p) => APPROVER_ROLES.some((r) => p.roles.includes(r)));
  const only = approvers[0];
  if (approvers.length === 1 && only !== undefined && only.roles.includes('officer')) {
    gap(
      'NO_INDEPENDENT_REVIEWER',
      'deputy',
      `${unit.name}唯一的审核人${only.name}同时是信息员，其撰写的稿件无人可以独立审核`,
    );
  }
  return gaps;
}

/** One resolved link of a unit's escalation chain: the role and the people who hold it. */
export interface ChainLink {
  readonly link: EscalationLink;
  /** The unit the holders belong to (the unit itself, its township center, or the bureau). */
  readonly unitId: string;
  readonly people: readonly Person[];
}

/**
 * The escalation chain of a unit resolved to people (rules §2.5): officer → deputy → head in
 * the unit, then bureau reviewer → bureau leader. A school that has nobody for deputy or head
 * escalates to its township center's; a link nobody holds is skipped so that escalation always
 * reaches a person.
 *
 * @example
 * ```ts
 * escalationChain('hexi-1', units, people).map((l) => `${l.link}: ${l.people.map((p) => p.name).join('、')}`);
 * // ['officer: 李信息员', 'deputy: 赵副校长', 'head: 钱校长', 'reviewer: 王审核', 'leader: 周局长']
 * ```
 */
export function escalationChain(
  unitId: string,
  units: readonly Unit[],
  people: readonly Person[],
): readonly ChainLink[] {
  const unitsById = indexById(units);
  const unit = unitsById.get(unitId);
  const bureau = units.find((u) => u.kind === 'bureau');
  const center = unit === undefined ? null : townshipCenterOf(unit, unitsById);
  const chain: ChainLink[] = [];
  for (const link of ESCALATION_CHAIN) {
    const candidates: string[] = [];
    if (link === 'reviewer' || link === 'leader') {
      if (bureau !== undefined) candidates.push(bureau.id);
    } else {
      if (unit !== undefined) candidates.push(unit.id);
      if (center !== null) candidates.push(center.id);
    }
    for (const candidate of candidates) {
      const holders = holdersOf(candidate, link, people);
      if (holders.length > 0) {
        chain.push({ link, unitId: candidate, people: holders });
        break;
      }
    }
  }
  return chain;
}

/**
 * The next link above `current` in a unit's resolved chain (null `current` = the first link),
 * or null when the chain is exhausted. Used to escalate overdue work one link at a time.
 *
 * @example
 * ```ts
 * nextInChain('hexi-1', 'deputy', units, people)?.link; // 'head'
 * nextInChain('hexi-1', null, units, people)?.link; // 'officer', the first link
 * ```
 */
export function nextInChain(
  unitId: string,
  current: EscalationLink | null,
  units: readonly Unit[],
  people: readonly Person[],
): ChainLink | null {
  const chain = escalationChain(unitId, units, people);
  if (current === null) return chain[0] ?? null;
  const rank = ESCALATION_CHAIN.indexOf(current);
  return chain.find((l) => ESCALATION_CHAIN.indexOf(l.link) > rank) ?? null;
}
