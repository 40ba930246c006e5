/**
 * Reading a date and time typed by a person or found in a spreadsheet cell, on a Shanghai
 * clock (rules §1.1): `2026-03-10 09:00` is 09:00 in Shanghai, 01:00 UTC. Impossible dates and
 * times are refused, never rolled over into another day.
 */
import { isCalendarDate, shanghaiMidnight, toShanghaiTime } from './period.js';
import { domainError, err, ok, type Result } from './result.js';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Reads `YYYY-MM-DD`, `YYYY-MM-DD HH:mm` or `YYYY-MM-DD HH:mm:ss` (a `T` may stand for the
 * space) as a time on a Shanghai clock and returns its epoch milliseconds. A date alone is its
 * midnight. Surrounding spaces are ignored. Refused as values, never thrown:
 * - `DATETIME.INVALID_FORMAT` for anything else, including a time zone suffix (`Z`,
 *   `+08:00`): the text is always read in Shanghai;
 * - `DATETIME.IMPOSSIBLE` for a date or time that does not exist (`2026-02-30`,
 *   `2026-13-01`, `2026-03-10 24:00`).
 *
 * @example
 * ```ts
 * const at = parseShanghaiDateTime('2026-03-10 09:00');
 * if (at.ok) new Date(at.value).toISOString(); // '2026-03-10T01:00:00.000Z'
 *
 * const typo = parseShanghaiDateTime('2026-02-30');
 * if (!typo.ok) typo.error.code; // 'DATETIME.IMPOSSIBLE'
 * ```
 */
export function parseShanghaiDateTime(text: string): Result<number> {
  const value = typeof text === 'string' ? text.trim() : String(text);
  const match = DATE_TIME.exec(value);
  if (match === null) {
    return err(domainError('DATETIME.INVALID_FORMAT', { params: { value } }));
  }
  const [year, month, day, hour, minute, second] = match
    .slice(1)
    .map((part) => (part === undefined ? 0 : Number(part))) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!isCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) {
    return err(domainError('DATETIME.IMPOSSIBLE', { params: { value } }));
  }
  return ok(shanghaiMidnight(year, month, day) + ((hour * 60 + minute) * 60 + second) * 1000);
}

/**
 * Writes an instant as a Shanghai clock shows it, `YYYY-MM-DD HH:mm`: the form
 * {@link parseShanghaiDateTime} reads back (seconds are dropped).
 *
 * @example
 * ```ts
 * formatShanghaiDateTime(Date.parse('2026-03-10T01:00:00Z')); // '2026-03-10 09:00'
 * ```
 */
export function formatShanghaiDateTime(at: number): string {
  const t = toShanghaiTime(at);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${t.year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}`;
}
