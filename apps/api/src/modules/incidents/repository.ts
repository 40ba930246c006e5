/** Public-opinion incidents (DESIGN §3.6): the one mapping of an Incident row to the domain's. */
import { incidentColumns, incidentLogRow, incidentRow, type Db, type Prisma } from '@jyxc/db';
import type { Tx } from '../../shared/context.js';
import {
  defaultIncidentRules,
  incidentDeadlinesFrom,
  type Incident,
  type IncidentLogEntry,
  type IncidentSeverity,
  type IncidentState,
  type Unit,
} from '@jyxc/domain';
import { msOrNull } from '../../shared/times.js';
import type { UnitScope } from '../../shared/db.js';

export const incidentInclude = {
  unit: { select: { id: true, name: true, kind: true } },
  responsible: { select: { id: true, name: true } },
} as const;

export type IncidentRow = Prisma.IncidentGetPayload<{ include: typeof incidentInclude }>;

/** The columns {@link toDomainIncident} reads, for queries that select only what they need. */
export const INCIDENT_FIELDS = {
  id: true,
  unitId: true,
  title: true,
  source: true,
  link: true,
  summary: true,
  severity: true,
  discoveredAt: true,
  responsibleId: true,
  state: true,
  reportedAt: true,
  respondedAt: true,
  resolvedAt: true,
  closedAt: true,
  reportDueAt: true,
  respondDueAt: true,
  resolveDueAt: true,
  createdAt: true,
  createdById: true,
} as const;

/**
 * An incident row in the domain's shape. Its deadlines are the ones stored when it was
 * registered or reclassified (from the scheme of its year, DESIGN §3.4); an incident stored
 * before deadlines were kept had the default rules of DESIGN §3.6.
 */
export function toDomainIncident(
  row: {
    readonly id: string;
    readonly unitId: string;
    readonly title: string;
    readonly source: Incident['source'];
    readonly link: string | null;
    readonly summary: string;
    readonly severity: Incident['severity'];
    readonly discoveredAt: Date;
    readonly responsibleId: string;
    readonly state: Incident['state'];
    readonly reportedAt: Date | null;
    readonly respondedAt: Date | null;
    readonly resolvedAt: Date | null;
    readonly closedAt: Date | null;
    readonly reportDueAt: Date | null;
    readonly respondDueAt: Date | null;
    readonly resolveDueAt: Date | null;
    readonly createdAt: Date;
    readonly createdById: string;
  },
  unitsById: ReadonlyMap<string, Unit>,
): Incident {
  const unit = unitsById.get(row.unitId);
  const parent = unit?.parentId == null ? undefined : unitsById.get(unit.parentId);
  const discoveredAt = row.discoveredAt.getTime();
  return {
    id: row.id,
    unitId: row.unitId,
    // DESIGN §3.6: a school's township center supervises its incidents.
    supervisingUnitId:
      unit?.kind === 'school' && parent?.kind === 'township_center' ? parent.id : null,
    title: row.title,
    source: row.source,
    link: row.link,
    summary: row.summary,
    severity: row.severity,
    discoveredAt,
    responsiblePersonId: row.responsibleId,
    state: row.state,
    deadlines:
      storedDeadlines(row) ??
      incidentDeadlinesFrom(discoveredAt, defaultIncidentRules[row.severity]),
    reportedAt: msOrNull(row.reportedAt),
    respondedAt: msOrNull(row.respondedAt),
    resolvedAt: msOrNull(row.resolvedAt),
    closedAt: msOrNull(row.closedAt),
    openedAt: row.createdAt.getTime(),
    openedBy: row.createdById,
  };
}

function storedDeadlines(row: {
  readonly reportDueAt: Date | null;
  readonly respondDueAt: Date | null;
  readonly resolveDueAt: Date | null;
}) {
  if (row.reportDueAt === null || row.respondDueAt === null || row.resolveDueAt === null) {
    return null;
  }
  return {
    report: row.reportDueAt.getTime(),
    respond: row.respondDueAt.getTime(),
    resolve: row.resolveDueAt.getTime(),
  };
}

export interface IncidentFilter {
  readonly scope: UnitScope;
  readonly unitId?: string | undefined;
  readonly state?: IncidentState | undefined;
  readonly severity?: IncidentSeverity | undefined;
}

function incidentWhere(filter: IncidentFilter): Prisma.IncidentWhereInput {
  return {
    AND: [
      filter.scope,
      filter.unitId !== undefined ? { unitId: filter.unitId } : {},
      filter.state !== undefined ? { state: filter.state } : {},
      filter.severity !== undefined ? { severity: filter.severity } : {},
    ],
  };
}

export function countIncidents(db: Db, filter: IncidentFilter): Promise<number> {
  return db.incident.count({ where: incidentWhere(filter) });
}

/** Incidents matching the filter, newest discovery first; a page of them with `page`. */
export function findIncidents(
  db: Db,
  filter: IncidentFilter,
  page?: { readonly skip: number; readonly take: number },
): Promise<IncidentRow[]> {
  return db.incident.findMany({
    where: incidentWhere(filter),
    include: incidentInclude,
    orderBy: [{ discoveredAt: 'desc' }, { id: 'asc' }],
    ...(page === undefined ? {} : { skip: page.skip, take: page.take }),
  });
}

export function findIncident(db: Db, id: string): Promise<IncidentRow | null> {
  return db.incident.findUnique({ where: { id }, include: incidentInclude });
}

/** Stores an incident's screenshot and points the incident at it (replacing an earlier one). */
export async function saveIncidentScreenshot(
  tx: Tx,
  incidentId: string,
  file: {
    readonly filename: string;
    readonly mime: string;
    readonly sha256: string;
    readonly bytes: Uint8Array<ArrayBuffer>;
    readonly createdById: string;
    readonly createdAt: Date;
  },
) {
  const row = await tx.attachment.create({
    data: { ...file, size: file.bytes.byteLength },
    select: { id: true, filename: true, mime: true, size: true },
  });
  await tx.incident.update({ where: { id: incidentId }, data: { screenshotId: row.id } });
  return row;
}

/** The stored screenshot of an incident, or null. */
export function incidentScreenshot(db: Db, screenshotId: string) {
  return db.attachment.findUnique({
    where: { id: screenshotId },
    select: { mime: true, bytes: true, filename: true },
  });
}

/** An incident's log with who wrote each entry, oldest first. */
export function incidentLog(db: Db, incidentId: string) {
  return db.incidentLog.findMany({
    where: { incidentId },
    include: { actor: { select: { id: true, name: true } } },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
  });
}

export function insertIncident(
  tx: Tx,
  incident: Incident,
  extra: {
    readonly escalationLevel: number;
    readonly createdById: string;
    readonly createdAt: Date;
  },
) {
  const { escalationLevel, ...creation } = extra;
  return tx.incident.create({ data: { ...incidentRow(incident, escalationLevel), ...creation } });
}

/**
 * Writes an incident's new state if nobody changed it since `version` was read; answers
 * whether it did.
 */
export async function updateIncident(
  tx: Tx,
  incident: Incident,
  version: number,
  escalationLevel: number,
): Promise<boolean> {
  const updated = await tx.incident.updateMany({
    where: { id: incident.id, version },
    data: { ...incidentColumns(incident, escalationLevel), version: { increment: 1 } },
  });
  return updated.count === 1;
}

/** Appends the domain's log entry of a step to the incident's log. */
export async function appendIncidentLog(tx: Tx, entry: IncidentLogEntry): Promise<void> {
  await tx.incidentLog.create({ data: incidentLogRow(entry) });
}
