import { z } from 'zod';
import { decimal } from '../../http/schemas.js';
import { ROLES } from '@jyxc/domain';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../auth/service.js';

export { recordIdParam as idParam } from '../../http/schemas.js';

export const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`)
  .max(MAX_PASSWORD_LENGTH, `密码最多 ${MAX_PASSWORD_LENGTH} 个字符`);

export const roles = z.array(z.enum(ROLES)).max(ROLES.length);

export const name = z.string().trim().min(1, '请填写姓名').max(50, '姓名最多 50 个字符');

export const phone = z
  .string()
  .trim()
  .regex(/^[0-9+\- ]{5,20}$/, '电话号码格式不正确');

export const peopleQuery = z.object({
  unitId: z.string().trim().min(1).max(64).optional(),
  role: z.enum(ROLES).optional(),
  q: z.string().trim().min(1).max(50).optional(),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  page: decimal(z.number().int().min(1).max(10_000)).default(1),
  pageSize: decimal(z.number().int().min(1).max(200)).default(50),
});

export const username = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{3,64}$/, '用户名为 3–64 个字母、数字、下划线、点或连字符');

export const newPerson = z.object({
  name,
  unitId: z.string().trim().min(1, '请选择所属单位').max(64),
  username,
  password,
  roles: roles.default([]),
  phone: phone.optional(),
});

export const personPatch = z
  .object({
    name,
    unitId: z.string().trim().min(1).max(64),
    roles,
    active: z.boolean(),
    phone: phone.nullable(),
  })
  .partial()
  .strict();

export const passwordChange = z.object({
  currentPassword: z.string().min(1, '请输入当前密码').max(256),
  newPassword: password,
});
