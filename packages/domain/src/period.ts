/**
 * Evaluation periods (rules §1.2): `H1` Jan 1–Jun 30, `H2` Jul 1–Dec 31, `Y` the year,
 * cut in the Asia/Shanghai time zone.
 *
 * Every time in this library is a `number` of epoch milliseconds (UTC). Asia/Shanghai has
 * been UTC+8 all year round since 1991 (China has observed no daylight saving time since
 * then), so a fixed offset is exact for every date the platform deals with and no time-zone
 * database is needed.
 */
import { err, ok, domainError, type Result } from './result.js';
import { DAY_MS, HOUR_MS } from './vocabulary.js';

/** The fixed offset of Asia/Shanghai from UTC (UTC+8, no daylight saving since 1991). */
export const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

/** `H1` first half-year, `H2` second half-year, `Y` the whole year. */
export const PERIOD_KINDS = ['H1', 'H2', 'Y'] as const;
/** The kind of an evaluation period. */
export type PeriodKind = (typeof PERIOD_KINDS)[number];
/** A half of the year. */
export type Half = 'H1' | 'H2';

/** An evaluation period: a year and which part of it. */
export interface Period {
  readonly year: number;
  readonly kind: PeriodKind;
}

/** A half-open time range `[start, end)` in epoch milliseconds. */
export interface TimeRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Whether `year`-`month`-`day` is a date of the Gregorian calendar: whole numbers, month 1–12
 * and a day the month has (29 February only in a leap year).
 *
 * @example
 * ```ts
 * isCalendarDate(2028, 2, 29); // true
 * isCalendarDate(2026, 2, 29); // false
 * isCalendarDate(2026, 13, 40); // false
 * ```
 */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= days;
}

/**
 * Epoch milliseconds of midnight in Shanghai on a calendar date (month 1–12, rules §1.1).
 *
 * @throws RangeError when the date does not exist (`shanghaiMidnight(2026, 13, 40)`,
 * `shanghaiMidnight(2026, 2, 30)`): the numbers come from the caller's code, so an impossible
 * date is a bug, never rolled over into another date. To read a date typed by a person, use
 * {@link parseShanghaiDateTime}, which returns an error value instead.
 *
 * @example
 * ```ts
 * shanghaiMidnight(2026, 3, 10); // 1773072000000, i.e. 2026-03-09T16:00:00Z
 * ```
 */
export function shanghaiMidnight(year: number, month: number, day: number): number {
  if (!isCalendarDate(year, month, day)) {
    throw new RangeError(`${year}-${month}-${day} is not a date of the calendar`);
  }
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  return new Date(0).setUTCFullYear(year, month - 1, day) - SHANGHAI_OFFSET_MS;
}

/** The calendar fields of an instant as read on a clock in Shanghai. */
export interface ShanghaiTime {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  /** 0 = Sunday … 6 = Saturday */
  readonly weekday: number;
}

/**
 * Reads an instant on a Shanghai clock (for quiet hours, weekends and documents).
 *
 * @example
 * ```ts
 * toShanghaiTime(Date.parse('2026-06-30T16:30:00Z'));
 * // { year: 2026, month: 7, day: 1, hour: 0, minute: 30, weekday: 3 }
 * ```
 */
export function toShanghaiTime(at: number): ShanghaiTime {
  const d = new Date(at + SHANGHAI_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    weekday: d.getUTCDay(),
  };
}

/**
 * The time range of a period, half-open: `[Jan 1 00:00, Jul 1 00:00)` for H1 (Shanghai).
 *
 * @example
 * ```ts
 * const { start, end } = periodRange(2026, 'H1');
 * new Date(start).toISOString(); // '2025-12-31T16:00:00.000Z', 1 January 00:00 in Shanghai
 * new Date(end).toISOString(); // '2026-06-30T16:00:00.000Z', 1 July 00:00 in Shanghai (exclusive)
 * ```
 */
export function periodRange(year: number, kind: PeriodKind): TimeRange {
  if (!Number.isInteger(year)) throw new RangeError(`year must be an integer, got ${year}`);
  const jan1 = shanghaiMidnight(year, 1, 1);
  const jul1 = shanghaiMidnight(year, 7, 1);
  const nextJan1 = shanghaiMidnight(year + 1, 1, 1);
  switch (kind) {
    case 'H1':
      return { start: jan1, end: jul1 };
    case 'H2':
      return { start: jul1, end: nextJan1 };
    case 'Y':
      return { start: jan1, end: nextJan1 };
  }
}

/**
 * The half-year an instant falls in (Shanghai time).
 *
 * @example
 * ```ts
 * periodOf(Date.parse('2026-06-30T16:30:00Z')); // { year: 2026, kind: 'H2' }: already July in Shanghai
 * ```
 */
export function periodOf(at: number): Period & { readonly kind: Half } {
  const t = toShanghaiTime(at);
  return { year: t.year, kind: t.month <= 6 ? 'H1' : 'H2' };
}

/**
 * Whether an instant lies inside a range.
 *
 * @example
 * ```ts
 * inRange(at, periodRange(2026, 'Y')); // whether `at` falls in 2026 in Shanghai
 * ```
 */
export function inRange(at: number, range: TimeRange): boolean {
  return at >= range.start && at < range.end;
}

/**
 * Whether an instant belongs to a period (a half-year, or the year that contains it).
 *
 * @example
 * ```ts
 * isInPeriod(Date.parse('2026-03-10T01:00:00Z'), { year: 2026, kind: 'H1' }); // true
 * ```
 */
export function isInPeriod(at: number, period: Period): boolean {
  return inRange(at, periodRange(period.year, period.kind));
}

/**
 * The stable text key of a period: `2026-H1`, `2026-Y`.
 *
 * @example
 * ```ts
 * periodKey({ year: 2026, kind: 'H2' }); // '2026-H2'
 * ```
 */
export function periodKey(period: Period): string {
  return `${period.year}-${period.kind}`;
}

/**
 * Parses a period key such as `2026-H2`.
 *
 * @example
 * ```ts
 * parsePeriodKey('2026-H1'); // { ok: true, value: { year: 2026, kind: 'H1' } }
 * parsePeriodKey('2026-Q1'); // { ok: false, error: { code: 'PERIOD.INVALID_KEY', … } }
 * ```
 */
export function parsePeriodKey(key: string): Result<Period> {
  const match = /^(\d{4})-(H1|H2|Y)$/.exec(key);
  if (match === null) {
    return err(domainError('PERIOD.INVALID_KEY', { params: { key }, details: { key } }));
  }
  return ok({ year: Number(match[1]), kind: match[2] as PeriodKind });
}

/**
 * The halves a period is made of: `[H1]`, `[H2]` or `[H1, H2]` for the year.
 *
 * @example
 * ```ts
 * halvesOf({ year: 2026, kind: 'Y' }); // [{ year: 2026, kind: 'H1' }, { year: 2026, kind: 'H2' }]
 * ```
 */
export function halvesOf(period: Period): readonly (Period & { readonly kind: Half })[] {
  if (period.kind === 'Y') {
    return [
      { year: period.year, kind: 'H1' },
      { year: period.year, kind: 'H2' },
    ];
  }
  return [{ year: period.year, kind: period.kind }];
}

/**
 * Whole days between two instants, rounded down (for appeal windows and reminders).
 *
 * @example
 * ```ts
 * daysBetween(Date.parse('2026-07-02T01:00:00Z'), Date.parse('2026-07-07T00:00:00Z')); // 4
 * ```
 */
export function daysBetween(from: number, to: number): number {
  return Math.floor((to - from) / DAY_MS);
}
