export { createBot, type BotDeps } from './bot.js';
export type { BotContext } from './context.js';
