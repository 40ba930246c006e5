import type { Db } from '@jyxc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, login, smallCounty, testApp } from '../../test/support.js';
import { prefersEnglish } from './messages-en.js';

let db: Db;
let app: ReturnType<typeof testApp>;
let cookie: string;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  await smallCounty(db);
  app = testApp(db);
  ({ cookie } = await login(app, 'cg_officer'));
});
afterAll(async () => {
  await db.$disconnect();
});

async function send(path: string, body: unknown, language?: string, session = cookie) {
  const response = await app.request(`/api${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(session === '' ? {} : { cookie: session }),
      ...(language === undefined ? {} : { 'accept-language': language }),
    },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as { error: { code: string; message: string }; id?: string },
  };
}

describe('server messages in the language the console asks for (DESIGN §6)', () => {
  it('reads Accept-Language: English only when it comes before Chinese', () => {
    expect(prefersEnglish('en')).toBe(true);
    expect(prefersEnglish('en-GB,en;q=0.9,zh-CN;q=0.5')).toBe(true);
    expect(prefersEnglish('zh-CN,zh;q=0.9,en;q=0.8')).toBe(false);
    expect(prefersEnglish('zh-CN;q=0.4,en;q=0.6')).toBe(true);
    expect(prefersEnglish(undefined)).toBe(false);
    expect(prefersEnglish('fr')).toBe(false);
  });

  it('answers a refused login in English or Chinese, with the same code', async () => {
    const wrong = { username: 'cg_officer', password: 'not-the-password-1' };
    const en = await send('/auth/login', wrong, 'en', '');
    const zh = await send('/auth/login', wrong, 'zh-CN', '');
    expect(en.body.error.code).toBe(zh.body.error.code);
    expect(en.body.error.message).toBe('The username or password is not correct');
    expect(zh.body.error.message).toBe('用户名或密码不正确');
  });

  it('answers a rule of the domain with the domain’s English', async () => {
    const draft = await send('/submissions', {
      title: '城关镇中心校开展防溺水安全教育',
      body: '全镇师生参加。',
      category: 'activity',
      eventAt: new Date().toISOString(),
    });
    expect(draft.status).toBe(201);
    // An officer may not approve their own draft: the domain refuses, in either language.
    const en = await send(`/submissions/${draft.body.id}/approve`, { noChange: true }, 'en');
    const zh = await send(`/submissions/${draft.body.id}/approve`, { noChange: true });
    expect(en.status).toBeGreaterThanOrEqual(400);
    expect(en.body.error.code).toBe(zh.body.error.code);
    expect(en.body.error.message).not.toMatch(/[\u4e00-\u9fff]/);
    expect(zh.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
