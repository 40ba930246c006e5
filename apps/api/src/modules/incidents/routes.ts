import {
  INCIDENT_SEVERITY_LABELS,
  INCIDENT_SOURCE_LABELS,
  INCIDENT_STATE_LABELS,
} from '@jyxc/domain';
import { XLSX_TYPE } from '../../http/download.js';
import { beijingTime, xlsxExport, yesNo } from '../../http/xlsx-export.js';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import type { AppEnv } from '../../context.js';
import { serviceContext } from '../../http/service-context.js';
import { validate } from '../../http/validate.js';
import {
  attachIncidentScreenshot,
  getIncident,
  listIncidents,
  readIncidentScreenshot,
  registerIncident,
  transition,
} from './service.js';
import {
  imageAnswer,
  imageResponse,
  readUpload,
  uploadLimit,
  uploadRequestBody,
} from '../../http/upload.js';
import { idParam, listQuery, newIncident, paging, transitionBody } from './schemas.js';
import {} from './schemas.js';

const TAGS = ['舆情'];

export const incidents = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      tags: TAGS,
      summary: '舆情事件列表（按单位、状态、等级、是否超时筛选；含时限、超时与当前升级环节）',
      responses: { 200: { description: '分页列表' } },
    }),
    validate('query', listQuery),
    async (c) => c.json(await listIncidents(serviceContext(c), c.req.valid('query')), 200),
  )
  .get(
    '/export',
    describeRoute({
      tags: TAGS,
      summary: '导出舆情事件 Excel（与列表相同的筛选和可见范围）',
      responses: { 200: { description: '舆情事件工作簿', content: { [XLSX_TYPE]: {} } } },
    }),
    validate('query', listQuery),
    async (c) => {
      const ctx = serviceContext(c);
      const q = c.req.valid('query');
      const source = INCIDENT_SOURCE_LABELS['zh-CN'];
      const severity = INCIDENT_SEVERITY_LABELS['zh-CN'];
      const state = INCIDENT_STATE_LABELS['zh-CN'];
      return xlsxExport(c, {
        fileName: '舆情事件',
        fallback: 'incidents',
        sheet: '舆情事件',
        page: (page, pageSize) => listIncidents(ctx, { ...q, page, pageSize }),
        columns: [
          { header: '标题', width: 40, value: (r) => r.title },
          { header: '单位', width: 24, value: (r) => r.unit.name },
          { header: '来源', width: 10, value: (r) => source[r.source] },
          { header: '等级', width: 8, value: (r) => severity[r.severity] },
          { header: '状态', width: 10, value: (r) => state[r.state] },
          { header: '发现时间', width: 17, value: (r) => beijingTime(r.discoveredAt) },
          { header: '责任人', width: 10, value: (r) => r.responsible?.name ?? '' },
          { header: '上报时间', width: 17, value: (r) => beijingTime(r.reportedAt) },
          { header: '回应时间', width: 17, value: (r) => beijingTime(r.respondedAt) },
          { header: '处置完毕时间', width: 17, value: (r) => beijingTime(r.resolvedAt) },
          { header: '办结时间', width: 17, value: (r) => beijingTime(r.closedAt) },
          { header: '超时', width: 6, value: (r) => yesNo(r.overdue) },
          { header: '超时环节数', width: 10, format: 'int', value: (r) => r.missedDeadlines },
        ],
      });
    },
  )
  .get(
    '/overdue',
    describeRoute({
      tags: TAGS,
      summary: '超时的舆情事件（按当前时间计算）',
      responses: { 200: { description: '分页列表' } },
    }),
    validate('query', z.object(paging)),
    async (c) =>
      c.json(
        await listIncidents(serviceContext(c), { ...c.req.valid('query'), overdue: true }),
        200,
      ),
  )
  .post(
    '/',
    describeRoute({
      tags: TAGS,
      summary: '登记舆情事件（本单位人员或局机关；指定责任人，按等级计算时限）',
      responses: {
        201: { description: '登记的事件' },
        403: { description: '其他单位的事件' },
        422: { description: '字段未通过校验（details.issues 列出每个字段）' },
      },
    }),
    validate('json', newIncident),
    async (c) => c.json(await registerIncident(serviceContext(c), c.req.valid('json')), 201),
  )
  .get(
    '/:id',
    describeRoute({
      tags: TAGS,
      summary: '舆情事件详情（含处置日志）',
      responses: {
        200: { description: '事件' },
        403: { description: '不可见' },
        404: { description: '不存在' },
      },
    }),
    validate('param', idParam),
    async (c) => c.json(await getIncident(serviceContext(c), c.req.valid('param').id), 200),
  )
  .post(
    '/:id/transitions',
    describeRoute({
      tags: TAGS,
      summary: '处置舆情事件：上报、回应、处置完毕（本单位），办结、退回重办（局机关），调整等级',
      responses: {
        200: { description: '处置后的事件' },
        403: { description: '无权处置' },
        409: { description: '当前状态不能执行或版本已过期' },
        422: { description: '缺少处置说明' },
      },
    }),
    validate('param', idParam),
    validate('json', transitionBody),
    async (c) =>
      c.json(
        await transition(serviceContext(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  )
  .post(
    '/:id/screenshot',
    describeRoute({
      tags: TAGS,
      summary: '上传舆情截图（发现时的帖子或网页；按文件内容识别图片，最大 10 MB；新截图替换旧的）',
      requestBody: uploadRequestBody,
      responses: {
        200: { description: '带截图的事件' },
        403: { description: '不可见' },
        413: { description: '超过大小限制' },
        415: { description: '不是图片' },
      },
    }),
    uploadLimit,
    validate('param', idParam),
    async (c) =>
      c.json(
        await attachIncidentScreenshot(
          serviceContext(c),
          c.req.valid('param').id,
          await readUpload(c),
        ),
        200,
      ),
  )
  .get(
    '/:id/screenshot',
    describeRoute({ tags: TAGS, summary: '舆情截图', responses: imageAnswer('图片') }),
    validate('param', idParam),
    async (c) =>
      imageResponse(c, await readIncidentScreenshot(serviceContext(c), c.req.valid('param').id)),
  );
