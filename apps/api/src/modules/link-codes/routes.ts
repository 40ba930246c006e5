import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AppEnv } from '../../context.js';
import { botUsername } from '../../env.js';
import { serviceContext } from '../../http/service-context.js';
import { validate } from '../../http/validate.js';
import { activeLinkCodes, issueLinkCode, revokeLinkCode } from './service.js';
import { idParam, newCode } from './schemas.js';

const TAGS = ['单位与人员'];

export const linkCodes = new Hono<AppEnv>()
  .post(
    '/',
    describeRoute({
      tags: TAGS,
      summary: '生成一次性绑定码（个人：管理员或本人；工作群：管理员或本单位一把手、信息员）',
      responses: {
        201: { description: '绑定码、有效期与 Telegram 链接' },
        403: { description: '无权生成' },
      },
    }),
    validate('json', newCode),
    async (c) =>
      c.json(await issueLinkCode(serviceContext(c), c.req.valid('json'), botUsername()), 201),
  )
  .get(
    '/',
    describeRoute({
      tags: TAGS,
      summary: '我生成的、仍可使用的绑定码',
      responses: { 200: { description: '绑定码列表' } },
    }),
    async (c) => c.json(await activeLinkCodes(serviceContext(c), botUsername()), 200),
  )
  .delete(
    '/:id',
    describeRoute({
      tags: TAGS,
      summary: '撤销未使用的绑定码',
      responses: {
        200: { description: '已撤销' },
        403: { description: '非本人生成' },
        404: { description: '不存在' },
        409: { description: '已使用' },
      },
    }),
    validate('param', idParam),
    async (c) => {
      await revokeLinkCode(serviceContext(c), c.req.valid('param').id);
      return c.json({ ok: true as const }, 200);
    },
  );
