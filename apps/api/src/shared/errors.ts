import { ERROR_KINDS as DOMAIN_ERROR_KINDS, type ErrorKind as DomainErrorKind } from '@jyxc/domain';

/**
 * What kind of failure an error is (DESIGN §4: services know nothing of HTTP). The HTTP edge
 * turns each kind into a status in one table (`http/errors.ts`); nothing else does.
 *
 * The domain's kinds (`invalid`, `not_found`, `forbidden`, `conflict`, `limit`, `unavailable`)
 * and the few that only requests and uploads can be:
 * - `malformed`: the request contradicts itself or cannot be read at all.
 * - `unauthenticated`: nobody (or nobody linked) is acting.
 * - `too_large` / `unsupported_media`: an upload's size or type is refused.
 */
export type ErrorKind =
  DomainErrorKind | 'malformed' | 'unauthenticated' | 'too_large' | 'unsupported_media';

export const ERROR_KINDS: readonly ErrorKind[] = [
  ...DOMAIN_ERROR_KINDS,
  'malformed',
  'unauthenticated',
  'too_large',
  'unsupported_media',
];

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
    /**
     * The message (and details, whose field messages are words too) in English, when the
     * failure comes from the domain's catalogue; the HTTP edge answers with it to a request
     * that asks for English (DESIGN §6).
     */
    readonly english?: { readonly message: string; readonly details?: unknown },
  ) {
    super(message);
  }
}
