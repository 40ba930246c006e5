import { z } from 'zod';
import { FUND_SOURCES, PUBLICATION_CATEGORIES } from '@jyxc/domain';
import { decimal } from '../../http/schemas.js';

export const id = z.string().trim().min(1).max(64);

export const idParam = z.object({ id });

export const periodicalParam = z.object({ id, periodicalId: id });

export const paging = {
  page: decimal(z.number().int().min(1).max(10_000)).default(1),
  pageSize: decimal(z.number().int().min(1).max(200)).default(50),
};

export const instant = z.iso
  .datetime({ offset: true, message: '须为 ISO 8601 时间' })
  .transform((v) => new Date(v));

/** 10,000,000 yuan in fen: above any budget or price of a county's subscriptions. */
const MAX_FEN = 1_000_000_000;

export const CAMPAIGN_STATUSES = ['draft', 'active', 'closed'] as const;

export const campaignFields = {
  year: z
    .number()
    .int('年度须为整数')
    .min(2000, '年度须在 2000–2200 之间')
    .max(2200, '年度须在 2000–2200 之间'),
  name: z.string().trim().min(1, '请填写活动名称').max(100, '活动名称最多 100 个字符'),
  deadline: instant,
  // The domain checks the ranges (non-negative, whole fen) and answers per field; the upper
  // bounds here keep absurd numbers (1e308) out of sums and the database.
  perCapitaTarget: z.number().max(100, '人均目标最多 100 份'),
  publicFundCapFen: z.number().max(MAX_FEN, '金额过大'),
  laggingShare: z.number(),
  laggingLeadDays: z.number().int('天数须为整数').min(0).max(365),
  status: z.enum(CAMPAIGN_STATUSES),
};

export const newCampaign = z.object({
  ...campaignFields,
  perCapitaTarget: campaignFields.perCapitaTarget.optional(),
  laggingShare: campaignFields.laggingShare.optional(),
  laggingLeadDays: campaignFields.laggingLeadDays.optional(),
  status: campaignFields.status.optional(),
});

export const campaignPatch = z.object(campaignFields).partial().strict();

export const periodicalFields = {
  title: z.string().max(200, '报刊名称最多 200 个字符'),
  postalCode: z.string().max(20, '邮发代号过长'),
  publisher: z.string().max(200, '出版单位最多 200 个字符'),
  category: z.enum(PUBLICATION_CATEGORIES),
  yearlyPriceFen: z.number().max(MAX_FEN, '定价过大'),
  recommended: z.boolean(),
  required: z.boolean(),
  publicFundEligible: z.boolean(),
  sortOrder: z.number().int().min(-100_000).max(100_000),
};

export const newPeriodical = z.object({
  ...periodicalFields,
  recommended: periodicalFields.recommended.optional(),
  required: periodicalFields.required.optional(),
  publicFundEligible: periodicalFields.publicFundEligible.optional(),
  sortOrder: periodicalFields.sortOrder.optional(),
});

export const periodicalPatch = z.object(periodicalFields).partial().strict();

export const targetsBody = z.object({
  targets: z
    .array(
      z.object({
        unitId: id,
        // Periodical id → copies of that required title; the domain checks the titles.
        requiredCopies: z
          .record(id, z.number().int('份数须为整数').min(0, '份数不能为负数').max(1_000_000))
          .default({}),
        perCapitaTarget: z.number().min(0, '人均目标不能为负数').max(100).nullable().default(null),
        publicFundCapFen: z
          .number()
          .int('金额须为整数（分）')
          .min(0)
          .max(1_000_000_000)
          .nullable()
          .default(null),
        deadline: instant.nullable().default(null),
      }),
    )
    .max(1000),
});

export const recordBody = z.object({
  unitId: id,
  periodicalId: id,
  // Positive copies are the domain's rule; it answers 422 with the field for zero or fewer.
  copies: z.number().int('份数须为整数').min(-1_000_000).max(1_000_000),
  fundSource: z.enum(FUND_SOURCES),
  mandatory: z.boolean().optional(),
  idempotencyKey: z.string().trim().min(1).max(100).optional(),
});

export const recordQuery = z.object({
  unitId: id.optional(),
  periodicalId: id.optional(),
  ...paging,
});

export const assignmentsBody = z.object({
  assignments: z.array(z.object({ unitId: id, personId: id })).max(1000),
});
