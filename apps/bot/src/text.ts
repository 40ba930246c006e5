/** How the bot writes texts and times in its messages. */

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
