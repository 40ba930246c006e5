import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ServiceError, type ErrorKind } from '../shared/errors.js';
import type { EdgeEnv } from './logger.js';
import { API_MESSAGES_EN, prefersEnglish } from './messages-en.js';

/**
 * The one place where kinds of failure become HTTP statuses (DESIGN §4). Services and the
 * domain say what went wrong; only this table says how HTTP calls it.
 */
export const STATUS_OF_KIND = {
  invalid: 422,
  malformed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  limit: 429,
  too_large: 413,
  unsupported_media: 415,
  unavailable: 503,
} as const satisfies Record<ErrorKind, ContentfulStatusCode>;

/** The one error body every route answers with (CONVENTIONS: uniform error body). */
export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly details?: unknown;
    /** The id of the request, as in the `X-Request-Id` header and the log line. */
    readonly requestId?: string;
  };
}

export function errorBody(
  code: string,
  message: string,
  details?: unknown,
  requestId?: string,
): ErrorBody {
  return {
    error: {
      code,
      message,
      ...(details === undefined ? {} : { details }),
      ...(requestId === undefined ? {} : { requestId }),
    },
  };
}

/** The uniform body of a request's failure, carrying the request's id. */
export function errorResponse(
  c: Context<EdgeEnv>,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  details?: unknown,
): Response {
  return c.json(errorBody(code, message, details, c.get('requestId')), status);
}

/** A refusal that ends with time (a lock, a rate) says when to come back (RFC 9110 Retry-After). */
function retryAfterSeconds(details: unknown): number | undefined {
  if (typeof details !== 'object' || details === null || !('retryAfterSeconds' in details))
    return undefined;
  const seconds = details.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0
    ? Math.ceil(seconds)
    : undefined;
}

/**
 * Maps anything thrown inside a request to the uniform body. An unexpected error is logged
 * once, with its stack, on the request's log line, and answered with a 500 that reveals
 * nothing of the internals.
 */
export function handleError(error: Error, c: Context<EdgeEnv>): Response {
  if (error instanceof ServiceError) {
    // DESIGN §6: the message follows the language the client asks for; Chinese otherwise.
    const english = prefersEnglish(c.req.header('accept-language'));
    const response = errorResponse(
      c,
      STATUS_OF_KIND[error.kind],
      error.code,
      english
        ? (error.english?.message ?? API_MESSAGES_EN[error.code] ?? error.message)
        : error.message,
      english && error.english?.details !== undefined ? error.english.details : error.details,
    );
    const retryAfter = retryAfterSeconds(error.details);
    if (retryAfter !== undefined) response.headers.set('retry-after', String(retryAfter));
    return response;
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    const code = status === 413 ? 'REQUEST.TOO_LARGE' : `HTTP.${status}`;
    return errorResponse(c, status, code, error.message || '请求无法处理');
  }
  c.set('failure', error);
  return errorResponse(c, 500, 'INTERNAL', '服务器内部错误，请稍后重试');
}

export function notFound(c: Context<EdgeEnv>): Response {
  return errorResponse(c, 404, 'NOT_FOUND', `没有这个接口：${c.req.method} ${c.req.path}`);
}
