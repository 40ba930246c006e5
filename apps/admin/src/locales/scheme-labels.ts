import {
  INCIDENT_SEVERITIES,
  INCIDENT_SEVERITY_LABELS,
  INCIDENT_STEPS,
  INCIDENT_STEP_LABELS,
  type IncidentSeverity,
  type IncidentStep,
  type Locale,
} from '@jyxc/domain';

/** The labels of `incidentDeadlineHours.<severity>.<step>` in the scheme editor: 重大·报告（小时）. */
export function deadlineLabels(
  locale: Locale,
  suffix: string,
): Record<IncidentSeverity, Record<IncidentStep, string>> {
  const severity = INCIDENT_SEVERITY_LABELS[locale];
  const step = INCIDENT_STEP_LABELS[locale];
  return Object.fromEntries(
    INCIDENT_SEVERITIES.map((s) => [
      s,
      Object.fromEntries(INCIDENT_STEPS.map((t) => [t, `${severity[s]}·${step[t]}${suffix}`])),
    ]),
  ) as Record<IncidentSeverity, Record<IncidentStep, string>>;
}
