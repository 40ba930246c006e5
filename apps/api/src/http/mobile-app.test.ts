import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '@jyxc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, testClock } from '../../test/support.js';
import { createApp } from '../app.js';

let db: Db;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  const mobile = mkdtempSync(join(tmpdir(), 'jyxc-mobile-dist-'));
  mkdirSync(join(mobile, 'assets'));
  writeFileSync(join(mobile, 'index.html'), '<!doctype html><title>手机版</title>');
  writeFileSync(join(mobile, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(mobile, 'sw.js'), 'self.addEventListener("fetch", () => {})');
  app = createApp({ db, now: testClock().now, mobileDist: mobile });
});
afterAll(async () => {
  await db.$disconnect();
});

describe('the phone app at /m/ (DESIGN §7)', () => {
  it('/m goes to /m/, which serves the app page', async () => {
    const bare = await app.request('/m');
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/m/');
    const page = await app.request('/m/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('手机版');
  });

  it('every route of the app (/m/items/42) loads the same page, asked again each time', async () => {
    const page = await app.request('/m/items/42');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('手机版');
    expect(page.headers.get('cache-control')).toBe('no-cache');
  });

  it('hashed assets are kept for good; the service worker is asked again', async () => {
    const asset = await app.request('/m/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const gone = await app.request('/m/assets/index-old999.js');
    expect(gone.status).toBe(404);
    expect(gone.headers.get('cache-control')).toBe('no-cache');
    const worker = await app.request('/m/sw.js');
    expect(worker.status).toBe(200);
    expect(worker.headers.get('cache-control')).toBe('no-cache');
  });

  it('the API answers beside it as before', async () => {
    const health = await app.request('/api/health');
    expect(health.status).toBe(200);
    const unknown = await app.request('/api/nothing-here');
    expect(unknown.headers.get('content-type')).toContain('application/json');
  });
});
