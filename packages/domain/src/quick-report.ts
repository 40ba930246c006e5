/**
 * Reading a quick report (快报, rules §3.7) from a chat message: `/kb` or `#快报` marks it, the
 * first line is the title, the rest the body, and the event time is the message's time unless
 * the text names another (`5月10日`, `昨天下午3点`, …). Every channel (the bot, the API, a
 * future WeCom adapter) reads a message the same way, so an edited message changes its draft
 * the way its first version created it.
 */
import { isCalendarDate, shanghaiMidnight, toShanghaiTime } from './period.js';
import { DAY_MS, HOUR_MS } from './vocabulary.js';

/** A first line longer than this (in UTF-16 units) is a paragraph, not a title. */
export const QUICK_REPORT_TITLE_MAX = 60;
/** A date further back than this is more likely a citation than the event being reported. */
const EVENT_LOOKBACK_MS = 60 * DAY_MS;

/**
 * The command or hashtag at the start of a report, with the bot's name a group may add. A
 * Chinese keyboard types the hashtag with the full-width ＃ (U+FF03): both marks are the same.
 */
const LEADING_MARK = /^\s*(?:\/kb(?:@\w+)?|[#＃]快报)\s*/i;
const HASHTAG = /[#＃]快报/;

/**
 * Whether a chat message asks for a quick report: it starts with `/kb`, or has `#快报` anywhere.
 *
 * @example
 * ```ts
 * isQuickReportText('/kb 河西一小举行运动会'); // true
 * isQuickReportText('今天的会议改到下午 #快报'); // true
 * isQuickReportText('＃快报 河西一小举行运动会'); // true
 * isQuickReportText('收到'); // false
 * ```
 */
export function isQuickReportText(text: string): boolean {
  return /^\s*\/kb(?:@\w+)?(?:\s|$)/i.test(text) || HASHTAG.test(text);
}

/** The report's own words: the message without the command and the hashtag. */
export function quickReportContent(text: string): string {
  return text.replace(LEADING_MARK, '').replace(HASHTAG, '').trim();
}

/**
 * Whether a report's words say anything: at least one letter or digit. A message of emoji or
 * punctuation alone (👍, 🎉🎉, 。。。) is a reaction, not news, and makes no draft.
 *
 * @example
 * ```ts
 * hasReportWords('河西一小举行运动会🎉'); // true
 * hasReportWords('👍👍'); // false
 * ```
 */
export function hasReportWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** The title and body of a report. */
export interface QuickReportText {
  readonly title: string;
  readonly body: string;
}

/**
 * First line = title, the rest = body, the command removed. One long paragraph has no title
 * line: its first sentence (or its start, cut with …) is the title and the whole text the body.
 * An empty title means the message had nothing to report.
 */
export function splitQuickReport(text: string): QuickReportText {
  const cleaned = text.replace(LEADING_MARK, '').replace(/\r\n?/g, '\n').trim();
  const newline = cleaned.indexOf('\n');
  const first = (newline === -1 ? cleaned : cleaned.slice(0, newline)).trim();
  const rest = newline === -1 ? '' : cleaned.slice(newline + 1).trim();
  if (first.length <= QUICK_REPORT_TITLE_MAX) return { title: first, body: rest };
  const sentence = /^(.{4,60}?)[。！？!?]/u.exec(first)?.[1];
  if (sentence !== undefined) return { title: sentence, body: cleaned };
  // Cut between characters, never inside a surrogate pair (an emoji would be broken).
  let start = '';
  for (const char of first) {
    if (start.length + char.length > QUICK_REPORT_TITLE_MAX - 1) break;
    start += char;
  }
  return { title: `${start}…`, body: cleaned };
}

interface ClockTime {
  readonly hour: number;
  readonly minute: number;
}

/** `下午3点`, `15:30`, `晚上8时`; null when no hour was written or it is not a time. */
function clockTime(
  partOfDay: string | undefined,
  hourText: string | undefined,
  minuteText: string | undefined,
): ClockTime | null {
  if (hourText === undefined) return null;
  const minute = minuteText === undefined || minuteText === '' ? 0 : Number(minuteText);
  let hour = Number(hourText);
  if ((partOfDay === '下午' || partOfDay === '晚上') && hour < 12) hour += 12;
  return hour <= 23 && minute <= 59 ? { hour, minute } : null;
}

const TIME_OF_DAY = '(?:\\s*(上午|下午|晚上)?\\s*(\\d{1,2})[:：时点](\\d{1,2})?)?';
const DATED = new RegExp(`(?:(\\d{4})年)?(\\d{1,2})月(\\d{1,2})[日号]${TIME_OF_DAY}`);
const RELATIVE = new RegExp(`(昨天|昨日|前天|今天|今日)${TIME_OF_DAY}`);
const DAYS_BACK: Readonly<Record<string, number>> = {
  今天: 0,
  今日: 0,
  昨天: 1,
  昨日: 1,
  前天: 2,
};

/**
 * The event time a report's text states, read on a Shanghai clock: `5月10日`,
 * `2026年5月10日 15:30`, `昨天下午3点`, `前天`. The first date written wins. A date without a
 * time counts as its noon, but never later than the message. Null when the text names no
 * date, or one after the message, more than 60 days before it, or that does not exist (2月30日).
 *
 * @example
 * ```ts
 * // Sent on 12 March 2026 at 10:00 in Shanghai:
 * eventTimeFromText('昨天下午3点，河西一小……', Date.parse('2026-03-12T02:00:00Z'));
 * // Date.parse('2026-03-11T07:00:00Z'): 11 March 15:00 in Shanghai
 * ```
 */
export function eventTimeFromText(text: string, messageAt: number): number | null {
  const sent = toShanghaiTime(messageAt);
  const dated = DATED.exec(text);
  const relative = RELATIVE.exec(text);
  let day: { year: number; month: number; day: number };
  let time: ClockTime | null;
  if (dated !== null && (relative === null || dated.index <= relative.index)) {
    const month = Number(dated[2]);
    const date = Number(dated[3]);
    let year = dated[1] === undefined ? sent.year : Number(dated[1]);
    // Without a year, 12月30日 written on 1月2日 means last December.
    const afterToday = month > sent.month || (month === sent.month && date > sent.day);
    if (dated[1] === undefined && afterToday) year -= 1;
    day = { year, month, day: date };
    time = clockTime(dated[4], dated[5], dated[6]);
  } else if (relative !== null) {
    const back = DAYS_BACK[relative[1] ?? ''] ?? 0;
    const noon = shanghaiMidnight(sent.year, sent.month, sent.day) - back * DAY_MS + 12 * HOUR_MS;
    const t = toShanghaiTime(noon);
    day = { year: t.year, month: t.month, day: t.day };
    time = clockTime(relative[2], relative[3], relative[4]);
  } else {
    return null;
  }
  // 2月30日 does not exist: it is not read as an early day of March.
  if (!isCalendarDate(day.year, day.month, day.day)) return null;
  const midnight = shanghaiMidnight(day.year, day.month, day.day);
  let at: number;
  if (time !== null) {
    at = midnight + (time.hour * 60 + time.minute) * 60_000;
  } else {
    const sameDay = day.year === sent.year && day.month === sent.month && day.day === sent.day;
    at = sameDay ? Math.min(midnight + 12 * HOUR_MS, messageAt) : midnight + 12 * HOUR_MS;
  }
  return at > messageAt || at < messageAt - EVENT_LOOKBACK_MS ? null : at;
}

/** A quick report as read from its message. */
export interface QuickReport extends QuickReportText {
  /** When the event happened: the time the text states, or the message's time. */
  readonly eventAt: number;
  /** Whether {@link eventAt} was read from the text rather than taken from the message. */
  readonly eventAtFromText: boolean;
}

/**
 * Reads a quick report from a message sent at `messageAt` (rules §3.7): title, body and event
 * time. The command and hashtag are ignored; an empty title means there is nothing to report.
 *
 * @example
 * ```ts
 * const report = parseQuickReport('/kb 河西一小举行春季运动会\n昨天下午3点，……', Date.parse('2026-03-12T02:00:00Z'));
 * report.title; // '河西一小举行春季运动会'
 * report.eventAtFromText; // true: 11 March 15:00
 * ```
 */
export function parseQuickReport(text: string, messageAt: number): QuickReport {
  const content = quickReportContent(text);
  const stated = eventTimeFromText(content, messageAt);
  return {
    ...splitQuickReport(content),
    eventAt: stated ?? messageAt,
    eventAtFromText: stated !== null,
  };
}
