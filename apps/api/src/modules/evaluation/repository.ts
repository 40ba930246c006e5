/**
 * What an evaluation reads (DESIGN §3.5): exactly the rows of one period, with one
 * range-filtered query per kind of row, in the domain's shape.
 */
import type { Db } from '@jyxc/db';
import {
  incidentDeadlineStates,
  periodRange,
  type Adjustment,
  type Adoption,
  type EvaluatedSubmission,
  type EvaluationInput,
  type Incident,
  type IncidentTimeliness,
  type Period,
  type Person,
  type ReturnRecord,
  type Scheme,
  type ScorableSubmission,
  type SubmissionState,
  type Unit,
  type UnreportedMajor,
} from '@jyxc/domain';
import { z } from 'zod';
import { chunks, ID_SLICE } from '../../shared/db.js';
import { parseJson } from '../../shared/json.js';
import { msOrNull } from '../../shared/times.js';
import { adjustmentOf, adoptionOf } from '../adoptions/service.js';
import { INCIDENT_FIELDS, toDomainIncident } from '../incidents/service.js';
import { loadUnits } from '../organisation/service.js';
import { loadPeople } from '../people/service.js';
import { loadScheme } from '../schemes/service.js';

const returnData = z.object({
  reason: z.string().catch(''),
  stage: z.enum(['unit_review', 'bureau_review']).catch('unit_review'),
});

const ITEM_SELECT = {
  id: true,
  unitId: true,
  category: true,
  eventAt: true,
  submittedToBureauAt: true,
  qualityMark: true,
  qualityMarkedById: true,
  qualityMarkedAt: true,
} as const;

const AUTHOR_SELECT = { submissionId: true, personId: true, position: true } as const;

/** What the evaluation of a period was computed from, kept for the views that explain it. */
export interface LoadedPeriod {
  /** The rows as loaded: whole adoptions (with their proof) and items with their 精品 mark. */
  readonly input: Omit<EvaluationInput, 'submissions' | 'adoptions'> & {
    readonly submissions: readonly (EvaluatedSubmission & ScorableSubmission)[];
    readonly adoptions: readonly Adoption[];
  };
  readonly scheme: Scheme;
  readonly units: readonly Unit[];
  readonly unitsById: ReadonlyMap<string, Unit>;
  readonly people: readonly Person[];
  /** The incidents discovered in the period (for on-time rates). */
  readonly incidents: readonly Incident[];
}

/**
 * Reads exactly what `evaluate` needs for a period, with one range-filtered query per kind of
 * row and no per-item queries (DESIGN §3.5). The items are those that reached bureau review in
 * the period, those credited by an adoption dated in it, and those with an approval or a
 * return in it; adoptions are every live adoption of an item adopted in the period, since the
 * same level counts once per item over all time (DESIGN §3.4).
 */
