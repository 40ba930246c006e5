/** Input shapes that several areas' routes share (ids, paging, times, periods). */
import { parsePeriodKey, periodOf, type Period } from '@jyxc/domain';
import { z } from 'zod';

export const idSchema = z.string().trim().min(1, '编号不能为空').max(100, '编号过长');
export const isoTime = z.iso.datetime({
  offset: true,
  message: '请使用 ISO 8601 时间，如 2026-05-10T08:00:00+08:00',
});
export const periodKey = z
  .string()
  .regex(/^\d{4}-(H1|H2|Y)$/, '考评周期应形如 2026-H1、2026-H2 或 2026-Y');
export const yesNo = z.enum(['yes', 'no'], { message: '请填写 yes 或 no' });
export const paging = {
  page: decimal(z.number().int('页码应为整数').min(1, '页码从 1 开始').max(100_000)).default(1),
  pageSize: decimal(
    z.number().int('每页条数应为整数').min(1, '每页至少 1 条').max(100, '每页最多 100 条'),
  ).default(20),
};
export const idParam = z.object({ id: idSchema });
export const reasonBody = z.object({
  reason: z.string().trim().min(1, '请说明理由').max(500, '理由最多 500 个字'),
});

/** An id in the path of up to 64 characters, as units, people, codes and incidents name theirs. */
export const recordIdParam = z.object({ id: z.string().trim().min(1).max(64) });

/** `?period=2026-H1|2026-H2|2026-Y`; absent means the current half-year (Asia/Shanghai). */
export const periodQuery = z.object({ period: periodKey.optional() });

/** The period a query names, or the half-year `now` falls in. */
export function periodOrCurrent(key: string | undefined, now: Date): Period {
  if (key === undefined) return periodOf(now.getTime());
  const parsed = parsePeriodKey(key);
  // The query was matched against the same pattern already.
  return parsed.ok ? parsed.value : periodOf(now.getTime());
}

/**
 * A number in the query string or path, read only when written in decimal digits: `z.coerce`
 * took `0x10`, `1e3`, ` 5` and the empty text for numbers. `schema` then checks the value.
 */
export function decimal<Schema extends z.ZodType<number, number>>(schema: Schema) {
  return z
    .string()
    .regex(/^[+-]?\d{1,15}$/, '须为十进制整数')
    .transform(Number)
    .pipe(schema);
}
