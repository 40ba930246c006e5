/**
 * Reminders (rules §9): the domain decides *what* to send to *whom*; the apps deliver
 * and record what they sent. {@link dueReminders} is a pure function of plain facts the API
 * can load cheaply and of `now`.
 *
 * Every reminder carries a stable `key` built from its reason, its subject, its threshold
 * and its audience (`review-24h:submission:123:rev:4:to:person:p7`). Running the function
 * again later with the same facts yields the same key with the same content, so an app that
 * records sent keys never sends one twice.
 *
 * Delays: a non-urgent reminder that falls in quiet hours (default 21:00–07:30), or a quota
 * reminder on a weekend, is still returned as soon as it is due, with `notBefore` set to the next allowed
 * moment; the app sends it once `now ≥ notBefore`. `notBefore` is derived from the moment the
 * reminder became due, never from `now`, so the key and the whole reminder stay the same
 * from one run to the next. Incident and major-information reminders are never delayed.
 *
 * Local time is Asia/Shanghai, a fixed UTC+8 (no daylight saving since 1991), so a constant
 * offset is exact.
 */
import {
  INCIDENT_STEPS,
  chainLinkAbove,
  chainLinkHolders,
  chainLinkOf,
  type Incident,
  type IncidentStep,
} from './incidents.js';
import { holdsRole, holdersOf, reviewUnitIdOf, type Person, type Role, type Unit } from './org.js';
import { INCIDENT_STEP_LABELS } from './labels.js';
import type { ErrorParams } from './messages.js';
import { domainError, err, ok, type DomainError, type Result } from './result.js';
import { approversOf } from './workflow.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Asia/Shanghai: fixed UTC+8, no daylight saving since 1991.
const SHANGHAI_OFFSET = 8 * HOUR;

/** Settings of the reminder rules; part of the year's scheme. */
export interface ReminderSettings {
  /**
   * Quiet hours in Shanghai local time, as minutes after midnight. A window whose start is
   * after its end spans midnight; equal start and end means no quiet hours.
   */
  readonly quietHours: { readonly startMinute: number; readonly endMinute: number };
  /** Whether Saturdays, Sundays and `holidays` delay non-urgent reminders to the next workday. */
  readonly weekendsDelay: boolean;
  /** Public holidays (`YYYY-MM-DD`, Shanghai) treated like weekends. */
  readonly holidays: readonly string[];
  /** Weekend days worked in lieu of a holiday (调休, `YYYY-MM-DD`), treated as workdays. */
  readonly workdays: readonly string[];
  /** A unit review pending this long reminds the unit's reviewers (default 24 h). */
  readonly reviewReminderAfterMs: number;
  /** A unit review pending this long reminds the unit's head (default 72 h). */
  readonly reviewEscalationAfterMs: number;
  /** Units below this share of their quota are reminded (default 0.5). */
  readonly quotaShare: number;
  /** The late quota checkpoint, this long before the period ends (default 30 days). */
  readonly quotaLateCheckpointMs: number;
  /** How long before an incident deadline the warning goes out (default 15 min). */
  readonly incidentWarningMs: number;
}

/**
 * The default numbers of rules §9: quiet hours 21:00–07:30, weekends delay; reviews
 * pending 24 h remind the reviewers and 72 h the head; quota checks at mid-period and
 * 30 days before the end for units below 50 %; incident warnings 15 minutes ahead.
 */
export const defaultReminderSettings: ReminderSettings = {
  quietHours: { startMinute: 21 * 60, endMinute: 7 * 60 + 30 },
  weekendsDelay: true,
  holidays: [],
  workdays: [],
  reviewReminderAfterMs: 24 * HOUR,
  reviewEscalationAfterMs: 72 * HOUR,
  quotaShare: 0.5,
  quotaLateCheckpointMs: 30 * DAY,
  incidentWarningMs: 15 * MINUTE,
};

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Validates reminder settings entered by a bureau admin, filling the defaults of
 * {@link defaultReminderSettings} for what is left out. Every problem comes with its path.
 *
 * @example
 * ```ts
 * const settings = validateReminderSettings({ quietHours: { startMinute: 22 * 60, endMinute: 7 * 60 }, holidays: ['2026-10-01'] });
 * if (settings.ok) settings.value.reviewReminderAfterMs; // 24 h, the default filled in
 * ```
 */
