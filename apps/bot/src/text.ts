/**
 * Reading a quick report's text the way the API does (first line = title, rest = body, the
 * command removed), so that an edited message changes the draft the same way its first
 * version created it.
 */
const COMMAND = /^\s*(?:\/kb(?:@\w+)?|#快报)\s*/i;
const TITLE_MAX = 60;

/** Whether a group message asks for a quick report: `/kb …` or `#快报` anywhere. */
export function isQuickReportText(text: string): boolean {
  return /^\s*\/kb(?:@\w+)?(?:\s|$)/i.test(text) || text.includes('#快报');
}

/** The report's own words: the text without the command or hashtag. */
export function reportContent(text: string): string {
  return text.replace(COMMAND, '').replace('#快报', '').trim();
}

export function splitReport(text: string): { title: string; body: string } {
  const cleaned = text.replace(COMMAND, '').replace(/\r\n?/g, '\n').trim();
  const lines = cleaned.split('\n');
  const first = (lines[0] ?? '').trim();
  const rest = lines.slice(1).join('\n').trim();
  if (first.length <= TITLE_MAX) return { title: first, body: rest };
  const sentence = /^(.{4,60}?)[。！？!?]/.exec(first)?.[1];
  return { title: sentence ?? `${first.slice(0, TITLE_MAX - 1)}…`, body: cleaned };
}

/** The start of a text for a preview, cut at a character boundary. */
export function excerpt(text: string, max = 200): string {
  const chars = [...text.trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max).join('')}…`;
}

/** `5月11日 10:00` on a Shanghai clock (DESIGN §1: times are shown in Asia/Shanghai). */
export function shanghaiTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('month')}月${part('day')}日 ${part('hour')}:${part('minute')}`;
}
