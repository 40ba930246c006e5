import { z } from 'zod';
import { ADOPTION_LEVELS, OUTLET_KINDS } from '@jyxc/domain';
import { yesNo } from '../../http/schemas.js';

export { recordIdParam as idParam } from '../../http/schemas.js';

const name = z.string().trim().min(1, '请填写媒体名称').max(100, '媒体名称最多 100 个字');
const level = z.enum(ADOPTION_LEVELS, {
  message: `媒体级别应为 ${ADOPTION_LEVELS.join('、')} 之一`,
});
const kind = z.enum(OUTLET_KINDS, { message: `媒体类型应为 ${OUTLET_KINDS.join('、')} 之一` });

export const newOutlet = z.object({ name, level, kind });

export const outletPatch = z
  .object({ name, level, kind, active: z.boolean({ message: '启用状态应为 true 或 false' }) })
  .partial()
  .strict();

export const outletQuery = z.object({
  q: z.string().trim().max(100, '搜索词最多 100 个字').optional(),
  active: yesNo.optional(),
});
