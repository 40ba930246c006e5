import { z } from 'zod';
import { decimal } from '../../http/schemas.js';

export const yearParam = z.object({
  year: decimal(
    z
      .number({ message: '年度应为数字' })
      .int('年度应为整数')
      .min(2000, '年度不能早于 2000')
      .max(2200, '年度不能晚于 2200'),
  ),
});

export const paging = z.object({
  page: decimal(z.number().int().min(1)).default(1),
  pageSize: decimal(z.number().int().min(1).max(100, '每页最多 100 条')).default(20),
});

export const quotaOverridesBody = z.object({
  /** The scheme version the edit starts from (optimistic locking). */
  expectedVersion: z.number().int().min(1).optional(),
  overrides: z
    .array(
      z.object({
        unitId: z.string().min(1, '请选择单位'),
        half: z.enum(['H1', 'H2', 'both']),
        submitted: z.number().max(10_000, '数值过大'),
        adopted: z.number().max(10_000, '数值过大'),
      }),
    )
    .max(1000),
});
