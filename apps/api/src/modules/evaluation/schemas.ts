import { z } from 'zod';
import { periodQuery, decimal } from '../../http/schemas.js';

export const officersQuery = periodQuery.extend({
  page: decimal(z.number().int().min(1)).default(1),
  pageSize: decimal(z.number().int().min(1).max(200, '每页最多 200 条')).default(50),
});

export const compositeQuery = z.object({
  year: decimal(z.number().int('年度应为整数').min(2000).max(2200)).optional(),
});

export const unitParam = z.object({ unitId: z.string().min(1).max(64) });
