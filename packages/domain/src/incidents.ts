/**
 * Public-opinion incidents (负面舆情引导和处置, rules §7): the register, its state machine,
 * the severity-based deadlines, overdue detection, escalation along the chain and the
 * on-time rate that bulletins show per unit.
 */
import {
  ESCALATION_CHAIN,
  escalationChain,
  type ChainLink,
  type EscalationLink,
  type Person,
  type Unit,
} from './org.js';
import { choiceOf, type ActionChoice } from './actions.js';
import type { ErrorParams } from './messages.js';
import { domainError, err, ok, type DomainError, type Result } from './result.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Where an incident surfaced: `online`, `media`, `petition` 信访, `hotline` 12345, `other`. */
export const INCIDENT_SOURCES = ['online', 'media', 'petition', 'hotline', 'other'] as const;
/** Where an incident surfaced (rules §7.1). */
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

/** How serious an incident is; the severity sets its deadlines. */
export const INCIDENT_SEVERITIES = ['general', 'significant', 'major'] as const;
/** How serious an incident is (rules §7.3). */
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

/** The states of an incident, in the only order it may move through them. */
export const INCIDENT_STATES = ['open', 'reported', 'responding', 'resolved', 'closed'] as const;
/** `open` → `reported` (to the bureau) → `responding` → `resolved` → `closed` (after bureau review). */
export type IncidentState = (typeof INCIDENT_STATES)[number];

/** The three timed steps of an incident, in deadline order. */
export const INCIDENT_STEPS = ['report', 'respond', 'resolve'] as const;
/** A timed step: report to the bureau, first response, resolution. */
export type IncidentStep = (typeof INCIDENT_STEPS)[number];

/** How long after discovery each step may take, in milliseconds. */
export type IncidentDeadlineRule = { readonly [S in IncidentStep]: number };

/** The deadline rule of every severity; part of the year's scheme and editable per year. */
export type IncidentRules = { readonly [S in IncidentSeverity]: IncidentDeadlineRule };

/**
 * The default deadlines from discovery (rules §7.3): major — report 30 min, first response
 * 2 h, resolve 24 h; significant — 2 h / 12 h / 72 h; general — 24 h / 48 h / 7 d.
 */
export const defaultIncidentRules: IncidentRules = {
  major: { report: 30 * MINUTE, respond: 2 * HOUR, resolve: 24 * HOUR },
  significant: { report: 2 * HOUR, respond: 12 * HOUR, resolve: 72 * HOUR },
  general: { report: 24 * HOUR, respond: 48 * HOUR, resolve: 7 * DAY },
};

/** The absolute deadline (epoch ms) of each step, fixed when the incident is registered. */
export type IncidentDeadlines = { readonly [S in IncidentStep]: number };

/** The deadlines of an incident discovered at `discoveredAt` under one severity's rule. */
export function incidentDeadlinesFrom(
  discoveredAt: number,
  rule: IncidentDeadlineRule,
): IncidentDeadlines {
  return {
    report: discoveredAt + rule.report,
    respond: discoveredAt + rule.respond,
    resolve: discoveredAt + rule.resolve,
  };
}

/** A registered public-opinion incident. Times are epoch milliseconds. */
export interface Incident {
  readonly id: string;
  readonly unitId: string;
  /**
   * The township center that oversees a school's incident (its staff may handle it, since a
   * school need only have an officer, rules §2.3); null for every other unit.
   */
  readonly supervisingUnitId: string | null;
  readonly title: string;
  readonly source: IncidentSource;
  readonly link: string | null;
  readonly summary: string;
  readonly severity: IncidentSeverity;
  readonly discoveredAt: number;
  /** The named responsible person (rules §7.1: "nobody responsible" is the failure to fix). */
  readonly responsiblePersonId: string;
  readonly state: IncidentState;
  /**
   * Deadlines computed from the rules in force at registration, so that a later change of
   * the scheme never moves the goalposts of a running incident.
   */
  readonly deadlines: IncidentDeadlines;
  readonly reportedAt: number | null;
  readonly respondedAt: number | null;
  readonly resolvedAt: number | null;
  readonly closedAt: number | null;
  readonly openedAt: number;
  readonly openedBy: string;
}

