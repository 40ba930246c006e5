import { createConversation, type Conversation } from '@grammyjs/conversations';
import {
  INCIDENT_SEVERITIES,
  isLocale,
  parsePeriodKey,
  periodLabel,
  splitQuickReport,
} from '@jyxc/domain';
import { Composer, InlineKeyboard } from 'grammy';
import { BackendError, success } from '../backend.js';
import type { BotContext, BotServices, ConversationContext } from '../context.js';
import { shanghaiTime } from '../text.js';
import { refusal } from './errors.js';
import { myKeyboard } from './items.js';

/** `/my`, `/rank` and `/yq` (DESIGN §5), each as the linked person. */

type IncidentConversation = Conversation<BotContext, ConversationContext>;

const CANCEL = /^\s*(?:\/?cancel|取消)\s*$/i;
const NO_LINK = /^\s*(?:无|没有|no|none|-)\s*$/i;

async function linkedPerson(services: BotServices, telegramUserId: number) {
  const resolved = await success(
    await services.backend.service.bot.resolve.$get({
      query: { telegramUserId: String(telegramUserId) },
    }),
  );
  return resolved.person;
}

function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

export function commands(services: BotServices) {
  const feature = new Composer<BotContext>();

  feature.command('my', async (ctx) => {
    const user = ctx.from?.id;
    if (user === undefined) return undefined;
    if ((await linkedPerson(services, user)) === null) return ctx.reply(ctx.t('unlinked-user'));
    try {
      const page = await success(
        await services.backend
          .as(user)
          .submissions.$get({ query: { author: 'me', pageSize: '10' } }),
      );
      if (page.items.length === 0) return ctx.reply(ctx.t('my-empty'));
      const lines = page.items.map((item, index) =>
        ctx.t('my-item', {
          n: index + 1,
          title: item.title,
          state: ctx.t(`state-${item.state}`),
          at: shanghaiTime(item.createdAt),
        }),
      );
      return ctx.reply(
        `${ctx.t('my-header', { total: page.total })}\n${lines.join('\n')}\n\n${ctx.t('my-next')}`,
        // Issue 14: each item can be opened, a forgotten draft submitted, an item withdrawn.
        { reply_markup: myKeyboard(ctx.t, page.items) },
      );
    } catch (error) {
      return ctx.reply(refusal(ctx, error));
    }
  });

  feature.command('rank', async (ctx) => {
    const user = ctx.from?.id;
    if (user === undefined) return undefined;
    const person = await linkedPerson(services, user);
    if (person === null) return ctx.reply(ctx.t('unlinked-user'));
    try {
      const result = await success(await services.backend.as(user).evaluation.$get({ query: {} }));
      // A school's items count for its township center (DESIGN §3.4): find the unit it writes for.
      const unit =
        result.units.find((u) => u.unitId === person.unit.id) ??
        result.units.find((u) => (u.writers ?? []).some((w) => w.unitId === person.unit.id));
      if (unit === undefined)
        return ctx.reply(ctx.t('rank-not-evaluated', { unit: person.unit.name }));
      const ranked = result.units.filter((u) => u.rank !== null).length;
      const locale = await ctx.i18n.getLocale();
      const period = parsePeriodKey(result.period);
      return ctx.reply(
        ctx.t('rank', {
          period: period.ok
            ? periodLabel(period.value, isLocale(locale) ? locale : 'zh-CN')
            : result.period,
          unit: unit.name,
          rank: unit.rank === null ? '-' : String(unit.rank),
          of: ranked,
          score: Math.round(unit.score * 100) / 100,
          submitted: unit.quota.submitted,
          submittedTarget: unit.quota.target.submitted,
          adopted: unit.quota.adopted,
          adoptedTarget: unit.quota.target.adopted,
          completion: percent(unit.quota.completion),
          status: ctx.t(`status-${unit.status}`),
        }),
      );
    } catch (error) {
      return ctx.reply(refusal(ctx, error));
    }
  });

  /** `/yq`: severity, what happened, where it was seen; then the incident is registered. */
  async function incident(conversation: IncidentConversation, ctx: ConversationContext) {
    const user = ctx.from?.id;
    if (user === undefined) return;
    const person = await conversation.external(() => linkedPerson(services, user));
    if (person === null) {
      await ctx.reply(ctx.t('unlinked-user'));
      return;
    }
    const keyboard = new InlineKeyboard();
    for (const severity of INCIDENT_SEVERITIES)
      keyboard.text(ctx.t(`severity-${severity}`), `yq:${severity}`);
    await ctx.reply(ctx.t('yq-severity'), { reply_markup: keyboard });
    const picked = await conversation.waitForCallbackQuery(
      INCIDENT_SEVERITIES.map((s) => `yq:${s}`),
      {
        otherwise: async (other) => {
          if (other.message?.text !== undefined && CANCEL.test(other.message.text)) {
            await other.reply(other.t('yq-cancelled'));
            await conversation.halt();
          }
          await other.reply(other.t('yq-severity-again'));
        },
      },
    );
    const severity =
      INCIDENT_SEVERITIES.find((s) => picked.callbackQuery.data === `yq:${s}`) ?? 'general';
    await picked.answerCallbackQuery();
    await picked.reply(picked.t('yq-summary', { severity: picked.t(`severity-${severity}`) }));
    const summaryAnswer = await conversation.waitFor('message:text', {
      otherwise: (other) => other.reply(other.t('yq-summary-again')),
    });
    const summaryText = summaryAnswer.message.text.trim();
    if (CANCEL.test(summaryText)) {
      await summaryAnswer.reply(summaryAnswer.t('yq-cancelled'));
      return;
    }
    await summaryAnswer.reply(summaryAnswer.t('yq-link'));
    const linkAnswer = await conversation.waitFor('message:text', {
      otherwise: (other) => other.reply(other.t('yq-link')),
    });
    const linkText = linkAnswer.message.text.trim();
    if (CANCEL.test(linkText)) {
      await linkAnswer.reply(linkAnswer.t('yq-cancelled'));
      return;
    }
    const linkValue = NO_LINK.test(linkText) ? null : linkText;
    const { title } = splitQuickReport(summaryText);
    // The bot's clock (the API's too), recorded once so that replays of the conversation agree.
    const now = await conversation.external(() => services.now().getTime());
    const outcome = await conversation.external(async () => {
      try {
        const created = await success(
          await services.backend.as(user).incidents.$post({
            json: {
              unitId: person.unit.id,
              title,
              source: linkValue === null ? 'other' : 'online',
              link: linkValue,
              summary: summaryText,
              severity,
              discoveredAt: new Date(now).toISOString(),
              responsiblePersonId: person.id,
            },
          }),
        );
        return { ok: true as const, id: created.id };
      } catch (error) {
        if (error instanceof BackendError && error.status < 500) {
          return {
            ok: false as const,
            status: error.status,
            code: error.code,
            message: error.message,
          };
        }
        throw error;
      }
    });
    if (!outcome.ok) {
      await linkAnswer.reply(
        refusal(linkAnswer, new BackendError(outcome.status, outcome.code, outcome.message)),
      );
      return;
    }
    await linkAnswer.reply(
      linkAnswer.t('yq-done', { title, severity: linkAnswer.t(`severity-${severity}`) }),
    );
  }

  feature.use(createConversation(incident, 'incident'));

  feature.command('yq', async (ctx) => {
    if (ctx.chat.type !== 'private') return ctx.reply(ctx.t('yq-private-only'));
    await ctx.conversation.enter('incident');
    return undefined;
  });

  return feature;
}
