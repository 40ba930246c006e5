import { z } from 'zod';
import { CATEGORIES, SUBMISSION_STATES } from '@jyxc/domain';
import type { ContentChanges } from './service.js';
import {
  idSchema,
  isoTime,
  paging,
  periodKey,
  reasonBody,
  yesNo,
  decimal,
} from '../../http/schemas.js';

export const expectedVersion = z.number().int('版本号应为整数').min(1, '版本号从 1 开始');

export const fields = {
  title: z.string().trim().min(1, '标题不能为空').max(200, '标题最多 200 个字'),
  body: z.string().max(50_000, '正文最多 50000 个字'),
  category: z.enum(CATEGORIES, { message: `类别应为 ${CATEGORIES.join('、')} 之一` }),
  topics: z
    .array(z.string().trim().min(1, '宣传重点不能为空').max(50))
    .max(20, '宣传重点最多 20 个'),
  eventAt: isoTime,
  attachments: z.array(idSchema).max(50, '附件最多 50 个'),
};

export const changesShape = z.object({
  title: fields.title.optional(),
  body: fields.body.optional(),
  category: fields.category.optional(),
  topics: fields.topics.optional(),
  eventAt: fields.eventAt.optional(),
  attachments: fields.attachments.optional(),
});

export type ChangesInput = z.infer<typeof changesShape>;

export function toChanges(input: ChangesInput): ContentChanges {
  return {
    ...(input.title === undefined ? {} : { title: input.title }),
    ...(input.body === undefined ? {} : { body: input.body }),
    ...(input.category === undefined ? {} : { category: input.category }),
    ...(input.topics === undefined ? {} : { topics: input.topics }),
    ...(input.eventAt === undefined ? {} : { eventAt: Date.parse(input.eventAt) }),
    ...(input.attachments === undefined ? {} : { attachments: input.attachments }),
  };
}

const coAuthorIds = z.array(idSchema).max(10, '合作作者最多 10 人');

export const createBody = z.object({
  title: fields.title,
  body: fields.body,
  category: fields.category,
  topics: fields.topics.optional(),
  eventAt: fields.eventAt,
  coAuthorIds: coAuthorIds.optional(),
  idempotencyKey: z.string().trim().min(1).max(200, '请求标识最多 200 个字符').optional(),
});

export const editBody = changesShape
  .extend({
    // rules §5.5: the whole co-author list after the edit (the creator stays first).
    coAuthorIds: coAuthorIds.optional(),
    note: z.string().max(500, '说明最多 500 个字').optional(),
    expectedVersion,
  })
  .refine((b) => b.coAuthorIds !== undefined || Object.keys(toChanges(b)).length > 0, {
    message: '请至少修改一项内容',
    path: ['title'],
  });

export const versionBody = z.object({ expectedVersion: expectedVersion.optional() });

export const approveBody = z.object({
  changes: changesShape.optional(),
  noChange: z.boolean().optional(),
  comment: z.string().max(1000, '审核意见最多 1000 个字').optional(),
  // Ignored, accepted so that older clients keep working: the server records when the
  // reviewer opened the item (DESIGN §3.2).
  openedAt: isoTime.optional(),
  forward: z.boolean().optional(),
  expectedVersion: expectedVersion.optional(),
});

export const returnBody = reasonBody.extend({ expectedVersion: expectedVersion.optional() });

export const decideBody = z.object({
  adopted: z.boolean({ message: 'adopted 应为 true 或 false' }),
  comment: z.string().max(1000).optional(),
  expectedVersion: expectedVersion.optional(),
});

export const qualityBody = z.object({
  quality: z.boolean({ message: 'quality 应为 true 或 false' }),
  expectedVersion: expectedVersion.optional(),
});

export const listQuery = z.object({
  unitId: idSchema.optional(),
  state: z
    .enum(SUBMISSION_STATES, { message: `状态应为 ${SUBMISSION_STATES.join('、')} 之一` })
    .optional(),
  category: fields.category.optional(),
  period: periodKey.optional(),
  late: yesNo.optional(),
  q: z.string().trim().max(100, '搜索词最多 100 个字').optional(),
  author: z.literal('me', { message: 'author 只能为 me' }).optional(),
  pending: z.literal('me', { message: 'pending 只能为 me' }).optional(),
  ...paging,
});

export const diffQuery = z.object({
  from: decimal(z.number().int().min(1, '版本号从 1 开始')),
  to: decimal(z.number().int().min(1, '版本号从 1 开始')),
});

export const attachmentParam = z.object({ id: idSchema, attachmentId: idSchema });

export const uploadQuery = z.object({
  expectedVersion: decimal(z.number().int().min(1)).optional(),
});
