import { seedDemoCounty } from '@jyxc/db/seed';
import { createDb, databaseKind, type Db, type ExecutedQuery } from '@jyxc/db';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { freshDatabase } from '../../../test/support.js';
import { loadAdoptionsCrediting } from '../adoptions/service.js';
import {
  adoptionsCreditingDirect,
  submissionDetailRowDirect,
  unitItemTitlesDirect,
} from './detail-direct.js';
import { submissionDetailRow, unitItemTitles } from './repository.js';

/**
 * The direct detail reads against their specification, `submissionDetailRow` and
 * `unitItemTitles`, on the demo county (on PostgreSQL too when the tests run there): the
 * same rows in the same order, with the same values and types, for any item or unit.
 */
let db: Db;
let url: string;
let itemIds: string[];
let unitIds: string[];
/** Items some adoption credits, countered ones included. */
let creditedIds: string[];
/** Items whose sign-offs or attachments tie in time: drawn often, as their order rests on ids. */
let tiedIds: string[];

beforeAll(async () => {
  ({ db, url } = await freshDatabase());
  await seedDemoCounty(db, { now: new Date('2026-07-08T02:00:00Z') });
  itemIds = (await db.submission.findMany({ select: { id: true } })).map((s) => s.id);
  unitIds = (await db.unit.findMany({ select: { id: true } })).map((u) => u.id);
  creditedIds = [
    ...new Set(
      (await db.adoptionCredit.findMany({ select: { submissionId: true } })).map(
        (c) => c.submissionId,
      ),
    ),
  ];
  // Sign-offs of one item at the same instant: their order then rests on the id.
  const signed = await db.signOff.groupBy({
    by: ['submissionId'],
    _count: { _all: true },
    orderBy: { submissionId: 'asc' },
  });
  const twice = signed.filter((s) => s._count._all >= 2).slice(0, 5);
  await db.signOff.updateMany({
    where: { submissionId: { in: twice.map((s) => s.submissionId) } },
    data: { signedAt: new Date('2026-03-03T03:03:03.333Z') },
  });
  // Attachments of one item added at the same instant.
  const attached = await db.attachment.findMany({
    where: { submissionId: { not: null } },
    select: { submissionId: true },
    take: 10,
  });
  await db.attachment.updateMany({
    where: { submissionId: { in: attached.map((a) => a.submissionId ?? '') } },
    data: { createdAt: new Date('2026-03-04T04:04:04.444Z') },
  });
  // Events of one item at the same instant.
  const [eventful] = await db.submissionEvent.groupBy({
    by: ['submissionId'],
    _count: { _all: true },
    having: { submissionId: { _count: { gte: 3 } } },
    orderBy: { submissionId: 'asc' },
    take: 1,
  });
  if (eventful === undefined) throw new Error('no item of the demo county has three events');
  await db.submissionEvent.updateMany({
    where: { submissionId: eventful.submissionId },
    data: { at: new Date('2026-03-05T05:05:05.555Z') },
  });
  tiedIds = [
    ...twice.map((s) => s.submissionId),
    ...attached.map((a) => a.submissionId ?? ''),
    eventful.submissionId,
  ];
}, 120_000);
afterAll(async () => {
  await db.$disconnect();
});

describe('the direct detail reads', () => {
  it('give the rows of submissionDetailRow, in its order and with its values', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(...tiedIds), fc.constantFrom(...itemIds, 'no-such-item')),
        async (id) => {
          expect(await submissionDetailRowDirect(db, id)).toEqual(
            await submissionDetailRow(db, id),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('cover what the details need: history of every kind, attachments, ties', async () => {
    const rows = await Promise.all(itemIds.map((id) => submissionDetailRowDirect(db, id)));
    const all = rows.flatMap((row) => (row === null ? [] : [row]));
    expect(all).toHaveLength(itemIds.length);
    expect(all.some((row) => row.attachments.length > 1)).toBe(true);
    expect(all.some((row) => row.signOffs.some((s) => s.voidedAt instanceof Date))).toBe(true);
    expect(all.some((row) => row.qualityMark)).toBe(true);
    expect(all.some((row) => row.events.some((e) => e.kind === 'returned'))).toBe(true);
    // Every item of the demo county, not only the sampled ones.
    for (const [i, id] of itemIds.entries()) {
      expect(rows[i], id).toEqual(await submissionDetailRow(db, id));
    }
  });

  it('give each unit’s item titles as unitItemTitles does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...unitIds, 'no-such-unit'), async (unitId) => {
        expect(await unitItemTitlesDirect(db, unitId)).toEqual(await unitItemTitles(db, unitId));
      }),
      { numRuns: 60 },
    );
  });

  it('give the adoptions crediting an item as loadAdoptionsCrediting does', async () => {
    // The demo county has countered adoptions too: an item credited only by those has none.
    const countered = await db.adoption.findMany({
      where: { counteredAt: { not: null } },
      select: { credits: { select: { submissionId: true } } },
    });
    expect(countered.length).toBeGreaterThan(0);
    expect(creditedIds.length).toBeGreaterThan(0);
    const counteredIds = countered.flatMap((a) => a.credits.map((c) => c.submissionId));
    // Items of joint reports: an adoption crediting several items comes in several rows.
    const jointIds = (await db.adoption.findMany({ select: { credits: true } }))
      .filter((a) => a.credits.length > 1)
      .flatMap((a) => a.credits.map((c) => c.submissionId));
    expect(jointIds.length).toBeGreaterThan(0);
    // Two adoptions in force of one item published at the same instant: ordered by id.
    const [twiceAdopted] = await db.adoptionCredit.groupBy({
      by: ['submissionId'],
      where: { adoption: { counteredAt: null } },
      _count: { _all: true },
      having: { submissionId: { _count: { gte: 2 } } },
      orderBy: { submissionId: 'asc' },
      take: 1,
    });
    if (twiceAdopted === undefined) throw new Error('no item of the demo county is adopted twice');
    await db.adoption.updateMany({
      where: { credits: { some: { submissionId: twiceAdopted.submissionId } } },
      data: { publishedAt: new Date('2026-03-06T06:06:06.666Z') },
    });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constantFrom(...creditedIds),
          fc.constantFrom(...counteredIds),
          fc.constantFrom(...jointIds),
          fc.constant(twiceAdopted.submissionId),
          fc.constantFrom(...itemIds, 'no-such-item'),
        ),
        async (id) => {
          expect(await adoptionsCreditingDirect(db, id)).toEqual(
            await loadAdoptionsCrediting(db, [id]),
          );
        },
      ),
      { numRuns: 120 },
    );
  });

  it('read a missed detail in one statement on PostgreSQL and five on SQLite', async () => {
    const sent: ExecutedQuery[] = [];
    const counted = createDb(url, { onQuery: (query) => sent.push(query) });
    try {
      const id = itemIds[0] ?? '';
      await counted.$connect();
      sent.length = 0;
      expect(await submissionDetailRowDirect(counted, id)).toEqual(
        await submissionDetailRow(db, id),
      );
      expect(sent).toHaveLength(databaseKind(db) === 'postgresql' ? 1 : 5);
    } finally {
      await counted.$disconnect();
    }
  });
});
