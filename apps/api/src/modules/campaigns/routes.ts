import { Hono } from 'hono';
import { FUND_SOURCE_LABELS } from '@jyxc/domain';
import { XLSX_TYPE } from '../../http/download.js';
import { beijingTime, xlsxExport, yuan } from '../../http/xlsx-export.js';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import type { AppEnv } from '../../context.js';
import { serviceContext } from '../../http/service-context.js';
import { validate } from '../../http/validate.js';
import {
  addPeriodical,
  addRecord,
  createCampaign,
  getCampaign,
  listAssignments,
  listCampaigns,
  listPeriodicals,
  listRecords,
  listTargets,
  setAssignments,
  setTargets,
  updateCampaign,
  updatePeriodical,
} from './service.js';
import {
  assignmentsBody,
  campaignPatch,
  idParam,
  newCampaign,
  newPeriodical,
  paging,
  periodicalParam,
  periodicalPatch,
  recordBody,
  recordQuery,
  targetsBody,
} from './schemas.js';
import { decimal } from '../../http/schemas.js';

const TAGS = ['报刊征订'];

export const campaigns = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      tags: TAGS,
      summary: '征订活动列表',
      responses: { 200: { description: '分页列表' } },
    }),
    validate(
      'query',
      z.object({ year: decimal(z.number().int().min(2000).max(2100)).optional(), ...paging }),
    ),
    async (c) => c.json(await listCampaigns(serviceContext(c), c.req.valid('query')), 200),
  )
  .post(
    '/',
    describeRoute({
      tags: TAGS,
      summary: '新建征订活动（管理员；年度、截止时间、人均目标、公费上限）',
      responses: {
        201: { description: '新建的活动' },
        403: { description: '非管理员' },
        422: { description: '设置无效' },
      },
    }),
    validate('json', newCampaign),
    async (c) => c.json(await createCampaign(serviceContext(c), c.req.valid('json')), 201),
  )
  .get(
    '/:id/records/export',
    describeRoute({
      tags: TAGS,
      summary: '导出征订记录 Excel（与列表相同的筛选和可见范围）',
      responses: { 200: { description: '征订记录工作簿', content: { [XLSX_TYPE]: {} } } },
    }),
    validate('param', idParam),
    validate('query', recordQuery),
    async (c) => {
      const ctx = serviceContext(c);
      const { id } = c.req.valid('param');
      const q = c.req.valid('query');
      const fund = FUND_SOURCE_LABELS['zh-CN'];
      return xlsxExport(c, {
        fileName: '征订记录',
        fallback: 'subscription-records',
        sheet: '征订记录',
        page: (page, pageSize) => listRecords(ctx, id, { ...q, page, pageSize }),
        columns: [
          { header: '单位', width: 26, value: (r) => r.unit.name },
          { header: '报刊', width: 22, value: (r) => r.periodical.title },
          { header: '份数', width: 8, format: 'int', value: (r) => r.copies },
          { header: '经费来源', width: 10, value: (r) => fund[r.fundSource] },
          { header: '金额（元）', width: 12, format: 'score', value: (r) => yuan(r.amountFen) },
          { header: '登记人', width: 10, value: (r) => r.recordedBy?.name ?? '' },
          { header: '登记时间', width: 17, value: (r) => beijingTime(r.recordedAt) },
        ],
      });
    },
  )
  .get(
    '/:id/progress/export',
    describeRoute({
      tags: TAGS,
      summary: '导出征订进度 Excel（各单位完成情况与排名，按可见范围）',
      responses: { 200: { description: '征订进度工作簿', content: { [XLSX_TYPE]: {} } } },
    }),
    validate('param', idParam),
    async (c) => {
      const ctx = serviceContext(c);
      const campaign = await getCampaign(ctx, c.req.valid('param').id, 'week');
      const units = campaign.metrics.units;
      return xlsxExport(c, {
        fileName: `${campaign.name}征订进度`,
        fallback: 'subscription-progress',
        sheet: '征订进度',
        page: () => Promise.resolve({ items: units, total: units.length }),
        columns: [
          { header: '名次', width: 6, format: 'int', value: (u) => u.rank },
          { header: '单位', width: 26, value: (u) => u.name },
          { header: '教职工', width: 8, format: 'int', value: (u) => u.staffCount },
          { header: '份数', width: 8, format: 'int', value: (u) => u.copies },
          { header: '人均份数', width: 10, format: 'score', value: (u) => u.perCapitaCopies },
          { header: '金额（元）', width: 12, format: 'score', value: (u) => yuan(u.amountFen) },
          {
            header: '公费金额（元）',
            width: 14,
            format: 'score',
            value: (u) => yuan(u.publicAmountFen),
          },
          {
            header: '重点报刊完成率',
            width: 14,
            format: 'percent',
            value: (u) => u.requiredCompletion,
          },
          { header: '完成率', width: 10, format: 'percent', value: (u) => u.completion },
          { header: '进度滞后', width: 8, value: (u) => (u.lagging ? '是' : '否') },
        ],
      });
    },
  )
  .get(
    '/:id',
    describeRoute({
      tags: TAGS,
      summary:
        '征订活动详情与进度（总量、金额、人均份数、完成率、排名、滞后单位、乡镇差距、进度曲线）',
      responses: { 200: { description: '活动与指标' }, 404: { description: '不存在' } },
    }),
    validate('param', idParam),
    validate('query', z.object({ bucket: z.enum(['day', 'week']).default('week') })),
    async (c) =>
      c.json(
        await getCampaign(serviceContext(c), c.req.valid('param').id, c.req.valid('query').bucket),
        200,
      ),
  )
  .patch(
    '/:id',
    describeRoute({
      tags: TAGS,
      summary: '修改征订活动（管理员）',
      responses: {
        200: { description: '修改后的活动' },
        403: { description: '非管理员' },
        404: { description: '不存在' },
      },
    }),
    validate('param', idParam),
    validate('json', campaignPatch),
    async (c) =>
      c.json(
        await updateCampaign(serviceContext(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  )
  .get(
    '/:id/periodicals',
    describeRoute({
      tags: TAGS,
      summary: '征订目录（推荐导读、必订、公费）',
      responses: { 200: { description: '目录' } },
    }),
    validate('param', idParam),
    async (c) => c.json(await listPeriodicals(serviceContext(c), c.req.valid('param').id), 200),
  )
  .post(
    '/:id/periodicals',
    describeRoute({
      tags: TAGS,
      summary: '添加目录报刊（管理员；学生读物不得必订）',
      responses: {
        201: { description: '新报刊' },
        403: { description: '非管理员' },
        409: { description: '同名报刊' },
        422: { description: '目录规则不符' },
      },
    }),
    validate('param', idParam),
    validate('json', newPeriodical),
    async (c) =>
      c.json(
        await addPeriodical(serviceContext(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  )
  .patch(
    '/:id/periodicals/:periodicalId',
    describeRoute({
      tags: TAGS,
      summary: '修改目录报刊（管理员）',
      responses: {
        200: { description: '修改后的报刊' },
        403: { description: '非管理员' },
        404: { description: '不存在' },
        422: { description: '目录规则不符' },
      },
    }),
    validate('param', periodicalParam),
    validate('json', periodicalPatch),
    async (c) => {
      const { id: campaignId, periodicalId } = c.req.valid('param');
      return c.json(
        await updatePeriodical(serviceContext(c), campaignId, periodicalId, c.req.valid('json')),
        200,
      );
    },
  )
  .get(
    '/:id/targets',
    describeRoute({
      tags: TAGS,
      summary: '各单位征订目标（按可见范围）',
      responses: { 200: { description: '目标列表' } },
    }),
    validate('param', idParam),
    async (c) => c.json(await listTargets(serviceContext(c), c.req.valid('param').id), 200),
  )
  .put(
    '/:id/targets',
    describeRoute({
      tags: TAGS,
      summary: '设置所列单位的征订目标（管理员；必订份数、人均目标）',
      responses: {
        200: { description: '目标列表' },
        403: { description: '非管理员' },
        422: { description: '目标无效' },
      },
    }),
    validate('param', idParam),
    validate('json', targetsBody),
    async (c) =>
      c.json(
        await setTargets(serviceContext(c), c.req.valid('param').id, c.req.valid('json').targets),
        200,
      ),
  )
  .get(
    '/:id/records',
    describeRoute({
      tags: TAGS,
      summary: '征订记录（按可见范围与分包，分页）',
      responses: { 200: { description: '分页列表' } },
    }),
    validate('param', idParam),
    validate('query', recordQuery),
    async (c) =>
      c.json(
        await listRecords(serviceContext(c), c.req.valid('param').id, c.req.valid('query')),
        200,
      ),
  )
  .post(
    '/:id/records',
    describeRoute({
      tags: TAGS,
      summary:
        '登记征订（本单位、管理员或分包人员；超出公费上限、学生读物统一征订等予以拒绝；可带幂等键）',
      responses: {
        201: { description: '新记录' },
        200: { description: '相同幂等键的重复请求，返回首次的记录' },
        403: { description: '无权为该单位登记' },
        409: { description: '幂等键已用于不同的记录' },
        422: { description: '违反征订规则（原因与数额见 details）' },
      },
    }),
    validate('param', idParam),
    validate('json', recordBody),
    async (c) => {
      const result = await addRecord(
        serviceContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      return result.replayed ? c.json(result, 200) : c.json(result, 201);
    },
  )
  .get(
    '/:id/assignments',
    describeRoute({
      tags: TAGS,
      summary: '分包安排（管理员）',
      responses: { 200: { description: '分包列表' }, 403: { description: '非管理员' } },
    }),
    validate('param', idParam),
    async (c) => c.json(await listAssignments(serviceContext(c), c.req.valid('param').id), 200),
  )
  .put(
    '/:id/assignments',
    describeRoute({
      tags: TAGS,
      summary: '设置分包安排（管理员；每个乡镇中心校或局直单位一名负责人，整体替换）',
      responses: {
        200: { description: '分包列表' },
        403: { description: '非管理员' },
        422: { description: '单位或人员不符' },
      },
    }),
    validate('param', idParam),
    validate('json', assignmentsBody),
    async (c) =>
      c.json(
        await setAssignments(
          serviceContext(c),
          c.req.valid('param').id,
          c.req.valid('json').assignments,
        ),
        200,
      ),
  );
