import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AppEnv } from '../../context.js';
import { serviceContext } from '../../http/service-context.js';
import { validate } from '../../http/validate.js';
import { idParam, newOutlet, outletPatch, outletQuery } from './schemas.js';
import { createOutlet, listOutlets, updateOutlet } from './service.js';

const TAGS = ['采用'];

export const outlets = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      tags: TAGS,
      summary: '媒体名录（名称、级别、类型、是否启用；可按名称搜索）',
      responses: { 200: { description: '媒体列表' } },
    }),
    validate('query', outletQuery),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(
        await listOutlets(serviceContext(c), {
          q: q.q,
          active: q.active === undefined ? undefined : q.active === 'yes',
        }),
        200,
      );
    },
  )
  .post(
    '/',
    describeRoute({
      tags: TAGS,
      summary: '新增媒体（宣传股审核员或系统管理员，记入审计日志）',
      responses: { 201: { description: '媒体' }, 409: { description: '名称已存在' } },
    }),
    validate('json', newOutlet),
    async (c) => c.json(await createOutlet(serviceContext(c), c.req.valid('json')), 201),
  )
  .patch(
    '/:id',
    describeRoute({
      tags: TAGS,
      summary: '修改或停用媒体（已登记的采用保留原名称和级别）',
      responses: {
        200: { description: '媒体' },
        404: { description: '不存在' },
        409: { description: '名称已存在' },
      },
    }),
    validate('param', idParam),
    validate('json', outletPatch),
    async (c) =>
      c.json(
        await updateOutlet(serviceContext(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );
