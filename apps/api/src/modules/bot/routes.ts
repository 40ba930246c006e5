import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { describeRoute } from 'hono-openapi';
import { z } from 'zod';
import type { AppEnv } from '../../context.js';
import { ServiceError } from '../../shared/errors.js';
import { validate } from '../../http/validate.js';
import {
  claimUpdate,
  createQuickReport,
  deleteBotSession,
  readBotSession,
  resolveChat,
  storeUpdateResult,
  writeBotSession,
} from './service.js';
import {
  consumeLinkCode,
  endOwnChatLink,
  ownChatLink,
  voidLeakedLinkCode,
} from '../link-codes/service.js';
import { recordGroupChange } from '../chat-links/service.js';
import { openSubmissionAnswer } from '../submissions/queries.js';
import { sendJson } from '../../http/send-json.js';
import { commentOnApproval } from '../submissions/service.js';
import { idParam as submissionParam } from '../../http/schemas.js';
import { serviceContext } from '../../http/service-context.js';
import { acknowledgeMessage, leaseDueMessages, recordDeliveryFailure } from '../outbox/service.js';
import {
  approvalComment,
  failure,
  groupLink,
  accountParam,
  chatAccountParam,
  groupChange,
  leakedLink,
  jsonValue,
  outboxParam,
  outboxQuery,
  personLink,
  quickReport,
  resolveQuery,
  sessionParam,
  updateParam,
} from './schemas.js';

const TAGS = ['机器人'];
const BOT_ONLY = { security: [{ botToken: [] }] };

/** Only the bot's service token opens these routes (DESIGN §5). */
const requireBot = createMiddleware<AppEnv>(async (c, next) => {
  if (c.var.via !== 'bot') {
    throw new ServiceError(
      'unauthenticated',
      'BOT.TOKEN_REQUIRED',
      '此接口仅供机器人使用，需要机器人服务令牌',
    );
  }
  await next();
});

function limit(maxSize: number) {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new ServiceError(
        'too_large',
        'REQUEST.TOO_LARGE',
        `请求内容过大（最多 ${Math.round(maxSize / 1024)} KB）`,
      );
    },
  });
}

