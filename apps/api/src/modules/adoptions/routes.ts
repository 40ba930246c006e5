import { Hono } from 'hono';
import { ADOPTION_LEVEL_LABELS } from '@jyxc/domain';
import { XLSX_TYPE } from '../../http/download.js';
import { beijingTime, xlsxExport, yesNo } from '../../http/xlsx-export.js';
import { describeRoute } from 'hono-openapi';
import type { AppEnv } from '../../context.js';
import { serviceContext } from '../../http/service-context.js';
import { validate } from '../../http/validate.js';
import {
  addInstruction,
  counterAdoption,
  listAdoptions,
  readScreenshot,
  recordAdoption,
  uploadScreenshot,
} from './service.js';
import { idParam, reasonBody } from '../../http/schemas.js';
import {
  imageAnswer,
  imageResponse,
  readUpload,
  uploadLimit,
  uploadRequestBody,
} from '../../http/upload.js';
import {
  adjustmentBody,
  adoptionBody,
  adoptionQuery,
  instructionBody,
  penaltyBody,
  penaltyQuery,
  unitPeriodQuery,
} from './schemas.js';
import { recordPenalty } from './penalties.js';
import { listPenalties } from './penalties.js';
import { counterAdjustment } from './adjustments.js';
import { voidPenalty } from './penalties.js';
import { createAdjustment } from './adjustments.js';
import { listAdjustments } from './adjustments.js';

const ok = (description: string) => ({ 200: { description } });

