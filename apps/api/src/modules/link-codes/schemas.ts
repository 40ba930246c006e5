import { z } from 'zod';

export { recordIdParam as idParam } from '../../http/schemas.js';

export const newCode = z.object({
  kind: z.enum(['person', 'group']),
  personId: z.string().trim().min(1).max(64).optional(),
  unitId: z.string().trim().min(1).max(64).optional(),
  /** DESIGN §5: one-time codes are short-lived; a day by default, a week at most. */
  expiresInHours: z
    .number()
    .int('须为整数')
    .min(1, '至少 1 小时')
    .max(168, '最多 168 小时')
    .optional(),
});
