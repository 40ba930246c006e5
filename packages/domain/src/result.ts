import { errorKind, type ErrorCode, type ErrorKind } from './errors.js';

/**
 * An expected failure of a domain rule. `code` is stable and machine-readable
 * (`SUBMISSION.NOT_REVIEWER`, one of {@link ErrorCode}); `kind` says what sort of failure it
 * is, decided by the code alone; `messageKey` is the i18n key an app translates; `message`
 * is a plain-language default (Simplified Chinese) for apps without translations. `path`
 * names the offending field when the failure is about one (`levels.city`).
 */
export interface DomainError {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly messageKey: string;
  readonly message: string;
  readonly path?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** The outcome of a rule that can fail in an expected way. */
export type Result<T, E = DomainError> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/** Wraps a successful value. */
export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

/** Wraps an expected failure. */
export function err<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}

/**
 * Builds a {@link DomainError}. The message key is derived from the code
 * (`SUBMISSION.NOT_REVIEWER` → `errors.submission.notReviewer`) so that apps can translate
 * every code without a second table.
 */
export function domainError(
  code: ErrorCode,
  message: string,
  extra: { readonly path?: string; readonly details?: Readonly<Record<string, unknown>> } = {},
): DomainError {
  return {
    code,
    kind: errorKind(code),
    messageKey: messageKeyFor(code),
    message,
    ...(extra.path !== undefined ? { path: extra.path } : {}),
    ...(extra.details !== undefined ? { details: extra.details } : {}),
  };
}

/** The i18n key of an error code: `CAMPAIGN.OVER_CAP` → `errors.campaign.overCap`. */
export function messageKeyFor(code: string): string {
  const parts = code
    .split('.')
    .map((part) =>
      part.toLowerCase().replace(/_([a-z0-9])/g, (_m: string, c: string) => c.toUpperCase()),
    );
  return ['errors', ...parts].join('.');
}
