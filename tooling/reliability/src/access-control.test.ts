import type { createApp } from '@jyxc/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACTORS,
  demoCounty,
  unitOfLogin,
  unitsOf,
  visibleUnitIds,
  type ActorKey,
  type UnitRow,
} from './support/county.js';
import { fillPath, isUniformError, readJson } from './support/http.js';
import { recordPart } from './support/results.js';
import { unitDigest } from './support/unit-digest.js';

type County = Awaited<ReturnType<typeof demoCounty>>;

/** Every method and path of the app, from its own route table: a new route is covered as soon as it exists. */
function routeTable(app: ReturnType<typeof createApp>): { method: string; path: string }[] {
  const seen = new Map<string, { method: string; path: string }>();
  for (const route of app.routes) {
    if (route.method === 'ALL' || !route.path.startsWith('/api/')) continue;
    seen.set(`${route.method} ${route.path}`, { method: route.method, path: route.path });
  }
  return [...seen.values()];
}

/**
 * Routes anyone may call without logging in: signing in, signing out (it only clears a stale
 * cookie), the health probe, the API's own description, which holds no data, and the first-run
 * setup, which needs its secret link and answers 404 for good once an administrator exists.
 */
const PUBLIC = [
  /^GET \/api\/health$/,
  /^(GET|POST) \/api\/setup$/,
  /^POST \/api\/auth\/log(in|out)$/,
  /^GET \/api\/openapi\.json$/,
  /^GET \/api\/docs(\/|$)/,
];
const isPublic = (method: string, path: string) =>
  PUBLIC.some((rule) => rule.test(`${method} ${path}`));

/** What a unit owns that the matrix aims at: one of each kind of record, where the unit has one. */
interface Target {
  readonly unit: UnitRow;
  readonly submission?: { id: string; version: number };
  readonly attachmentId?: string;
  readonly personId?: string;
  readonly incidentId?: string;
  readonly adoptionId?: string;
  readonly adjustmentId?: string;
  readonly penaltyId?: string;
  readonly appealId?: string;
  readonly linkCodeId?: string;
}

async function targetOf(db: County['db'], unit: UnitRow): Promise<Target> {
  const submission =
    (await db.submission.findFirst({
      where: { unitId: unit.id, attachments: { some: {} } },
      select: { id: true, version: true },
    })) ??
    (await db.submission.findFirst({
      where: { unitId: unit.id },
      select: { id: true, version: true },
    }));
  const attachment = submission
    ? await db.attachment.findFirst({
        where: { submissionId: submission.id },
        select: { id: true },
      })
    : null;
  const person = await db.person.findFirst({ where: { unitId: unit.id }, select: { id: true } });
  const incident = await db.incident.findFirst({
    where: { unitId: unit.id },
    select: { id: true },
  });
  const adoption = await db.adoption.findFirst({
    where: { credits: { some: { submission: { unitId: unit.id } } } },
    select: { id: true },
  });
  const adjustment = await db.adjustment.findFirst({
    where: { unitId: unit.id },
    select: { id: true },
  });
  const penalty = await db.penalty.findFirst({ where: { unitId: unit.id }, select: { id: true } });
  const appeal = await db.appeal.findFirst({ where: { unitId: unit.id }, select: { id: true } });
  const linkCode = await db.linkCode.findFirst({
    where: { OR: [{ unitId: unit.id }, { person: { unitId: unit.id } }] },
    select: { id: true },
  });
  return {
    unit,
    ...(submission ? { submission } : {}),
    ...(attachment ? { attachmentId: attachment.id } : {}),
    ...(person ? { personId: person.id } : {}),
    ...(incident ? { incidentId: incident.id } : {}),
    ...(adoption ? { adoptionId: adoption.id } : {}),
    ...(adjustment ? { adjustmentId: adjustment.id } : {}),
    ...(penalty ? { penaltyId: penalty.id } : {}),
    ...(appeal ? { appealId: appeal.id } : {}),
    ...(linkCode ? { linkCodeId: linkCode.id } : {}),
  };
}

const MISSING = 'no-such-record';

