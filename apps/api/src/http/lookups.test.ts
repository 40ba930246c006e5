import type { Db } from '@jyxc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiCaller,
  freshDatabase,
  smallCounty,
  testApp,
  type ApiCaller,
} from '../../test/support.js';

let db: Db;
let app: ReturnType<typeof testApp>;
let api: ApiCaller;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  await smallCounty(db);
  app = testApp(db);
  api = apiCaller(app, { base: '/api' });
});
afterAll(async () => {
  await db.$disconnect();
});

/** Names every plain object answers to, though nobody put them there. */
const INHERITED = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

interface OpenApi {
  paths: Record<
    string,
    Record<string, { parameters?: { name: string; in: string }[] } | undefined>
  >;
}

describe('a request naming a key', () => {
  it('finds no docs asset under a name objects inherit', async () => {
    for (const name of INHERITED) {
      const response = await app.request(`/api/docs/assets/${name}`);
      expect(response.status, name).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    }
    expect((await app.request('/api/docs/assets/swagger-ui.css')).status).toBe(200);
  });

  it('never gets a 500 from any GET route whose path or query names one', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as OpenApi;
    const failures: string[] = [];
    for (const [template, operations] of Object.entries(doc.paths)) {
      const get = operations['get'];
      if (get === undefined) continue;
      const queries = (get.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      for (const name of INHERITED) {
        const path = template.replace(/\{[^}]+\}/g, encodeURIComponent(name));
        const query = queries.map((q) => `${q}=${encodeURIComponent(name)}`).join('&');
        for (const url of [path, ...(query === '' ? [] : [`${path}?${query}`])]) {
          // Read raw: the export routes answer with a workbook, not JSON.
          const reply = await app.request(`/api${url}`, {
            headers: { cookie: await api.cookie('admin') },
          });
          await reply.arrayBuffer();
          if (reply.status >= 500) failures.push(`${url} → ${reply.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
