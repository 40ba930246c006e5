/**
 * Chat bindings, visible (issue 13, DESIGN §5): administrators see every linked chat account and
 * bound group, and can unlink or unbind one; each removal is audited.
 */
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
  groupBindings,
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
  await ctx.db.$transaction(async (tx) => {
    if (!(await deleteAccount(tx, id))) throw gone();
    await audit(tx, ctx, {
      action: 'chat.unlinkAccount',
      entity: 'TelegramAccount',
      entityId: id,
      unitId: account.person.unitId,
      before: {
        channel: 'telegram',
        externalId: account.telegramUserId,
        handle: account.username,
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
  await ctx.db.$transaction(async (tx) => {
    if (!(await deleteGroup(tx, id))) throw gone();
    await audit(tx, ctx, {
      action: 'chat.unbindGroup',
      entity: 'TelegramGroup',
      entityId: id,
      unitId: group.unit.id,
      before: {
        channel: 'telegram',
        chatId: group.chatId,
        title: group.title,
        unit: group.unit,
        linkedAt: group.linkedAt,
      },
    });
  });
}
