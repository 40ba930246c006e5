import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AppEnv } from '../../context.js';
import { serviceContext } from '../../http/service-context.js';
import { validate } from '../../http/validate.js';
import { createUnit, getUnit, unitTree, updateUnit, visibleGaps } from './service.js';
import { idParam, newUnit, unitPatch } from './schemas.js';

const TAGS = ['单位与人员'];

export const units = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      tags: TAGS,
      summary: '单位树（含人数、直报点、职责与责任链缺口，按可见范围）',
      responses: { 200: { description: '可见单位的树' } },
    }),
    async (c) => c.json(await unitTree(serviceContext(c)), 200),
  )
  .post(
    '/',
    describeRoute({
      tags: TAGS,
      summary: '新建单位（管理员；学校须挂在乡镇中心校下，其余挂在县教体局下）',
      responses: {
        201: { description: '新建的单位' },
        403: { description: '非管理员' },
        422: { description: '上级单位不符' },
      },
    }),
    validate('json', newUnit),
    async (c) => c.json(await createUnit(serviceContext(c), c.req.valid('json')), 201),
  )
  .get(
    '/:id',
    describeRoute({
      tags: TAGS,
      summary: '单位详情',
      responses: {
        200: { description: '单位' },
        403: { description: '不可见的单位' },
        404: { description: '不存在' },
      },
    }),
    validate('param', idParam),
    async (c) => c.json(await getUnit(serviceContext(c), c.req.valid('param').id), 200),
  )
  .patch(
    '/:id',
    describeRoute({
      tags: TAGS,
      summary: '修改单位（管理员：名称、人数、直报点、排序、启用）',
      responses: {
        200: { description: '修改后的单位' },
        403: { description: '非管理员' },
        404: { description: '不存在' },
      },
    }),
    validate('param', idParam),
    validate('json', unitPatch),
    async (c) =>
      c.json(
        await updateUnit(serviceContext(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );

export const gaps = new Hono<AppEnv>().get(
  '/',
  describeRoute({
    tags: TAGS,
    summary: '责任链缺口（可见单位缺一把手、分管领导、信息员、舆情责任人等）',
    responses: { 200: { description: '缺口列表' } },
  }),
  async (c) => c.json(await visibleGaps(serviceContext(c)), 200),
);
