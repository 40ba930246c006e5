import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AppEnv } from '../../context.js';
import { XLSX_TYPE } from '../../http/download.js';
import { serviceContext } from '../../http/service-context.js';
import { validate } from '../../http/validate.js';
import { beijingTime, xlsxExport } from '../../http/xlsx-export.js';
import { auditActionLabel, auditEntityLabel } from './labels.js';
import { listAuditEntries } from './service.js';
import { auditQuery } from './schemas.js';

const ACTOR_KIND: Readonly<Record<string, string>> = {
  user: '用户',
  bot: '机器人',
  system: '系统',
};

// The audit log is append-only (DESIGN §4): this area offers reading and nothing else.
export const auditLog = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      tags: ['系统'],
      summary: '审计日志（管理员；按操作人、对象、单位、操作、时间筛选，最新在前，分页）',
      responses: { 200: { description: '分页列表' }, 403: { description: '非管理员' } },
    }),
    validate('query', auditQuery),
    async (c) => c.json(await listAuditEntries(serviceContext(c), c.req.valid('query')), 200),
  )
  .get(
    '/export',
    describeRoute({
      tags: ['系统'],
      summary: '导出审计日志 Excel（管理员；与列表相同的筛选）',
      responses: {
        200: { description: '审计日志工作簿', content: { [XLSX_TYPE]: {} } },
        403: { description: '非管理员' },
      },
    }),
    validate('query', auditQuery),
    async (c) => {
      const ctx = serviceContext(c);
      const q = c.req.valid('query');
      return xlsxExport(c, {
        fileName: '审计日志',
        fallback: 'audit-log',
        sheet: '审计日志',
        page: (page, pageSize) => listAuditEntries(ctx, { ...q, page, pageSize }),
        columns: [
          { header: '时间', width: 17, value: (e) => beijingTime(e.at) },
          {
            header: '操作人',
            width: 12,
            value: (e) => e.actor?.name ?? ACTOR_KIND[e.actorKind] ?? e.actorKind,
          },
          { header: '操作', width: 18, value: (e) => auditActionLabel(e.action) },
          { header: '对象', width: 14, value: (e) => auditEntityLabel(e.entity) },
          { header: '单位', width: 24, value: (e) => e.unit?.name ?? '' },
          {
            header: '修改前',
            width: 40,
            value: (e) => (e.before === null ? '' : JSON.stringify(e.before)),
          },
          {
            header: '修改后',
            width: 40,
            value: (e) => (e.after === null ? '' : JSON.stringify(e.after)),
          },
        ],
      });
    },
  );
