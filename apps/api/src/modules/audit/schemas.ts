import { z } from 'zod';
import { decimal } from '../../http/schemas.js';

export const text = z.string().trim().min(1).max(100);

export const instant = z.iso
  .datetime({ offset: true, message: '须为 ISO 8601 时间' })
  .transform((v) => new Date(v));

export const auditQuery = z
  .object({
    actorId: text.optional(),
    actorKind: z.enum(['user', 'bot', 'system']).optional(),
    entity: text.optional(),
    entityId: text.optional(),
    unitId: text.optional(),
    action: text.optional(),
    from: instant.optional(),
    to: instant.optional(),
    page: decimal(z.number().int().min(1).max(10_000)).default(1),
    pageSize: decimal(z.number().int().min(1).max(200)).default(50),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, {
    message: '开始时间须早于结束时间',
    path: ['to'],
  });
