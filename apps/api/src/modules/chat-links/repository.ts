/**
 * Chat bindings as an administrator reviews them (DESIGN §4–§5): the linked chat accounts and
 * the bound group chats, with when each was last active.
 */
import type { Db, Prisma } from '@jyxc/db';
import type { Tx } from '../../shared/context.js';
import { announceAudited, type AuditEntity } from '../../shared/audit.js';

export interface AccountBinding {
  readonly id: string;
  /** The chat channel (`telegram`, `wecom`…, DESIGN §4). */
  readonly channel: string;
  readonly externalId: string;
  readonly handle: string | null;
  readonly person: { readonly id: string; readonly name: string; readonly username: string };
  readonly unit: { readonly id: string; readonly name: string };
  readonly linkedAt: Date;
  /** The last thing the person did through the chat (an audited act), or null. */
  readonly lastSeenAt: Date | null;
}

export interface GroupBinding {
  readonly id: string;
  readonly channel: string;
  readonly chatId: string;
  readonly title: string | null;
  readonly unit: { readonly id: string; readonly name: string };
  readonly linkedBy: { readonly id: string; readonly name: string } | null;
  readonly linkedAt: Date;
  /** The last quick report posted from the group, or null. */
  readonly lastSeenAt: Date | null;
  /** When the bot was removed from the group (DESIGN §5); null while the binding is active. */
  readonly removedAt: Date | null;
}

export async function accountBindings(db: Db): Promise<AccountBinding[]> {
  const rows = await db.chatIdentity.findMany({
    include: {
      person: {
        select: {
          id: true,
          name: true,
          username: true,
          unit: { select: { id: true, name: true } },
        },
      },
    },
    orderBy: [{ linkedAt: 'desc' }, { id: 'asc' }],
  });
  const seen = await db.auditLog.groupBy({
    by: ['actorId'],
    where: { actorKind: 'bot', actorId: { in: rows.map((r) => r.personId) } },
    _max: { at: true },
  });
  const lastSeen = new Map(seen.map((s) => [s.actorId, s._max.at]));
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    externalId: r.externalId,
    handle: r.handle,
    person: { id: r.person.id, name: r.person.name, username: r.person.username },
    unit: r.person.unit,
    linkedAt: r.linkedAt,
    lastSeenAt: lastSeen.get(r.personId) ?? null,
  }));
}

export async function groupBindings(db: Db): Promise<GroupBinding[]> {
  const rows = await db.chatGroup.findMany({
    include: {
      unit: { select: { id: true, name: true } },
      linkedBy: { select: { id: true, name: true } },
    },
    orderBy: [{ linkedAt: 'desc' }, { id: 'asc' }],
  });
  const seen = await db.submission.groupBy({
    by: ['sourceChatId'],
    where: { sourceChatId: { in: rows.map((r) => r.chatId) } },
    _max: { createdAt: true },
  });
  const lastSeen = new Map(seen.map((s) => [s.sourceChatId, s._max.createdAt]));
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    chatId: r.chatId,
    title: r.title,
    unit: r.unit,
    linkedBy: r.linkedBy,
    linkedAt: r.linkedAt,
    lastSeenAt: lastSeen.get(r.chatId) ?? null,
    removedAt: r.removedAt,
  }));
}

const accountWithPerson = {
  person: { select: { id: true, name: true, unitId: true } },
} as const satisfies Prisma.ChatIdentityInclude;

const groupWithUnit = {
  unit: { select: { id: true, name: true } },
} as const satisfies Prisma.ChatGroupInclude;

export function findAccount(
  db: Db | Tx,
  id: string,
): Promise<Prisma.ChatIdentityGetPayload<{ include: typeof accountWithPerson }> | null> {
  return db.chatIdentity.findUnique({ where: { id }, include: accountWithPerson });
}

export function findGroup(
  db: Db | Tx,
  id: string,
): Promise<Prisma.ChatGroupGetPayload<{ include: typeof groupWithUnit }> | null> {
  return db.chatGroup.findUnique({ where: { id }, include: groupWithUnit });
}

/** Removes a binding; false when it was already gone (a concurrent unlink). */
export async function deleteAccount(tx: Tx, id: string): Promise<boolean> {
  return (await tx.chatIdentity.deleteMany({ where: { id } })).count === 1;
}

export async function deleteGroup(tx: Tx, id: string): Promise<boolean> {
  return (await tx.chatGroup.deleteMany({ where: { id } })).count === 1;
}

/** A group binding by its chat, with its unit, removed or not. */
export function findGroupByChat(db: Db | Tx, channel: string, chatId: string) {
  return db.chatGroup.findUnique({
    where: { channel_chatId: { channel, chatId } },
    include: groupWithUnit,
  });
}

/** Marks a binding removed (the bot left the group); false when it already was. */
export async function markGroupRemoved(tx: Tx, id: string, at: Date): Promise<boolean> {
  const done = await tx.chatGroup.updateMany({
    where: { id, removedAt: null },
    data: { removedAt: at },
  });
  return done.count === 1;
}

/**
 * Moves a binding to the chat's new id. A binding the new id already had (the bot saw the new
 * supergroup first and it was bound there) is replaced by the moved one.
 */
export async function moveGroup(tx: Tx, id: string, chatId: string, channel: string) {
  await tx.chatGroup.deleteMany({ where: { channel, chatId, NOT: { id } } });
  return tx.chatGroup.update({ where: { id }, data: { chatId } });
}

/** An audit entry by the bot service itself, for a change the chat reported (no person acted). */
export async function recordBotChange(
  tx: Tx,
  entry: {
    readonly at: Date;
    readonly action: string;
    readonly entity: AuditEntity;
    readonly entityId: string;
    readonly unitId: string;
    readonly before: unknown;
    readonly after: unknown;
  },
): Promise<void> {
  announceAudited(tx, entry);
  await tx.auditLog.create({
    data: {
      at: entry.at,
      actorId: null,
      actorKind: 'bot',
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      unitId: entry.unitId,
      before: JSON.stringify(entry.before),
      after: JSON.stringify(entry.after),
    },
  });
}
