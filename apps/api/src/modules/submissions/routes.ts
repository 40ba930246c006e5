import { CATEGORIES, SUBMISSION_STATES } from '@jyxc/domain';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import type { AppEnv } from '../../context.js';
import { errorBody } from '../../http/errors.js';
import { ServiceError } from '../../shared/errors.js';
import { sendJson } from '../../http/send-json.js';
import { serviceContext } from '../../http/service-context.js';
import { validate } from '../../http/validate.js';
import {
  MAX_IMAGE_BYTES,
  approveSubmission,
  createSubmission,
  decideSubmission,
  editSubmission,
  forwardSubmission,
  markQuality,
  readAttachment,
  returnSubmission,
  submissionDetail,
  submissionDiff,
  submissionPage,
  submissionRevisions,
  submitSubmission,
  uploadAttachment,
  withdrawSubmission,
  type ContentChanges,
  type Upload,
} from './service.js';

// ---------------------------------------------------------------------------
// Input shapes shared by the submission and adoption routes
// ---------------------------------------------------------------------------

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
  page: z.coerce.number().int('页码应为整数').min(1, '页码从 1 开始').max(100_000).default(1),
  pageSize: z.coerce
    .number()
    .int('每页条数应为整数')
    .min(1, '每页至少 1 条')
    .max(100, '每页最多 100 条')
    .default(20),
};
export const idParam = z.object({ id: idSchema });
export const reasonBody = z.object({
  reason: z.string().trim().min(1, '请说明理由').max(500, '理由最多 500 个字'),
});
const expectedVersion = z.number().int('版本号应为整数').min(1, '版本号从 1 开始');

const fields = {
  title: z.string().trim().min(1, '标题不能为空').max(200, '标题最多 200 个字'),
  body: z.string().max(50_000, '正文最多 50000 个字'),
  category: z.enum(CATEGORIES, { message: `类别应为 ${CATEGORIES.join('、')} 之一` }),
  topics: z
    .array(z.string().trim().min(1, '宣传重点不能为空').max(50))
    .max(20, '宣传重点最多 20 个'),
  eventAt: isoTime,
  attachments: z.array(idSchema).max(50, '附件最多 50 个'),
};

const changesShape = z.object({
  title: fields.title.optional(),
  body: fields.body.optional(),
  category: fields.category.optional(),
  topics: fields.topics.optional(),
  eventAt: fields.eventAt.optional(),
  attachments: fields.attachments.optional(),
});

type ChangesInput = z.infer<typeof changesShape>;

function toChanges(input: ChangesInput): ContentChanges {
  return {
    ...(input.title === undefined ? {} : { title: input.title }),
    ...(input.body === undefined ? {} : { body: input.body }),
    ...(input.category === undefined ? {} : { category: input.category }),
    ...(input.topics === undefined ? {} : { topics: input.topics }),
    ...(input.eventAt === undefined ? {} : { eventAt: Date.parse(input.eventAt) }),
    ...(input.attachments === undefined ? {} : { attachments: input.attachments }),
  };
}

const createBody = z.object({
  title: fields.title,
  body: fields.body,
  category: fields.category,
  topics: fields.topics.optional(),
  eventAt: fields.eventAt,
  coAuthorIds: z.array(idSchema).max(10, '合作作者最多 10 人').optional(),
  idempotencyKey: z.string().trim().min(1).max(200, '请求标识最多 200 个字符').optional(),
});

const editBody = changesShape
  .extend({ note: z.string().max(500, '说明最多 500 个字').optional(), expectedVersion })
  .refine((b) => Object.keys(toChanges(b)).length > 0, {
    message: '请至少修改一项内容',
    path: ['title'],
  });

const versionBody = z.object({ expectedVersion: expectedVersion.optional() });

const approveBody = z.object({
  changes: changesShape.optional(),
  noChange: z.boolean().optional(),
  comment: z.string().max(1000, '审核意见最多 1000 个字').optional(),
  openedAt: isoTime.optional(),
  forward: z.boolean().optional(),
  expectedVersion: expectedVersion.optional(),
});

