/**
 * Chat bindings, visible (issue 13, DESIGN §5): administrators see every linked chat account and
 * bound group, and can unlink or unbind one; each removal is audited.
 */
import type { Db } from '@jyxc/db';
import { inTransaction } from '../../shared/db.js';
import { requireAdmin } from '../../shared/actor.js';
import { audit } from '../../shared/audit.js';
import type { ServiceContext } from '../../shared/context.js';
import { ServiceError } from '../../shared/errors.js';
import { forgetSessionsOf } from '../auth/service.js';
import {
  accountBindings,
  deleteAccount,
  deleteGroup,
  findAccount,
  findGroup,
  findGroupByChat,
  groupBindings,
  markGroupRemoved,
  moveGroup,
  recordBotChange,
  type AccountBinding,
  type GroupBinding,
} from './repository.js';

export async function listChatBindings(
  ctx: ServiceContext,
): Promise<{ accounts: AccountBinding[]; groups: GroupBinding[] }> {
  requireAdmin(ctx);
  const [accounts, groups] = await Promise.all([accountBindings(ctx.db), groupBindings(ctx.db)]);
  return { accounts, groups };
}

function gone(): ServiceError {
  return new ServiceError('not_found', 'CHAT.BINDING_NOT_FOUND', '该绑定不存在或已解除');
}

/** Unlinks a chat account: the bot no longer acts for that chat user until they link again. */
export async function unlinkAccount(ctx: ServiceContext, id: string): Promise<void> {
  requireAdmin(ctx);
  const account = await findAccount(ctx.db, id);
  if (!account) throw gone();
  await inTransaction(ctx, async (tx) => {
    if (!(await deleteAccount(tx, id))) throw gone();
    await audit(tx, ctx, {
      action: 'chat.unlinkAccount',
      entity: 'ChatIdentity',
      entityId: id,
      unitId: account.person.unitId,
      before: {
        channel: account.channel,
        externalId: account.externalId,
        handle: account.handle,
        person: { id: account.person.id, name: account.person.name },
        linkedAt: account.linkedAt,
      },
    });
  });
  forgetSessionsOf(ctx.db, account.person.id);
}

/** Unbinds a group chat: quick reports posted there no longer reach the unit. */
export async function unbindGroup(ctx: ServiceContext, id: string): Promise<void> {
  requireAdmin(ctx);
  const group = await findGroup(ctx.db, id);
  if (!group) throw gone();
  await inTransaction(ctx, async (tx) => {
    if (!(await deleteGroup(tx, id))) throw gone();
    await audit(tx, ctx, {
      action: 'chat.unbindGroup',
      entity: 'ChatGroup',
      entityId: id,
      unitId: group.unit.id,
      before: {
        channel: group.channel,
        chatId: group.chatId,
        title: group.title,
        unit: group.unit,
        linkedAt: group.linkedAt,
      },
    });
  });
}

export type GroupChange =
  | { readonly change: 'removed'; readonly status?: string | undefined }
  | { readonly change: 'migrated'; readonly toChatId: string };

/**
 * A group chat the bot can no longer serve under its id (DESIGN §5), as its channel reported it:
 * - `removed`: the bot was removed from (or left) the group. The binding stays, marked removed
 *   with the time, so that admins see it on the chat bindings page; reports from there stop.
 * - `migrated`: the group became a supergroup with a new id; the binding follows it.
 * Both are audited as the bot's. A chat that was never bound, or a repeated report, changes
 * nothing and says so (`changed: false`): channels redeliver.
 */
export async function recordGroupChange(
  db: Db,
  input: { readonly channel: string; readonly chatId: string; readonly now: Date } & GroupChange,
): Promise<{ changed: boolean }> {
  return inTransaction({ db }, async (tx) => {
    const group = await findGroupByChat(tx, input.channel, input.chatId);
    if (group === null) return { changed: false };
    const before = {
      channel: group.channel,
      chatId: group.chatId,
      title: group.title,
      unit: group.unit,
      removedAt: group.removedAt,
    };
    if (input.change === 'removed') {
      if (!(await markGroupRemoved(tx, group.id, input.now))) return { changed: false };
      await recordBotChange(tx, {
        at: input.now,
        action: 'chat.groupRemoved',
        entity: 'ChatGroup',
        entityId: group.id,
        unitId: group.unit.id,
        before,
        after: { ...before, removedAt: input.now, status: input.status ?? null },
      });
      return { changed: true };
    }
    if (input.toChatId === group.chatId) return { changed: false };
    const moved = await moveGroup(tx, group.id, input.toChatId, input.channel);
    await recordBotChange(tx, {
      at: input.now,
      action: 'chat.groupMigrated',
      entity: 'ChatGroup',
      entityId: group.id,
      unitId: group.unit.id,
      before,
      after: { ...before, chatId: moved.chatId },
    });
    return { changed: true };
  });
}
