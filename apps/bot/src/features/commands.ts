import { createConversation, type Conversation } from '@grammyjs/conversations';
import {
  INCIDENT_SEVERITIES,
  isLocale,
  type IncidentSource,
  parsePeriodKey,
  periodLabel,
  splitQuickReport,
} from '@jyxc/domain';
import { Composer, InlineKeyboard } from 'grammy';
import { BackendError, success } from '../backend.js';
import type { BotContext, BotServices, ConversationContext } from '../context.js';
import { CANCEL, COMMAND, shanghaiTime } from '../text.js';
import { refusal } from './errors.js';
import { myKeyboard } from './items.js';

/** `/my`, `/rank` and `/yq` (DESIGN §5), each as the linked person. */

type IncidentConversation = Conversation<BotContext, ConversationContext>;

const NO_LINK = /^\s*(?:无|没有|no|none|-)\s*$/i;

async function linkedPerson(services: BotServices, telegramUserId: number) {
  const resolved = await success(
    await services.backend.service.bot.resolve.$get({
      query: { telegramUserId: String(telegramUserId) },
    }),
  );
  return resolved.person;
}

/** Where an incident was seen, read from the officer's answer. */
interface IncidentWhere {
  readonly source: IncidentSource;
  readonly link: string | null;
  /** A platform or place named instead of a link (抖音, 微信群). */
  readonly place: string | null;
}

/** Words that name where an incident was seen, by the register's source (DESIGN §3.6). */
const SOURCE_WORDS: readonly (readonly [RegExp, IncidentSource])[] = [
  [/信访|来信|来访/, 'petition'],
  [/12345|热线|市长信箱/, 'hotline'],
  [/报纸|报社|电视|电台|广播|记者|媒体/, 'media'],
  [
    /抖音|快手|微信|朋友圈|公众号|视频号|微博|小红书|今日头条|头条|贴吧|百度|知乎|B站|哔哩|QQ|论坛|网站|网页|网络|app/i,
    'online',
  ],
];

/** A link, a platform's or a channel's name, or nothing (无). */
export function sourceOf(answer: string): IncidentWhere {
  const text = answer.trim();
  if (text === '' || NO_LINK.test(text)) return { source: 'other', link: null, place: null };
  if (/^https?:\/\/\S+$/i.test(text)) return { source: 'online', link: text, place: null };
  const place = text.slice(0, 100);
  const known = SOURCE_WORDS.find(([words]) => words.test(text));
  return { source: known?.[1] ?? 'other', link: null, place };
}

function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

/**
 * A command sent while /yq waits for an answer is never taken for one (an officer who types
 * /help midway would otherwise find the next message registered as the incident): the
 * registration ends with nothing registered, and the command is then handled as such. Goes
 * before every command; /cancel is the registration's own answer.
 */
