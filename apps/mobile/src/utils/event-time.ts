import { HOUR_MS, shanghaiMidnight, toShanghaiTime } from '@jyxc/domain';

/** A quick choice of when the event happened, as people say it (DESIGN §5: 今天上午…). */
export type EventChoice =
  | 'now'
  | 'this_morning'
  | 'this_afternoon'
  | 'yesterday_morning'
  | 'yesterday_afternoon'
  | 'custom';

export const EVENT_CHOICES: readonly EventChoice[] = [
  'now',
  'this_morning',
  'this_afternoon',
  'yesterday_morning',
  'yesterday_afternoon',
  'custom',
];

// A morning counts from 9:00, an afternoon from 15:00, on the Shanghai clock.
const HOURS: Readonly<
  Record<Exclude<EventChoice, 'now' | 'custom'>, [daysBack: number, hour: number]>
> = {
  this_morning: [0, 9],
  this_afternoon: [0, 15],
  yesterday_morning: [1, 9],
  yesterday_afternoon: [1, 15],
};

/**
 * The time a choice stands for at `now`, or null for `custom` and for a part of today that
 * has not come yet (this afternoon, asked in the morning).
 */
export function eventTimeOf(choice: EventChoice, now: number): number | null {
  if (choice === 'custom') return null;
  if (choice === 'now') return now;
  const [daysBack, hour] = HOURS[choice];
  const t = toShanghaiTime(now);
  const at = shanghaiMidnight(t.year, t.month, t.day) - daysBack * 24 * HOUR_MS + hour * HOUR_MS;
  return at > now ? null : at;
}

/** `2026-05-10 15:30`, Shanghai time, for a time shown on a phone. */
export function shanghaiText(at: number): string {
  const t = toShanghaiTime(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${t.year}-${two(t.month)}-${two(t.day)} ${two(t.hour)}:${two(t.minute)}`;
}

/** The Shanghai calendar parts of a time, as the date and time pickers hold them. */
export function pickerParts(at: number): { date: string[]; time: string[] } {
  const t = toShanghaiTime(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    date: [String(t.year), two(t.month), two(t.day)],
    time: [two(t.hour), two(t.minute)],
  };
}

/** The time the pickers' Shanghai date and time stand for. */
export function fromPickerParts(date: readonly string[], time: readonly string[]): number {
  const [y, m, d] = date.map(Number);
  const [h, min] = time.map(Number);
  return shanghaiMidnight(y ?? 1970, m ?? 1, d ?? 1) + ((h ?? 0) * 60 + (min ?? 0)) * 60_000;
}
