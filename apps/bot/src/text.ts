/** How the bot writes texts and times in its messages. */
import type { Locale } from '@jyxc/domain';

/** The start of a text for a preview, cut at a character boundary. */
export function excerpt(text: string, max = 200): string {
  const chars = [...text.trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max).join('')}…`;
}

/**
 * `5月11日 10:00` on a Shanghai clock (DESIGN §1: times are shown in Asia/Shanghai); in
 * English `May 11, 10:00`.
 */
export function shanghaiTime(iso: string, locale: Locale = 'zh-CN'): string {
  const parts = new Intl.DateTimeFormat(locale === 'en' ? 'en-US' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: locale === 'en' ? 'short' : 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const clock = `${part('hour')}:${part('minute')}`;
  return locale === 'en'
    ? `${part('month')} ${part('day')}, ${clock}`
    : `${part('month')}月${part('day')}日 ${clock}`;
}

/**
 * An answer that gives up what a conversation asks for (/yq, a return's reason): 取消, cancel,
 * or /cancel, also as a group sends it (/cancel@botname).
 */
export const CANCEL = /^\s*(?:\/cancel(?:@\w+)?|cancel|取消)\s*$/i;

/** A command: never taken for an answer a conversation waits for. */
export const COMMAND = /^\/[A-Za-z]/;
