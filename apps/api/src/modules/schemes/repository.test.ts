import type { Db } from '@jyxc/db';
import { defaultScheme } from '@jyxc/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, smallCounty, writeFixture } from '../../../test/support.js';
import { schemeAt } from './repository.js';

let db: Db;
let adminId: string;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  adminId = (await smallCounty(db)).admin.id;
});
afterAll(async () => {
  await db.$disconnect();
});

const midYear = Date.parse('2026-06-01T00:00:00Z');

describe('schemes reused across requests', () => {
  it('serves a year nobody configured with the defaults, and a saved scheme as soon as it is saved', async () => {
    expect((await schemeAt(db, midYear)).version).toBe(defaultScheme(2026).version);
    const saved = { ...defaultScheme(2026), version: 7 };
    await writeFixture(db, ['Scheme'], (tx) =>
      tx.scheme.create({
        data: { year: 2026, version: 7, document: JSON.stringify(saved), updatedById: adminId },
      }),
    );
    expect((await schemeAt(db, midYear)).version).toBe(7);
  });

  it('reads through a transaction what the transaction wrote, never a cached scheme', async () => {
    await writeFixture(db, ['Scheme'], async (tx) => {
      const saved = { ...defaultScheme(2026), version: 8 };
      await tx.scheme.update({
        where: { year: 2026 },
        data: { version: 8, document: JSON.stringify(saved) },
      });
      expect((await schemeAt(tx, midYear)).version).toBe(8);
    });
    expect((await schemeAt(db, midYear)).version).toBe(8);
  });

  it('keeps one cache per database, so another database never sees these entries', async () => {
    const other = await freshDatabase();
    try {
      expect((await schemeAt(other.db, midYear)).version).toBe(defaultScheme(2026).version);
    } finally {
      await other.db.$disconnect();
    }
  });
});

describe('schemes stored before the scheme held every number', () => {
  it('load with the default deadlines, reminders, campaign numbers and the shipped calendar', async () => {
    const { incidentDeadlineHours, reminders, campaign, calendar, ...older } = defaultScheme(2027);
    await db.scheme.create({
      data: { year: 2027, version: 1, document: JSON.stringify(older), updatedById: adminId },
    });
    const loaded = await schemeAt(db, Date.parse('2027-03-01T00:00:00Z'));
    expect(loaded).toEqual(defaultScheme(2027));
    expect([incidentDeadlineHours, reminders, campaign, calendar]).toEqual([
      loaded.incidentDeadlineHours,
      loaded.reminders,
      loaded.campaign,
      loaded.calendar,
    ]);
  });
});
