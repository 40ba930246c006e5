import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { ValidationTargets } from 'hono';
import { validator } from 'hono-openapi';
import { isJsonType } from './clean-input.js';
import { errorBody } from './errors.js';

/** One field problem, with the path of the field (`items.0.title`). */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

function pathOf(issue: StandardSchemaV1.Issue): string {
  return (issue.path ?? [])
    .map((segment) => (typeof segment === 'object' ? String(segment.key) : String(segment)))
    .join('.');
}

/**
 * Validates one part of the request and, on failure, answers 400 with every field problem in
 * the uniform error body, before any handler code (and so any write) runs.
 */
export function validate<Target extends keyof ValidationTargets, Schema extends StandardSchemaV1>(
  target: Target,
  schema: Schema,
) {
  return validator(target, schema, (result, c) => {
    const requestId: unknown = c.get('requestId');
    const id = typeof requestId === 'string' ? requestId : undefined;
    // Hono reads a body of another type as `{}`, which an all-optional PATCH would accept
    // and answer 200 having changed nothing.
    if (target === 'json' && !isJsonType(c.req.header('content-type'))) {
      return c.json(
        errorBody(
          'REQUEST.NOT_JSON',
          '请求内容须为 JSON（Content-Type: application/json）',
          { contentType: c.req.header('content-type') ?? null },
          id,
        ),
        415,
      );
    }
    if (result.success) return undefined;
    const issues: FieldIssue[] = result.error.map((issue) => ({
      path: pathOf(issue),
      message: issue.message,
    }));
    const first = issues[0];
    const message = first
      ? `${first.path === '' ? '请求' : `字段 ${first.path}`}：${first.message}`
      : '请求格式不正确';
    return c.json(errorBody('VALIDATION', message, { issues }, id), 400);
  });
}
