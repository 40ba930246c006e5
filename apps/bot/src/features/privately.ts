import { Composer, GrammyError, InlineKeyboard } from 'grammy';
import type { BotContext } from '../context.js';

/**
 * `/my` and `/rank` sent in a group answer in the sender's direct chat (DESIGN §5: group
 * messages never expose one person's items or scores). The group is told in a word that the
 * answer went out, or, when Telegram refuses because the person never opened a direct chat with
 * the bot, how to open one first.
 */

/** The commands whose answers are the sender's own business. */
export const PRIVATE_COMMANDS = ['my', 'rank'];

/** Telegram's refusal to write first to a person who has not started the bot. */
class DirectChatClosed extends Error {
  override readonly name = 'DirectChatClosed';
}

function closedChat(error: unknown): boolean {
  return error instanceof GrammyError && (error.error_code === 403 || error.error_code === 400);
}

export const privately = new Composer<BotContext>();

privately.chatType(['group', 'supergroup']).command(PRIVATE_COMMANDS, async (ctx, next) => {
  const user = ctx.from.id;
  const inGroup = ctx.reply.bind(ctx);
  let sent = false;
  // Whatever the command answers goes to the sender's direct chat instead of the group.
  const direct: typeof ctx.reply = async (text, other) => {
    const { reply_parameters: _replyTo, ...rest } = other ?? {};
    try {
      const message = await ctx.api.sendMessage(user, text, rest);
      sent = true;
      return message;
    } catch (error) {
      if (closedChat(error)) throw new DirectChatClosed();
      throw error;
    }
  };
  ctx.reply = direct;
  const replyTo = {
    reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true },
  };
  try {
    await next();
  } catch (error) {
    if (!(error instanceof DirectChatClosed)) throw error;
    const command = /^\/\w+/.exec(ctx.msg.text)?.[0] ?? '/my';
    await inGroup(ctx.t('dm-first', { command }), {
      ...replyTo,
      reply_markup: new InlineKeyboard().url(
        ctx.t('btn-open-dm'),
        `https://t.me/${ctx.me.username}`,
      ),
    });
    return;
  } finally {
    ctx.reply = inGroup;
  }
  if (sent) await inGroup(ctx.t('sent-privately'), replyTo);
});