export const adoptions = new Hono<AppEnv>()
  .get(
    '/export',
    describeRoute({
      tags: ['采用'],
      summary: '导出采用台账 Excel（与列表相同的筛选和可见范围）',
      responses: { 200: { description: '采用台账工作簿', content: { [XLSX_TYPE]: {} } } },
    }),
    validate('query', adoptionQuery),
    async (c) => {
      const ctx = serviceContext(c);
      const q = c.req.valid('query');
      const level = ADOPTION_LEVEL_LABELS['zh-CN'];
      return xlsxExport(c, {
        fileName: '采用台账',
        fallback: 'adoptions',
        sheet: '采用台账',
        page: (page, pageSize) =>
          listAdoptions(ctx, {
            submissionId: q.submissionId,
            unitId: q.unitId,
            level: q.level,
            period: q.period,
            countered: q.countered === undefined ? undefined : q.countered === 'yes',
            page,
            pageSize,
          }),
        columns: [
          { header: '稿件', width: 44, value: (r) => r.credits.map((x) => x.title).join('；') },
          { header: '单位', width: 24, value: (r) => r.credits.map((x) => x.unitName).join('、') },
          { header: '采用级别', width: 10, value: (r) => level[r.level] },
          { header: '头条', width: 6, value: (r) => yesNo(r.headline) },
          { header: '媒体', width: 26, value: (r) => r.outlet },
          { header: '版面或链接', width: 36, value: (r) => r.pageOrLink },
          { header: '刊发时间', width: 17, value: (r) => beijingTime(r.publishedAt) },
          {
            header: '领导批示',
            width: 10,
            value: (r) => (r.instruction === null ? '' : level[r.instruction.level]),
          },
          { header: '登记人', width: 10, value: (r) => r.recordedBy?.name ?? '' },
          { header: '登记时间', width: 17, value: (r) => beijingTime(r.recordedAt) },
          { header: '已撤销', width: 8, value: (r) => yesNo(r.countered !== null) },
        ],
      });
    },
  )
  .get(
    '/',
    describeRoute({
      tags: ['采用'],
      summary: '采用记录列表（按稿件、单位、级别、周期、是否撤销筛选）',
      responses: ok('一页采用记录'),
    }),
    validate('query', adoptionQuery),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(
        await listAdoptions(serviceContext(c), {
          submissionId: q.submissionId,
          unitId: q.unitId,
          level: q.level,
          period: q.period,
          countered: q.countered === undefined ? undefined : q.countered === 'yes',
          page: q.page,
          pageSize: q.pageSize,
        }),
        200,
      );
    },
  )
  .post(
    '/',
    describeRoute({
      tags: ['采用'],
      summary:
        '登记采用（凭证、级别、头版头条、领导批示；综合稿可对应多篇稿件），返回每篇稿件所得分数及计算过程',
      responses: {
        201: { description: '采用记录与得分' },
        409: { description: '该稿件已登记过同级别采用（同一媒体同一级别不能重复登记）' },
      },
    }),
    validate('json', adoptionBody),
    async (c) => {
      const b = c.req.valid('json');
      const result = await recordAdoption(serviceContext(c), {
        submissionIds: b.submissionIds,
        level: b.level,
        headline: b.headline,
        outletId: b.outletId,
        outlet: b.outlet,
        pageOrLink: b.pageOrLink,
        publishedAt: Date.parse(b.publishedAt),
        screenshotId: b.screenshotId,
        instruction:
          b.instruction === undefined
            ? undefined
            : {
                level: b.instruction.level,
                at: b.instruction.at === undefined ? undefined : Date.parse(b.instruction.at),
                leader: b.instruction.leader,
                note: b.instruction.note,
              },
      });
      return c.json(result, 201);
    },
  )
  .post(
    '/screenshots',
    describeRoute({
      tags: ['采用'],
      summary: '上传采用截图（登记采用前），按文件内容识别图片类型',
      requestBody: uploadRequestBody,
      responses: {
        201: { description: '截图' },
        413: { description: '超过大小限制' },
        415: { description: '不是图片' },
      },
    }),
    uploadLimit,
    async (c) => {
      const ctx = serviceContext(c);
      return c.json(await uploadScreenshot(ctx, await readUpload(c)), 201);
    },
  )
  .get(
    '/:id/screenshot',
    describeRoute({ tags: ['采用'], summary: '采用截图', responses: imageAnswer('图片内容') }),
    validate('param', idParam),
    async (c) => imageResponse(c, await readScreenshot(serviceContext(c), c.req.valid('param').id)),
  )
  .post(
    '/:id/instruction',
    describeRoute({
      tags: ['采用'],
      summary: '为已登记的采用补登领导批示（按批示日期所在周期计分）',
      responses: {
        200: { description: '补登批示后的采用记录' },
        409: { description: '该采用记录已有批示或已被撤销' },
      },
    }),
    validate('param', idParam),
    validate('json', instructionBody),
    async (c) => {
      const b = c.req.valid('json');
      return c.json(
        await addInstruction(serviceContext(c), c.req.valid('param').id, {
          ...b,
          at: Date.parse(b.at),
        }),
        200,
      );
    },
  )
  .post(
    '/:id/counter',
    describeRoute({
      tags: ['采用'],
      summary: '撤销采用记录（保留历史，不再计分）',
      responses: ok('已撤销的采用记录'),
    }),
    validate('param', idParam),
    validate('json', reasonBody),
    async (c) =>
      c.json(
        await counterAdoption(serviceContext(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );

export const adjustments = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      tags: ['加分扣分'],
      summary: '加分/扣分记录（含撤销记录）',
      responses: ok('一页记录'),
    }),
    validate('query', unitPeriodQuery),
    async (c) => c.json(await listAdjustments(serviceContext(c), c.req.valid('query')), 200),
  )
  .post(
    '/',
    describeRoute({
      tags: ['加分扣分'],
      summary: '加分或扣分（系统管理员，须说明理由）',
      responses: { 201: { description: '记录' } },
    }),
    validate('json', adjustmentBody),
    async (c) => {
      const b = c.req.valid('json');
      return c.json(
        await createAdjustment(serviceContext(c), { ...b, eventAt: Date.parse(b.eventAt) }),
        201,
      );
    },
  )
  .post(
    '/:id/counter',
    describeRoute({
      tags: ['加分扣分'],
      summary: '撤销加分或扣分（记录一条相反分值，原记录保留）',
      responses: { 201: { description: '撤销记录' } },
    }),
    validate('param', idParam),
    validate('json', reasonBody),
    async (c) =>
      c.json(
        await counterAdjustment(serviceContext(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  );

export const penalties = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      tags: ['加分扣分'],
      summary: '扣分记录：登记的瞒报/漏报与按时效自动计算的重大信息迟报',
      responses: ok('一页记录'),
    }),
    validate('query', penaltyQuery),
    async (c) => c.json(await listPenalties(serviceContext(c), c.req.valid('query')), 200),
  )
  .post(
    '/',
    describeRoute({
      tags: ['加分扣分'],
      summary: '登记重大信息瞒报/漏报（扣分并取消当期评优资格）',
      responses: { 201: { description: '扣分记录' } },
    }),
    validate('json', penaltyBody),
    async (c) => {
      const b = c.req.valid('json');
      return c.json(
        await recordPenalty(serviceContext(c), { ...b, eventAt: Date.parse(b.eventAt) }),
        201,
      );
    },
  )
  .post(
    '/:id/void',
    describeRoute({
      tags: ['加分扣分'],
      summary: '作废误登记的扣分（保留历史）',
      responses: ok('扣分记录'),
    }),
    validate('param', idParam),
    validate('json', reasonBody),
    async (c) =>
      c.json(
        await voidPenalty(serviceContext(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );
