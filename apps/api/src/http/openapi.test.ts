import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCounty } from '../../test/support.js';
import { createApp } from '../app.js';
import { ERROR_SCHEMA } from './openapi.js';

const BOT_TOKEN = 'openapi-test-bot-token-0123456789';

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

  it('gives every success answer of every route a schema', () => {
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const success = Object.entries(operation.responses).filter(([status]) => +status < 300);
        const described = success.filter(([, response]) => {
          const media = Object.values(response?.content ?? {});
          return media.length > 0 && media.every((m) => m.schema !== undefined);
        });
        if (success.length === 0 || described.length < success.length)
          missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('describes every GET answer of the demo county, records named in the path included', async () => {
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema({ $id: 'doc', components: doc.components });
    const first = async (rows: Promise<{ id: string } | null>) => (await rows)?.id ?? '';
    const submission = await county.db.submission.findFirstOrThrow({
      where: { revisions: { some: { number: 2 } } },
      select: { id: true },
    });
    const bot = createApp({ db: county.db, now: county.clock.now, botToken: BOT_TOKEN });
    const link = await county.db.chatIdentity.create({
      data: {
        channel: 'telegram',
        externalId: '424242',
        personId: (await county.db.person.findFirstOrThrow({ where: { username: 'admin' } })).id,
      },
    });
    const saved = await bot.request('/api/bot/sessions/chat-1', {
      method: 'PUT',
      headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ value: { step: 'title', draft: { title: '春季运动会' } } }),
    });
    expect(saved.status).toBe(200);
    const bulletin = await county.call<{ id: string }>('admin', 'POST', '/bulletins', {
      period: '2026-H1',
    });
    expect(bulletin.status).toBe(200);
    // A real record for every name a path takes.
    const values: Record<string, string> = {
      '/units/{id}': await first(county.db.unit.findFirst({ where: { kind: 'school' } })),
      '/people/{id}': await first(county.db.person.findFirst()),
      '/submissions/{id}': submission.id,
      '/bulletins/{id}': bulletin.body.id,
      '/campaigns/{id}': await first(county.db.campaign.findFirst()),
      '/incidents/{id}': await first(county.db.incident.findFirst()),
      '/evaluation/units/{unitId}': await first(
        county.db.unit.findFirst({ where: { kind: 'township_center' } }),
      ),
      '/schemes/{year}': '2026',
      '/years/{year}': '2026',
      '/bot/accounts/{telegramUserId}': link.externalId,
      '/bot/sessions/{key}': 'chat-1',
    };
    const queries: Record<string, string> = {
      '/submissions/{id}/diff': '?from=1&to=2',
      '/bot/resolve': `?telegramUserId=${link.externalId}`,
    };
    // Paths naming more than one record, filled in whole.
    const whole: Record<string, string> = {
      '/bot/accounts/{channel}/{externalId}': `/bot/accounts/${link.channel}/${link.externalId}`,
    };
    const cookie = await county.as('admin');
    const checked: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      const schema = operations['get']?.responses['200']?.content?.['application/json']?.schema;
      // Answers only until the first administrator exists; a seeded county has one.
      if (schema === undefined || path === '/setup') continue;
      const url =
        whole[path] ??
        path.replace(/^(.*?\{[A-Za-z]+\})/, (head: string) => {
          const value = values[head];
          if (value === undefined || value === '') throw new Error(`no record for ${head}`);
          return head.replace(/\{[A-Za-z]+\}$/, value);
        });
      const response = path.startsWith('/bot/')
        ? await bot.request(`/api${url}${queries[path] ?? ''}`, {
            headers: { authorization: `Bearer ${BOT_TOKEN}`, 'x-telegram-user': '424242' },
          })
        : await county.app.request(`/api${url}${queries[path] ?? ''}`, { headers: { cookie } });
      const body: unknown = await response.json();
      expect(response.status, `${path}: ${JSON.stringify(body)}`).toBe(200);
      const validate = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/', '"doc#/')));
      expect(validate(body), `${path}: ${JSON.stringify(validate.errors)}`).toBe(true);
      checked.push(path);
    }
    const gets = Object.entries(doc.paths).filter(([, operations]) => 'get' in operations);
    const files = gets.filter(([path]) => /export|template|screenshot|attachments\//.test(path));
    expect(checked.length).toBe(gets.length - files.length - 1);
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
