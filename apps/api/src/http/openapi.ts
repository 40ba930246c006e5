/**
 * The edge's own answers, added to the document generated from the routes: the error body
 * every failure has, and the statuses the edge gives any route (http/errors.ts,
 * http/body-limit.ts, http/clean-input.ts, http/session-middleware.ts).
 */

/** The JSON Schema of the one error body (http/errors.ts `ErrorBody`). */
export const ERROR_SCHEMA: Record<string, unknown> & { type: 'object' } = {
  type: 'object',
  required: ['error'],
  additionalProperties: false,
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      additionalProperties: false,
      properties: {
        code: { type: 'string', description: '稳定的错误代码，如 SUBMISSION.NOT_REVIEWER' },
        message: { type: 'string', description: '给人看的说明（中文）' },
        details: { description: '字段问题（issues）或其他细节' },
        requestId: { type: 'string', description: '请求编号，与 X-Request-Id 相同' },
      },
    },
  },
};

const ERROR_REF = { $ref: '#/components/schemas/Error' } as const;

/** A response of the error body, as a route's failure is documented. */
export function errorResponse(description: string) {
  return { description, content: { 'application/json': { schema: ERROR_REF } } };
}

/** Paths that answer without a session (app.ts `requireSession`). */
const PUBLIC_PATHS = new Set(['/health', '/auth/login', '/auth/logout']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

const EDGE_STATUSES: Readonly<Record<string, string>> = {
  '400': '请求无法读取或字段不合要求（VALIDATION，details.issues 列出每个字段）',
  '401': '未登录或登录已失效（AUTH.REQUIRED）；机器人接口缺少服务令牌',
  '403': '无权进行此操作或查看此内容',
  '404': '所指的记录不存在',
  '409': '已被他人修改、已办理过，或状态不允许',
  '413': '请求内容超过该接口的大小限制（REQUEST.TOO_LARGE）',
  '415': '请求内容不是 JSON（REQUEST.NOT_JSON）',
  '429': '次数或频率超限，Retry-After 给出等待秒数',
};

/**
 * The success answers read from the routes' types (scripts/response-schemas.ts writes the
 * file): `routes["GET /units/{id}"]["200"]` names a schema in `schemas`.
 */
export interface SuccessSchemas {
  readonly schemas: Readonly<Record<string, unknown>>;
  readonly routes: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** A file's bytes (exports, images) as a schema says so. */
const BINARY_SCHEMA = { type: 'string', format: 'binary' } as const;

/**
 * Gives every success answer its schema: JSON answers the schema of the route's type (as a
 * component), file answers a binary string.
 */
function addSuccessSchemas(
  path: string,
  method: string,
  responses: Record<string, unknown>,
  success: SuccessSchemas,
) {
  const typed = success.routes[`${method.toUpperCase()} ${path}`] ?? {};
  for (const [status, name] of Object.entries(typed)) {
    const response = responses[status];
    const documented = isRecord(response) ? response : { description: '成功' };
    const content = isRecord(documented['content']) ? documented['content'] : {};
    const json = isRecord(content['application/json']) ? content['application/json'] : {};
    if (json['schema'] === undefined)
      content['application/json'] = { ...json, schema: { $ref: `#/components/schemas/${name}` } };
    responses[status] = { ...documented, content };
  }
  for (const [status, response] of Object.entries(responses)) {
    if (Number(status) >= 300 || !isRecord(response) || !isRecord(response['content'])) continue;
    for (const [type, media] of Object.entries(response['content'])) {
      if (type === 'application/json' || (isRecord(media) && media['schema'] !== undefined))
        continue;
      response['content'][type] = { ...(isRecord(media) ? media : {}), schema: BINARY_SCHEMA };
    }
  }
}

/**
 * Completes the generated document: the success schemas of `success`; the error schema in
 * components; every failure answered
 * with the error body; and where they can happen, 401 (every route but the public ones), 403
 * (every route behind a session), 404 (a path naming a record), 409 (every write), 413 and 415
 * (every route taking a body).
 */
export function completeDocument<T extends { paths?: unknown; components?: unknown }>(
  doc: T,
  success: SuccessSchemas,
): T {
  const components = isRecord(doc.components) ? doc.components : {};
  const schemas = isRecord(components['schemas']) ? components['schemas'] : {};
  doc.components = {
    ...components,
    schemas: { ...schemas, ...success.schemas, Error: ERROR_SCHEMA },
  };
  const paths = isRecord(doc.paths) ? doc.paths : {};
  for (const [path, operations] of Object.entries(paths)) {
    if (!isRecord(operations)) continue;
    for (const method of METHODS) {
      const operation = operations[method];
      if (!isRecord(operation)) continue;
      const responses = isRecord(operation['responses']) ? operation['responses'] : {};
      operation['responses'] = responses;
      addSuccessSchemas(path, method, responses, success);
      const add = (status: string) => {
        responses[status] ??= { description: EDGE_STATUSES[status] ?? '' };
      };
      const isPublic = PUBLIC_PATHS.has(path);
      const parameters = operation['parameters'];
      const takesBody = operation['requestBody'] !== undefined;
      if (!isPublic) {
        add('401');
        add('403');
      }
      if (path.includes('{')) add('404');
      if (method !== 'get' && !isPublic) add('409');
      if (takesBody) {
        add('413');
        add('415');
      }
      if ((Array.isArray(parameters) && parameters.length > 0) || takesBody) add('400');
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) < 400) continue;
        const description = isRecord(response) ? response['description'] : undefined;
        responses[status] = errorResponse(
          typeof description === 'string' ? description : (EDGE_STATUSES[status] ?? ''),
        );
      }
    }
  }
  return doc;
}
