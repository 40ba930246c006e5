import { createServer, type IncomingMessage, type Server } from 'node:http';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { PNG } from './png.js';

/**
 * Telegram for end-to-end runs: `telegram-test-api` (TOOLCHAIN.md), behind a small front that
 * adds what the emulator lacks — `getFile` and the file downloads the bot fetches photos with,
 * and the secret token of webhook deliveries. Everything else passes through unchanged.
 *
 * The emulator (4.2.1) does deliver to a webhook set with `setWebhook`, but it ignores
 * `secret_token` and posts without `X-Telegram-Bot-Api-Secret-Token`. So the front registers
 * itself with the emulator as the webhook, and relays each delivery to the bot's address with
 * the header, as Telegram does.
 */

export interface BotMessage {
  readonly messageId: number;
  readonly chatId: string;
  readonly text: string;
  readonly buttons: readonly { text: string; data?: string; url?: string }[];
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** The start of an MP4 file (its `ftyp` box), for file ids that name a video. */
const MP4_HEAD = [0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0, 0, 2, 0];

/** Distinct bytes per file, so that the API keeps every photo of an album. */
export function photoBytes(fileId: string): Uint8Array {
  if (fileId.startsWith('video')) {
    return new Uint8Array([...MP4_HEAD, ...Buffer.from(fileId)]);
  }
  const bytes = new Uint8Array(PNG.length + fileId.length);
  bytes.set(PNG);
  bytes.set(Buffer.from(fileId), PNG.length);
  return bytes;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : 0);
    });
  });
}

function buttonsOf(markup: unknown): BotMessage['buttons'] {
  const value: unknown = typeof markup === 'string' ? JSON.parse(markup) : markup;
  if (
    typeof value !== 'object' ||
    value === null ||
    !('inline_keyboard' in value) ||
    !Array.isArray(value.inline_keyboard)
  ) {
    return [];
  }
  const buttons: { text: string; data?: string; url?: string }[] = [];
  for (const row of value.inline_keyboard) {
    if (!Array.isArray(row)) continue;
    for (const b of row) {
      if (typeof b !== 'object' || b === null) continue;
      const text = 'text' in b ? String(b.text) : '';
      buttons.push({
        text,
        ...('callback_data' in b ? { data: String(b.callback_data) } : {}),
        ...('url' in b ? { url: String(b.url) } : {}),
      });
    }
  }
  return buttons;
}

