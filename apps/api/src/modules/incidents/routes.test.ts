import type { Db } from '@jyxc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiCaller,
  apiCaller,
  freshDatabase,
  PASSWORD,
  testApp,
  testClock,
  workflowCounty,
} from '../../../test/support.js';
import { hashPassword } from '../auth/service.js';

type County = Awaited<ReturnType<typeof workflowCounty>>;

interface Deadline {
  step: string;
  dueAt: string;
  doneAt: string | null;
  status: string;
}
interface IncidentBody {
  id: string;
  state: string;
  severity: string;
  version: number;
  deadlines: Deadline[];
  overdue: boolean;
  overdueSteps: string[];
  escalation: { missed: number; link: string; recipients: { id: string }[] } | null;
  log?: {
    kind: string;
    fromState: string | null;
    toState: string | null;
    note: string | null;
    actor: { id: string } | null;
  }[];
}
interface Page<T> {
  items: T[];
  total: number;
}
interface ErrorBody {
  error: { code: string; details?: { issues?: { path: string; code: string }[] } };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let db: Db;
let county: County;
let opinionOfficerId: string;
const clock = testClock();
let app: ReturnType<typeof testApp>;
let caller: ApiCaller;

function call<T>(username: string, method: string, path: string, body?: unknown) {
  return caller.call<T>(username, method, path, body);
}

function minutesAgo(minutes: number): string {
  return new Date(clock.now().getTime() - minutes * MINUTE).toISOString();
}

function register(username: string, overrides: Record<string, unknown> = {}) {
  return call<IncidentBody & ErrorBody>(username, 'POST', '/incidents', {
    unitId: county.township.id,
    title: '家长网上反映校车超载',
    source: 'online',
    link: 'https://bbs.example.cn/thread-1.html',
    summary: '有家长在论坛发帖称城关镇校车超载，浏览量较大。',
    severity: 'major',
    discoveredAt: minutesAgo(10),
    responsiblePersonId: opinionOfficerId,
    ...overrides,
  });
}

beforeAll(async () => {
  ({ db } = await freshDatabase());
  county = await workflowCounty(db);
  const opinion = await db.person.create({
    data: {
      name: '韩舆情',
      username: 'cg_opinion',
      passwordHash: await hashPassword(PASSWORD),
      unitId: county.township.id,
      roles: { create: [{ role: 'opinion_officer', unitId: county.township.id }] },
    },
  });
  opinionOfficerId = opinion.id;
  app = testApp(db, clock);
  caller = apiCaller(app, { base: '/api' });
});
afterAll(async () => {
  await db.$disconnect();
});

describe('registering an incident', () => {
  it('records it with deadlines from its severity, a first log entry and an audit entry', async () => {
    const { status, body } = await register('cg_opinion');
    expect(status).toBe(201);
    expect(body.state).toBe('open');
    const discovered = clock.now().getTime() - 10 * MINUTE;
    // DESIGN §3.6: major — report 30 min, first response 2 h, resolve 24 h.
    expect(
      body.deadlines.map((d) => [d.step, new Date(d.dueAt).getTime() - discovered, d.status]),
    ).toEqual([
      ['report', 30 * MINUTE, 'pending'],
      ['respond', 2 * HOUR, 'pending'],
      ['resolve', 24 * HOUR, 'pending'],
    ]);
    expect(body.overdue).toBe(false);
    expect(body.log).toEqual([expect.objectContaining({ kind: 'opened', toState: 'open' })]);
    expect(await db.auditLog.count({ where: { action: 'incident.open', entityId: body.id } })).toBe(
      1,
    );
  });

  it('tells the head and the bureau of a major incident at once, and nobody of a general one', async () => {
    const major = await register('cg_opinion', { title: '网传学生食物中毒' });
    const alerts = await db.outboxMessage.findMany({
      where: { kind: 'incident_opened', key: { startsWith: `incident:${major.body.id}:` } },
    });
    // DESIGN §3.8: incident messages are never delayed by quiet hours.
    expect(alerts.map((a) => a.personId).sort()).toEqual(
      [county.cgHead.id, county.reviewer.id].sort(),
    );
    for (const alert of alerts) {
      expect(alert).toMatchObject({ urgency: 'urgent', notBefore: clock.now() });
    }
    const general = await register('cg_opinion', { severity: 'general', title: '校门口积水' });
    expect(
      await db.outboxMessage.count({
        where: { key: { startsWith: `incident:${general.body.id}:` } },
      }),
    ).toBe(0);
  });

  it('refuses an incident of another unit, storing nothing', async () => {
    const before = await db.incident.count();
    const { status, body } = await register('ng_officer', {
      responsiblePersonId: county.ngHead.id,
      unitId: county.township.id,
    });
    expect(status).toBe(422);
    expect(body.error.details?.issues?.map((i) => i.path)).toContain('responsiblePersonId');
    const foreign = await register('ng_officer');
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('INCIDENT.OTHER_UNIT');
    expect(await db.incident.count()).toBe(before);
  });

  it('reports every field the domain refuses at once', async () => {
    const { status, body } = await register('cg_opinion', {
      title: '   ',
      link: 'not a link',
      discoveredAt: new Date(clock.now().getTime() + HOUR).toISOString(),
    });
    expect(status).toBe(422);
    expect(body.error.details?.issues?.map((i) => i.path).sort()).toEqual([
      'discoveredAt',
      'link',
      'title',
    ]);
  });

  it('answers malformed requests with 400, never 500', async () => {
    const bad = [
      { severity: 'catastrophic' },
      { source: 'rumour' },
      { discoveredAt: 'yesterday' },
      { unitId: '' },
      { responsiblePersonId: 42 },
    ];
    for (const overrides of bad) expect((await register('cg_opinion', overrides)).status).toBe(400);
    expect((await call('cg_opinion', 'POST', '/incidents', '{not json')).status).toBe(400);
    expect((await call('cg_opinion', 'GET', '/incidents?state=lost')).status).toBe(400);
    expect((await call('cg_opinion', 'GET', '/incidents?page=0')).status).toBe(400);
    expect((await call('cg_opinion', 'GET', '/incidents/nope')).status).toBe(404);
    expect(
      (await call('cg_opinion', 'POST', '/incidents/nope/transitions', { command: 'report' }))
        .status,
    ).toBe(404);
  });
});

describe('the lifecycle of an incident', () => {
  it('goes open → reported → responding → resolved → closed, with a log row, an audit entry and messages', async () => {
    const { body: opened } = await register('cg_opinion');
    const id = opened.id;

    const reported = await call<IncidentBody>(
      'cg_opinion',
      'POST',
      `/incidents/${id}/transitions`,
      { command: 'report' },
    );
    expect(reported.status).toBe(200);
    expect(reported.body.state).toBe('reported');
    expect(reported.body.deadlines[0]).toMatchObject({ step: 'report', status: 'met' });
    const toReviewer = await db.outboxMessage.findUnique({
      where: { key: `incident:${id}:reported:to:person:${county.reviewer.id}` },
    });
    expect(toReviewer).toMatchObject({
      audience: 'person',
      personId: county.reviewer.id,
      kind: 'incident_reported',
    });

    const noNote = await call<ErrorBody>('cg_head', 'POST', `/incidents/${id}/transitions`, {
      command: 'respond',
    });
    expect(noNote.status).toBe(422);
    expect(noNote.body.error.code).toBe('INCIDENT.NOTE_REQUIRED');

    clock.advance(30 * MINUTE);
    const responding = await call<IncidentBody>('cg_head', 'POST', `/incidents/${id}/transitions`, {
      command: 'respond',
      note: '已在论坛发布情况说明',
    });
    expect(responding.body.state).toBe('responding');
    const resolved = await call<IncidentBody>(
      'cg_opinion',
      'POST',
      `/incidents/${id}/transitions`,
      {
        command: 'resolve',
        note: '校车已加开一班，家长认可',
        expectedVersion: responding.body.version,
      },
    );
    expect(resolved.body.state).toBe('resolved');

    const byUnit = await call<ErrorBody>('cg_opinion', 'POST', `/incidents/${id}/transitions`, {
      command: 'close',
    });
    expect(byUnit.status).toBe(403);
    const closed = await call<IncidentBody>('reviewer', 'POST', `/incidents/${id}/transitions`, {
      command: 'close',
      note: '同意办结',
    });
    expect(closed.status).toBe(200);
    expect(closed.body.state).toBe('closed');
    expect(closed.body.log?.map((l) => [l.fromState, l.toState])).toEqual([
      [null, 'open'],
      ['open', 'reported'],
      ['reported', 'responding'],
      ['responding', 'resolved'],
      ['resolved', 'closed'],
    ]);
    expect(closed.body.log?.[2]?.note).toBe('已在论坛发布情况说明');
    expect(await db.auditLog.count({ where: { entity: 'Incident', entityId: id } })).toBe(5);
    const toResponsible = await db.outboxMessage.findUnique({
      where: { key: `incident:${id}:closed:to:person:${opinionOfficerId}` },
    });
    expect(toResponsible?.kind).toBe('incident_closed');

    const illegal = await call<ErrorBody>('cg_opinion', 'POST', `/incidents/${id}/transitions`, {
      command: 'report',
    });
    expect(illegal.status).toBe(409);
    expect(illegal.body.error.code).toBe('INCIDENT.ILLEGAL_TRANSITION');
  });

  it('refuses a step made on a stale version, changing nothing', async () => {
    const { body } = await register('cg_opinion');
    const stale = await call<ErrorBody>('cg_opinion', 'POST', `/incidents/${body.id}/transitions`, {
      command: 'report',
      expectedVersion: body.version + 1,
    });
    expect(stale.status).toBe(409);
    expect((await db.incident.findUniqueOrThrow({ where: { id: body.id } })).state).toBe('open');
  });

  it("refuses another unit's people both reading and acting", async () => {
    const { body } = await register('cg_opinion');
    expect((await call<ErrorBody>('ng_officer', 'GET', `/incidents/${body.id}`)).status).toBe(403);
    const act = await call<ErrorBody>('ng_head', 'POST', `/incidents/${body.id}/transitions`, {
      command: 'report',
    });
    expect(act.status).toBe(403);
    const list = await call<Page<IncidentBody>>('ng_officer', 'GET', '/incidents');
    expect(list.body.items.map((i) => i.id)).not.toContain(body.id);
    expect(
      (await call('ng_officer', 'GET', `/incidents?unitId=${county.township.id}`)).status,
    ).toBe(403);
    const school = await call<Page<IncidentBody>>('school_officer', 'GET', '/incidents');
    expect(school.body.total).toBe(0);
  });

  it('lets a township see and handle its school’s incident', async () => {
    const { status, body } = await register('school_officer', {
      unitId: county.schoolA.id,
      responsiblePersonId: county.schoolOfficer.id,
      severity: 'general',
    });
    expect(status).toBe(201);
    const seen = await call<Page<IncidentBody>>(
      'cg_officer',
      'GET',
      `/incidents?unitId=${county.schoolA.id}`,
    );
    expect(seen.body.items.map((i) => i.id)).toEqual([body.id]);
    const reported = await call<IncidentBody>(
      'cg_head',
      'POST',
      `/incidents/${body.id}/transitions`,
      { command: 'report' },
    );
    expect(reported.body.state).toBe('reported');
  });

  it('changes the severity with a reason, moving the deadlines', async () => {
    const { body } = await register('cg_opinion', {
      severity: 'general',
      discoveredAt: minutesAgo(60),
    });
    const noSeverity = await call<ErrorBody>(
      'cg_opinion',
      'POST',
      `/incidents/${body.id}/transitions`,
      {
        command: 'reclassify',
        note: '事态升级',
      },
    );
    expect(noSeverity.status).toBe(400);
    const changed = await call<IncidentBody>(
      'cg_opinion',
      'POST',
      `/incidents/${body.id}/transitions`,
      {
        command: 'reclassify',
        severity: 'major',
        note: '媒体开始关注',
      },
    );
    expect(changed.status).toBe(200);
    expect(changed.body.severity).toBe('major');
    // Discovered an hour ago, a major incident is already late for its 30-minute report.
    expect(changed.body.overdueSteps).toEqual(['report']);
  });
});

describe('overdue incidents', () => {
  it('shows an incident as overdue once the clock passes a deadline, escalated one link per miss', async () => {
    const { body } = await register('cg_opinion', {
      severity: 'general',
      discoveredAt: minutesAgo(0),
      title: '食堂饭菜质量投诉',
    });
    const before = await call<Page<IncidentBody>>('reviewer', 'GET', '/incidents/overdue');
    expect(before.body.items.map((i) => i.id)).not.toContain(body.id);

    // DESIGN §3.6: a general incident must be reported within 24 h.
    clock.advance(24 * HOUR + MINUTE);
    const after = await call<Page<IncidentBody>>('reviewer', 'GET', '/incidents/overdue');
    const overdue = after.body.items.find((i) => i.id === body.id);
    expect(overdue?.overdueSteps).toEqual(['report']);
    expect(overdue?.escalation).toMatchObject({ missed: 1 });
    const filtered = await call<Page<IncidentBody>>(
      'cg_officer',
      'GET',
      '/incidents?overdue=true&severity=general',
    );
    expect(filtered.body.items.map((i) => i.id)).toContain(body.id);
    const onTime = await call<Page<IncidentBody>>('cg_officer', 'GET', '/incidents?overdue=false');
    expect(onTime.body.items.map((i) => i.id)).not.toContain(body.id);

    clock.advance(24 * HOUR);
    const twice = await call<IncidentBody>('cg_officer', 'GET', `/incidents/${body.id}`);
    expect(twice.body.overdueSteps).toEqual(['report', 'respond']);
    expect(twice.body.escalation?.missed).toBe(2);
    expect(twice.body.escalation?.recipients.length).toBeGreaterThan(0);
  });

  it('pages the list, newest discovery first', async () => {
    const first = await call<Page<IncidentBody> & { page: number; pageSize: number }>(
      'reviewer',
      'GET',
      '/incidents?pageSize=2',
    );
    expect(first.body.items).toHaveLength(2);
    expect(first.body.pageSize).toBe(2);
    const second = await call<Page<IncidentBody>>(
      'reviewer',
      'GET',
      '/incidents?pageSize=2&page=2',
    );
    expect(second.body.total).toBe(first.body.total);
    expect(second.body.items.map((i) => i.id)).not.toContain(first.body.items[0]?.id);
  });
});

describe('an incident’s screenshot', () => {
  // A 2×2 PNG: what a phone's screenshot of the post is, only smaller.
  const PNG = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGNgYPj/n4GBgYGJgYGBAQAlBAMBc+ju0wAAAABJRU5ErkJggg==',
    'base64',
  );

  async function upload(username: string, id: string, bytes: Buffer, name: string) {
    const form = new FormData();
    form.append('file', new Blob([bytes]), name);
    return app.request(`/api/incidents/${id}/screenshot`, {
      method: 'POST',
      body: form,
      headers: { cookie: await caller.cookie(username), origin: 'http://localhost' },
    });
  }

  it('is kept with the incident and served to those who may see it', async () => {
    const { body } = await register('cg_opinion');
    const stored = await upload('cg_opinion', body.id, PNG, 'post.png');
    expect(stored.status).toBe(200);
    expect(((await stored.json()) as { hasScreenshot: boolean }).hasScreenshot).toBe(true);
    const image = await app.request(`/api/incidents/${body.id}/screenshot`, {
      headers: { cookie: await caller.cookie('cg_opinion') },
    });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(
      await db.auditLog.count({ where: { action: 'incident.screenshot', entityId: body.id } }),
    ).toBe(1);
  });

  it('refuses a file that is not an image and changes nothing', async () => {
    const { body } = await register('cg_opinion');
    const refused = await upload('cg_opinion', body.id, Buffer.from('not a picture'), 'a.txt');
    expect(refused.status).toBe(415);
    const after = await call<{ hasScreenshot: boolean }>(
      'cg_opinion',
      'GET',
      `/incidents/${body.id}`,
    );
    expect(after.body.hasScreenshot).toBe(false);
    const none = await app.request(`/api/incidents/${body.id}/screenshot`, {
      headers: { cookie: await caller.cookie('cg_opinion') },
    });
    expect(none.status).toBe(404);
  });
});