/** The value of a path parameter aimed at a target unit's record of the kind the path names. */
function paramFor(
  path: string,
  param: string,
  target: Target,
  shared: { bulletinId: string; campaignId: string; periodicalId: string },
): string {
  const area = path.split('/')[2] ?? '';
  if (param === 'attachmentId') return target.attachmentId ?? MISSING;
  if (param === 'appealId') return target.appealId ?? MISSING;
  if (param === 'periodicalId') return shared.periodicalId;
  if (param === 'unitId') return target.unit.id;
  if (param === 'year') return '2026';
  if (param === 'name') return 'init.js';
  if (param === 'updateId' || param === 'key') return 'reliability-probe';
  switch (area) {
    case 'submissions':
      return target.submission?.id ?? MISSING;
    case 'units':
      return target.unit.id;
    case 'people':
      return target.personId ?? MISSING;
    case 'incidents':
      return target.incidentId ?? MISSING;
    case 'adoptions':
      return target.adoptionId ?? MISSING;
    case 'adjustments':
      return target.adjustmentId ?? MISSING;
    case 'penalties':
      return target.penaltyId ?? MISSING;
    case 'link-codes':
      return target.linkCodeId ?? MISSING;
    case 'bulletins':
      return shared.bulletinId;
    case 'campaigns':
      return shared.campaignId;
    default:
      return target.unit.id;
  }
}

/**
 * One body that satisfies most write routes at once (their schemas drop unknown keys), every
 * reference in it aimed at the target unit, so that a write reaches the permission check
 * instead of stopping at validation.
 */
function bodyFor(target: Target, periodicalId: string): Record<string, unknown> {
  const at = '2026-07-07T02:00:00.000Z';
  return {
    unitId: target.unit.id,
    parentId: target.unit.id,
    personId: target.personId,
    responsiblePersonId: target.personId,
    submissionId: target.submission?.id,
    submissionIds: target.submission ? [target.submission.id] : [],
    expectedVersion: target.submission?.version,
    periodicalId,
    kind: 'person',
    title: '越权写入探测',
    body: '越权写入探测',
    summary: '越权写入探测',
    name: '越权写入探测',
    category: 'news',
    eventAt: at,
    discoveredAt: at,
    publishedAt: at,
    source: 'online',
    severity: 'general',
    reason: '越权写入探测',
    note: '越权写入探测',
    comment: '越权写入探测',
    response: '越权写入探测',
    noChange: true,
    adopted: true,
    quality: true,
    accepted: true,
    active: false,
    level: 'county',
    outlet: '探测报',
    pageOrLink: 'A1',
    command: 'report',
    copies: 1,
    fundSource: 'self',
    points: 1,
  };
}