export const bot = new Hono<AppEnv>()
  .use(requireBot)
  .get(
    '/resolve',
    describeRoute({
      tags: TAGS,
      summary:
        '查询聊天用户（渠道 + 用户编号）绑定的人员和工作群绑定的单位（未绑定为 null）；未写渠道时为 telegram',
      ...BOT_ONLY,
      responses: {
        200: { description: '人员（含单位、职责）与单位' },
        401: { description: '不是机器人' },
      },
    }),
    validate('query', resolveQuery),
    async (c) => c.json(await resolveChat(c.var.deps.db, c.req.valid('query')), 200),
  )
  .post(
    '/link/person',
    describeRoute({
      tags: TAGS,
      summary:
        '私聊 /start 绑定码：把聊天账号（渠道 + 用户编号）绑定到人员（绑定码一次有效；每人每个渠道一个账号）',
      ...BOT_ONLY,
      responses: {
        200: { description: '绑定的人员与单位' },
        404: { description: '绑定码不存在' },
        422: { description: '绑定码已用、过期或类型不符' },
      },
    }),
    validate('json', personLink),
    async (c) => {
      const body = c.req.valid('json');
      const linked = await consumeLinkCode(c.var.deps.db, {
        code: body.code,
        kind: 'person',
        user: body.user,
        handle: body.handle,
        now: c.var.deps.now(),
      });
      return c.json(linked, 200);
    },
  )
  .post(
    '/link/group',
    describeRoute({
      tags: TAGS,
      summary: '群内 /bindgroup 绑定码：把工作群绑定到单位（绑定码一次有效）',
      ...BOT_ONLY,
      responses: {
        200: { description: '绑定的单位' },
        404: { description: '绑定码不存在' },
        422: { description: '绑定码已用、过期或类型不符' },
      },
    }),
    validate('json', groupLink),
    async (c) => {
      const body = c.req.valid('json');
      const linked = await consumeLinkCode(c.var.deps.db, {
        code: body.code,
        kind: 'group',
        chat: { channel: body.channel, chatId: body.chatId },
        title: body.title === '' ? null : body.title,
        now: c.var.deps.now(),
      });
      return c.json(linked, 200);
    },
  )
  .get(
    '/accounts/:telegramUserId',
    describeRoute({
      tags: TAGS,
      summary: '本人查看自己的 Telegram 绑定（/links）：绑定的人员、单位和绑定时间',
      ...BOT_ONLY,
      responses: {
        200: { description: '绑定；未绑定时 account 为 null' },
      },
    }),
    validate('param', accountParam),
    async (c) =>
      c.json(
        await ownChatLink(c.var.deps.db, {
          channel: 'telegram',
          externalId: c.req.valid('param').telegramUserId,
        }),
        200,
      ),
  )
  .get(
    '/accounts/:channel/:externalId',
    describeRoute({
      tags: TAGS,
      summary: '本人查看自己在某一聊天渠道的绑定：绑定的人员、单位和绑定时间',
      ...BOT_ONLY,
      responses: { 200: { description: '绑定；未绑定时 account 为 null' } },
    }),
    validate('param', chatAccountParam),
    async (c) => c.json(await ownChatLink(c.var.deps.db, c.req.valid('param')), 200),
  )
  .delete(
    '/accounts/:channel/:externalId',
    describeRoute({
      tags: TAGS,
      summary: '本人解除自己在某一聊天渠道的绑定，记入审计日志',
      ...BOT_ONLY,
      responses: { 200: { description: '已解除' }, 404: { description: '该账号没有绑定' } },
    }),
    validate('param', chatAccountParam),
    async (c) => {
      await endOwnChatLink(c.var.deps.db, c.req.valid('param'), c.var.deps.now());
      return c.json({ unlinked: true }, 200);
    },
  )
  .post(
    '/groups/change',
    describeRoute({
      tags: TAGS,
      summary:
        '工作群变化：机器人被移出群（绑定标记为已移除并记入审计日志），或群升级为超级群（绑定随新会话编号迁移）',
      ...BOT_ONLY,
      responses: { 200: { description: '{ changed }：是否改变了绑定（重复投递为 false）' } },
    }),
    validate('json', groupChange),
    async (c) => {
      const changed = await recordGroupChange(c.var.deps.db, {
        ...c.req.valid('json'),
        now: c.var.deps.now(),
      });
      return c.json(changed, 200);
    },
  )
  .delete(
    '/accounts/:telegramUserId',
    describeRoute({
      tags: TAGS,
      summary: '本人解除自己的 Telegram 绑定（/links 的“解除绑定”按钮），记入审计日志',
      ...BOT_ONLY,
      responses: {
        200: { description: '已解除' },
        404: { description: '该账号没有绑定' },
      },
    }),
    validate('param', accountParam),
    async (c) => {
      await endOwnChatLink(
        c.var.deps.db,
        { channel: 'telegram', externalId: c.req.valid('param').telegramUserId },
        c.var.deps.now(),
      );
      return c.json({ unlinked: true }, 200);
    },
  )
  .post(
    '/link/leaked',
    describeRoute({
      tags: TAGS,
      summary: '个人绑定码出现在群里：立即作废（个人绑定码只能私聊使用），返回其所属人员',
      ...BOT_ONLY,
      responses: { 200: { description: '是否作废了一个可用的个人绑定码' } },
    }),
    validate('json', leakedLink),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(
        await voidLeakedLinkCode(c.var.deps.db, {
          code: body.code,
          chatId: body.chatId,
          now: c.var.deps.now(),
        }),
        200,
      );
    },
  )
  .post(
    '/updates/:updateId/claim',
    describeRoute({
      tags: TAGS,
      summary: '登记一条 Telegram 更新：首次处理返回 firstTime=true，重复投递返回 false 与首次结果',
      ...BOT_ONLY,
      responses: { 200: { description: '{ firstTime, result, claimedAt }' } },
    }),
    validate('param', updateParam),
    async (c) =>
      c.json(
        await claimUpdate(c.var.deps.db, c.req.valid('param').updateId, c.var.deps.now()),
        200,
      ),
  )
  .post(
    '/updates/:updateId/result',
    describeRoute({
      tags: TAGS,
      summary: '保存一条更新的处理结果（如草稿编号），供重复投递时返回',
      ...BOT_ONLY,
      responses: {
        200: { description: '已保存' },
        404: { description: '该更新尚未登记' },
        413: { description: '结果过大' },
      },
    }),
    limit(16 * 1024),
    validate('param', updateParam),
    validate('json', z.object({ result: jsonValue })),
    async (c) => {
      await storeUpdateResult(
        c.var.deps.db,
        c.req.valid('param').updateId,
        c.req.valid('json').result,
      );
      return c.json({ ok: true as const }, 200);
    },
  )
  .get(
    '/sessions/:key',
    describeRoute({
      tags: TAGS,
      summary: '读取机器人会话数据（grammY 会话存储）',
      ...BOT_ONLY,
      responses: { 200: { description: '{ key, value }' }, 404: { description: '没有该会话' } },
    }),
    validate('param', sessionParam),
    async (c) => {
      const { key } = c.req.valid('param');
      const value = await readBotSession(c.var.deps.db, key);
      if (value === undefined)
        throw new ServiceError('not_found', 'BOT.SESSION_NOT_FOUND', '没有该会话');
      return c.json({ key, value }, 200);
    },
  )
  .put(
    '/sessions/:key',
    describeRoute({
      tags: TAGS,
      summary: '写入机器人会话数据',
      ...BOT_ONLY,
      responses: { 200: { description: '已保存' }, 413: { description: '会话数据过大' } },
    }),
    limit(64 * 1024),
    validate('param', sessionParam),
    validate('json', z.object({ value: jsonValue })),
    async (c) => {
      await writeBotSession(c.var.deps.db, c.req.valid('param').key, c.req.valid('json').value);
      return c.json({ ok: true as const }, 200);
    },
  )
  .delete(
    '/sessions/:key',
    describeRoute({
      tags: TAGS,
      summary: '删除机器人会话数据',
      ...BOT_ONLY,
      responses: { 200: { description: '已删除（不存在也视为成功）' } },
    }),
    validate('param', sessionParam),
    async (c) => {
      await deleteBotSession(c.var.deps.db, c.req.valid('param').key);
      return c.json({ ok: true as const }, 200);
    },
  )
  .get(
    '/outbox',
    describeRoute({
      tags: TAGS,
      summary:
        '某一聊天渠道领取待发送的通知（已到发送时间、未被其他进程领取、收件人经此渠道联系），附会话编号、事件（种类和事实）和收件人的语言，领取后保留 60 秒',
      ...BOT_ONLY,
      responses: { 200: { description: '{ items }' } },
    }),
    validate('query', outboxQuery),
    async (c) => {
      const items = await leaseDueMessages(c.var.deps.db, {
        channel: c.req.valid('query').channel,
        now: c.var.deps.now(),
        limit: c.req.valid('query').limit,
      });
      return c.json({ items }, 200);
    },
  )
  .post(
    '/outbox/:id/ack',
    describeRoute({
      tags: TAGS,
      summary: '确认通知已发送（重复确认无副作用）',
      ...BOT_ONLY,
      responses: { 200: { description: '通知的发送状态' }, 404: { description: '没有这条通知' } },
    }),
    validate('param', outboxParam),
    async (c) =>
      c.json(
        await acknowledgeMessage(c.var.deps.db, c.req.valid('param').id, c.var.deps.now()),
        200,
      ),
  )
  .post(
    '/quick-reports',
    describeRoute({
      tags: TAGS,
      summary:
        '工作群快报（/kb、#快报）：以发送人的身份在本单位建立草稿（第一行为标题），附图片；同一 idempotencyKey 重复投递返回同一草稿',
      ...BOT_ONLY,
      responses: {
        201: { description: '新建的草稿' },
        200: { description: '重复投递：第一次建立的草稿' },
        401: { description: '发送人未绑定' },
        403: { description: '发送人不属于本群绑定的单位' },
        413: { description: '图片过大' },
        415: { description: '不是图片' },
        422: { description: '本群未绑定单位或快报没有内容' },
      },
    }),
    limit(30 * 1024 * 1024),
    validate('json', quickReport),
    async (c) => {
      const body = c.req.valid('json');
      const result = await createQuickReport(
        {
          db: c.var.deps.db,
          now: c.var.deps.now(),
          requestId: c.var.requestId,
          actor: c.var.actor,
        },
        {
          idempotencyKey: body.idempotencyKey,
          channel: body.channel,
          chatId: body.chatId,
          user: body.user,
          messageId: body.messageId,
          messageDate: new Date(body.messageDate),
          text: body.text,
          category: body.category,
          photos: body.photos?.map((p) => ({
            fileId: p.fileId,
            bytes: new Uint8Array(Buffer.from(p.bytes, 'base64')),
          })),
          mentions: body.mentions,
        },
      );
      return c.json(result, result.created ? 201 : 200);
    },
  )
  .post(
    '/submissions/:id/open',
    describeRoute({
      tags: TAGS,
      summary:
        '查看全文：以发送人的身份读取稿件全文；发送人正待审核此稿件时，记录其打开全文的时间（审核用时从此算起）',
      ...BOT_ONLY,
      responses: {
        200: { description: '稿件详情' },
        401: { description: '发送人未绑定' },
        403: { description: '无权查看' },
        404: { description: '稿件不存在' },
      },
    }),
    validate('param', submissionParam),
    async (c) =>
      sendJson(
        c,
        await openSubmissionAnswer(serviceContext(c), c.req.valid('param').id, 'telegram'),
      ),
  )
  .post(
    '/submissions/:id/approval-comment',
    describeRoute({
      tags: TAGS,
      summary:
        '通过并报送后补充审核意见：以发送人的身份，把意见记在其本人对该稿件最近一次的审核通过上；只在通过后 2 分钟内有效',
      ...BOT_ONLY,
      responses: {
        200: { description: '已记下的意见' },
        401: { description: '发送人未绑定' },
        404: { description: '发送人没有审核通过这篇稿件' },
        409: { description: '已超过 2 分钟、审核已作废或已有意见' },
        400: { description: '意见为空或过长' },
      },
    }),
    validate('param', submissionParam),
    validate('json', approvalComment),
    async (c) =>
      c.json(
        await commentOnApproval(
          serviceContext(c),
          c.req.valid('param').id,
          c.req.valid('json').comment,
        ),
        200,
      ),
  )
  .post(
    '/outbox/:id/fail',
    describeRoute({
      tags: TAGS,
      summary:
        '报告发送失败：429 按 retryAfterSeconds 延后重试；403 被屏蔽标记为无法送达（保留供后台查看）',
      ...BOT_ONLY,
      responses: { 200: { description: '通知的发送状态' }, 404: { description: '没有这条通知' } },
    }),
    validate('param', outboxParam),
    validate('json', failure),
    async (c) =>
      c.json(
        await recordDeliveryFailure(
          c.var.deps.db,
          c.req.valid('param').id,
          c.req.valid('json'),
          c.var.deps.now(),
        ),
        200,
      ),
  );
