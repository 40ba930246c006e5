/**
 * Public-opinion incidents (负面舆情引导和处置, DESIGN §3.6): register, move through the
 * states, read with deadlines and escalation computed by the domain at the request's time.
 */
import { randomUUID } from 'node:crypto';
import {
  chainLinkHolders,
  incidentRulesOf,
  incidentDeadlineStates,
  incidentActions,
  incidentEscalation,
  indexById,
  missedIncidentDeadlines,
  openIncident,
  overdueIncidentSteps,
  reclassifyIncident,
  transitionIncident,
  type Incident,
  type IncidentCommand,
  type IncidentSeverity,
  type IncidentSource,
  type IncidentState,
  type IncidentStepResult,
  type Person,
  type Unit,
} from '@jyxc/domain';
import { presentActions, unwrap, unwrapAll } from '../../shared/domain-result.js';
import { ServiceError } from '../../shared/errors.js';
import { audit } from '../../shared/audit.js';
import { enqueue } from '../outbox/service.js';
import type { ServiceContext, Tx } from '../../shared/context.js';
import { actorAsPerson } from '../../shared/actor.js';
import { loadPeople } from '../people/service.js';
import { schemeAt } from '../schemes/service.js';
import { assertCanSee, loadUnits, unitFilter, visibilityFor } from '../organisation/service.js';
import { isoOrNull } from '../../shared/times.js';
import { cleanFilename, inspectImage, type Upload } from '../../shared/images.js';
import {
  appendIncidentLog,
  countIncidents,
  findIncident,
  findIncidents,
  incidentLog,
  incidentScreenshot,
  insertIncident,
  saveIncidentScreenshot,
  toDomainIncident,
  updateIncident,
  type IncidentFilter,
  type IncidentRow,
} from './repository.js';
import { inTransaction } from '../../shared/db.js';

export { INCIDENT_FIELDS, toDomainIncident } from './repository.js';

interface Organisation {
  readonly units: readonly Unit[];
  readonly unitsById: ReadonlyMap<string, Unit>;
  readonly people: readonly Person[];
}

async function loadOrganisation(ctx: ServiceContext): Promise<Organisation> {
  const [units, people] = await Promise.all([loadUnits(ctx.db), loadPeople(ctx.db)]);
  return { units, unitsById: indexById(units), people };
}

/** An incident as the console shows it: the row plus where its deadlines stand at `now`. */
function incidentView(row: IncidentRow, org: Organisation, now: number, actor: Person) {
  const incident = toDomainIncident(row, org.unitsById);
  const escalation = incidentEscalation(incident, org, now);
  const overdueSteps = overdueIncidentSteps(incident, now);
  return {
    id: row.id,
    unit: { id: row.unit.id, name: row.unit.name, kind: row.unit.kind },
    title: row.title,
    source: row.source,
    link: row.link,
    summary: row.summary,
    severity: row.severity,
    state: row.state,
    discoveredAt: row.discoveredAt.toISOString(),
    responsible: row.responsible,
    reportedAt: isoOrNull(incident.reportedAt),
    respondedAt: isoOrNull(incident.respondedAt),
    resolvedAt: isoOrNull(incident.resolvedAt),
    closedAt: isoOrNull(incident.closedAt),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    hasScreenshot: row.screenshotId !== null,
    deadlines: incidentDeadlineStates(incident, now).map((d) => ({
      step: d.step,
      dueAt: new Date(d.dueAt).toISOString(),
      doneAt: isoOrNull(d.doneAt),
      status: d.status,
    })),
    overdue: overdueSteps.length > 0,
    overdueSteps,
    missedDeadlines: missedIncidentDeadlines(incident, now),
    // DESIGN §6: the buttons the console shows are the domain's verdict for this person.
    actions: presentActions(incidentActions(incident, actor)),
    escalation:
      escalation === null
        ? null
        : {
            missed: escalation.missed,
            startLink: escalation.startLink,
            link: escalation.link,
            recipients: escalation.recipients.map((p) => ({ id: p.id, name: p.name })),
          },
  };
}

