import { createApiClient } from '@jyxc/api/client';
import { ElMessage } from 'element-plus';
import { i18n } from '../i18n.js';

/** The typed client of the API, on the console's own origin. */
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
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; details?: unknown };
}

/**
 * Awaits a client call and returns its JSON, or throws an {@link ApiFailure}. The one place
 * where network failures become a readable message; callers decide whether to toast.
 */
export async function call<T>(request: Promise<{ ok: boolean; status: number; json(): Promise<T> }>): Promise<T> {
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
  throw new ApiFailure(response.status, code, message, body.error?.details);
}

/** Shows a failure as a toast; used by views for actions without a form to attach errors to. */
export function toastFailure(error: unknown): void {
  const message = error instanceof ApiFailure ? error.message : i18n.global.t('errors.unknown');
  ElMessage.error(message);
}
