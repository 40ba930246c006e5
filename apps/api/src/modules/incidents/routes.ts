import {
  INCIDENT_SEVERITIES,
  INCIDENT_SOURCES,
  INCIDENT_STATES,
  INCIDENT_SUMMARY_MAX,
  INCIDENT_TITLE_MAX,
} from '@jyxc/domain';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import type { AppEnv } from '../../context.js';
import { serviceContext } from '../../http/service-context.js';
import { validate } from '../../http/validate.js';
import {
  getIncident,
  listIncidents,
  registerIncident,
  transition,
  type IncidentCommandName,
} from './service.js';

const TAGS = ['舆情'];

/** The commands of the domain's incident state machine (DESIGN §3.6), and a change of severity. */
const COMMANDS = [
  'report',
  'respond',
  'resolve',
  'close',
  'reopen',
  'reclassify',
] as const satisfies readonly IncidentCommandName[];

const idParam = z.object({ id: z.string().trim().min(1).max(64) });

const paging = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};

const listQuery = z.object({
  unitId: z.string().trim().min(1).max(64).optional(),
  state: z.enum(INCIDENT_STATES).optional(),
  severity: z.enum(INCIDENT_SEVERITIES).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  ...paging,
});

const newIncident = z.object({
  unitId: z.string().trim().min(1, '请选择单位').max(64),
  // Lengths are the domain's; it trims and checks them again with its own messages.
  title: z.string().max(INCIDENT_TITLE_MAX * 2, '标题过长'),
  source: z.enum(INCIDENT_SOURCES),
  link: z.string().max(2000, '链接过长').nullable().optional(),
  summary: z.string().max(INCIDENT_SUMMARY_MAX * 2, '事件概要过长'),
  severity: z.enum(INCIDENT_SEVERITIES),
  discoveredAt: z.iso
    .datetime({ offset: true, message: '发现时间须为 ISO 8601 时间' })
    .transform((v) => new Date(v)),
  responsiblePersonId: z.string().trim().min(1, '请指定责任人').max(64),
});

const transitionBody = z.object({
  command: z.enum(COMMANDS),
  note: z.string().max(5000, '说明最多 5000 个字符').optional(),
  severity: z.enum(INCIDENT_SEVERITIES).optional(),
  expectedVersion: z.number().int().min(1).optional(),
});

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
  );
