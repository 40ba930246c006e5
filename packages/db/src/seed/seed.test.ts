import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  defaultScheme,
  reviewDepth,
  validateCampaignSettings,
  validateCampaignTargets,
  validateCatalogue,
  validateScheme,
} from '@jyxc/domain';
import { verify } from '@node-rs/argon2';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createDb, type Db } from '../client.js';
import { migrateDatabase } from '../migrate/index.js';
import { buildDemoCounty, DEMO_LOGINS, DEMO_PASSWORD, isEmpty, seedDemoCounty } from './index.js';

const NOW = new Date('2026-11-26T09:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'jyxc-seed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function freshDatabase(name: string): Promise<{ file: string; db: Db }> {
  const file = join(dir, `${name}.db`);
  await migrateDatabase(`file:${file}`);
  return { file, db: createDb(`file:${file}`) };
}

/** A hash of every row of every table of the app (Prisma's migration table aside). */
function contentHash(file: string): string {
  const sqlite = new Database(file, { readonly: true });
  try {
    const tables = sqlite
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%' ORDER BY name",
      )
      .all();
    const hash = createHash('sha256');
    for (const { name } of tables) {
      hash.update(name);
      for (const row of sqlite.prepare(`SELECT * FROM "${name}" ORDER BY 1`).all()) {
        hash.update(
          JSON.stringify(row, (_key, value: unknown) =>
            Buffer.isBuffer(value) ? value.toString('hex') : value,
          ),
        );
      }
    }
    return hash.digest('hex');
  } finally {
    sqlite.close();
  }
}

