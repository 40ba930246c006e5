/**
 * The shapes of an evaluation (rules §6): what it reads and what it returns. Both the plain
 * rules and the fast engine speak these types.
 */
import type { Person, Unit } from '../org.js';
import type { Period } from '../period.js';
import type { Quota, Scheme } from '../scheme.js';
import type { Adjustment } from '../scoring.js';
import type { UnreportedMajor } from '../timeliness.js';
import type { ParamValue, STATUS_REASON_MESSAGES } from '../messages.js';
import type { AdoptionLevel, Category, InstructionLevel } from '../vocabulary.js';
import type { Approval, ReturnRecord } from '../workflow.js';

/**
 * The fields of a submission the evaluation reads, and no others (a full `Submission` fits;
 * rules §6.7). The review history is optional: a row without `approvals` or `returns` is an
 * item whose review left no record (no approvals, no returns), and a row without
 * `qualityMark` has none.
 */
export interface EvaluatedSubmission {
  readonly id: string;
  /** The writing unit; a school's items count for its township center. */
  readonly unitId: string;
  /** Who share the item's points on the officer ranking; may be empty. */
  readonly authorIds: readonly string[];
  readonly category: Category;
  /** When the event happened (epoch ms): with `submittedToBureauAt`, decides lateness. */
  readonly eventAt: number;
  /** When the item first reached bureau review; null when it never did (it counts nowhere). */
  readonly submittedToBureauAt: number | null;
  /** The quality mark 精品; only whether it is set matters. Absent or null: no mark. */
  readonly qualityMark?: { readonly by: string; readonly at: number } | null;
  /** Every unit approval, for review depth and rubber stamps. Absent: none. */
  readonly approvals?: readonly Approval[];
  /** Every return, for the returned count. Absent: none. */
  readonly returns?: readonly ReturnRecord[];
}

/**
 * The fields of an adoption the evaluation reads, and no others (a full `Adoption` fits;
 * rules §6.7). The proof (outlet, page, link) is not read.
 */
export interface EvaluatedAdoption {
  readonly id: string;
  /** The credited items: one, or several sharing the points of a merged piece (综合稿). */
  readonly submissionIds: readonly string[];
  readonly level: AdoptionLevel;
  /** 头版头条; absent: false. */
  readonly headline?: boolean;
  /** The publication date (epoch ms); decides the period the adoption scores in. */
  readonly publishedAt: number;
  /** A leader instruction (批示) with its own date; absent or null: none. */
  readonly instruction?: { readonly level: InstructionLevel; readonly at: number } | null;
}

/** How an incident's deadlines were kept, for the on-time rate in bulletins (rules §7.5). */
export interface IncidentTimeliness {
  readonly unitId: string;
  /** When it was discovered; decides the period. */
  readonly discoveredAt: number;
  /** True if every deadline was kept, false if one was missed, null while undecided. */
  readonly onTime: boolean | null;
}

/** Everything the evaluation of a period depends on. */
export interface EvaluationInput {
  readonly scheme: Scheme;
  readonly period: Period;
  readonly units: readonly Unit[];
  readonly people: readonly Person[];
  readonly submissions: readonly EvaluatedSubmission[];
  readonly adoptions: readonly EvaluatedAdoption[];
  readonly adjustments?: readonly Adjustment[];
  readonly unreportedMajors?: readonly UnreportedMajor[];
  readonly incidents?: readonly IncidentTimeliness[];
}

/** The status of a unit in a period (rules §6.2). */
export type UnitStatus = 'commended' | 'criticised' | 'disqualified' | 'ok';

/**
 * Why a unit has its status. `TOP_N_OF_QUALIFIED` is `TOP_N` when a unit ranked above this one
 * missed its quota, so that "top N" is read among the units that met theirs (rules §6.2).
 */
export type StatusReasonCode = keyof typeof STATUS_REASON_MESSAGES;