describe('access control: every route × every role × own, foreign and township-school records', () => {
  let county: County;
  let routes: { method: string; path: string }[];
  let requests = 0;
  let unexpected: string[] = [];

  beforeAll(async () => {
    county = await demoCounty();
    routes = routeTable(county.app);
    // The seed publishes no bulletin; a draft gives the bulletin routes a record to aim at.
    const created = await county.app.request('/api/bulletins', {
      method: 'POST',
      headers: {
        cookie: await county.as(ACTORS.admin),
        'content-type': 'application/json',
        origin: 'http://localhost',
      },
      body: JSON.stringify({ period: '2026-H1' }),
    });
    expect(created.status).toBeLessThan(300);
  });

  afterAll(() => {
    recordPart('access control', {
      scope: `${routes.length} routes × ${Object.keys(ACTORS).length} roles × 3 targets, and anonymous`,
      checks: requests,
      unexpectedResponses: unexpected.length,
    });
  });

  it('covers the whole route table, the bot and docs routes included', () => {
    expect(routes.length).toBeGreaterThan(80);
    expect(routes.some((r) => r.path === '/api/submissions/:id/approve')).toBe(true);
  });

  it('answers 401 to a request without a session everywhere but login, health and the API description', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const path = fillPath(route.path, () => MISSING);
      const init: RequestInit = {
        method: route.method,
        headers: { 'content-type': 'application/json', origin: 'http://localhost' },
      };
      if (route.method !== 'GET' && route.method !== 'DELETE') init.body = '{}';
      const response = await county.app.request(path, init);
      requests += 1;
      const body = await readJson(response);
      if (isPublic(route.method, route.path)) {
        if (response.status === 401 || response.status >= 500)
          wrong.push(`${route.method} ${route.path} → ${response.status}`);
      } else if (response.status !== 401 || !isUniformError(body)) {
        wrong.push(`${route.method} ${route.path} → ${response.status}`);
      }
    }
    unexpected = [...unexpected, ...wrong];
    expect(wrong).toEqual([]);
  });

  it('the public API description holds no unit data', async () => {
    const described = await (await county.app.request('/api/openapi.json')).text();
    const units = await unitsOf(county.db);
    expect(units.filter((u) => described.includes(u.id))).toEqual([]);
  });

  it('no role reads or changes another unit’s records through any route', async () => {
    const { db, app, as } = county;
    const units = await unitsOf(db);
    const township = units.find((u) => u.name === '城关镇中心校');
    if (!township) throw new Error('the demo county has no 城关镇中心校');
    const actorSchool = await unitOfLogin(db, ACTORS.schoolOfficer);
    const foreignTownship = units.find((u) => u.kind === 'township_center' && u.id !== township.id);
    const siblingSchool = units.find((u) => u.parentId === township.id && u.id !== actorSchool.id);
    if (!foreignTownship || !siblingSchool)
      throw new Error('the demo county lacks a second township or school');
    const bulletin = await db.bulletin.findFirstOrThrow({ select: { id: true } });
    const campaign = await db.campaign.findFirstOrThrow({ select: { id: true } });
    const periodical = await db.periodical.findFirstOrThrow({
      where: { campaignId: campaign.id },
      select: { id: true },
    });
    const shared = {
      bulletinId: bulletin.id,
      campaignId: campaign.id,
      periodicalId: periodical.id,
    };

    // Markers of each unit's private records: ids are unique, so one in a body is a reveal.
    const markers = new Map<string, string[]>();
    for (const unit of units) markers.set(unit.id, []);
    for (const s of await db.submission.findMany({ select: { id: true, unitId: true } }))
      markers.get(s.unitId)?.push(s.id);
    for (const i of await db.incident.findMany({ select: { id: true, unitId: true } }))
      markers.get(i.unitId)?.push(i.id);
    for (const p of await db.person.findMany({ select: { username: true, unitId: true } }))
      markers.get(p.unitId)?.push(`"${p.username}"`);
    for (const r of await db.subscriptionRecord.findMany({ select: { id: true, unitId: true } }))
      markers.get(r.unitId)?.push(r.id);

    const leaks: string[] = [];
    const wrongWrites: string[] = [];
    const foreignIds = new Set<string>();
    const targets = {
      own: undefined as Target | undefined,
      foreign: await targetOf(db, foreignTownship),
      townshipSchool: await targetOf(db, siblingSchool),
    };
    for (const t of [foreignTownship, siblingSchool]) foreignIds.add(t.id);
    const foreignBefore = await unitDigest(db, [...foreignIds]);

    for (const key of Object.keys(ACTORS) as ActorKey[]) {
      const username = ACTORS[key];
      const own = await unitOfLogin(db, username);
      const visible = visibleUnitIds(units, own);
      const secret = units
        .filter((u) => !visible.has(u.id))
        .flatMap((u) => markers.get(u.id) ?? []);
      const cookie = await as(username);
      targets.own = await targetOf(db, own);
      for (const [which, target] of Object.entries(targets)) {
        if (!target) continue;
        const foreign = !visible.has(target.unit.id);
        for (const route of routes) {
          if (isPublic(route.method, route.path)) continue;
          const write = route.method !== 'GET';
          // Writes aim only at records the actor may not touch; own writes are the features' own tests.
          if (write && !foreign) continue;
          const path = fillPath(route.path, (param) => paramFor(route.path, param, target, shared));
          const headers: Record<string, string> = { cookie, origin: 'http://localhost' };
          const init: RequestInit = { method: route.method, headers };
          if (write) {
            headers['content-type'] = 'application/json';
            init.body = JSON.stringify(bodyFor(target, shared.periodicalId));
          }
          const query =
            route.method === 'GET'
              ? `${path.includes('?') ? '&' : '?'}unitId=${target.unit.id}`
              : '';
          const response = await app.request(`${path}${query}`, init);
          requests += 1;
          const text = await response.text();
          const label = `${key} ${which} ${route.method} ${route.path} → ${response.status}`;
          if (response.status >= 500) leaks.push(`${label} (server error)`);
          // A write may succeed only on the actor's own records (a draft is always created in
          // the author's unit, whatever the body says); it must never name the foreign unit.
          if (write && response.status < 400 && text.includes(target.unit.id))
            wrongWrites.push(label);
          if (response.status < 300) {
            const revealed = secret.filter((marker) => text.includes(marker));
            if (revealed.length > 0)
              leaks.push(`${label} reveals ${revealed.slice(0, 3).join(', ')}`);
          }
        }
      }
    }
    const foreignAfter = await unitDigest(db, [...foreignIds]);
    unexpected = [...unexpected, ...leaks, ...wrongWrites];
    expect(leaks).toEqual([]);
    expect(wrongWrites).toEqual([]);
    expect(foreignAfter).toBe(foreignBefore);
  });
});
