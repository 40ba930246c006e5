/**
 * What kind of failure an error is (DESIGN §4: services know nothing of HTTP). The HTTP edge
 * turns each kind into a status in one table (`http/error-status.ts`); nothing else does.
 *
 * - `invalid`: the input breaks a rule the person can correct (a form error).
 * - `malformed`: the request contradicts itself or cannot be read at all.
 * - `unauthenticated`: nobody (or nobody linked) is acting.
 * - `forbidden`: the actor may not do this or see this.
 * - `not_found`: the thing named does not exist.
 * - `conflict`: the state changed or already holds (stale version, duplicate, wrong state).
 * - `limit`: a quantity is over what a rule allows (a cap).
 * - `throttled`: too many attempts; try again later.
 * - `too_large` / `unsupported_media`: an upload's size or type is refused.
 * - `unavailable`: a dependency (the database) cannot be reached.
 */
export const ERROR_KINDS = [
  'invalid',
  'malformed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'limit',
  'throttled',
  'too_large',
  'unsupported_media',
  'unavailable',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

/**
 * An expected failure of a use case: a kind (what went wrong), a stable code
 * (`SUBMISSION.NOT_FOUND`), a message for people (zh-CN) and optional details for forms.
 */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function isErrorKind(value: unknown): value is ErrorKind {
  return typeof value === 'string' && (ERROR_KINDS as readonly string[]).includes(value);
}
