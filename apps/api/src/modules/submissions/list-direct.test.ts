import { CATEGORIES, SUBMISSION_STATES } from '@jyxc/domain';
import { seedDemoCounty } from '@jyxc/db/seed';
import { createDb, directRead, type Db, type ExecutedQuery } from '@jyxc/db';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { freshDatabase } from '../../../test/support.js';
import type { UnitScope } from '../../shared/db.js';
import {
  countListedDirect,
  listIdsDirect,
  listRowsByIdsDirect,
  listRowsDirect,
  readListedCount,
  readListIds,
  readListRows,
} from './list-direct.js';
import { countListed, listRows, type SubmissionListFilter } from './repository.js';

/**
 * The direct list reads against their specification, `listRows` and `countListed`, on the
 * demo county (on PostgreSQL too when the tests run there): same rows, same order, same
 * values and types, same count, for any mix of the filters they read.
 */
let db: Db;
let unitIds: string[];

beforeAll(async () => {
  ({ db } = await freshDatabase());
  await seedDemoCounty(db, { now: new Date('2026-07-08T02:00:00Z') });
  unitIds = (await db.unit.findMany({ select: { id: true } })).map((u) => u.id);
  // Items created at the same instant in several units: the order then rests on the id.
  const tied = await db.submission.findMany({ select: { id: true }, take: 12, skip: 40 });
  await db.submission.updateMany({
    where: { id: { in: tied.map((t) => t.id) } },
    data: { createdAt: new Date('2026-03-03T03:03:03.333Z') },
  });
  // Some marked 精品, so that both values of the flag are compared.
  const marked = await db.submission.findMany({ select: { id: true }, take: 15, skip: 5 });
  await db.submission.updateMany({
    where: { id: { in: marked.map((m) => m.id) } },
    data: { qualityMark: true },
  });
}, 120_000);
afterAll(async () => {
  await db.$disconnect();
});

const filters = (): fc.Arbitrary<SubmissionListFilter> =>
  fc.record({
    scope: fc.oneof(
      fc.constant<UnitScope>({}),
      // The units a reader sees, now and then with one that does not exist.
      fc.tuple(fc.subarray(unitIds), fc.boolean()).map(([seen, unknown]): UnitScope => ({
        unitId: { in: unknown ? [...seen, 'no-such-unit'] : seen },
      })),
    ),
    unitId: fc.option(fc.constantFrom(...unitIds, 'no-such-unit'), { nil: undefined }),
    state: fc.option(fc.constantFrom(...SUBMISSION_STATES), { nil: undefined }),
    category: fc.option(fc.constantFrom(...CATEGORIES), { nil: undefined }),
  });

const pages = fc.record({ skip: fc.nat({ max: 400 }), take: fc.integer({ min: 1, max: 100 }) });

describe('the direct list reads', () => {
  it('give the rows of listRows, in its order and with its values', async () => {
    await fc.assert(
      fc.asyncProperty(filters(), pages, async (filter, page) => {
        const direct = await listRowsDirect(db, filter, page);
        expect(direct).toEqual(await listRows(db, { filter }, page));
      }),
      { numRuns: 150 },
    );
  });

  it('give the ids of listRows from its start, in its order', async () => {
    await fc.assert(
      fc.asyncProperty(filters(), fc.integer({ min: 1, max: 400 }), async (filter, take) => {
        const rows = await listRows(db, { filter }, { skip: 0, take });
        expect(await listIdsDirect(db, filter, take)).toEqual(rows.map((r) => r.id));
      }),
      { numRuns: 100 },
    );
  });

  it('give the rows of listRows by ids, in its order and with its values', async () => {
    const ids = (await db.submission.findMany({ select: { id: true } })).map((s) => s.id);
    await fc.assert(
      fc.asyncProperty(fc.subarray(ids, { maxLength: 40 }), fc.boolean(), async (some, unknown) => {
        const asked = unknown ? [...some, 'no-such-item'] : some;
        expect(await listRowsByIdsDirect(db, asked)).toEqual(
          await listRows(db, { ids: asked }, { skip: 0, take: 0 }),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('count what countListed counts', async () => {
    await fc.assert(
      fc.asyncProperty(filters(), async (filter) => {
        expect(await countListedDirect(db, filter)).toBe(await countListed(db, filter));
      }),
      { numRuns: 100 },
    );
  });

  it('read a whole list page by page without a gap or a repeat', async () => {
    const filter: SubmissionListFilter = { scope: {} };
    const total = await countListed(db, filter);
    const seen: string[] = [];
    for (let skip = 0; skip < total; skip += 7) {
      seen.push(...((await listRowsDirect(db, filter, { skip, take: 7 })) ?? []).map((r) => r.id));
    }
    expect(seen).toEqual(
      (await listRows(db, { filter }, { skip: 0, take: total })).map((r) => r.id),
    );
  });

  it('leave every other filter to listRows, with the same answer', async () => {
    const author = await db.submissionAuthor.findFirstOrThrow({ select: { personId: true } });
    const others: SubmissionListFilter[] = [
      { scope: {}, q: '安全' },
      { scope: {}, authorId: author.personId },
      {
        scope: {},
        period: {
          start: Date.parse('2026-01-01T00:00:00+08:00'),
          end: Date.parse('2026-07-01T00:00:00+08:00'),
        },
      },
      { scope: {}, awaiting: { unitReview: null, bureauReview: true } },
    ];
    for (const filter of others) {
      expect(await listRowsDirect(db, filter, { skip: 0, take: 20 })).toBeNull();
      expect(await countListedDirect(db, filter)).toBeNull();
      expect(await listIdsDirect(db, filter, 20)).toBeNull();
      expect(await readListIds(db, filter, 20)).toEqual(
        (await listRows(db, { filter }, { skip: 0, take: 20 })).map((r) => r.id),
      );
      expect(await readListRows(db, { filter }, { skip: 0, take: 20 })).toEqual(
        await listRows(db, { filter }, { skip: 0, take: 20 }),
      );
      expect(await readListedCount(db, filter)).toBe(await countListed(db, filter));
    }
  });
});

describe('a direct read', () => {
  it('is reported to the client’s query observer, and only a SELECT is run', async () => {
    const { url } = await freshDatabase();
    const seen: ExecutedQuery[] = [];
    const observed = createDb(url, { onQuery: (query) => seen.push(query) });
    try {
      // The client has not connected yet: the read connects it.
      expect(await listRowsDirect(observed, { scope: {} }, { skip: 0, take: 5 })).toEqual([]);
      expect(seen.map((q) => q.sql)).toEqual([
        expect.stringMatching(/^SELECT .* FROM "Submission" ORDER BY/),
      ]);
      await expect(directRead(observed, 'DELETE FROM "Submission"', [])).rejects.toThrow(/SELECT/);
    } finally {
      await observed.$disconnect();
    }
  });
});
