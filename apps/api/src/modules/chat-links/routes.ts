import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AppEnv } from '../../context.js';
import { recordIdParam } from '../../http/schemas.js';
import { serviceContext } from '../../http/service-context.js';
import { validate } from '../../http/validate.js';
import { listChatBindings, unbindGroup, unlinkAccount } from './service.js';

const TAGS = ['单位与人员'];

export const chatLinks = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      tags: TAGS,
      summary: '已绑定的聊天账号和工作群（渠道、单位、绑定人、绑定时间、最近活动；管理员）',
      responses: { 200: { description: '账号与工作群' }, 403: { description: '非管理员' } },
    }),
    async (c) => c.json(await listChatBindings(serviceContext(c)), 200),
  )
  .delete(
    '/accounts/:id',
    describeRoute({
      tags: TAGS,
      summary: '解除聊天账号绑定（管理员，记入审计日志）',
      responses: { 200: { description: '已解除' }, 404: { description: '不存在' } },
    }),
    validate('param', recordIdParam),
    async (c) => {
      await unlinkAccount(serviceContext(c), c.req.valid('param').id);
      return c.json({ ok: true as const }, 200);
    },
  )
  .delete(
    '/groups/:id',
    describeRoute({
      tags: TAGS,
      summary: '解除工作群绑定（管理员，记入审计日志）',
      responses: { 200: { description: '已解除' }, 404: { description: '不存在' } },
    }),
    validate('param', recordIdParam),
    async (c) => {
      await unbindGroup(serviceContext(c), c.req.valid('param').id);
      return c.json({ ok: true as const }, 200);
    },
  );
