/**
 * Timeliness (信息报送及时性, rules §4): the time from the event to the item reaching the
 * bureau, measured against the limit of its category.
 */
import type { Scheme } from './scheme.js';
import { HOUR_MS, type Category } from './vocabulary.js';

/** The facts timeliness looks at. */
export interface TimedItem {
  readonly category: Category;
  /** When the reported event happened. */
  readonly eventAt: number;
  /** When the item reached bureau review, or null if it has not. */
  readonly submittedToBureauAt: number | null;
}

/**
 * The limit of a category in milliseconds, or null when the category has none.
 *
 * @example
 * ```ts
 * timeLimitMs('major', defaultScheme(2026)); // 7_200_000 (2 hours)
 * timeLimitMs('exemplar', defaultScheme(2026)); // null: no limit
 * ```
 */
export function timeLimitMs(category: Category, scheme: Scheme): number | null {
  const hours = scheme.timeliness.limitHours[category];
  return hours === null ? null : hours * HOUR_MS;
}

/** How an item stands against its limit. */
export interface Lateness {
  /** Time from the event to the bureau; null if the item has not reached the bureau. */
  readonly delayMs: number | null;
  readonly limitMs: number | null;
  /** True only for an item that reached the bureau after its limit. */
  readonly late: boolean;
}

/**
 * The lateness of an item (rules §4.1: submitted-to-bureau time minus event time).
 *
 * @example
 * ```ts
 * lateness({ category: 'meeting', eventAt, submittedToBureauAt: eventAt + 49 * 3_600_000 }, defaultScheme(2026));
 * // { delayMs: 176_400_000, limitMs: 172_800_000, late: true }
 * ```
 */
export function lateness(item: TimedItem, scheme: Scheme): Lateness {
  const limitMs = timeLimitMs(item.category, scheme);
  const delayMs =
    item.submittedToBureauAt === null ? null : item.submittedToBureauAt - item.eventAt;
  return { delayMs, limitMs, late: delayMs !== null && limitMs !== null && delayMs > limitMs };
}

/**
 * Whether an item reached the bureau after the limit of its category.
 *
 * @example
 * ```ts
 * isLate({ category: 'hotspot', eventAt, submittedToBureauAt: eventAt + 25 * 3_600_000 }, defaultScheme(2026)); // true
 * ```
 */
export function isLate(item: TimedItem, scheme: Scheme): boolean {
  return lateness(item, scheme).late;
}

/**
 * A major event the bureau learned of elsewhere and recorded as unreported (瞒报/漏报,
 * rules §4.3). It costs the unit points and its award eligibility for the period of the event.
 */
export interface UnreportedMajor {
  readonly id: string;
  readonly unitId: string;
  /** When the event happened; decides the period. */
  readonly eventAt: number;
  readonly description: string;
  readonly recordedBy: string;
  readonly recordedAt: number;
}

/** Why a unit loses points. */
export type PenaltyKind = 'late_major' | 'unreported_major';

/** Points a unit loses for a major-information failure (rules §4.3). */
export interface Penalty {
  readonly kind: PenaltyKind;
  readonly unitId: string;
  /** Points lost, a positive number. */
  readonly points: number;
  /** The instant that decides the period the penalty counts in. */
  readonly at: number;
  /** The late item or the unreported-event record. */
  readonly sourceId: string;
  /** Whether the penalty also removes the unit's award eligibility for the period. */
  readonly disqualifies: boolean;
}

/**
 * The 迟报 penalty of a major item that reached the bureau after its limit, counted in the
 * period in which it reached the bureau; null for any other item.
 *
 * @example
 * ```ts
 * // A major item three hours after the event: −5 for the unit (迟报).
 * lateMajorPenalty({ id: 'item-9', unitId: 'hexi', category: 'major', eventAt, submittedToBureauAt: eventAt + 3 * 3_600_000 }, defaultScheme(2026))?.points; // 5
 * ```
 */
export function lateMajorPenalty(
  item: TimedItem & { readonly id: string; readonly unitId: string },
  scheme: Scheme,
): Penalty | null {
  if (item.category !== 'major' || item.submittedToBureauAt === null) return null;
  if (!isLate(item, scheme)) return null;
  return {
    kind: 'late_major',
    unitId: item.unitId,
    points: scheme.timeliness.majorLatePenalty,
    at: item.submittedToBureauAt,
    sourceId: item.id,
    disqualifies: false,
  };
}

/**
 * The 瞒报/漏报 penalty of an unreported major event: points and disqualification.
 *
 * @example
 * ```ts
 * const penalty = unreportedMajorPenalty(record, defaultScheme(2026));
 * penalty.points; // 20
 * penalty.disqualifies; // true
 * ```
 */
export function unreportedMajorPenalty(record: UnreportedMajor, scheme: Scheme): Penalty {
  return {
    kind: 'unreported_major',
    unitId: record.unitId,
    points: scheme.timeliness.unreportedMajorPenalty,
    at: record.eventAt,
    sourceId: record.id,
    disqualifies: true,
  };
}
