/**
 * The kept answers of the busiest reads (submissions list, dashboard, evaluation): every write
 * shows in the next answer, whichever process made it; no viewer gets another scope's answer;
 * and answers that move with the clock move when it crosses a deadline, a month or a period.
 */
import { createDb, databaseKind, dataVersion, type Db } from '@jyxc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cachingReady,
  freshDatabase,
  login,
  requestJson,
  testApp,
  testClock,
  workflowCounty,
  type Reply,
} from '../../test/support.js';
import { loadActor } from '../modules/auth/service.js';
import { UNSENT_DRAFTS } from '../shared/audit.js';
import { readCacheStats } from './read-cache.js';
import type { getDashboard } from '../modules/dashboard/service.js';
import type { getEvaluation } from '../modules/evaluation/service.js';
import {
  listSubmissions,
  SHORT_LIST_MAX,
  type ListFilters,
  type SubmissionPage,
} from '../modules/submissions/queries.js';

type Dashboard = Awaited<ReturnType<typeof getDashboard>>;
type Evaluation = Awaited<ReturnType<typeof getEvaluation>>;
type Created = { id: string; state: string; version: number };

const MINUTE = 60_000;
const USERS = [
  'admin',
  'reviewer',
  'cg_officer',
  'cg_deputy',
  'cg_head',
  'school_officer',
  'direct_officer',
  'school_b_officer',
  'ng_officer',
  'ng_head',
] as const;
type User = (typeof USERS)[number];

let db: Db;
let url: string;
let county: Awaited<ReturnType<typeof workflowCounty>>;
const clock = testClock(new Date('2026-05-11T02:00:00Z'));
let app: ReturnType<typeof testApp>;
const cookies = new Map<User, string>();

function call<T>(user: User, method: string, path: string, body?: unknown): Promise<Reply<T>> {
  return requestJson<T>(app, cookies.get(user) ?? '', method, path, body);
}

/** Moves the test clock to an absolute time (forward only), logging in again (sessions expire). */
async function setClock(iso: string) {
  const target = Date.parse(iso);
  expect(target).toBeGreaterThanOrEqual(clock.now().getTime());
  clock.advance(target - clock.now().getTime());
  cookies.set('admin', (await login(app, 'admin')).cookie);
}

const hitsOf = (name: string) => readCacheStats(db)[name]?.hits ?? 0;
const statsOf = (name: string) => readCacheStats(db)[name] ?? { hits: 0, misses: 0 };

/** A service context of `user` at the clock's time when it is called. */
async function contextOf(user: User) {
  const person = await db.person.findUniqueOrThrow({ where: { username: user } });
  const actor = await loadActor(db, person.id);
  if (actor === null) throw new Error(`${user} cannot act`);
  return () => ({ db, now: clock.now(), actor, via: 'user' as const, requestId: 'test' });
}

/**
 * Every page of `user`'s list with `query` at each of `sizes`, and one past the last, as the
 * API answers it, held equal to the page {@link listSubmissions} reads on its own. Returns
 * the list's total, and how often the API's pages (not the plain reads) took the list's kept
 * total: a list read page by page takes it for every full page, a short list never does.
 */
async function everyPageMatches(
  user: User,
  query: string,
  filters: Omit<ListFilters, 'page' | 'pageSize'>,
  sizes: readonly number[],
): Promise<{ total: number; totalsTaken: number }> {
  const ctx = await contextOf(user);
  const { total } = await listSubmissions(ctx(), { ...filters, page: 1, pageSize: 1 });
  const alone = new Map<string, SubmissionPage>();
  for (const size of sizes) {
    for (let page = 1; page <= Math.ceil(total / size) + 1; page++) {
      const path = `/api/submissions?page=${page}&pageSize=${size}${query}`;
      alone.set(path, await listSubmissions(ctx(), { ...filters, page, pageSize: size }));
    }
  }
  const taken = hitsOf('list totals');
  for (const [path, expected] of alone) {
    const reply = await call<SubmissionPage>(user, 'GET', path);
    expect(reply.status).toBe(200);
    expect(reply.body, path).toEqual(expected);
  }
  return { total, totalsTaken: hitsOf('list totals') - taken };
}

let titles = 0;
async function newItem(user: User, submit: boolean, via = app): Promise<Created> {
  titles += 1;
  const cookie = via === app ? (cookies.get(user) ?? '') : (await login(via, user)).cookie;
  const created = await requestJson<Created>(via, cookie, 'POST', '/api/submissions', {
    title: `缓存测试稿件${titles}`,
    body: `第${titles}篇，用于检验列表和工作台在写入后立即更新。`,
    category: 'activity',
    eventAt: new Date(clock.now().getTime() - 60 * MINUTE).toISOString(),
  });
  expect(created.status).toBe(201);
  if (!submit) return created.body;
  const submitted = await requestJson<Created>(
    via,
    cookie,
    'POST',
    `/api/submissions/${created.body.id}/submit`,
    {},
  );
  expect(submitted.status).toBe(200);
  return submitted.body;
}

