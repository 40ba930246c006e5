/**
 * One-time link codes and the links they make (DESIGN §5): LinkCode rows, Telegram accounts
 * and groups, and the bot's audit entries for a link.
 */
import type { ChatGroup, ChatIdentity, Db, LinkCode, Person, Prisma, Unit } from '@jyxc/db';
import type { Tx } from '../../shared/context.js';
import type { Reader } from '../../shared/db.js';
import { announceAudited, type AuditEntity } from '../../shared/audit.js';

const linkCodeInclude = {
  person: { select: { id: true, name: true } },
  unit: { select: { id: true, name: true } },
} as const;

export type LinkCodeRow = Prisma.LinkCodeGetPayload<{ include: typeof linkCodeInclude }>;

export function insertLinkCode(
  tx: Tx,
  data: {
    readonly kind: LinkCode['kind'];
    readonly code: string;
    readonly personId: string | null;
    readonly unitId: string | null;
    readonly expiresAt: Date;
    readonly createdById: string;
    readonly createdAt: Date;
  },
): Promise<LinkCodeRow> {
  return tx.linkCode.create({ data, include: linkCodeInclude });
}

/** The codes a person issued that can still be used, newest first. */
export function usableCodesOf(db: Db, createdById: string, now: Date): Promise<LinkCodeRow[]> {
  return db.linkCode.findMany({
    where: { createdById, usedAt: null, expiresAt: { gt: now } },
    include: linkCodeInclude,
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
  });
}

export function findLinkCode(db: Db, id: string): Promise<LinkCode | null> {
  return db.linkCode.findUnique({ where: { id } });
}

export async function expireLinkCode(tx: Tx, id: string, now: Date): Promise<void> {
  await tx.linkCode.update({ where: { id }, data: { expiresAt: now } });
}

export function findByCode(db: Reader, code: string): Promise<LinkCodeRow | null> {
  return db.linkCode.findUnique({ where: { code }, include: linkCodeInclude });
}

/**
 * Marks a code used, only while it is still unused, answering whether this call did: a
 * concurrent second use fails here.
 */
export async function claimLinkCode(tx: Tx, id: string, now: Date): Promise<boolean> {
  const claimed = await tx.linkCode.updateMany({
    where: { id, usedAt: null },
    data: { usedAt: now },
  });
  return claimed.count === 1;
}

export function personWithUnit(tx: Tx, id: string): Promise<Person & { unit: Unit }> {
  return tx.person.findUniqueOrThrow({ where: { id }, include: { unit: true } });
}

/**
 * Links a chat identity to a person. One identity per person and channel, and one person per
 * identity: a new link replaces the old ones of the same channel, which are answered. The
 * person's identities on other channels stay.
 */
export async function linkChatIdentity(
  tx: Tx,
  data: {
    readonly channel: string;
    readonly externalId: string;
    readonly personId: string;
    readonly handle: string | null;
    readonly linkedAt: Date;
  },
): Promise<{ replaced: ChatIdentity[]; identity: ChatIdentity }> {
  const replaced = await tx.chatIdentity.findMany({
    where: {
      channel: data.channel,
      OR: [{ externalId: data.externalId }, { personId: data.personId }],
    },
  });
  await tx.chatIdentity.deleteMany({ where: { id: { in: replaced.map((r) => r.id) } } });
  const identity = await tx.chatIdentity.create({ data });
  return { replaced, identity };
}

/**
 * Binds a group chat to a unit (a chat already bound moves to the new unit; one the bot had
 * been removed from is active again).
 */
export async function bindChatGroup(
  tx: Tx,
  data: {
    readonly channel: string;
    readonly chatId: string;
    readonly unitId: string;
    readonly title: string | null;
    readonly linkedById: string;
    readonly linkedAt: Date;
  },
): Promise<{ before: ChatGroup | null; group: ChatGroup }> {
  const where = { channel_chatId: { channel: data.channel, chatId: data.chatId } };
  const before = await tx.chatGroup.findUnique({ where });
  const { channel: _channel, chatId: _chatId, ...update } = data;
  const group = await tx.chatGroup.upsert({
    where,
    create: data,
    update: { ...update, removedAt: null },
  });
  return { before, group };
}

/** The audit entry of a link the bot made (no request, no session: the bot acts). */
export async function recordBotLink(
  tx: Tx,
  entry: {
    readonly at: Date;
    readonly actorId: string | null;
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
      actorId: entry.actorId,
      actorKind: 'bot',
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      unitId: entry.unitId,
      before: entry.before === null ? null : JSON.stringify(entry.before),
      after: JSON.stringify(entry.after),
    },
  });
}
