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
let api: ApiCaller;
let app: ReturnType<typeof testApp>;
let townshipId: string;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  ({
    township: { id: townshipId },
  } = await smallCounty(db));
  app = testApp(db);
  api = apiCaller(app, { base: '/api' });
});
afterAll(async () => {
  await db.$disconnect();
});

interface Failure {
  error: { code: string; message: string; details: { issues?: { path: string }[] } };
}

describe('text a field cannot hold', () => {
  it('refuses a lone UTF-16 surrogate with 400, naming the field, and stores nothing', async () => {
    const before = await db.unit.findUniqueOrThrow({ where: { id: townshipId } });
    // JSON.stringify writes the lone half as the escape \ud800.
    const reply = await api.call<Failure>('admin', 'PATCH', `/units/${townshipId}`, {
      name: `城关镇\ud800中心校`,
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('VALIDATION');
    expect(reply.body.error.details.issues?.map((issue) => issue.path)).toEqual(['name']);
    expect(await db.unit.findUniqueOrThrow({ where: { id: townshipId } })).toEqual(before);
  });

  it('finds a lone surrogate deep in a body and in a key', async () => {
    const deep = await api.call<Failure>('admin', 'POST', '/people', {
      name: '张三',
      unitId: townshipId,
      username: 'zhang_san',
      password: 'Long-enough-pass-1',
      roles: ['officer'],
      phone: '\udc00',
    });
    expect(deep.status).toBe(400);
    expect(deep.body.error.details.issues?.[0]?.path).toBe('phone');
    expect(await db.person.count({ where: { username: 'zhang_san' } })).toBe(0);
  });

  it('keeps a well-formed pair (an emoji) as it is', async () => {
    const reply = await api.call<{ name: string }>('admin', 'PATCH', `/units/${townshipId}`, {
      name: '城关镇中心校🏫',
    });
    expect(reply.status).toBe(200);
    expect(reply.body.name).toBe('城关镇中心校🏫');
    await api.call('admin', 'PATCH', `/units/${townshipId}`, { name: '城关镇中心校' });
  });
});

describe('writes that are not JSON', () => {
  it('answers 415 to a PATCH sent as text, and changes nothing', async () => {
    const cookie = await api.cookie('admin');
    const before = await db.unit.findUniqueOrThrow({ where: { id: townshipId } });
    for (const [type, body] of [
      ['text/plain', JSON.stringify({ name: '改了' })],
      ['application/x-www-form-urlencoded', 'name=%E6%94%B9%E4%BA%86'],
      [
        'multipart/form-data; boundary=x',
        '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\n改了\r\n--x--\r\n',
      ],
    ] as const) {
      const response = await app.request(`/api/units/${townshipId}`, {
        method: 'PATCH',
        headers: { cookie, 'content-type': type, origin: 'http://localhost' },
        body,
      });
      expect(response.status, type).toBe(415);
      expect(((await response.json()) as Failure).error.code).toBe('REQUEST.NOT_JSON');
    }
    const bare = await app.request(`/api/units/${townshipId}`, {
      method: 'PATCH',
      headers: { cookie, origin: 'http://localhost' },
    });
    expect(bare.status).toBe(415);
    expect(await db.unit.findUniqueOrThrow({ where: { id: townshipId } })).toEqual(before);
  });
});

describe('numbers', () => {
  it('refuses a per-capita target of 1e308', async () => {
    const reply = await api.call<Failure>('admin', 'POST', '/campaigns', {
      year: 2026,
      name: '2027 年度报刊征订',
      deadline: '2026-11-30T18:00:00+08:00',
      perCapitaTarget: 1e308,
      publicFundCapFen: 0,
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.details.issues?.map((issue) => issue.path)).toEqual([
      'perCapitaTarget',
    ]);
    expect(await db.campaign.count()).toBe(0);
  });

  it('reads page numbers only in decimal digits', async () => {
    for (const page of ['0x10', '1e1', '0b1', ' 2', '', 'Infinity']) {
      const reply = await api.call<Failure>(
        'admin',
        'GET',
        `/people?page=${encodeURIComponent(page)}`,
      );
      expect(reply.status, page).toBe(400);
      expect(reply.body.error.details.issues?.[0]?.path).toBe('page');
    }
    expect((await api.call('admin', 'GET', '/people?page=2')).status).toBe(200);
  });
});

describe('search', () => {
  it('takes % and _ as the characters typed, not as wildcards', async () => {
    const search = async (q: string) =>
      (
        await api.call<{ items: { username: string }[] }>(
          'admin',
          'GET',
          `/people?q=${encodeURIComponent(q)}`,
        )
      ).body.items.map((person) => person.username);
    expect(await search('_')).toEqual(['cg_officer']);
    expect(await search('%')).toEqual([]);
    expect(await search('g_o')).toEqual(['cg_officer']);
    expect(await search('a%n')).toEqual([]);
  });
});
