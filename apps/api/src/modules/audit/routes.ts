import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import type { AppEnv } from '../../context.js';
import { serviceContext } from '../../http/service-context.js';
import { validate } from '../../http/validate.js';
import { listAuditEntries } from './service.js';

const text = z.string().trim().min(1).max(100);
const instant = z.iso
  .datetime({ offset: true, message: '须为 ISO 8601 时间' })
  .transform((v) => new Date(v));

const auditQuery = z
  .object({
    actorId: text.optional(),
    actorKind: z.enum(['user', 'bot', 'system']).optional(),
    entity: text.optional(),
    entityId: text.optional(),
    unitId: text.optional(),
    action: text.optional(),
    from: instant.optional(),
    to: instant.optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, {
    message: '开始时间须早于结束时间',
    path: ['to'],
  });

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
