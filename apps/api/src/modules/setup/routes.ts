import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { AppEnv } from '../../context.js';
import { ServiceError } from '../../shared/errors.js';
import { validate } from '../../http/validate.js';
import { completeSetup, setupDone } from './service.js';
import { setupBody } from './schemas.js';

const TAGS = ['首次设置'];

export const setup = new Hono<AppEnv>()
  .get(
    '/',
    describeRoute({
      tags: TAGS,
      summary: '是否仍待首次设置（设置完成后 404）',
      responses: { 200: { description: '待设置' }, 404: { description: '已完成设置' } },
    }),
    async (c) => {
      if (!(await c.get('setupGate').pending())) throw setupDone();
      return c.json({ pending: true as const }, 200);
    },
  )
  .post(
    '/',
    describeRoute({
      tags: TAGS,
      summary: '首次设置：创建县教体局和第一位管理员（凭启动时输出的一次性口令）',
      responses: {
        201: { description: '已创建' },
        403: { description: '口令不正确' },
        404: { description: '已完成设置' },
        422: { description: '密码不符合要求' },
      },
    }),
    validate('json', setupBody),
    async (c) => {
      const gate = c.get('setupGate');
      if (!(await gate.pending())) throw setupDone();
      const { token, ...input } = c.req.valid('json');
      if (!gate.accepts(token)) {
        throw new ServiceError(
          'forbidden',
          'SETUP.BAD_TOKEN',
          '设置口令不正确：请使用本次启动时输出的设置链接',
        );
      }
      const deps = c.get('deps');
      const result = await completeSetup(
        { db: deps.db, now: deps.now(), requestId: c.get('requestId') },
        input,
      );
      gate.close();
      return c.json(result, 201);
    },
  );
