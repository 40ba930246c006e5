import { LOCALES } from '@jyxc/domain';
import { z } from 'zod';
import { paging } from '../../http/schemas.js';

/** `?unread=yes` lists only what the reader has not read yet. */
export const inboxQuery = z.object({
  ...paging,
  unread: z.enum(['yes', 'no'], { message: 'unread 请填写 yes 或 no' }).optional(),
});

export const languageBody = z.object({
  locale: z.enum(LOCALES, { message: `语言须为 ${LOCALES.join('、')} 之一` }),
});

export const failedQuery = z.object({ ...paging });