beforeAll(async () => {
  ({ db, url } = await freshDatabase());
  county = await workflowCounty(db);
  app = testApp(db, clock);
  for (const user of USERS) {
    const { response, cookie } = await login(app, user);
    expect(response.status).toBe(200);
    cookies.set(user, cookie);
  }
  await cachingReady(db);
});
afterAll(async () => {
  await db.$disconnect();
});

describe('kept answers and writes', () => {
  it('shows a write made through the API in the very next list page and dashboard', async () => {
    const mine = () => call<SubmissionPage>('cg_officer', 'GET', '/api/submissions?author=me');
    const before = await mine();
    const hits = hitsOf('submission pages');
    expect((await mine()).body).toEqual(before.body);
    expect(hitsOf('submission pages')).toBe(hits + 1);

    const item = await newItem('cg_officer', false);
    const after = await mine();
    expect(after.body.total).toBe(before.body.total + 1);
    expect(after.body.items[0]?.id).toBe(item.id);

    const dashboard = () => call<Dashboard>('reviewer', 'GET', '/api/dashboard');
    const queued = (await dashboard()).body.pending.reviews.total;
    const dashboardHits = hitsOf('dashboards');
    expect((await dashboard()).body.pending.reviews.total).toBe(queued);
    expect(hitsOf('dashboards')).toBe(dashboardHits + 1);
    // A direct reporting point's item goes straight to the bureau's queue.
    const direct = await newItem('direct_officer', true);
    expect(direct.state).toBe('bureau_review');
    const next = (await dashboard()).body;
    expect(next.pending.reviews.total).toBe(queued + 1);
    expect(next.pending.reviews.items.map((i) => i.id)).toContain(direct.id);
    const queue = await call<SubmissionPage>('reviewer', 'GET', '/api/submissions?pending=me');
    expect(queue.body.items.map((i) => i.id)).toContain(direct.id);
  });

  it('never gives a viewer a page kept for another viewer or scope', async () => {
    for (const user of [
      'cg_officer',
      'school_officer',
      'ng_officer',
      'school_b_officer',
    ] as const) {
      await newItem(user, true);
    }
    const queries = ['', '?author=me', '?pending=me', '?state=unit_review', '?page=2&pageSize=2'];
    // Twice round: the second round is answered from what the first one kept.
    for (let round = 0; round < 2; round++) {
      for (const user of USERS) {
        const person = await db.person.findUniqueOrThrow({ where: { username: user } });
        const actor = await loadActor(db, person.id);
        if (actor === null) throw new Error(`${user} cannot act`);
        const ctx = { db, now: clock.now(), actor, via: 'user' as const, requestId: 'test' };
        for (const query of queries) {
          const params = new URLSearchParams(query);
          const filters: ListFilters = {
            state: params.get('state') === 'unit_review' ? 'unit_review' : undefined,
            mine: params.get('author') === 'me',
            pendingMyReview: params.get('pending') === 'me',
            page: Number(params.get('page') ?? 1),
            pageSize: Number(params.get('pageSize') ?? 20),
          };
          const reply = await call<SubmissionPage>(user, 'GET', `/api/submissions${query}`);
          expect(reply.status).toBe(200);
          expect(reply.body, `${user} ${query}`).toEqual(await listSubmissions(ctx, filters));
        }
      }
    }
    // Bureau members see the same county and share its pages.
    const hits = hitsOf('submission pages');
    const admin = await call<SubmissionPage>('admin', 'GET', '/api/submissions?state=draft');
    const reviewer = await call<SubmissionPage>('reviewer', 'GET', '/api/submissions?state=draft');
    expect(reviewer.body).toEqual(admin.body);
    expect(hitsOf('submission pages')).toBe(hits + 1);
  });

  it('tells the same total on every page, the last one and one past it too', async () => {
    const total = await db.submission.count();
    expect(total).toBeGreaterThan(3);
    const pages = Math.ceil(total / 3);
    for (let page = 1; page <= pages + 1; page++) {
      const reply = await call<SubmissionPage>(
        'admin',
        'GET',
        `/api/submissions?page=${page}&pageSize=3`,
      );
      expect(reply.body.total, `page ${page}`).toBe(total);
      expect(reply.body.items).toHaveLength(
        page < pages ? 3 : page === pages ? total - 3 * (pages - 1) : 0,
      );
    }
  });

  it('never counts a short list: its pages take the whole list’s length, also after a write', async () => {
    const totals = () => statsOf('list totals');
    const pageOf = async (page: number, size: number) => {
      const reply = await call<SubmissionPage>(
        'admin',
        'GET',
        `/api/submissions?page=${page}&pageSize=${size}`,
      );
      expect(reply.status).toBe(200);
      return reply.body;
    };
    await newItem('cg_officer', false);
    const before = totals();
    // Full pages of one list at two sizes, all cut from the list read whole.
    const first = await pageOf(1, 2);
    expect(first.total).toBeLessThanOrEqual(SHORT_LIST_MAX);
    expect(first.total).toBe(await db.submission.count());
    expect((await pageOf(2, 2)).total).toBe(first.total);
    expect((await pageOf(1, 3)).total).toBe(first.total);

    await newItem('school_officer', true);
    expect((await pageOf(2, 2)).total).toBe(first.total + 1);
    expect(first.total + 1).toBe(await db.submission.count());
    // A list longer than a short one is counted once for all its pages (see "long lists").
    expect(totals().misses).toBe(before.misses);
  });

  it('cuts the pages of a short list from the whole list, read once after each write', async () => {
    const lists = () => statsOf('short lists');
    for (let n = 0; n < 4; n++) await newItem('cg_officer', false);
    const before = lists();
    const all = await everyPageMatches('cg_officer', '', {}, [1, 2, 3, 4]);
    expect(all.total).toBeGreaterThan(3);
    expect(all.total).toBeLessThanOrEqual(SHORT_LIST_MAX);
    // Only the whole list's read took the total (when a plain read had counted it).
    expect(all.totalsTaken).toBeLessThanOrEqual(1);
    await everyPageMatches('cg_officer', '&category=activity', { category: 'activity' }, [1, 3]);
    // One read of each of the two whole lists; every other page was cut from it.
    expect(lists().misses).toBe(before.misses + 2);
    expect(lists().hits).toBeGreaterThanOrEqual(before.hits + all.total);

    clock.advance(1_000);
    const item = await newItem('cg_officer', false);
    expect((await everyPageMatches('cg_officer', '', {}, [2])).total).toBe(all.total + 1);
    expect(lists().misses).toBe(before.misses + 3);
    const first = await call<SubmissionPage>('cg_officer', 'GET', '/api/submissions?pageSize=1');
    expect(first.body.items.map((i) => i.id)).toEqual([item.id]);
  });

  it('reads only the new drafts of a short list its unit wrote, and the whole list after any other change', async () => {
    const statements: { sql: string; params: readonly unknown[] }[] = [];
    const observed = createDb(url, { onQuery: (query) => statements.push(query) });
    try {
      await cachingReady(observed);
      const here = testApp(observed, clock);
      const { cookie } = await login(here, 'cg_officer');
      const ctx = await contextOf('cg_officer');
      const pages = [1, 2, 3].map((page) => ({ page, pageSize: 2 }));
      /** Every page of the officer's list and of its activities, held equal to listSubmissions. */
      const readPages = async () => {
        statements.length = 0;
        for (const filters of [{}, { category: 'activity' as const }]) {
          for (const page of pages) {
            const query = new URLSearchParams({
              page: String(page.page),
              pageSize: String(page.pageSize),
              ...filters,
            });
            const reply = await requestJson<SubmissionPage>(
              here,
              cookie,
              'GET',
              `/api/submissions?${query.toString()}`,
            );
            expect(reply.status).toBe(200);
            expect(reply.body).toEqual(await listSubmissions(ctx(), { ...filters, ...page }));
          }
        }
        const lists = statements.filter(({ sql }) => /FROM "Submission"/.test(sql));
        const rows = lists.filter(({ sql }) => sql.startsWith('SELECT "id", "title"'));
        const byId = rows.filter(({ sql }) => sql.includes('WHERE "id" IN'));
        // A whole list is read with one row more than a short list holds (LIMIT, OFFSET); its
        // first items with fewer.
        const whole = rows.filter(
          (read) => !byId.includes(read) && read.params.at(-2) === SHORT_LIST_MAX + 1,
        );
        return {
          whole: whole.length,
          ids: lists.filter(({ sql }) => sql.startsWith('SELECT "id" FROM')).length,
          newest: rows.length - byId.length - whole.length,
          newItems: byId.length,
        };
      };
      // The list read whole, then an edit of one of its drafts.
      await readPages();
      clock.advance(1_000);
      const draft = await newItem('cg_officer', false, here);
      const edited = await requestJson<Created>(
        here,
        cookie,
        'PATCH',
        `/api/submissions/${draft.id}`,
        { title: '缓存测试稿件（只读新稿）', expectedVersion: draft.version },
      );
      expect(edited.status).toBe(200);
      // An edit changed an item the lists hold: each is read whole again.
      expect(await readPages()).toEqual({ whole: 2, ids: 0, newest: 0, newItems: 0 });

      // Only new drafts since: each list reads its ids and its first few items together, the
      // new drafts among them.
      clock.advance(1_000);
      const first = await newItem('cg_officer', false, here);
      clock.advance(1_000);
      const second = await newItem('cg_officer', false, here);
      expect(await readPages()).toEqual({ whole: 0, ids: 2, newest: 2, newItems: 0 });
      const top = await requestJson<SubmissionPage>(
        here,
        cookie,
        'GET',
        '/api/submissions?pageSize=3',
      );
      expect(top.body.items.map((i) => [i.id, i.title])).toEqual([
        [second.id, expect.any(String)],
        [first.id, expect.any(String)],
        [draft.id, '缓存测试稿件（只读新稿）'],
      ]);

      // More new drafts than the first few read: the one beyond them is read by its id.
      for (let n = 0; n < 9; n++) {
        clock.advance(1_000);
        await newItem('cg_officer', false, here);
      }
      expect(await readPages()).toEqual({ whole: 0, ids: 2, newest: 2, newItems: 2 });
      const longer = await requestJson<SubmissionPage>(
        here,
        cookie,
        'GET',
        '/api/submissions?pageSize=30',
      );
      expect(longer.body).toEqual(await listSubmissions(ctx(), { page: 1, pageSize: 30 }));
    } finally {
      await observed.$disconnect();
    }
  });

  it('reads a short list whole when its viewer’s units changed, whatever the versions add up to', async () => {
    // A data version is a sum over the units it covers: a kept list's version must be compared
    // with the same units' version now. Here a school leaves the township, and other writes
    // make the township's new units add up to what its old ones did when the list was read.
    const observed = createDb(url);
    try {
      await cachingReady(observed);
      const here = testApp(observed, clock);
      const as = async (user: User) => (await login(here, user)).cookie;
      const [officer, admin] = await Promise.all([as('cg_officer'), as('admin')]);
      const settled = (units: string[]) => [
        { tables: ['Submission', 'SubmissionAuthor', UNSENT_DRAFTS], units },
        { tables: ['Unit', 'Person', 'Scheme'], units: 'all' as const },
      ];
      const township = [county.township.id, county.schoolA.id, county.schoolDirect.id];
      const withLeaving = [...township, county.schoolB.id];
      // Sent items of the school that will leave, so that its share of the version is large.
      for (let n = 0; n < 3; n++) await newItem('school_b_officer', true, here);
      // And one item of a school that stays, whose name will change.
      await newItem('school_officer', true, here);
      const list = () =>
        requestJson<SubmissionPage>(here, officer, 'GET', '/api/submissions?pageSize=100');
      const first = await list();
      expect(first.body.items.some((i) => i.unit.id === county.schoolA.id)).toBe(true);
      const versionOf = async (units: string[]) =>
        (await dataVersion(observed, settled(units))) ?? 0;
      const before = await versionOf(withLeaving);

      const patch = (unitId: string, body: object) =>
        requestJson(here, admin, 'PATCH', `/api/units/${unitId}`, body);
      expect((await patch(county.schoolB.id, { parentId: county.ng.id })).status).toBe(200);
      expect((await patch(county.schoolA.id, { name: '城关镇第一小学（新名）' })).status).toBe(200);
      // Writes no page shows, until the township's units add up to the old version.
      let staff = 40;
      while ((await versionOf(township)) < before) {
        expect((await patch(county.bureau.id, { staffCount: ++staff })).status).toBe(200);
      }
      expect(await versionOf(township)).toBe(before);

      const names = new Set(
        (await list()).body.items
          .filter((i) => i.unit.id === county.schoolA.id)
          .map((i) => i.unit.name),
      );
      expect([...names]).toEqual(['城关镇第一小学（新名）']);
    } finally {
      await observed.$disconnect();
    }
  });

  it('cuts the pages of every kind of short list as listSubmissions reads them', async () => {
    await newItem('school_officer', true);
    const unitId = county.township.id;
    const lists: [User, string, Omit<ListFilters, 'page' | 'pageSize'>][] = [
      ['cg_officer', '&author=me', { mine: true }],
      ['cg_head', '&pending=me', { pendingMyReview: true }],
      ['cg_officer', '&q=缓存', { q: '缓存' }],
      ['cg_officer', '&period=2026-H1', { period: '2026-H1' }],
      ['cg_officer', `&unitId=${unitId}`, { unitId }],
      ['cg_officer', '&state=draft', { state: 'draft' }],
      ['admin', '', {}],
    ];
    for (const [user, query, filters] of lists) {
      const { total } = await everyPageMatches(user, query, filters, [1, 2]);
      expect(total, `${user} ${query}`).toBeGreaterThan(0);
    }
  });

  it('shows each of two processes on one database the writes of the other', async () => {
    const other = createDb(url);
    try {
      await cachingReady(other);
      const second = testApp(other, clock);
      const { cookie } = await login(second, 'admin');
      const list = (via: ReturnType<typeof testApp>, c: string) =>
        requestJson<SubmissionPage>(via, c, 'GET', '/api/submissions?state=draft');
      const adminHere = cookies.get('admin') ?? '';

      const before = (await list(app, adminHere)).body.total;
      expect((await list(second, cookie)).body.total).toBe(before);
      // Both now answer from what they keep.
      const hits = hitsOf('submission pages');
      await list(app, adminHere);
      expect(hitsOf('submission pages')).toBe(hits + 1);

      const made = await newItem('cg_officer', false, second);
      expect((await list(second, cookie)).body.total).toBe(before + 1);
      // The first process learns of it from the database: at once on SQLite (the file's data
      // version), by a notice that arrives within milliseconds on PostgreSQL.
      await eventually(async () => (await list(app, adminHere)).body.total === before + 1);
      expect((await list(app, adminHere)).body.items.map((i) => i.id)).toContain(made.id);

      const dashboard = (via: ReturnType<typeof testApp>, c: string) =>
        requestJson<Dashboard>(via, c, 'GET', '/api/dashboard');
      const submitted = (await dashboard(second, cookie)).body.kpis.submitted;
      // A direct reporting point's item reaches the bureau, and the period's figures, at once.
      await newItem('direct_officer', true);
      await eventually(
        async () => (await dashboard(second, cookie)).body.kpis.submitted === submitted + 1,
      );
    } finally {
      await other.$disconnect();
    }
  });
});

