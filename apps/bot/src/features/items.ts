import { isLocale, splitQuickReport } from '@jyxc/domain';
import { Composer, InlineKeyboard } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import { success } from '../backend.js';
import type { BotContext, BotServices } from '../context.js';
import {
  cardFieldsOf,
  cardKeyboard,
  cardText,
  itemKeyboard,
  loadDetail,
  type Detail,
} from '../drafts.js';
import type { DraftLinks } from '../storage.js';
import { shanghaiTime } from '../text.js';
import { refusal } from './errors.js';
import { MAX_PHOTO_BYTES, mediaOf } from './quick-report.js';

/**
 * Officers fix their items from chat (issue 14, DESIGN §5): the return notice's 修改 and
 * 重新提交, `/my`'s buttons to open an item, submit a forgotten draft or withdraw it, and
 * 标记重大 (DESIGN §3.3: a major item has 2 hours from the event). Every action goes through the
 * API as the person who pressed the button; the API decides whether they may.
 */

/** `/my`: one row per item — its details, and 提交 / 撤回 where its state admits them. */
export function myKeyboard(
  t: (key: string, vars?: Record<string, string | number>) => string,
  items: readonly { readonly id: string; readonly state: string }[],
): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  items.forEach((item, index) => {
    const n = index + 1;
    keyboard.text(t('btn-my-open', { n }), `it:open:${item.id}`);
    // DESIGN §3.2: the author submits a draft or a returned item, and withdraws before bureau review.
    if (item.state === 'draft' || item.state === 'returned') {
      keyboard.text(t('btn-my-submit', { n }), `it:submit:${item.id}`);
    }
    if (['draft', 'returned', 'unit_review'].includes(item.state)) {
      keyboard.text(t('btn-my-withdraw', { n }), `it:withdraw:${item.id}`);
    }
    keyboard.row();
  });
  return keyboard;
}

async function localeOf(ctx: BotContext) {
  const lang = await ctx.i18n.getLocale();
  return isLocale(lang) ? lang : 'zh-CN';
}

/** True when every button of the message acts on this item: its buttons may all go. */
function onlyAbout(markup: InlineKeyboardMarkup | undefined, id: string): boolean {
  return (markup?.inline_keyboard ?? [])
    .flat()
    .every((b) => !('callback_data' in b) || b.callback_data.endsWith(`:${id}`));
}

