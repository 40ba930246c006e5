import { Writable } from 'node:stream';
import type { Db } from '@jyxc/db';
import { Hono } from 'hono';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, smallCounty, testClock } from '../../test/support.js';
import { createApp } from '../app.js';

let db: Db;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  // A county past its first run: an empty one answers every route with 503 (DESIGN §7).
  await smallCounty(db);
});
afterAll(async () => {
  await db.$disconnect();
});

/** An app whose log lines are kept, with one route that fails unexpectedly. */
function loggedApp() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) {
        if (line !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  const broken = new Hono().get('/', () => {
    throw new Error('the disk is on fire');
  });
  const app = createApp(
    { db, now: testClock().now, logger: pino({ level: 'info' }, sink) },
    { routes: [{ path: '/broken', routes: broken }] },
  );
  return { app, lines };
}

describe('request logging', () => {
  it('writes one line per request with method, path, status, duration and the request id', async () => {
    const { app, lines } = loggedApp();
    const response = await app.request('/api/auth/me');
    expect(response.status).toBe(401);
    const id = response.headers.get('x-request-id');
    const body = (await response.json()) as { error: { requestId: string } };
    expect(body.error.requestId).toBe(id);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      method: 'GET',
      path: '/api/auth/me',
      status: 401,
      reqId: id,
    });
    expect(lines[0]?.responseTime).toEqual(expect.any(Number));
    // Expected failures are answers, not faults: no stack is logged for them.
    expect(lines[0]).not.toHaveProperty('err');
  });

  it('logs an unexpected error once, with its stack, under the id the error body names', async () => {
    const { app, lines } = loggedApp();
    const response = await app.request('/broken');
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: { code: string; requestId: string } };
    expect(body.error.code).toBe('INTERNAL');
    expect(JSON.stringify(body)).not.toContain('the disk is on fire');
    expect(lines).toHaveLength(1);
    const line = lines[0] as {
      level: number;
      reqId: string;
      status: number;
      err: { stack: string };
    };
    expect(line.level).toBe(50);
    expect(line.status).toBe(500);
    expect(line.reqId).toBe(body.error.requestId);
    expect(line.err.stack).toContain('the disk is on fire');
  });
});
