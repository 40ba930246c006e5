import { createApiClient, type ApiClient } from '@jyxc/api/client';
import { z } from 'zod';

/**
 * The bot's only way to the product: the API over HTTP with its service token (DESIGN §4).
 * With `X-Chat-User: <channel>:<id>` the API acts as the linked person, with exactly their permissions,
 * so every write from a chat passes the same checks and audit log as the console.
 */

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface BackendOptions {
  readonly apiUrl: string;
  readonly serviceToken: string;
  /** The chat channel whose users the client acts for (DESIGN §4); Telegram by default. */
  readonly channel?: string | undefined;
  /** Replaced in tests by the API app's own `request`. */
  readonly fetch?: FetchLike | undefined;
  /**
   * How long a request is retried while the API cannot be reached (default a minute): a brief
   * outage delays the answer instead of losing the message (DESIGN §5).
   */
  readonly unreachableRetryMs?: number | undefined;
}

/** Back-off of a request the API could not be reached for: 200 ms doubling up to 3 s. */
const RETRY_FIRST_WAIT_MS = 200;
const RETRY_MAX_WAIT_MS = 3_000;

/**
 * `fetch` that retries while the API cannot be reached at all (the connection refused or
 * reset: `fetch` rejects). Such a request never reached the API, so sending it again is safe
 * for every route; an answer, even an error status, is returned as it is.
 */
export function retryingFetch(doFetch: FetchLike, budgetMs: number): FetchLike {
  return async (input, init) => {
    const giveUpAt = Date.now() + budgetMs;
    let wait = RETRY_FIRST_WAIT_MS;
    for (;;) {
      try {
        return await doFetch(input, init);
      } catch (error) {
        if (Date.now() + wait > giveUpAt) throw new ApiUnreachableError(error);
        await new Promise((resolve) => setTimeout(resolve, wait));
        wait = Math.min(wait * 2, RETRY_MAX_WAIT_MS);
      }
    }
  };
}

/** The API could not be reached for the whole retry budget. */
export class ApiUnreachableError extends Error {
  override readonly name = 'ApiUnreachableError';
  constructor(cause: unknown) {
    super(`the API cannot be reached: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}

const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

/** A refusal of the API: its stable code and its message, written for a person to read. */
export class BackendError extends Error {
  override readonly name = 'BackendError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The body of a successful response; a refusal becomes a {@link BackendError}. Refusals are
 * thrown by the API's error handler and so are not part of a route's typed bodies.
 */
export async function success<T>(response: {
  readonly ok: boolean;
  readonly status: number;
  json(): Promise<T>;
}): Promise<T> {
  if (!response.ok) throw await failureOf(response);
  return response.json();
}

async function failureOf(response: {
  status: number;
  json(): Promise<unknown>;
}): Promise<BackendError> {
  const body: unknown = await response.json().catch(() => null);
  const parsed = errorSchema.safeParse(body);
  return parsed.success
    ? new BackendError(response.status, parsed.data.error.code, parsed.data.error.message)
    : // Read by people (未能完成：…), so in their words; the status is for the logs and support.
      new BackendError(response.status, 'HTTP', `系统未能处理这个请求（HTTP ${response.status}）`);
}

export interface Backend {
  /** As the bot service itself (linking, claims, sessions, outbox). */
  readonly service: ApiClient;
  /** As the person linked to this user of the backend's channel. */
  as(telegramUserId: number | string): ApiClient;
  /** Adds an image to a submission as the person (multipart, which the typed client cannot send). */
  uploadAttachment(
    telegramUserId: number | string,
    submissionId: string,
    file: { filename: string; bytes: Uint8Array },
  ): Promise<{ version: number }>;
  /** Posts one file to an upload route of the API (`/api/…`) as the person; the answer's body. */
  upload(
    telegramUserId: number | string,
    path: string,
    file: { filename: string; bytes: Uint8Array },
  ): Promise<unknown>;
}

export function createBackend(options: BackendOptions): Backend {
  const doFetch = retryingFetch(
    options.fetch ?? ((input, init) => fetch(input, init)),
    options.unreachableRetryMs ?? 60_000,
  );
  const headers = (user?: string): Record<string, string> => ({
    Authorization: `Bearer ${options.serviceToken}`,
    // DESIGN §4: the API knows a chat user by channel and id, so the header names both.
    ...(user === undefined ? {} : { 'X-Chat-User': `${options.channel ?? 'telegram'}:${user}` }),
  });
  const client = (user?: string) =>
    createApiClient(options.apiUrl, { headers: headers(user), fetch: doFetch });
  const service = client();
  async function upload(
    telegramUserId: number | string,
    path: string,
    file: { filename: string; bytes: Uint8Array },
  ): Promise<unknown> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file.bytes)]), file.filename);
    const response = await doFetch(new URL(path, options.apiUrl), {
      method: 'POST',
      headers: headers(String(telegramUserId)),
      body: form,
    });
    if (!response.ok) throw await failureOf(response);
    return response.json();
  }
  return {
    service,
    as: (telegramUserId) => client(String(telegramUserId)),
    async uploadAttachment(telegramUserId, submissionId, file) {
      const body = await upload(
        telegramUserId,
        `/api/submissions/${encodeURIComponent(submissionId)}/attachments`,
        file,
      );
      return { version: z.object({ version: z.number() }).parse(body).version };
    },
    upload,
  };
}
