import {
  INCIDENT_SUMMARY_MAX,
  INCIDENT_TITLE_MAX,
  type IncidentSeverity,
  type IncidentSource,
} from '@jyxc/domain';
import type { FieldProblem } from './report-rules.js';

export interface IncidentForm {
  readonly title: string;
  readonly source: IncidentSource | '';
  readonly severity: IncidentSeverity | '';
  readonly link: string;
  readonly summary: string;
  readonly discoveredAt: number | null;
  readonly responsibleId: string;
}

export type IncidentProblems = Partial<Record<keyof IncidentForm, FieldProblem>>;

const CLOCK_SLACK_MS = 5 * 60_000;

/** The problems of a new incident's fields (rules §3.6); empty when it can be registered. */
export function incidentProblems(form: IncidentForm, now: number): IncidentProblems {
  const problems: IncidentProblems = {};
  const title = form.title.trim();
  if (title === '') problems.title = { key: 'incident.rules.titleRequired' };
  else if ([...title].length > INCIDENT_TITLE_MAX)
    problems.title = { key: 'write.rules.titleTooLong', params: { max: INCIDENT_TITLE_MAX } };
  if (form.source === '') problems.source = { key: 'incident.rules.sourceRequired' };
  if (form.severity === '') problems.severity = { key: 'incident.rules.severityRequired' };
  const link = form.link.trim();
  if (link !== '' && !/^https?:\/\/\S+$/i.test(link))
    problems.link = { key: 'incident.rules.linkInvalid' };
  if (form.summary.trim() === '') problems.summary = { key: 'incident.rules.summaryRequired' };
  else if ([...form.summary.trim()].length > INCIDENT_SUMMARY_MAX)
    problems.summary = { key: 'write.rules.bodyTooLong', params: { max: INCIDENT_SUMMARY_MAX } };
  if (form.discoveredAt === null) problems.discoveredAt = { key: 'incident.rules.timeRequired' };
  else if (form.discoveredAt > now + CLOCK_SLACK_MS)
    problems.discoveredAt = { key: 'write.rules.eventFuture' };
  if (form.responsibleId === '')
    problems.responsibleId = { key: 'incident.rules.responsibleRequired' };
  return problems;
}
