import { z } from 'zod';
import { periodKey, decimal } from '../../http/schemas.js';

export const idParam = z.object({ id: z.string().min(1).max(64) });

export const appealParam = idParam.extend({ appealId: z.string().min(1).max(64) });

export const newBulletin = z.object({ period: periodKey });

export const bulletinQuery = z.object({
  year: decimal(z.number().int().min(2000).max(2200)).optional(),
  page: decimal(z.number().int().min(1)).default(1),
  pageSize: decimal(z.number().int().min(1).max(100, '每页最多 100 条')).default(20),
});

export const appealBody = z.object({
  reason: z.string().trim().min(1, '请说明异议的理由').max(2000),
});

export const appealDecision = z.object({
  accepted: z.boolean(),
  response: z.string().trim().min(1, '请填写答复意见').max(2000),
});
