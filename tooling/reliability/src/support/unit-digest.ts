import { createHash } from 'node:crypto';
import type { Db } from '@jyxc/db';

function hash(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)))
    .digest('hex');
}

/**
 * A digest of everything that belongs to the given units: the units, their people and roles,
 * submissions with every revision, sign-off, event, attachment and adoption credit, incidents
 * and their logs, adjustments, penalties, appeals, subscription records and targets, link
 * codes. A request refused for a foreign unit must leave it the same.
 */
export async function unitDigest(db: Db, unitIds: readonly string[]): Promise<string> {
  const inUnits = { in: [...unitIds] };
  const submissions = await db.submission.findMany({
    where: { unitId: inUnits },
    orderBy: { id: 'asc' },
    include: {
      revisions: { orderBy: { id: 'asc' } },
      signOffs: { orderBy: { id: 'asc' } },
      events: { orderBy: { id: 'asc' } },
      attachments: { orderBy: { id: 'asc' }, select: { id: true, sha256: true } },
      authors: { orderBy: { personId: 'asc' } },
      credits: { orderBy: { adoptionId: 'asc' } },
    },
  });
  const parts = {
    units: await db.unit.findMany({ where: { id: inUnits }, orderBy: { id: 'asc' } }),
    people: await db.person.findMany({
      where: { unitId: inUnits },
      orderBy: { id: 'asc' },
      include: { roles: { orderBy: { id: 'asc' } } },
    }),
    submissions,
    incidents: await db.incident.findMany({
      where: { unitId: inUnits },
      orderBy: { id: 'asc' },
      include: { log: { orderBy: { id: 'asc' } } },
    }),
    adjustments: await db.adjustment.findMany({
      where: { unitId: inUnits },
      orderBy: { id: 'asc' },
    }),
    penalties: await db.penalty.findMany({ where: { unitId: inUnits }, orderBy: { id: 'asc' } }),
    appeals: await db.appeal.findMany({ where: { unitId: inUnits }, orderBy: { id: 'asc' } }),
    records: await db.subscriptionRecord.findMany({
      where: { unitId: inUnits },
      orderBy: { id: 'asc' },
    }),
    targets: await db.campaignTarget.findMany({
      where: { unitId: inUnits },
      orderBy: { id: 'asc' },
    }),
    linkCodes: await db.linkCode.findMany({
      where: { OR: [{ unitId: inUnits }, { person: { unitId: inUnits } }] },
      orderBy: { id: 'asc' },
    }),
  };
  return hash(parts);
}
