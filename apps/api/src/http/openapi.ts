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
 * Completes the generated document: the error schema in components; every failure answered
 * with the error body; and where they can happen, 401 (every route but the public ones), 403
 * (every route behind a session), 404 (a path naming a record), 409 (every write), 413 and 415
 * (every route taking a body).
 */
export function completeDocument<T extends { paths?: unknown; components?: unknown }>(doc: T): T {
  const components = isRecord(doc.components) ? doc.components : {};
  const schemas = isRecord(components['schemas']) ? components['schemas'] : {};
  doc.components = { ...components, schemas: { ...schemas, Error: ERROR_SCHEMA } };
  const paths = isRecord(doc.paths) ? doc.paths : {};
  for (const [path, operations] of Object.entries(paths)) {
    if (!isRecord(operations)) continue;
    for (const method of METHODS) {
      const operation = operations[method];
      if (!isRecord(operation)) continue;
      const responses = isRecord(operation['responses']) ? operation['responses'] : {};
      operation['responses'] = responses;
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
