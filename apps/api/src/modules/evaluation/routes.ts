import { Hono } from 'hono';
import { UNIT_KIND_LABELS, periodLabel } from '@jyxc/domain';
import { XLSX_TYPE } from '../../http/download.js';
import { xlsxExport, yesNo } from '../../http/xlsx-export.js';
import { describeRoute } from 'hono-openapi';
import type { AppEnv } from '../../context.js';
import { sendJson } from '../../http/send-json.js';
import { serviceContext } from '../../http/service-context.js';
import { validate } from '../../http/validate.js';
import {
  currentPeriod,
  getComposite,
  evaluationAnswer,
  getEvaluation,
  getOfficerRanking,
  getUnitEvaluation,
  getUnitReviewers,
} from './service.js';
import { periodOrCurrent, periodQuery } from '../../http/schemas.js';
import { compositeQuery, officersQuery, unitParam } from './schemas.js';

const tags = ['考评'];

export const evaluation = new Hono<AppEnv>()
  .get(
    '/export',
    describeRoute({
      tags,
      summary: '导出考评结果 Excel（各单位名次、得分与结果，与页面相同）',
      responses: { 200: { description: '考评结果工作簿', content: { [XLSX_TYPE]: {} } } },
    }),
    validate('query', periodQuery),
    async (c) => {
      const ctx = serviceContext(c);
      const period = periodOrCurrent(c.req.valid('query').period, ctx.now);
      const kind = UNIT_KIND_LABELS['zh-CN'];
      return xlsxExport(c, {
        fileName: `考评结果（${periodLabel(period)}）`,
        fallback: 'evaluation',
        sheet: '考评结果',
        page: async () => {
          const { units } = await getEvaluation(ctx, period);
          return { items: units, total: units.length };
        },
        columns: [
          { header: '名次', width: 6, format: 'int', value: (u) => u.rank },
          { header: '单位', width: 26, value: (u) => u.name },
          { header: '类型', width: 12, value: (u) => kind[u.kind] },
          { header: '报送', width: 8, format: 'int', value: (u) => u.submitted },
          { header: '采用', width: 8, format: 'int', value: (u) => u.adopted },
          { header: '得分', width: 10, format: 'score', value: (u) => u.score },
          { header: '任务完成率', width: 12, format: 'percent', value: (u) => u.quota?.completion },
          { header: '迟报', width: 8, format: 'int', value: (u) => u.late },
          { header: '结果', width: 10, value: (u) => u.statusLabel },
          { header: '原因', width: 48, value: (u) => u.reasons.map((r) => r.message).join('；') },
        ],
      });
    },
  )
  .get(
    '/officers/export',
    describeRoute({
      tags,
      summary: '导出优秀信息员排名 Excel（与页面相同）',
      responses: { 200: { description: '信息员排名工作簿', content: { [XLSX_TYPE]: {} } } },
    }),
    validate('query', periodQuery),
    async (c) => {
      const ctx = serviceContext(c);
      const period = periodOrCurrent(c.req.valid('query').period, ctx.now);
      return xlsxExport(c, {
        fileName: `优秀信息员排名（${periodLabel(period)}）`,
        fallback: 'officers',
        sheet: '信息员排名',
        page: (page, pageSize) => getOfficerRanking(ctx, period, page, pageSize),
        columns: [
          { header: '名次', width: 6, format: 'int', value: (o) => o.rank },
          { header: '姓名', width: 10, value: (o) => o.name },
          { header: '单位', width: 26, value: (o) => o.unitName },
          { header: '稿件', width: 8, format: 'int', value: (o) => o.items },
          { header: '采用', width: 8, format: 'int', value: (o) => o.adopted },
          { header: '得分', width: 10, format: 'score', value: (o) => o.score },
          { header: '优秀信息员', width: 10, value: (o) => yesNo(o.commended) },
        ],
      });
    },
  )
  .get(
    '/',
    describeRoute({
      tags,
      summary: '考评周期结果：各单位的报送、采用、得分、名次和表彰/批评/取消资格',
      description: '排名和得分在全县公开；本单位以外的单位不含明细（breakdown、writers 为 null）。',
      responses: { 200: { description: '各单位的考评结果和全县合计' } },
    }),
    validate('query', periodQuery),
    async (c) => {
      const ctx = serviceContext(c);
      return sendJson(
        c,
        await evaluationAnswer(ctx, periodOrCurrent(c.req.valid('query').period, ctx.now)),
      );
    },
  )
  .get(
    '/officers',
    describeRoute({
      tags,
      summary: '优秀信息员排名',
      responses: { 200: { description: '信息员按得分排名，分页' } },
    }),
    validate('query', officersQuery),
    async (c) => {
      const ctx = serviceContext(c);
      const { period, page, pageSize } = c.req.valid('query');
      return c.json(
        await getOfficerRanking(ctx, periodOrCurrent(period, ctx.now), page, pageSize),
        200,
      );
    },
  )
  .get(
    '/composite',
    describeRoute({
      tags,
      summary: '宣传工作综合考评（信息报送、舆情处置、报刊征订按权重合计）',
      responses: { 200: { description: '各单位综合得分和名次' } },
    }),
    validate('query', compositeQuery),
    async (c) => {
      const ctx = serviceContext(c);
      const year = c.req.valid('query').year ?? currentPeriod(ctx.now).year;
      return c.json(await getComposite(ctx, year), 200);
    },
  )
  .get(
    '/units/:unitId',
    describeRoute({
      tags,
      summary: '单位考评明细：每篇稿件的得分及计算说明',
      responses: {
        200: { description: '单位结果、按学校分列的稿件得分说明、加减分' },
        403: { description: '不能查看其他单位的明细' },
        404: { description: '单位不存在或不参加考评' },
      },
    }),
    validate('param', unitParam),
    validate('query', periodQuery),
    async (c) => {
      const ctx = serviceContext(c);
      return c.json(
        await getUnitEvaluation(
          ctx,
          periodOrCurrent(c.req.valid('query').period, ctx.now),
          c.req.valid('param').unitId,
        ),
        200,
      );
    },
  )
  .get(
    '/units/:unitId/reviewers',
    describeRoute({
      tags,
      summary:
        '本单位各审核人的审核深度：审核数、深度审核占比、“走过场”次数、打开全文到通过的用时中位数',
      description: '只有教体局工作人员和该单位负责人可以查看；不在工作群中展示。',
      responses: {
        200: { description: '各审核人在该周期的审核情况' },
        403: { description: '不是教体局工作人员，也不是该单位负责人' },
        404: { description: '单位不存在或不参加考评' },
      },
    }),
    validate('param', unitParam),
    validate('query', periodQuery),
    async (c) => {
      const ctx = serviceContext(c);
      return c.json(
        await getUnitReviewers(
          ctx,
          periodOrCurrent(c.req.valid('query').period, ctx.now),
          c.req.valid('param').unitId,
        ),
        200,
      );
    },
  );
