import { readFileSync } from 'node:fs';
import { conversations } from '@grammyjs/conversations';
import { I18n } from '@grammyjs/i18n';
import { sequentialize } from '@grammyjs/runner';
import {
  INCIDENT_SEVERITY_LABELS,
  INCIDENT_SOURCE_LABELS,
  LOCALES,
  SUBMISSION_STATE_LABELS,
  UNIT_STATUS_LABELS,
  type Labels,
  type Locale,
} from '@jyxc/domain';
import { Bot, type Api, type BotConfig } from 'grammy';
import { ApiUnreachableError, success, type Backend } from './backend.js';
import type { BotContext, BotServices, ConversationContext } from './context.js';
import { commands, incidentEndsOnCommand } from './features/commands.js';
import { groupChanges } from './features/group-changes.js';
import { help, unhandled } from './features/help.js';
import { items } from './features/items.js';
import { link } from './features/link.js';
import { privately } from './features/privately.js';
import { quickReport } from './features/quick-report.js';
import { review } from './features/review.js';
import { conversationStorage, draftLinks, NO_CONVERSATION } from './storage.js';

export interface BotDeps extends Pick<BotConfig<BotContext>, 'client' | 'botInfo'> {
  readonly backend: Backend;
  /** The console's origin, for 在后台打开 links. */
  readonly publicUrl: string;
  /** Defaults to getFile and a download from the Bot API server's file root. */
  readonly downloadFile?: (api: Api, fileId: string) => Promise<Uint8Array>;
  readonly now?: () => Date;
  /** Updates per user in a time frame before the bot slows that user down (never drops). */
  readonly rateLimit?: { readonly timeFrame: number; readonly limit: number };
}

const LOCALE_DIR = new URL('../locales/', import.meta.url);

/**
 * The domain's words the sentences take as variables, as Fluent messages `state-draft`,
 * `status-ok`, `severity-major`: the .ftl files hold only the bot's own sentences.
 */
const LABELS: readonly (readonly [prefix: string, labels: Labels<string>])[] = [
  ['state', SUBMISSION_STATE_LABELS],
  ['status', UNIT_STATUS_LABELS],
  ['severity', INCIDENT_SEVERITY_LABELS],
  ['source', INCIDENT_SOURCE_LABELS],
];

/** The label messages of a locale in Fluent syntax, each label a quoted string literal. */
function labelMessages(locale: Locale): string {
  return LABELS.flatMap(([prefix, labels]) =>
    Object.entries(labels[locale]).map(
      ([value, label]) => `${prefix}-${value} = { ${JSON.stringify(label)} }`,
    ),
  ).join('\n');
}

/** zh-CN by default (DESIGN §1); English for people whose Telegram speaks English. */
export function createI18n<C extends ConversationContext = BotContext>() {
  const i18n = new I18n<C>({
    defaultLocale: 'zh-CN',
    // Fluent's bidi isolation marks would show up inside Chinese text and break copy-paste.
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) =>
      ctx.from?.language_code?.toLowerCase().startsWith('en') === true ? 'en' : 'zh-CN',
  });
  for (const locale of LOCALES) {
    const sentences = readFileSync(new URL(`${locale}.ftl`, LOCALE_DIR), 'utf8');
    i18n.loadLocaleSync(locale, { source: `${sentences}\n${labelMessages(locale)}\n` });
  }
  return i18n;
}

/** A redelivered update found already claimed but without a result this long ago was left by a crash. */
const ABANDONED_CLAIM_MS = 60_000;

