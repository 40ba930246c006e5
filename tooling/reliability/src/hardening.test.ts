import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiProcess, type ApiProcess } from './support/api-process.js';
import { ACTORS, demoCounty } from './support/county.js';
import { changedTables, digestTables, freshDatabase } from './support/database.js';
import { isUniformError, readJson } from './support/http.js';
import { recordPart } from './support/results.js';

type County = Awaited<ReturnType<typeof demoCounty>>;

/** Resident memory of a process in bytes (Linux), or null where it cannot be read. */
function rss(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Streams up to `total` bytes as a chunked body to `url` until the server answers; resolves
 * with the answer's status and how much was sent before it came.
 */
function chunkedUpload(url: string, total: number): Promise<{ status: number; sent: number }> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    let answered = false;
    const req = request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://localhost' },
      },
      (res) => {
        answered = true;
        res.resume();
        res.on('end', () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, sent });
        });
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      // The server closing the connection after its 413 can surface as a reset while writing.
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}

/**
 * A client that never reads the answer and keeps sending a chunked body of `total` bytes to
 * the login route on a raw socket; resolves when the server closes the connection, with how
 * much was written by then and after how long.
 */
function deafUpload(
  port: number,
  total: number,
): Promise<{ sent: number; ms: number; answer: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const started = Date.now();
    let sent = 0;
    let answer = '';
    const done = () => {
      socket.destroy();
      resolve({ sent, ms: Date.now() - started, answer });
    };
    socket.on('data', (data: Buffer) => (answer += data.toString('latin1')));
    socket.on('error', done);
    socket.on('close', done);
    socket.write(
      'POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        'Origin: http://localhost\r\nTransfer-Encoding: chunked\r\n\r\n',
    );
    const chunk = Buffer.concat([
      Buffer.from('10000\r\n'),
      Buffer.alloc(0x10000, 0x20),
      Buffer.from('\r\n'),
    ]);
    const pump = () => {
      while (sent < total && !socket.destroyed) {
        sent += 0x10000;
        if (!socket.write(chunk)) {
          socket.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
}

/**
 * Sends `requests` one after the other through one kept-alive connection, as a client pooling
 * its connections would; each answer's status, and whether it came on a connection used before.
 */
async function onOneConnection(
  base: string,
  requests: { method: string; path: string; headers?: Record<string, string>; body?: Buffer }[],
): Promise<{ status: number | string; reused: boolean }[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const answers: { status: number | string; reused: boolean }[] = [];
  try {
    for (const { method, path, headers, body } of requests) {
      answers.push(
        await new Promise((resolve) => {
          const req = request(`${base}${path}`, { method, headers, agent }, (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
          });
          req.on('error', (error: NodeJS.ErrnoException) =>
            resolve({ status: error.code ?? String(error), reused: req.reusedSocket }),
          );
          req.end(body);
        }),
      );
    }
  } finally {
    agent.destroy();
  }
  return answers;
}

interface OpenApiOperation {
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
}

/** Every string field of a body schema, as a path of property names (arrays: one item). */
function textFields(schema: JsonSchema | undefined, path: string[] = []): string[][] {
  if (schema === undefined) return [];
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('string')) return [path];
  if (schema.properties)
    return Object.entries(schema.properties).flatMap(([key, inner]) =>
      textFields(inner, [...path, key]),
    );
  if (schema.items) return textFields(schema.items, [...path, '0']);
  return [];
}

/** A body holding `value` at `path` and nothing else. */
function bodyAt(path: readonly string[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const inner = bodyAt(rest, value);
  return /^\d+$/.test(head) ? [inner] : { [head]: inner };
}

describe('hardening: bounded bodies, the login race, clean text, JSON writes, query fuzzing', () => {
  let county: County;
  let api: ApiProcess | undefined;
  let checks = 0;
  let tried = 0;
  const unexpected: string[] = [];
  const check = (ok: boolean, what: string) => {
    checks += 1;
    if (!ok) unexpected.push(what);
    return ok;
  };
  let paths: Record<string, Record<string, OpenApiOperation>> = {};

  beforeAll(async () => {
    county = await demoCounty();
    const doc = (await readJson(await county.app.request('/api/openapi.json'))) as {
      paths: typeof paths;
    };
    paths = doc.paths;
  });
  afterAll(async () => {
    await api?.stop();
    recordPart('hardening', {
      scope: 'chunked 300 MB body, login race, lone surrogates, non-JSON writes, query fuzzing',
      checks,
      badInputsTried: tried,
      unexpectedResponses: unexpected.length,
    });
  });

  it('cuts a 300 MB chunked body to the login route off early, and the process does not grow', async () => {
    const { url } = await freshDatabase();
    api = await apiProcess(url);
    const before = rss(api.pid());
    // Several times over: a server that closed the connection with its answer would reset the
    // sending client before it read the 413 now and then, not every time.
    const uploads: { status: number | string; sent: number }[] = [];
    for (let i = 0; i < 10; i += 1) {
      uploads.push(
        await chunkedUpload(`${api.url}/api/auth/login`, 300 * 1024 * 1024).catch(
          (error: NodeJS.ErrnoException) => ({ status: error.code ?? String(error), sent: 0 }),
        ),
      );
    }
    const statuses = uploads.map((upload) => upload.status);
    const sent = Math.max(...uploads.map((upload) => upload.sent));
    console.log(
      `chunked 300 MB body, 10 times: answered ${statuses.join(',')}, at most ${(sent / 2 ** 20).toFixed(1)} MiB sent`,
    );
    expect(
      check(
        statuses.every((status) => status === 413),
        `chunked body → ${statuses.join(',')}`,
      ),
    ).toBe(true);
    expect(check(sent < 64 * 1024 * 1024, `sent ${sent} bytes before the answer`)).toBe(true);
    // A client that ignores the 413 and sends on is not read for long: the connection is closed.
    const deaf = await deafUpload(api.port, 300 * 1024 * 1024);
    console.log(
      `a client sending on after the 413: closed after ${deaf.ms} ms, ${(deaf.sent / 2 ** 20).toFixed(1)} MiB written`,
    );
    expect(
      check(deaf.answer.startsWith('HTTP/1.1 413'), `deaf client read ${deaf.answer.slice(0, 40)}`),
    ).toBe(true);
    expect(check(deaf.sent < 64 * 1024 * 1024, `deaf client wrote ${deaf.sent} bytes`)).toBe(true);
    expect(check(deaf.ms < 10_000, `deaf client's connection open for ${deaf.ms} ms`)).toBe(true);
    const after = rss(api.pid());
    console.log(
      `API resident memory ${before === null || after === null ? 'not readable' : `${((after - before) / 2 ** 20).toFixed(1)} MiB more`}`,
    );
    // A body a little over its limit leaves its connection clean: the client's next request on
    // it is answered (a client pooling connections reuses it), declared or chunked.
    const overLimit = Buffer.alloc(1536 * 1024, 0x20);
    const json = { 'content-type': 'application/json', origin: 'http://localhost' };
    const answers = await onOneConnection(api.url, [
      {
        method: 'POST',
        path: '/api/auth/login',
        headers: { ...json, 'content-length': String(overLimit.length) },
        body: overLimit,
      },
      { method: 'GET', path: '/api/health' },
      {
        method: 'POST',
        path: '/api/auth/login',
        headers: { ...json, 'transfer-encoding': 'chunked' },
        body: overLimit,
      },
      { method: 'GET', path: '/api/health' },
    ]);
    expect(
      check(
        answers.map((a) => `${a.status}${a.reused ? ' again' : ''}`).join(',') ===
          '413,200 again,413 again,200 again',
        `one connection → ${JSON.stringify(answers)}`,
      ),
    ).toBe(true);
    if (before !== null && after !== null)
      expect(check(after - before < 64 * 1024 * 1024, `grew by ${after - before} bytes`)).toBe(
        true,
      );
    const declared = await fetch(`${api.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(2 * 1024 * 1024) },
      body: 'x'.repeat(2 * 1024 * 1024),
    });
    expect(check(declared.status === 413, `declared 2 MB → ${declared.status}`)).toBe(true);
    expect(isUniformError(await readJson(declared))).toBe(true);
    await api.stop();
    api = undefined;
  });

  it('checks at most five of thirty parallel wrong passwords, and the right one is then refused', async () => {
    const attempt = async (password: string) =>
      county.app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://localhost' },
        body: JSON.stringify({ username: ACTORS.schoolOfficer, password }),
      });
    const statuses = (
      await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(`wrong-password-${i}`)))
    ).map((r) => r.status);
    tried += 30;
    const checked = statuses.filter((s) => s === 401).length;
    expect(check(checked <= 5, `${checked} of 30 parallel guesses checked`)).toBe(true);
    expect(
      check(
        statuses.every((s) => s === 401 || s === 429),
        `race → ${statuses.join(',')}`,
      ),
    ).toBe(true);
    const right = await attempt('Qinghe@2026');
    expect(check(right.status === 429, `right password while locked → ${right.status}`)).toBe(true);
  });

  it('refuses a lone surrogate in every text field of every write, and changes nothing', async () => {
    const cookie = await county.as(ACTORS.admin);
    const before = await digestTables(county.db);
    for (const [path, operations] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const schema = operation.requestBody?.content?.['application/json']?.schema;
        for (const field of textFields(schema)) {
          tried += 1;
          const url = `/api${path.replace(/\{[^}]+\}/g, 'x')}`;
          const response = await county.app.request(url, {
            method: method.toUpperCase(),
            headers: { cookie, origin: 'http://localhost', 'content-type': 'application/json' },
            body: JSON.stringify(bodyAt(field, 'a\ud800b')),
          });
          const body = await readJson(response);
          // The bot's routes answer 401 to a console session before reading anything.
          const ok =
            response.status === 400 || (path.startsWith('/bot/') && response.status === 401);
          check(
            ok && isUniformError(body),
            `${method} ${path} ${field.join('.')} → ${response.status}`,
          );
        }
      }
    }
    expect(unexpected.filter((u) => u.includes('→'))).toEqual([]);
    expect(changedTables(before, await digestTables(county.db))).toEqual([]);
  });

  it('answers 415 to every write sent as anything but JSON, and changes nothing', async () => {
    const cookie = await county.as(ACTORS.admin);
    const before = await digestTables(county.db);
    for (const [path, operations] of Object.entries(paths)) {
      for (const method of Object.keys(operations)) {
        if (method === 'get' || method === 'delete' || path.startsWith('/bot/')) continue;
        const url = `/api${path.replace(/\{[^}]+\}/g, 'x')}`;
        for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
          tried += 1;
          const response = await county.app.request(url, {
            method: method.toUpperCase(),
            headers: { cookie, origin: 'http://localhost', 'content-type': type },
            body: 'name=x',
          });
          check(response.status === 415, `${method} ${path} as ${type} → ${response.status}`);
        }
      }
    }
    expect(unexpected.filter((u) => u.includes(' as '))).toEqual([]);
    expect(changedTables(before, await digestTables(county.db))).toEqual([]);
  });

  it('never answers 5xx to odd values in any query parameter of any GET', async () => {
    const cookie = await county.as(ACTORS.admin);
    const values = [
      '0x10',
      '1e308',
      '-1',
      '',
      '%',
      '_',
      '__proto__',
      'constructor',
      '%00x',
      '9'.repeat(40),
      '[]',
      'a\u00e9\ud83d\ude00',
    ];
    for (const [path, operations] of Object.entries(paths)) {
      const get = operations['get'];
      if (get === undefined || path.startsWith('/bot/') || path.includes('{')) continue;
      for (const parameter of (get.parameters ?? []).filter((p) => p.in === 'query')) {
        for (const value of values) {
          tried += 1;
          const response = await county.app.request(
            `/api${path}?${parameter.name}=${encodeURIComponent(value)}`,
            { headers: { cookie } },
          );
          await response.arrayBuffer();
          check(
            response.status < 500,
            `GET ${path}?${parameter.name}=${value} → ${response.status}`,
          );
        }
      }
    }
    expect(unexpected.filter((u) => u.startsWith('GET '))).toEqual([]);
  });
});
