import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import type { AppEnv } from '../../context.js';
import { serviceContext } from '../../http/service-context.js';
import { validate } from '../../http/validate.js';
import { schemeEffect } from '../evaluation/service.js';
import {
  checkedScheme,
  getQuotaOverrides,
  getScheme,
  listSchemeVersions,
  putQuotaOverrides,
  saveScheme,
} from './service.js';
import { paging, quotaOverridesBody, yearParam } from './schemas.js';

const tags = ['考评办法'];

export const schemes = new Hono<AppEnv>()
  .get(
    '/:year',
    describeRoute({
      tags,
      summary: '读取年度考评办法（未保存时为默认办法）',
      responses: { 200: { description: '考评办法，isDefault 表示尚未保存、使用默认值' } },
    }),
    validate('param', yearParam),
    async (c) => c.json(await getScheme(serviceContext(c), c.req.valid('param').year), 200),
  )
  .put(
    '/:year',
    describeRoute({
      tags,
      summary: '保存年度考评办法（仅系统管理员；保存为新版本）',
      description:
        '请求体为完整的考评办法文档，version 为编辑所依据的版本。校验失败时返回 422，details.issues 列出每一处问题及字段路径（如 levels.city、quotaOverrides.2.half）。',
      responses: {
        200: { description: '保存后的考评办法' },
        403: { description: '不是系统管理员' },
        409: { description: '考评办法已被他人修改' },
        422: { description: '考评办法有误，details.issues 列出全部问题' },
      },
    }),
    validate('param', yearParam),
    validate('json', z.looseObject({})),
    async (c) =>
      c.json(
        await saveScheme(serviceContext(c), c.req.valid('param').year, c.req.valid('json')),
        200,
      ),
  )
  .post(
    '/:year/preview',
    describeRoute({
      tags,
      summary: '预览考评办法修改的影响（仅系统管理员；不保存）',
      description:
        '请求体与保存时相同。按本年度已开始的各考评期，用现行数据分别以已保存的办法和提交的办法计算考评结果，返回得分、名次或等次有变化的单位。',
      responses: {
        200: { description: 'changes 列出每个考评期中得分、名次或等次有变化的单位' },
        403: { description: '不是系统管理员' },
        422: { description: '考评办法有误，details.issues 列出全部问题' },
      },
    }),
    validate('param', yearParam),
    validate('json', z.looseObject({})),
    async (c) => {
      const ctx = serviceContext(c);
      const { year } = c.req.valid('param');
      const proposed = await checkedScheme(ctx, year, c.req.valid('json'));
      return c.json(await schemeEffect(ctx, year, proposed), 200);
    },
  )
  .get(
    '/:year/versions',
    describeRoute({
      tags,
      summary: '考评办法的历史版本',
      responses: { 200: { description: '按版本从新到旧分页' } },
    }),
    validate('param', yearParam),
    validate('query', paging),
    async (c) => {
      const { page, pageSize } = c.req.valid('query');
      return c.json(
        await listSchemeVersions(serviceContext(c), c.req.valid('param').year, page, pageSize),
        200,
      );
    },
  )
  .get(
    '/:year/quota-overrides',
    describeRoute({
      tags,
      summary: '单位报送任务调整（按单位和半年）',
      responses: { 200: { description: '各单位的任务数及其类型的默认任务数' } },
    }),
    validate('param', yearParam),
    async (c) => c.json(await getQuotaOverrides(serviceContext(c), c.req.valid('param').year), 200),
  )
  .put(
    '/:year/quota-overrides',
    describeRoute({
      tags,
      summary: '设置单位报送任务调整（仅系统管理员；保存为考评办法新版本）',
      responses: {
        200: { description: '保存后的任务调整' },
        403: { description: '不是系统管理员' },
        409: { description: '考评办法已被他人修改' },
        422: { description: '任务数有误，details.issues 列出全部问题' },
      },
    }),
    validate('param', yearParam),
    validate('json', quotaOverridesBody),
    async (c) =>
      c.json(
        await putQuotaOverrides(serviceContext(c), c.req.valid('param').year, c.req.valid('json')),
        200,
      ),
  );