describe('the demo county', () => {
  let db: Db;
  let file: string;
  let firstCounts: Readonly<Record<string, number>>;

  beforeAll(async () => {
    ({ db, file } = await freshDatabase('county'));
    expect(await isEmpty(db)).toBe(true);
    const result = await seedDemoCounty(db, { now: NOW });
    if (!result.seeded) throw new Error('the fresh database was not seeded');
    firstCounts = result.counts;
  }, 120_000);
  afterAll(() => db.$disconnect());

  it('is seeded into a fresh database and leaves it non-empty', async () => {
    expect(await isEmpty(db)).toBe(false);
    expect(firstCounts['submissions']).toBeGreaterThan(1000);
  });

  it('has at least 18 township centers with 3 to 8 schools each, and at least 10 direct units', async () => {
    const townships = await db.unit.findMany({
      where: { kind: 'township_center' },
      include: { _count: { select: { children: true } } },
    });
    expect(townships.length).toBeGreaterThanOrEqual(18);
    for (const t of townships) {
      expect(t._count.children).toBeGreaterThanOrEqual(3);
      expect(t._count.children).toBeLessThanOrEqual(8);
    }
    expect(await db.unit.count({ where: { kind: 'direct_unit' } })).toBeGreaterThanOrEqual(10);
    expect(await db.unit.count({ where: { kind: 'bureau' } })).toBe(1);
    expect(
      await db.unit.count({ where: { kind: 'school', directReporting: true } }),
    ).toBeGreaterThanOrEqual(2);
  });

  it('has every role, and the accountability gaps DESIGN §3.1 should flag', async () => {
    const roles = await db.personRole.groupBy({ by: ['role'], _count: true });
    expect(roles.map((r) => r.role).sort()).toEqual([
      'admin',
      'deputy',
      'head',
      'leader',
      'officer',
      'opinion_officer',
      'reviewer',
    ]);
    // 北岗乡 has no opinion officer.
    expect(
      await db.personRole.count({ where: { unit: { code: 'bg' }, role: 'opinion_officer' } }),
    ).toBe(0);
    // 县教师进修学校: its only officer is also its only reviewer.
    const jx = await db.personRole.findMany({
      where: { unit: { code: 'jx' }, role: { in: ['officer', 'head', 'deputy'] } },
    });
    expect(new Set(jx.map((r) => r.personId)).size).toBe(1);
    expect(jx.map((r) => r.role).sort()).toEqual(['head', 'officer']);
  });

  it('lets every demo login sign in with the demo password in the role it is listed with', async () => {
    for (const login of DEMO_LOGINS) {
      const person = await db.person.findUnique({
        where: { username: login.username },
        include: { roles: true, unit: true },
      });
      expect(person, login.username).not.toBeNull();
      expect(person?.roles.map((r) => r.role)).toContain(login.role);
      expect(person?.unit.name).toBe(login.unit);
      expect(login.password).toBe(DEMO_PASSWORD);
      expect(await verify(person?.passwordHash ?? '', DEMO_PASSWORD)).toBe(true);
    }
    expect(new Set(DEMO_LOGINS.map((l) => l.role)).size).toBe(7);
  });

  it('has submissions in every category and every state, from the console and from chats', async () => {
    const byCategory = await db.submission.groupBy({ by: ['category'], _count: true });
    expect(byCategory.map((c) => c.category).sort()).toEqual([
      'activity',
      'exemplar',
      'experience',
      'hotspot',
      'major',
      'meeting',
      'news',
    ]);
    const byState = await db.submission.groupBy({ by: ['state'], _count: true });
    expect(byState.map((s) => s.state).sort()).toEqual([
      'adopted',
      'bureau_review',
      'draft',
      'not_adopted',
      'returned',
      'unit_review',
      'withdrawn',
    ]);
    const fromChat = await db.submission.findMany({ where: { source: 'chat' } });
    expect(fromChat.length).toBeGreaterThan(10);
    expect(fromChat.every((s) => s.idempotencyKey !== null && s.sourceChatId !== null)).toBe(true);
    expect(
      await db.submission.count({ where: { returnedReason: { not: null }, state: 'returned' } }),
    ).toBeGreaterThan(0);
  });

  it('keeps each submission consistent with its revisions, authors and timeline', async () => {
    const items = await db.submission.findMany({
      include: { revisions: true, authors: true, events: true },
      take: 300,
    });
    for (const s of items) {
      const numbers = s.revisions.map((r) => r.number).sort((a, b) => a - b);
      expect(numbers).toEqual(numbers.map((_, i) => i + 1));
      const current = s.revisions.find((r) => r.number === s.currentRevision);
      expect(current?.title).toBe(s.title);
      expect(current?.body).toBe(s.body);
      expect(s.authors.length).toBeGreaterThan(0);
      expect(s.events.some((e) => e.kind === 'created')).toBe(true);
      if (s.submittedToBureauAt !== null)
        expect(s.submittedToBureauAt.getTime()).toBeGreaterThanOrEqual(s.eventAt.getTime());
      expect(s.createdAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
    }
  });

  it('has rubber-stamped sign-offs, edited ones and voided ones', async () => {
    const signOffs = await db.signOff.findMany();
    const rubber = signOffs.filter(
      (s) =>
        s.kind === 'no_change' &&
        s.comment === null &&
        s.reviewStartedAt !== null &&
        s.signedAt.getTime() - s.reviewStartedAt.getTime() < 60_000,
    );
    expect(rubber.length).toBeGreaterThan(10);
    // DESIGN §3.2: some leaders approve without ever opening the item.
    expect(signOffs.filter((s) => s.reviewStartedAt === null).length).toBeGreaterThan(10);
    expect(signOffs.some((s) => s.kind === 'edited')).toBe(true);
    expect(signOffs.some((s) => s.voidedAt !== null)).toBe(true);
  });

  it('records the opening of every sign-off that has one, by the same reviewer and revision', async () => {
    const signOffs = await db.signOff.findMany({ where: { reviewStartedAt: { not: null } } });
    const openings = await db.reviewOpening.findMany();
    const key = (submissionId: string, reviewerId: string, at: Date) =>
      `${submissionId}|${reviewerId}|${at.getTime()}`;
    const opened = new Set(openings.map((o) => key(o.submissionId, o.reviewerId, o.openedAt)));
    for (const s of signOffs) {
      expect(opened.has(key(s.submissionId, s.reviewerId, s.reviewStartedAt ?? new Date(0)))).toBe(
        true,
      );
    }
  });

  it('has careful units and rubber-stamping ones (DESIGN §3.2)', async () => {
    const scheme = defaultScheme(2026);
    const depthOf = async (code: string) => {
      const unit = await db.unit.findFirstOrThrow({ where: { code } });
      const rows = await db.signOff.findMany({ where: { unitId: unit.id } });
      return reviewDepth(
        rows.map((r) => ({
          reviewerId: r.reviewerId,
          unitId: r.unitId,
          at: r.signedAt.getTime(),
          revision: r.revisionNumber,
          edited: r.kind === 'edited',
          comment: r.comment,
          durationMs:
            r.reviewStartedAt === null ? null : r.signedAt.getTime() - r.reviewStartedAt.getTime(),
        })),
        scheme,
      );
    };
    const careful = await depthOf('cg');
    const stamping = await depthOf('mj');
    expect(careful.approvals).toBeGreaterThan(20);
    expect(stamping.approvals).toBeGreaterThan(20);
    expect(careful.depth).toBeGreaterThan(0.7);
    expect(careful.rubberStamped / careful.approvals).toBeLessThan(0.1);
    expect(stamping.depth).toBeLessThan(0.25);
    expect(stamping.rubberStamped / stamping.approvals).toBeGreaterThan(0.45);
  });

  it('takes every item through the domain’s workflow, so its rows read as the API writes them', async () => {
    const approvals = await db.submissionEvent.findMany({ where: { kind: 'approved' } });
    for (const event of approvals) {
      const data = JSON.parse(event.data ?? '{}') as { durationSeconds?: unknown };
      expect(data).toMatchObject({ revision: expect.any(Number), unitId: expect.any(String) });
      // DESIGN §3.2: null when the reviewer never opened the full item.
      expect(data.durationSeconds === null || typeof data.durationSeconds === 'number').toBe(true);
    }
    expect(approvals.some((e) => e.data?.includes('"durationSeconds":null'))).toBe(true);
    // DESIGN §3.2: a sign-off is voided by the change that cancelled it.
    const voided = await db.signOff.findMany({
      where: { voidedAt: { not: null } },
      include: { submission: { include: { events: true } } },
    });
    for (const signOff of voided) {
      const cause = signOff.submission.events.find(
        (e) => e.at.getTime() === signOff.voidedAt?.getTime() && e.kind !== 'approved',
      );
      expect(['revised', 'returned', 'submitted']).toContain(cause?.kind);
    }
    // Only drafts, returned items and items in unit review are edited (DESIGN §3.2).
    const bureauEdits = await db.revision.count({
      where: { number: { gt: 1 }, author: { roles: { some: { role: 'reviewer' } } } },
    });
    expect(bureauEdits).toBe(0);
  });

  it('has late items, a late major item with its penalty, and an unreported major event', async () => {
    const penalties = await db.penalty.findMany({ include: { submission: true } });
    const late = penalties.find((p) => p.kind === 'late_major');
    expect(late?.submission?.category).toBe('major');
    const reachedAt = late?.submission?.submittedToBureauAt?.getTime() ?? 0;
    expect(reachedAt - (late?.submission?.eventAt.getTime() ?? 0)).toBeGreaterThan(2 * 3_600_000);
    expect(penalties.some((p) => p.kind === 'unreported_major')).toBe(true);
  });

  it('has adoptions at every level, headlines, leader instructions, a merged piece and a countered one', async () => {
    const adoptions = await db.adoption.findMany({ include: { credits: true } });
    expect(new Set(adoptions.map((a) => a.level))).toEqual(
      new Set(['bureau', 'county', 'city', 'province', 'national']),
    );
    expect(adoptions.some((a) => a.headline)).toBe(true);
    expect(
      adoptions.some(
        (a) =>
          a.instructionLevel !== null &&
          a.instructionNote !== null &&
          a.instructionLeader !== null &&
          (a.instructionAt?.getTime() ?? 0) >= a.publishedAt.getTime(),
      ),
    ).toBe(true);
    expect(adoptions.some((a) => a.credits.length >= 3)).toBe(true);
    expect(adoptions.some((a) => a.counteredAt !== null && a.counterReason !== null)).toBe(true);
    expect(adoptions.some((a) => a.screenshotId !== null)).toBe(true);
    expect(adoptions.every((a) => a.publishedAt.getTime() <= NOW.getTime())).toBe(true);
  });

  it('has adjustments, one of them countered', async () => {
    const counter = await db.adjustment.findFirst({
      where: { countersId: { not: null } },
      include: { counters: true },
    });
    expect(counter?.points).toBe(-(counter?.counters?.points ?? Number.NaN));
  });

  it('has incidents of every severity and state, some overdue and escalated', async () => {
    const incidents = await db.incident.findMany({ include: { log: true } });
    expect(new Set(incidents.map((i) => i.severity))).toEqual(
      new Set(['general', 'significant', 'major']),
    );
    expect(new Set(incidents.map((i) => i.state))).toEqual(
      new Set(['open', 'reported', 'responding', 'resolved', 'closed']),
    );
    expect(incidents.some((i) => i.state !== 'closed' && i.escalationLevel > 0)).toBe(true);
    expect(incidents.every((i) => i.log.length > 0)).toBe(true);
  });

  it('has the current subscription campaign with its catalogue, targets, records and 分包', async () => {
    const campaign = await db.campaign.findFirst({
      include: { periodicals: true, targets: true, records: true, assignments: true },
    });
    expect(campaign?.year).toBe(2026);
    expect(campaign?.periodicals.map((p) => p.title)).toEqual(
      expect.arrayContaining(['人民日报', '求是', '中国教育报', '人民教育', '中国少年报']),
    );
    expect(new Set(campaign?.periodicals.map((p) => p.category))).toEqual(
      new Set(['party', 'education', 'student']),
    );
    expect(campaign?.targets.length).toBe(
      await db.unit.count({ where: { kind: { in: ['township_center', 'direct_unit'] } } }),
    );
    expect(campaign?.records.length).toBeGreaterThan(50);
    expect(campaign?.assignments.length).toBeGreaterThanOrEqual(18);
    // 减负: no student title is paid from public funds.
    const studentIds = new Set(
      campaign?.periodicals.filter((p) => p.category === 'student').map((p) => p.id),
    );
    expect(
      campaign?.records
        .filter((r) => studentIds.has(r.periodicalId))
        .every((r) => r.fundSource === 'self'),
    ).toBe(true);
  });

  it('has a catalogue, settings and targets the domain accepts, and keeps every unit under its public-fund cap', async () => {
    const campaign = await db.campaign.findFirstOrThrow({
      include: { periodicals: true, targets: true, records: true },
    });
    const catalogue = validateCatalogue({ year: campaign.year, entries: campaign.periodicals });
    if (!catalogue.ok) throw new Error(JSON.stringify(catalogue.error));
    const settings = validateCampaignSettings({
      year: campaign.year,
      deadline: campaign.deadline.getTime(),
      perCapitaTarget: campaign.perCapitaTarget,
      publicFundCapFen: campaign.publicFundCapFen,
      laggingShare: campaign.laggingShare,
      laggingLeadMs: campaign.laggingLeadDays * 86_400_000,
    });
    expect(settings.ok, JSON.stringify(settings)).toBe(true);
    const units = await db.unit.findMany();
    const targets = validateCampaignTargets(
      campaign.targets.map((t) => ({
        unitId: t.unitId,
        requiredCopies: JSON.parse(t.requiredCopies) as Record<string, number>,
        ...(t.perCapitaTarget === null ? {} : { perCapitaTarget: t.perCapitaTarget }),
        ...(t.publicFundCapFen === null ? {} : { publicFundCapFen: t.publicFundCapFen }),
        ...(t.deadline === null ? {} : { deadline: t.deadline.getTime() }),
      })),
      {
        units: units.map((u) => ({ ...u, deactivatedAt: u.deactivatedAt?.getTime() ?? null })),
        catalogue: catalogue.value,
      },
    );
    expect(targets.ok, JSON.stringify(targets)).toBe(true);
    const price = new Map(campaign.periodicals.map((p) => [p.id, p.yearlyPriceFen]));
    for (const target of campaign.targets) {
      const publicFen = campaign.records
        .filter((r) => r.unitId === target.unitId && r.fundSource === 'public')
        .reduce((sum, r) => sum + r.copies * (price.get(r.periodicalId) ?? 0), 0);
      expect(publicFen).toBeLessThanOrEqual(target.publicFundCapFen ?? campaign.publicFundCapFen);
    }
    const student = new Set(
      campaign.periodicals.filter((p) => p.category === 'student').map((p) => p.id),
    );
    expect(campaign.records.some((r) => r.mandatory)).toBe(true);
    expect(
      campaign.records.filter((r) => r.mandatory).every((r) => !student.has(r.periodicalId)),
    ).toBe(true);
  });

  it('stores a valid scheme for each of the two years, with its version history', async () => {
    const schemes = await db.scheme.findMany({
      include: { versions: true },
      orderBy: { year: 'asc' },
    });
    expect(schemes.map((s) => s.year)).toEqual([2025, 2026]);
    for (const scheme of schemes) {
      const parsed = validateScheme(JSON.parse(scheme.document));
      expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
      expect(scheme.versions.map((v) => v.version)).toContain(scheme.version);
    }
  });

  it('does not seed a second time', async () => {
    expect(await seedDemoCounty(db, { now: NOW })).toEqual({ seeded: false, reason: 'not_empty' });
    expect(await db.submission.count()).toBe(firstCounts['submissions']);
    expect(await db.unit.count()).toBe(firstCounts['units']);
  });

  it('is the same county, row for row, when seeded again into another database', async () => {
    const other = await freshDatabase('again');
    try {
      await seedDemoCounty(other.db, { now: NOW });
    } finally {
      await other.db.$disconnect();
    }
    expect(contentHash(other.file)).toBe(contentHash(file));
  }, 120_000);
});

describe('seeding from two processes at once', () => {
  it('loads the county exactly once', async () => {
    const { file, db } = await freshDatabase('race');
    const second = createDb(`file:${file}`);
    try {
      const results = await Promise.all([
        seedDemoCounty(db, { now: NOW }),
        seedDemoCounty(second, { now: NOW }),
      ]);
      expect(results.filter((r) => r.seeded)).toHaveLength(1);
      expect(await db.unit.count({ where: { kind: 'bureau' } })).toBe(1);
    } finally {
      await Promise.all([db.$disconnect(), second.$disconnect()]);
    }
  }, 120_000);
});

describe('buildDemoCounty', () => {
  it('is a pure function of the reference date', () => {
    const a = buildDemoCounty({ now: NOW, passwordHash: 'h' });
    const b = buildDemoCounty({ now: NOW, passwordHash: 'h' });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const later = buildDemoCounty({ now: new Date('2027-03-01T00:00:00Z'), passwordHash: 'h' });
    expect(later.schemes.map((s) => s.year)).toEqual([2026, 2027]);
  });
});

describe('the timeline of the demo county', () => {
  it.each(['2026-11-26T09:00:00Z', '2027-01-02T01:00:00Z', '2026-06-30T16:00:00Z'])(
    'has nothing happen after %s, the reference date, deadlines and expiries aside',
    (reference) => {
      const now = new Date(reference);
      const data = buildDemoCounty({ now, passwordHash: 'h' });
      const future = new Set([
        'expiresAt',
        'deadline',
        'reportDueAt',
        'respondDueAt',
        'resolveDueAt',
      ]);
      const late: string[] = [];
      for (const [table, rows] of Object.entries(data)) {
        for (const row of rows as readonly Record<string, unknown>[]) {
          for (const [field, value] of Object.entries(row)) {
            if (value instanceof Date && !future.has(field) && value.getTime() > now.getTime())
              late.push(`${table}.${field}`);
          }
        }
      }
      expect(late).toEqual([]);
    },
  );
});
