import { createConversation, type Conversation } from '@grammyjs/conversations';
import { Composer, InputFile } from 'grammy';
import type { InputMediaPhoto } from 'grammy/types';
import { BackendError, success } from '../backend.js';
import type { BotContext, BotServices, ConversationContext } from '../context.js';
import {
  cardFieldsOf,
  fullReviewKeyboard,
  fullReviewText,
  loadDetail,
  reviewKeyboard,
  reviewText,
  reviewedText,
  settledAnswer,
  settledCard,
  settledOf,
  type Detail,
} from '../drafts.js';
import { isLocale } from '@jyxc/domain';
import { requestMessages, type DraftLinks } from '../storage.js';
import { CANCEL, COMMAND } from '../text.js';
import { refusal } from './errors.js';

/**
 * Review from a direct message (DESIGN §5): 通过并报送 signs off the exact revision the
 * reviewer was shown (DESIGN §3.2), 退回 asks for the reason first, 在后台打开 is a link.
 * After 通过并报送 a reply to the bot's confirmation, within 2 minutes, is that approval's
 * comment (issue 19); the API decides whether it is still in time.
 */

/** Telegram takes 2 to 10 photos in one media group. */
const ALBUM_MAX = 10;

/** Groups of at most 10, none of one photo where it can be avoided (11 → 6 + 5). */
export function albumSizes(count: number): number[] {
  if (count <= 0) return [];
  const groups = Math.ceil(count / ALBUM_MAX);
  const base = Math.floor(count / groups);
  return Array.from({ length: groups }, (_, i) => base + (i < count % groups ? 1 : 0));
}

type ReviewConversation = Conversation<BotContext, ConversationContext>;

async function localeOf(ctx: BotContext) {
  const lang = await ctx.i18n.getLocale();
  return isLocale(lang) ? lang : 'zh-CN';
}

