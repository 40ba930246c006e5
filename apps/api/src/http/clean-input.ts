/** Input that no field of the product can hold, refused at the edge before any route runs. */
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';
import { ServiceError } from '../shared/errors.js';
import { requestBody } from './body-limit.js';

const JSON_TYPE = /^application\/(.+\+)?json\s*(;|$)/i;
const MULTIPART_TYPE = /^multipart\/form-data\s*(;|$)/i;

/** Whether a request's Content-Type names JSON (`application/json`, `application/*+json`). */
export function isJsonType(type: string | undefined): boolean {
  return type !== undefined && JSON_TYPE.test(type);
}

// With the `u` flag a well-formed surrogate pair is one code point, so only a lone half matches.
const LONE_SURROGATE = /\p{Cs}/u;

/** What is wrong with a piece of text, or null. */
const NUL_PROBLEM = '含有不允许的空字符（U+0000）';

function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return NUL_PROBLEM;
  if (LONE_SURROGATE.test(text)) return '含有无效的 Unicode 字符（不成对的代理项）';
  return null;
}

/** The path and problem of the first string (or key) in `value` that no field can hold. */
function findProblem(value: unknown, path: string): { path: string; message: string } | null {
  if (typeof value === 'string') {
    const message = textProblem(value);
    return message === null ? null : { path, message };
  }
  if (Array.isArray(value)) {
    for (const [index, inner] of value.entries()) {
      const found = findProblem(inner, path === '' ? String(index) : `${path}.${index}`);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      const at = path === '' ? key : `${path}.${key}`;
      const message = textProblem(key);
      if (message !== null) return { path: at, message: `字段名${message}` };
      const found = findProblem(inner, at);
      if (found) return found;
    }
  }
  return null;
}

function refused(problem: { path: string; message: string }): ServiceError {
  const where = problem.path === '' ? '请求' : `字段 ${problem.path}`;
  return new ServiceError('malformed', 'VALIDATION', `${where}：${problem.message}`, {
    issues: [problem],
  });
}

/**
 * Refuses, before any route reads it:
 * - a write whose body is neither JSON nor (for uploads) multipart: 415, never a silent 200
 *   that read nothing;
 * - text holding NUL (U+0000) in the URL or a JSON body: PostgreSQL cannot store it, and no
 *   field has a use for it;
 * - a lone UTF-16 surrogate (`"\ud800"`) in a JSON body: it cannot be stored as UTF-8 and would
 *   be read back changed.
 * The body was held to its route's limit already (http/body-limit.ts).
 */
export function refuseUncleanInput() {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (/%00/i.test(c.req.url)) throw refused({ path: '', message: NUL_PROBLEM });
    const type = c.req.header('content-type');
    const hasBody = requestBody(c) !== null && c.req.header('content-length') !== '0';
    if (hasBody && !isJsonType(type) && !(type !== undefined && MULTIPART_TYPE.test(type))) {
      throw new ServiceError(
        'unsupported_media',
        'REQUEST.NOT_JSON',
        '请求内容须为 JSON（Content-Type: application/json）',
        { contentType: type ?? null },
      );
    }
    if (hasBody && isJsonType(type)) {
      // Read from a copy: the route reads the original.
      const text = await c.req.raw.clone().text();
      if (
        /\\u0000|\\u[dD][89a-fA-F]/.test(text) ||
        text.includes('\u0000') ||
        LONE_SURROGATE.test(text)
      ) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          // Not JSON: the route's own validation answers for it.
        }
        const problem = findProblem(parsed, '');
        if (problem) throw refused(problem);
      }
    }
    await next();
  });
}
