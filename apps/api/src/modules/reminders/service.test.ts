import type { Db } from '@jyxc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, smallCounty } from '../../../test/support.js';
import { acquireLease, releaseLease } from './repository.js';
import { REMINDERS_JOB, runRemindersJob } from './service.js';
import { schedule, startRemindersScheduler } from './scheduler.js';

const HOUR = 3600_000;
const LEASE_MS = 120_000;

let db: Db;
let county: Awaited<ReturnType<typeof reminderCounty>>;

/** The small county with the township's deputy (approver) and head. */
async function reminderCounty(database: Db) {
  const base = await smallCounty(database);
  const person = (name: string, username: string, role: 'deputy' | 'head') =>
    database.person.create({
      data: {
        name,
        username,
        unitId: base.township.id,
        roles: { create: [{ role, unitId: base.township.id }] },
      },
    });
  const deputy = await person('赵分管', 'cg_deputy', 'deputy');
  const head = await person('钱校长', 'cg_head', 'head');
  return { ...base, deputy, head };
}

/** An item of the officer's waiting in unit review since `since`. */
async function pendingReview(title: string, since: Date, category: 'news' | 'major' = 'news') {
  return db.submission.create({
    data: {
      unitId: county.township.id,
      reviewUnitId: county.township.id,
      category,
      title,
      body: '正文',
      eventAt: since,
      state: 'unit_review',
      submittedAt: since,
      reviewSince: since,
      createdById: county.officer.id,
      authorIds: JSON.stringify([county.officer.id]),
      authors: { create: [{ personId: county.officer.id }] },
    },
  });
}

function run(now: Date, holder = 'test-holder') {
  return runRemindersJob(db, { now, holder, leaseMs: LEASE_MS });
}

async function messagesAbout(subject: string) {
  return db.outboxMessage.findMany({
    where: { key: { contains: subject } },
    orderBy: { key: 'asc' },
  });
}

beforeAll(async () => {
  ({ db } = await freshDatabase());
  county = await reminderCounty(db);
});
afterAll(async () => {
  await db.$disconnect();
});

describe('the reminders job', () => {
  // Monday 2026-05-11 10:00 in Shanghai: a working hour, so nothing is held back.
  const monday10 = new Date('2026-05-11T02:00:00Z');

  it('reminds the unit approvers of a review pending 24 h, and the head at 72 h, never the author', async () => {
    const item = await pendingReview(
      '城关镇举行教师节表彰大会',
      new Date(monday10.getTime() - 25 * HOUR),
    );
    await run(monday10);
    const day = await messagesAbout(`submission:${item.id}`);
    expect(day.map((m) => [m.key.split(':')[0], m.personId]).sort()).toEqual(
      [
        ['review-24h', county.deputy.id],
        ['review-24h', county.head.id],
      ].sort(),
    );
    expect(day.every((m) => m.kind === 'review_pending' && m.personId !== county.officer.id)).toBe(
      true,
    );

    const later = new Date(monday10.getTime() + 48 * HOUR);
    await run(later, 'test-holder');
    const escalated = (await messagesAbout(`submission:${item.id}`)).filter((m) =>
      m.key.startsWith('review-72h'),
    );
    expect(escalated.map((m) => m.personId)).toEqual([county.head.id]);
    expect(escalated[0]?.kind).toBe('review_escalated');
  });

  it('enqueues each reminder once when it runs twice at the same moment', async () => {
    const now = new Date(monday10.getTime() + 72 * HOUR);
    const first = await run(now);
    const rows = await db.outboxMessage.count();
    const second = await run(now);
    expect(first.ran && second.ran).toBe(true);
    expect(second.due).toBe(first.due);
    expect(second.enqueued).toBe(0);
    expect(await db.outboxMessage.count()).toBe(rows);
  });

  it('holds quiet-hour reminders until morning, but never an incident deadline', async () => {
    // Due at 22:00 on Monday (Shanghai): held until Tuesday 07:30.
    const item = await pendingReview('城关镇召开安全工作会议', new Date('2026-05-10T14:00:00Z'));
    // A major incident found at 21:50: its report is due 30 minutes later, at night.
    const incident = await db.incident.create({
      data: {
        unitId: county.township.id,
        title: '网传某校食堂卫生问题',
        source: 'online',
        summary: '网络帖子反映食堂卫生问题',
        severity: 'major',
        discoveredAt: new Date('2026-05-11T13:50:00Z'),
        responsibleId: county.officer.id,
        createdById: county.officer.id,
      },
    });
    const night = new Date('2026-05-11T14:30:00Z');
    await run(night);

    const review = (await messagesAbout(`submission:${item.id}`)).filter((m) =>
      m.key.startsWith('review-24h'),
    );
    expect(review.length).toBeGreaterThan(0);
    for (const m of review) expect(m.notBefore.toISOString()).toBe('2026-05-11T23:30:00.000Z');

    const due = (await messagesAbout(`incident:${incident.id}:report`)).filter((m) =>
      m.key.startsWith('incident-due'),
    );
    expect(due.length).toBeGreaterThan(0);
    for (const m of due) {
      expect(m.urgency).toBe('urgent');
      expect(m.notBefore.toISOString()).toBe('2026-05-11T14:20:00.000Z');
    }
    // The responsible officer and the next link of the chain (the deputy) are told.
    expect(due.map((m) => m.personId).sort()).toEqual([county.officer.id, county.deputy.id].sort());
  });

  it('lets only one of two processes run at once', async () => {
    const now = new Date(monday10.getTime() + 200 * HOUR);
    await releaseLease(db, REMINDERS_JOB, 'test-holder', now);
    const runs = await Promise.all([run(now, 'process-a'), run(now, 'process-b')]);
    expect(runs.filter((r) => r.ran)).toHaveLength(1);
    const lease = await db.jobLease.findUniqueOrThrow({ where: { name: REMINDERS_JOB } });
    expect(['process-a', 'process-b']).toContain(lease.holder);
  });
});

