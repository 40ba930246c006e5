import { periodKey, periodOf } from '@jyxc/domain';

// Shared with the phone app, so both show a time, a score and a period alike.
export { formatDate, formatDateTime, formatPeriod, formatScore } from '@jyxc/web/format';

export function formatPercent(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${(value * 100).toFixed(digits)}%`;
}

/** Fen (分) to yuan with two decimals. */
export function formatYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '—';
  return (fen / 100).toFixed(2);
}

/** A duration in milliseconds as `1d 2h 3m` style parts, for deadline timers. */
export function durationParts(ms: number): { days: number; hours: number; minutes: number } {
  const total = Math.max(0, Math.floor(Math.abs(ms) / 60000));
  return {
    days: Math.floor(total / 1440),
    hours: Math.floor((total % 1440) / 60),
    minutes: total % 60,
  };
}

/** The half-year period key of a moment in Asia/Shanghai (`2026-H2`). */
export function currentPeriodKey(now: Date = new Date()): string {
  return periodKey(periodOf(now.getTime()));
}

/** The period keys offered in pickers: the year's halves and the year, for the last years. */
export function periodOptions(now: Date = new Date(), years = 3): string[] {
  const { year } = periodOf(now.getTime());
  const keys: string[] = [];
  for (let y = year; y > year - years; y--) {
    keys.push(...(['H2', 'H1', 'Y'] as const).map((kind) => periodKey({ year: y, kind })));
  }
  return keys;
}

/** A local datetime-picker value as an ISO string with the Shanghai offset. */
export function toIso(value: Date | string | number): string {
  return new Date(value).toISOString();
}
