import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AppEnv } from '../../context.js';
import { recordIdParam } from '../../http/schemas.js';
import { serviceContext } from '../../http/service-context.js';
import { validate } from '../../http/validate.js';
import {
  listFailedDeliveries,
  listInbox,
  readAllNotifications,
  readNotification,
  retryDelivery,
  setNotificationLanguage,
  unreadCount,
} from './inbox.js';
import { failedQuery, inboxQuery, languageBody } from './schemas.js';

const TAGS = ['消息中心'];

/** The actor's own inbox (DESIGN §7): the console's bell and page, and the phone app. */
export const notifications = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      tags: TAGS,
      summary: '我的消息（最新在前，分页；unread=yes 只看未读），附未读总数',
      responses: { 200: { description: '{ items, total, unread, page, pageSize }' } },
    }),
    validate('query', inboxQuery),
    async (c) => c.json(await listInbox(serviceContext(c), c.req.valid('query')), 200),
  )
  .get(
    '/unread-count',
    describeRoute({
      tags: TAGS,
      summary: '我的未读消息数',
      responses: { 200: { description: '{ unread }' } },
    }),
    async (c) => c.json(await unreadCount(serviceContext(c)), 200),
  )
  .post(
    '/read-all',
    describeRoute({
      tags: TAGS,
      summary: '把我的消息全部标为已读',
      responses: { 200: { description: '{ updated }' } },
    }),
    async (c) => c.json(await readAllNotifications(serviceContext(c)), 200),
  )
  .post(
    '/:id/read',
    describeRoute({
      tags: TAGS,
      summary: '把我的一条消息标为已读（重复标记无副作用）',
      responses: {
        200: { description: '这条消息' },
        404: { description: '我的消息中没有这一条' },
      },
    }),
    validate('param', recordIdParam),
    async (c) => c.json(await readNotification(serviceContext(c), c.req.valid('param').id), 200),
  )
  .put(
    '/language',
    describeRoute({
      tags: TAGS,
      summary: '设置我接收通知的语言（zh-CN 或 en），机器人和消息中心都按此语言书写',
      responses: { 200: { description: '{ locale }' }, 400: { description: '不支持的语言' } },
    }),
    validate('json', languageBody),
    async (c) =>
      c.json(await setNotificationLanguage(serviceContext(c), c.req.valid('json').locale), 200),
  );

/** What no chat channel could deliver, for administrators. */
export const outbox = new Hono<AppEnv>()
  .get(
    '/failed',
    describeRoute({
      tags: TAGS,
      summary: '未能送达的通知及原因（管理员；未绑定聊天账号、被拒收、重试中）',
      responses: { 200: { description: '分页列表' }, 403: { description: '非管理员' } },
    }),
    validate('query', failedQuery),
    async (c) => c.json(await listFailedDeliveries(serviceContext(c), c.req.valid('query')), 200),
  )
  .post(
    '/:id/retry',
    describeRoute({
      tags: TAGS,
      summary: '重新发送一条被拒收或发送失败的通知（管理员，记入审计日志）',
      responses: {
        200: { description: '已重新排队' },
        403: { description: '非管理员' },
        404: { description: '没有这条通知' },
        409: { description: '已送达、未绑定聊天账号或正在等待发送' },
      },
    }),
    validate('param', recordIdParam),
    async (c) => c.json(await retryDelivery(serviceContext(c), c.req.valid('param').id), 200),
  );
