import { DEMO_PASSWORD } from '@jyxc/db/seed';
import { BOT_TOKEN } from './api-process.js';

export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/** The same-origin header a browser sends with the console's own writes (the CSRF guard checks it). */
function originOf(base: string): string {
  return new URL(base).origin;
}

/** A person using the API over HTTP with their session cookie, as the console does. */
export class Session {
  constructor(
    readonly base: () => string,
    readonly cookie: string,
  ) {}

  async call(method: string, path: string, body?: unknown): Promise<Answer> {
    const headers: Record<string, string> = { cookie: this.cookie, origin: originOf(this.base()) };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.base()}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? null : (JSON.parse(text) as unknown);
    } catch {
      // Not JSON: kept as text.
    }
    return { status: response.status, body: parsed };
  }
}

export async function loginOver(
  base: () => string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<Session> {
  const response = await fetch(`${base()}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: originOf(base()) },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200)
    throw new Error(`login of ${username} answered ${response.status}: ${await response.text()}`);
  const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? '';
  return new Session(base, cookie);
}

/** The bot acting for a linked Telegram user, with the service token (DESIGN §5). */
export async function botCall(
  base: string,
  telegramUserId: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${BOT_TOKEN}`,
      'x-telegram-user': telegramUserId,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? null : (JSON.parse(text) as unknown);
  } catch {
    // Not JSON: kept as text.
  }
  return { status: response.status, body: parsed };
}

/** A field of a JSON object answer, or undefined. */
export function field(body: unknown, name: string): unknown {
  if (typeof body !== 'object' || body === null) return undefined;
  const value: unknown = Reflect.get(body, name);
  return value;
}

export function idOf(body: unknown): string {
  const id = field(body, 'id');
  if (typeof id !== 'string') throw new Error(`no id in ${JSON.stringify(body).slice(0, 200)}`);
  return id;
}

/** A small seeded PRNG (mulberry32): the same seed gives the same kills and the same workload. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
