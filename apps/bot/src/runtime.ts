import type { Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Backend } from './backend.js';
import { createBot, createI18n, setCommands } from './bot.js';
import type { BotContext } from './context.js';
import { createDelivery } from './delivery.js';
import type { BotEnv } from './env.js';

/** What both ways of running the bot (polling, webhook on the API's port) share. */

/**
 * The bot as the product runs it. `bot.init()` (getMe) is the caller's: it fails on a wrong
 * token and waits, retrying, while Telegram cannot be reached.
 */
export function createProductBot(env: BotEnv, backend: Backend): Bot<BotContext> {
  return createBot(env.token, {
    backend,
    publicUrl: env.publicUrl,
    ...(env.apiRoot === undefined ? {} : { client: { apiRoot: env.apiRoot } }),
  });
}

/**
 * The one line to log when the bot cannot read group messages (DESIGN §5: at start the bot
 * checks it and says how to fix it): with privacy mode on it sees only commands and replies to
 * itself in groups, so `#快报` and album photos after the first never reach it.
 */
export function privacyModeWarning(me: UserFromGetMe): string | null {
  if (me.can_read_all_group_messages) return null;
  return `[bot] @${me.username} cannot read group messages (privacy mode is on): #快报 and album photos after the first are not seen. Fix: make the bot an administrator of each work group, or in @BotFather send /setprivacy, choose @${me.username}, then Disable, and remove and re-add the bot to the groups. See docs/bot-guide.md.`;
}

/** Sets the command menu; a failure is logged, the bot works without it. */
export async function setCommandMenu(bot: Bot<BotContext>): Promise<void> {
  await setCommands(bot.api).catch((error: unknown) => {
    console.error(
      `[bot] the command menu was not set: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
}

/** Starts delivering the notification outbox; `stop()` finishes the message in hand. */
export function startDelivery(bot: Bot<BotContext>, backend: Backend, env: BotEnv) {
  const i18n = createI18n();
  return createDelivery({
    api: bot.api,
    backend,
    publicUrl: env.publicUrl,
    translate: (locale, key, vars) => i18n.t(locale, key, vars),
    intervalMs: env.outboxIntervalMs,
  }).start();
}
