import {
  ADOPTION_LEVELS,
  INCIDENT_SEVERITIES,
  INCIDENT_STEPS,
  INSTRUCTION_LEVELS,
} from '@jyxc/domain';

/** The numeric fields of the scheme editor, grouped as DESIGN §3.4 presents them. */
export interface NumberField {
  readonly path: string;
  readonly step?: number;
}

export const SCHEME_GROUPS: readonly {
  readonly key: string;
  readonly fields: readonly NumberField[];
}[] = [
  {
    key: 'levels',
    fields: ADOPTION_LEVELS.map((l) => ({
      path: `levels.${l}`,
    })),
  },
  {
    key: 'bonuses',
    fields: [
      { path: 'headlineMultiplier', step: 0.5 },
      ...INSTRUCTION_LEVELS.map((l) => ({ path: `instructionBonus.${l}` })),
      { path: 'qualityBonus' },
      { path: 'reachedBureauPoints', step: 0.1 },
    ],
  },
  {
    key: 'timeliness',
    fields: [
      { path: 'timeliness.lateFactor', step: 0.1 },
      { path: 'timeliness.majorLatePenalty' },
      { path: 'timeliness.unreportedMajorPenalty' },
    ],
  },
  {
    key: 'quotas',
    fields: [
      { path: 'quotas.township_center.submitted' },
      { path: 'quotas.township_center.adopted' },
      { path: 'quotas.direct_unit.submitted' },
      { path: 'quotas.direct_unit.adopted' },
    ],
  },
  {
    key: 'commend',
    fields: [
      { path: 'commend.halfYearTopN' },
      { path: 'commend.yearTopN' },
      { path: 'commend.officerTopN' },
      { path: 'review.rubberStampSeconds' },
      { path: 'duplicates.windowDays' },
      { path: 'duplicates.threshold', step: 0.05 },
      { path: 'bulletin.appealWindowDays' },
    ],
  },
  {
    key: 'composite',
    fields: [
      { path: 'composite.reporting', step: 0.05 },
      { path: 'composite.incidents', step: 0.05 },
      { path: 'composite.campaign', step: 0.05 },
    ],
  },
  {
    // DESIGN §3.6: hours from discovery for each step, by severity.
    key: 'incidents',
    fields: INCIDENT_SEVERITIES.flatMap((severity) =>
      INCIDENT_STEPS.map((step) => ({
        path: `incidentDeadlineHours.${severity}.${step}`,
        step: 0.5,
      })),
    ),
  },
  {
    // DESIGN §3.8; the quiet hours and the holiday calendar have their own inputs.
    key: 'reminders',
    fields: [
      { path: 'reminders.reviewReminderHours' },
      { path: 'reminders.reviewEscalationHours' },
      { path: 'reminders.quotaShare', step: 0.05 },
      { path: 'reminders.quotaLateCheckpointDays' },
      { path: 'reminders.incidentWarningMinutes' },
    ],
  },
  {
    // DESIGN §3.7: what a new campaign starts from.
    key: 'campaign',
    fields: [
      { path: 'campaign.perCapitaTarget', step: 0.1 },
      { path: 'campaign.laggingShare', step: 0.05 },
      { path: 'campaign.laggingLeadDays' },
    ],
  },
];

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a dotted path of the scheme document. */
export function getPath(doc: Json, path: string): unknown {
  let node: unknown = doc;
  for (const key of path.split('.')) {
    if (!isRecord(node) && !Array.isArray(node)) return undefined;
    node = (node as Json)[key];
  }
  return node;
}

/** Sets the value at a dotted path, creating objects on the way. */
export function setPath(doc: Json, path: string, value: unknown): void {
  const keys = path.split('.');
  let node: Json = doc;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (!isRecord(next)) node[key] = {};
    node = node[key] as Json;
  }
  node[keys[keys.length - 1] ?? ''] = value;
}

/** The console's words, as vue-i18n's `t` and `te` give them. */
interface Words {
  t(key: string, params?: Record<string, unknown>): string;
  te(key: string): boolean;
}

/**
 * A scheme field's name in the user's language (`levels.city` → 市级), for the history of
 * versions and the problems of a refused save (DESIGN §6: no raw codes). A path without a
 * name stays as it is.
 */
export function schemeFieldLabel(path: string, { t, te }: Words): string {
  if (path === 'topics') return t('scheme.topics');
  if (path === 'stacking') return t('scheme.stacking');
  if (path === 'quotaOverrides') return t('scheme.groups.overrides');
  const limit = /^timeliness\.limitHours\.(\w+)$/.exec(path)?.[1];
  if (limit !== undefined) {
    const category = te(`categories.${limit}`) ? t(`categories.${limit}`) : limit;
    return t('scheme.limitFor', { category });
  }
  return te(`scheme.fields.${path}`) ? t(`scheme.fields.${path}`) : path;
}

/**
 * A problem the API found in a scheme, with the field's path in its message replaced by the
 * field's name: `levels.city 不能小于 0` reads 市级 不能小于 0.
 */
export function namedProblem(
  problem: { readonly path: string; readonly message: string },
  words: Words,
): { path: string; message: string } {
  const label = schemeFieldLabel(problem.path, words);
  const message =
    problem.path === '' || label === problem.path
      ? problem.message
      : problem.message.split(problem.path).join(`“${label}”`);
  return { path: problem.path, message };
}
