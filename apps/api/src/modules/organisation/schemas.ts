import { z } from 'zod';
import { UNIT_KINDS } from '@jyxc/domain';

export { recordIdParam as idParam } from '../../http/schemas.js';

export const count = z.number().int('须为整数').min(0, '不能为负数').max(1_000_000, '数值过大');

export const newUnit = z.object({
  name: z.string().trim().min(1, '请填写单位名称').max(100, '单位名称最多 100 个字符'),
  kind: z.enum(UNIT_KINDS),
  parentId: z.string().trim().min(1, '请选择上级单位').max(64),
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, '单位代码只能包含字母、数字、下划线和连字符')
    .optional(),
  staffCount: count.optional(),
  studentCount: count.optional(),
  directReporting: z.boolean().optional(),
  sortOrder: z.number().int().min(-100_000).max(100_000).optional(),
});

export const unitPatch = z
  .object({
    name: z.string().trim().min(1, '请填写单位名称').max(100, '单位名称最多 100 个字符'),
    staffCount: count,
    studentCount: count,
    directReporting: z.boolean(),
    sortOrder: z.number().int().min(-100_000).max(100_000),
    active: z.boolean(),
    parentId: z.string().trim().min(1, '请选择上级单位').max(64),
  })
  .partial()
  .strict();
