import type { Db } from '@jyxc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiCaller,
  apiCaller,
  freshDatabase,
  testApp,
  testClock,
  workflowCounty,
} from '../../../test/support.js';
import { NO_CHAT_LINK, UNDELIVERABLE } from './service.js';

type County = Awaited<ReturnType<typeof workflowCounty>>;

interface Item {
  id: string;
  kind: string;
  event: { kind: string; facts: Record<string, unknown> } | null;
  createdAt: string;
  readAt: string | null;
}
interface Inbox {
  items: Item[];
  total: number;
  unread: number;
}
interface Failed {
  items: {
    id: string;
    kind: string;
    reason: string;
    error: string;
    retryable: boolean;
    person: { name: string; unit: string } | null;
  }[];
  total: number;
}

const HOUR = 3_600_000;
let db: Db;
let county: County;
const clock = testClock();
let caller: ApiCaller;
let itemId: string;

const call = <T>(user: string | null, method: string, path: string, body?: unknown) =>
  caller.call<T>(user, method, `/api${path}`, body);

beforeAll(async () => {
  ({ db } = await freshDatabase());
  county = await workflowCounty(db);
  caller = apiCaller(testApp(db, clock));
  // The officer writes an item, the township head returns it: nobody here has a chat account.
  const created = await call<{ id: string }>('cg_officer', 'POST', '/submissions', {
    title: '城关镇开展教师培训',
    body: '城关镇开展教师培训。全镇教师参加。',
    category: 'activity',
    eventAt: new Date(clock.now().getTime() - 2 * HOUR).toISOString(),
  });
  itemId = created.body.id;
  await call('cg_officer', 'POST', `/submissions/${itemId}/submit`, {});
  clock.advance(HOUR);
  await call('cg_head', 'POST', `/submissions/${itemId}/return`, { reason: '请补充参训人数' });
});

afterAll(async () => {
  await db.$disconnect();
});

