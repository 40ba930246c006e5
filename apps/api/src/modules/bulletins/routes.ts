import { parsePeriodKey } from '@jyxc/domain';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AppEnv } from '../../context.js';
import { DOCX_TYPE } from './docx.js';
import { XLSX_TYPE, contentDisposition } from '../../http/download.js';
import { ServiceError } from '../../shared/errors.js';
import { serviceContext } from '../../http/service-context.js';
import { validate } from '../../http/validate.js';
import {
  exportBulletin,
  createBulletin,
  fileAppeal,
  getBulletin,
  listBulletins,
  publishBulletin,
  resolveAppeal,
} from './service.js';
import {
  appealBody,
  appealDecision,
  appealParam,
  bulletinQuery,
  idParam,
  newBulletin,
} from './schemas.js';

const tags = ['通报'];

export const bulletins = new Hono<AppEnv>()
  .post(
    '/',
    describeRoute({
      tags,
      summary: '生成考评周期的通报（征求意见稿，开放异议期）',
      responses: {
        200: { description: '新生成的通报征求意见稿' },
        403: { description: '只有系统管理员或宣传股审核员可以生成' },
        409: { description: '该周期已有通报' },
      },
    }),
    validate('json', newBulletin),
    async (c) => {
      const parsed = parsePeriodKey(c.req.valid('json').period);
      if (!parsed.ok) throw new ServiceError('malformed', 'VALIDATION', parsed.error.message);
      return c.json(await createBulletin(serviceContext(c), parsed.value), 200);
    },
  )
  .get(
    '/',
    describeRoute({
      tags,
      summary: '通报列表',
      responses: { 200: { description: '按周期从新到旧分页' } },
    }),
    validate('query', bulletinQuery),
    async (c) => c.json(await listBulletins(serviceContext(c), c.req.valid('query')), 200),
  )
  .get(
    '/:id',
    describeRoute({
      tags,
      summary: '通报详情（征求意见稿按当前数据重新计算，已发布的为定稿快照）',
      responses: { 200: { description: '通报及其考评结果' }, 404: { description: '没有这份通报' } },
    }),
    validate('param', idParam),
    async (c) => c.json(await getBulletin(serviceContext(c), c.req.valid('param').id), 200),
  )
  .post(
    '/:id/appeals',
    describeRoute({
      tags,
      summary: '对通报征求意见稿提出异议（本单位，异议期内）',
      responses: {
        200: { description: '登记的异议' },
        403: { description: '不是本单位的一把手、分管领导或信息员' },
        409: { description: '通报已发布' },
        422: { description: '异议期已过或未说明理由' },
      },
    }),
    validate('param', idParam),
    validate('json', appealBody),
    async (c) =>
      c.json(
        await fileAppeal(serviceContext(c), c.req.valid('param').id, c.req.valid('json').reason),
        200,
      ),
  )
  .post(
    '/:id/appeals/:appealId/resolve',
    describeRoute({
      tags,
      summary: '答复异议（采纳或不采纳）',
      responses: {
        200: { description: '答复后的异议' },
        403: { description: '只有宣传股审核员或系统管理员可以答复' },
        404: { description: '没有该异议' },
      },
    }),
    validate('param', appealParam),
    validate('json', appealDecision),
    async (c) => {
      const { id, appealId } = c.req.valid('param');
      return c.json(await resolveAppeal(serviceContext(c), id, appealId, c.req.valid('json')), 200);
    },
  )
  .post(
    '/:id/publish',
    describeRoute({
      tags,
      summary: '发布通报（冻结考评结果快照）',
      responses: {
        200: { description: '已发布的通报' },
        403: { description: '只有局领导或系统管理员可以发布' },
        409: { description: '通报已发布' },
        422: { description: '异议期未结束或还有未答复的异议' },
      },
    }),
    validate('param', idParam),
    async (c) => c.json(await publishBulletin(serviceContext(c), c.req.valid('param').id), 200),
  )
  .get(
    '/:id/export.xlsx',
    describeRoute({
      tags,
      summary: '导出通报 Excel（.xlsx）',
      responses: {
        200: { description: '通报工作簿', content: { [XLSX_TYPE]: {} } },
        429: { description: '本人已有 2 个导出在进行（Retry-After 给出等待秒数）' },
      },
    }),
    validate('param', idParam),
    async (c) => {
      const { id } = c.req.valid('param');
      const file = await exportBulletin(serviceContext(c), id, 'xlsx');
      return c.body(new Uint8Array(file.bytes), 200, {
        'content-type': XLSX_TYPE,
        'content-disposition': contentDisposition(`bulletin-${id}.xlsx`, file.fileName),
      });
    },
  )
  .get(
    '/:id/export.docx',
    describeRoute({
      tags,
      summary: '导出通报 Word（.docx）',
      responses: {
        200: { description: '通报文档', content: { [DOCX_TYPE]: {} } },
        429: { description: '本人已有 2 个导出在进行（Retry-After 给出等待秒数）' },
      },
    }),
    validate('param', idParam),
    async (c) => {
      const { id } = c.req.valid('param');
      const file = await exportBulletin(serviceContext(c), id, 'docx');
      return c.body(new Uint8Array(file.bytes), 200, {
        'content-type': DOCX_TYPE,
        'content-disposition': contentDisposition(`bulletin-${id}.docx`, file.fileName),
      });
    },
  );
