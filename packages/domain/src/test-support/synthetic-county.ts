/**
 * A synthetic county for the evaluation's benchmark and its memory test. Not part of the
 * published package.
 */
import { periodRange } from '../period.js';
import type { Person, Unit } from '../org.js';
import type { Adjustment, Adoption } from '../scoring.js';
import type { UnreportedMajor } from '../timeliness.js';
import type { AdoptionLevel, Category } from '../vocabulary.js';
import type { Approval, ReturnRecord } from '../workflow.js';
import type { EvaluatedSubmission, IncidentTimeliness } from '../evaluation/types.js';

const YEAR = 2026;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** mulberry32: a small, fast, seeded generator so that every run builds the same county. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How large a county to build. */
export interface CountyShape {
  /** Every unit, the bureau included; those beyond the centers and direct units are schools. */
  readonly units: number;
  readonly townshipCenters: number;
  readonly directUnits: number;
  readonly submissions: number;
  readonly adoptions: number;
  readonly incidents: number;
  readonly adjustments: number;
  readonly unreportedMajors: number;
}

/** The rows of a county's year, as `evaluate` takes them. */
export interface County {
  readonly units: Unit[];
  readonly people: Person[];
  readonly submissions: EvaluatedSubmission[];
  readonly adoptions: Adoption[];
  readonly adjustments: Adjustment[];
  readonly unreportedMajors: UnreportedMajor[];
  readonly incidents: IncidentTimeliness[];
}

const CATEGORY_POOL: readonly Category[] = [
  'news',
  'news',
  'news',
  'activity',
  'activity',
  'meeting',
  'meeting',
  'exemplar',
  'experience',
  'hotspot',
  'major',
];
const LEVEL_POOL: readonly AdoptionLevel[] = [
  'bureau',
  'bureau',
  'bureau',
  'bureau',
  'county',
  'county',
  'county',
  'city',
  'city',
  'province',
  'national',
];

/**
 * A deterministic synthetic county (seeded PRNG) with every rule of the evaluation in use: late
 * and major items, returns, approvals, 精品, merged pieces, headlines, leader instructions,
 * adjustments, unreported majors and incidents. Adoptions come in publication order, or in
 * random order with `shuffled` (the worst case for memory locality).
 */