/** What a person enters to register an incident. Enumerations are checked at run time. */
export interface NewIncidentInput {
  readonly id: string;
  readonly unitId: string;
  readonly title: string;
  readonly source: string;
  readonly link?: string | null | undefined;
  readonly summary: string;
  readonly severity: string;
  readonly discoveredAt: number;
  readonly responsiblePersonId: string;
}

/** A new incident whose every field passed {@link validateNewIncident}. */
export interface ValidNewIncident {
  readonly id: string;
  readonly unitId: string;
  readonly supervisingUnitId: string | null;
  readonly title: string;
  readonly source: IncidentSource;
  readonly link: string | null;
  readonly summary: string;
  readonly severity: IncidentSeverity;
  readonly discoveredAt: number;
  readonly responsiblePersonId: string;
}

/** The organisation an incident is checked against. */
export interface IncidentContext {
  readonly units: readonly Unit[];
  readonly people: readonly Person[];
}

/** Longest title accepted; a headline, not a report. */
export const INCIDENT_TITLE_MAX = 200;
/** Longest summary accepted. */
export const INCIDENT_SUMMARY_MAX = 5000;

/**
 * Checks a new incident field by field. Every bad field yields its own error whose `path`
 * names the field, so a form can mark all of them at once.
 *
 * @example
 * ```ts
 * const checked = validateNewIncident(form, { units, people }, now);
 * if (!checked.ok) checked.error.map((e) => e.path); // every bad field at once, e.g. ['title', 'severity']
 * ```
 */