describe('kept answers and what a write changed', () => {
  /** A page as `user` sees it, and whether it came from what was kept. */
  async function page(user: User, query = '', via = app, cookie = cookies.get(user) ?? '') {
    const hits = hitsOf('submission pages');
    const reply = await requestJson<SubmissionPage>(via, cookie, 'GET', `/api/submissions${query}`);
    expect(reply.status).toBe(200);
    return { body: reply.body, kept: hitsOf('submission pages') === hits + 1 };
  }

  it("keeps another unit's pages across a write in one unit, and shows it in its own and the bureau's", async () => {
    // Each read twice: the second one is kept.
    for (const user of ['ng_officer', 'school_officer', 'cg_officer', 'admin'] as const) {
      await page(user);
      expect((await page(user)).kept).toBe(true);
    }
    const ng = await page('ng_officer');
    const item = await newItem('school_officer', true);

    // 南关镇's officer sees nothing of 城关镇第一小学: their page stays kept.
    const ngAfter = await page('ng_officer');
    expect(ngAfter.kept).toBe(true);
    expect(ngAfter.body).toEqual(ng.body);
    // The school, its township and the bureau read theirs again, with the new item.
    for (const user of ['school_officer', 'cg_officer', 'admin'] as const) {
      const after = await page(user);
      expect(after.kept, user).toBe(false);
      expect(
        after.body.items.map((i) => i.id),
        user,
      ).toContain(item.id);
    }
  });

  it('keeps submission pages across a write of another kind (an incident)', async () => {
    for (const user of ['cg_officer', 'admin'] as const) await page(user);
    const dashboard = () => call<Dashboard>('admin', 'GET', '/api/dashboard');
    await dashboard();
    const registered = await call<{ id: string }>('cg_officer', 'POST', '/api/incidents', {
      unitId: county.township.id,
      title: '网上反映学校食堂价格偏高',
      source: 'online',
      link: 'https://bbs.example.cn/thread-2.html',
      summary: '有家长在论坛发帖称城关镇学校食堂价格偏高。',
      severity: 'general',
      discoveredAt: new Date(clock.now().getTime() - 10 * MINUTE).toISOString(),
      responsiblePersonId: county.officer.id,
    });
    expect(registered.status).toBe(201);
    for (const user of ['cg_officer', 'admin'] as const) {
      expect((await page(user)).kept, user).toBe(true);
    }
    // County-wide figures count incidents: the dashboard is read again.
    const hits = hitsOf('dashboards');
    await dashboard();
    expect(hitsOf('dashboards')).toBe(hits);
  });

  it('keeps county-wide figures while a draft is written, and drops them once it is sent', async () => {
    const dashboard = async () => {
      const hits = hitsOf('dashboards');
      const reply = await call<Dashboard>('reviewer', 'GET', '/api/dashboard');
      expect(reply.status).toBe(200);
      return { body: reply.body, kept: hitsOf('dashboards') === hits + 1 };
    };
    const evaluation = async () => {
      const hits = hitsOf('evaluation answers');
      const reply = await call<Evaluation>('admin', 'GET', '/api/evaluation');
      expect(reply.status).toBe(200);
      return { body: reply.body, kept: hitsOf('evaluation answers') === hits + 1 };
    };
    const mine = () => page('cg_officer', '?author=me');
    await dashboard();
    await evaluation();
    const before = await mine();

    // A new draft and an edit of it: its unit's pages show it at once; nothing county-wide
    // counts a draft that never left its writer, so those answers stay kept.
    const draft = await newItem('cg_officer', false);
    const edited = await call<Created>('cg_officer', 'PATCH', `/api/submissions/${draft.id}`, {
      title: '缓存测试稿件（修改后）',
      expectedVersion: draft.version,
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const listed = await mine();
    expect(listed.kept).toBe(false);
    expect(listed.body.total).toBe(before.body.total + 1);
    expect(listed.body.items.find((i) => i.id === draft.id)?.title).toBe('缓存测试稿件（修改后）');
    expect((await dashboard()).kept).toBe(true);
    const keptEvaluation = await evaluation();
    expect(keptEvaluation.kept).toBe(true);

    // Sent to review, it counts: both are read again.
    const sent = await call<Created>(
      'cg_officer',
      'POST',
      `/api/submissions/${draft.id}/submit`,
      {},
    );
    expect(sent.status).toBe(200);
    expect((await dashboard()).kept).toBe(false);
    expect((await evaluation()).kept).toBe(false);

    // Returned and edited as a draft again, it is no longer an unsent draft: an edit now
    // concerns the county-wide figures (its return counts in review depth).
    const returned = await call<Created>('cg_head', 'POST', `/api/submissions/${draft.id}/return`, {
      reason: '请补充活动照片',
    });
    expect(returned.status).toBe(200);
    await dashboard();
    await evaluation();
    const again = await call<Created>('cg_officer', 'PATCH', `/api/submissions/${draft.id}`, {
      title: '缓存测试稿件（补充后）',
      expectedVersion: returned.body.version,
    });
    expect(again.status).toBe(200);
    expect((await evaluation()).kept).toBe(false);
  });

  it('keeps a detail page until its item changes, and records every opening of a kept one', async () => {
    type Detail = { id: string; title: string; version: number; allowedCommands: string[] };
    const detail = async (user: User, id: string) => {
      const hits = hitsOf('submission details');
      const reply = await call<Detail>(user, 'GET', `/api/submissions/${id}`);
      expect(reply.status).toBe(200);
      return { body: reply.body, kept: hitsOf('submission details') === hits + 1 };
    };
    const openings = (id: string) =>
      db.reviewOpening.count({ where: { submissionId: id, reviewerId: county.cgHead.id } });
    const item = await newItem('cg_officer', true);
    expect(item.state).toBe('unit_review');

    // The township head may approve it: each read is an opening, kept or not (DESIGN §3.2).
    const first = await detail('cg_head', item.id);
    expect(first.body.allowedCommands).toContain('approve');
    const second = await detail('cg_head', item.id);
    expect(second.kept).toBe(true);
    expect(second.body).toEqual(first.body);
    expect(await openings(item.id)).toBe(2);
    // Its writer reads it too, without an opening of their own and kept apart.
    const own = await detail('cg_officer', item.id);
    expect(own.body.allowedCommands).not.toContain('approve');
    expect((await detail('cg_officer', item.id)).kept).toBe(true);

    // A write in another unit leaves it kept; an edit of the item shows at once.
    await newItem('ng_officer', true);
    expect((await detail('cg_head', item.id)).kept).toBe(true);
    const edited = await call<Created>('cg_officer', 'PATCH', `/api/submissions/${item.id}`, {
      title: '缓存测试稿件（详情修改后）',
      expectedVersion: first.body.version,
    });
    expect(edited.status).toBe(200);
    const after = await detail('cg_head', item.id);
    expect(after.kept).toBe(false);
    expect(after.body.title).toBe('缓存测试稿件（详情修改后）');
    expect(await openings(item.id)).toBe(4);
    // Nobody gets a detail kept for someone else: 南关镇's officer may not see it.
    const refused = await call<Detail>('ng_officer', 'GET', `/api/submissions/${item.id}`);
    expect(refused.status).toBe(403);
  });

  it("keeps a unit's details while its officer writes new drafts, and shows new likely duplicates", async () => {
    type Detail = { id: string; title: string; duplicates: { submissionId: string }[] };
    const detail = async (user: User, id: string) => {
      const hits = hitsOf('submission details');
      const reply = await call<Detail>(user, 'GET', `/api/submissions/${id}`);
      expect(reply.status).toBe(200);
      return { body: reply.body, kept: hitsOf('submission details') === hits + 1 };
    };
    const sent = await newItem('cg_officer', true);
    const draft = await newItem('cg_officer', false);
    for (const id of [sent.id, draft.id]) {
      await detail('cg_officer', id);
      expect((await detail('cg_officer', id)).kept).toBe(true);
    }
    const before = await detail('cg_officer', sent.id);

    // A new draft of the unit with the sent item's title: the sent item's detail stays kept,
    // and names the draft as a likely duplicate at once.
    const twin = await call<Created>('cg_officer', 'POST', '/api/submissions', {
      title: before.body.title,
      body: '同一件事又写了一篇。',
      category: 'activity',
      eventAt: new Date(clock.now().getTime() - 30 * MINUTE).toISOString(),
    });
    expect(twin.status).toBe(201);
    const after = await detail('cg_officer', sent.id);
    expect(after.kept).toBe(true);
    expect(after.body.duplicates.map((d) => d.submissionId)).toContain(twin.body.id);
    expect(before.body.duplicates.map((d) => d.submissionId)).not.toContain(twin.body.id);
    // A new draft changed no other item: the unsent draft's detail stays kept too.
    expect((await detail('cg_officer', draft.id)).kept).toBe(true);

    // An unsent draft's detail follows the unit's drafts: an edit of it shows at once.
    const edited = await call<Created>('cg_officer', 'PATCH', `/api/submissions/${draft.id}`, {
      title: '缓存测试稿件（草稿修改后）',
      expectedVersion: draft.version,
    });
    expect(edited.status).toBe(200);
    const draftAfter = await detail('cg_officer', draft.id);
    expect(draftAfter.kept).toBe(false);
    expect(draftAfter.body.title).toBe('缓存测试稿件（草稿修改后）');
    // Sent, it is read again, and from then on kept across the unit's drafts too.
    const submitted = await call<Created>(
      'cg_officer',
      'POST',
      `/api/submissions/${draft.id}/submit`,
      {},
    );
    expect(submitted.status).toBe(200);
    expect((await detail('cg_officer', draft.id)).kept).toBe(false);
    await newItem('cg_officer', false);
    expect((await detail('cg_officer', draft.id)).kept).toBe(true);
  });

  it("follows another process's writes by unit on PostgreSQL, as everything on SQLite", async () => {
    const other = createDb(url);
    try {
      await cachingReady(other);
      const second = testApp(other, clock);
      const adminThere = (await login(second, 'admin')).cookie;
      for (const user of ['ng_officer', 'admin'] as const) {
        await page(user);
        expect((await page(user)).kept).toBe(true);
      }
      const total = (await page('admin')).body.total;
      const made = await newItem('school_officer', true, second);
      expect((await page('admin', '', second, adminThere)).body.total).toBe(total + 1);
      // The bureau's page here shows it as soon as the change is known here.
      await eventually(async () => (await page('admin')).body.total === total + 1);
      expect((await page('admin')).body.items.map((i) => i.id)).toContain(made.id);
      // PostgreSQL's notice named the school: 南关镇's page stays kept. SQLite's data version
      // only says that the file changed: everything is read again.
      expect((await page('ng_officer')).kept).toBe(databaseKind(db) === 'postgresql');
    } finally {
      await other.$disconnect();
    }
  });
});

/** Waits for a condition that another process's notice makes true (PostgreSQL). */
async function eventually(check: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('the change did not show in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('kept answers and the clock', () => {
  it('counts an incident overdue on the dashboard and in the evaluation the moment its deadline passes', async () => {
    // The unit registers it: an incident the bureau registers has its report step done at once.
    const registered = await call<{ id: string }>('cg_officer', 'POST', '/api/incidents', {
      unitId: county.township.id,
      title: '家长网上反映校车超载',
      source: 'online',
      link: 'https://bbs.example.cn/thread-1.html',
      summary: '有家长在论坛发帖称城关镇校车超载，浏览量较大。',
      severity: 'major',
      discoveredAt: new Date(clock.now().getTime() - 10 * MINUTE).toISOString(),
      responsiblePersonId: county.officer.id,
    });
    expect(registered.status).toBe(201);
    // DESIGN §3.6: a major incident is reported within 30 minutes of its discovery.
    const due = clock.now().getTime() + 20 * MINUTE;
    clock.advance(due - clock.now().getTime() - 1_000);

    const overdue = async () => (await call<Dashboard>('admin', 'GET', '/api/dashboard')).body;
    const township = async () =>
      (await call<Evaluation>('admin', 'GET', '/api/evaluation')).body.units.find(
        (u) => u.unitId === county.township.id,
      );
    const before = (await overdue()).kpis.overdueIncidents;
    expect((await township())?.incidentOnTimeRate).toBeNull();
    const hits = hitsOf('dashboards') + hitsOf('evaluation answers');
    expect((await overdue()).kpis.overdueIncidents).toBe(before);
    expect((await township())?.incidentOnTimeRate).toBeNull();
    expect(hitsOf('dashboards') + hitsOf('evaluation answers')).toBe(hits + 2);

    // Two seconds later — well within what the answers could otherwise be kept — it is late.
    clock.advance(2_000);
    expect((await overdue()).kpis.overdueIncidents).toBe(before + 1);
    expect((await township())?.incidentOnTimeRate).toBe(0);
  });

  it('starts a new month in the dashboard trend at Shanghai midnight', async () => {
    await setClock('2026-05-31T15:59:59Z');
    const trend = async () =>
      (await call<Dashboard>('admin', 'GET', '/api/dashboard')).body.trend.at(-1)?.month;
    expect(await trend()).toBe('2026-05');
    const hits = hitsOf('dashboards');
    expect(await trend()).toBe('2026-05');
    expect(hitsOf('dashboards')).toBe(hits + 1);
    clock.advance(2_000);
    expect(await trend()).toBe('2026-06');
  });

  it('answers for the new half-year as soon as it starts', async () => {
    await setClock('2026-06-30T15:59:59Z');
    const current = async () =>
      (await call<Evaluation>('admin', 'GET', '/api/evaluation')).body.period;
    expect(await current()).toBe('2026-H1');
    const hits = hitsOf('evaluation answers');
    expect(await current()).toBe('2026-H1');
    expect(hitsOf('evaluation answers')).toBe(hits + 1);
    clock.advance(2_000);
    expect(await current()).toBe('2026-H2');
  });

  it('keeps a dashboard for a few seconds at most, and says as of when', async () => {
    const asOf = async () => (await call<Dashboard>('admin', 'GET', '/api/dashboard')).body.asOf;
    const first = await asOf();
    clock.advance(1_000);
    expect(await asOf()).toBe(first);
    clock.advance(5_000);
    expect(await asOf()).toBe(clock.now().toISOString());
  });
});

describe('long lists', () => {
  it('reads a list longer than a short one page by page, counting it once for all its pages', async () => {
    const user = 'school_b_officer';
    // The clock tests above moved the clock past the session's end.
    cookies.set(user, (await login(app, user)).cookie);
    const ctx = await contextOf(user);
    const count = async () => (await listSubmissions(ctx(), { page: 1, pageSize: 1 })).total;
    for (let n = await count(); n < SHORT_LIST_MAX; n++) await newItem(user, false);
    // At the limit the list is still short: read whole, it is never counted.
    const short = await everyPageMatches(user, '', {}, [75]);
    expect(short).toEqual({ total: SHORT_LIST_MAX, totalsTaken: 0 });

    await newItem(user, false);
    const totals = () => statsOf('list totals');
    const before = totals();
    const long = await everyPageMatches(user, '', {}, [30, 75]);
    expect(long.total).toBe(SHORT_LIST_MAX + 1);
    expect(totals().misses).toBe(before.misses + 1);
    // Each full page and the page past the end took the kept total instead of counting again.
    const fullOrPast = (size: number) => Math.floor(long.total / size) + 1;
    expect(long.totalsTaken).toBe(fullOrPast(30) + fullOrPast(75));

    // New drafts only make it longer: it stays read page by page, with the new ones on top.
    clock.advance(1_000);
    const newest = await newItem(user, false);
    const longer = await everyPageMatches(user, '', {}, [75]);
    expect(longer.total).toBe(SHORT_LIST_MAX + 2);
    const top = await call<SubmissionPage>(user, 'GET', '/api/submissions?pageSize=1');
    expect(top.body.items.map((i) => i.id)).toEqual([newest.id]);
  });
});