export function syntheticCounty(size: CountyShape, seed: number, shuffled = false): County {
  const rnd = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const units: Unit[] = [];
  const unit = (
    id: string,
    name: string,
    kind: Unit['kind'],
    parentId: string | null,
    direct = false,
  ): Unit => {
    const u: Unit = {
      id,
      name,
      kind,
      parentId,
      staffCount: 50 + Math.floor(rnd() * 200),
      studentCount: 1000,
      directReporting: direct,
    };
    units.push(u);
    return u;
  };
  unit('bureau', '县教体局', 'bureau', null);
  const centers = Array.from({ length: size.townshipCenters }, (_, i) =>
    unit(`center-${i}`, `乡镇中心校${i}`, 'township_center', 'bureau'),
  );
  for (let i = 0; i < size.directUnits; i++) {
    unit(`direct-${i}`, `局直单位${i}`, 'direct_unit', 'bureau');
  }
  for (let i = 0; units.length < size.units; i++) {
    const center = centers[i % centers.length] as Unit;
    unit(`school-${i}`, `学校${i}`, 'school', center.id, rnd() < 0.1);
  }
  const writers = units.filter((u) => u.kind !== 'bureau');
  const people: Person[] = [];
  const officersOf = new Map<string, string[]>();
  for (const u of writers) {
    const ids: string[] = [];
    for (let k = 0; k < (u.kind === 'school' ? 1 : 2); k++) {
      const id = `${u.id}-officer-${k}`;
      people.push({
        id,
        name: `信息员${people.length}`,
        unitId: u.id,
        roles: ['officer'],
        active: true,
      });
      ids.push(id);
    }
    if (u.kind !== 'school') {
      people.push({
        id: `${u.id}-deputy`,
        name: `分管${people.length}`,
        unitId: u.id,
        roles: ['deputy'],
        active: true,
      });
      people.push({
        id: `${u.id}-head`,
        name: `校长${people.length}`,
        unitId: u.id,
        roles: ['head'],
        active: true,
      });
    }
    officersOf.set(u.id, ids);
  }

  const { start } = periodRange(YEAR, 'Y');
  const yearMs = 365 * DAY;
  const submissions: EvaluatedSubmission[] = [];
  const reachedIds: string[] = [];
  const reachedAt: number[] = [];
  for (let i = 0; i < size.submissions; i++) {
    const u = pick(writers);
    const officers = officersOf.get(u.id) ?? [];
    const authorIds = rnd() < 0.2 && officers.length > 1 ? officers : [pick(officers)];
    // Rows arrive in the order a database returns them: by time of writing.
    const eventAt = start + Math.floor(((i + rnd()) / size.submissions) * (yearMs - 4 * DAY));
    const reached = rnd() < 0.9;
    const submittedToBureauAt = reached ? eventAt + Math.floor(rnd() * 72 * HOUR) : null;
    const reviewUnit = u.kind === 'school' ? (u.directReporting ? null : u.parentId) : u.id;
    const approvals: Approval[] =
      reached && reviewUnit !== null
        ? [
            {
              reviewerId: `${reviewUnit}-deputy`,
              unitId: reviewUnit,
              at: (submittedToBureauAt ?? eventAt) - 1000,
              revision: 1,
              edited: rnd() < 0.3,
              comment: rnd() < 0.2 ? (rnd() < 0.5 ? '已审阅' : '标题和第二段的数字已核对') : null,
              durationMs: rnd() < 0.1 ? null : Math.floor(rnd() * 600_000),
            },
          ]
        : [];
    const returns: ReturnRecord[] =
      rnd() < 0.05
        ? [{ by: 'reviewer', at: eventAt + HOUR, reason: '请补充', stage: 'unit_review' }]
        : [];
    const id = `s-${i}`;
    submissions.push({
      id,
      unitId: u.id,
      authorIds,
      category: pick(CATEGORY_POOL),
      eventAt,
      submittedToBureauAt,
      qualityMark: reached && rnd() < 0.05 ? { by: 'reviewer', at: eventAt + DAY } : null,
      approvals,
      returns,
    });
    if (submittedToBureauAt !== null) {
      reachedIds.push(id);
      reachedAt.push(submittedToBureauAt);
    }
  }

  const drafts: { ids: string[]; publishedAt: number }[] = [];
  for (let i = 0; i < size.adoptions; i++) {
    const k = Math.floor(rnd() * reachedIds.length);
    const ids = [reachedIds[k] as string];
    if (rnd() < 0.05)
      ids.push(
        reachedIds[Math.min(reachedIds.length - 1, k + 1 + Math.floor(rnd() * 50))] as string,
      );
    drafts.push({
      ids: [...new Set(ids)],
      publishedAt: (reachedAt[k] as number) + Math.floor(rnd() * 10 * DAY),
    });
  }
  // Adoptions are recorded as outlets publish, so they come in publication order.
  if (shuffled) {
    for (let i = drafts.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [drafts[i], drafts[j]] = [
        drafts[j] as (typeof drafts)[number],
        drafts[i] as (typeof drafts)[number],
      ];
    }
  } else {
    drafts.sort((a, b) => a.publishedAt - b.publishedAt);
  }
  const adoptions: Adoption[] = drafts.map((d, i) => ({
    id: `a-${i}`,
    submissionIds: d.ids,
    level: pick(LEVEL_POOL),
    headline: rnd() < 0.1,
    outlet: '县融媒体中心',
    page: null,
    link: 'https://example.org',
    screenshot: null,
    publishedAt: d.publishedAt,
    instruction:
      rnd() < 0.02 ? { level: 'county', at: d.publishedAt + DAY, leader: null, note: null } : null,
    recordedBy: 'reviewer',
    recordedAt: d.publishedAt,
  }));
  const evaluatedUnits = units.filter(
    (u) => u.kind === 'township_center' || u.kind === 'direct_unit',
  );
  const adjustments: Adjustment[] = Array.from({ length: size.adjustments }, (_, i) => ({
    id: `j-${i}`,
    unitId: pick(evaluatedUnits).id,
    points: rnd() < 0.5 ? 2 : -1,
    reason: '考评调整',
    at: start + Math.floor(rnd() * yearMs),
    by: 'admin',
    recordedAt: start,
    countersId: null,
  }));
  const unreportedMajors: UnreportedMajor[] = Array.from(
    { length: size.unreportedMajors },
    (_, i) => ({
      id: `u-${i}`,
      unitId: pick(evaluatedUnits).id,
      eventAt: start + Math.floor(rnd() * yearMs),
      description: '瞒报',
      recordedBy: 'reviewer',
      recordedAt: start,
    }),
  );
  const incidents: IncidentTimeliness[] = Array.from({ length: size.incidents }, () => ({
    unitId: pick(writers).id,
    discoveredAt: start + Math.floor(rnd() * yearMs),
    onTime: rnd() < 0.1 ? null : rnd() < 0.8,
  }));
  // Every row its own objects and strings, as a database client returns them (an adoption's
  // submission ids are not the very strings of the submissions' ids).
  return structuredClone({
    units,
    people,
    submissions,
    adoptions,
    adjustments,
    unreportedMajors,
    incidents,
  });
}
