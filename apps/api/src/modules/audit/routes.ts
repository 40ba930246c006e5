import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AppEnv } from '../../context.js';
import { serviceContext } from '../../http/service-context.js';
import { validate } from '../../http/validate.js';
import { listAuditEntries } from './service.js';
import { auditQuery } from './schemas.js';

// The audit log is append-only (DESIGN §4): this area offers reading and nothing else.
export const auditLog = new Hono<AppEnv>().get(
  '/',
  describeRoute({
    tags: ['系统'],
    summary: '审计日志（管理员；按操作人、对象、单位、操作、时间筛选，最新在前，分页）',
    responses: { 200: { description: '分页列表' }, 403: { description: '非管理员' } },
  }),
  validate('query', auditQuery),
  async (c) => c.json(await listAuditEntries(serviceContext(c), c.req.valid('query')), 200),
);
