/**
 * The domain's values written as rows of the schema: a submission after a transition, its
 * revisions, sign-offs and timeline events, an adoption with its credits, an adjustment, an
 * incident and its log. Everything that stores what the domain decided (the API's
 * repositories, the demo county) writes the same columns the same way.
 */
import type {
  Adjustment as DomainAdjustment,
  Adoption as DomainAdoption,
  Approval,
  Incident as DomainIncident,
  IncidentLogEntry,
  Revision as DomainRevision,
  Submission as DomainSubmission,
  SubmissionEvent as DomainSubmissionEvent,
} from '@jyxc/domain';

import type { ActorKind } from './generated/sqlite/enums.js';

/** The columns of a submission row that mirror the domain's submission (not its id or creator). */
export function submissionColumns(s: DomainSubmission) {
  return {
    unitId: s.unitId,
    reviewUnitId: s.reviewUnitId,
    category: s.category,
    topics: JSON.stringify(s.topics),
    title: s.title,
    body: s.body,
    // The same authors as the SubmissionAuthor rows written beside it (schema.prisma).
    authorIds: JSON.stringify(s.authorIds),
    eventAt: new Date(s.eventAt),
    state: s.state,
    version: s.version,
    currentRevision: s.revision,
    source: s.source,
    submittedAt: s.submittedAt === null ? null : new Date(s.submittedAt),
    reviewSince: s.reviewSince === null ? null : new Date(s.reviewSince),
    submittedToBureauAt: s.submittedToBureauAt === null ? null : new Date(s.submittedToBureauAt),
    withdrawnAt: s.withdrawnAt === null ? null : new Date(s.withdrawnAt),
    returnedReason: s.returnedReason,
    decidedAt: s.decision === null ? null : new Date(s.decision.at),
    decidedById: s.decision?.by ?? null,
    decisionComment: s.decision?.comment ?? null,
    qualityMark: s.qualityMark !== null,
    qualityMarkedById: s.qualityMark?.by ?? null,
    qualityMarkedAt: s.qualityMark === null ? null : new Date(s.qualityMark.at),
    updatedAt: new Date(s.updatedAt),
  };
}

/** One revision of a submission; `changedFields` is kept as the row's diff. */
export function revisionRow(submissionId: string, r: DomainRevision) {
  return {
    submissionId,
    number: r.number,
    title: r.content.title,
    body: r.content.body,
    category: r.content.category,
    topics: JSON.stringify(r.content.topics),
    eventAt: new Date(r.content.eventAt),
    attachments: JSON.stringify(r.content.attachments),
    authorId: r.authorId,
    createdAt: new Date(r.at),
    note: r.note,
    diff: JSON.stringify({ changedFields: r.changedFields }),
  };
}

/**
 * A unit's sign-off (DESIGN §3.2); the review started when the reviewer opened the full item,
 * and has no start when they never did.
 */
export function signOffRow(submissionId: string, a: Approval) {
  return {
    submissionId,
    revisionNumber: a.revision,
    unitId: a.unitId,
    reviewerId: a.reviewerId,
    kind: a.edited ? ('edited' as const) : ('no_change' as const),
    comment: a.comment,
    reviewStartedAt: a.durationMs === null ? null : new Date(a.at - a.durationMs),
    signedAt: new Date(a.at),
  };
}

/** The details of an event for the timeline; an approval is told by its revision and outcome. */
function eventDetails(event: DomainSubmissionEvent): Record<string, unknown> {
  if (event.type === 'approved') {
    const a = event.approval;
    return {
      revision: a.revision,
      unitId: a.unitId,
      edited: a.edited,
      comment: a.comment,
      durationSeconds: a.durationMs === null ? null : Math.round(a.durationMs / 1000),
    };
  }
  const { type: _type, submissionId: _s, actorId: _a, at: _at, ...data } = event;
  return data;
}

/** One timeline event of a submission, done by a user in the console or through the bot. */
export function submissionEventRow(event: DomainSubmissionEvent, actorKind: ActorKind) {
  const data = eventDetails(event);
  return {
    submissionId: event.submissionId,
    kind: event.type,
    actorId: event.actorId,
    actorKind,
    at: new Date(event.at),
    data: Object.keys(data).length === 0 ? null : JSON.stringify(data),
  };
}

/** An adoption and the items it credits; the proof's link is kept in preference to a page. */
export function adoptionRows(a: DomainAdoption) {
  return {
    adoption: {
      id: a.id,
      level: a.level,
      outletName: a.outlet,
      pageOrLink: a.link ?? a.page,
      publishedAt: new Date(a.publishedAt),
      headline: a.headline,
      instructionLevel: a.instruction?.level ?? null,
      instructionNote: a.instruction?.note ?? null,
      instructionAt: a.instruction === null ? null : new Date(a.instruction.at),
      instructionLeader: a.instruction?.leader ?? null,
      screenshotId: a.screenshot,
      recordedById: a.recordedBy,
      createdAt: new Date(a.recordedAt),
    },
    credits: a.submissionIds.map((submissionId) => ({ adoptionId: a.id, submissionId })),
  };
}

/** A manual adjustment, or the counter of one. */
export function adjustmentRow(a: DomainAdjustment) {
  return {
    id: a.id,
    unitId: a.unitId,
    points: a.points,
    reason: a.reason,
    eventAt: new Date(a.at),
    createdById: a.by,
    createdAt: new Date(a.recordedAt),
    countersId: a.countersId,
  };
}

/**
 * The columns of an incident that follow its steps; `escalationLevel` is the number of
 * deadlines missed by the time of writing (DESIGN §3.6).
 */
export function incidentColumns(incident: DomainIncident, escalationLevel: number) {
  return {
    state: incident.state,
    severity: incident.severity,
    reportedAt: incident.reportedAt === null ? null : new Date(incident.reportedAt),
    respondedAt: incident.respondedAt === null ? null : new Date(incident.respondedAt),
    resolvedAt: incident.resolvedAt === null ? null : new Date(incident.resolvedAt),
    closedAt: incident.closedAt === null ? null : new Date(incident.closedAt),
    // DESIGN §3.6: deadlines are fixed by the scheme in force when they were set.
    reportDueAt: new Date(incident.deadlines.report),
    respondDueAt: new Date(incident.deadlines.respond),
    resolveDueAt: new Date(incident.deadlines.resolve),
    escalationLevel,
  };
}

/** A new incident's row: what it is about and who answers for it, with its step columns. */
export function incidentRow(incident: DomainIncident, escalationLevel: number) {
  return {
    id: incident.id,
    unitId: incident.unitId,
    title: incident.title,
    source: incident.source,
    link: incident.link,
    summary: incident.summary,
    discoveredAt: new Date(incident.discoveredAt),
    responsibleId: incident.responsiblePersonId,
    ...incidentColumns(incident, escalationLevel),
  };
}

/** One line of an incident's log, as the console lists it. */
export function incidentLogRow(entry: IncidentLogEntry) {
  return {
    incidentId: entry.incidentId,
    at: new Date(entry.at),
    actorId: entry.actorId,
    kind:
      entry.action === 'open'
        ? 'opened'
        : entry.action === 'reclassify'
          ? 'reclassified'
          : 'transition',
    note: entry.note,
    fromState: entry.from,
    toState: entry.to,
  };
}
