import { createApiClient } from '@jyxc/api/client';

/** One field problem of a refused request (`levels.city`, `items.0.title`). */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** An API failure in the uniform body `{ error: { code, message, details } }`. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** No answer at all: the device is offline or the server is out of reach. */
  get offline(): boolean {
    return this.status === 0;
  }

  /** The field problems the API listed in `details.issues`, if any. */
  get issues(): FieldIssue[] {
    const details = this.details;
    if (typeof details !== 'object' || details === null || !('issues' in details)) return [];
    const issues = (details as { issues: unknown }).issues;
    if (!Array.isArray(issues)) return [];
    return issues.flatMap((issue: unknown) => {
      if (typeof issue !== 'object' || issue === null) return [];
      const { path, message } = issue as { path?: unknown; message?: unknown };
      return typeof path === 'string' && typeof message === 'string' ? [{ path, message }] : [];
    });
  }
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; details?: unknown };
}

export interface CallOptions {
  /** A 401 is an expected answer here (asking who is logged in, logging in). */
  readonly quiet401?: boolean;
}

/** The two sentences the wrapper writes itself, in the app's language. */
export type HttpWords = (key: 'errors.network' | 'errors.unknown') => string;

/**
 * The typed API client of a browser app on the product's own origin, and the one place where
 * a lost connection becomes a readable message and an expired session returns to login. The
 * console and the phone app each hold one, made with their own locale's words; `language`
 * names the language the API's messages should come in.
 */
export function createHttp(words: HttpWords, origin: string, language?: () => string) {
  // The API answers refusals in the language asked for (DESIGN §6), read at each request so
  // that a switch of language applies at once.
  const api = createApiClient(origin, {
    init: { credentials: 'same-origin' },
    ...(language === undefined ? {} : { headers: () => ({ 'Accept-Language': language() }) }),
  });
  let onUnauthorized: (() => void) | null = null;

  /** Registers what happens when the session has expired (any 401 outside the login itself). */
  function handleUnauthorized(handler: () => void): void {
    onUnauthorized = handler;
  }

  /** Awaits a client call and returns its JSON, or throws an {@link ApiFailure}. */
  async function call<T>(
    request: Promise<{ ok: boolean; status: number; json(): Promise<T> }>,
    options: CallOptions = {},
  ): Promise<T> {
    let response;
    try {
      response = await request;
    } catch {
      throw new ApiFailure(0, 'NETWORK', words('errors.network'));
    }
    if (response.ok) return response.json();
    let body: ErrorBody = {};
    try {
      body = (await response.json()) as ErrorBody;
    } catch {
      // A non-JSON failure (a proxy's HTML page) still gets a readable message below.
    }
    const code = typeof body.error?.code === 'string' ? body.error.code : `HTTP.${response.status}`;
    const message =
      typeof body.error?.message === 'string' ? body.error.message : words('errors.unknown');
    if (response.status === 401 && !options.quiet401) onUnauthorized?.();
    throw new ApiFailure(response.status, code, message, body.error?.details);
  }

  /** The message a person reads for any failure. */
  function failureText(error: unknown): string {
    return error instanceof ApiFailure ? error.message : words('errors.unknown');
  }

  return { api, call, handleUnauthorized, failureText };
}
