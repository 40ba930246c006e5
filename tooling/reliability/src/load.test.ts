import { DEMO_PASSWORD } from '@jyxc/db/seed';
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiProcess, type ApiProcess } from './support/api-process.js';
import { prng } from './support/client.js';
import { freshDatabase } from './support/database.js';
import { recordPart } from './support/results.js';

const USERS = 200;
const SECONDS = 60;
const random = prng(200);

type Kind = 'officer' | 'reviewer' | 'admin';
/** A county's day: mostly unit officers, some bureau reviewers, a few administrators. */
const MIX: readonly { kind: Kind; share: number; accounts: readonly string[] }[] = [
  {
    kind: 'officer',
    share: 0.7,
    accounts: ['cg_xxy', 'cg01_xxy', 'yg_xxy', 'cg_fg', 'cg_head', 'yg_head'],
  },
  { kind: 'reviewer', share: 0.25, accounts: ['shenhe', 'shenhe2', 'shenhe3', 'lingdao'] },
  { kind: 'admin', share: 0.05, accounts: ['admin'] },
];

function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('nothing to pick from');
  return item;
}

/** The requests of one step of a user of each kind: the console's pages and the officer's drafts. */
function nextRequest(
  kind: Kind,
  n: number,
): { method: 'GET' | 'POST'; path: string; body?: string } {
  const r = random();
  if (kind === 'officer') {
    if (r < 0.35) return { method: 'GET', path: '/api/submissions?author=me&pageSize=20' };
    if (r < 0.55) return { method: 'GET', path: '/api/submissions?pageSize=20' };
    if (r < 0.7) return { method: 'GET', path: '/api/auth/me' };
    if (r < 0.8) return { method: 'GET', path: '/api/incidents' };
    if (r < 0.9) return { method: 'GET', path: '/api/dashboard' };
    return {
      method: 'POST',
      path: '/api/submissions',
      body: JSON.stringify({
        title: `负载测试稿件 ${n}`,
        body: '并发用户撰写的草稿。',
        category: 'news',
        eventAt: new Date().toISOString(),
      }),
    };
  }
  if (kind === 'reviewer') {
    if (r < 0.4) return { method: 'GET', path: '/api/submissions?state=bureau_review&pageSize=20' };
    if (r < 0.6) return { method: 'GET', path: '/api/adoptions?pageSize=20' };
    if (r < 0.8) return { method: 'GET', path: '/api/evaluation/officers?period=2026-H1' };
    return { method: 'GET', path: '/api/evaluation?period=2026-H1' };
  }
  if (r < 0.4) return { method: 'GET', path: '/api/people?pageSize=50' };
  if (r < 0.7) return { method: 'GET', path: '/api/units' };
  return { method: 'GET', path: '/api/audit?pageSize=50' };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

describe('load: 200 concurrent users for 60 seconds on SQLite', () => {
  let api: ApiProcess;
  let pool: Pool;
  const latencies: number[] = [];
  const errors: string[] = [];
  let held = 'not run';

  beforeAll(async () => {
    const { url } = await freshDatabase();
    api = await apiProcess(url);
    pool = new Pool(api.url, { connections: USERS, pipelining: 1 });
  });
  afterAll(async () => {
    await pool?.close();
    await api?.stop();
    recordPart('load', {
      scope: `${USERS} users × ${SECONDS} s`,
      loadHeld: held,
      checks: latencies.length,
      unexpectedResponses: errors.length,
    });
  });

  it('answers every request without an error and reports p99', async () => {
    const origin = new URL(api.url).origin;
    const cookies = new Map<string, string>();
    for (const group of MIX) {
      for (const username of group.accounts) {
        const { statusCode, headers, body } = await pool.request({
          method: 'POST',
          path: '/api/auth/login',
          headers: { 'content-type': 'application/json', origin },
          body: JSON.stringify({ username, password: DEMO_PASSWORD }),
        });
        await body.dump();
        expect(statusCode).toBe(200);
        const setCookie = headers['set-cookie'];
        const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
        cookies.set(username, first?.split(';')[0] ?? '');
      }
    }
    const users = Array.from({ length: USERS }, (_, i) => {
      let r = (i + 0.5) / USERS;
      const group = MIX.find((g) => (r -= g.share) < 0) ?? MIX[0];
      if (!group) throw new Error('no mix');
      return { kind: group.kind, cookie: cookies.get(pick(group.accounts)) ?? '' };
    });
    const end = Date.now() + SECONDS * 1000;
    let n = 0;
    await Promise.all(
      users.map(async (user) => {
        // Users arrive over the first seconds rather than in one instant.
        await new Promise((wait) => setTimeout(wait, random() * 5_000));
        while (Date.now() < end) {
          const request = nextRequest(user.kind, (n += 1));
          const started = performance.now();
          try {
            const { statusCode, body } = await pool.request({
              method: request.method,
              path: request.path,
              headers: {
                cookie: user.cookie,
                origin,
                ...(request.body ? { 'content-type': 'application/json' } : {}),
              },
              ...(request.body ? { body: request.body } : {}),
            });
            await body.dump();
            latencies.push(performance.now() - started);
            if (statusCode >= 400) errors.push(`${request.method} ${request.path} → ${statusCode}`);
          } catch (error) {
            errors.push(`${request.method} ${request.path} → ${String(error)}`);
          }
          // A person reads the page before the next click: a few seconds, as people do.
          await new Promise((wait) => setTimeout(wait, 2_000 + random() * 6_000));
        }
      }),
    );
    const sorted = [...latencies].sort((a, b) => a - b);
    const rate = Math.round(latencies.length / SECONDS);
    held = `${USERS} users, ${rate} req/s, p50 ${Math.round(percentile(sorted, 50))} ms, p99 ${Math.round(percentile(sorted, 99))} ms`;
    console.log(`load: ${latencies.length} requests, ${held}, ${errors.length} errors`);
    expect(errors.slice(0, 20)).toEqual([]);
    expect(latencies.length).toBeGreaterThan(USERS * 5);
  });
});