export function validateNewIncident(
  input: NewIncidentInput,
  context: IncidentContext,
  now: number,
): Result<ValidNewIncident, readonly DomainError[]> {
  const errors: DomainError[] = [];
  const required = (field: ErrorParams<'INCIDENT.REQUIRED'>['field']): void => {
    errors.push(domainError('INCIDENT.REQUIRED', { path: field, params: { field } }));
  };

  if (input.id.trim() === '') required('id');

  const unit = context.units.find((u) => u.id === input.unitId);
  if (input.unitId.trim() === '') required('unitId');
  else if (unit === undefined || unit.kind === 'bureau') {
    errors.push(
      domainError('INCIDENT.UNKNOWN_UNIT', {
        path: 'unitId',
        details: { unitId: input.unitId },
      }),
    );
  }
  const supervisingUnitId = unit?.kind === 'school' ? unit.parentId : null;

  const title = input.title.trim();
  if (title === '') required('title');
  else if (title.length > INCIDENT_TITLE_MAX) {
    errors.push(
      domainError('INCIDENT.TOO_LONG', {
        path: 'title',
        params: { field: 'title', max: INCIDENT_TITLE_MAX },
        details: { max: INCIDENT_TITLE_MAX, length: title.length },
      }),
    );
  }

  const source = INCIDENT_SOURCES.find((s) => s === input.source);
  if (source === undefined) {
    errors.push(
      domainError('INCIDENT.INVALID_VALUE', {
        path: 'source',
        params: { field: 'source' },
        details: { allowed: INCIDENT_SOURCES, value: input.source },
      }),
    );
  }

  const rawLink = input.link?.trim() ?? '';
  const link = rawLink === '' ? null : rawLink;
  if (link !== null && !/^https?:\/\/[^\s/?#]+\.[^\s]*$/i.test(link)) {
    errors.push(domainError('INCIDENT.INVALID_LINK', { path: 'link' }));
  }

  const summary = input.summary.trim();
  if (summary === '') required('summary');
  else if (summary.length > INCIDENT_SUMMARY_MAX) {
    errors.push(
      domainError('INCIDENT.TOO_LONG', {
        path: 'summary',
        params: { field: 'summary', max: INCIDENT_SUMMARY_MAX },
        details: { max: INCIDENT_SUMMARY_MAX, length: summary.length },
      }),
    );
  }

  const severity = INCIDENT_SEVERITIES.find((s) => s === input.severity);
  if (severity === undefined) {
    errors.push(
      domainError('INCIDENT.INVALID_VALUE', {
        path: 'severity',
        params: { field: 'severity' },
        details: { allowed: INCIDENT_SEVERITIES, value: input.severity },
      }),
    );
  }

  if (!Number.isSafeInteger(input.discoveredAt) || input.discoveredAt < 0) {
    errors.push(
      domainError('INCIDENT.INVALID_VALUE', {
        path: 'discoveredAt',
        params: { field: 'discoveredAt' },
      }),
    );
  } else if (input.discoveredAt > now) {
    // An incident cannot have been discovered in the future; a typo here would silently
    // push every deadline back.
    errors.push(
      domainError('INCIDENT.DISCOVERED_IN_FUTURE', {
        path: 'discoveredAt',
        details: { discoveredAt: input.discoveredAt, now },
      }),
    );
  }

  const person = context.people.find((p) => p.id === input.responsiblePersonId);
  if (input.responsiblePersonId.trim() === '') required('responsiblePersonId');
  else if (person === undefined || !person.active) {
    errors.push(domainError('INCIDENT.UNKNOWN_PERSON', { path: 'responsiblePersonId' }));
  } else if (
    unit !== undefined &&
    person.unitId !== unit.id &&
    (supervisingUnitId === null || person.unitId !== supervisingUnitId)
  ) {
    errors.push(
      domainError('INCIDENT.RESPONSIBLE_OTHER_UNIT', {
        path: 'responsiblePersonId',
        details: { personUnitId: person.unitId, unitId: unit.id },
      }),
    );
  }

  if (errors.length > 0 || source === undefined || severity === undefined) return err(errors);
  return ok({
    id: input.id.trim(),
    unitId: input.unitId,
    supervisingUnitId,
    title,
    source,
    link,
    summary,
    severity,
    discoveredAt: input.discoveredAt,
    responsiblePersonId: input.responsiblePersonId,
  });
}

/** What happened to an incident at one step. */
export const INCIDENT_ACTIONS = [
  'open',
  'report',
  'respond',
  'resolve',
  'close',
  'reopen',
  'reclassify',
] as const;
/** What happened to an incident at one step. */
export type IncidentAction = (typeof INCIDENT_ACTIONS)[number];

/** One line of an incident's log; every step writes one (rules §7.2). */
export interface IncidentLogEntry {
  readonly incidentId: string;
  readonly at: number;
  readonly actorId: string;
  readonly action: IncidentAction;
  readonly from: IncidentState | null;
  readonly to: IncidentState;
  readonly note: string | null;
  /** For a timed step, whether it was done by its deadline; null for the other steps. */
  readonly onTime: boolean | null;
  /** For a reclassification, the severity before and after. */
  readonly severityChange?: {
    readonly from: IncidentSeverity;
    readonly to: IncidentSeverity;
  };
}

/** An incident together with the log entry that records how it came to be. */
export interface IncidentStepResult {
  readonly incident: Incident;
  readonly logEntry: IncidentLogEntry;
}

const BUREAU_STAFF_ROLES = ['reviewer', 'leader', 'admin'] as const;
const UNIT_HANDLER_ROLES = ['opinion_officer', 'head', 'deputy'] as const;

function isBureauStaff(person: Person): boolean {
  return (
    person.active && person.roles.some((r) => (BUREAU_STAFF_ROLES as readonly string[]).includes(r))
  );
}

/**
 * Registers a new incident: validates it, fixes its deadlines from `rules` and writes the
 * first log entry. The unit's own staff (any role) and bureau staff may register one; a
 * school's incident may also be registered by its township center.
 *
 * @example
 * ```ts
 * const opened = openIncident(
 *   { id: 'yq-1', unitId: 'hexi', title: '网传食堂饭菜变质', source: 'online', summary: '……', severity: 'major',
 *     discoveredAt, responsiblePersonId: 'ma' },
 *   actor,
 *   { units, people, rules: defaultIncidentRules },
 *   now,
 * );
 * if (opened.ok) opened.value.incident.deadlines.report - discoveredAt; // 30 minutes for a major incident
 * ```
 */
export function openIncident(
  input: NewIncidentInput,
  actor: Person,
  context: IncidentContext & { readonly rules: IncidentRules },
  now: number,
): Result<IncidentStepResult, readonly DomainError[]> {
  const valid = validateNewIncident(input, context, now);
  if (!valid.ok) return valid;
  const v = valid.value;
  const ownStaff =
    actor.active &&
    actor.roles.length > 0 &&
    (actor.unitId === v.unitId || actor.unitId === v.supervisingUnitId);
  if (!ownStaff && !isBureauStaff(actor)) {
    return err([
      domainError('INCIDENT.OTHER_UNIT', {
        params: { action: 'open' },
        details: { actorUnitId: actor.unitId, unitId: v.unitId },
      }),
    ]);
  }
  // rules §7.2: reporting tells the bureau. When the bureau itself registers the incident it
  // has known of it since its discovery, so the report step is done then, in time, and the
  // unit starts at responding instead of being asked to 上报到局 what the bureau told it.
  const byBureau = !ownStaff;
  const incident: Incident = {
    ...v,
    state: byBureau ? 'reported' : 'open',
    deadlines: incidentDeadlinesFrom(v.discoveredAt, context.rules[v.severity]),
    reportedAt: byBureau ? v.discoveredAt : null,
    respondedAt: null,
    resolvedAt: null,
    closedAt: null,
    openedAt: now,
    openedBy: actor.id,
  };
  return ok({
    incident,
    logEntry: {
      incidentId: incident.id,
      at: now,
      actorId: actor.id,
      action: 'open',
      from: null,
      to: incident.state,
      note: null,
      onTime: null,
    },
  });
}

/**
 * A command on an incident. `respond` and `resolve` need a note saying what was done, and
 * `reopen` (the bureau sends a resolution back) a reason; these notes are the record that
 * the bureau reviews.
 */
export type IncidentCommand =
  | { readonly type: 'report'; readonly note?: string }
  | { readonly type: 'respond'; readonly note: string }
  | { readonly type: 'resolve'; readonly note: string }
  | { readonly type: 'close'; readonly note?: string }
  | { readonly type: 'reopen'; readonly reason: string };

interface StepSpec {
  readonly from: IncidentState;
  readonly to: IncidentState;
  readonly by: 'unit' | 'bureau';
  readonly step: IncidentStep | null;
  readonly noteRequired: boolean;
}

// rules §7.2: the unit reports, responds and resolves; the bureau reviews and closes.
const STEPS: { readonly [A in IncidentCommand['type']]: StepSpec } = {
  report: { from: 'open', to: 'reported', by: 'unit', step: 'report', noteRequired: false },
  respond: { from: 'reported', to: 'responding', by: 'unit', step: 'respond', noteRequired: true },
  resolve: { from: 'responding', to: 'resolved', by: 'unit', step: 'resolve', noteRequired: true },
  close: { from: 'resolved', to: 'closed', by: 'bureau', step: null, noteRequired: false },
  reopen: { from: 'resolved', to: 'responding', by: 'bureau', step: null, noteRequired: true },
};

function commandNote(command: IncidentCommand): string | null {
  const raw = command.type === 'reopen' ? command.reason : command.note;
  const note = raw?.trim() ?? '';
  return note === '' ? null : note;
}

/** Why `actor` may not act on the incident as `by`, or null when they may. */
function refusal(
  incident: Incident,
  actor: Person,
  by: 'unit' | 'bureau' | 'either',
): DomainError | null {
  if (!actor.active) {
    return domainError('INCIDENT.NOT_PERMITTED', { params: { rule: 'inactive' } });
  }
  const bureau = isBureauStaff(actor);
  if (by === 'bureau' || (by === 'either' && bureau)) {
    return bureau
      ? null
      : domainError('INCIDENT.NOT_PERMITTED', {
          params: { rule: 'bureau' },
          details: { required: BUREAU_STAFF_ROLES },
        });
  }
  const inUnit = actor.unitId === incident.unitId || actor.unitId === incident.supervisingUnitId;
  if (!inUnit) {
    return domainError('INCIDENT.OTHER_UNIT', {
      params: { action: 'handle' },
      details: { actorUnitId: actor.unitId, unitId: incident.unitId },
    });
  }
  const handler =
    actor.id === incident.responsiblePersonId ||
    actor.roles.some((r) => (UNIT_HANDLER_ROLES as readonly string[]).includes(r));
  return handler
    ? null
    : domainError('INCIDENT.NOT_PERMITTED', {
        params: { rule: 'unit' },
        details: { required: UNIT_HANDLER_ROLES },
      });
}

/** Every command on an existing incident: its steps and a change of severity. */
export const INCIDENT_COMMANDS = [
  'report',
  'respond',
  'resolve',
  'close',
  'reopen',
  'reclassify',
] as const;
/** A command on an existing incident. */
export type IncidentCommandType = (typeof INCIDENT_COMMANDS)[number];

/**
 * The one guard of a command on an incident, without its note: whether the state admits it
 * and whether the actor may issue it. {@link transitionIncident}, {@link reclassifyIncident}
 * and {@link incidentActions} all ask it, so what is offered is what is accepted.
 */
function incidentCommandRefusal(
  incident: Incident,
  type: IncidentCommandType,
  actor: Person,
): DomainError | null {
  const admitted =
    type === 'reclassify'
      ? incident.state !== 'resolved' && incident.state !== 'closed'
      : incident.state === STEPS[type].from;
  if (!admitted) {
    return domainError('INCIDENT.ILLEGAL_TRANSITION', {
      path: 'state',
      params: { state: incident.state, action: type },
      details: { state: incident.state, command: type },
    });
  }
  return refusal(incident, actor, type === 'reclassify' ? 'either' : STEPS[type].by);
}

/**
 * The commands the actor may issue on the incident now, and for each one its state admits but
 * the actor may not issue, the reason: a unit officer who is not the responsible person may
 * not resolve it (`INCIDENT.NOT_PERMITTED`), a unit may not close it.
 *
 * @example
 * ```ts
 * const { allowed, refused } = incidentActions(incident, officer);
 * allowed; // e.g. ['report', 'reclassify'] for the responsible person of an open incident
 * ```
 */
export function incidentActions(
  incident: Incident,
  actor: Person,
): ActionChoice<IncidentCommandType> {
  return choiceOf(
    INCIDENT_COMMANDS.map((type) => [type, incidentCommandRefusal(incident, type, actor)] as const),
    (error) => error.code === 'INCIDENT.ILLEGAL_TRANSITION',
  );
}

/**
 * Moves an incident one step on. Unit steps (`report`, `respond`, `resolve`) are for the
 * incident unit's opinion officer, head or deputy — for a school, also its township
 * center's — and for the named responsible person; `close` and `reopen` are for bureau
 * reviewers, leaders and admins. Anything else is an error value, never a throw.
 *
 * @example
 * ```ts
 * const reported = transitionIncident(incident, { type: 'report', note: '已报局宣传股' }, opinionOfficer, now);
 * if (reported.ok) reported.value.logEntry.onTime; // whether the report deadline was kept
 * else reported.error.code; // e.g. 'INCIDENT.ILLEGAL_TRANSITION', 'INCIDENT.NOT_PERMITTED'
 * ```
 */
export function transitionIncident(
  incident: Incident,
  command: IncidentCommand,
  actor: Person,
  now: number,
): Result<IncidentStepResult> {
  const spec = STEPS[command.type];
  const refused = incidentCommandRefusal(incident, command.type, actor);
  if (refused !== null) return err(refused);

  const note = commandNote(command);
  if (spec.noteRequired && note === null) {
    const path = command.type === 'reopen' ? 'reason' : 'note';
    return err(domainError('INCIDENT.NOTE_REQUIRED', { path, params: { action: command.type } }));
  }

  const next: Incident = applyStep(incident, command.type, spec.to, now);
  return ok({
    incident: next,
    logEntry: {
      incidentId: incident.id,
      at: now,
      actorId: actor.id,
      action: command.type,
      from: incident.state,
      to: spec.to,
      note,
      onTime: spec.step === null ? null : now <= incident.deadlines[spec.step],
    },
  });
}

function applyStep(
  incident: Incident,
  action: IncidentCommand['type'],
  to: IncidentState,
  now: number,
): Incident {
  switch (action) {
    case 'report':
      return { ...incident, state: to, reportedAt: now };
    case 'respond':
      return { ...incident, state: to, respondedAt: now };
    case 'resolve':
      return { ...incident, state: to, resolvedAt: now };
    case 'close':
      return { ...incident, state: to, closedAt: now };
    case 'reopen':
      // The resolution was not accepted: the resolve deadline is open again.
      return { ...incident, state: to, resolvedAt: null };
  }
}

/**
 * Changes the severity of an incident still in the unit's hands (open, reported or
 * responding), e.g. when a general incident turns out to be major. Its deadlines are
 * recomputed from the discovery time with `rules`, so a step already overdue under the new
 * severity shows as overdue at once. The unit's handlers and bureau staff may do it, with a
 * reason.
 *
 * @example
 * ```ts
 * // A general incident turns out to be major: its deadlines are recomputed from discovery.
 * const changed = reclassifyIncident(incident, { severity: 'major', reason: '已引发媒体关注' }, head, defaultIncidentRules, now);
 * ```
 */
export function reclassifyIncident(
  incident: Incident,
  change: { readonly severity: IncidentSeverity; readonly reason: string },
  actor: Person,
  rules: IncidentRules,
  now: number,
): Result<IncidentStepResult> {
  const refused = incidentCommandRefusal(incident, 'reclassify', actor);
  if (refused !== null) return err(refused);
  const reason = change.reason.trim();
  if (reason === '') {
    return err(
      domainError('INCIDENT.NOTE_REQUIRED', { path: 'reason', params: { action: 'reclassify' } }),
    );
  }
  if (change.severity === incident.severity) {
    return err(
      domainError('INCIDENT.SAME_SEVERITY', {
        path: 'severity',
        details: { severity: change.severity },
      }),
    );
  }
  return ok({
    incident: {
      ...incident,
      severity: change.severity,
      deadlines: incidentDeadlinesFrom(incident.discoveredAt, rules[change.severity]),
    },
    logEntry: {
      incidentId: incident.id,
      at: now,
      actorId: actor.id,
      action: 'reclassify',
      from: incident.state,
      to: incident.state,
      note: reason,
      onTime: null,
      severityChange: { from: incident.severity, to: change.severity },
    },
  });
}

/**
 * Where one timed step stands: `met` (done by its deadline), `late` (done after it),
 * `overdue` (not done and the deadline has passed), `pending` (not done, still in time).
 */
export type IncidentStepStatus = 'met' | 'late' | 'overdue' | 'pending';

/** A timed step with its deadline and standing at a given moment. */
export interface IncidentDeadlineState {
  readonly step: IncidentStep;
  readonly dueAt: number;
  readonly doneAt: number | null;
  readonly status: IncidentStepStatus;
}

function doneAt(incident: Incident, step: IncidentStep): number | null {
  switch (step) {
    case 'report':
      return incident.reportedAt;
    case 'respond':
      return incident.respondedAt;
    case 'resolve':
      return incident.resolvedAt;
  }
}

/**
 * The three deadlines of an incident and where each stands at `now`, in deadline order.
 * A step is overdue only once `now` is past its deadline; at the deadline itself it is
 * still in time.
 *
 * @example
 * ```ts
 * incidentDeadlineStates(incident, now).map((d) => `${d.step}: ${d.status}`);
 * // ['report: late', 'respond: overdue', 'resolve: pending']
 * ```
 */
export function incidentDeadlineStates(
  incident: Incident,
  now: number,
): readonly IncidentDeadlineState[] {
  return INCIDENT_STEPS.map((step) => {
    const dueAt = incident.deadlines[step];
    const done = doneAt(incident, step);
    const status: IncidentStepStatus =
      done !== null ? (done <= dueAt ? 'met' : 'late') : now > dueAt ? 'overdue' : 'pending';
    return { step, dueAt, doneAt: done, status };
  });
}

/**
 * The steps of an incident that are overdue at `now` (not done and past their deadline).
 *
 * @example
 * ```ts
 * overdueIncidentSteps(incident, now); // e.g. ['respond']: not done and past its deadline
 * ```
 */
export function overdueIncidentSteps(incident: Incident, now: number): readonly IncidentStep[] {
  return incidentDeadlineStates(incident, now)
    .filter((d) => d.status === 'overdue')
    .map((d) => d.step);
}

/**
 * Whether any step of the incident is overdue at `now`.
 *
 * @example
 * ```ts
 * isIncidentOverdue(incident, now); // true once any step is past its deadline and not done
 * ```
 */
export function isIncidentOverdue(incident: Incident, now: number): boolean {
  return overdueIncidentSteps(incident, now).length > 0;
}

/**
 * How many deadlines the incident has missed by `now` (overdue or done late).
 *
 * @example
 * ```ts
 * missedIncidentDeadlines(incident, now); // 2 when one step was late and another is overdue
 * ```
 */
export function missedIncidentDeadlines(incident: Incident, now: number): number {
  return incidentDeadlineStates(incident, now).filter(
    (d) => d.status === 'overdue' || d.status === 'late',
  ).length;
}

function linkIndex(link: EscalationLink): number {
  return ESCALATION_CHAIN.indexOf(link);
}

/**
 * The link of the escalation chain a person stands on: the highest link among their roles.
 * An opinion officer (not itself a link) and anyone without a link start at the first one.
 */
export function chainLinkOf(person: Person | undefined): EscalationLink {
  let best = 0;
  for (const role of person?.roles ?? []) {
    const i = (ESCALATION_CHAIN as readonly string[]).indexOf(role);
    if (i > best) best = i;
  }
  return ESCALATION_CHAIN[best] ?? 'officer';
}

/** The chain link `steps` links above `link`, capped at the last link (the bureau leader). */
export function chainLinkAbove(link: EscalationLink, steps: number): EscalationLink {
  const i = Math.min(linkIndex(link) + Math.max(0, steps), ESCALATION_CHAIN.length - 1);
  return ESCALATION_CHAIN[i] ?? 'leader';
}

/**
 * Who holds `link` of the escalation chain of unit `unitId`, resolved as in
 * {@link escalationChain}: a school without a deputy or head reaches its township center's,
 * and a vacant link passes the message to the next link up, so that somebody always hears
 * of it. Null only when no link from `link` upwards is held.
 */
export function chainLinkHolders(
  link: EscalationLink,
  unitId: string,
  units: readonly Unit[],
  people: readonly Person[],
): ChainLink | null {
  const from = linkIndex(link);
  return (
    escalationChain(unitId, units, people).find((held) => linkIndex(held.link) >= from) ?? null
  );
}

/** Where an incident stands on the escalation chain at a given moment. */
export interface IncidentEscalation {
  /** Deadlines missed so far (overdue or done late). */
  readonly missed: number;
  /** The responsible person's own link, where escalation starts. */
  readonly startLink: EscalationLink;
  /**
   * The link the incident is escalated to: one link up per missed deadline, or the next
   * held link above it when it is vacant.
   */
  readonly link: EscalationLink;
  /** Who is to be told, after skipping vacant links. */
  readonly recipients: readonly Person[];
}

/**
 * The escalation of an incident at `now` (rules §7.4): starting from the responsible
 * person's link, each missed deadline moves it one link up the chain
 * (officer → deputy → head → bureau reviewer → bureau leader), capped at the leader.
 * Null when nothing was missed, or once the unit has resolved it (the bureau holds it then).
 *
 * @example
 * ```ts
 * const escalation = incidentEscalation(incident, { units, people }, now);
 * escalation?.link; // 'head' after two missed deadlines of an opinion officer's incident
 * escalation?.recipients.map((p) => p.name); // who is to be told
 * ```
 */
export function incidentEscalation(
  incident: Incident,
  context: IncidentContext,
  now: number,
): IncidentEscalation | null {
  if (incident.state === 'resolved' || incident.state === 'closed') return null;
  const missed = missedIncidentDeadlines(incident, now);
  if (missed === 0) return null;
  const startLink = chainLinkOf(context.people.find((p) => p.id === incident.responsiblePersonId));
  const target = chainLinkAbove(startLink, missed);
  const holders = chainLinkHolders(target, incident.unitId, context.units, context.people);
  return {
    missed,
    startLink,
    link: holders?.link ?? target,
    recipients: holders?.people ?? [],
  };
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A unit's record of meeting incident deadlines, for the bulletins (rules §7.5). */
export interface IncidentOnTimeRate {
  readonly unitId: string;
  /** Deadlines already decided: met, done late, or passed without the step. */
  readonly deadlines: number;
  readonly met: number;
  readonly missed: number;
  /** `met / deadlines`, or null when no deadline has been decided yet. */
  readonly rate: number | null;
}

/** Options of {@link incidentOnTimeRates}. */
export interface IncidentOnTimeOptions {
  /**
   * Count a school's incidents for its township center, like its submissions (rules §7.5).
   * Defaults to true.
   */
  readonly rollUpSchools?: boolean;
  /** Only incidents discovered in `[from, to)` count, e.g. a bulletin period. */
  readonly window?: { readonly from: number; readonly to: number };
}

/**
 * The on-time rate per unit at `now`: the share of decided deadlines that were met.
 * Deadlines still running are not counted either way. Units are ordered by id.
 *
 * @example
 * ```ts
 * incidentOnTimeRates(incidents, now, { window: { from: h1.start, to: h1.end } });
 * // [{ unitId: 'hexi', deadlines: 4, met: 3, missed: 1, rate: 0.75 }, …]
 * ```
 */
export function incidentOnTimeRates(
  incidents: readonly Incident[],
  now: number,
  options: IncidentOnTimeOptions = {},
): readonly IncidentOnTimeRate[] {
  const rollUp = options.rollUpSchools ?? true;
  const tally = new Map<string, { met: number; missed: number }>();
  for (const incident of incidents) {
    const w = options.window;
    if (w !== undefined && (incident.discoveredAt < w.from || incident.discoveredAt >= w.to)) {
      continue;
    }
    const unitId = rollUp ? (incident.supervisingUnitId ?? incident.unitId) : incident.unitId;
    const t = tally.get(unitId) ?? { met: 0, missed: 0 };
    for (const d of incidentDeadlineStates(incident, now)) {
      if (d.status === 'met') t.met += 1;
      else if (d.status === 'late' || d.status === 'overdue') t.missed += 1;
    }
    tally.set(unitId, t);
  }
  return [...tally.entries()]
    .sort(([a], [b]) => compareIds(a, b))
    .map(([unitId, { met, missed }]) => ({
      unitId,
      deadlines: met + missed,
      met,
      missed,
      rate: met + missed === 0 ? null : met / (met + missed),
    }));
}