export function items(services: BotServices, links: DraftLinks) {
  const feature = new Composer<BotContext>();

  /** The item's card with what the person may do with it now. */
  async function showItem(ctx: BotContext, detail: Detail) {
    await ctx.reply(cardText(ctx.t, cardFieldsOf(detail)), {
      reply_markup: itemKeyboard(ctx.t, services.publicUrl, detail),
    });
  }

  /** The API's own reason why the person may not take `action` now, in their language. */
  async function refusedBecause(ctx: BotContext, detail: Detail, action: string) {
    const refused = detail.actions.refused.find((r) => r.action === action);
    if (refused === undefined) return ctx.t('button-expired');
    return ctx.t('refused', { reason: refused.message[await localeOf(ctx)] });
  }

  feature.callbackQuery(/^it:(open|edit|submit|withdraw|major):(.+)$/, async (ctx) => {
    const [, action, id] = ctx.match;
    if (id === undefined) return ctx.answerCallbackQuery();
    const user = ctx.from.id;
    const client = services.backend.as(user);
    const pressed = ctx.callbackQuery.message;
    try {
      if (action === 'open') {
        await ctx.answerCallbackQuery();
        await showItem(ctx, await loadDetail(services.backend, user, id));
        return undefined;
      }
      if (action === 'edit') {
        const detail = await loadDetail(services.backend, user, id);
        if (!detail.actions.allowed.includes('edit')) {
          return ctx.answerCallbackQuery({
            text: await refusedBecause(ctx, detail, 'edit'),
            show_alert: true,
          });
        }
        await ctx.answerCallbackQuery();
        const ask = await ctx.reply(ctx.t('fix-ask', { title: detail.title }), {
          reply_markup: {
            force_reply: true,
            input_field_placeholder: ctx.t('fix-placeholder'),
          },
        });
        await links.set('fix', ask.chat.id, ask.message_id, id);
        return undefined;
      }
      if (action === 'major') {
        const detail = await loadDetail(services.backend, user, id);
        if (!detail.actions.allowed.includes('edit')) {
          return ctx.answerCallbackQuery({
            text: await refusedBecause(ctx, detail, 'edit'),
            show_alert: true,
          });
        }
        // DESIGN §3.3: the category decides the limit; `major` has 2 hours from the event.
        await success(
          await client.submissions[':id'].$patch({
            param: { id },
            json: { category: 'major', expectedVersion: detail.version },
          }),
        );
        const card = cardFieldsOf(await loadDetail(services.backend, user, id));
        const deadline =
          card.deadline === undefined ? '-' : shanghaiTime(card.deadline, await localeOf(ctx));
        await ctx.answerCallbackQuery({ text: ctx.t('marked-major', { deadline }) });
        // The group's draft card shows the deadline; another message just gets the answer.
        if (pressed !== undefined && onlyAbout(pressed.reply_markup, id)) {
          await ctx
            .editMessageText(cardText(ctx.t, card), {
              reply_markup:
                pressed.chat.type !== 'private'
                  ? cardKeyboard(ctx.t, card)
                  : itemKeyboard(
                      ctx.t,
                      services.publicUrl,
                      await loadDetail(services.backend, user, id),
                    ),
            })
            .catch(() => undefined);
        }
        return undefined;
      }
      const done =
        action === 'submit'
          ? await success(await client.submissions[':id'].submit.$post({ param: { id }, json: {} }))
          : await success(
              await client.submissions[':id'].withdraw.$post({ param: { id }, json: {} }),
            );
      await ctx.answerCallbackQuery({
        text: ctx.t(action === 'submit' ? 'submitted' : 'item-withdrawn'),
      });
      // A return notice or an item's card: its buttons are done. `/my`'s list keeps the others.
      if (pressed !== undefined && onlyAbout(pressed.reply_markup, id)) {
        await ctx
          .editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } })
          .catch(() => undefined);
      }
      await ctx.reply(cardText(ctx.t, cardFieldsOf(done)));
      return undefined;
    } catch (error) {
      return ctx.answerCallbackQuery({ text: refusal(ctx, error), show_alert: true });
    }
  });

  // 修改: a reply to the bot's question carries the new title and body, or photos to add.
  feature.chatType('private').on('message', async (ctx, next) => {
    const replied = ctx.message.reply_to_message;
    if (replied === undefined || replied.from?.id !== ctx.me.id) return next();
    const id = await links.get('fix', ctx.chat.id, replied.message_id);
    if (id === null) return next();
    const user = ctx.from.id;
    try {
      const detail = await loadDetail(services.backend, user, id);
      const text = (ctx.message.text ?? ctx.message.caption ?? '').trim();
      if (text !== '') {
        const { title, body } = splitQuickReport(text);
        const onlyTitle = !text.includes('\n');
        await success(
          await services.backend.as(user).submissions[':id'].$patch({
            param: { id },
            json: {
              title,
              ...(onlyTitle ? {} : { body }),
              note: ctx.t('note-fixed-in-chat'),
              expectedVersion: detail.version,
            },
          }),
        );
      }
      const media = mediaOf(ctx.message);
      if (media !== null && media.kind === 'photo') {
        if (media.size !== undefined && media.size > MAX_PHOTO_BYTES) {
          await ctx.reply(
            ctx.t('file-too-large', {
              kind: 'photo',
              size: Math.ceil(media.size / 1024 / 1024),
              limit: MAX_PHOTO_BYTES / 1024 / 1024,
            }),
          );
        } else {
          await services.backend.uploadAttachment(user, id, {
            filename: `telegram-${media.fileId.slice(-12)}.jpg`,
            bytes: await services.downloadFile(media.fileId),
          });
        }
      }
      const fresh = await loadDetail(services.backend, user, id);
      const done = await ctx.reply(
        ctx.t('fix-done', {
          title: fresh.title,
          revision: fresh.revision,
          photos: fresh.attachments.length,
        }),
        { reply_markup: itemKeyboard(ctx.t, services.publicUrl, fresh) },
      );
      // A reply to this answer fixes the same item further.
      await links.set('fix', done.chat.id, done.message_id, id);
    } catch (error) {
      await ctx.reply(refusal(ctx, error));
    }
    return undefined;
  });

  return feature;
}