/** Builds the bot with its features; the unhandled-update feature comes last. */
export function createBot(token: string, deps: BotDeps): Bot<BotContext> {
  const bot = new Bot<BotContext>(token, {
    ...(deps.client === undefined ? {} : { client: deps.client }),
    ...(deps.botInfo === undefined ? {} : { botInfo: deps.botInfo }),
  });
  const apiRoot = deps.client?.apiRoot ?? 'https://api.telegram.org';
  const services: BotServices = {
    backend: deps.backend,
    publicUrl: deps.publicUrl,
    now: deps.now ?? (() => new Date()),
    downloadFile:
      deps.downloadFile === undefined
        ? async (fileId) => {
            const file = await bot.api.getFile(fileId);
            if (file.file_path === undefined)
              throw new Error(`Telegram has no file path for ${fileId}`);
            const response = await fetch(`${apiRoot}/file/bot${token}/${file.file_path}`);
            if (!response.ok) throw new Error(`file download answered ${response.status}`);
            return new Uint8Array(await response.arrayBuffer());
          }
        : (fileId) => deps.downloadFile!(bot.api, fileId),
  };
  const i18n = createI18n();

  // One person's updates in a chat in order (an album's photos, a conversation's answers);
  // everyone else in parallel, so that a busy group does not queue behind one sender.
  bot.use(
    sequentialize((ctx) => [ctx.chat?.id, ctx.from?.id].filter((id) => id !== undefined).join(':')),
  );
  bot.use(async (ctx, next) => {
    ctx.services = services;
    await next();
  });
  bot.use(i18n);
  bot.use(
    slowDown(deps.rateLimit?.timeFrame ?? 10_000, deps.rateLimit?.limit ?? 30, (ctx) =>
      ctx.from?.id.toString(),
    ),
  );
  bot.use(claimOnce(deps.backend, services.now));

  const features = bot.errorBoundary(async (error) => {
    console.error(`[bot] update ${error.ctx.update.update_id} failed:`, error.error);
    const ctx = error.ctx;
    await tellSender(
      ctx,
      ctx.t(error.error instanceof ApiUnreachableError ? 'api-unreachable' : 'error'),
    );
  });
  features.use(
    conversations<BotContext, ConversationContext>({
      storage: {
        type: 'key',
        // Conversations happen in direct messages only; a group never has one to read.
        getStorageKey: (ctx) =>
          ctx.chat?.type === 'private' ? String(ctx.chat.id) : NO_CONVERSATION,
        adapter: conversationStorage(deps.backend),
      },
      plugins: [createI18n<ConversationContext>()],
    }),
  );
  features.use(groupChanges);
  const links = draftLinks(deps.backend);
  // Before every command: a command sent while a return reason (issue 14) or an answer to /yq
  // is awaited ends that wait first, and is then handled as the command it is.
  features.use(review(services, links));
  features.use(incidentEndsOnCommand);
  features.use(link);
  features.use(help);
  features.use(privately);
  features.use(items(services, links));
  features.use(commands(services));
  features.use(quickReport(links));
  features.use(unhandled);

  bot.catch((error) => {
    console.error(`[bot] update ${error.ctx.update.update_id} failed:`, error.error);
  });
  return bot;
}

/**
 * Telegram redelivers updates (DESIGN §5): each is claimed through the API once; a
 * redelivery is dropped, unless its first handling died before recording that it finished.
 */
function claimOnce(backend: Backend, now: () => Date) {
  return async (ctx: BotContext, next: () => Promise<void>) => {
    const updateId = `${ctx.me.id}-${ctx.update.update_id}`;
    const updates = backend.service.bot.updates[':updateId'];
    let claim;
    try {
      // A brief API outage is retried inside the backend; past that the sender is told.
      claim = await success(await updates.claim.$post({ param: { updateId } }));
    } catch (error) {
      console.error(`[bot] update ${ctx.update.update_id} could not be claimed:`, error);
      await tellSender(ctx, ctx.t('api-unreachable'));
      return;
    }
    if (!claim.firstTime) {
      const abandoned =
        claim.result === null && now().getTime() - Date.parse(claim.claimedAt) > ABANDONED_CLAIM_MS;
      if (!abandoned) return;
    }
    await next();
    await success(
      await updates.result.$post({ param: { updateId }, json: { result: { handled: true } } }),
    );
  };
}

/** Answers whoever sent an update, in their chat or on the button they pressed; never throws. */
async function tellSender(ctx: BotContext, text: string): Promise<void> {
  if (ctx.callbackQuery !== undefined) {
    await ctx.answerCallbackQuery({ text, show_alert: true }).catch(() => undefined);
  } else if (ctx.chat !== undefined) {
    await ctx.reply(text).catch(() => undefined);
  }
}

/**
 * At most `limit` updates of one user in `timeFrame` ms are handled at once; later ones wait
 * for room instead of being dropped (DESIGN §5: a rate limit slows answers and never drops
 * messages). Updates of one person in one chat stay in order (sequentialize runs first).
 */
export function slowDown(
  timeFrame: number,
  limit: number,
  keyOf: (ctx: BotContext) => string | undefined,
) {
  const recent = new Map<string, number[]>();
  return async (ctx: BotContext, next: () => Promise<void>) => {
    const key = keyOf(ctx);
    if (key === undefined) return next();
    for (;;) {
      const now = Date.now();
      const times = (recent.get(key) ?? []).filter((t) => now - t < timeFrame);
      if (times.length < limit) {
        times.push(now);
        recent.set(key, times);
        break;
      }
      recent.set(key, times);
      await new Promise((resolve) => setTimeout(resolve, times[0]! + timeFrame - now));
    }
    // Forget users who went quiet, so that the map does not grow with every sender.
    if (recent.size > 10_000) {
      const now = Date.now();
      for (const [k, times] of recent) {
        if (times.every((t) => now - t >= timeFrame)) recent.delete(k);
      }
    }
    return next();
  };
}

/** The command menu in both languages (DESIGN §5: `setMyCommands` in zh-CN and English). */
export async function setCommands(api: Api): Promise<void> {
  const i18n = createI18n();
  const names = ['kb', 'my', 'rank', 'yq', 'bindgroup', 'links', 'help'] as const;
  const list = (locale: string) =>
    names.map((command) => ({ command, description: i18n.t(locale, `command-${command}`) }));
  await api.setMyCommands(list('zh-CN'));
  await api.setMyCommands(list('zh-CN'), { language_code: 'zh' });
  await api.setMyCommands(list('en'), { language_code: 'en' });
}
