/**
 * The outbox's reads and writes for the inbox and the administrators' delivery page: one
 * person's notifications, their read marks, and the messages no channel could deliver.
 */
import type { Db, Prisma } from '@jyxc/db';
import type { Tx } from '../../shared/context.js';
import type { Reader } from '../../shared/db.js';

/** Messages addressed to one person: their inbox, whatever the chat channels did. */
function inboxOf(personId: string, unreadOnly: boolean): Prisma.OutboxMessageWhereInput {
  return { audience: 'person', personId, ...(unreadOnly ? { readAt: null } : {}) };
}

export async function findInbox(
  db: Db,
  personId: string,
  options: { readonly unreadOnly: boolean; readonly skip: number; readonly take: number },
) {
  const where = inboxOf(personId, options.unreadOnly);
  const [rows, total, unread] = await Promise.all([
    db.outboxMessage.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: options.skip,
      take: options.take,
      select: { id: true, kind: true, facts: true, urgency: true, createdAt: true, readAt: true },
    }),
    db.outboxMessage.count({ where }),
    db.outboxMessage.count({ where: inboxOf(personId, true) }),
  ]);
  return { rows, total, unread };
}

export function countUnread(db: Db, personId: string): Promise<number> {
  return db.outboxMessage.count({ where: inboxOf(personId, true) });
}

/** Marks one of the person's messages read; answers whether it is theirs. */
export async function markOneRead(
  db: Db,
  personId: string,
  id: string,
  now: Date,
): Promise<boolean> {
  const mine = await db.outboxMessage.findFirst({
    where: { id, ...inboxOf(personId, false) },
    select: { id: true },
  });
  if (mine === null) return false;
  // Reading it twice keeps the first moment.
  await db.outboxMessage.updateMany({ where: { id, readAt: null }, data: { readAt: now } });
  return true;
}

export async function markAllRead(db: Db, personId: string, now: Date): Promise<number> {
  const result = await db.outboxMessage.updateMany({
    where: inboxOf(personId, true),
    data: { readAt: now },
  });
  return result.count;
}

export function findInboxMessage(db: Db, personId: string, id: string) {
  return db.outboxMessage.findFirst({
    where: { id, ...inboxOf(personId, false) },
    select: { id: true, kind: true, facts: true, urgency: true, createdAt: true, readAt: true },
  });
}

export async function saveLocale(db: Reader, personId: string, locale: string): Promise<void> {
  await db.person.update({ where: { id: personId }, data: { locale } });
}

/** Undelivered messages that a channel refused or could not reach, newest first. */
export async function findFailedDeliveries(
  db: Db,
  options: { readonly skip: number; readonly take: number },
) {
  const where: Prisma.OutboxMessageWhereInput = { deliveredAt: null, lastError: { not: null } };
  const [rows, total] = await Promise.all([
    db.outboxMessage.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: options.skip,
      take: options.take,
      include: { person: { select: { name: true, unit: { select: { name: true } } } } },
    }),
    db.outboxMessage.count({ where }),
  ]);
  const unitIds = [...new Set(rows.flatMap((r) => (r.unitId === null ? [] : [r.unitId])))];
  const units = await db.unit.findMany({
    where: { id: { in: unitIds } },
    select: { id: true, name: true },
  });
  return { rows, total, unitNames: new Map(units.map((u) => [u.id, u.name])) };
}

export function findMessageById(db: Db, id: string) {
  return db.outboxMessage.findUnique({ where: { id } });
}

/**
 * Gives a failed message a fresh start — due now, no attempts, no error, not leased — unless
 * it was delivered meanwhile or its error is `keep`; answers whether it did.
 */
export async function resetDelivery(tx: Tx, id: string, now: Date, keep: string): Promise<boolean> {
  const result = await tx.outboxMessage.updateMany({
    where: { id, deliveredAt: null, lastError: { not: null, notIn: [keep] } },
    data: { attempts: 0, lastError: null, lockedUntil: null, notBefore: now },
  });
  return result.count === 1;
}
