import { Bot, type BotConfig } from 'grammy';
import type { BotContext } from './context.js';
import { HELP_TEXT, help } from './features/help.js';

export type BotDeps = Pick<BotConfig<BotContext>, 'client' | 'botInfo'>;

/** Builds the bot with its features; the unhandled-message answer comes last. */
export function createBot(token: string, deps: BotDeps = {}): Bot<BotContext> {
  const bot = new Bot<BotContext>(token, deps);
  bot.use(help);
  bot.on('message', async (ctx) => {
    // Only direct messages get the explanation; a group is not answered for every message.
    if (ctx.chat.type === 'private') await ctx.reply(HELP_TEXT);
  });
  bot.catch((error) => {
    console.error(`[bot] update ${error.ctx.update.update_id} failed:`, error.error);
  });
  return bot;
}
