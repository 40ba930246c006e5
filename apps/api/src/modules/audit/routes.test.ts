import type { Db } from '@jyxc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiCaller,
  apiCaller,
  freshDatabase,
  testApp,
  testClock,
  workflowCounty,
} from '../../../test/support.js';

type County = Awaited<ReturnType<typeof workflowCounty>>;

interface Entry {
  id: string;
  at: string;
  action: string;
  entity: string;
  entityId: string | null;
  actor: { id: string } | null;
  actorKind: string;
  unit: { id: string; name: string | null } | null;
  before: unknown;
  after: unknown;
}
interface Page {
  items: Entry[];
  total: number;
  page: number;
  pageSize: number;
}

const HOUR = 3_600_000;

let db: Db;
let county: County;
const clock = testClock();
let app: ReturnType<typeof testApp>;
let caller: ApiCaller;
let startedAt: Date;

function call<T>(username: string, method: string, path: string, body?: unknown) {
  return caller.call<T>(username, method, path, body);
}

beforeAll(async () => {
  ({ db } = await freshDatabase());
  county = await workflowCounty(db);
  app = testApp(db, clock);
  caller = apiCaller(app, { base: '/api' });
  startedAt = clock.now();
  // A few changes an hour apart, by the administrator.
  await call('admin', 'PATCH', `/units/${county.schoolA.id}`, { staffCount: 41 });
  clock.advance(HOUR);
  await call('admin', 'PATCH', `/units/${county.ng.id}`, { staffCount: 81 });
  clock.advance(HOUR);
  await call('admin', 'PATCH', `/people/${county.ngOfficer.id}`, { phone: '13800000000' });
  clock.advance(HOUR);
  await call('cg_officer', 'POST', '/link-codes', { kind: 'person' });
});
afterAll(async () => {
  await db.$disconnect();
});

describe('reading the audit log', () => {
  it('lists entries newest first, with the before and after of each change', async () => {
    const { status, body } = await call<Page>('admin', 'GET', '/audit?action=unit.');
    expect(status).toBe(200);
    expect(body.items.map((e) => e.entityId)).toEqual([county.ng.id, county.schoolA.id]);
    const first = body.items[1];
    expect(first?.before).toMatchObject({ staffCount: 40 });
    expect(first?.after).toMatchObject({ staffCount: 41 });
    expect(first?.actor?.id).toBe(county.admin.id);
    expect(first?.unit).toEqual({ id: county.schoolA.id, name: '城关镇第一小学' });
  });

  it('filters by actor, entity, entity id, unit, action and time range', async () => {
    const byActor = await call<Page>('admin', 'GET', `/audit?actorId=${county.officer.id}`);
    expect(byActor.body.items.map((e) => e.action)).toEqual(['linkCode.issue', 'auth.login']);
    const byEntity = await call<Page>('admin', 'GET', '/audit?entity=Person');
    expect(byEntity.body.items.map((e) => e.entityId)).toEqual([county.ngOfficer.id]);
    const byId = await call<Page>('admin', 'GET', `/audit?entity=Unit&entityId=${county.ng.id}`);
    expect(byId.body.total).toBe(1);
    const byUnit = await call<Page>('admin', 'GET', `/audit?unitId=${county.ng.id}`);
    expect(byUnit.body.items.map((e) => e.entity).sort()).toEqual(['Person', 'Unit']);
    const from = new Date(startedAt.getTime() + 30 * 60_000).toISOString();
    const to = new Date(startedAt.getTime() + 2.5 * HOUR).toISOString();
    const range = await call<Page>('admin', 'GET', `/audit?from=${from}&to=${to}`);
    expect(range.body.items.map((e) => e.action)).toEqual(['person.update', 'unit.update']);
  });

  it('pages the entries', async () => {
    const all = await call<Page>('admin', 'GET', '/audit');
    const page = await call<Page>('admin', 'GET', '/audit?pageSize=2&page=2');
    expect(page.body).toMatchObject({ total: all.body.total, page: 2, pageSize: 2 });
    expect(page.body.items.map((e) => e.id)).toEqual(all.body.items.slice(2, 4).map((e) => e.id));
  });

  it('is for administrators only', async () => {
    for (const username of ['reviewer', 'cg_head', 'cg_officer', 'school_officer']) {
      const response = await call<{ error: { code: string } }>(username, 'GET', '/audit');
      expect(response.status).toBe(403);
    }
  });

  it('offers no way to change or remove an entry', async () => {
    const entry = await db.auditLog.findFirstOrThrow();
    const count = await db.auditLog.count();
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
      expect((await call('admin', method, `/audit/${entry.id}`, {})).status).toBe(404);
    }
    expect((await call('admin', 'DELETE', '/audit', {})).status).toBe(404);
    const unchanged = await db.auditLog.findUniqueOrThrow({ where: { id: entry.id } });
    expect(unchanged).toEqual(entry);
    expect(await db.auditLog.count()).toBeGreaterThanOrEqual(count);
  });

  it('answers bad filters with 400', async () => {
    expect((await call('admin', 'GET', '/audit?from=yesterday')).status).toBe(400);
    const later = new Date(startedAt.getTime() + HOUR).toISOString();
    expect(
      (await call('admin', 'GET', `/audit?from=${later}&to=${startedAt.toISOString()}`)).status,
    ).toBe(400);
    expect((await call('admin', 'GET', '/audit?pageSize=0')).status).toBe(400);
    expect((await call('admin', 'GET', '/audit?actorKind=robot')).status).toBe(400);
  });
});

