import { z } from 'zod';
import { CATEGORIES } from '@jyxc/domain';
import { decimal } from '../../http/schemas.js';
import {
  CHANNEL_NAME,
  EXTERNAL_ID,
  isChatId,
  isChatUserId,
  TELEGRAM,
  TELEGRAM_USER_ID,
  type ChatUser,
} from '../../shared/chat.js';

export const telegramUserId = z.string().regex(TELEGRAM_USER_ID, '应为 Telegram 用户的数字编号');

/**
 * The chat channel a request is about (DESIGN §4). Requests that name none are Telegram's, the
 * first channel, so that older clients keep working.
 */
export const channel = z
  .string()
  .regex(CHANNEL_NAME, '渠道应为小写字母、数字或连字符，如 telegram、wecom')
  .default(TELEGRAM);

/** A user's or chat's id in its channel; the channel decides its exact form (see `chatUser`). */
const externalId = z.string().regex(EXTERNAL_ID, '编号只能包含字母、数字和符号，最多 128 个字符');

/** A group chat's id in its channel; checked against the channel in {@link withChat}. */
export const chatId = externalId;

/**
 * A chat user named by `channel` + `externalId`, or (Telegram, older clients) by
 * `telegramUserId`: the pair as a {@link ChatUser}, with a message naming the field when the id
 * is missing or does not fit the channel (Telegram's ids are numbers).
 */
function chatUserOf(
  value: { channel: string; externalId?: string | undefined; telegramUserId?: string | undefined },
  ctx: z.RefinementCtx,
): ChatUser | null {
  const id = value.externalId ?? value.telegramUserId;
  const field = value.externalId === undefined ? 'telegramUserId' : 'externalId';
  if (id === undefined) {
    ctx.addIssue({ code: 'custom', path: ['externalId'], message: '请提供用户编号 externalId' });
    return null;
  }
  if (!isChatUserId(value.channel, id)) {
    ctx.addIssue({ code: 'custom', path: [field], message: '应为 Telegram 用户的数字编号' });
    return null;
  }
  return { channel: value.channel, externalId: id };
}

/** Checks a chat id against its channel (Telegram's are numbers, groups' negative). */
function chatIdFits(value: { channel: string; chatId?: string | undefined }, ctx: z.RefinementCtx) {
  if (value.chatId !== undefined && !isChatId(value.channel, value.chatId)) {
    ctx.addIssue({ code: 'custom', path: ['chatId'], message: '应为 Telegram 会话的数字编号' });
    return false;
  }
  return true;
}

export const linkCode = z.string().trim().min(4, '绑定码太短').max(64, '绑定码太长');

export const jsonValue = z.unknown().refine((value) => value !== undefined, '缺少内容');

export const resolveQuery = z
  .object({
    channel,
    externalId: externalId.optional(),
    telegramUserId: externalId.optional(),
    chatId: chatId.optional(),
  })
  .transform((q, ctx) => {
    const named = q.externalId !== undefined || q.telegramUserId !== undefined;
    if (!named && q.chatId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['externalId'],
        message: '请提供 externalId 或 chatId',
      });
      return z.NEVER;
    }
    const user = named ? chatUserOf(q, ctx) : null;
    if ((named && user === null) || !chatIdFits(q, ctx)) return z.NEVER;
    return { channel: q.channel, user, chatId: q.chatId ?? null };
  });

export const personLink = z
  .object({
    code: linkCode,
    channel,
    externalId: externalId.optional(),
    telegramUserId: externalId.optional(),
    /** The user's handle in the channel (a Telegram @username), kept for the console. */
    handle: z.string().trim().min(1).max(64).optional(),
    telegramUsername: z.string().trim().min(1).max(64).optional(),
  })
  .transform((b, ctx) => {
    const user = chatUserOf(b, ctx);
    if (user === null) return z.NEVER;
    return { code: b.code, user, handle: b.handle ?? b.telegramUsername ?? null };
  });

export const groupLink = z
  .object({
    code: linkCode,
    channel,
    chatId,
    title: z.string().trim().max(255, '群名称最多 255 个字符'),
  })
  .refine((b) => isChatId(b.channel, b.chatId), {
    path: ['chatId'],
    message: '应为 Telegram 会话的数字编号',
  });

export const leakedLink = z.object({ code: linkCode, channel, chatId });

/**
 * A group chat the bot can no longer serve under this id (DESIGN §5): it was removed from it,
 * or Telegram turned the group into a supergroup with a new id (`toChatId`).
 */
export const groupChange = z
  .object({
    channel,
    chatId,
    change: z.enum(['removed', 'migrated'], { error: 'change 应为 removed 或 migrated' }),
    toChatId: chatId.optional(),
    /** What the chat said happened, e.g. `kicked` or `left`, kept in the audit entry. */
    status: z.string().trim().min(1).max(32).optional(),
  })
  .transform((b, ctx) => {
    if (!chatIdFits(b, ctx)) return z.NEVER;
    const at = { channel: b.channel, chatId: b.chatId };
    if (b.change === 'removed') return { ...at, change: 'removed' as const, status: b.status };
    if (b.toChatId === undefined || !isChatId(b.channel, b.toChatId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['toChatId'],
        message: '群升级后的新会话编号 toChatId 缺失或格式不对',
      });
      return z.NEVER;
    }
    return { ...at, change: 'migrated' as const, toChatId: b.toChatId };
  });

export const accountParam = z.object({ telegramUserId });

/** A chat user as a path (`/chat-accounts/wecom/zhangsan`): any channel. */
export const chatAccountParam = z
  .object({ channel: z.string().regex(CHANNEL_NAME, '渠道应为小写字母、数字或连字符'), externalId })
  .transform((p, ctx) => chatUserOf(p, ctx) ?? z.NEVER);

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
  /** The channel asking: it gets only the messages whose recipients it reaches (DESIGN §4). */
  channel,
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

export const quickReport = z
  .object({
    channel,
    /** Stable per chat message (e.g. `<chat>:<message>` or an album's media group). */
    idempotencyKey: z
      .string()
      .regex(/^[A-Za-z0-9:_-]{1,200}$/, '请求标识只能包含字母、数字、冒号、下划线和连字符'),
    chatId,
    externalId: externalId.optional(),
    telegramUserId: externalId.optional(),
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
          telegramUserId: externalId.optional(),
          externalId: externalId.optional(),
          label: z.string().trim().min(1).max(100),
        }),
      )
      .max(10, '一次最多提及 10 人')
      .optional(),
  })
  .transform((b, ctx) => {
    const user = chatUserOf(b, ctx);
    if (user === null || !chatIdFits(b, ctx)) return z.NEVER;
    const { externalId: _e, telegramUserId: _t, ...rest } = b;
    return {
      ...rest,
      user,
      mentions: b.mentions?.map((m) => ({
        username: m.username,
        externalId: m.externalId ?? m.telegramUserId,
        label: m.label,
      })),
    };
  });

/** The reviewer's reply after 通过并报送 (issue 19): that approval's comment. */
export const approvalComment = z.object({
  comment: z
    .string({ error: '请填写审核意见' })
    .trim()
    .min(1, '审核意见不能为空')
    .max(1000, '审核意见最多 1000 个字'),
});
