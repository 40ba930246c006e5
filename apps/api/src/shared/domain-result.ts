import { formatError, type ActionChoice, type DomainError, type Result } from '@jyxc/domain';
import { ServiceError } from './errors.js';

/** A domain error as the service error the HTTP edge answers with; its kind is the domain's. */
export function domainFailure(error: DomainError): ServiceError {
  const details = {
    ...(error.path !== undefined ? { path: error.path } : {}),
    ...(error.details !== undefined ? error.details : {}),
  };
  return new ServiceError(error.kind, error.code, error.message, details, {
    message: formatError(error, 'en'),
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
  const lead = errors.find((e) => e.kind === 'forbidden') ?? errors[0];
  if (lead === undefined) throw new ServiceError('invalid', 'VALIDATION.REFUSED', '请求未通过校验');
  const details = (locale: 'zh-CN' | 'en') => ({
    ...(lead.details !== undefined ? lead.details : {}),
    ...(lead.path !== undefined ? { path: lead.path } : {}),
    issues: errors.map((e) => ({
      path: e.path ?? '',
      code: e.code,
      message: locale === 'en' ? formatError(e, 'en') : e.message,
      ...(e.details !== undefined ? { details: e.details } : {}),
    })),
  });
  throw new ServiceError(lead.kind, lead.code, lead.message, details('zh-CN'), {
    message: formatError(lead, 'en'),
    details: details('en'),
  });
}

/**
 * The actions a person may take now with one thing, as every screen receives them (DESIGN §6):
 * the allowed ones, and for each one refused, its code and the reason in both languages.
 */
export function presentActions<A extends string>(choice: ActionChoice<A>) {
  return {
    allowed: choice.allowed,
    refused: choice.refused.map((r) => ({
      action: r.action,
      code: r.error.code,
      message: { 'zh-CN': formatError(r.error, 'zh-CN'), en: formatError(r.error, 'en') },
    })),
  };
}
