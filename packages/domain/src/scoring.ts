/**
 * Adoptions, adjustments and the score of an item (rules §5.2), explained line by line.
 *
 * Item score = the reached-bureau point + Σ adoption points (level × headline, × late factor,
 * shared equally among merged items) + 精品 + leader-instruction bonuses. Every line scores in
 * the period of its own date: the reached-bureau point and 精品 when the item reached bureau
 * review, an adoption on its publication date, an instruction on the date it was given.
 */
import type { ErrorCode } from './errors.js';
import { formatScoreTerms, type ScoreTerm } from './messages.js';
import { holdsRole, type Person } from './org.js';
import { isInPeriod, type Period } from './period.js';
import {
  domainError,
  err,
  ok,
  type DomainError,
  type DomainErrorArgs,
  type Result,
} from './result.js';
import type { Scheme } from './scheme.js';
import { isLate, type TimedItem } from './timeliness.js';
import {
  ADOPTION_LEVELS,
  isAdoptionLevel,
  isInstructionLevel,
  type AdoptionLevel,
  type InstructionLevel,
} from './vocabulary.js';

/** A leader's written instruction (领导批示) on a published piece. */
export interface LeaderInstruction {
  readonly level: InstructionLevel;
  /** When it was given; decides the period of its bonus. */
  readonly at: number;
  readonly leader: string | null;
  readonly note: string | null;
}

/**
 * An outlet published a piece (采用). One adoption may credit several submissions merged into
 * one piece (综合稿); its points are then shared equally among them.
 */
export interface Adoption {
  readonly id: string;
  /** The credited submissions, at least one. */
  readonly submissionIds: readonly string[];
  readonly level: AdoptionLevel;
  /** 头版头条 */
  readonly headline: boolean;
  /** Proof: the outlet's name (e.g. 《xx日报》). */
  readonly outlet: string;
  /** Proof: the page (e.g. 第 2 版), if printed. */
  readonly page: string | null;
  /** Proof: the link, if online. */
  readonly link: string | null;
  /** Proof: a screenshot's storage key. */
  readonly screenshot: string | null;
  /** Publication date; decides the period the adoption scores in. */
  readonly publishedAt: number;
  readonly instruction: LeaderInstruction | null;
  readonly recordedBy: string;
  readonly recordedAt: number;
}

/** The facts of a submission scoring looks at (a slim row is enough). */
export interface ScorableSubmission extends TimedItem {
  readonly id: string;
  readonly unitId: string;
  readonly authorIds: readonly string[];
  /** The quality mark 精品, or null. */
  readonly qualityMark: { readonly by: string; readonly at: number } | null;
}

/** What a bureau reviewer enters to record an adoption. */
export interface AdoptionInput {
  readonly id: string;
  readonly submissionIds: readonly string[];
  readonly level: AdoptionLevel;
  readonly headline?: boolean;
  readonly outlet: string;
  readonly page?: string | null;
  readonly link?: string | null;
  readonly screenshot?: string | null;
  readonly publishedAt: number;
  readonly instruction?: LeaderInstruction | null;
}

/** Collects every problem of an input, in the order a form shows its fields. */
function problems(): {
  readonly list: DomainError[];
  add<C extends ErrorCode>(code: C, ...init: DomainErrorArgs<C>): void;
} {
  const list: DomainError[] = [];
  return {
    list,
    add(code, ...init) {
      list.push(domainError(code, ...init));
    },
  };
}

