import type { Db } from '@jyxc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, login, smallCounty, testApp } from '../../test/support.js';
import {
  ATTACHMENT_BODY_BYTES,
  DEFAULT_BODY_BYTES,
  DISCARDED_BYTES,
  UPLOAD_BODY_BYTES,
  maxBodyBytes,
} from './body-limit.js';

let db: Db;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  await smallCounty(db);
});
afterAll(async () => {
  await db.$disconnect();
});

/** A body of `total` bytes made only as it is read, counting how much was read. */
function lazyBody(total: number) {
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const seen = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled >= total) {
        controller.close();
        return;
      }
      seen.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, seen };
}

describe('request bodies', () => {
  it('cuts a 300 MB chunked body to the login route off after its first megabyte', async () => {
    const app = testApp(db);
    const { stream, seen } = lazyBody(300 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const response = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    // Closing with the answer would reset a client still sending before it read the 413.
    expect(response.headers.get('connection')).not.toBe('close');
    const body = (await response.json()) as { error: { code: string; details: unknown } };
    expect(body.error).toMatchObject({
      code: 'REQUEST.TOO_LARGE',
      details: { maxBytes: DEFAULT_BODY_BYTES },
    });
    // Never the whole body: the limit, and what is read and thrown away after the answer to
    // leave the connection clean (with the stream's read-ahead).
    expect(seen.pulled).toBeLessThan(DEFAULT_BODY_BYTES + DISCARDED_BYTES + 512 * 1024);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses a declared length over the limit unread, and throws away little of it', async () => {
    const app = testApp(db);
    const { stream, seen } = lazyBody(300 * 1024 * 1024);
    const response = await app.request('/api/auth/login', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': String(300 * 1024 * 1024),
      },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    // Only what is thrown away to leave the connection clean is read, never the body.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen.pulled).toBeLessThan(DISCARDED_BYTES + 512 * 1024);
  });

  it('holds a write as a signed-in user to the same megabyte', async () => {
    const app = testApp(db);
    const { cookie } = await login(app, 'admin');
    const response = await app.request('/api/units/u1', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ name: 'x'.repeat(DEFAULT_BODY_BYTES) }),
    });
    expect(response.status).toBe(413);
  });

  it('still reads a small chunked body in full', async () => {
    const app = testApp(db);
    const text = JSON.stringify({ username: 'admin', password: 'wrong-password-1' });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text.slice(0, 10)));
        controller.enqueue(new TextEncoder().encode(text.slice(10)));
        controller.close();
      },
    });
    const response = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(401);
  });

  it('gives image uploads, attachments (videos too) and quick reports their own larger limits', () => {
    // DESIGN §5: a submission's attachment may be a video, up to what a bot can download.
    expect(maxBodyBytes('POST', '/api/submissions/abc/attachments')).toBe(ATTACHMENT_BODY_BYTES);
    expect(ATTACHMENT_BODY_BYTES).toBeGreaterThan(UPLOAD_BODY_BYTES);
    expect(maxBodyBytes('POST', '/api/adoptions/screenshots')).toBe(UPLOAD_BODY_BYTES);
    expect(maxBodyBytes('POST', '/api/incidents/abc/screenshot')).toBe(UPLOAD_BODY_BYTES);
    expect(maxBodyBytes('POST', '/api/bot/quick-reports')).toBeGreaterThan(UPLOAD_BODY_BYTES);
    expect(maxBodyBytes('PATCH', '/api/submissions/abc')).toBe(DEFAULT_BODY_BYTES);
  });
});
