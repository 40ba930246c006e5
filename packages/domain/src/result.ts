import { errorKind, type ErrorCode, type ErrorKind } from './errors.js';
import { formatMessage, type ErrorParams, type ParamValue } from './messages.js';

/**
 * An expected failure of a domain rule. `code` is stable and machine-readable
 * (`SUBMISSION.NOT_REVIEWER`, one of {@link ErrorCode}); `kind` says what sort of failure it
 * is, decided by the code alone; `params` are the values its message shows (a state as its
 * code, an amount in fen), so that {@link formatError} can render it in any locale; `message`
 * is that rendering in Simplified Chinese, for apps that show one language. `path` names the
 * offending field when the failure is about one (`levels.city`).
 */
export interface DomainError {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly message: string;
  readonly path?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** The outcome of a rule that can fail in an expected way. */
export type Result<T, E = DomainError> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/**
 * Wraps a successful value.
 *
 * @example
 * ```ts
 * const found: Result<number> = ok(42); // { ok: true, value: 42 }
 * ```
 */
export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

/**
 * Wraps an expected failure.
 *
 * @example
 * ```ts
 * const refused: Result<number> = err(domainError('SUBMISSION.NOT_FOUND')); // { ok: false, error: … }
 * ```
 */
export function err<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}

/** What an error of code `C` is raised with: its message's parameters, a field path, details. */
export type DomainErrorInit<C extends ErrorCode> = {
  readonly path?: string;
  readonly details?: Readonly<Record<string, unknown>>;
} & ([keyof ErrorParams<C>] extends [never]
  ? { readonly params?: ErrorParams<C> }
  : { readonly params: ErrorParams<C> });

/** The arguments after the code: optional when the code's message has no parameter. */
export type DomainErrorArgs<C extends ErrorCode> = [keyof ErrorParams<C>] extends [never]
  ? [init?: DomainErrorInit<C>]
  : [init: DomainErrorInit<C>];

/**
 * Builds a {@link DomainError}: its kind comes from the code and its message from the
 * catalogue, rendered in Simplified Chinese with `params`.
 */
export function domainError<C extends ErrorCode>(
  code: C,
  ...[init]: DomainErrorArgs<C>
): DomainError {
  const params: Readonly<Record<string, ParamValue>> = init?.params ?? {};
  return {
    code,
    kind: errorKind(code),
    params,
    message: formatMessage(code, params, 'zh-CN'),
    ...(init?.path !== undefined ? { path: init.path } : {}),
    ...(init?.details !== undefined ? { details: init.details } : {}),
  };
}
