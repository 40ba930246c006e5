import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { createMiddleware } from 'hono/factory';
import type { AppDeps, AppEnv } from '../context.js';
import { ServiceError } from '../shared/errors.js';
import { actorForChatUser } from '../modules/auth/service.js';
import {
  CHANNEL_NAME,
  checkedChatUserId,
  EXTERNAL_ID,
  TELEGRAM,
  type ChatUser,
} from '../shared/chat.js';

export type { ChatUser };

/**
 * The header with which a chat adapter names the user it acts for, with the channel first
 * (DESIGN §4: a chat identity is the pair channel and id in that channel): `telegram:7000001`.
 */
export const CHAT_USER_HEADER = 'X-Chat-User';

/** The older, Telegram-only header; read when `X-Chat-User` is absent. */
export const TELEGRAM_USER_HEADER = 'X-Telegram-User';

/**
 * Reads `X-Chat-User` (`<channel>:<id>`), or the older `X-Telegram-User`; null when neither is
 * sent. A malformed value is refused with 400, naming the header.
 */
export function chatUserOf(chatUser: string | undefined, telegramUser: string | undefined) {
  if (chatUser !== undefined && chatUser !== '') {
    const at = chatUser.indexOf(':');
    const channel = chatUser.slice(0, at);
    const externalId = chatUser.slice(at + 1);
    if (at < 0 || !CHANNEL_NAME.test(channel) || !EXTERNAL_ID.test(externalId)) {
      throw new ServiceError(
        'malformed',
        'BOT.BAD_CHAT_USER',
        `${CHAT_USER_HEADER} 应为“渠道:用户编号”，如 telegram:7000001`,
      );
    }
    return { channel, externalId: checkedChatUserId(channel, externalId, CHAT_USER_HEADER) };
  }
  if (telegramUser !== undefined && telegramUser !== '') {
    return {
      channel: TELEGRAM,
      externalId: checkedChatUserId(TELEGRAM, telegramUser, TELEGRAM_USER_HEADER),
    };
  }
  return null;
}

/**
 * Compares a presented token with the configured one in constant time. Both are hashed first,
 * so neither the length nor any prefix of the secret can be learned from the timing.
 */
export function isBotToken(presented: string, configured: string | undefined): boolean {
  if (configured === undefined || configured === '') return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(configured).digest();
  return timingSafeEqual(a, b);
}

function bearerOf(header: string | undefined): string | null {
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/**
 * CSRF protection for cookie-authenticated requests only. A request carrying a bearer token
 * cannot come from another site's form (a browser never adds that header to one), and the bot
 * middleware ignores any cookie on it, so it is let through — the bot's body-less POSTs
 * (claims, acknowledgements) would otherwise be taken for a form post.
 */
export function csrfExceptBearer(): MiddlewareHandler {
  const guard = csrf();
  return async (c, next) => {
    if (bearerOf(c.req.header('Authorization')) !== null) {
      await next();
      return;
    }
    return guard(c, next);
  };
}

/**
 * Mounted after the session middleware. A request with `Authorization: Bearer <token>` is the
 * bot: a wrong token (or any bearer token while none is configured) is refused with 401. The
 * bot acts for the person linked to the chat user of `X-Chat-User`, so every route applies that person's
 * permissions and nothing more (DESIGN §4: the bot passes the same checks); without a linked
 * person it acts as nobody, and protected routes answer 401 `BOT.UNLINKED_USER`.
 */
export function botTokenMiddleware(deps: AppDeps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = bearerOf(c.req.header('Authorization'));
    if (token === null) {
      await next();
      return;
    }
    if (!isBotToken(token, deps.botToken)) {
      throw new ServiceError('unauthenticated', 'BOT.TOKEN_INVALID', '机器人服务令牌无效');
    }
    // A bot request never rides on a console session that may travel with it.
    c.set('via', 'bot');
    c.set('actor', null);
    const user = chatUserOf(c.req.header(CHAT_USER_HEADER), c.req.header(TELEGRAM_USER_HEADER));
    // Any channel: the API knows no channel in particular (DESIGN §4).
    if (user !== null) c.set('actor', await actorForChatUser(deps.db, user));
    await next();
  });
}
