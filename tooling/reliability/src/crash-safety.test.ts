import { createDb, type Db } from '@jyxc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiProcess, type ApiProcess } from './support/api-process.js';
import {
  botCall,
  field,
  idOf,
  loginOver,
  prng,
  type Answer,
  type Session,
} from './support/client.js';
import { freshDatabase } from './support/database.js';
import { recordPart } from './support/results.js';

const WRITES = 1_000;
/** The fewest SIGKILLs a run must survive. */
const MIN_KILLS = 3;
const random = prng(7_2026);

/** What the run was told was done (a 2xx), to be found in the database afterwards. */
interface Ledger {
  submissions: Map<string, string>; // idempotency key → id
  transitions: { id: string; action: string }[];
  adoptions: string[];
  records: Map<string, string>; // idempotency key → id
  quickReports: Map<string, string>; // idempotency key → submission id
  replays: { key: string; first: string; second: string }[];
}

describe('crash safety: 1,000 writes while the API is killed with SIGKILL and restarted', () => {
  let url: string;
  let api: ApiProcess;
  let db: Db;
  let kills = 0;
  let lost = 0;
  let unexpected = 0;
  /** What each unexpected answer was, for the failure message. */
  const odd: string[] = [];
  let acknowledged = 0;

  beforeAll(async () => {
    ({ url } = await freshDatabase());
    api = await apiProcess(url);
    db = createDb(url);
  });

  afterAll(async () => {
    await api?.stop();
    await db?.$disconnect();
    recordPart('crash safety', {
      scope: `${WRITES} writes, ${kills} SIGKILLs`,
      checks: acknowledged,
      faultsSurvived: kills,
      unexpectedResponses: unexpected,
      recordsLost: lost,
    });
  });

  it('keeps every acknowledged write, none half-written, each idempotency key applied once', async () => {
    const base = () => api.url;
    const officer = await loginOver(base, 'cg_xxy');
    const deputy = await loginOver(base, 'cg_fg');
    const reviewer = await loginOver(base, 'shenhe');
    const admin = await loginOver(base, 'admin');

    // A work group of the officer's township and the officer's Telegram account, for quick reports.
    const officerRow = await db.person.findUniqueOrThrow({
      where: { username: 'cg_xxy' },
      select: { id: true, unitId: true },
    });
    const account =
      (await db.chatIdentity.findFirst({ where: { personId: officerRow.id } })) ??
      (await db.chatIdentity.create({
        data: {
          channel: 'telegram',
          externalId: '4200000001',
          personId: officerRow.id,
          linkedAt: new Date(),
        },
      }));
    const group =
      (await db.chatGroup.findFirst({ where: { unitId: officerRow.unitId } })) ??
      (await db.chatGroup.create({
        data: {
          channel: 'telegram',
          chatId: '-1004200000001',
          unitId: officerRow.unitId,
          title: '城关镇信息工作群',
          linkedAt: new Date(),
        },
      }));
    const campaign = await db.campaign.findFirstOrThrow({
      where: { status: 'active' },
      select: { id: true },
    });
    const periodical = await db.periodical.findFirstOrThrow({
      where: { campaignId: campaign.id, category: { not: 'student' } },
      select: { id: true },
    });
    const units = await db.unit.findMany({
      where: { kind: { in: ['township_center', 'direct_unit'] } },
      select: { id: true },
    });
    const startedAt = new Date();
    // The API must be able to start while nothing else holds the database open (its start-up
    // migration waits for every other connection), so the suite lets go until the run is over.
    await db.$disconnect();

    const ledger: Ledger = {
      submissions: new Map(),
      transitions: [],
      adoptions: [],
      records: new Map(),
      quickReports: new Map(),
      replays: [],
    };
    let writes = 0;
    let done = false;

    /** Sends until the API answers (it may be down between a kill and its restart). */
    const send = async (request: () => Promise<Answer>): Promise<Answer> => {
      for (;;) {
        try {
          const answer = await request();
          writes += 1;
          if (answer.status >= 500) {
            unexpected += 1;
            odd.push(`${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
          }
          return answer;
        } catch {
          await new Promise((wait) => setTimeout(wait, 100));
        }
      }
    };
    const ok = (answer: Answer) => answer.status >= 200 && answer.status < 300;
    /** A retried transition whose first try was applied before the kill answers 409 or 422: the step is done, but it was not acknowledged. */
    const step = async (session: Session, id: string, action: string, body: unknown) => {
      const answer = await send(() =>
        session.call('POST', `/api/submissions/${id}/${action}`, body),
      );
      if (ok(answer)) {
        acknowledged += 1;
        ledger.transitions.push({ id, action });
      } else if (answer.status !== 409 && answer.status !== 422) {
        unexpected += 1;
        odd.push(`${action} ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
      }
      return answer;
    };

    let story = 0;
    const storyWork = async () => {
      const n = (story += 1);
      const key = `crash-${n}`;
      const draft = {
        title: `崩溃测试稿件 ${n}`,
        body: `第 ${n} 篇：断电重启后不能丢。`,
        category: 'news',
        eventAt: new Date().toISOString(),
        idempotencyKey: key,
      };
      const created = await send(() => officer.call('POST', '/api/submissions', draft));
      if (!ok(created)) {
        unexpected += 1;
        odd.push(`draft ${created.status} ${JSON.stringify(created.body).slice(0, 200)}`);
        return;
      }
      acknowledged += 1;
      const id = idOf(created.body);
      ledger.submissions.set(key, id);
      if (random() < 0.2) {
        // The client did not hear the answer and sends the same draft again.
        const again = await send(() => officer.call('POST', '/api/submissions', draft));
        ledger.replays.push({
          key,
          first: id,
          second: ok(again) ? idOf(again.body) : `status ${again.status}`,
        });
      }
      await step(officer, id, 'submit', {});
      await step(deputy, id, 'approve', {
        noChange: true,
        comment: '审阅无修改，同意报送',
        forward: true,
      });
      await step(reviewer, id, 'decide', { adopted: true });
      const adoption = await send(() =>
        reviewer.call('POST', '/api/adoptions', {
          submissionIds: [id],
          level: 'county',
          outlet: '清河日报',
          pageOrLink: '第2版',
          publishedAt: new Date().toISOString(),
        }),
      );
      if (ok(adoption)) {
        acknowledged += 1;
        ledger.adoptions.push(idOf(field(adoption.body, 'adoption')));
      } else if (adoption.status !== 409 && adoption.status !== 422) {
        unexpected += 1;
        odd.push(`adoption ${adoption.status} ${JSON.stringify(adoption.body).slice(0, 200)}`);
      }
    };
    let record = 0;
    const recordWork = async () => {
      const n = (record += 1);
      const key = `crash-record-${n}`;
      const unitId = units[n % units.length]?.id;
      if (unitId === undefined) return;
      // PostgreSQL refuses one of two records written at once (serializable isolation) with a
      // 409 that asks to retry; the client retries with the same idempotency key.
      let answer = await sendRecord();
      for (let retry = 0; retry < 20 && answer.status === 409; retry += 1)
        answer = await sendRecord();
      function sendRecord() {
        return send(() =>
          admin.call('POST', `/api/campaigns/${campaign.id}/records`, {
            periodicalId: periodical.id,
            unitId,
            copies: 1,
            fundSource: 'self',
            idempotencyKey: key,
          }),
        );
      }
      if (!ok(answer)) {
        unexpected += 1;
        odd.push(`record ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
        return;
      }
      acknowledged += 1;
      ledger.records.set(key, idOf(field(answer.body, 'record')));
    };
    let report = 0;
    const reportWork = async () => {
      const n = (report += 1);
      const key = `crash-kb-${n}`;
      const answer = await send(() =>
        botCall(api.url, account.externalId, 'POST', '/api/bot/quick-reports', {
          idempotencyKey: key,
          chatId: group.chatId,
          telegramUserId: account.externalId,
          messageDate: new Date().toISOString(),
          text: `快报 ${n}\n群里发来的第 ${n} 条快报。`,
        }),
      );
      if (!ok(answer)) {
        unexpected += 1;
        odd.push(`quick report ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
        return;
      }
      acknowledged += 1;
      ledger.quickReports.set(key, idOf(field(answer.body, 'submission')));
    };

    const killer = (async () => {
      // A handful of kills at random moments; each restart costs seconds, and the run stays short.
      while (!done && kills < 6) {
        await new Promise((wait) => setTimeout(wait, 2_000 + random() * 4_000));
        if (done) break;
        await api.kill();
        kills += 1;
        await api.start();
      }
    })();
    // Writing goes on until the kills have happened too: on a fast machine 1,000 writes can be
    // done before the third kill, and a run with fewer faults proves less.
    const worker = async () => {
      while (writes < WRITES || kills < MIN_KILLS) {
        const pick = random();
        if (pick < 0.55) await storyWork();
        else if (pick < 0.8) await recordWork();
        else await reportWork();
      }
    };
    await Promise.all(Array.from({ length: 12 }, worker));
    done = true;
    await killer;
    db = createDb(url);

    // Everything acknowledged is there, whole.
    const missing: string[] = [];
    const submissionIds = [...ledger.submissions.values(), ...ledger.quickReports.values()];
    const found = await db.submission.findMany({
      where: { id: { in: submissionIds } },
      select: { id: true, idempotencyKey: true, _count: { select: { revisions: true } } },
    });
    const foundIds = new Set(found.map((s) => s.id));
    for (const id of submissionIds) if (!foundIds.has(id)) missing.push(`submission ${id}`);
    // Each acknowledged transition left its audit entry (one per write, besides the creation)
    // and the state it reached or a later one.
    const entries = await db.auditLog.groupBy({
      by: ['entityId'],
      where: { entityId: { in: submissionIds } },
      _count: { _all: true },
    });
    const states = new Map(
      (
        await db.submission.findMany({
          where: { id: { in: submissionIds } },
          select: { id: true, state: true },
        })
      ).map((s) => [s.id, s.state]),
    );
    const REACHED: Record<string, readonly string[]> = {
      submit: ['unit_review', 'bureau_review', 'adopted'],
      approve: ['bureau_review', 'adopted'],
      decide: ['adopted'],
    };
    for (const t of ledger.transitions) {
      const count = entries.find((e) => e.entityId === t.id)?._count._all ?? 0;
      const acked = ledger.transitions.filter((other) => other.id === t.id).length;
      if (count < acked + 1)
        missing.push(`${t.action} of ${t.id}: ${count} audit entries for ${acked + 1} writes`);
      if (!(REACHED[t.action] ?? []).includes(states.get(t.id) ?? ''))
        missing.push(`${t.action} of ${t.id}: state ${states.get(t.id)}`);
    }
    const adoptions = await db.adoption.findMany({
      where: { id: { in: ledger.adoptions } },
      select: { id: true },
    });
    if (adoptions.length !== ledger.adoptions.length)
      missing.push(`${ledger.adoptions.length - adoptions.length} adoptions`);
    const records = await db.subscriptionRecord.findMany({
      where: { id: { in: [...ledger.records.values()] } },
      select: { id: true },
    });
    if (records.length !== ledger.records.size)
      missing.push(`${ledger.records.size - records.length} subscription records`);
    lost = missing.length;

    // Nothing half-written: every submission of the run has a revision and its audit entry,
    // every adoption credits a submission.
    const halfWritten: string[] = [];
    const runSubmissions = await db.submission.findMany({
      where: { createdAt: { gte: startedAt } },
      select: { id: true, _count: { select: { revisions: true } } },
    });
    const created = await db.auditLog.findMany({
      where: { entity: 'Submission', at: { gte: startedAt } },
      select: { entityId: true },
    });
    const audited = new Set(created.map((e) => e.entityId));
    for (const s of runSubmissions) {
      if (s._count.revisions === 0) halfWritten.push(`submission ${s.id} without a revision`);
      if (!audited.has(s.id)) halfWritten.push(`submission ${s.id} without an audit entry`);
    }
    const runAdoptions = await db.adoption.findMany({
      where: { createdAt: { gte: startedAt } },
      select: { id: true, _count: { select: { credits: true } } },
    });
    for (const a of runAdoptions)
      if (a._count.credits === 0)
        halfWritten.push(`adoption ${a.id} without a credited submission`);

    // Each idempotency key made one record, however often it was sent.
    const keyed = await db.submission.groupBy({
      by: ['idempotencyKey'],
      where: { idempotencyKey: { not: null }, createdAt: { gte: startedAt } },
      _count: { _all: true },
    });
    const duplicates = keyed.filter((k) => k._count._all > 1).map((k) => k.idempotencyKey);
    const keyedRecords = await db.subscriptionRecord.groupBy({
      by: ['idempotencyKey'],
      where: { idempotencyKey: { not: null }, recordedAt: { gte: startedAt } },
      _count: { _all: true },
    });
    duplicates.push(...keyedRecords.filter((k) => k._count._all > 1).map((k) => k.idempotencyKey));
    const replayMismatches = ledger.replays.filter((r) => r.first !== r.second);

    unexpected += halfWritten.length + duplicates.length + replayMismatches.length;
    expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);
    expect(writes).toBeGreaterThanOrEqual(WRITES);
    expect(missing).toEqual([]);
    expect(halfWritten).toEqual([]);
    expect(duplicates).toEqual([]);
    expect(replayMismatches).toEqual([]);
    expect(odd).toEqual([]);
  });
});
