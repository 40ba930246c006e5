import {} from '@jyxc/domain';
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
import { imageResponse, readUpload, uploadLimit, uploadRequestBody } from '../../http/upload.js';
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
    describeRoute({ tags: TAGS, summary: '舆情截图', responses: { 200: { description: '图片' } } }),
    validate('param', idParam),
    async (c) =>
      imageResponse(c, await readIncidentScreenshot(serviceContext(c), c.req.valid('param').id)),
  );
