import type { Db } from '@jyxc/db';
import { PASSWORD } from '@jyxc/api/test-support';
import { eventually, type BotMessage, type Telegram } from './emulator.js';

/** What the end-to-end runs share: people's chats, the API over HTTP, and the emulator's log. */

export const dm = (user: { id: number; first_name: string }) => ({
  id: user.id,
  type: 'private',
  first_name: user.first_name,
});

export const command = (text: string) => ({
  text,
  entities: [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0]?.length ?? 0 }],
});

export function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && name in value
    ? Object.getOwnPropertyDescriptor(value, name)?.value
    : undefined;
}

/** The API as the console calls it, at the address `baseUrl()` names once the server runs. */
export function apiOver(baseUrl: () => string) {
  async function request(
    path: string,
    init: { method?: string; cookie?: string; body?: unknown } = {},
  ) {
    const url = baseUrl();
    const response = await fetch(`${url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        'content-type': 'application/json',
        origin: url,
        ...(init.cookie === undefined ? {} : { cookie: init.cookie }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const body: unknown = await response.json();
    if (!response.ok)
      throw new Error(`${path} answered ${response.status}: ${JSON.stringify(body)}`);
    return { response, body };
  }
  return {
    request,
    async loginAs(username: string): Promise<string> {
      const { response } = await request('/api/auth/login', {
        method: 'POST',
        body: { username, password: PASSWORD },
      });
      return response.headers.get('set-cookie')?.split(';')[0] ?? '';
    },
    async linkCode(cookie: string, body: Record<string, string>): Promise<string> {
      const { body: issued } = await request('/api/link-codes', { method: 'POST', cookie, body });
      return String(field(issued, 'code'));
    },
  };
}

/** The bot's messages the emulator recorded for one chat. */
export function chatLog(telegram: () => Telegram) {
  const messagesTo = (chatId: number, test: (m: BotMessage) => boolean): BotMessage[] =>
    telegram()
      .botMessages()
      .filter((m) => m.chatId === String(chatId) && test(m));
  return {
    messagesTo,
    waitForMessage: (chatId: number, test: (m: BotMessage) => boolean, what: string) =>
      eventually(() => messagesTo(chatId, test).at(-1), what),
  };
}

/** DESIGN §3.8 holds ordinary notifications in quiet hours and at weekends; the run plays the next morning. */
export async function releaseQuietHours(db: Db): Promise<void> {
  await db.outboxMessage.updateMany({
    where: { deliveredAt: null, notBefore: { gt: new Date() } },
    data: { notBefore: new Date() },
  });
}
