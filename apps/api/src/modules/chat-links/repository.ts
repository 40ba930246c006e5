/**
 * Chat bindings as an administrator reviews them (DESIGN §4–§5): the linked chat accounts and
 * the bound group chats, with when each was last active.
 */
import type { Db, Prisma } from '@jyxc/db';
import type { Tx } from '../../shared/context.js';

/** The chat channel of the stored bindings; Telegram is the one adapter so far (DESIGN §4). */
export const CHANNEL = 'telegram' as const;

export interface AccountBinding {
  readonly id: string;
  readonly channel: typeof CHANNEL;
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
  readonly channel: typeof CHANNEL;
  readonly chatId: string;
  readonly title: string | null;
  readonly unit: { readonly id: string; readonly name: string };
  readonly linkedBy: { readonly id: string; readonly name: string } | null;
  readonly linkedAt: Date;
  /** The last quick report posted from the group, or null. */
  readonly lastSeenAt: Date | null;
}

export async function accountBindings(db: Db): Promise<AccountBinding[]> {
  const rows = await db.telegramAccount.findMany({
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
    channel: CHANNEL,
    externalId: r.telegramUserId,
    handle: r.username,
    person: { id: r.person.id, name: r.person.name, username: r.person.username },
    unit: r.person.unit,
    linkedAt: r.linkedAt,
    lastSeenAt: lastSeen.get(r.personId) ?? null,
  }));
}

export async function groupBindings(db: Db): Promise<GroupBinding[]> {
  const rows = await db.telegramGroup.findMany({
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
    channel: CHANNEL,
    chatId: r.chatId,
    title: r.title,
    unit: r.unit,
    linkedBy: r.linkedBy,
    linkedAt: r.linkedAt,
    lastSeenAt: lastSeen.get(r.chatId) ?? null,
  }));
}

const accountWithPerson = {
  person: { select: { id: true, name: true, unitId: true } },
} as const satisfies Prisma.TelegramAccountInclude;

const groupWithUnit = {
  unit: { select: { id: true, name: true } },
} as const satisfies Prisma.TelegramGroupInclude;

export function findAccount(
  db: Db | Tx,
  id: string,
): Promise<Prisma.TelegramAccountGetPayload<{ include: typeof accountWithPerson }> | null> {
  return db.telegramAccount.findUnique({ where: { id }, include: accountWithPerson });
}

export function findGroup(
  db: Db | Tx,
  id: string,
): Promise<Prisma.TelegramGroupGetPayload<{ include: typeof groupWithUnit }> | null> {
  return db.telegramGroup.findUnique({ where: { id }, include: groupWithUnit });
}

/** Removes a binding; false when it was already gone (a concurrent unlink). */
export async function deleteAccount(tx: Tx, id: string): Promise<boolean> {
  return (await tx.telegramAccount.deleteMany({ where: { id } })).count === 1;
}

export async function deleteGroup(tx: Tx, id: string): Promise<boolean> {
  return (await tx.telegramGroup.deleteMany({ where: { id } })).count === 1;
}