export function review(services: BotServices, links: DraftLinks) {
  const feature = new Composer<BotContext>();
  const requests = requestMessages(services.backend);

  /**
   * DESIGN §5: a button on a request someone else already decided says who did what and when
   * (never "稿件已被修改"), and the message it sits on is marked done. Answers whether it did.
   */
  async function answerSettled(ctx: BotContext, fresh: Detail): Promise<boolean> {
    if (fresh.allowedCommands.includes('approve')) return false;
    const settled = settledOf(fresh);
    if (settled === null) return false;
    const locale = await localeOf(ctx);
    await ctx.answerCallbackQuery({
      text: settledAnswer(ctx.t, settled, locale),
      show_alert: true,
    });
    await ctx
      .editMessageText(
        settledCard(
          ctx.t,
          { unitName: fresh.unit?.name ?? '', title: fresh.title },
          settled,
          locale,
        ),
        { reply_markup: { inline_keyboard: [] } },
      )
      .catch(() => undefined);
    return true;
  }

  /**
   * The item's photos before its full text (issue 19: the full text, the photos and then the
   * buttons come only after 查看全文), read from the API as the reviewer. A photo that cannot be
   * read or sent does not keep the reviewer from deciding: the text says how many there are.
   */
  async function sendPhotos(
    ctx: BotContext,
    user: number,
    full: { id: string; attachments: readonly { id: string; filename: string; mime: string }[] },
  ) {
    const images = full.attachments.filter((a) => a.mime.startsWith('image/'));
    try {
      const files: InputFile[] = [];
      for (const image of images) {
        const response = await services.backend
          .as(user)
          .submissions[':id'].attachments[':attachmentId'].$get({
            param: { id: full.id, attachmentId: image.id },
          });
        if (!response.ok) continue;
        const bytes = new Uint8Array(await response.arrayBuffer());
        files.push(new InputFile(bytes, image.filename));
      }
      let at = 0;
      for (const size of albumSizes(files.length)) {
        const group = files.slice(at, at + size);
        at += size;
        if (group.length === 1 && group[0] !== undefined) {
          await ctx.replyWithPhoto(group[0]);
        } else {
          await ctx.replyWithMediaGroup(
            group.map((media): InputMediaPhoto => ({ type: 'photo', media })),
          );
        }
      }
    } catch (error) {
      console.error(`[bot] the photos of ${full.id} could not be sent:`, error);
    }
  }

  /** 退回: the reason is asked for and the return applies to the version that was shown. */
  async function returnReason(
    conversation: ReviewConversation,
    ctx: ConversationContext,
    id: string,
    version: number,
  ) {
    const user = ctx.from?.id;
    if (user === undefined) return;
    await ctx.reply(ctx.t('return-ask'));
    const answer = await conversation.waitFor('message:text', {
      otherwise: (other) => other.reply(other.t('return-ask')),
    });
    const reason = answer.message.text.trim();
    // A command is never taken for a reason: the wait ends and the command is handled as such.
    if (COMMAND.test(reason) && !CANCEL.test(reason)) {
      await answer.reply(answer.t('return-cancelled'));
      await conversation.halt({ next: true });
    }
    if (CANCEL.test(reason)) {
      await answer.reply(answer.t('return-cancelled'));
      return;
    }
    const outcome = await conversation.external(async () => {
      try {
        await success(
          await services.backend.as(user).submissions[':id'].return.$post({
            param: { id },
            json: { reason, expectedVersion: version },
          }),
        );
        return { ok: true as const };
      } catch (error) {
        if (error instanceof BackendError && error.status < 500) {
          return {
            ok: false as const,
            code: error.code,
            message: error.message,
            status: error.status,
          };
        }
        throw error;
      }
    });
    if (outcome.ok) {
      await answer.reply(answer.t('returned-done'));
      return;
    }
    await answer.reply(
      refusal(answer, new BackendError(outcome.status, outcome.code, outcome.message)),
    );
  }

  feature.use(createConversation(returnReason, 'return-reason'));

  // 查看全文: the API records the opening (DESIGN §3.2) and the full text comes with the
  // buttons to decide; the preview alone never offers 通过并报送.
  feature.callbackQuery(/^rv:full:(.+):(\d+)$/, async (ctx) => {
    const [, id] = ctx.match;
    if (id === undefined) return ctx.answerCallbackQuery();
    try {
      const full = await success(
        await services.backend.as(ctx.from.id).bot.submissions[':id'].open.$post({
          param: { id },
        }),
      );
      await ctx.answerCallbackQuery();
      if (!full.allowedCommands.includes('approve')) {
        // Decided already (by them or a colleague) or out of their hands: say so, not "read it".
        const settled = settledOf(full);
        const me = await services.backend.service.bot.resolve
          .$get({ query: { telegramUserId: String(ctx.from.id) } })
          .then(success);
        if (settled !== null && settled.actorId !== me.person?.id) {
          await ctx.reply(
            reviewedText(ctx.t, full, settledAnswer(ctx.t, settled, await localeOf(ctx))),
          );
          return undefined;
        }
        await ctx.reply(
          reviewedText(
            ctx.t,
            full,
            ctx.t('review-not-waiting', { state: ctx.t(`state-${cardFieldsOf(full).state}`) }),
          ),
        );
        return undefined;
      }
      await sendPhotos(ctx, ctx.from.id, full);
      const sent = await ctx.reply(fullReviewText(ctx.t, full), {
        reply_markup: fullReviewKeyboard(ctx.t, services.publicUrl, full.id, full.version),
      });
      // Its buttons too go when a colleague decides first.
      await requests.add(sent.chat.id, full.id, sent.message_id);
      return undefined;
    } catch (error) {
      return ctx.answerCallbackQuery({ text: refusal(ctx, error), show_alert: true });
    }
  });

  feature.callbackQuery(/^rv:(ok|ret):(.+):(\d+)$/, async (ctx) => {
    const [, action, id, versionText] = ctx.match;
    if (id === undefined || versionText === undefined) return ctx.answerCallbackQuery();
    const version = Number(versionText);
    const user = ctx.from.id;
    if (action === 'ret') {
      // Decided by a colleague meanwhile: the truth, not a question about a reason.
      try {
        if (await answerSettled(ctx, await loadDetail(services.backend, user, id)))
          return undefined;
      } catch (error) {
        return ctx.answerCallbackQuery({ text: refusal(ctx, error), show_alert: true });
      }
      await ctx.answerCallbackQuery();
      await ctx.conversation.enter('return-reason', id, version);
      return undefined;
    }
    try {
      const done = await success(
        await services.backend.as(user).submissions[':id'].approve.$post({
          param: { id },
          json: {
            noChange: true,
            // DESIGN §3.2: measured from 查看全文, which the API recorded.
            expectedVersion: version,
          },
        }),
      );
      await ctx.answerCallbackQuery({ text: ctx.t('approved') });
      await ctx
        .editMessageText(
          reviewedText(
            ctx.t,
            done,
            ctx.t('approved-note', { state: ctx.t(`state-${cardFieldsOf(done).state}`) }),
          ),
          {
            reply_markup: { inline_keyboard: [] },
          },
        )
        .catch(() => undefined);
      // Issue 19: an optional comment, as a reply to this confirmation within 2 minutes.
      const ask = await ctx.reply(ctx.t('approved-comment-ask', { title: done.title }), {
        reply_markup: {
          force_reply: true,
          input_field_placeholder: ctx.t('approved-comment-placeholder'),
        },
      });
      await links.set('approval', ask.chat.id, ask.message_id, id);
      return undefined;
    } catch (error) {
      if (error instanceof BackendError && error.status < 500) {
        const fresh = await loadDetail(services.backend, user, id);
        // DESIGN §5: a stale button says the truth: who approved or returned it, and when.
        if (await answerSettled(ctx, fresh)) return undefined;
      }
      if (error instanceof BackendError && error.code === 'SUBMISSION.STALE') {
        const fresh = await loadDetail(services.backend, user, id);
        // The item changed after the preview was sent: show the current revision to decide on.
        await ctx.answerCallbackQuery({ text: ctx.t('stale'), show_alert: true });
        await ctx.reply(reviewText(ctx.t, fresh), {
          reply_markup: reviewKeyboard(ctx.t, services.publicUrl, fresh.id, fresh.version),
        });
        return undefined;
      }
      return ctx.answerCallbackQuery({ text: refusal(ctx, error), show_alert: true });
    }
  });

  // A reply to the confirmation of 通过并报送: that approval's comment, if still in time.
  feature.chatType('private').on('message:text', async (ctx, next) => {
    const replied = ctx.message.reply_to_message;
    if (replied === undefined || replied.from?.id !== ctx.me.id) return next();
    const id = await links.get('approval', ctx.chat.id, replied.message_id);
    if (id === null) return next();
    try {
      await success(
        await services.backend.as(ctx.from.id).bot.submissions[':id']['approval-comment'].$post({
          param: { id },
          json: { comment: ctx.message.text },
        }),
      );
      await ctx.reply(ctx.t('approved-comment-done'));
    } catch (error) {
      await ctx.reply(refusal(ctx, error));
    }
    return undefined;
  });

  return feature;
}