describe('bad input anywhere in this area', () => {
  const garbage: unknown[] = [
    null,
    [],
    'text',
    42,
    {},
    { id: { $ne: 1 } },
    { unitId: ['a'], copies: '3', kind: 7 },
    { name: 'x'.repeat(20_000) },
  ];

  it('never answers 500 and always uses the uniform error body', async () => {
    const incident = await db.incident.findFirst();
    const ids = {
      unit: county.schoolA.id,
      person: county.ngOfficer.id,
      incident: incident?.id ?? 'none',
      campaign: 'none',
    };
    const writes: [string, string][] = [
      ['POST', '/units'],
      ['PATCH', `/units/${ids.unit}`],
      ['POST', '/people'],
      ['PATCH', `/people/${ids.person}`],
      ['POST', `/people/${ids.person}/reset-password`],
      ['POST', '/people/me/password'],
      ['POST', '/link-codes'],
      ['POST', '/incidents'],
      ['POST', `/incidents/${ids.incident}/transitions`],
      ['POST', '/campaigns'],
      ['PATCH', `/campaigns/${ids.campaign}`],
      ['POST', `/campaigns/${ids.campaign}/periodicals`],
      ['PATCH', `/campaigns/${ids.campaign}/periodicals/x`],
      ['PUT', `/campaigns/${ids.campaign}/targets`],
      ['POST', `/campaigns/${ids.campaign}/records`],
      ['PUT', `/campaigns/${ids.campaign}/assignments`],
    ];
    for (const [method, path] of writes) {
      for (const body of garbage) {
        const response = await call<{ error?: { code: string } }>('admin', method, path, body);
        if (response.status === 200 || response.status === 201) continue;
        expect(
          response.status,
          `${method} ${path} ${JSON.stringify(body).slice(0, 40)}`,
        ).toBeLessThan(500);
        expect(response.body.error?.code).toEqual(expect.any(String));
      }
    }
    const reads = [
      '/units',
      '/people',
      '/gaps',
      '/link-codes',
      '/incidents',
      '/incidents/overdue',
      '/campaigns',
      '/audit',
    ];
    for (const path of reads) {
      for (const query of [
        '?page=-1',
        '?pageSize=abc',
        '?unitId=',
        '?state=x&severity=y&overdue=maybe',
        '?from=2026-13-45',
      ]) {
        const response = await call<unknown>('admin', 'GET', `${path}${query}`);
        expect(response.status, `${path}${query}`).toBeLessThan(500);
      }
    }
  });

  it('lists every route of this area in the OpenAPI document', async () => {
    const response = await app.request('/api/openapi.json');
    expect(response.status, await response.clone().text()).toBe(200);
    const document = (await response.json()) as {
      paths: Record<string, Record<string, { summary?: string }>>;
    };
    for (const path of [
      '/units',
      '/units/{id}',
      '/gaps',
      '/people',
      '/people/{id}',
      '/people/me/password',
      '/people/{id}/reset-password',
      '/link-codes',
      '/link-codes/{id}',
      '/incidents',
      '/incidents/overdue',
      '/incidents/{id}',
      '/incidents/{id}/transitions',
      '/campaigns',
      '/campaigns/{id}',
      '/campaigns/{id}/periodicals',
      '/campaigns/{id}/periodicals/{periodicalId}',
      '/campaigns/{id}/targets',
      '/campaigns/{id}/records',
      '/campaigns/{id}/assignments',
      '/audit',
    ]) {
      const operations = document.paths[path];
      expect(operations, path).toBeDefined();
      for (const operation of Object.values(operations ?? {}))
        expect(operation.summary).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(Object.keys(document.paths['/audit'] ?? {})).toEqual(['get']);
  });
});
