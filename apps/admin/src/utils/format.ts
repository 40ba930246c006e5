import { isLocale, parsePeriodKey, periodKey, periodLabel, periodOf } from '@jyxc/domain';

/** DESIGN §1: times are shown in the Asia/Shanghai time zone. */
const TIME_ZONE = 'Asia/Shanghai';

const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

const dateOnly = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function formatDateTime(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '—' : dateTime.format(date).replace(/\//g, '-');
}

export function formatDate(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '—' : dateOnly.format(date).replace(/\//g, '-');
}

export function formatPercent(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${(value * 100).toFixed(digits)}%`;
}

export function formatScore(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return String(Math.round(value * 100) / 100);
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

/** DESIGN §6: a period reads 2026年上半年 (2026 H1 in English), never its key `2026-H1`. */
export function formatPeriod(key: string | null | undefined, locale: string): string {
  if (key === null || key === undefined || key === '') return '—';
  const period = parsePeriodKey(key);
  return period.ok ? periodLabel(period.value, isLocale(locale) ? locale : 'zh-CN') : key;
}

/** A local datetime-picker value as an ISO string with the Shanghai offset. */
export function toIso(value: Date | string | number): string {
  return new Date(value).toISOString();
}
