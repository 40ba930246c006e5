import {
  INCIDENT_SUMMARY_MAX,
  INCIDENT_TITLE_MAX,
  type IncidentSeverity,
  type IncidentSource,
  type Scheme,
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

/** A deadline of the scheme as a person says it: 30 分钟, 2 小时, 7 天. */
export interface DeadlineSpan {
  readonly key: 'incident.span.minutes' | 'incident.span.hours' | 'incident.span.days';
  readonly n: number;
}

/**
 * A deadline of `incidentDeadlineHours` in the unit it reads best in: minutes when it is not a
 * whole number of hours, days when it is whole days beyond three (the rules' table says 72 h
 * but 7 days, rules §7.3), hours otherwise.
 */
export function deadlineSpan(hours: number): DeadlineSpan {
  const minutes = Math.round(hours * 60);
  if (minutes % 60 !== 0) return { key: 'incident.span.minutes', n: minutes };
  const whole = minutes / 60;
  if (whole > 72 && whole % 24 === 0) return { key: 'incident.span.days', n: whole / 24 };
  return { key: 'incident.span.hours', n: whole };
}

/** The three deadlines of a severity in the year's scheme (rules §1.3, §7.3), as spans. */
export function deadlineSpans(
  severity: IncidentSeverity,
  scheme: Pick<Scheme, 'incidentDeadlineHours'>,
): {
  readonly report: DeadlineSpan;
  readonly respond: DeadlineSpan;
  readonly resolve: DeadlineSpan;
} {
  const h = scheme.incidentDeadlineHours[severity];
  return {
    report: deadlineSpan(h.report),
    respond: deadlineSpan(h.respond),
    resolve: deadlineSpan(h.resolve),
  };
}
