import { createApiClient } from '@jyxc/api/client';
import { i18n } from '../i18n.js';

/** The typed client of the API, on the product's own origin (the phone app lives at /m/). */
export const api = createApiClient(window.location.origin, {
  init: { credentials: 'same-origin' },
});

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

  /** No answer at all: the phone is offline or the server is out of reach. */
  get offline(): boolean {
    return this.status === 0;
  }
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; details?: unknown };
}

let onUnauthorized: (() => void) | null = null;

/** Registers what happens when the session has expired: the router returns to login. */
export function handleUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

interface CallOptions {
  /** A 401 is an expected answer here (asking who is logged in, logging in). */
  readonly quiet401?: boolean;
}

/**
 * Awaits a client call and returns its JSON, or throws an {@link ApiFailure}: the one place
 * where a lost connection becomes a readable message and an expired session returns to login.
 */
export async function call<T>(
  request: Promise<{ ok: boolean; status: number; json(): Promise<T> }>,
  options: CallOptions = {},
): Promise<T> {
  let response;
  try {
    response = await request;
  } catch {
    throw new ApiFailure(0, 'NETWORK', i18n.global.t('errors.network'));
  }
  if (response.ok) return response.json();
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // A proxy's HTML page still gets a readable message below.
  }
  const code = typeof body.error?.code === 'string' ? body.error.code : `HTTP.${response.status}`;
  const message =
    typeof body.error?.message === 'string' ? body.error.message : i18n.global.t('errors.unknown');
  if (response.status === 401 && !options.quiet401) onUnauthorized?.();
  throw new ApiFailure(response.status, code, message, body.error?.details);
}

/** The message a person reads for any failure. */
export function failureText(error: unknown): string {
  return error instanceof ApiFailure ? error.message : i18n.global.t('errors.unknown');
}