export async function loadPeriod(db: Db, period: Period, now: Date): Promise<LoadedPeriod> {
  const range = periodRange(period.year, period.kind);
  const inRange = { gte: new Date(range.start), lt: new Date(range.end) };
  // An adoption, or the leader instruction on it, dated in the period (DESIGN §3.4: each
  // scores in the period of its own date).
  const adoptedInPeriod = {
    counteredAt: null,
    OR: [{ publishedAt: inRange }, { instructionAt: inRange }],
  };
  const adoptionFilter = {
    counteredAt: null,
    credits: { some: { submission: { credits: { some: { adoption: adoptedInPeriod } } } } },
  };

  const [
    scheme,
    units,
    people,
    reached,
    reachedAuthors,
    creditedInPeriod,
    signOffs,
    returns,
    adoptions,
    credits,
    adjustments,
    penalties,
    incidents,
  ] = await Promise.all([
    loadScheme(db, period.year),
    loadUnits(db),
    loadPeople(db),
    db.submission.findMany({ where: { submittedToBureauAt: inRange }, select: ITEM_SELECT }),
    db.submissionAuthor.findMany({
      where: { submission: { submittedToBureauAt: inRange } },
      select: AUTHOR_SELECT,
    }),
    db.adoptionCredit.findMany({
      where: { adoption: adoptedInPeriod },
      select: { submissionId: true },
    }),
    db.signOff.findMany({
      where: { signedAt: inRange },
      select: {
        submissionId: true,
        revisionNumber: true,
        unitId: true,
        reviewerId: true,
        kind: true,
        comment: true,
        reviewStartedAt: true,
        signedAt: true,
      },
    }),
    db.submissionEvent.findMany({
      where: { kind: 'returned', at: inRange },
      select: { submissionId: true, actorId: true, at: true, data: true },
    }),
    db.adoption.findMany({
      where: adoptionFilter,
      select: {
        id: true,
        level: true,
        headline: true,
        outletName: true,
        pageOrLink: true,
        publishedAt: true,
        instructionLevel: true,
        instructionNote: true,
        instructionAt: true,
        instructionLeader: true,
        screenshotId: true,
        recordedById: true,
        createdAt: true,
      },
    }),
    db.adoptionCredit.findMany({
      where: { adoption: adoptionFilter },
      select: { adoptionId: true, submissionId: true },
    }),
    db.adjustment.findMany({
      where: { eventAt: inRange },
      select: {
        id: true,
        unitId: true,
        points: true,
        reason: true,
        eventAt: true,
        createdById: true,
        createdAt: true,
        countersId: true,
      },
    }),
    db.penalty.findMany({
      where: { kind: 'unreported_major', voidedAt: null, eventAt: inRange },
      select: {
        id: true,
        unitId: true,
        eventAt: true,
        note: true,
        createdById: true,
        createdAt: true,
      },
    }),
    db.incident.findMany({
      where: { discoveredAt: inRange },
      select: INCIDENT_FIELDS,
    }),
  ]);

  // Items credited, approved or returned in the period that reached the bureau in another
  // one: read by id, in slices (a statement binds a limited number of parameters). A single
  // query with OR-ed subqueries would scan every item of every year instead.
  const reachedIds = new Set(reached.map((r) => r.id));
  const extraIds = [
    ...new Set([
      ...creditedInPeriod.map((c) => c.submissionId),
      ...signOffs.map((o) => o.submissionId),
      ...returns.map((e) => e.submissionId),
    ]),
  ].filter((id) => !reachedIds.has(id));
  const extra = await Promise.all(
    chunks(extraIds, ID_SLICE).map((ids) =>
      Promise.all([
        db.submission.findMany({ where: { id: { in: ids } }, select: ITEM_SELECT }),
        db.submissionAuthor.findMany({
          where: { submissionId: { in: ids } },
          select: AUTHOR_SELECT,
        }),
      ]),
    ),
  );
  const submissions = [...reached, ...extra.flatMap(([rows]) => rows)];
  const authors = [...reachedAuthors, ...extra.flatMap(([, rows]) => rows)].sort(
    (a, b) => a.position - b.position,
  );
  const unitsById = new Map(units.map((u) => [u.id, u]));
  const authorsOf = new Map<string, string[]>();
  for (const a of authors) {
    const list = authorsOf.get(a.submissionId) ?? [];
    list.push(a.personId);
    authorsOf.set(a.submissionId, list);
  }
  const approvalsOf = new Map<string, NonNullable<EvaluatedSubmission['approvals']>[number][]>();
  for (const s of signOffs) {
    const list = approvalsOf.get(s.submissionId) ?? [];
    list.push({
      reviewerId: s.reviewerId,
      unitId: s.unitId,
      at: s.signedAt.getTime(),
      revision: s.revisionNumber,
      edited: s.kind === 'edited',
      comment: s.comment,
      durationMs:
        s.reviewStartedAt === null ? null : s.signedAt.getTime() - s.reviewStartedAt.getTime(),
    });
    approvalsOf.set(s.submissionId, list);
  }
  const returnsOf = new Map<string, ReturnRecord[]>();
  for (const e of returns) {
    const data = returnData.safeParse(parseJson(e.data));
    const list = returnsOf.get(e.submissionId) ?? [];
    list.push({
      by: e.actorId ?? '',
      at: e.at.getTime(),
      reason: data.success ? data.data.reason : '',
      stage: data.success ? data.data.stage : 'unit_review',
    });
    returnsOf.set(e.submissionId, list);
  }
  const evaluated: (EvaluatedSubmission & ScorableSubmission)[] = submissions.map((s) => ({
    id: s.id,
    unitId: s.unitId,
    category: s.category,
    eventAt: s.eventAt.getTime(),
    submittedToBureauAt: msOrNull(s.submittedToBureauAt),
    authorIds: authorsOf.get(s.id) ?? [],
    qualityMark:
      s.qualityMark && s.qualityMarkedAt !== null
        ? { by: s.qualityMarkedById ?? '', at: s.qualityMarkedAt.getTime() }
        : null,
    approvals: approvalsOf.get(s.id) ?? [],
    returns: returnsOf.get(s.id) ?? [],
  }));

  const creditsOf = new Map<string, string[]>();
  for (const c of credits) {
    const list = creditsOf.get(c.adoptionId) ?? [];
    list.push(c.submissionId);
    creditsOf.set(c.adoptionId, list);
  }
  const domainAdoptions: Adoption[] = adoptions.map((a) =>
    adoptionOf({
      ...a,
      credits: (creditsOf.get(a.id) ?? []).sort().map((submissionId) => ({ submissionId })),
    }),
  );
  const domainAdjustments: Adjustment[] = adjustments.map(adjustmentOf);
  const unreported: UnreportedMajor[] = penalties.map((p) => ({
    id: p.id,
    unitId: p.unitId,
    eventAt: p.eventAt.getTime(),
    description: p.note,
    recordedBy: p.createdById,
    recordedAt: p.createdAt.getTime(),
  }));
  const domainIncidents = incidents.map((row) => toDomainIncident(row, unitsById));
  const nowMs = now.getTime();
  const timeliness: IncidentTimeliness[] = domainIncidents.map((incident) => {
    const states = incidentDeadlineStates(incident, nowMs);
    const missed = states.some((d) => d.status === 'late' || d.status === 'overdue');
    return {
      unitId: incident.unitId,
      discoveredAt: incident.discoveredAt,
      onTime: missed ? false : states.every((d) => d.status === 'met') ? true : null,
    };
  });

  return {
    input: {
      scheme,
      period,
      units,
      people,
      submissions: evaluated,
      adoptions: domainAdoptions,
      adjustments: domainAdjustments,
      unreportedMajors: unreported,
      incidents: timeliness,
    },
    scheme,
    units,
    unitsById,
    people,
    incidents: domainIncidents,
  };
}

/** The title and state of each item by id (the evaluation's input carries neither). */
export async function titlesOf(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, { id: string; title: string; state: SubmissionState }>> {
  // In slices: a database binds a limited number of parameters per statement.
  const rows = (
    await Promise.all(
      chunks(ids, ID_SLICE).map((slice) =>
        db.submission.findMany({
          where: { id: { in: slice } },
          select: { id: true, title: true, state: true },
        }),
      ),
    )
  ).flat();
  return new Map(rows.map((r) => [r.id, r]));
}