export type IncidentView = ReturnType<typeof incidentView>;

export interface IncidentQuery {
  readonly unitId?: string | undefined;
  readonly state?: IncidentState | undefined;
  readonly severity?: IncidentSeverity | undefined;
  readonly overdue?: boolean | undefined;
  readonly page: number;
  readonly pageSize: number;
}

/**
 * Visible incidents, newest discovery first. Overdue is a matter of the clock, not of the
 * row, so the filter is applied after the domain has looked at each incident at `now`.
 */
export async function listIncidents(ctx: ServiceContext, query: IncidentQuery) {
  const org = await loadOrganisation(ctx);
  const visibility = await visibilityFor(ctx, org.units);
  if (query.unitId !== undefined) assertCanSee(visibility, query.unitId);
  const filter: IncidentFilter = {
    scope: unitFilter(visibility),
    unitId: query.unitId,
    state: query.state,
    severity: query.severity,
  };
  const now = ctx.now.getTime();
  const skip = (query.page - 1) * query.pageSize;
  if (query.overdue === undefined) {
    const [total, rows] = await Promise.all([
      countIncidents(ctx.db, filter),
      findIncidents(ctx.db, filter, { skip, take: query.pageSize }),
    ]);
    return {
      items: rows.map((r) => incidentView(r, org, now, actorAsPerson(ctx.actor))),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }
  const rows = await findIncidents(ctx.db, filter);
  const matching = rows
    .map((r) => incidentView(r, org, now, actorAsPerson(ctx.actor)))
    .filter((v) => v.overdue === query.overdue);
  return {
    items: matching.slice(skip, skip + query.pageSize),
    total: matching.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}

async function loadVisibleIncident(
  ctx: ServiceContext,
  id: string,
  org: Organisation,
): Promise<IncidentRow> {
  const row = await findIncident(ctx.db, id);
  if (!row) throw new ServiceError('not_found', 'INCIDENT.NOT_FOUND', '舆情事件不存在');
  assertCanSee(await visibilityFor(ctx, org.units), row.unitId);
  return row;
}

export async function getIncident(ctx: ServiceContext, id: string) {
  const org = await loadOrganisation(ctx);
  const row = await loadVisibleIncident(ctx, id, org);
  const log = await incidentLog(ctx.db, id);
  return {
    ...incidentView(row, org, ctx.now.getTime(), actorAsPerson(ctx.actor)),
    log: log.map((l) => ({
      id: l.id,
      at: l.at.toISOString(),
      kind: l.kind,
      note: l.note,
      fromState: l.fromState,
      toState: l.toState,
      actor: l.actor,
    })),
  };
}

/**
 * Keeps a screenshot of the post or page where the incident was found (DESIGN §7: report an
 * incident with its screenshot). Anyone who may see the incident may add one; a new one
 * replaces the old, which stays in the audit log.
 */
export async function attachIncidentScreenshot(ctx: ServiceContext, id: string, upload: Upload) {
  const org = await loadOrganisation(ctx);
  const row = await loadVisibleIncident(ctx, id, org);
  const { mime, sha256 } = inspectImage(upload);
  await inTransaction(ctx, async (tx) => {
    const saved = await saveIncidentScreenshot(tx, row.id, {
      filename: cleanFilename(upload.filename, 'screenshot'),
      mime,
      sha256,
      bytes: upload.bytes,
      createdById: ctx.actor.personId,
      createdAt: ctx.now,
    });
    await audit(tx, ctx, {
      action: 'incident.screenshot',
      entity: 'Incident',
      entityId: row.id,
      unitId: row.unitId,
      before: { screenshotId: row.screenshotId },
      after: { screenshotId: saved.id, ...saved, sha256 },
    });
  });
  return getIncident(ctx, id);
}

/** The screenshot of an incident the actor may see. */
export async function readIncidentScreenshot(ctx: ServiceContext, id: string) {
  const org = await loadOrganisation(ctx);
  const row = await loadVisibleIncident(ctx, id, org);
  const file =
    row.screenshotId === null ? null : await incidentScreenshot(ctx.db, row.screenshotId);
  if (file === null) throw new ServiceError('not_found', 'ATTACHMENT.NOT_FOUND', '截图不存在');
  return file;
}

export interface NewIncident {
  readonly unitId: string;
  readonly title: string;
  readonly source: IncidentSource;
  readonly link?: string | null | undefined;
  readonly summary: string;
  readonly severity: IncidentSeverity;
  readonly discoveredAt: Date;
  readonly responsiblePersonId: string;
}

/** Registers an incident (DESIGN §3.6); the domain validates it and decides who may. */
export async function registerIncident(ctx: ServiceContext, input: NewIncident) {
  const org = await loadOrganisation(ctx);
  const now = ctx.now.getTime();
  const opened = unwrapAll(
    openIncident(
      { ...input, id: randomUUID(), discoveredAt: input.discoveredAt.getTime() },
      actorAsPerson(ctx.actor),
      // DESIGN §3.4: the deadlines of the scheme of the year the incident was discovered in.
      {
        units: org.units,
        people: org.people,
        rules: incidentRulesOf(await schemeAt(ctx.db, input.discoveredAt.getTime())),
      },
      now,
    ),
  );
  const incident = opened.incident;
  await inTransaction(ctx, async (tx) => {
    const row = await insertIncident(tx, incident, {
      escalationLevel: missedIncidentDeadlines(incident, now),
      createdById: ctx.actor.personId,
      createdAt: ctx.now,
    });
    await appendIncidentLog(tx, opened.logEntry);
    await audit(tx, ctx, {
      action: 'incident.open',
      entity: 'Incident',
      entityId: incident.id,
      unitId: incident.unitId,
      after: row,
    });
    await alertMajor(tx, ctx, incident, org);
  });
  return getIncident(ctx, incident.id);
}

/** The state machine's commands plus `reclassify` (a change of severity, with a reason). */
export type IncidentCommandName = IncidentCommand['type'] | 'reclassify';

export interface TransitionInput {
  readonly command: IncidentCommandName;
  readonly note?: string | undefined;
  /** The new severity, for `reclassify`. */
  readonly severity?: IncidentSeverity | undefined;
  /** The version the person saw; a different stored version is a 409. */
  readonly expectedVersion?: number | undefined;
}

function commandOf(command: IncidentCommand['type'], note: string): IncidentCommand {
  switch (command) {
    case 'report':
      return { type: 'report', note };
    case 'respond':
      return { type: 'respond', note };
    case 'resolve':
      return { type: 'resolve', note };
    case 'close':
      return { type: 'close', note };
    case 'reopen':
      return { type: 'reopen', reason: note };
  }
}

function stale(): ServiceError {
  return new ServiceError('conflict', 'INCIDENT.STALE', '该事件已被他人更新，请刷新后重试');
}

/** Moves an incident one step on (DESIGN §3.6); the domain decides whether the actor may. */
export async function transition(ctx: ServiceContext, id: string, input: TransitionInput) {
  const org = await loadOrganisation(ctx);
  const row = await loadVisibleIncident(ctx, id, org);
  if (input.expectedVersion !== undefined && input.expectedVersion !== row.version) throw stale();
  const now = ctx.now.getTime();
  const current = toDomainIncident(row, org.unitsById);
  const actor = actorAsPerson(ctx.actor);
  const note = input.note ?? '';
  let step: IncidentStepResult;
  if (input.command === 'reclassify') {
    if (input.severity === undefined) {
      throw new ServiceError('malformed', 'VALIDATION', '字段 severity：调整等级须指定新的等级', {
        issues: [{ path: 'severity', message: '调整等级须指定新的等级' }],
      });
    }
    step = unwrap(
      reclassifyIncident(
        current,
        { severity: input.severity, reason: note },
        actor,
        incidentRulesOf(await schemeAt(ctx.db, current.discoveredAt)),
        now,
      ),
    );
  } else {
    step = unwrap(transitionIncident(current, commandOf(input.command, note), actor, now));
  }
  const { incident, logEntry } = step;
  await inTransaction(ctx, async (tx) => {
    const written = await updateIncident(
      tx,
      incident,
      row.version,
      missedIncidentDeadlines(incident, now),
    );
    if (!written) throw stale();
    await appendIncidentLog(tx, logEntry);
    await audit(tx, ctx, {
      action: `incident.${logEntry.action}`,
      entity: 'Incident',
      entityId: id,
      unitId: row.unitId,
      before: { state: row.state, severity: row.severity, version: row.version },
      after: {
        state: incident.state,
        severity: incident.severity,
        version: row.version + 1,
        note: logEntry.note,
        onTime: logEntry.onTime,
      },
    });
    await notify(tx, ctx, row, incident, org);
  });
  return getIncident(ctx, id);
}

/**
 * A major incident reaches the unit's head and the bureau the moment it is registered,
 * quiet hours or not (DESIGN §3.6: report within 30 min; §3.8: incident messages are never
 * delayed). A vacant link passes to the next one up; the person who registered it is not told.
 */
async function alertMajor(tx: Tx, ctx: ServiceContext, incident: Incident, org: Organisation) {
  if (incident.severity !== 'major') return;
  const recipients = new Map<string, { id: string }>();
  for (const link of ['head', 'reviewer'] as const) {
    const held = chainLinkHolders(link, incident.unitId, org.units, org.people);
    for (const person of held?.people ?? []) {
      if (person.id !== ctx.actor.personId) recipients.set(person.id, person);
    }
  }
  const unitName = org.units.find((u) => u.id === incident.unitId)?.name;
  for (const person of recipients.values()) {
    await enqueue(tx, {
      key: `incident:${incident.id}:opened:to:person:${person.id}`,
      audience: { kind: 'person', personId: person.id },
      reason: 'incident_opened',
      event: {
        kind: 'incident_opened',
        facts: {
          incidentId: incident.id,
          title: incident.title,
          unitId: incident.unitId,
          ...(unitName === undefined ? {} : { unitName }),
          severity: incident.severity,
        },
      },
      urgency: 'urgent',
      notBefore: ctx.now,
    });
  }
}

/**
 * The messages a step sends (DESIGN §3.8): a report goes to the bureau's reviewers (or the
 * next link up when nobody holds that role), and the bureau's closing to the responsible
 * person. Keys are stable per incident, state and recipient, so a message is queued once.
 */
async function notify(
  tx: Tx,
  ctx: ServiceContext,
  row: IncidentRow,
  incident: Incident,
  org: Organisation,
) {
  let recipients: readonly { id: string }[];
  let kind: 'incident_reported' | 'incident_closed';
  if (incident.state === 'reported') {
    recipients = chainLinkHolders('reviewer', incident.unitId, org.units, org.people)?.people ?? [];
    kind = 'incident_reported';
  } else if (incident.state === 'closed') {
    recipients = org.people.filter((p) => p.id === incident.responsiblePersonId && p.active);
    kind = 'incident_closed';
  } else {
    return;
  }
  for (const person of recipients) {
    await enqueue(tx, {
      key: `incident:${incident.id}:${incident.state}:to:person:${person.id}`,
      audience: { kind: 'person', personId: person.id },
      reason: kind,
      event: {
        kind,
        facts: {
          incidentId: incident.id,
          title: incident.title,
          unitId: incident.unitId,
          unitName: row.unit.name,
          severity: incident.severity,
        },
      },
      // DESIGN §3.8: incident messages are never held back by quiet hours.
      urgency: 'urgent',
      notBefore: ctx.now,
    });
  }
}