describe('the message centre (DESIGN §7)', () => {
  it('holds every notification of a person without any chat account, newest first, unread', async () => {
    const inbox = await call<Inbox>('cg_officer', 'GET', '/notifications');
    expect(inbox.status).toBe(200);
    expect(inbox.body).toMatchObject({ total: 1, unread: 1 });
    expect(inbox.body.items[0]).toMatchObject({
      kind: 'submission_returned',
      readAt: null,
      event: {
        kind: 'submission_returned',
        facts: { submissionId: itemId, title: '城关镇开展教师培训', reason: '请补充参训人数' },
      },
    });
    const head = await call<Inbox>('cg_head', 'GET', '/notifications');
    expect(head.body.items.map((i) => i.kind)).toEqual(['review_requested']);
    // DESIGN §5: the other reviewer learns who decided, how and when; the one who acted does not.
    const deputy = await call<Inbox>('cg_deputy', 'GET', '/notifications');
    expect(deputy.body.items.map((i) => i.kind)).toEqual(['review_settled', 'review_requested']);
    expect(deputy.body.items[0]?.event).toMatchObject({
      kind: 'review_settled',
      facts: { submissionId: itemId, actorName: '钱校长', outcome: 'returned' },
    });
  });

  it('counts the unread, and lets only the recipient mark one read', async () => {
    const [mine] = (await call<Inbox>('cg_officer', 'GET', '/notifications')).body.items;
    const id = mine?.id ?? '';
    expect((await call('cg_officer', 'GET', '/notifications/unread-count')).body).toEqual({
      unread: 1,
    });

    const other = await call<{ error: { code: string } }>(
      'cg_head',
      'POST',
      `/notifications/${id}/read`,
    );
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('NOTIFICATION.NOT_FOUND');
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id } })).readAt).toBeNull();

    const read = await call<Item>('cg_officer', 'POST', `/notifications/${id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).toBe(clock.now().toISOString());
    clock.advance(60_000);
    const again = await call<Item>('cg_officer', 'POST', `/notifications/${id}/read`);
    expect(again.body.readAt).toBe(read.body.readAt);

    expect((await call('cg_officer', 'GET', '/notifications/unread-count')).body).toEqual({
      unread: 0,
    });
    const unreadOnly = await call<Inbox>('cg_officer', 'GET', '/notifications?unread=yes');
    expect(unreadOnly.body).toMatchObject({ items: [], total: 0, unread: 0 });
    expect((await call('cg_officer', 'POST', '/notifications/nope/read')).status).toBe(404);
  });

  it('marks all of one’s own read and nobody else’s', async () => {
    // The deputy holds the review request and the note that the head returned the item.
    const marked = await call<{ updated: number }>('cg_deputy', 'POST', '/notifications/read-all');
    expect(marked.body).toEqual({ updated: 2 });
    expect((await call('cg_head', 'GET', '/notifications/unread-count')).body).toEqual({
      unread: 1,
    });
  });

  it('refuses a bad page or filter, and anyone without a session', async () => {
    expect((await call('cg_officer', 'GET', '/notifications?unread=maybe')).status).toBe(400);
    expect((await call('cg_officer', 'GET', '/notifications?pageSize=500')).status).toBe(400);
    expect((await call(null, 'GET', '/notifications')).status).toBe(401);
  });

  it('keeps the language a person reads notifications in', async () => {
    const bad = await call('cg_officer', 'PUT', '/notifications/language', { locale: 'fr' });
    expect(bad.status).toBe(400);
    const set = await call('cg_officer', 'PUT', '/notifications/language', { locale: 'en' });
    expect(set.body).toEqual({ locale: 'en' });
    const person = await db.person.findUniqueOrThrow({ where: { id: county.officer.id } });
    expect(person.locale).toBe('en');
  });
});

describe('deliveries that failed (administrators)', () => {
  let refusedId: string;
  let noChatId: string;

  beforeAll(async () => {
    const messages = await db.outboxMessage.findMany({ orderBy: { createdAt: 'asc' } });
    const [first, second] = messages;
    refusedId = first?.id ?? '';
    noChatId = second?.id ?? '';
    await db.outboxMessage.update({
      where: { id: refusedId },
      data: {
        lastError: `${UNDELIVERABLE}403: Forbidden: bot was blocked by the user`,
        attempts: 1,
      },
    });
    await db.outboxMessage.update({
      where: { id: noChatId },
      data: { lastError: NO_CHAT_LINK },
    });
  });

  it('lists each with why it failed, for administrators only', async () => {
    expect((await call('cg_head', 'GET', '/outbox/failed')).status).toBe(403);
    const page = await call<Failed>('admin', 'GET', '/outbox/failed');
    expect(page.body.total).toBe(2);
    const byId = new Map(page.body.items.map((i) => [i.id, i]));
    expect(byId.get(refusedId)).toMatchObject({
      reason: 'refused',
      error: '403: Forbidden: bot was blocked by the user',
      retryable: true,
    });
    expect(byId.get(noChatId)).toMatchObject({ reason: 'no_chat', retryable: false });
    expect(byId.get(noChatId)?.person?.name).toEqual(expect.any(String));
  });

  it('sends a refused one again from a fresh start, audited; refuses what sending again cannot help', async () => {
    expect((await call('cg_head', 'POST', `/outbox/${refusedId}/retry`)).status).toBe(403);
    const retried = await call('admin', 'POST', `/outbox/${refusedId}/retry`);
    expect(retried.status).toBe(200);
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { id: refusedId } });
    expect(row).toMatchObject({ attempts: 0, lastError: null, lockedUntil: null });
    expect(row.notBefore.toISOString()).toBe(clock.now().toISOString());
    expect(
      await db.auditLog.count({ where: { action: 'outbox.retry', entityId: refusedId } }),
    ).toBe(1);

    const waiting = await call<{ error: { code: string } }>(
      'admin',
      'POST',
      `/outbox/${refusedId}/retry`,
    );
    expect(waiting.status).toBe(409);
    expect(waiting.body.error.code).toBe('OUTBOX.NOT_FAILED');
    const noChat = await call<{ error: { code: string } }>(
      'admin',
      'POST',
      `/outbox/${noChatId}/retry`,
    );
    expect(noChat.status).toBe(409);
    expect(noChat.body.error.code).toBe('OUTBOX.NO_CHAT');
    expect((await call('admin', 'POST', '/outbox/nope/retry')).status).toBe(404);
  });
});
