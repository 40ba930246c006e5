import { Composer } from 'grammy';
import { success } from '../backend.js';
import type { BotContext } from '../context.js';
import { TELEGRAM, telegramGroupChange } from '../telegram-adapter.js';

/**
 * Groups as counties run them (DESIGN §5): when a group becomes a supergroup its binding follows
 * the new chat id, and when the bot is removed from a group the binding is marked removed (with
 * the time, audited) so that admins see it on the chat bindings page. Nothing is said in the
 * chat: the bot is no longer there, or the move is none of the members' business.
 */
export const groupChanges = new Composer<BotContext>();

groupChanges.on(
  ['my_chat_member', 'message:migrate_to_chat_id', 'message:migrate_from_chat_id'],
  async (ctx) => {
    const change = telegramGroupChange(ctx.update);
    if (change === null) return;
    await success(
      await ctx.services.backend.service.bot.groups.change.$post({
        json: { channel: TELEGRAM, ...change },
      }),
    );
  },
);
