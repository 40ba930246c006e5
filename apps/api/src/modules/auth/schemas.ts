import { z } from 'zod';

export const credentials = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64, '用户名最多 64 个字符'),
  password: z.string().min(1, '请输入密码').max(256, '密码最多 256 个字符'),
});
