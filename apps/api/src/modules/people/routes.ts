import { Hono } from 'hono';
import { ROLE_LABELS, UNIT_KIND_LABELS } from '@jyxc/domain';
import { XLSX_TYPE } from '../../http/download.js';
import { xlsxExport, yesNo } from '../../http/xlsx-export.js';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import type { AppEnv } from '../../context.js';
import { serviceContext } from '../../http/service-context.js';
import { validate } from '../../http/validate.js';
import {
  changeOwnPassword,
  createPerson,
  getPerson,
  listPeople,
  resetPassword,
  updatePerson,
} from './service.js';
import {
  idParam,
  newPerson,
  password,
  passwordChange,
  peopleQuery,
  personPatch,
} from './schemas.js';

const TAGS = ['单位与人员'];

export const people = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      tags: TAGS,
      summary: '人员列表（按单位、职责、姓名或用户名筛选，按可见范围，分页）',
      responses: { 200: { description: '人员分页列表' } },
    }),
    validate('query', peopleQuery),
    async (c) => c.json(await listPeople(serviceContext(c), c.req.valid('query')), 200),
  )
  .get(
    '/export',
    describeRoute({
      tags: TAGS,
      summary: '导出人员 Excel（与列表相同的筛选和可见范围）',
      responses: { 200: { description: '人员工作簿', content: { [XLSX_TYPE]: {} } } },
    }),
    validate('query', peopleQuery),
    async (c) => {
      const ctx = serviceContext(c);
      const q = c.req.valid('query');
      const role = ROLE_LABELS['zh-CN'];
      const kind = UNIT_KIND_LABELS['zh-CN'];
      return xlsxExport(c, {
        fileName: '人员名单',
        fallback: 'people',
        sheet: '人员',
        page: (page, pageSize) => listPeople(ctx, { ...q, page, pageSize }),
        columns: [
          { header: '姓名', width: 10, value: (p) => p.name },
          { header: '用户名', width: 18, value: (p) => p.username },
          { header: '单位', width: 26, value: (p) => p.unit.name },
          { header: '单位类型', width: 12, value: (p) => kind[p.unit.kind] },
          { header: '职责', width: 26, value: (p) => p.roles.map((r) => role[r]).join('、') },
          { header: '电话', width: 14, value: (p) => p.phone },
          { header: '状态', width: 8, value: (p) => (p.active ? '启用' : '停用') },
          { header: '已绑定聊天账号', width: 14, value: (p) => yesNo(p.chatLinked) },
        ],
      });
    },
  )
  .post(
    '/',
    describeRoute({
      tags: TAGS,
      summary: '新建人员（管理员；初始密码以 argon2id 保存）',
      responses: {
        201: { description: '新建的人员' },
        403: { description: '非管理员' },
        409: { description: '用户名已被使用' },
      },
    }),
    validate('json', newPerson),
    async (c) => c.json(await createPerson(serviceContext(c), c.req.valid('json')), 201),
  )
  .post(
    '/me/password',
    describeRoute({
      tags: ['登录'],
      summary: '修改本人密码（需当前密码；其他登录会话随之失效）',
      responses: { 200: { description: '已修改' }, 422: { description: '当前密码不正确' } },
    }),
    validate('json', passwordChange),
    async (c) => {
      const body = c.req.valid('json');
      await changeOwnPassword(serviceContext(c), body.currentPassword, body.newPassword);
      return c.json({ ok: true as const }, 200);
    },
  )
  .get(
    '/:id',
    describeRoute({
      tags: TAGS,
      summary: '人员详情',
      responses: {
        200: { description: '人员' },
        403: { description: '不可见' },
        404: { description: '不存在' },
      },
    }),
    validate('param', idParam),
    async (c) => c.json(await getPerson(serviceContext(c), c.req.valid('param').id), 200),
  )
  .patch(
    '/:id',
    describeRoute({
      tags: TAGS,
      summary: '修改人员（管理员：职责、启用、所属单位、姓名、电话）',
      responses: {
        200: { description: '修改后的人员' },
        403: { description: '非管理员' },
        404: { description: '不存在' },
      },
    }),
    validate('param', idParam),
    validate('json', personPatch),
    async (c) =>
      c.json(
        await updatePerson(serviceContext(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  )
  .post(
    '/:id/reset-password',
    describeRoute({
      tags: TAGS,
      summary: '重置人员密码（管理员；该人员的登录会话随之失效）',
      responses: {
        200: { description: '已重置' },
        403: { description: '非管理员' },
        404: { description: '不存在' },
      },
    }),
    validate('param', idParam),
    validate('json', z.object({ password })),
    async (c) => {
      await resetPassword(serviceContext(c), c.req.valid('param').id, c.req.valid('json').password);
      return c.json({ ok: true as const }, 200);
    },
  );