const returnBody = reasonBody.extend({ expectedVersion: expectedVersion.optional() });
const decideBody = z.object({
  adopted: z.boolean({ message: 'adopted 应为 true 或 false' }),
  comment: z.string().max(1000).optional(),
  expectedVersion: expectedVersion.optional(),
});
const qualityBody = z.object({
  quality: z.boolean({ message: 'quality 应为 true 或 false' }),
  expectedVersion: expectedVersion.optional(),
});

const listQuery = z.object({
  unitId: idSchema.optional(),
  state: z
    .enum(SUBMISSION_STATES, { message: `状态应为 ${SUBMISSION_STATES.join('、')} 之一` })
    .optional(),
  category: fields.category.optional(),
  period: periodKey.optional(),
  late: yesNo.optional(),
  q: z.string().trim().max(100, '搜索词最多 100 个字').optional(),
  author: z.literal('me', { message: 'author 只能为 me' }).optional(),
  pending: z.literal('me', { message: 'pending 只能为 me' }).optional(),
  ...paging,
});

const diffQuery = z.object({
  from: z.coerce.number().int().min(1, '版本号从 1 开始'),
  to: z.coerce.number().int().min(1, '版本号从 1 开始'),
});

const attachmentParam = z.object({ id: idSchema, attachmentId: idSchema });
const uploadQuery = z.object({ expectedVersion: z.coerce.number().int().min(1).optional() });

// ---------------------------------------------------------------------------
// Uploads
// ---------------------------------------------------------------------------

/**
 * Refuses a body over the image limit without reading past it (plus room for the multipart
 * headers); the exact file size is checked again once read.
 */
export const uploadLimit = bodyLimit({
  maxSize: MAX_IMAGE_BYTES + 64 * 1024,
  onError: (c) =>
    c.json(errorBody('UPLOAD.TOO_LARGE', `图片不能超过 ${MAX_IMAGE_BYTES / 1024 / 1024} MB`), 413),
});

