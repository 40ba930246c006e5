import { Composer } from 'grammy';
import type { BotContext } from '../context.js';

export const HELP_TEXT = [
  '教育信息宣传工作平台机器人',
  '',
  '1. 在后台“单位与人员”页面生成绑定码，然后私聊我发送 /start 绑定码，绑定您的账号。',
  '2. 单位工作群的管理员在群里发送 /bindgroup 绑定码，绑定单位工作群。',
  '3. 绑定后，在群里发送 /kb 加上文字和图片即可生成快报草稿。',
  '',
  '/help 查看本说明',
].join('\n');

/** `/help` and `/start` without a code: what the bot is and what to do next. */
export const help = new Composer<BotContext>();
help.command(['help', 'start'], (ctx) => ctx.reply(HELP_TEXT));
