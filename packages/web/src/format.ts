import { isLocale, parsePeriodKey, periodLabel } from '@jyxc/domain';

/** DESIGN §1: times are shown in the Asia/Shanghai time zone. */
const TIME_ZONE = 'Asia/Shanghai';

const DAY: Intl.DateTimeFormatOptions = {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
};
const dateTime = new Intl.DateTimeFormat('zh-CN', {
  ...DAY,
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const dateOnly = new Intl.DateTimeFormat('zh-CN', DAY);

/** A moment in `format`, with dashes (`2026-05-10`); `—` for no time or an unreadable one. */
function formatWith(format: Intl.DateTimeFormat, value: string | number | null | undefined) {
  if (value === null || value === undefined || value === '') return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '—' : format.format(date).replace(/\//g, '-');
}

/** `2026-05-10 15:30` in Shanghai time. */
export const formatDateTime = (value: string | number | null | undefined): string =>
  formatWith(dateTime, value);

/** `2026-05-10`, the day in Shanghai. */
export const formatDate = (value: string | number | null | undefined): string =>
  formatWith(dateOnly, value);

/** Points as people read them: at most two decimals, no trailing zeros. */
export function formatScore(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return String(Math.round(value * 100) / 100);
}

/** DESIGN §6: a period reads 2026年上半年 (2026 H1 in English), never its key `2026-H1`. */
export function formatPeriod(key: string | null | undefined, locale: string): string {
  if (key === null || key === undefined || key === '') return '—';
  const period = parsePeriodKey(key);
  return period.ok ? periodLabel(period.value, isLocale(locale) ? locale : 'zh-CN') : key;
}
