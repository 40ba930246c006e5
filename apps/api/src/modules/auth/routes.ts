import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import { ROLES, UNIT_KINDS } from '@jyxc/domain';
import { z } from 'zod';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_COOKIE, login, revokeSession } from './service.js';
import type { Actor, AppEnv } from '../../context.js';
import { clientAddress } from '../../http/client-address.js';
import { requireActor } from '../../http/session-middleware.js';
import { validate } from '../../http/validate.js';
import { credentials } from './schemas.js';

function publicUser(actor: Actor) {
  return {
    id: actor.personId,
    name: actor.name,
    username: actor.username,
    unit: actor.unit,
    roles: actor.roles,
  };
}

function isSecure(url: string, forwardedProto: string | undefined): boolean {
  return url.startsWith('https:') || forwardedProto === 'https';
}

/** The signed-in person as login and /auth/me answer. */
const userAnswer = z.object({
  user: z.object({
    id: z.string(),
    name: z.string(),
    username: z.string(),
    unit: z.object({ id: z.string(), name: z.string(), kind: z.enum(UNIT_KINDS) }),
    roles: z.array(z.enum(ROLES)),
  }),
});

const json = (schema: z.ZodType) => ({ 'application/json': { schema: resolver(schema) } });

export const auth = new Hono<AppEnv>()
  .post(
    '/login',
    describeRoute({
      tags: ['登录'],
      summary: '登录（设置会话 Cookie）；失败次数过多时按用户名与地址、按地址锁定',
      security: [],
      responses: {
        200: { description: '登录成功', content: json(userAnswer) },
        401: { description: '用户名或密码不正确（AUTH.INVALID_CREDENTIALS）' },
        429: { description: '失败次数过多，暂时锁定（AUTH.LOCKED、AUTH.CLIENT_LIMITED）' },
      },
    }),
    validate('json', credentials),
    async (c) => {
      const { db, now } = c.var.deps;
      const { username, password } = c.req.valid('json');
      const { actor, session } = await login(db, now(), {
        username,
        password,
        userAgent: c.req.header('user-agent'),
        address: clientAddress(c),
        previousToken: getCookie(c, SESSION_COOKIE),
      });
      setCookie(c, SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'Lax',
        path: '/',
        secure: isSecure(c.req.url, c.req.header('x-forwarded-proto')),
        expires: session.expiresAt,
      });
      return c.json({ user: publicUser(actor) }, 200);
    },
  )
  .get(
    '/me',
    describeRoute({
      tags: ['登录'],
      summary: '当前登录的人员',
      responses: { 200: { description: '当前人员', content: json(userAnswer) } },
    }),
    (c) => c.json({ user: publicUser(requireActor(c.var.actor)) }, 200),
  )
  .post(
    '/logout',
    describeRoute({
      tags: ['登录'],
      summary: '退出登录（结束会话并清除 Cookie；无会话时也成功）',
      security: [],
      responses: {
        200: { description: '已退出', content: json(z.object({ ok: z.literal(true) })) },
      },
    }),
    async (c) => {
      const { db, now } = c.var.deps;
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await revokeSession(db, token, now());
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true as const }, 200);
    },
  );
