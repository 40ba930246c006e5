import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import type { JsonText } from '../cache/json-text.js';

/** What `c.json(value, 200)` returns, as the typed client (`hc`) sees it. */
export type JsonResponse<T> = Response & TypedResponse<JSONParsed<T>, 200, 'json'>;

const JSON_CONTENT_TYPE = { 'content-type': 'application/json' } as const;

/**
 * Answers with a kept JSON text exactly as `c.json(value, 200)` would answer with the value
 * (same bytes, same content type), and with the same type for the typed client: the
 * signature below says so, and it holds because a JsonText is always `JSON.stringify` of a
 * value of its type.
 */
export function sendJson<T>(c: Context, answer: JsonText<T>): JsonResponse<T>;
export function sendJson(c: Context, answer: JsonText<unknown>): Response {
  return c.body(answer.bytes, 200, JSON_CONTENT_TYPE);
}