export function validateReminderSettings(
  input: unknown,
): Result<ReminderSettings, readonly DomainError[]> {
  if (!isRecord(input)) {
    return err([
      domainError('REMINDER.INVALID_SETTINGS', { path: '', params: { rule: 'format' } }),
    ]);
  }
  const errors: DomainError[] = [];
  const invalid = (path: string, rule: ErrorParams<'REMINDER.INVALID_SETTINGS'>['rule']): void => {
    errors.push(domainError('REMINDER.INVALID_SETTINGS', { path, params: { rule } }));
  };
  const d = defaultReminderSettings;
  const quiet = input['quietHours'] ?? d.quietHours;
  let quietHours = d.quietHours;
  if (!isRecord(quiet)) invalid('quietHours', 'quiet_hours');
  else {
    const minute = (key: 'startMinute' | 'endMinute'): number => {
      const v = quiet[key];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= 24 * 60) {
        invalid(`quietHours.${key}`, 'minute');
        return d.quietHours[key];
      }
      return v;
    };
    quietHours = { startMinute: minute('startMinute'), endMinute: minute('endMinute') };
  }
  const weekendsDelay = input['weekendsDelay'] ?? d.weekendsDelay;
  if (typeof weekendsDelay !== 'boolean') invalid('weekendsDelay', 'yes_no');
  const dates = (key: 'holidays' | 'workdays'): readonly string[] => {
    const v = input[key] ?? d[key];
    if (!Array.isArray(v)) {
      invalid(key, 'date_list');
      return [];
    }
    const out: string[] = [];
    v.forEach((x: unknown, i: number) => {
      if (typeof x !== 'string' || !ISO_DATE.test(x)) invalid(`${key}[${i}]`, 'date');
      else out.push(x);
    });
    return out;
  };
  const duration = (
    key:
      | 'reviewReminderAfterMs'
      | 'reviewEscalationAfterMs'
      | 'quotaLateCheckpointMs'
      | 'incidentWarningMs',
  ): number => {
    const v = input[key] ?? d[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      invalid(key, 'duration');
      return d[key];
    }
    return v;
  };
  const quotaShare = input['quotaShare'] ?? d.quotaShare;
  if (typeof quotaShare !== 'number' || !(quotaShare >= 0 && quotaShare <= 1)) {
    invalid('quotaShare', 'share');
  }
  const settings: ReminderSettings = {
    quietHours,
    weekendsDelay: weekendsDelay === true,
    holidays: dates('holidays'),
    workdays: dates('workdays'),
    reviewReminderAfterMs: duration('reviewReminderAfterMs'),
    reviewEscalationAfterMs: duration('reviewEscalationAfterMs'),
    quotaShare: typeof quotaShare === 'number' ? quotaShare : d.quotaShare,
    quotaLateCheckpointMs: duration('quotaLateCheckpointMs'),
    incidentWarningMs: duration('incidentWarningMs'),
  };
  if (settings.reviewEscalationAfterMs < settings.reviewReminderAfterMs) {
    // rules §9.1: the head is the second reminder, after the reviewers.
    invalid('reviewEscalationAfterMs', 'escalation_before_reminder');
  }
  return errors.length > 0 ? err(errors) : ok(settings);
}

/** A submission waiting for its unit's review. */
export interface PendingReviewFact {
  readonly submissionId: string;
  /** The revision awaiting sign-off; a new revision is a new review. */
  readonly revision: number;
  /** The unit the item was written in (a school's item is reviewed by its township center). */
  readonly unitId: string;
  readonly title: string;
  readonly authorIds: readonly string[];
  /** When this revision entered unit review. */
  readonly since: number;
  /** A `major` (重大信息) item: its reminders are never delayed. */
  readonly major: boolean;
}