/**
 * One reason of a status: its code, the values its message shows (`params`) and that message
 * in Simplified Chinese. {@link formatStatusReason} renders it in another locale.
 */
export interface StatusReason {
  readonly code: StatusReasonCode;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly message: string;
}

/** Where a unit stands against its quota. */
export interface QuotaCompletion {
  readonly target: Quota;
  readonly submitted: number;
  readonly adopted: number;
  /** The lower of submitted/target and adopted/target (1 when the target is 0). */
  readonly completion: number;
  readonly met: boolean;
}

/** Where a unit's score comes from. */
export interface ScoreBreakdown {
  readonly reachedBureau: number;
  readonly adoptions: number;
  readonly quality: number;
  readonly instructions: number;
  readonly adjustments: number;
  /** Points lost (a positive number). */
  readonly penalties: number;
}

/** The figures of one writing unit (a school listed under its township center, or the unit itself). */
export interface UnitFigures {
  readonly unitId: string;
  readonly name: string;
  /** Items that reached bureau review in the period. */
  readonly submitted: number;
  /** Counted adoptions dated in the period. */
  readonly adopted: number;
  /** Points of the unit's items (before adjustments and penalties). */
  readonly itemPoints: number;
}

/** The evaluation of one township center or direct unit. */
export interface UnitEvaluation {
  readonly unitId: string;
  readonly name: string;
  readonly kind: 'township_center' | 'direct_unit';
  readonly submitted: number;
  readonly adopted: number;
  readonly adoptedByLevel: Readonly<Record<AdoptionLevel, number>>;
  readonly late: number;
  readonly returned: number;
  /** Items per category that reached bureau review (the category mix). */
  readonly categories: Readonly<Record<Category, number>>;
  readonly approvals: number;
  /** Share of approvals with an edit or a substantive comment (rules §3.4); null without approvals. */
  readonly reviewDepth: number | null;
  /** Approvals with no change, under the threshold after opening the full item or never opened. */
  readonly rubberStamped: number;
  /** Median minutes from opening the full item to approving it; null when no approval opened it. */
  readonly medianMinutesToApprove: number | null;
  readonly lateMajors: number;
  readonly unreportedMajors: number;
  readonly score: number;
  readonly breakdown: ScoreBreakdown;
  readonly quota: QuotaCompletion;
  /** Mean time items reached the bureau (epoch ms), null without items; breaks ties. */
  readonly averageSubmittedAt: number | null;
  readonly incidents: number;
  /** Share of decided incidents handled on time; null without decided incidents. */
  readonly incidentOnTimeRate: number | null;
  readonly status: UnitStatus;
  readonly reasons: readonly StatusReason[];
  /** 1-based rank; null for a disqualified unit and a unit merged away. */
  readonly rank: number | null;
  /**
   * Set when the unit was merged away (撤并) before the period ended (rules §6.2): it is listed
   * for its items, with status `ok`, the reason `DEACTIVATED` and no rank.
   */
  readonly deactivated?: true;
  /** The unit's own items and each school's, schools after the unit. */
  readonly writers: readonly UnitFigures[];
}

/** An officer in the 优秀信息员 ranking. */
export interface OfficerEvaluation {
  readonly personId: string;
  readonly name: string;
  readonly unitId: string | null;
  readonly items: number;
  readonly adopted: number;
  readonly adoptedByLevel: Readonly<Record<AdoptionLevel, number>>;
  /** The author's share of the points of their items (split evenly among co-authors). */
  readonly score: number;
  readonly rank: number;
  readonly commended: boolean;
}

/** The result of evaluating a period. */
export interface Evaluation {
  readonly period: Period;
  readonly range: { readonly start: number; readonly end: number };
  readonly schemeYear: number;
  readonly schemeVersion: number;
  /** Ranked units first (by rank), then disqualified units, then units merged away. */
  readonly units: readonly UnitEvaluation[];
  readonly officers: readonly OfficerEvaluation[];
}
