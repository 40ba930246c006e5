import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import type { AppEnv } from '../../context.js';
import { serviceContext } from '../../http/service-context.js';
import { validate } from '../../http/validate.js';
import { previewNextYear, startNextYear } from './service.js';

const TAGS = ['考评'];
const yearParam = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export const years = new Hono<AppEnv>()
  .get(
    '/:year/next',
    describeRoute({
      tags: TAGS,
      summary: '预览开启下一年度：沿用本年度的考评办法、报刊目录和征订任务（管理员）',
      responses: { 200: { description: '将要创建的内容和阻碍' }, 403: { description: '非管理员' } },
    }),
    validate('param', yearParam),
    async (c) => c.json(await previewNextYear(serviceContext(c), c.req.valid('param').year), 200),
  )
  .post(
    '/:year/next',
    describeRoute({
      tags: TAGS,
      summary: '开启下一年度：复制考评办法，报刊征订作为草稿（管理员，记入审计日志）',
      responses: {
        201: { description: '已创建' },
        403: { description: '非管理员' },
        409: { description: '下一年度已有考评办法或征订活动' },
      },
    }),
    validate('param', yearParam),
    async (c) => c.json(await startNextYear(serviceContext(c), c.req.valid('param').year), 201),
  );
