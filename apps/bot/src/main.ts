import { createBot } from './bot.js';
import { loadBotEnv } from './env.js';

try {
  const env = loadBotEnv();
  const bot = createBot(env.token);
  const stop = () => void bot.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await bot.start({ onStart: (info) => console.log(`Telegram bot @${info.username} is running`) });
} catch (error) {
  console.error(`机器人启动失败 / Bot cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
