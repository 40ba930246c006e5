import { DEMO_PASSWORD } from '@jyxc/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiProcess, type ApiProcess } from './support/api-process.js';
import { freshDatabase } from './support/database.js';
import { isUniformError, readJson } from './support/http.js';
import { recordPart } from './support/results.js';

/** Exports one school officer keeps going at once. */
const EXPORTS = 10;
/** Other users, each sending one request after the other. */
const OTHERS = 12;
const SECONDS = 8;
/** How often the data changes, so that each export reads its document again. */
const WRITE_EVERY_MS = 2_000;

/** What the other users read meanwhile: the bureau's lists and a unit's dashboard. */
const OTHER_READS: readonly { username: string; path: string }[] = [
  { username: 'admin', path: '/api/submissions?state=adopted&page=2&pageSize=20' },
  { username: 'shenhe', path: '/api/submissions?state=bureau_review&pageSize=20' },
  { username: 'cg_xxy', path: '/api/dashboard' },
];

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * The export flood of a busy county: one school officer keeps ten Word exports of a bulletin
 * going, taking each refusal's Retry-After as a browser's retry would, while the data changes
 * every 2 s and other users keep reading. Every export is a document or a 429 that says when
 * to retry; every other user's request is answered. Their p99 goes to the summary; the
 * benchmark holds its target.
 */
describe('export flood: one officer keeps ten .docx exports going', () => {
  let api: ApiProcess;
  let checks = 0;
  const unexpected: string[] = [];
  let held = 'not run';
  const check = (ok: boolean, what: string) => {
    checks += 1;
    if (!ok) unexpected.push(what);
    return ok;
  };

  beforeAll(async () => {
    const { url } = await freshDatabase();
    api = await apiProcess(url);
  });
  afterAll(async () => {
    await api?.stop();
    recordPart('export flood', {
      scope: `${EXPORTS} exports by one officer, ${OTHERS} other users, ${SECONDS} s`,
      loadHeld: held,
      checks,
      unexpectedResponses: unexpected.length,
    });
  });

  it('answers every export with a document or a 429 with Retry-After, and everyone else meanwhile', async () => {
    const origin = new URL(api.url).origin;
    const cookieOf = new Map<string, string>();
    let bureauId = '';
    for (const username of ['cg01_xxy', 'admin', ...OTHER_READS.map((r) => r.username)]) {
      if (cookieOf.has(username)) continue;
      const login = await fetch(`${api.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      });
      expect(login.status).toBe(200);
      cookieOf.set(username, login.headers.get('set-cookie')?.split(';')[0] ?? '');
      const { user } = (await readJson(login)) as { user: { unit: { id: string } } };
      if (username === 'admin') bureauId = user.unit.id;
    }
    const admin = { cookie: cookieOf.get('admin') ?? '', origin };

    // The bulletin of the current half-year, generated as a draft (or one already there).
    const now = new Date();
    const period = `${now.getUTCFullYear()}-${now.getUTCMonth() < 6 ? 'H1' : 'H2'}`;
    const generated = await fetch(`${api.url}/api/bulletins`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ period }),
    });
    const listed = (await readJson(
      await fetch(`${api.url}/api/bulletins`, { headers: admin }),
    )) as { items: { id: string }[] };
    const bulletinId = generated.ok
      ? ((await readJson(generated)) as { id: string }).id
      : listed.items[0]?.id;
    expect(
      bulletinId,
      `no bulletin to export (generating answered ${generated.status})`,
    ).toBeDefined();

    let writes = 0;
    const change = async () => {
      writes += 1;
      const response = await fetch(`${api.url}/api/units/${bureauId}`, {
        method: 'PATCH',
        headers: { ...admin, 'content-type': 'application/json' },
        body: JSON.stringify({ staffCount: 40 + (writes % 2) }),
      });
      check(response.status === 200, `a change of the data → ${response.status}`);
      await response.arrayBuffer();
    };

    const end = Date.now() + SECONDS * 1000;
    let documents = 0;
    let refused = 0;
    const exporter = async () => {
      const officer = cookieOf.get('cg01_xxy') ?? '';
      while (Date.now() < end) {
        const response = await fetch(`${api.url}/api/bulletins/${bulletinId}/export.docx`, {
          headers: { cookie: officer },
        });
        if (response.status === 200) {
          const bytes = new Uint8Array(await response.arrayBuffer());
          // A .docx is a zip archive: it starts with "PK".
          const isDocument =
            bytes[0] === 0x50 &&
            bytes[1] === 0x4b &&
            (response.headers.get('content-type') ?? '').includes('wordprocessingml');
          if (
            check(isDocument, `an export answered 200 with ${bytes.length} bytes that are no .docx`)
          )
            documents += 1;
        } else if (response.status === 429) {
          refused += 1;
          const retryAfter = Number(response.headers.get('retry-after'));
          check(
            Number.isInteger(retryAfter) && retryAfter >= 1,
            `a 429 with Retry-After ${response.headers.get('retry-after')}`,
          );
          check(isUniformError(await readJson(response)), 'a 429 without the uniform error body');
          await new Promise((wait) => setTimeout(wait, Math.max(1, retryAfter) * 1000));
        } else {
          check(false, `an export answered ${response.status}`);
          await response.arrayBuffer();
        }
      }
    };
    const latencies: number[] = [];
    const reader = async (i: number) => {
      const read = OTHER_READS[i % OTHER_READS.length];
      if (read === undefined) return;
      const { username, path } = read;
      const cookie = cookieOf.get(username) ?? '';
      while (Date.now() < end) {
        const started = performance.now();
        const response = await fetch(`${api.url}${path}`, { headers: { cookie } }).catch(
          (error: unknown) => error,
        );
        if (!(response instanceof Response)) {
          check(false, `${username} ${path}: ${String(response)}`);
          continue;
        }
        await response.arrayBuffer();
        latencies.push(performance.now() - started);
        check(response.status === 200, `${username} ${path} → ${response.status}`);
      }
    };

    const changes = setInterval(() => void change(), WRITE_EVERY_MS);
    try {
      await Promise.all([
        ...Array.from({ length: EXPORTS }, exporter),
        ...Array.from({ length: OTHERS }, (_, i) => reader(i)),
      ]);
    } finally {
      clearInterval(changes);
    }
    latencies.sort((a, b) => a - b);
    const p50 = Math.round(percentile(latencies, 50));
    const p99 = Math.round(percentile(latencies, 99));
    held = `${documents} documents, ${refused} × 429; others' p50 ${p50} ms, p99 ${p99} ms`;
    console.log(
      `export flood: ${documents} .docx answered, ${refused} refused with 429 (Retry-After honoured), ` +
        `${writes} changes of the data; ${latencies.length} other requests, p50 ${p50} ms, p99 ${p99} ms`,
    );
    expect(unexpected).toEqual([]);
    // The flood is real: exports were rendered, and some were refused beyond two at once.
    expect(documents).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
    expect(latencies.length).toBeGreaterThan(OTHERS);
    // The API is still there and answers at once.
    expect((await fetch(`${api.url}/api/health`)).status).toBe(200);
  });
});
