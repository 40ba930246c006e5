import type { DomainError, Result } from '@jyxc/domain';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ApiError } from './errors.js';

// The one place where domain error codes become HTTP statuses (CONVENTIONS). The last segment
// of a code says what kind of failure it is; the first says where it comes from. Patterns start
// at a word boundary of the code, so that `UNKNOWN_UNIT` is not read as `…OWN_UNIT`.
const BY_SUFFIX: readonly (readonly [RegExp, ContentfulStatusCode])[] = [
  // A field naming a person of another unit (an incident's responsible person) is a form
  // error the person can correct, not a refusal of who they are.
  [/\.RESPONSIBLE_OTHER_UNIT$/, 422],
  [/(NOT_FOUND|\.NO_SUCH_[A-Z_]+)$/, 404],
  [
    /\.(STALE|CONFLICT|ALREADY_[A-Z_]+|ILLEGAL_TRANSITION|NOT_ALLOWED_IN_STATE|WRONG_STATE|DUPLICATE[A-Z_]*)$/,
    409,
  ],
  [
    /[._](FORBIDDEN|NOT_[A-Z_]*ROLE|NOT_[A-Z_]*REVIEWER|NOT_ADMIN|NOT_ALLOWED|INACTIVE_ACTOR|NOT_AUTHOR|NOT_APPROVER|FOREIGN_UNIT|OTHER_UNIT|SELF_APPROVAL|OWN_[A-Z_]+|NOT_PERMITTED|NO_PERMISSION)$/,
    403,
  ],
];

export function statusForDomainError(error: DomainError): ContentfulStatusCode {
  for (const [pattern, status] of BY_SUFFIX) if (pattern.test(error.code)) return status;
  // Everything else is a rule the input broke: a well-formed request the domain refuses.
  return 422;
}

export function domainFailure(error: DomainError): ApiError {
  return new ApiError(statusForDomainError(error), error.code, error.message, {
    ...(error.path !== undefined ? { path: error.path } : {}),
    ...(error.details !== undefined ? error.details : {}),
  });
}

/** The value of a domain result, or the matching {@link ApiError} thrown. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw domainFailure(result.error);
}
