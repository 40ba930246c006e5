import { ApiFailure, createHttp, type FieldIssue } from '@jyxc/web/http';
import { ElMessage } from 'element-plus';
import { i18n } from '../i18n.js';

export { ApiFailure, type FieldIssue };

/**
 * The typed client of the API on the console's own origin, and `call`, which turns failures
 * into readable messages and sends an expired session back to login (the router registers
 * that with `handleUnauthorized`).
 */
export const http = createHttp(
  (key) => i18n.global.t(key),
  window.location.origin,
  () => i18n.global.locale.value,
);

/** The header that asks the API for its messages in the console's language (DESIGN §6). */
export function languageHeaders(): Record<string, string> {
  return { 'Accept-Language': i18n.global.locale.value };
}
export const { api, call, handleUnauthorized, failureText } = http;

/** Shows a failure as a toast; used by views for actions without a form to attach errors to. */
export function toastFailure(error: unknown): void {
  if (error instanceof ApiFailure && error.status === 401) return;
  ElMessage.error(failureText(error));
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
