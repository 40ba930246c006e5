import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../i18n.js';
import { ApiFailure, api, call, handleUnauthorized } from './http.js';

const answer = (status: number, body: unknown) =>
  Promise.resolve(
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  );

describe('calling the API', () => {
  afterEach(() => handleUnauthorized(() => undefined));

  it('turns the uniform error body into a failure with its field problems', async () => {
    const failure = await call(
      answer(400, {
        error: {
          code: 'VALIDATION',
          message: '字段 title：标题不能为空',
          details: { issues: [{ path: 'title', message: '标题不能为空' }, { bad: true }] },
        },
      }),
    ).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiFailure);
    const f = failure as ApiFailure;
    expect([f.status, f.code, f.message]).toEqual([400, 'VALIDATION', '字段 title：标题不能为空']);
    expect(f.issues).toEqual([{ path: 'title', message: '标题不能为空' }]);
  });

  it('sends the user to login when the session has expired, except where a 401 is expected', async () => {
    const expired = vi.fn();
    handleUnauthorized(expired);
    const body = { error: { code: 'AUTH.REQUIRED', message: '请先登录' } };
    await call(answer(401, body)).catch(() => undefined);
    expect(expired).toHaveBeenCalledTimes(1);
    await call(answer(401, body), { quiet401: true }).catch(() => undefined);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('says the server cannot be reached when the request itself fails', async () => {
    const failure = (await call(Promise.reject(new TypeError('fetch failed'))).catch(
      (e: unknown) => e,
    )) as ApiFailure;
    expect(failure.code).toBe('NETWORK');
    expect(failure.message).toBe('无法连接服务器，请检查网络后重试');
  });

  it('asks the API for its messages in the language chosen, at each request', async () => {
    const seen: (string | null)[] = [];
    vi.stubGlobal('fetch', (input: Request | string, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(String(input), init);
      seen.push(request.headers.get('accept-language'));
      return answer(200, { items: [], total: 0 });
    });
    try {
      await call(api.units.$get({ query: {} }));
      setLocale('en');
      await call(api.units.$get({ query: {} }));
    } finally {
      setLocale('zh-CN');
      vi.unstubAllGlobals();
    }
    expect(seen).toEqual(['zh-CN', 'en']);
  });
});
