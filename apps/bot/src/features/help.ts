import { Composer } from 'grammy';
import type { BotContext } from '../context.js';

/** `/help`: what the bot is and what to do next. */
export const help = new Composer<BotContext>();
help.command('help', (ctx) => ctx.reply(ctx.t('help')));

/**
 * Last: a direct message nothing else handled gets the explanation (a stranger learns how to
 * link); a group is not answered for every message.
 */
export const unhandled = new Composer<BotContext>();
unhandled.on('message', async (ctx) => {
  if (ctx.chat.type === 'private') await ctx.reply(ctx.t('help'));
});
unhandled.on('callback_query', (ctx) => ctx.answerCallbackQuery({ text: ctx.t('button-expired') }));