export async function startTelegram(token: string) {
  const server = new TelegramServer({ port: 0, host: '127.0.0.1', storeTimeout: 3600 });
  // The emulator listens on its configured port; take a free one first.
  const probe = createServer();
  const emulatorPort = await listen(probe);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  server.config.port = emulatorPort;
  server.config.apiURL = `http://127.0.0.1:${emulatorPort}`;
  await server.start();
  const emulator = `http://127.0.0.1:${emulatorPort}`;

  /** What the bot asked for with setWebhook, and every update relayed to it. */
  let webhook: { url: string; secretToken: string | undefined } | undefined;
  const webhookDeliveries: string[] = [];
  /** Webhook posts the bot has not answered yet: it is still handling those updates. */
  let relaying = 0;
  let frontUrl = '';
  /** Every Bot API method the bot called, in order, with what the emulator cannot store. */
  const calls: { method: string; photos?: number; text?: string }[] = [];
  let mediaMessageId = 900_000;
  /**
   * Updates the emulator cannot make (`my_chat_member`), handed to the next `getUpdates` before
   * the emulator's own; their ids are far above the emulator's, which ignores `offset`.
   */
  const injected: Record<string, unknown>[] = [];
  let injectedUpdateId = 800_000_000;
  /** Users who never started the bot: a direct message to them is refused (403). */
  const neverStarted = new Set<string>();

  function unread(answer: Buffer) {
    const parsed: unknown = JSON.parse(answer.toString('utf8'));
    const result =
      typeof parsed === 'object' && parsed !== null && 'result' in parsed ? parsed.result : [];
    const ids = new Set(
      (Array.isArray(result) ? result : []).map((u: unknown) =>
        typeof u === 'object' && u !== null && 'update_id' in u ? Number(u.update_id) : NaN,
      ),
    );
    for (const update of server.storage.userMessages) {
      if (ids.has(update.updateId)) update.isRead = false;
    }
  }

  const front = createServer((request, response) => {
    void (async () => {
      const url = request.url ?? '/';
      const body = await readBody(request);
      // A bot that stopped polling while its request was on the way: nothing to hand it.
      const gone = () => request.socket.destroyed || response.destroyed;
      if (injected.length > 0 && /^\/bot[^/]+\/getUpdates/.test(url) && !gone()) {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ ok: true, result: injected.splice(0) }));
        return;
      }
      if (/^\/bot[^/]+\/setWebhook/.test(url)) {
        const parsed: unknown = body.length > 0 ? JSON.parse(body.toString('utf8')) : {};
        const field = (name: string) =>
          typeof parsed === 'object' && parsed !== null && name in parsed
            ? String(Object.getOwnPropertyDescriptor(parsed, name)?.value)
            : undefined;
        const target = field('url');
        webhook =
          target === undefined || target === ''
            ? undefined
            : { url: target, secretToken: field('secret_token') };
        const registered = await fetch(`${emulator}${url.split('?')[0] ?? ''}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ url: `${frontUrl}/relay-webhook` }),
        });
        response.statusCode = registered.status;
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ ok: registered.ok, result: true }));
        return;
      }
      if (url === '/relay-webhook') {
        const update = body.toString('utf8');
        webhookDeliveries.push(update);
        if (webhook === undefined) {
          response.statusCode = 404;
          response.end();
          return;
        }
        relaying += 1;
        try {
          const delivered = await fetch(webhook.url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              ...(webhook.secretToken === undefined
                ? {}
                : { 'X-Telegram-Bot-Api-Secret-Token': webhook.secretToken }),
            },
            body: update,
          });
          response.statusCode = delivered.status;
          response.end(Buffer.from(await delivered.arrayBuffer()));
        } finally {
          relaying -= 1;
        }
        return;
      }
      const method = /^\/bot[^/]+\/([A-Za-z]+)/.exec(url)?.[1];
      // The emulator stores no photos: they are counted here and answered as Telegram would.
      if (method === 'sendMediaGroup' || method === 'sendPhoto') {
        // grammY's multipart parts: `content-disposition:form-data;name="media"`, a blank line,
        // the value (Node 20's FormData parser does not read that header without a space).
        const text = body.toString('latin1');
        const part = (name: string) =>
          new RegExp(`name="${name}"\\r\\n\\r\\n([^\\r]*)`).exec(text)?.[1] ?? '';
        const media: unknown = method === 'sendMediaGroup' ? JSON.parse(part('media')) : [1];
        const count = Array.isArray(media) ? media.length : 0;
        calls.push({ method, photos: count });
        const chatId = Number(part('chat_id'));
        const sent = Array.from({ length: count }, () => ({
          message_id: mediaMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: chatId, type: 'private' },
          photo: [
            {
              file_id: `sent-${mediaMessageId}`,
              file_unique_id: `u${mediaMessageId}`,
              width: 1,
              height: 1,
            },
          ],
        }));
        response.setHeader('content-type', 'application/json');
        response.end(
          JSON.stringify({ ok: true, result: method === 'sendMediaGroup' ? sent : sent[0] }),
        );
        return;
      }
      // A person who never opened a direct chat with the bot: Telegram refuses to write first.
      if (method === 'sendMessage' && neverStarted.size > 0) {
        const parsed: unknown = body.length > 0 ? JSON.parse(body.toString('utf8')) : {};
        const chat =
          typeof parsed === 'object' && parsed !== null && 'chat_id' in parsed
            ? String(parsed.chat_id)
            : '';
        if (neverStarted.has(chat)) {
          calls.push({ method: 'sendMessage refused' });
          response.statusCode = 403;
          response.setHeader('content-type', 'application/json');
          response.end(
            JSON.stringify({
              ok: false,
              error_code: 403,
              description: "Forbidden: bot can't initiate conversation with a user",
            }),
          );
          return;
        }
      }
      if (method !== undefined && method !== 'getUpdates') {
        let text: string | undefined;
        try {
          const parsed: unknown = JSON.parse(body.toString('utf8'));
          if (typeof parsed === 'object' && parsed !== null && 'text' in parsed) {
            text = String(parsed.text);
          }
        } catch {
          // Not JSON (a query string or a form): nothing to keep but the method.
        }
        calls.push({ method, ...(text === undefined ? {} : { text }) });
      }
      const getFile = /^\/bot[^/]+\/getFile/.exec(url);
      if (getFile !== null) {
        const params = new URLSearchParams(url.split('?')[1] ?? '');
        const parsed: unknown = body.length > 0 ? JSON.parse(body.toString('utf8')) : {};
        const fileId =
          typeof parsed === 'object' && parsed !== null && 'file_id' in parsed
            ? String(parsed.file_id)
            : (params.get('file_id') ?? '');
        response.setHeader('content-type', 'application/json');
        response.end(
          JSON.stringify({
            ok: true,
            result: {
              file_id: fileId,
              file_unique_id: fileId,
              file_path: `photos/${encodeURIComponent(fileId)}.png`,
            },
          }),
        );
        return;
      }
      const file = /^\/file\/bot[^/]+\/photos\/(.+)\.png$/.exec(url);
      if (file?.[1] !== undefined) {
        response.setHeader('content-type', 'image/png');
        response.end(Buffer.from(photoBytes(decodeURIComponent(file[1]))));
        return;
      }
      const forwarded = await fetch(`${emulator}${url}`, {
        method: request.method ?? 'GET',
        headers: { 'content-type': request.headers['content-type'] ?? 'application/json' },
        ...(request.method === 'GET' || request.method === 'HEAD' ? {} : { body }),
      });
      const answer = Buffer.from(await forwarded.arrayBuffer());
      if (method === 'getUpdates' && gone()) {
        // The emulator marks updates read as it hands them out; Telegram confirms them only
        // when the next getUpdates asks past them. An answer the bot never received (it was
        // stopped mid-request) is handed out again, as Telegram would.
        unread(answer);
        return;
      }
      response.statusCode = forwarded.status;
      response.setHeader(
        'content-type',
        forwarded.headers.get('content-type') ?? 'application/json',
      );
      response.end(answer);
    })().catch((error: unknown) => {
      response.statusCode = 502;
      response.end(String(error));
    });
  });
  const frontPort = await listen(front);
  frontUrl = `http://127.0.0.1:${frontPort}`;

  const now = () => Math.floor(Date.now() / 1000);
  async function post(path: string, payload: Record<string, unknown>) {
    const response = await fetch(`${emulator}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ botToken: token, date: now(), ...payload }),
    });
    if (!response.ok) throw new Error(`the emulator answered ${response.status} to ${path}`);
  }

  return {
    server,
    /** What the bot should use as its Bot API root. */
    apiRoot: `http://127.0.0.1:${frontPort}`,
    /** A person's message into a chat (text, caption, photo, album, entities as Telegram sends them). */
    send: (message: Record<string, unknown>) => post('/sendMessage', message),
    /** An update of a kind the emulator cannot make (e.g. `my_chat_member`), as Telegram sends it. */
    inject(update: Record<string, unknown>) {
      injected.push({ update_id: (injectedUpdateId += 1), ...update });
    },
    /** A person pressing an inline button on one of the bot's messages. */
    press: (
      from: Record<string, unknown>,
      message: { message_id: number; chat: Record<string, unknown> },
      data: string,
    ) => post('/sendCallback', { from, message, data }),
    /** From now on, a direct message from the bot to this user is refused as Telegram does. */
    neverStarted: (userId: number) => {
      neverStarted.add(String(userId));
    },
    /** The Bot API methods the bot called so far, in order (photos counted, texts kept). */
    calls: () => [...calls],
    /** The webhook the bot set (its address and secret), if any. */
    webhook: () => webhook,
    /** The updates delivered to the webhook so far, as Telegram posted them (JSON). */
    webhookDeliveries: () => [...webhookDeliveries],
    /** True when the bot has answered every webhook post: no update is being handled. */
    webhookIdle: () => relaying === 0,
    /** Everything the bot sent, as it looks now (edits applied). */
    botMessages(): BotMessage[] {
      return server.storage.botMessages.map((m) => ({
        messageId: m.messageId,
        chatId: String(m.message.chat_id),
        text: String(m.message.text),
        buttons: buttonsOf(m.message.reply_markup),
      }));
    },
    async stop() {
      await new Promise<void>((resolve) => front.close(() => resolve()));
      await server.stop();
    },
  };
}

export type Telegram = Awaited<ReturnType<typeof startTelegram>>;

/** Polls until `find` returns something, or fails after `timeoutMs`. */
export async function eventually<T>(
  find: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
