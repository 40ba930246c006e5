/**
 * The message centre (DESIGN §7): every notification to a person is also in their inbox,
 * read in the console and the phone app whether or not a chat channel reached them. Each
 * person sees and marks only their own. Administrators see what no channel could deliver,
 * and why, and may send a refused message again.
 */
import type { Locale } from '@jyxc/domain';
import { requireAdmin } from '../../shared/actor.js';
import { audit } from '../../shared/audit.js';
import type { ServiceContext } from '../../shared/context.js';
import { changed, inTransaction } from '../../shared/db.js';
import { ServiceError } from '../../shared/errors.js';
import { readEvent } from './events.js';
import {
  countUnread,
  findFailedDeliveries,
  findInbox,
  findInboxMessage,
  findMessageById,
  markAllRead,
  markOneRead,
  resetDelivery,
  saveLocale,
} from './repository.js';
import { NO_CHAT_LINK, UNDELIVERABLE } from './service.js';

export interface InboxQuery {
  readonly page: number;
  readonly pageSize: number;
  readonly unread?: 'yes' | 'no' | undefined;
}

function inboxItem(row: {
  id: string;
  kind: string;
  facts: string;
  urgency: string;
  createdAt: Date;
  readAt: Date | null;
}) {
  return {
    id: row.id,
    kind: row.kind,
    /** Null for a kind this version does not know: shown as a plain notification. */
    event: readEvent(row.kind, row.facts),
    urgent: row.urgency === 'urgent',
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/** The actor's notifications, newest first, with how many are unread. */
export async function listInbox(ctx: ServiceContext, query: InboxQuery) {
  const { rows, total, unread } = await findInbox(ctx.db, ctx.actor.personId, {
    unreadOnly: query.unread === 'yes',
    skip: (query.page - 1) * query.pageSize,
    take: query.pageSize,
  });
  return { items: rows.map(inboxItem), total, unread, page: query.page, pageSize: query.pageSize };
}

export async function unreadCount(ctx: ServiceContext) {
  return { unread: await countUnread(ctx.db, ctx.actor.personId) };
}

function notInInbox(): ServiceError {
  // Another person's message is "not found" too: its existence is not theirs to learn.
  return new ServiceError('not_found', 'NOTIFICATION.NOT_FOUND', '您的通知中没有这一条');
}

/** Marks one of the actor's notifications read (again: no change). */
export async function readNotification(ctx: ServiceContext, id: string) {
  if (!(await markOneRead(ctx.db, ctx.actor.personId, id, ctx.now))) throw notInInbox();
  const row = await findInboxMessage(ctx.db, ctx.actor.personId, id);
  if (row === null) throw notInInbox();
  return inboxItem(row);
}

export async function readAllNotifications(ctx: ServiceContext) {
  return { updated: await markAllRead(ctx.db, ctx.actor.personId, ctx.now) };
}

/** The language the actor's notifications are written in, in every channel. */
export async function setNotificationLanguage(ctx: ServiceContext, locale: Locale) {
  await inTransaction(ctx, async (tx) => {
    await saveLocale(tx, ctx.actor.personId, locale);
    // A person's row, though no kept answer shows the language (read caches: shared/db.ts).
    changed(tx, [{ table: 'Person', unitId: ctx.actor.unit.id }]);
  });
  return { locale };
}

/** Why a message was not delivered, as the delivery page groups it. */
export type FailureReason = 'no_chat' | 'refused' | 'retrying';

function failureOf(lastError: string): { reason: FailureReason; error: string } {
  if (lastError === NO_CHAT_LINK) return { reason: 'no_chat', error: '' };
  if (lastError.startsWith(UNDELIVERABLE)) {
    return { reason: 'refused', error: lastError.slice(UNDELIVERABLE.length) };
  }
  return { reason: 'retrying', error: lastError };
}

/** Messages no chat channel delivered, newest first (administrators). */
export async function listFailedDeliveries(
  ctx: ServiceContext,
  query: { readonly page: number; readonly pageSize: number },
) {
  requireAdmin(ctx);
  const { rows, total, unitNames } = await findFailedDeliveries(ctx.db, {
    skip: (query.page - 1) * query.pageSize,
    take: query.pageSize,
  });
  return {
    items: rows.map((r) => {
      const { reason, error } = failureOf(r.lastError ?? '');
      return {
        id: r.id,
        kind: r.kind,
        event: readEvent(r.kind, r.facts),
        audience: r.audience,
        person: r.person === null ? null : { name: r.person.name, unit: r.person.unit.name },
        unit: r.unitId === null ? null : (unitNames.get(r.unitId) ?? null),
        reason,
        error,
        attempts: r.attempts,
        createdAt: r.createdAt.toISOString(),
        readAt: r.readAt?.toISOString() ?? null,
        // A missing chat link is not cured by sending again: linking sends it by itself.
        retryable: reason !== 'no_chat',
      };
    }),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Sends a refused or failing message again from a fresh start (administrators; audited). */
export async function retryDelivery(ctx: ServiceContext, id: string) {
  requireAdmin(ctx);
  const message = await findMessageById(ctx.db, id);
  if (message === null) {
    throw new ServiceError('not_found', 'OUTBOX.NOT_FOUND', '没有这条通知');
  }
  if (message.deliveredAt !== null) {
    throw new ServiceError('conflict', 'OUTBOX.DELIVERED', '这条通知已经送达，无需重发');
  }
  if (message.lastError === NO_CHAT_LINK) {
    throw new ServiceError(
      'conflict',
      'OUTBOX.NO_CHAT',
      '收件人尚未绑定聊天账号：绑定后会自动发送，通知也已在其消息中心',
    );
  }
  if (message.lastError === null) {
    throw new ServiceError('conflict', 'OUTBOX.NOT_FAILED', '这条通知正在等待发送，无需重发');
  }
  await inTransaction(ctx, async (tx) => {
    if (!(await resetDelivery(tx, id, ctx.now, NO_CHAT_LINK))) {
      throw new ServiceError('conflict', 'OUTBOX.CHANGED', '这条通知的状态刚刚变化，请刷新后再试');
    }
    await audit(tx, ctx, {
      action: 'outbox.retry',
      entity: 'OutboxMessage',
      entityId: id,
      unitId: message.unitId,
      before: { attempts: message.attempts, lastError: message.lastError },
      after: { attempts: 0, lastError: null, notBefore: ctx.now.toISOString() },
    });
  });
  return { id, status: 'retry' as const };
}
