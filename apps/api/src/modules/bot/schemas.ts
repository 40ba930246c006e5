import { z } from 'zod';
import { CATEGORIES } from '@jyxc/domain';
import { TELEGRAM_USER_ID } from '../../http/bot-token.js';
import { decimal } from '../../http/schemas.js';

export const telegramUserId = z.string().regex(TELEGRAM_USER_ID, '应为 Telegram 用户的数字编号');

/** Group and supergroup chat ids are negative; a private chat's id is the user's. */
export const chatId = z.string().regex(/^-?[1-9]\d{0,19}$/, '应为 Telegram 会话的数字编号');

export const linkCode = z.string().trim().min(4, '绑定码太短').max(64, '绑定码太长');

export const jsonValue = z.unknown().refine((value) => value !== undefined, '缺少内容');

export const resolveQuery = z
  .object({ telegramUserId: telegramUserId.optional(), chatId: chatId.optional() })
  .refine((q) => q.telegramUserId !== undefined || q.chatId !== undefined, {
    message: '请提供 telegramUserId 或 chatId',
  });

export const personLink = z.object({
  code: linkCode,
  telegramUserId,
  telegramUsername: z.string().trim().min(1).max(64).optional(),
});

export const groupLink = z.object({
  code: linkCode,
  chatId,
  title: z.string().trim().max(255, '群名称最多 255 个字符'),
});

export const leakedLink = z.object({ code: linkCode, chatId });

export const accountParam = z.object({ telegramUserId });

export const updateParam = z.object({
  updateId: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,100}$/, '更新编号只能包含字母、数字、冒号、下划线和连字符'),
});

export const sessionParam = z.object({
  key: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{1,200}$/, '会话键只能包含字母、数字、冒号、点、下划线和连字符'),
});

export const outboxQuery = z.object({
  limit: decimal(z.number().int('须为整数').min(1, '至少 1 条').max(100, '最多 100 条')).default(
    20,
  ),
});

export const outboxParam = z.object({ id: z.string().trim().min(1).max(64) });

export const failure = z.object({
  error: z.string().trim().min(1, '请说明失败原因').max(500, '失败原因最多 500 个字符'),
  /** Telegram's `retry_after` of a 429. */
  retryAfterSeconds: z.number().int('须为整数').min(1).max(86_400).optional(),
  /** Telegram refuses for good (403: the user blocked the bot). */
  permanent: z.boolean().optional(),
});

export const quickReport = z.object({
  /** Stable per Telegram message (e.g. `<chat>:<message>` or an album's media group). */
  idempotencyKey: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,200}$/, '请求标识只能包含字母、数字、冒号、下划线和连字符'),
  chatId,
  telegramUserId,
  messageId: z
    .string()
    .regex(/^\d{1,20}$/, '应为 Telegram 消息编号')
    .optional(),
  messageDate: z.iso.datetime({
    offset: true,
    message: '请使用 ISO 8601 时间，如 2026-05-10T08:00:00+08:00',
  }),
  text: z.string().trim().min(1, '快报没有内容').max(20_000, '快报最多 20000 个字'),
  category: z.enum(CATEGORIES).optional(),
  photos: z
    .array(
      z.object({
        fileId: z.string().trim().min(1).max(200),
        bytes: z.base64('图片内容应为 base64 编码').min(1, '图片内容为空'),
      }),
    )
    .max(10, '一次最多 10 张图片')
    .optional(),
  /**
   * The people the report @-mentions, to be its co-authors (rules §5.5): by Telegram username
   * (`@name`) or, for a mention of a user without one, by Telegram user id; `label` is how the
   * mention read in the message, to name one that could not be resolved.
   */
  mentions: z
    .array(
      z.object({
        username: z
          .string()
          .regex(/^[A-Za-z0-9_]{3,32}$/, '应为 Telegram 用户名')
          .optional(),
        telegramUserId: telegramUserId.optional(),
        label: z.string().trim().min(1).max(100),
      }),
    )
    .max(10, '一次最多提及 10 人')
    .optional(),
});

/** The reviewer's reply after 通过并报送 (issue 19): that approval's comment. */
export const approvalComment = z.object({
  comment: z
    .string({ error: '请填写审核意见' })
    .trim()
    .min(1, '审核意见不能为空')
    .max(1000, '审核意见最多 1000 个字'),
});
