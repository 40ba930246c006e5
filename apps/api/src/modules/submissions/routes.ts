import { Hono } from 'hono';
import type { z } from 'zod';
import { XLSX_TYPE } from '../../http/download.js';
import { describeRoute } from 'hono-openapi';
import type { AppEnv } from '../../context.js';
import { sendJson } from '../../http/send-json.js';
import { serviceContext } from '../../http/service-context.js';
import { validate } from '../../http/validate.js';
import {
  approveSubmission,
  coAuthorCandidates,
  createSubmission,
  decideSubmission,
  editSubmission,
  forwardSubmission,
  markQuality,
  returnSubmission,
  submitSubmission,
  withdrawSubmission,
} from './service.js';
import {
  approveBody,
  attachmentParam,
  createBody,
  decideBody,
  diffQuery,
  editBody,
  listQuery,
  qualityBody,
  returnBody,
  toChanges,
  uploadQuery,
  versionBody,
} from './schemas.js';
import { idParam } from '../../http/schemas.js';
import {
  imageAnswer,
  imageResponse,
  readUpload,
  attachmentUploadLimit,
  uploadRequestBody,
} from '../../http/upload.js';
import { listSubmissions, submissionPage, type ListFilters } from './queries.js';
import { CATEGORY_LABELS, SUBMISSION_STATE_LABELS } from '@jyxc/domain';
import { beijingTime, xlsxExport, yesNo } from '../../http/xlsx-export.js';
import { readAttachment } from './attachments.js';
import { submissionDiff } from './queries.js';
import { uploadAttachment } from './attachments.js';
import { submissionRevisions } from './queries.js';
import { createdSubmissionDetail, openSubmissionAnswer, submissionDetail } from './queries.js';

const tags = ['稿件'];

/** The list's query as the list service takes it (the list and its export read it alike). */
function listFilters(q: z.infer<typeof listQuery>): ListFilters {
  return {
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
  };
}
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
      const page = await submissionPage(serviceContext(c), listFilters(c.req.valid('query')));
      return sendJson(c, page);
    },
  )
  .get(
    '/co-authors',
    describeRoute({
      tags,
      summary: '可选的合作作者：本单位人员（乡镇中心校另含所属学校人员），不含本人',
      responses: ok('人员列表'),
    }),
    async (c) => c.json(await coAuthorCandidates(serviceContext(c)), 200),
  )
  .get(
    '/export',
    describeRoute({
      tags,
      summary: '导出稿件台账 Excel（与列表相同的筛选和可见范围）',
      responses: { 200: { description: '稿件台账工作簿', content: { [XLSX_TYPE]: {} } } },
    }),
    validate('query', listQuery),
    async (c) => {
      const ctx = serviceContext(c);
      const filters = listFilters(c.req.valid('query'));
      const state = SUBMISSION_STATE_LABELS['zh-CN'];
      const category = CATEGORY_LABELS['zh-CN'];
      return xlsxExport(c, {
        fileName: '稿件台账',
        fallback: 'submissions',
        sheet: '稿件台账',
        page: (page, pageSize) => listSubmissions(ctx, { ...filters, page, pageSize }),
        columns: [
          { header: '标题', width: 48, value: (r) => r.title },
          { header: '类别', width: 10, value: (r) => category[r.category] },
          { header: '状态', width: 12, value: (r) => state[r.state] },
          { header: '单位', width: 24, value: (r) => r.unit.name },
          { header: '作者', width: 16, value: (r) => r.authors.map((a) => a.name).join('、') },
          { header: '事件时间', width: 17, value: (r) => beijingTime(r.eventAt) },
          { header: '提交时间', width: 17, value: (r) => beijingTime(r.submittedAt) },
          { header: '报送局时间', width: 17, value: (r) => beijingTime(r.submittedToBureauAt) },
          { header: '迟报', width: 8, value: (r) => yesNo(r.late) },
          { header: '优质稿件', width: 10, value: (r) => yesNo(r.quality) },
        ],
      });
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
      const { submission, created, written, unitItems } = await createSubmission(ctx, {
        title: b.title,
        body: b.body,
        category: b.category,
        topics: b.topics,
        eventAt: Date.parse(b.eventAt),
        coAuthorIds: b.coAuthorIds,
        idempotencyKey: b.idempotencyKey,
      });
      const detail =
        written === undefined
          ? await submissionDetail(ctx, submission.id)
          : await createdSubmissionDetail(ctx, written, unitItems);
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
    async (c) => {
      const ctx = serviceContext(c);
      const { id } = c.req.valid('param');
      // DESIGN §3.2: the console and phone app open the full item here; the bot reads it for
      // a preview and records 查看全文 through its own route.
      return sendJson(c, await openSubmissionAnswer(ctx, id, ctx.via === 'user' ? 'web' : null));
    },
  )
  .patch(
    '/:id',
    describeRoute({
      tags,
      summary:
        '修改稿件（生成新版本，作废已有的审核签发）；草稿或已退回时可一并修改合作作者（coAuthorIds）',
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
        coAuthorIds: b.coAuthorIds,
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
      summary:
        '上传附件：图片（按文件内容识别 JPEG/PNG/GIF/WebP，最大 10 MB）或视频（MP4/MOV，最大 20 MB）；相同文件只存一份',
      requestBody: uploadRequestBody,
      responses: {
        201: { description: '新附件' },
        200: { description: '该文件已在稿件中' },
        413: { description: '超过大小限制' },
        415: { description: '不是图片或视频' },
      },
    }),
    attachmentUploadLimit,
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
    describeRoute({ tags, summary: '下载图片附件', responses: imageAnswer('图片内容') }),
    validate('param', attachmentParam),
    async (c) => {
      const { id, attachmentId } = c.req.valid('param');
      return imageResponse(c, await readAttachment(serviceContext(c), id, attachmentId));
    },
  );