export const incidentEndsOnCommand = new Composer<BotContext>();
incidentEndsOnCommand.on('message:text', async (ctx, next) => {
  const text = ctx.message.text;
  if (COMMAND.test(text) && !CANCEL.test(text) && ctx.conversation.active('incident') > 0) {
    await ctx.conversation.exit('incident');
    await ctx.reply(ctx.t('yq-cancelled'));
  }
  await next();
});

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

  /**
   * `/yq`: severity, what happened, where it was seen (a link, a platform's name or a
   * screenshot); a summary to confirm; then the incident is registered and can be reported to
   * the bureau at once (DESIGN §3.6). Nothing is written before 确认登记.
   */
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
    const whereAnswer = await conversation.waitFor(['message:text', 'message:photo'], {
      otherwise: (other) => other.reply(other.t('yq-link')),
    });
    const photos = whereAnswer.message.photo;
    const screenshot = photos === undefined ? null : (photos[photos.length - 1]?.file_id ?? null);
    const whereText = (whereAnswer.message.text ?? whereAnswer.message.caption ?? '').trim();
    if (CANCEL.test(whereText)) {
      await whereAnswer.reply(whereAnswer.t('yq-cancelled'));
      return;
    }
    const where = sourceOf(whereText);
    const { title } = splitQuickReport(summaryText);
    const sourceName = whereAnswer.t(`source-${where.source}`);
    const placeLine =
      where.place === null ? '' : `\n${whereAnswer.t('yq-place-line', { place: where.place })}`;
    await whereAnswer.reply(
      whereAnswer.t('yq-confirm', {
        title,
        severity: whereAnswer.t(`severity-${severity}`),
        source: sourceName,
        where:
          where.link ??
          where.place ??
          whereAnswer.t(screenshot === null ? 'yq-where-none' : 'yq-where-screenshot'),
        screenshot: screenshot === null ? 'no' : 'yes',
      }),
      {
        reply_markup: new InlineKeyboard()
          .text(whereAnswer.t('btn-yq-confirm'), 'yq:confirm')
          .text(whereAnswer.t('btn-yq-cancel'), 'yq:cancel'),
      },
    );
    const decided = await conversation.waitForCallbackQuery(['yq:confirm', 'yq:cancel'], {
      otherwise: async (other) => {
        if (other.message?.text !== undefined && CANCEL.test(other.message.text)) {
          await other.reply(other.t('yq-cancelled'));
          await conversation.halt();
        }
        await other.reply(other.t('yq-confirm-again'));
      },
    });
    await decided.answerCallbackQuery();
    await decided.editMessageReplyMarkup().catch(() => undefined);
    if (decided.callbackQuery.data === 'yq:cancel') {
      await decided.reply(decided.t('yq-cancelled'));
      return;
    }
    // The bot's clock (the API's too), recorded once so that replays of the conversation agree.
    const now = await conversation.external(() => services.now().getTime());
    const outcome = await conversation.external(async () => {
      try {
        const created = await success(
          await services.backend.as(user).incidents.$post({
            json: {
              unitId: person.unit.id,
              title,
              source: where.source,
              link: where.link,
              summary: `${summaryText}${placeLine}`,
              severity,
              discoveredAt: new Date(now).toISOString(),
              responsiblePersonId: person.id,
            },
          }),
        );
        if (screenshot !== null) {
          await services.backend.upload(user, `/api/incidents/${created.id}/screenshot`, {
            filename: `telegram-${screenshot.slice(-12)}.jpg`,
            bytes: await services.downloadFile(screenshot),
          });
        }
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
      await decided.reply(
        refusal(decided, new BackendError(outcome.status, outcome.code, outcome.message)),
      );
      return;
    }
    await decided.reply(
      decided.t('yq-done', { title, severity: decided.t(`severity-${severity}`) }),
      {
        reply_markup: new InlineKeyboard().text(
          decided.t('btn-yq-report'),
          `yq:report:${outcome.id}`,
        ),
      },
    );
  }

  feature.use(createConversation(incident, 'incident'));

  // 立即上报 under a registered incident: the same step as 上报 in the console (DESIGN §3.6).
  feature.callbackQuery(/^yq:report:(.+)$/, async (ctx) => {
    const id = ctx.match[1] ?? '';
    try {
      const done = await success(
        await services.backend.as(ctx.from.id).incidents[':id'].transitions.$post({
          param: { id },
          json: { command: 'report', note: ctx.t('yq-reported-note') },
        }),
      );
      await ctx.answerCallbackQuery({ text: ctx.t('yq-reported') });
      await ctx.editMessageReplyMarkup().catch(() => undefined);
      return ctx.reply(ctx.t('yq-reported-done', { title: done.title }));
    } catch (error) {
      return ctx.answerCallbackQuery({ text: refusal(ctx, error), show_alert: true });
    }
  });

  feature.command('yq', async (ctx) => {
    if (ctx.chat.type !== 'private') return ctx.reply(ctx.t('yq-private-only'));
    await ctx.conversation.enter('incident');
    return undefined;
  });

  return feature;
}
