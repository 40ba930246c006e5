/** Public-opinion incidents (DESIGN §3.6): the one mapping of an Incident row to the domain's. */
import type { Prisma } from '@jyxc/db';
import {
  defaultIncidentRules,
  incidentDeadlinesFrom,
  type Incident,
  type Unit,
} from '@jyxc/domain';
import { msOrNull } from '../../shared/times.js';

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
  createdAt: true,
  createdById: true,
} as const;

/** An incident row in the domain's shape; deadlines follow DESIGN §3.6's severity rules. */
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
    deadlines: incidentDeadlinesFrom(discoveredAt, defaultIncidentRules[row.severity]),
    reportedAt: msOrNull(row.reportedAt),
    respondedAt: msOrNull(row.respondedAt),
    resolvedAt: msOrNull(row.resolvedAt),
    closedAt: msOrNull(row.closedAt),
    openedAt: row.createdAt.getTime(),
    openedBy: row.createdById,
  };
}