describe('deadlines from the year’s scheme (DESIGN §3.4)', () => {
  function offsets(body: IncidentBody, discovered: number) {
    return body.deadlines.map((d) => new Date(d.dueAt).getTime() - discovered);
  }

  it('takes a new incident’s deadlines from the scheme, and never moves a running one’s', async () => {
    const earlier = await register('cg_opinion');
    const discovered = clock.now().getTime() - 10 * MINUTE;
    expect(offsets(earlier.body, discovered)).toEqual([30 * MINUTE, 2 * HOUR, 24 * HOUR]);

    const scheme = (
      await call<{ scheme: Record<string, unknown> }>('admin', 'GET', '/schemes/2026')
    ).body.scheme;
    const saved = await call('admin', 'PUT', '/schemes/2026', {
      ...scheme,
      incidentDeadlineHours: {
        ...(scheme['incidentDeadlineHours'] as object),
        major: { report: 1, respond: 3, resolve: 12 },
      },
    });
    expect(saved.status).toBe(200);

    const later = await register('cg_opinion');
    expect(offsets(later.body, discovered)).toEqual([HOUR, 3 * HOUR, 12 * HOUR]);
    const reread = await call<IncidentBody>('cg_opinion', 'GET', `/incidents/${earlier.body.id}`);
    expect(offsets(reread.body, discovered)).toEqual([30 * MINUTE, 2 * HOUR, 24 * HOUR]);
  });
});
