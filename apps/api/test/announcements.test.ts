/**
 * The check every route test runs (test/support.ts `testApp`): a request whose writes were not
 * announced to the read caches fails. Here the announcements are switched off, as a use case
 * that forgot them would behave, and the check must catch a plain write of each kind.
 */
import type { Db } from '@jyxc/db';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as SharedDb from '../src/shared/db.js';
import { apiCaller, freshDatabase, smallCounty, testApp } from './support.js';

vi.mock('../src/shared/db.js', async (importOriginal) => ({
  ...(await importOriginal<typeof SharedDb>()),
  // Nothing a transaction changed is recorded, so nothing is announced.
  changed: () => undefined,
}));

let db: Db;
let county: Awaited<ReturnType<typeof smallCounty>>;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  county = await smallCounty(db);
});
afterAll(async () => {
  await db.$disconnect();
});

describe('the check that every write is announced', () => {
  it('fails a request that wrote a table the read caches were not told of', async () => {
    const caller = apiCaller(testApp(db), { base: '/api' });
    await expect(
      caller.call('admin', 'POST', '/units', {
        name: '城关镇第四小学',
        kind: 'school',
        parentId: county.township.id,
        staffCount: 30,
      }),
    ).rejects.toThrow(/not told of:\nUnit: INSERT/);
  });

  it('lets reads, and writes of bookkeeping tables (a login), through', async () => {
    const caller = apiCaller(testApp(db), { base: '/api' });
    expect((await caller.call('admin', 'GET', '/units')).status).toBe(200);
  });
});
