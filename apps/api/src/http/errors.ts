import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The one error body every route answers with (CONVENTIONS: uniform error body). */
export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly details?: unknown;
  };
}

/** An expected failure raised by a route or service, turned into {@link ErrorBody} by `onError`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/**
 * Maps anything thrown inside a request to the uniform body. Unknown errors are logged and
 * answered with a 500 that reveals nothing of the internals.
 */
export function handleError(error: Error, c: Context): Response {
  if (error instanceof ApiError) {
    return c.json(errorBody(error.code, error.message, error.details), error.status);
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    const code = status === 413 ? 'REQUEST.TOO_LARGE' : `HTTP.${status}`;
    return c.json(errorBody(code, error.message || '请求无法处理'), status);
  }
  console.error(`[api] ${c.req.method} ${c.req.path} failed:`, error);
  return c.json(errorBody('INTERNAL', '服务器内部错误，请稍后重试'), 500);
}

export function notFound(c: Context): Response {
  return c.json(errorBody('NOT_FOUND', `没有这个接口：${c.req.method} ${c.req.path}`), 404);
}
