import type { Context } from 'grammy';

/** The one context type of every feature. */
export type BotContext = Context;