function blankToNull(text: string | null | undefined): string | null {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/**
 * Records an adoption with its proof (rules §3.5). The actor must be a bureau reviewer; the
 * credited items must exist in `submissions` and have reached bureau review; the proof needs
 * the outlet and a page or a link. Refused with every problem found, each with its field.
 *
 * @example
 * ```ts
 * const adoption = recordAdoption(
 *   { id: 'ad-1', submissionIds: ['item-1'], level: 'city', headline: true, outlet: '《市日报》', page: '第 1 版', publishedAt },
 *   submissions,
 *   bureauReviewer,
 *   now,
 * );
 * if (!adoption.ok) adoption.error.map((e) => e.path); // e.g. ['page'] when neither page nor link proves it
 * ```
 */
export function recordAdoption(
  input: AdoptionInput,
  submissions: readonly {
    readonly id: string;
    readonly state: string;
    readonly submittedToBureauAt: number | null;
  }[],
  actor: Person,
  now: number,
): Result<Adoption, readonly DomainError[]> {
  const p = problems();
  if (!holdsRole(actor, 'reviewer')) {
    p.add('ADOPTION.NOT_BUREAU_REVIEWER', { params: { action: 'record' } });
  }
  if (!isAdoptionLevel(input.level)) {
    p.add('ADOPTION.UNKNOWN_LEVEL', {
      params: { field: 'level', level: String(input.level) },
      path: 'level',
    });
  }
  const outlet = blankToNull(input.outlet);
  const page = blankToNull(input.page);
  const link = blankToNull(input.link);
  if (outlet === null) {
    p.add('ADOPTION.PROOF_REQUIRED', { params: { field: 'outlet' }, path: 'outlet' });
  }
  if (page === null && link === null) {
    p.add('ADOPTION.PROOF_REQUIRED', { params: { field: 'page' }, path: 'page' });
  }
  if (!Number.isFinite(input.publishedAt)) {
    p.add('ADOPTION.INVALID_DATE', { path: 'publishedAt' });
  }
  const ids = [...new Set(input.submissionIds)];
  if (ids.length === 0 || ids.length !== input.submissionIds.length) {
    p.add('ADOPTION.BAD_CREDITS', { path: 'submissionIds' });
  }
  for (const id of ids) {
    const s = submissions.find((x) => x.id === id);
    if (s === undefined) {
      p.add('ADOPTION.UNKNOWN_SUBMISSION', {
        params: { submissionId: id },
        path: 'submissionIds',
      });
    } else if (
      s.submittedToBureauAt === null ||
      !(s.state === 'bureau_review' || s.state === 'adopted' || s.state === 'not_adopted')
    ) {
      p.add('ADOPTION.NOT_AT_BUREAU', { params: { submissionId: id }, path: 'submissionIds' });
    }
  }
  const instruction = input.instruction ?? null;
  if (instruction !== null && !isInstructionLevel(instruction.level)) {
    p.add('ADOPTION.UNKNOWN_LEVEL', {
      params: { field: 'instruction.level', level: String(instruction.level) },
      path: 'instruction.level',
    });
  }
  if (p.list.length > 0 || outlet === null) return err(p.list);
  return ok({
    id: input.id,
    submissionIds: ids,
    level: input.level,
    headline: input.headline ?? false,
    outlet,
    page,
    link,
    screenshot: blankToNull(input.screenshot),
    publishedAt: input.publishedAt,
    instruction,
    recordedBy: actor.id,
    recordedAt: now,
  });
}

/**
 * Adds a leader instruction to an adoption (it often comes days after publication). Refused
 * with every problem found.
 *
 * @example
 * ```ts
 * const instructed = addInstruction(adoption, { level: 'county', at: now, leader: '县长', note: null }, bureauReviewer);
 * if (instructed.ok) adoptions = adoptions.map((a) => (a.id === adoption.id ? instructed.value : a));
 * ```
 */
export function addInstruction(
  adoption: Adoption,
  instruction: LeaderInstruction,
  actor: Person,
): Result<Adoption, readonly DomainError[]> {
  const p = problems();
  if (!holdsRole(actor, 'reviewer')) {
    p.add('ADOPTION.NOT_BUREAU_REVIEWER', { params: { action: 'instruction' } });
  }
  if (!isInstructionLevel(instruction.level)) {
    p.add('ADOPTION.UNKNOWN_LEVEL', {
      params: { field: 'instruction.level', level: String(instruction.level) },
      path: 'instruction.level',
    });
  }
  if (adoption.instruction !== null) p.add('ADOPTION.INSTRUCTION_EXISTS');
  if (p.list.length > 0) return err(p.list);
  return ok({ ...adoption, instruction });
}

/** The rank of a level, 0 for `bureau` up to 4 for `national`. */
export function levelRank(level: AdoptionLevel): number {
  return ADOPTION_LEVELS.indexOf(level);
}

/**
 * The points one adoption gives one credited item (rules §4.2, §5.2): level points, × the
 * headline multiplier, × the late factor for a late item, shared equally among the credited
 * items of a merged piece.
 */
export function adoptionPoints(
  adoption: Pick<Adoption, 'level' | 'submissionIds'> & { readonly headline?: boolean },
  late: boolean,
  scheme: Scheme,
): number {
  const base =
    scheme.levels[adoption.level] * (adoption.headline === true ? scheme.headlineMultiplier : 1);
  return (base * (late ? scheme.timeliness.lateFactor : 1)) / adoption.submissionIds.length;
}

/** The bonus one leader instruction gives one credited item (shared like the adoption). */
export function instructionPoints(
  adoption: Pick<Adoption, 'submissionIds'> & {
    readonly instruction?: Pick<LeaderInstruction, 'level'> | null;
  },
  scheme: Scheme,
): number {
  const instruction = adoption.instruction ?? null;
  if (instruction === null) return 0;
  return scheme.instructionBonus[instruction.level] / adoption.submissionIds.length;
}

/**
 * Points in micro-points (10⁻⁶). Sums of integers are exact and independent of order, which
 * keeps rankings deterministic under any order of the input.
 *
 * @example
 * ```ts
 * toMicro(0.1) + toMicro(0.2) === toMicro(0.3); // true: sums of micro-points are exact
 * ```
 */
export function toMicro(points: number): number {
  return Math.round(points * 1e6);
}

/**
 * Back from micro-points.
 *
 * @example
 * ```ts
 * fromMicro(toMicro(0.1) + toMicro(0.2)); // 0.3
 * ```
 */
export function fromMicro(micro: number): number {
  return micro / 1e6;
}

/** Whether candidate `a` (value, date, id) wins over `b` when only one may count. */
export function beats(
  aValue: number,
  aAt: number,
  aId: string,
  bValue: number,
  bAt: number,
  bId: string,
): boolean {
  if (aValue !== bValue) return aValue > bValue;
  if (aAt !== bAt) return aAt < bAt;
  return aId < bId;
}

/** Why a line did not count. */
export type NotCountedReason = 'same_level' | 'below_highest' | 'outside_period';

/** One line of an item's score ("points gained, explained"). */
export interface ScoreLine {
  readonly kind: 'reached_bureau' | 'adoption' | 'quality' | 'instruction';
  /** The points of the line (0 when not counted). */
  readonly points: number;
  readonly counted: boolean;
  readonly notCountedReason: NotCountedReason | null;
  /** The date that decides the period of the line. */
  readonly at: number;
  readonly adoptionId: string | null;
  readonly level: AdoptionLevel | InstructionLevel | null;
  readonly headline: boolean;
  readonly late: boolean;
  /** Number of merged items the points are shared among (1 when not merged). */
  readonly sharedAmong: number;
  /** The calculation in words (Simplified Chinese), e.g. "市级采用 4 × 头版头条 2 ÷ 综合稿 2 篇 = 4". */
  readonly explanation: string;
  /**
   * The same calculation as message keys with parameters (`SCORE.ADOPTION` with the level and
   * its points, `SCORE.HEADLINE` with the multiplier, …), for {@link formatScoreLine} to render
   * in any locale.
   */
  readonly terms: readonly ScoreTerm[];
}

/** An item's score with its lines. */
export interface ItemScore {
  readonly submissionId: string;
  readonly total: number;
  readonly late: boolean;
  readonly lines: readonly ScoreLine[];
}

/** A line's explanation: its terms, and their rendering in Chinese like the documents. */
function explained(terms: readonly ScoreTerm[]): {
  readonly terms: readonly ScoreTerm[];
  readonly explanation: string;
} {
  return { terms, explanation: formatScoreTerms(terms, 'zh-CN') };
}

/**
 * Which adoptions of one item count (rules §5.3): the same level counts once per item (the
 * best-valued adoption of the level), and with `stacking: "highest"` only the single best
 * adoption counts (the highest level reached, unless sharing or lateness make another worth more). Also which instructions count: one per instruction level.
 * Returns the ids of counted adoptions and of adoptions whose instruction counts.
 */
export function countedCredits(
  adoptions: readonly Adoption[],
  late: boolean,
  scheme: Scheme,
): { readonly adoptionIds: ReadonlySet<string>; readonly instructionIds: ReadonlySet<string> } {
  const bestByLevel = new Map<AdoptionLevel, Adoption>();
  const bestInstruction = new Map<InstructionLevel, Adoption>();
  for (const a of adoptions) {
    const value = toMicro(adoptionPoints(a, late, scheme));
    const current = bestByLevel.get(a.level);
    if (
      current === undefined ||
      beats(
        value,
        a.publishedAt,
        a.id,
        toMicro(adoptionPoints(current, late, scheme)),
        current.publishedAt,
        current.id,
      )
    ) {
      bestByLevel.set(a.level, a);
    }
    if (a.instruction !== null) {
      const iv = toMicro(instructionPoints(a, scheme));
      const ci = bestInstruction.get(a.instruction.level);
      if (
        ci === undefined ||
        ci.instruction === null ||
        beats(
          iv,
          a.instruction.at,
          a.id,
          toMicro(instructionPoints(ci, scheme)),
          ci.instruction.at,
          ci.id,
        )
      ) {
        bestInstruction.set(a.instruction.level, a);
      }
    }
  }
  let winners = [...bestByLevel.values()];
  if (scheme.stacking === 'highest' && winners.length > 1) {
    // The best single adoption: normally the highest level reached; sharing or lateness can
    // make a lower level worth more, and a new adoption must never lower an item's score.
    let best = winners[0] as Adoption;
    for (const a of winners) {
      if (
        beats(
          toMicro(adoptionPoints(a, late, scheme)),
          a.publishedAt,
          a.id,
          toMicro(adoptionPoints(best, late, scheme)),
          best.publishedAt,
          best.id,
        )
      ) {
        best = a;
      }
    }
    winners = [best];
  }
  return {
    adoptionIds: new Set(winners.map((a) => a.id)),
    instructionIds: new Set([...bestInstruction.values()].map((a) => a.id)),
  };
}

/**
 * The score of one item explained line by line. With a period, lines dated outside it are
 * listed as not counted; without one, every line counts. Items that never reached bureau
 * review score nothing (rules §5.4).
 *
 * @example
 * ```ts
 * const score = itemScore(item, adoptions, defaultScheme(2026), { year: 2026, kind: 'H1' });
 * score.lines.map((l) => l.explanation); // ['报送到局 0.2', '精品 +2', '市级采用 4 × 头版头条 2 = 8']
 * score.total; // 10.2
 * ```
 */
export function itemScore(
  submission: ScorableSubmission,
  adoptions: readonly Adoption[],
  scheme: Scheme,
  period?: Period,
): ItemScore {
  const lines: ScoreLine[] = [];
  const reached = submission.submittedToBureauAt;
  const late = isLate(submission, scheme);
  if (reached === null) return { submissionId: submission.id, total: 0, late, lines };
  const inside = (at: number): boolean => period === undefined || isInPeriod(at, period);
  const line = (
    partial: Omit<ScoreLine, 'counted' | 'notCountedReason' | 'points'> & {
      readonly points: number;
    },
    reason: NotCountedReason | null,
  ): void => {
    const why = reason ?? (inside(partial.at) ? null : 'outside_period');
    lines.push({
      ...partial,
      points: why === null ? partial.points : 0,
      counted: why === null,
      notCountedReason: why,
    });
  };
  const neutral = {
    adoptionId: null,
    level: null,
    headline: false,
    late: false,
    sharedAmong: 1,
  } as const;
  line(
    {
      kind: 'reached_bureau',
      points: scheme.reachedBureauPoints,
      at: reached,
      ...neutral,
      ...explained([
        { key: 'SCORE.REACHED_BUREAU', params: { points: scheme.reachedBureauPoints } },
      ]),
    },
    null,
  );
  if (submission.qualityMark !== null) {
    line(
      {
        kind: 'quality',
        points: scheme.qualityBonus,
        at: reached,
        ...neutral,
        ...explained([{ key: 'SCORE.QUALITY', params: { points: scheme.qualityBonus } }]),
      },
      null,
    );
  }
  const mine = adoptions
    .filter((a) => a.submissionIds.includes(submission.id))
    .sort((a, b) => a.publishedAt - b.publishedAt || (a.id < b.id ? -1 : 1));
  const counted = countedCredits(mine, late, scheme);
  for (const a of mine) {
    const n = a.submissionIds.length;
    const points = adoptionPoints(a, late, scheme);
    const terms: ScoreTerm[] = [
      { key: 'SCORE.ADOPTION', params: { level: a.level, points: scheme.levels[a.level] } },
    ];
    if (a.headline) {
      terms.push({ key: 'SCORE.HEADLINE', params: { factor: scheme.headlineMultiplier } });
    }
    if (late) terms.push({ key: 'SCORE.LATE', params: { factor: scheme.timeliness.lateFactor } });
    if (n > 1) terms.push({ key: 'SCORE.SHARED', params: { count: n } });
    terms.push({ key: 'SCORE.RESULT', params: { points } });
    const reason: NotCountedReason | null = counted.adoptionIds.has(a.id)
      ? null
      : scheme.stacking === 'highest'
        ? 'below_highest'
        : 'same_level';
    line(
      {
        kind: 'adoption',
        points,
        at: a.publishedAt,
        adoptionId: a.id,
        level: a.level,
        headline: a.headline,
        late,
        sharedAmong: n,
        ...explained(terms),
      },
      reason,
    );
  }
  for (const a of mine) {
    if (a.instruction === null) continue;
    const n = a.submissionIds.length;
    const points = instructionPoints(a, scheme);
    line(
      {
        kind: 'instruction',
        points,
        at: a.instruction.at,
        adoptionId: a.id,
        level: a.instruction.level,
        headline: false,
        late: false,
        sharedAmong: n,
        ...explained([
          {
            key: 'SCORE.INSTRUCTION',
            params: {
              level: a.instruction.level,
              points: scheme.instructionBonus[a.instruction.level],
            },
          },
          ...(n > 1 ? [{ key: 'SCORE.SHARED', params: { count: n } } as const] : []),
          { key: 'SCORE.RESULT', params: { points } },
        ]),
      },
      counted.instructionIds.has(a.id) ? null : 'same_level',
    );
  }
  const total = fromMicro(lines.reduce((sum, l) => sum + toMicro(l.points), 0));
  return { submissionId: submission.id, total, late, lines };
}

/**
 * A manual adjustment of a unit's score (加分/扣分) by a bureau admin. Never deleted: revoking
 * one records a counter-adjustment of the opposite points (rules §5.6).
 */
export interface Adjustment {
  readonly id: string;
  readonly unitId: string;
  /** Signed points: positive adds, negative deducts. */
  readonly points: number;
  readonly reason: string;
  /** The date of the event it is for; decides its period. */
  readonly at: number;
  readonly by: string;
  readonly recordedAt: number;
  /** The adjustment this one counters, or null. */
  readonly countersId: string | null;
}

/**
 * Records a manual adjustment; the actor must be a bureau admin and give a reason. Refused
 * with every problem found.
 *
 * @example
 * ```ts
 * const adjustment = createAdjustment({ id: 'adj-1', unitId: 'hexi', points: 3, reason: '县级表彰会典型发言', at }, admin, now);
 * if (!adjustment.ok) adjustment.error.map((e) => e.code); // e.g. ['ADJUSTMENT.REASON_REQUIRED']
 * ```
 */
export function createAdjustment(
  input: {
    readonly id: string;
    readonly unitId: string;
    readonly points: number;
    readonly reason: string;
    readonly at: number;
  },
  actor: Person,
  now: number,
): Result<Adjustment, readonly DomainError[]> {
  const p = problems();
  if (!holdsRole(actor, 'admin')) p.add('ADJUSTMENT.NOT_ADMIN', { params: { action: 'create' } });
  const reason = blankToNull(input.reason);
  if (reason === null) {
    p.add('ADJUSTMENT.REASON_REQUIRED', { params: { action: 'create' }, path: 'reason' });
  }
  if (!Number.isFinite(input.points) || input.points === 0) {
    p.add('ADJUSTMENT.INVALID_POINTS', { path: 'points' });
  }
  if (p.list.length > 0 || reason === null) return err(p.list);
  return ok({ ...input, reason, by: actor.id, recordedAt: now, countersId: null });
}

/**
 * Revokes an adjustment by recording its counter (the opposite points, same period). Refused,
 * with every problem found, if it is itself a counter or was already countered.
 *
 * @example
 * ```ts
 * // Revoking keeps the history: a counter of −3 with its own reason.
 * const counter = counterAdjustment(adjustment, adjustments, { id: 'adj-2', reason: '重复加分' }, admin, now);
 * ```
 */
export function counterAdjustment(
  original: Adjustment,
  existing: readonly Adjustment[],
  input: { readonly id: string; readonly reason: string },
  actor: Person,
  now: number,
): Result<Adjustment, readonly DomainError[]> {
  const p = problems();
  if (!holdsRole(actor, 'admin')) p.add('ADJUSTMENT.NOT_ADMIN', { params: { action: 'counter' } });
  if (original.countersId !== null) p.add('ADJUSTMENT.IS_COUNTER');
  if (existing.some((a) => a.countersId === original.id)) p.add('ADJUSTMENT.ALREADY_COUNTERED');
  const reason = blankToNull(input.reason);
  if (reason === null) {
    p.add('ADJUSTMENT.REASON_REQUIRED', { params: { action: 'counter' }, path: 'reason' });
  }
  if (p.list.length > 0 || reason === null) return err(p.list);
  return ok({
    id: input.id,
    unitId: original.unitId,
    points: -original.points,
    reason,
    at: original.at,
    by: actor.id,
    recordedAt: now,
    countersId: original.id,
  });
}

/**
 * The net points of adjustments (exact to the micro-point), optionally within a period.
 *
 * @example
 * ```ts
 * netAdjustment(adjustments, { year: 2026, kind: 'H1' }); // 0 after +3 and its counter −3
 * ```
 */
export function netAdjustment(adjustments: readonly Adjustment[], period?: Period): number {
  let micro = 0;
  for (const a of adjustments)
    if (period === undefined || isInPeriod(a.at, period)) micro += toMicro(a.points);
  return fromMicro(micro);
}

/**
 * Adjustments still in force: neither countered nor counters.
 *
 * @example
 * ```ts
 * adjustmentsInForce(adjustments).map((a) => a.id); // neither countered nor counters
 * ```
 */
export function adjustmentsInForce(adjustments: readonly Adjustment[]): readonly Adjustment[] {
  const countered = new Set(
    adjustments.map((a) => a.countersId).filter((id): id is string => id !== null),
  );
  return adjustments.filter((a) => a.countersId === null && !countered.has(a.id));
}
