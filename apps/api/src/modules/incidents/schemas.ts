import { z } from 'zod';
import { decimal } from '../../http/schemas.js';
import type { IncidentCommandName } from './service.js';
import {
  INCIDENT_SEVERITIES,
  INCIDENT_SOURCES,
  INCIDENT_STATES,
  INCIDENT_SUMMARY_MAX,
  INCIDENT_TITLE_MAX,
} from '@jyxc/domain';

/** The commands of the domain's incident state machine (DESIGN §3.6), and a change of severity. */
export const COMMANDS = [
  'report',
  'respond',
  'resolve',
  'close',
  'reopen',
  'reclassify',
] as const satisfies readonly IncidentCommandName[];

export { recordIdParam as idParam } from '../../http/schemas.js';

export const paging = {
  page: decimal(z.number().int().min(1).max(10_000)).default(1),
  pageSize: decimal(z.number().int().min(1).max(200)).default(50),
};

export const listQuery = z.object({
  unitId: z.string().trim().min(1).max(64).optional(),
  state: z.enum(INCIDENT_STATES).optional(),
  severity: z.enum(INCIDENT_SEVERITIES).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  ...paging,
});

export const newIncident = z.object({
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

export const transitionBody = z.object({
  command: z.enum(COMMANDS),
  note: z.string().max(5000, '说明最多 5000 个字符').optional(),
  severity: z.enum(INCIDENT_SEVERITIES).optional(),
  expectedVersion: z.number().int().min(1).optional(),
});
