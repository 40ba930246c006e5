import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AppEnv } from '../../context.js';
import { sendJson } from '../../http/send-json.js';
import { serviceContext } from '../../http/service-context.js';
import { validate } from '../../http/validate.js';
import { dashboardAnswer } from './service.js';
import { periodOrCurrent, periodQuery } from '../../http/schemas.js';

export const dashboard = new Hono<AppEnv>().get(
  '/',
  describeRoute({
    tags: ['工作台'],
    summary: '工作台：关键指标、月度趋势、单位排名、责任缺位和我的待办',
    responses: { 200: { description: '按当前用户可见范围汇总' } },
  }),
  validate('query', periodQuery),
  async (c) => {
    const ctx = serviceContext(c);
    return sendJson(
      c,
      await dashboardAnswer(ctx, periodOrCurrent(c.req.valid('query').period, ctx.now)),
    );
  },
);
