import { createApiClient } from '@jyxc/api/client';
import { ElMessage } from 'element-plus';
import { i18n } from '../i18n.js';

/** The typed client of the API, on the console's own origin. */
export const api = createApiClient(window.location.origin, {
  init: { credentials: 'same-origin' },
});

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

let onUnauthorized: (() => void) | null = null;

/**
 * Registers what happens when the session has expired (any 401 outside the login itself):
 * the router sends the user to login and back to where they were.
 */
export function handleUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

interface CallOptions {
  /** A 401 is an expected answer here (asking who is logged in, logging in). */
  readonly quiet401?: boolean;
}

/**
 * Awaits a client call and returns its JSON, or throws an {@link ApiFailure}. The one place
 * where network failures become a readable message and an expired session returns to login.
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
    // A non-JSON failure (a proxy's HTML page) still gets a readable message below.
  }
  const code = typeof body.error?.code === 'string' ? body.error.code : `HTTP.${response.status}`;
  const message =
    typeof body.error?.message === 'string' ? body.error.message : i18n.global.t('errors.unknown');
  if (response.status === 401 && !options.quiet401) onUnauthorized?.();
  throw new ApiFailure(response.status, code, message, body.error?.details);
}

/** Shows a failure as a toast; used by views for actions without a form to attach errors to. */
export function toastFailure(error: unknown): void {
  if (error instanceof ApiFailure && error.status === 401) return;
  const message = error instanceof ApiFailure ? error.message : i18n.global.t('errors.unknown');
  ElMessage.error(message);
}

/** Shows that an action succeeded. */
export function toastDone(message: string): void {
  ElMessage.success(message);
}

/** Turns every value of a query into the string form the client sends, dropping empty ones. */
export function query<T extends Record<string, string | number | boolean | null | undefined>>(
  values: T,
): { [K in keyof T]?: string } {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === '') continue;
    out[key] = String(value);
  }
  return out as { [K in keyof T]?: string };
}
