import { createConversation, type Conversation } from '@grammyjs/conversations';
import { Composer } from 'grammy';
import { BackendError, success } from '../backend.js';
import type { BotContext, BotServices, ConversationContext } from '../context.js';
import {
  cardFieldsOf,
  fullReviewKeyboard,
  fullReviewText,
  loadDetail,
  reviewKeyboard,
  reviewText,
} from '../drafts.js';
import { refusal } from './errors.js';

/**
 * Review from a direct message (DESIGN §5): 通过并报送 signs off the exact revision the
 * reviewer was shown (DESIGN §3.2), 退回 asks for the reason first, 在后台打开 is a link.
 */

type ReviewConversation = Conversation<BotContext, ConversationContext>;

const CANCEL = /^\s*(?:\/?cancel|取消)\s*$/i;
const COMMAND = /^\/[A-Za-z]/;

export function review(services: BotServices) {
  const feature = new Composer<BotContext>();

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
        await ctx.reply(reviewText(ctx.t, full));
        return undefined;
      }
      await ctx.reply(fullReviewText(ctx.t, full), {
        reply_markup: fullReviewKeyboard(ctx.t, services.publicUrl, full.id, full.version),
      });
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
          `${reviewText(ctx.t, done)}\n\n${ctx.t('approved-note', { state: ctx.t(`state-${cardFieldsOf(done).state}`) })}`,
          {
            reply_markup: { inline_keyboard: [] },
          },
        )
        .catch(() => undefined);
      return undefined;
    } catch (error) {
      if (error instanceof BackendError && error.code === 'SUBMISSION.STALE') {
        const fresh = await loadDetail(services.backend, user, id);
        // DESIGN §5: a stale button says the truth. Another reviewer already approved it.
        const signed = [...fresh.signOffs].reverse().find((o) => !o.voided);
        if (!fresh.allowedCommands.includes('approve') && signed !== undefined) {
          await ctx.answerCallbackQuery({
            text: ctx.t('already-approved', { name: signed.reviewer?.name ?? '' }),
            show_alert: true,
          });
          await ctx
            .editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } })
            .catch(() => undefined);
          return undefined;
        }
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

  return feature;
}