/** An evaluated unit's progress towards its quota in the current period. */
export interface QuotaProgressFact {
  readonly unitId: string;
  readonly submitted: number;
  readonly quota: number;
}

/** The current evaluation period, `[start, end)`. */
export interface ReminderPeriod {
  /** A stable name of the period, e.g. `2026-H1`. */
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

/** An adoption recorded recently, with the points it brought. */
export interface AdoptionFact {
  readonly adoptionId: string;
  readonly submissionId: string;
  readonly unitId: string;
  readonly title: string;
  readonly authorIds: readonly string[];
  /** Outlet level, e.g. `city`. */
  readonly level: string;
  readonly outlet: string;
  /** Points the item gained from this adoption. */
  readonly points: number;
  readonly recordedAt: number;
  readonly major: boolean;
}

/** A draft its authors have not touched or submitted since `since` (issue 14). */
export interface IdleDraftFact {
  readonly submissionId: string;
  readonly unitId: string;
  readonly title: string;
  readonly authorIds: readonly string[];
  /** The draft's last change. */
  readonly since: number;
}

/** A draft left unsubmitted this long gets one reminder to its authors (issue 14). */
export const DRAFT_REMINDER_AFTER_MS = 24 * HOUR;

/** Everything {@link dueReminders} looks at. */
export interface ReminderState {
  readonly settings: ReminderSettings;
  readonly units: readonly Unit[];
  readonly people: readonly Person[];
  readonly pendingReviews: readonly PendingReviewFact[];
  /** The current period, or null outside any (no quota reminders then). */
  readonly period: ReminderPeriod | null;
  readonly quotaProgress: readonly QuotaProgressFact[];
  /** Incidents with their deadlines; resolved and closed ones are ignored. */
  readonly incidents: readonly Incident[];
  readonly adoptions: readonly AdoptionFact[];
  /** Drafts not submitted; each left a day gets one reminder. Absent: none. */
  readonly idleDrafts?: readonly IdleDraftFact[];
}

/** Who a reminder goes to. Groups only ever see units, never individuals (rules §9.1). */
export type ReminderAudience =
  | { readonly kind: 'person'; readonly personId: string }
  | { readonly kind: 'unitGroup'; readonly unitId: string }
  | { readonly kind: 'bureauGroup' };

/** Why a reminder is sent; the first part of its key. */
export const REMINDER_REASONS = [
  'review-24h',
  'review-72h',
  'quota-mid',
  'quota-30d',
  'incident-soon',
  'incident-due',
  'adoption',
  'draft-idle',
] as const;
/** Why a reminder is sent. */
export type ReminderReason = (typeof REMINDER_REASONS)[number];

/** The message templates apps translate; `defaultMessage` is the zh-CN fallback. */
export const REMINDER_TEMPLATES = {
  reviewPending: 'reminder.review.pending',
  reviewEscalated: 'reminder.review.escalated',
  quotaDigest: 'reminder.quota.digest',
  quotaUnit: 'reminder.quota.unit',
  incidentSoon: 'reminder.incident.soon',
  incidentDue: 'reminder.incident.due',
  adoptionAuthor: 'reminder.adoption.author',
  adoptionHead: 'reminder.adoption.head',
  draftIdle: 'reminder.draft.idle',
} as const;
/** A message template id. */
export type ReminderTemplateId = (typeof REMINDER_TEMPLATES)[keyof typeof REMINDER_TEMPLATES];

/** A template parameter: plain JSON. */
export type ReminderParam =
  | string
  | number
  | boolean
  | null
  | readonly ReminderParam[]
  | { readonly [key: string]: ReminderParam };

/** `urgent` reminders are never delayed; `normal` ones wait out quiet hours and weekends. */
export type ReminderUrgency = 'urgent' | 'normal';

/** One message to send. */
export interface Reminder {
  /** Stable identity: the same event, threshold and audience always give the same key. */
  readonly key: string;
  readonly reason: ReminderReason;
  readonly audience: ReminderAudience;
  readonly templateId: ReminderTemplateId;
  readonly params: { readonly [key: string]: ReminderParam };
  /** The zh-CN text for apps without the template. */
  readonly defaultMessage: string;
  readonly urgency: ReminderUrgency;
  /** When the rule fired. */
  readonly dueAt: number;
  /** When the app may send it: `dueAt`, or later for a delayed non-urgent reminder. */
  readonly notBefore: number;
}

/**
 * The key of a reminder: `${reason}:${subject}:to:${audience}`, e.g.
 * `review-24h:submission:123:rev:4:to:person:p7`. Apps may rebuild a key with it, for
 * instance to mark a reminder as sent from another channel.
 *
 * @example
 * ```ts
 * reminderKey('review-24h', 'submission:123:rev:4', { kind: 'person', personId: 'p7' });
 * // 'review-24h:submission:123:rev:4:to:person:p7'
 * ```
 */
export function reminderKey(
  reason: ReminderReason,
  subject: string,
  audience: ReminderAudience,
): string {
  return `${reason}:${subject}:to:${audienceKey(audience)}`;
}

function audienceKey(a: ReminderAudience): string {
  switch (a.kind) {
    case 'person':
      return `person:${a.personId}`;
    case 'unitGroup':
      return `unit-group:${a.unitId}`;
    case 'bureauGroup':
      return 'bureau-group';
  }
}

function toPerson(personId: string): ReminderAudience {
  return { kind: 'person', personId };
}

function localDate(at: number): {
  readonly dayStart: number;
  readonly iso: string;
  readonly weekday: number;
} {
  const local = at + SHANGHAI_OFFSET;
  const localDayStart = local - (((local % DAY) + DAY) % DAY);
  const d = new Date(localDayStart);
  return {
    dayStart: localDayStart - SHANGHAI_OFFSET,
    iso: d.toISOString().slice(0, 10),
    weekday: d.getUTCDay(),
  };
}

/**
 * The first moment at or after `at` when a non-urgent reminder may be sent: outside quiet
 * hours, and — when weekends delay — on a workday (not Saturday or Sunday unless listed in
 * `workdays`, and not in `holidays`). All in Shanghai local time.
 *
 * @example
 * ```ts
 * // Due on Friday 13 March 2026 at 22:00 in Shanghai, inside quiet hours and before a weekend:
 * nextSendingTime(Date.parse('2026-03-13T14:00:00Z'), defaultReminderSettings);
 * // Date.parse('2026-03-15T23:30:00Z'): Monday 16 March 07:30 in Shanghai
 * ```
 */
export function nextSendingTime(at: number, settings: ReminderSettings): number {
  const start = settings.quietHours.startMinute * MINUTE;
  const end = settings.quietHours.endMinute * MINUTE;
  let t = at;
  // A handful of steps always suffices (quiet hours, then a long holiday); the bound only
  // guards against a calendar that lists every day as a holiday.
  for (let guard = 0; guard < 400; guard += 1) {
    const { dayStart, iso, weekday } = localDate(t);
    const ms = t - dayStart;
    if (start !== end) {
      const quiet = start > end ? ms >= start || ms < end : ms >= start && ms < end;
      if (quiet) {
        t = ms < end ? dayStart + end : dayStart + DAY + end;
        continue;
      }
    }
    if (settings.weekendsDelay) {
      const weekend = (weekday === 0 || weekday === 6) && !settings.workdays.includes(iso);
      if (weekend || settings.holidays.includes(iso)) {
        t = dayStart + DAY;
        continue;
      }
    }
    return t;
  }
  return t;
}

/**
 * The end of quiet hours at or after `at`, weekends and holidays aside: the latest moment an
 * ordinary message waits to (rules §9.2: quiet hours delay non-urgent messages until they
 * end, never longer; only digests and quota reminders wait out weekends and holidays).
 *
 * @example
 * ```ts
 * // Friday 13 March 2026 at 22:00 in Shanghai:
 * quietHoursEnd(Date.parse('2026-03-13T14:00:00Z'), defaultReminderSettings);
 * // Date.parse('2026-03-13T23:30:00Z'): Saturday 14 March 07:30 in Shanghai
 * ```
 */
export function quietHoursEnd(at: number, settings: ReminderSettings): number {
  return nextSendingTime(at, { ...settings, weekendsDelay: false });
}

/**
 * How close to the end of quiet hours an item's time limit may run out before its review
 * request goes out at once instead of waiting for the morning (rules §9.2).
 */
export const REVIEW_REQUEST_MARGIN_MS = 12 * HOUR;

/**
 * When a review request may go out (rules §9.2: a review request is work, not a reminder).
 * Outside quiet hours: at once. Inside them: at their end (never after a weekend or holiday),
 * or at once when the item's time limit (`limitEndsAt`, its event time plus its category's
 * limit; null without a limit) would run out within {@link REVIEW_REQUEST_MARGIN_MS} of that
 * end, so that quiet hours are never the reason an item is late.
 *
 * @example
 * ```ts
 * const friday = Date.parse('2026-11-27T13:31:00Z'); // 21:31 in Shanghai
 * reviewRequestSendingTime(friday, friday + 48 * 3_600_000, defaultReminderSettings);
 * // Date.parse('2026-11-27T23:30:00Z'): Saturday 07:30 in Shanghai
 * reviewRequestSendingTime(friday, friday + 10 * 3_600_000, defaultReminderSettings);
 * // friday: the limit runs out at 07:31 Saturday, so it goes out at once
 * ```
 */
export function reviewRequestSendingTime(
  at: number,
  limitEndsAt: number | null,
  settings: ReminderSettings,
): number {
  const end = quietHoursEnd(at, settings);
  if (end === at) return at;
  if (limitEndsAt !== null && limitEndsAt <= end + REVIEW_REQUEST_MARGIN_MS) return at;
  return end;
}

/** Reminders that wait out weekends and holidays too (rules §9.2): digests and quota reminders. */
function waitsOutWeekends(reason: ReminderReason): boolean {
  return reason === 'quota-mid' || reason === 'quota-30d';
}

interface Draft {
  readonly reason: ReminderReason;
  readonly subject: string;
  readonly audience: ReminderAudience;
  readonly templateId: ReminderTemplateId;
  readonly params: { readonly [key: string]: ReminderParam };
  readonly defaultMessage: string;
  readonly urgency: ReminderUrgency;
  readonly dueAt: number;
}

function finish(d: Draft, settings: ReminderSettings): Reminder {
  return {
    key: reminderKey(d.reason, d.subject, d.audience),
    reason: d.reason,
    audience: d.audience,
    templateId: d.templateId,
    params: d.params,
    defaultMessage: d.defaultMessage,
    urgency: d.urgency,
    dueAt: d.dueAt,
    // rules §9.2: quiet hours delay only non-urgent reminders, and weekends and holidays
    // only digests and quota reminders.
    notBefore:
      d.urgency === 'urgent'
        ? d.dueAt
        : waitsOutWeekends(d.reason)
          ? nextSendingTime(d.dueAt, settings)
          : quietHoursEnd(d.dueAt, settings),
  };
}

function byId(a: Person, b: Person): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Active holders of any of `roles` in a unit, by id. */
function holdersOfAny(unitId: string, roles: readonly Role[], people: readonly Person[]): Person[] {
  const found = new Map<string, Person>();
  for (const role of roles) for (const p of holdersOf(unitId, role, people)) found.set(p.id, p);
  return [...found.values()].sort(byId);
}

function reviewReminders(state: ReminderState, now: number): readonly Draft[] {
  const s = state.settings;
  const drafts: Draft[] = [];
  for (const review of state.pendingReviews) {
    const unit = state.units.find((u) => u.id === review.unitId);
    // rules §2.1: a school's item is reviewed by its township center; a direct-reporting
    // school (直报点) that still holds a unit review is its own reviewing unit.
    const reviewUnitId = (unit === undefined ? null : reviewUnitIdOf(unit)) ?? review.unitId;
    // The same rule as the workflow: a deputy or head of the reviewing unit, never an author.
    const approvers = [
      ...approversOf({ reviewUnitId, authorIds: review.authorIds }, state.people),
    ].sort(byId);
    const subject = `submission:${review.submissionId}:rev:${review.revision}`;
    const params = {
      submissionId: review.submissionId,
      revision: review.revision,
      title: review.title,
      unitId: review.unitId,
      since: review.since,
    };
    const urgency: ReminderUrgency = review.major ? 'urgent' : 'normal';
    const thresholds = [
      {
        reason: 'review-24h' as const,
        after: s.reviewReminderAfterMs,
        recipients: approvers,
        templateId: REMINDER_TEMPLATES.reviewPending,
      },
      {
        reason: 'review-72h' as const,
        after: s.reviewEscalationAfterMs,
        recipients: approvers.filter((p) => holdsRole(p, 'head')),
        templateId: REMINDER_TEMPLATES.reviewEscalated,
      },
    ];
    for (const t of thresholds) {
      const dueAt = review.since + t.after;
      if (now < dueAt) continue;
      // With nobody in the unit who may approve (rules §2.4 gap), the bureau hears of it.
      const recipients =
        t.recipients.length > 0
          ? t.recipients
          : (chainLinkHolders('reviewer', reviewUnitId, state.units, state.people)?.people ?? []);
      const hours = Math.round(t.after / HOUR);
      for (const p of recipients) {
        drafts.push({
          reason: t.reason,
          subject,
          audience: toPerson(p.id),
          templateId: t.templateId,
          params: { ...params, hours },
          defaultMessage: `稿件《${review.title}》已待审核超过${hours}小时，请尽快审核。`,
          urgency,
          dueAt,
        });
      }
    }
  }
  return drafts;
}

function quotaReminders(state: ReminderState, now: number): readonly Draft[] {
  const period = state.period;
  if (period === null || now >= period.end) return [];
  const s = state.settings;
  const mid = period.start + Math.floor((period.end - period.start) / 2);
  const late = period.end - s.quotaLateCheckpointMs;
  // Each checkpoint speaks until the next one; a stale checkpoint is not sent late.
  const checkpoints = [
    { reason: 'quota-mid' as const, at: mid, until: late > mid ? late : period.end },
    { reason: 'quota-30d' as const, at: late, until: period.end },
  ].filter((c) => c.at >= period.start && now >= c.at && now < c.until);

  const behind = state.quotaProgress
    .filter((q) => q.submitted === 0 || q.submitted < s.quotaShare * q.quota)
    .map((q) => ({
      ...q,
      name: state.units.find((u) => u.id === q.unitId)?.name ?? q.unitId,
      share: q.quota > 0 ? q.submitted / q.quota : 0,
    }))
    // Furthest behind first; the id keeps the order stable among equals.
    .sort((a, b) => a.share - b.share || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
  if (behind.length === 0) return [];

  const drafts: Draft[] = [];
  for (const c of checkpoints) {
    const base = { periodKey: period.key, checkpoint: c.reason };
    // rules §9.1: nobody is named in a group — the digest lists units only.
    drafts.push({
      reason: c.reason,
      subject: `period:${period.key}`,
      audience: { kind: 'bureauGroup' },
      templateId: REMINDER_TEMPLATES.quotaDigest,
      params: {
        ...base,
        units: behind.map((b) => ({
          unitId: b.unitId,
          name: b.name,
          submitted: b.submitted,
          quota: b.quota,
        })),
      },
      defaultMessage: `以下单位本期信息报送进度不足任务的一半：${behind
        .map((b) => `${b.name}（${b.submitted}/${b.quota}）`)
        .join('、')}。`,
      urgency: 'normal',
      dueAt: c.at,
    });
    for (const b of behind) {
      for (const p of holdersOfAny(b.unitId, ['officer', 'head'], state.people)) {
        drafts.push({
          reason: c.reason,
          subject: `period:${period.key}:unit:${b.unitId}`,
          audience: toPerson(p.id),
          templateId: REMINDER_TEMPLATES.quotaUnit,
          params: {
            ...base,
            unitId: b.unitId,
            name: b.name,
            submitted: b.submitted,
            quota: b.quota,
          },
          defaultMessage: `${b.name}本期已报送信息${b.submitted}条，任务${b.quota}条，请抓紧报送。`,
          urgency: 'normal',
          dueAt: c.at,
        });
      }
    }
  }
  return drafts;
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

function incidentReminders(state: ReminderState, now: number): readonly Draft[] {
  const drafts: Draft[] = [];
  for (const incident of state.incidents) {
    if (incident.state === 'resolved' || incident.state === 'closed') continue;
    const responsible = state.people.find((p) => p.id === incident.responsiblePersonId);
    const startLink = chainLinkOf(responsible);
    const steps = [...INCIDENT_STEPS].sort((a, b) => incident.deadlines[a] - incident.deadlines[b]);
    for (const step of steps) {
      if (doneAt(incident, step) !== null) continue;
      const dueAt = incident.deadlines[step];
      // Deadlines missed before this one: each moved the incident one link up already.
      const missedBefore = steps.filter((other) => {
        const due = incident.deadlines[other];
        const done = doneAt(incident, other);
        return due < dueAt && (done === null || done > due);
      }).length;
      // rules §9.1: warn and then escalate to the next link of the chain.
      const next = chainLinkHolders(
        chainLinkAbove(startLink, missedBefore + 1),
        incident.unitId,
        state.units,
        state.people,
      );
      const recipients = [
        ...(responsible?.active === true ? [responsible] : []),
        ...(next?.people ?? []).filter((p) => p.id !== incident.responsiblePersonId),
      ];
      const warnAt = dueAt - state.settings.incidentWarningMs;
      const moments = [
        {
          reason: 'incident-soon' as const,
          at: warnAt,
          until: dueAt,
          templateId: REMINDER_TEMPLATES.incidentSoon,
        },
        {
          reason: 'incident-due' as const,
          at: dueAt,
          until: Infinity,
          templateId: REMINDER_TEMPLATES.incidentDue,
        },
      ];
      for (const m of moments) {
        if (now < m.at || now >= m.until) continue;
        for (const p of recipients) {
          const role = p.id === incident.responsiblePersonId ? 'responsible' : 'escalation';
          drafts.push({
            reason: m.reason,
            subject: `incident:${incident.id}:${step}`,
            audience: toPerson(p.id),
            templateId: m.templateId,
            params: {
              incidentId: incident.id,
              title: incident.title,
              unitId: incident.unitId,
              severity: incident.severity,
              step,
              dueAt,
              link: next?.link ?? null,
              role,
            },
            defaultMessage:
              m.reason === 'incident-soon'
                ? `舆情事件《${incident.title}》的${INCIDENT_STEP_LABELS['zh-CN'][step]}时限将在15分钟内到期，请立即处置。`
                : `舆情事件《${incident.title}》的${INCIDENT_STEP_LABELS['zh-CN'][step]}已超时，请立即处置。`,
            urgency: 'urgent',
            dueAt: m.at,
          });
        }
      }
    }
  }
  return drafts;
}

function adoptionReminders(state: ReminderState, now: number): readonly Draft[] {
  const drafts: Draft[] = [];
  for (const a of state.adoptions) {
    if (a.recordedAt > now) continue;
    const unit = state.units.find((u) => u.id === a.unitId);
    let heads = holdersOfAny(a.unitId, ['head'], state.people);
    if (heads.length === 0 && unit?.kind === 'school' && unit.parentId !== null) {
      heads = holdersOfAny(unit.parentId, ['head'], state.people);
    }
    const share = a.authorIds.length === 0 ? 0 : a.points / a.authorIds.length;
    const params = {
      adoptionId: a.adoptionId,
      submissionId: a.submissionId,
      title: a.title,
      level: a.level,
      outlet: a.outlet,
      points: a.points,
    };
    const base = {
      reason: 'adoption' as const,
      subject: `adoption:${a.adoptionId}:submission:${a.submissionId}`,
      urgency: a.major ? ('urgent' as const) : ('normal' as const),
      dueAt: a.recordedAt,
    };
    // People who left keep their history but get no messages.
    const gone = new Set(state.people.filter((p) => !p.active).map((p) => p.id));
    for (const authorId of [...new Set(a.authorIds)].filter((id) => !gone.has(id)).sort()) {
      drafts.push({
        ...base,
        audience: toPerson(authorId),
        templateId: REMINDER_TEMPLATES.adoptionAuthor,
        params: { ...params, share },
        defaultMessage: `您的稿件《${a.title}》被${a.outlet}采用，得${a.points}分。`,
      });
    }
    for (const head of heads.filter((h) => !a.authorIds.includes(h.id))) {
      drafts.push({
        ...base,
        audience: toPerson(head.id),
        templateId: REMINDER_TEMPLATES.adoptionHead,
        params,
        defaultMessage: `本单位稿件《${a.title}》被${a.outlet}采用，得${a.points}分。`,
      });
    }
  }
  return drafts;
}

/**
 * One reminder per draft (its key names the item, not a revision) to its active authors,
 * a day after its last change; an ordinary message, held by quiet hours.
 */
function idleDraftReminders(state: ReminderState, now: number): readonly Draft[] {
  const drafts: Draft[] = [];
  const gone = new Set(state.people.filter((p) => !p.active).map((p) => p.id));
  for (const d of state.idleDrafts ?? []) {
    const dueAt = d.since + DRAFT_REMINDER_AFTER_MS;
    if (now < dueAt) continue;
    for (const authorId of [...new Set(d.authorIds)].filter((id) => !gone.has(id)).sort()) {
      drafts.push({
        reason: 'draft-idle',
        subject: `submission:${d.submissionId}`,
        audience: toPerson(authorId),
        templateId: REMINDER_TEMPLATES.draftIdle,
        params: { submissionId: d.submissionId, title: d.title, unitId: d.unitId, since: d.since },
        defaultMessage: `您的草稿《${d.title}》已超过 24 小时未提交审核。`,
        urgency: 'normal',
        dueAt,
      });
    }
  }
  return drafts;
}

/**
 * The reminders due at `now` (rules §9), with distinct keys, ordered by `notBefore` and
 * then key:
 * - a unit review pending 24 h → the reviewing unit's deputies and heads (a school's item:
 *   its township center's), never the authors; 72 h → the head; with nobody eligible, the
 *   bureau reviewers;
 * - at mid-period and 30 days before its end, units with no submission or below half their
 *   quota → one digest to the bureau group listing units, and a direct message to each such
 *   unit's officers and head;
 * - 15 minutes before and at each incident deadline not yet met → the responsible person
 *   and the next link of the chain (urgent);
 * - an adoption → its authors (with their share of the points) and the unit head;
 * - a draft left unsubmitted a day after its last change → its authors, once per draft.
 * Non-urgent reminders inside quiet hours or on a weekend carry a later `notBefore`.
 *
 * @example
 * ```ts
 * for (const r of dueReminders(state, now)) {
 *   if (sentKeys.has(r.key) || now < r.notBefore) continue; // sent already, or held for quiet hours
 *   send(r.audience, r.templateId, r.params, r.defaultMessage);
 *   sentKeys.add(r.key);
 * }
 * ```
 */
export function dueReminders(state: ReminderState, now: number): readonly Reminder[] {
  const drafts = [
    ...reviewReminders(state, now),
    ...quotaReminders(state, now),
    ...incidentReminders(state, now),
    ...adoptionReminders(state, now),
    ...idleDraftReminders(state, now),
  ];
  return drafts
    .map((d) => finish(d, state.settings))
    .sort((a, b) => a.notBefore - b.notBefore || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
