import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCounty } from '../../test/support.js';
import { ERROR_SCHEMA } from './openapi.js';

let county: Awaited<ReturnType<typeof demoCounty>>;

interface Operation {
  parameters?: { name: string; in: string; required?: boolean }[];
  responses: Record<
    string,
    { content?: Record<string, { schema?: Record<string, unknown> }> } | undefined
  >;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

let doc: Document;

beforeAll(async () => {
  county = await demoCounty();
  doc = (await (await county.app.request('/api/openapi.json')).json()) as Document;
});
afterAll(async () => {
  await county.db.$disconnect();
});

/** Hono's `/units/:id` as OpenAPI writes it: `/units/{id}`. */
function openApiPath(path: string): string {
  return path.replace(/^\/api/, '').replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    // The validator changes what it is given: a copy.
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  });

  it('documents every route the API serves', () => {
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
      ),
    );
    const served = county.app.routes
      .filter((route) => route.method !== 'ALL' && route.path.startsWith('/api/'))
      .map((route) => `${route.method} ${openApiPath(route.path)}`)
      // The document and its page describe the API; they are not part of it.
      .filter((route) => !/ \/(openapi\.json|docs)/.test(route));
    const missing = [...new Set(served)].filter((route) => !documented.has(route));
    expect(missing).toEqual([]);
    for (const route of ['GET /health', 'GET /auth/me', 'POST /auth/logout', 'POST /auth/login'])
      expect(documented.has(route), route).toBe(true);
  });

  it('documents the real error body for every failure, and the edge statuses where they happen', async () => {
    expect(doc.components.schemas['Error']).toEqual(ERROR_SCHEMA);
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (Number(status) < 400) continue;
          expect(
            response?.content?.['application/json']?.schema,
            `${method} ${path} ${status}`,
          ).toEqual({ $ref: '#/components/schemas/Error' });
        }
      }
    }
    const statuses = (path: string, method: string) =>
      Object.keys(doc.paths[path]?.[method]?.responses ?? {});
    expect(statuses('/units/{id}', 'patch')).toEqual(
      expect.arrayContaining(['400', '401', '403', '404', '409', '413', '415']),
    );
    expect(statuses('/auth/login', 'post')).toEqual(expect.arrayContaining(['413', '415', '429']));
    expect(statuses('/auth/login', 'post')).not.toContain('403');
    expect(statuses('/bulletins/{id}/export.docx', 'get')).toContain('429');

    // The answer of a real failure is what the document says.
    const ajv = new Ajv2020({ strict: false });
    const validateError = ajv.compile(ERROR_SCHEMA);
    for (const response of [
      await county.app.request('/api/units'),
      await county.app.request('/api/nope'),
    ]) {
      const body: unknown = await response.json();
      expect(validateError(body), JSON.stringify(validateError.errors)).toBe(true);
    }
  });

  it('describes every GET answer of the demo county that it gives a schema for', async () => {
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema({ $id: 'doc', components: doc.components });
    const checked: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      const get = operations['get'];
      if (get === undefined || path.includes('{')) continue;
      if ((get.parameters ?? []).some((p) => p.required === true)) continue;
      const schema = get.responses['200']?.content?.['application/json']?.schema;
      if (schema === undefined) continue;
      const username = path.startsWith('/bot/') ? null : 'admin';
      if (username === null) continue;
      const reply = await county.as('admin');
      const response = await county.app.request(`/api${path}`, { headers: { cookie: reply } });
      expect(response.status, path).toBe(200);
      const validate = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/', '"doc#/')));
      const body: unknown = await response.json();
      expect(validate(body), `${path}: ${JSON.stringify(validate.errors)}`).toBe(true);
      checked.push(path);
    }
    expect(checked).toEqual(expect.arrayContaining(['/health', '/auth/me']));
  });

  it('tells browsers not to keep answers given to a signed-in person', async () => {
    const cookie = await county.as('admin');
    for (const path of ['/api/auth/me', '/api/units', '/api/dashboard']) {
      const response = await county.app.request(path, { headers: { cookie } });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control'), path).toBe('no-store');
    }
  });
});
