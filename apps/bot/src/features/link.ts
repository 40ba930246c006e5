import { Composer, InlineKeyboard } from 'grammy';
import { success } from '../backend.js';
import type { BotContext } from '../context.js';
import { shanghaiTime } from '../text.js';
import { refusal } from './errors.js';

/**
 * Linking (DESIGN §5): `/start CODE` in a direct message (also what a deep link
 * `t.me/<bot>?start=CODE` sends) links the account to a person; `/bindgroup CODE` in a
 * group links the group to a unit. The console issues the one-time codes.
 */
export const link = new Composer<BotContext>();

/**
 * A personal code posted in a group (DESIGN §5: a link code is personal): the API voids it at
 * once, the message is removed where the bot may, the group is told without repeating the
 * code, and the sender gets a direct message saying what to do. Answers whether it was one.
 */
async function voidIfLeaked(ctx: BotContext, code: string): Promise<boolean> {
  if (ctx.chat === undefined || ctx.chat.type === 'private') return false;
  const leaked = await success(
    await ctx.services.backend.service.bot.link.leaked.$post({
      json: { code, chatId: String(ctx.chat.id) },
    }),
  );
  if (!leaked.voided) return false;
  await ctx.deleteMessage().catch(() => undefined);
  await ctx.reply(ctx.t('link-code-leaked-group'));
  if (ctx.from !== undefined) {
    await ctx.api
      .sendMessage(ctx.from.id, ctx.t('link-code-leaked-dm', { name: leaked.person?.name ?? '' }))
      // Someone who never opened a chat with the bot cannot get one; the group was told.
      .catch(() => undefined);
  }
  return true;
}

link.command('start', async (ctx) => {
  const code = ctx.match.trim();
  if (code === '') return ctx.reply(ctx.t('help'));
  if (ctx.chat.type !== 'private') {
    if (await voidIfLeaked(ctx, code)) return undefined;
    return ctx.reply(ctx.t('start-private-only'));
  }
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
    // The account linked before is told: a link it did not make would otherwise go unseen.
    for (const previous of linked.replacedExternalIds) {
      await ctx.api
        .sendMessage(
          previous,
          ctx.t('link-replaced', {
            name: linked.person.name,
            account:
              ctx.from?.username === undefined
                ? (ctx.from?.first_name ?? '')
                : `@${ctx.from.username}`,
          }),
        )
        .catch(() => undefined);
    }
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
    // A personal code sent as a group code is just as exposed.
    if (await voidIfLeaked(ctx, code)) return undefined;
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

/**
 * `/links` (DESIGN §5: a person can see and end their links): what this Telegram account is
 * linked to and since when, with a button that ends the link.
 */
link.command('links', async (ctx) => {
  if (ctx.chat.type !== 'private') return ctx.reply(ctx.t('links-private-only'));
  const user = String(ctx.from?.id ?? ctx.chat.id);
  const { account } = await success(
    await ctx.services.backend.service.bot.accounts[':telegramUserId'].$get({
      param: { telegramUserId: user },
    }),
  );
  if (account === null) return ctx.reply(ctx.t('unlinked-user'));
  return ctx.reply(
    ctx.t('links-shown', {
      name: account.person.name,
      unit: account.unit.name,
      at: shanghaiTime(account.linkedAt),
    }),
    { reply_markup: new InlineKeyboard().text(ctx.t('button-unlink'), 'link:end') },
  );
});

link.callbackQuery('link:end', async (ctx) => {
  try {
    await success(
      await ctx.services.backend.service.bot.accounts[':telegramUserId'].$delete({
        param: { telegramUserId: String(ctx.from.id) },
      }),
    );
  } catch (error) {
    return ctx.answerCallbackQuery({ text: refusal(ctx, error), show_alert: true });
  }
  await ctx.answerCallbackQuery({ text: ctx.t('unlinked') });
  await ctx.editMessageText(ctx.t('unlinked')).catch(() => undefined);
  return undefined;
});