describe('the job lease', () => {
  const t0 = new Date('2026-06-01T00:00:00Z');
  const ask = (holder: string, now: Date) =>
    acquireLease(db, { name: 'lease-test', holder, now, ttlMs: 60_000 });

  it('goes to exactly one of several processes asking at once', async () => {
    const answers = await Promise.all(['a', 'b', 'c', 'd'].map((h) => ask(h, t0)));
    expect(answers.filter(Boolean)).toHaveLength(1);
  });

  it('stays with its holder until it expires, then passes on', async () => {
    const holder = (await db.jobLease.findUniqueOrThrow({ where: { name: 'lease-test' } })).holder;
    const other = holder === 'a' ? 'b' : 'a';
    expect(await ask(other, new Date(t0.getTime() + 30_000))).toBe(false);
    expect(await ask(holder, new Date(t0.getTime() + 30_000))).toBe(true);
    expect(await ask(other, new Date(t0.getTime() + 60_000))).toBe(false);
    expect(await ask(other, new Date(t0.getTime() + 91_000))).toBe(true);
  });

  it('is free at once when released', async () => {
    const now = new Date(t0.getTime() + 100_000);
    const holder = (await db.jobLease.findUniqueOrThrow({ where: { name: 'lease-test' } })).holder;
    await releaseLease(db, 'lease-test', holder, now);
    expect(await ask('e', now)).toBe(true);
  });
});

describe('the scheduler', () => {
  it('runs the reminders job under its lease and gives the lease up when it stops', async () => {
    const now = new Date('2026-07-01T02:00:00Z');
    await db.jobLease.updateMany({ where: { name: REMINDERS_JOB }, data: { leaseUntil: now } });
    const runs: boolean[] = [];
    const job = startRemindersScheduler({
      db,
      now: () => now,
      intervalMs: 3_600_000,
      holder: 'scheduler-test',
      onRun: (r) => runs.push(r.ran),
    });
    await job.runNow();
    expect(runs).toEqual([true]);
    expect(await db.jobLease.findUniqueOrThrow({ where: { name: REMINDERS_JOB } })).toMatchObject({
      holder: 'scheduler-test',
      leaseUntil: new Date(now.getTime() + 2 * 3_600_000),
    });
    await job.stop();
    const released = await db.jobLease.findUniqueOrThrow({ where: { name: REMINDERS_JOB } });
    expect(released.leaseUntil.getTime()).toBe(now.getTime());
  });

  it('logs a failing run instead of throwing, and stops', async () => {
    const logged: string[] = [];
    const job = schedule({
      name: 'failing',
      intervalMs: 60_000,
      firstDelayMs: 60_000,
      run: () => Promise.reject(new Error('database unreachable')),
      log: (message) => logged.push(message),
    });
    await job.runNow();
    await job.stop();
    expect(logged).toEqual(['[jobs] failing failed:']);
  });
});
