import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';
import { ServiceError } from '../shared/errors.js';

function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(holdsNul);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).some(([key, inner]) => key.includes('\u0000') || holdsNul(inner));
  }
  return false;
}

/**
 * Refuses text with the NUL character (U+0000) in the URL or a JSON body. No field of the
 * product has a use for it, and PostgreSQL cannot store it in text columns: it failed the
 * write with a server error instead of a validation error. Uploaded files are bytes and pass.
 */
export function refuseNul() {
  return createMiddleware<AppEnv>(async (c, next) => {
    let found = /%00/i.test(c.req.url);
    const type = c.req.header('content-type') ?? '';
    // The body was held to its route's limit already (http/body-limit.ts).
    if (!found && /^application\/(.+\+)?json/i.test(type)) {
      // Read from a copy: body-limit middleware further on reads the original stream itself.
      const text = await c.req.raw.clone().text();
      if (/\\u0000/i.test(text)) {
        try {
          found = holdsNul(JSON.parse(text));
        } catch {
          // Not JSON: the route's own validation answers for it.
        }
      }
    }
    if (found) {
      throw new ServiceError('malformed', 'VALIDATION', '请求含有不允许的空字符（U+0000）', {
        issues: [{ path: '', message: '请求含有不允许的空字符（U+0000）' }],
      });
    }
    await next();
  });
}
