/**
 * Organisation: units, people and their roles (DESIGN §2, §3.1).
 */

/** `bureau` 县教体局, `township_center` 乡镇中心校, `direct_unit` 局直单位, `school` 学校. */
export const UNIT_KINDS = ['bureau', 'township_center', 'direct_unit', 'school'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Roles held inside a reporting unit. */
export const UNIT_ROLES = ['head', 'deputy', 'officer', 'opinion_officer'] as const;
/** Roles held inside the bureau. */
export const BUREAU_ROLES = ['reviewer', 'leader', 'admin'] as const;
export const ROLES = [...UNIT_ROLES, ...BUREAU_ROLES] as const;
export type UnitRole = (typeof UNIT_ROLES)[number];
export type BureauRole = (typeof BUREAU_ROLES)[number];
export type Role = (typeof ROLES)[number];

export interface Unit {
  readonly id: string;
  readonly name: string;
  readonly kind: UnitKind;
  /** The township center a school belongs to; the bureau for the others; null for the bureau. */
  readonly parentId: string | null;
  readonly staffCount: number;
  readonly studentCount: number;
  /** 直报点: a school whose items skip the township review (DESIGN §3.2). */
  readonly directReporting: boolean;
}

export interface Person {
  readonly id: string;
  readonly name: string;
  readonly unitId: string;
  readonly roles: readonly Role[];
  /** People who left keep their history but hold no duty. */
  readonly active: boolean;
}

/**
 * The escalation chain of a unit (DESIGN §3.1), from the first link to the last:
 * officer → deputy → head → bureau reviewer → bureau leader.
 */
export const ESCALATION_CHAIN = ['officer', 'deputy', 'head', 'reviewer', 'leader'] as const;
export type EscalationLink = (typeof ESCALATION_CHAIN)[number];
