import type { DomainError, Result } from '@jyxc/domain';
import { isErrorKind, ServiceError, type ErrorKind } from './errors.js';

// Until every domain error carries its kind, the kind of one without it is read from its code:
// the last segment says what kind of failure it is. Patterns start at a word boundary of the
// code, so that `UNKNOWN_UNIT` is not read as `…OWN_UNIT`.
const KIND_BY_CODE: readonly (readonly [RegExp, ErrorKind])[] = [
  // A field naming a person of another unit (an incident's responsible person) is a form
  // error the person can correct, not a refusal of who they are.
  [/\.RESPONSIBLE_OTHER_UNIT$/, 'invalid'],
  [/(NOT_FOUND|\.NO_SUCH_[A-Z_]+)$/, 'not_found'],
  [
    /\.(STALE|CONFLICT|ALREADY_[A-Z_]+|ILLEGAL_TRANSITION|NOT_ALLOWED_IN_STATE|WRONG_STATE|DUPLICATE[A-Z_]*)$/,
    'conflict',
  ],
  [
    /[._](FORBIDDEN|NOT_[A-Z_]*ROLE|NOT_[A-Z_]*REVIEWER|NOT_ADMIN|NOT_ALLOWED|INACTIVE_ACTOR|NOT_AUTHOR|NOT_APPROVER|FOREIGN_UNIT|OTHER_UNIT|SELF_APPROVAL|OWN_[A-Z_]+|NOT_PERMITTED|NO_PERMISSION)$/,
    'forbidden',
  ],
];

/** The kind of a domain error: its own when it carries one. */
export function domainErrorKind(error: DomainError): ErrorKind {
  const own: unknown = (error as { readonly kind?: unknown }).kind;
  if (isErrorKind(own)) return own;
  for (const [pattern, kind] of KIND_BY_CODE) if (pattern.test(error.code)) return kind;
  // Everything else is a rule the input broke: a well-formed request the domain refuses.
  return 'invalid';
}

/** A domain error as the service error the HTTP edge answers with. */
export function domainFailure(error: DomainError): ServiceError {
  return new ServiceError(domainErrorKind(error), error.code, error.message, {
    ...(error.path !== undefined ? { path: error.path } : {}),
    ...(error.details !== undefined ? error.details : {}),
  });
}

/** The value of a domain result, or the matching {@link ServiceError} thrown. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw domainFailure(result.error);
}

/**
 * The value of a domain result that reports every field problem at once, or a
 * {@link ServiceError}: a permission refusal wins; otherwise the first problem sets the code,
 * kind and details (such as a cap and the amounts over it), and `details.issues` lists them
 * all with their paths for the form.
 */
export function unwrapAll<T>(result: Result<T, readonly DomainError[]>): T {
  if (result.ok) return result.value;
  const errors = result.error;
  const lead = errors.find((e) => domainErrorKind(e) === 'forbidden') ?? errors[0];
  if (lead === undefined) throw new ServiceError('invalid', 'VALIDATION.REFUSED', '请求未通过校验');
  throw new ServiceError(domainErrorKind(lead), lead.code, lead.message, {
    ...(lead.details !== undefined ? lead.details : {}),
    ...(lead.path !== undefined ? { path: lead.path } : {}),
    issues: errors.map((e) => ({
      path: e.path ?? '',
      code: e.code,
      message: e.message,
      ...(e.details !== undefined ? { details: e.details } : {}),
    })),
  });
}
