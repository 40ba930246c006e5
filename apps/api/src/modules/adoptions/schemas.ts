import { z } from 'zod';
import { ADOPTION_LEVELS, INSTRUCTION_LEVELS } from '@jyxc/domain';
import { idSchema, isoTime, paging, periodKey, yesNo } from '../../http/schemas.js';

export const level = z.enum(ADOPTION_LEVELS, {
  message: `采用级别应为 ${ADOPTION_LEVELS.join('、')} 之一`,
});

const instructionLevel = z.enum(INSTRUCTION_LEVELS, {
  message: `批示级别应为 ${INSTRUCTION_LEVELS.join('、')} 之一`,
});

export const adoptionBody = z
  .object({
    submissionIds: z.array(idSchema).min(1, '请选择至少一篇稿件').max(20, '一次最多 20 篇稿件'),
    /** The level; when an outlet of the registry is chosen, its level is the default. */
    level: level.optional(),
    headline: z.boolean().optional(),
    /** An outlet of the registry (媒体名录, issue 16); its name is recorded with the adoption. */
    outletId: idSchema.optional(),
    /** The outlet's name as free text, for an outlet not (yet) in the registry. */
    outlet: z
      .string()
      .trim()
      .min(1, '请填写采用媒体名称')
      .max(100, '媒体名称最多 100 个字')
      .optional(),
    pageOrLink: z.string().trim().min(1, '请填写版面或链接').max(500, '版面或链接最多 500 个字符'),
    publishedAt: isoTime,
    screenshotId: idSchema.optional(),
    instruction: z
      .object({
        level: instructionLevel,
        at: isoTime.optional(),
        leader: z.string().trim().max(100, '批示领导最多 100 个字').optional(),
        note: z.string().trim().max(500, '批示内容最多 500 个字').optional(),
      })
      .optional(),
  })
  .superRefine((b, issues) => {
    if (b.outletId !== undefined) return;
    if (b.outlet === undefined)
      issues.addIssue({
        code: 'custom',
        path: ['outletId'],
        message: '请从媒体名录中选择采用媒体',
      });
    if (b.level === undefined)
      issues.addIssue({ code: 'custom', path: ['level'], message: '请选择采用级别' });
  });

/** A leader instruction added to an adoption recorded earlier: its own date is required. */
export const instructionBody = z.object({
  level: instructionLevel,
  at: isoTime,
  leader: z.string().trim().max(100, '批示领导最多 100 个字').optional(),
  note: z.string().trim().max(500, '批示内容最多 500 个字').optional(),
});

export const adoptionQuery = z.object({
  submissionId: idSchema.optional(),
  unitId: idSchema.optional(),
  level: level.optional(),
  period: periodKey.optional(),
  countered: yesNo.optional(),
  ...paging,
});

export const adjustmentBody = z.object({
  unitId: idSchema,
  points: z
    .number({ message: '分值应为数字' })
    .finite('分值应为有限数字')
    .refine((p) => p !== 0, '分值不能为 0')
    .refine((p) => Math.abs(p) <= 1000, '分值绝对值最多 1000'),
  reason: z.string().trim().min(1, '请说明理由').max(500, '理由最多 500 个字'),
  eventAt: isoTime,
});

export const unitPeriodQuery = z.object({
  unitId: idSchema.optional(),
  period: periodKey.optional(),
  ...paging,
});

export const penaltyBody = z.object({
  kind: z
    .enum(['late_major', 'unreported_major'], {
      message: '类型应为 late_major 或 unreported_major',
    })
    .default('unreported_major'),
  unitId: idSchema,
  eventAt: isoTime,
  note: z.string().trim().min(1, '请说明瞒报、漏报的重大事件').max(1000, '说明最多 1000 个字'),
});

export const penaltyQuery = unitPeriodQuery.extend({
  kind: z
    .enum(['late_major', 'unreported_major'], {
      message: '类型应为 late_major 或 unreported_major',
    })
    .optional(),
});