/** The one file of a multipart upload (field `file`). */
export async function readUpload(c: Context<AppEnv>): Promise<Upload> {
  const type = c.req.header('content-type') ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    throw new ServiceError(
      'unsupported_media',
      'UPLOAD.NOT_MULTIPART',
      '请以 multipart/form-data 方式上传图片',
    );
  }
  let form: Record<string, unknown>;
  try {
    form = await c.req.parseBody();
  } catch {
    throw new ServiceError('malformed', 'VALIDATION', '上传内容无法解析', {
      issues: [{ path: 'file', message: '上传内容无法解析' }],
    });
  }
  const file = form.file;
  if (!(file instanceof File)) {
    throw new ServiceError('malformed', 'VALIDATION', '字段 file：请选择要上传的图片', {
      issues: [{ path: 'file', message: '请选择要上传的图片' }],
    });
  }
  return { filename: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** The bytes of a stored image, as the browser needs them. */
export function imageResponse(
  c: Context<AppEnv>,
  file: { mime: string; filename: string; bytes: Uint8Array<ArrayBuffer> },
) {
  return c.body(file.bytes, 200, {
    'content-type': file.mime,
    'content-length': String(file.bytes.byteLength),
    'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    'cache-control': 'private, max-age=3600',
    'x-content-type-options': 'nosniff',
  });
}

export const uploadRequestBody = {
  content: {
    'multipart/form-data': {
      schema: {
        type: 'object' as const,
        properties: { file: { type: 'string' as const, format: 'binary' } },
        required: ['file'],
      },
    },
  },
};

const tags = ['稿件'];
const ok = (description: string) => ({ 200: { description } });

export const submissions = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      tags,
      summary:
        '稿件列表（按单位、状态、类别、考评周期、是否迟报、关键词、我的稿件、待我审核筛选，分页，最新在前）',
      responses: ok('一页稿件'),
    }),
    validate('query', listQuery),
    async (c) => {
      const q = c.req.valid('query');
      const page = await submissionPage(serviceContext(c), {
        unitId: q.unitId,
        state: q.state,
        category: q.category,
        period: q.period,
        late: q.late === undefined ? undefined : q.late === 'yes',
        q: q.q,
        mine: q.author === 'me',
        pendingMyReview: q.pending === 'me',
        page: q.page,
        pageSize: q.pageSize,
      });
      return sendJson(c, page);
    },
  )
  .post(
    '/',
    describeRoute({
      tags,
      summary: '撰写稿件（草稿）；相同的 idempotencyKey 只创建一篇',
      responses: {
        201: { description: '新稿件' },
        200: { description: '此前以同一请求标识创建的稿件' },
      },
    }),
    validate('json', createBody),
    async (c) => {
      const ctx = serviceContext(c);
      const b = c.req.valid('json');
      const { submission, created } = await createSubmission(ctx, {
        title: b.title,
        body: b.body,
        category: b.category,
        topics: b.topics,
        eventAt: Date.parse(b.eventAt),
        coAuthorIds: b.coAuthorIds,
        idempotencyKey: b.idempotencyKey,
      });
      const detail = await submissionDetail(ctx, submission.id);
      return created ? c.json(detail, 201) : c.json(detail, 200);
    },
  )
  .get(
    '/:id',
    describeRoute({
      tags,
      summary: '稿件详情：内容、状态、作者、时间线、审核签发、可执行操作、疑似重复、时效、得分',
      responses: ok('稿件详情'),
    }),
    validate('param', idParam),
    async (c) => c.json(await submissionDetail(serviceContext(c), c.req.valid('param').id), 200),
  )
  .patch(
    '/:id',
    describeRoute({
      tags,
      summary: '修改稿件（生成新版本，作废已有的审核签发）',
      responses: ok('修改后的稿件'),
    }),
    validate('param', idParam),
    validate('json', editBody),
    async (c) => {
      const ctx = serviceContext(c);
      const { id } = c.req.valid('param');
      const b = c.req.valid('json');
      await editSubmission(ctx, id, {
        changes: toChanges(b),
        note: b.note,
        expectedVersion: b.expectedVersion,
      });
      return c.json(await submissionDetail(ctx, id), 200);
    },
  )
  .get(
    '/:id/revisions',
    describeRoute({
      tags,
      summary: '稿件的全部版本（谁、何时、改了什么）',
      responses: ok('版本列表'),
    }),
    validate('param', idParam),
    async (c) =>
      c.json({ items: await submissionRevisions(serviceContext(c), c.req.valid('param').id) }, 200),
  )
  .get(
    '/:id/diff',
    describeRoute({ tags, summary: '两个版本之间的逐项差异', responses: ok('结构化差异') }),
    validate('param', idParam),
    validate('query', diffQuery),
    async (c) => {
      const { from, to } = c.req.valid('query');
      return c.json(
        await submissionDiff(serviceContext(c), c.req.valid('param').id, from, to),
        200,
      );
    },
  )
  .post(
    '/:id/submit',
    describeRoute({
      tags,
      summary: '提交审核（学校稿件先经乡镇中心校审核，直报点直接报局）',
      responses: ok('稿件'),
    }),
    validate('param', idParam),
    validate('json', versionBody),
    async (c) => {
      const ctx = serviceContext(c);
      const { id } = c.req.valid('param');
      await submitSubmission(ctx, id, c.req.valid('json'));
      return c.json(await submissionDetail(ctx, id), 200);
    },
  )
  .post(
    '/:id/approve',
    describeRoute({
      tags,
      summary: '单位审核通过：修改后签发，或明确"审阅无修改"并附意见；默认同时报送到局',
      responses: ok('稿件'),
    }),
    validate('param', idParam),
    validate('json', approveBody),
    async (c) => {
      const ctx = serviceContext(c);
      const { id } = c.req.valid('param');
      const b = c.req.valid('json');
      await approveSubmission(ctx, id, {
        changes: b.changes === undefined ? undefined : toChanges(b.changes),
        noChange: b.noChange,
        comment: b.comment,
        openedAt: b.openedAt === undefined ? undefined : Date.parse(b.openedAt),
        forward: b.forward,
        expectedVersion: b.expectedVersion,
      });
      return c.json(await submissionDetail(ctx, id), 200);
    },
  )
  .post(
    '/:id/return',
    describeRoute({ tags, summary: '退回作者（须说明理由）', responses: ok('稿件') }),
    validate('param', idParam),
    validate('json', returnBody),
    async (c) => {
      const ctx = serviceContext(c);
      const { id } = c.req.valid('param');
      await returnSubmission(ctx, id, c.req.valid('json'));
      return c.json(await submissionDetail(ctx, id), 200);
    },
  )
  .post(
    '/:id/withdraw',
    describeRoute({ tags, summary: '作者撤回（报局之前）', responses: ok('稿件') }),
    validate('param', idParam),
    validate('json', versionBody),
    async (c) => {
      const ctx = serviceContext(c);
      const { id } = c.req.valid('param');
      await withdrawSubmission(ctx, id, c.req.valid('json'));
      return c.json(await submissionDetail(ctx, id), 200);
    },
  )
  .post(
    '/:id/forward',
    describeRoute({ tags, summary: '将已审核通过的版本报送到局', responses: ok('稿件') }),
    validate('param', idParam),
    validate('json', versionBody),
    async (c) => {
      const ctx = serviceContext(c);
      const { id } = c.req.valid('param');
      await forwardSubmission(ctx, id, c.req.valid('json'));
      return c.json(await submissionDetail(ctx, id), 200);
    },
  )
  .post(
    '/:id/decide',
    describeRoute({ tags, summary: '宣传股决定采用或不采用', responses: ok('稿件') }),
    validate('param', idParam),
    validate('json', decideBody),
    async (c) => {
      const ctx = serviceContext(c);
      const { id } = c.req.valid('param');
      await decideSubmission(ctx, id, c.req.valid('json'));
      return c.json(await submissionDetail(ctx, id), 200);
    },
  )
  .post(
    '/:id/quality',
    describeRoute({ tags, summary: '评定或取消精品', responses: ok('稿件') }),
    validate('param', idParam),
    validate('json', qualityBody),
    async (c) => {
      const ctx = serviceContext(c);
      const { id } = c.req.valid('param');
      await markQuality(ctx, id, c.req.valid('json'));
      return c.json(await submissionDetail(ctx, id), 200);
    },
  )
  .post(
    '/:id/attachments',
    describeRoute({
      tags,
      summary: '上传图片附件（按文件内容识别 JPEG/PNG/GIF/WebP，最大 10 MB；相同图片只存一份）',
      requestBody: uploadRequestBody,
      responses: {
        201: { description: '新附件' },
        200: { description: '该图片已在稿件中' },
        413: { description: '超过大小限制' },
        415: { description: '不是图片' },
      },
    }),
    uploadLimit,
    validate('param', idParam),
    validate('query', uploadQuery),
    async (c) => {
      const ctx = serviceContext(c);
      const { id } = c.req.valid('param');
      const upload = await readUpload(c);
      const result = await uploadAttachment(ctx, id, upload, c.req.valid('query').expectedVersion);
      const body = {
        attachment: result.attachment,
        version: result.submission.version,
        revision: result.submission.revision,
      };
      return result.created ? c.json(body, 201) : c.json(body, 200);
    },
  )
  .get(
    '/:id/attachments/:attachmentId',
    describeRoute({ tags, summary: '下载图片附件', responses: ok('图片内容') }),
    validate('param', attachmentParam),
    async (c) => {
      const { id, attachmentId } = c.req.valid('param');
      return imageResponse(c, await readAttachment(serviceContext(c), id, attachmentId));
    },
  );
