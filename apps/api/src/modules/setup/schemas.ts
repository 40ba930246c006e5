import { z } from 'zod';
import { name as personName, username } from '../people/schemas.js';

/** What the first run asks for (DESIGN §7): the county, its bureau and the first administrator. */
export const setupFields = z.object({
  countyName: z.string().trim().min(1, '请填写县（区）名称').max(50, '县（区）名称最多 50 个字符'),
  bureauName: z.string().trim().min(1, '请填写教体局名称').max(100, '教体局名称最多 100 个字符'),
  username,
  name: personName,
  password: z.string().min(1, '请设置密码').max(256, '密码最多 256 个字符'),
});

export const setupBody = setupFields.extend({
  token: z.string().trim().min(1, '缺少设置链接中的口令').max(200),
});
