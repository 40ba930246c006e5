import { Composer } from 'grammy';
import { success } from '../backend.js';
import type { BotContext } from '../context.js';
import { refusal } from './errors.js';

/**
 * Linking (DESIGN §5): `/start CODE` in a direct message (also what a deep link
 * `t.me/<bot>?start=CODE` sends) links the account to a person; `/bindgroup CODE` in a
 * group links the group to a unit. The console issues the one-time codes.
 */
export const link = new Composer<BotContext>();

link.command('start', async (ctx) => {
  const code = ctx.match.trim();
  if (code === '') return ctx.reply(ctx.t('help'));
  if (ctx.chat.type !== 'private') return ctx.reply(ctx.t('start-private-only'));
  try {
    const linked = await success(
      await ctx.services.backend.service.bot.link.person.$post({
        json: {
          code,
          telegramUserId: String(ctx.from?.id ?? ctx.chat.id),
          ...(ctx.from?.username === undefined ? {} : { telegramUsername: ctx.from.username }),
        },
      }),
    );
    if (linked.kind !== 'person') return ctx.reply(ctx.t('link-code-wrong-kind'));
    return ctx.reply(ctx.t('linked-person', { name: linked.person.name, unit: linked.unit.name }));
  } catch (error) {
    return ctx.reply(refusal(ctx, error));
  }
});

link.command('bindgroup', async (ctx) => {
  if (ctx.chat.type === 'private' || ctx.chat.type === 'channel')
    return ctx.reply(ctx.t('bindgroup-group-only'));
  const code = ctx.match.trim();
  if (code === '') return ctx.reply(ctx.t('bindgroup-usage'));
  try {
    const linked = await success(
      await ctx.services.backend.service.bot.link.group.$post({
        json: { code, chatId: String(ctx.chat.id), title: ctx.chat.title.slice(0, 255) },
      }),
    );
    return ctx.reply(ctx.t('linked-group', { unit: linked.unit.name }));
  } catch (error) {
    return ctx.reply(refusal(ctx, error));
  }
});
