import type { Db } from '@jyxc/db';
import {
  adoptionPoints,
  dueReminders,
  evaluatedUnitIdOf,
  halfYearQuota,
  indexById,
  instructionPoints,
  isCategory,
  isEvaluatedUnit,
  isLate,
  periodKey,
  periodOf,
  periodRange,
  type Adoption,
  type AdoptionFact,
  type Incident,
  DRAFT_REMINDER_AFTER_MS,
  type IdleDraftFact,
  type PendingReviewFact,
  type QuotaProgressFact,
  type Reminder,
  type ReminderPeriod,
  type ReminderSettings,
  type ReminderState,
} from '@jyxc/domain';
import { enqueueMany, eventOfReminder, type OutboxEntry } from '../outbox/service.js';
import { loadUnits } from '../organisation/service.js';
import { peopleOfUnits } from '../people/service.js';
import { toDomainIncident } from '../incidents/service.js';
import { adoptionOf } from '../adoptions/service.js';
import { reminderSettingsAt, schemeCache, storedQuotaOverrides } from '../schemes/service.js';
import {
  acquireLease,
  bureauArrivalsByUnit,
  openIncidentRows,
  pendingUnitReviews,
  recentAdoptionRows,
  idleDraftRows,
} from './repository.js';

/** The lease name of the reminders job. */
export const REMINDERS_JOB = 'reminders';

/** Adoptions recorded this long ago are still announced if the job missed them (keys dedupe). */
const ADOPTION_LOOKBACK_MS = 7 * 24 * 3600 * 1000;
/** Drafts last changed within a week are reminded of once (older ones were left on purpose). */
const DRAFT_LOOKBACK_MS = 7 * 24 * 3600 * 1000;

/** The facts `dueReminders` needs, loaded with a few set-based queries. */
export async function loadReminderState(
  db: Db,
  now: Date,
  given?: ReminderSettings,
): Promise<ReminderState> {
  const at = now.getTime();
  // DESIGN §3.4: the reminder numbers and the holiday calendar come from the year's scheme.
  const settings = given ?? (await reminderSettingsAt(db, at));
  const units = await loadUnits(db);
  const unitsById = indexById(units);
  const schemeOf = schemeCache(db);
  const half = periodOf(at);
  const range = periodRange(half.year, half.kind);
  const period: ReminderPeriod = { key: periodKey(half), start: range.start, end: range.end };
  const reviewCutoff = new Date(
    at - Math.min(settings.reviewReminderAfterMs, settings.reviewEscalationAfterMs),
  );

  const [people, pending, submittedCounts, overrides, incidents, adoptions, idle] =
    await Promise.all([
      peopleOfUnits(
        db,
        units.map((u) => u.id),
      ),
      pendingUnitReviews(db, reviewCutoff),
      bureauArrivalsByUnit(db, range),
      storedQuotaOverrides(db, half),
      openIncidentRows(db),
      recentAdoptionRows(db, new Date(at - ADOPTION_LOOKBACK_MS), now),
      idleDraftRows(db, new Date(at - DRAFT_LOOKBACK_MS), new Date(at - DRAFT_REMINDER_AFTER_MS)),
    ]);

  const pendingReviews: PendingReviewFact[] = pending.map((s) => ({
    submissionId: s.id,
    revision: s.currentRevision,
    unitId: s.unitId,
    title: s.title,
    authorIds: s.authors.length > 0 ? s.authors.map((a) => a.personId) : [s.createdById],
    since: (s.reviewSince ?? s.submittedAt ?? s.updatedAt).getTime(),
    major: s.category === 'major',
  }));

  // DESIGN §3.4: a school's items count for its township center.
  const submitted = new Map<string, number>();
  for (const row of submittedCounts) {
    const evaluated = evaluatedUnitIdOf(row.unitId, unitsById);
    if (evaluated !== null) submitted.set(evaluated, (submitted.get(evaluated) ?? 0) + row.count);
  }
  const scheme = await schemeOf(at);
  // A unit's own quota set in the console takes precedence over the scheme document's.
  const withOverrides = {
    ...scheme,
    quotaOverrides: [...overrides, ...scheme.quotaOverrides],
  };
  const quotaProgress: QuotaProgressFact[] = [];
  for (const unit of units) {
    if (!isEvaluatedUnit(unit)) continue;
    const quota = halfYearQuota(withOverrides, unit, half.kind);
    if (quota === null || quota.submitted <= 0) continue;
    quotaProgress.push({
      unitId: unit.id,
      submitted: submitted.get(unit.id) ?? 0,
      quota: quota.submitted,
    });
  }

  const domainIncidents: Incident[] = incidents.map((row) => toDomainIncident(row, unitsById));

  const adoptionFacts: AdoptionFact[] = [];
  for (const row of adoptions) {
    const adoption: Adoption = adoptionOf(row);
    if (adoption.submissionIds.length === 0) continue;
    // DESIGN §3.4: an adoption scores in the period of its own date, under that year's scheme.
    const adoptionScheme = await schemeOf(adoption.publishedAt);
    for (const { submission } of row.credits) {
      if (!isCategory(submission.category)) continue;
      const late = isLate(
        {
          category: submission.category,
          eventAt: submission.eventAt.getTime(),
          submittedToBureauAt: submission.submittedToBureauAt?.getTime() ?? null,
        },
        adoptionScheme,
      );
      adoptionFacts.push({
        adoptionId: row.id,
        submissionId: submission.id,
        unitId: submission.unitId,
        title: submission.title,
        authorIds:
          submission.authors.length > 0
            ? submission.authors.map((a) => a.personId)
            : [submission.createdById],
        level: row.level,
        outlet: row.outletName,
        points:
          adoptionPoints(adoption, late, adoptionScheme) +
          instructionPoints(adoption, adoptionScheme),
        recordedAt: adoption.recordedAt,
        major: submission.category === 'major',
      });
    }
  }

  const idleDrafts: IdleDraftFact[] = idle.map((d) => ({
    submissionId: d.id,
    unitId: d.unitId,
    title: d.title,
    authorIds: d.authors.length > 0 ? d.authors.map((a) => a.personId) : [d.createdById],
    since: d.updatedAt.getTime(),
  }));

  return {
    settings,
    units,
    people,
    pendingReviews,
    idleDrafts,
    period,
    quotaProgress,
    incidents: domainIncidents,
    adoptions: adoptionFacts,
  };
}

/** A reminder as an outbox entry, keyed by the domain's stable key. */
export function reminderEntry(
  reminder: Reminder,
  unitName: (unitId: string) => string | undefined,
): OutboxEntry {
  return {
    key: reminder.key,
    audience: reminder.audience,
    event: eventOfReminder(reminder, unitName),
    urgency: reminder.urgency,
    // DESIGN §3.8: the domain already moved non-urgent reminders out of quiet hours and weekends.
    notBefore: new Date(reminder.notBefore),
    reason: reminder.reason,
    dueAt: new Date(reminder.dueAt),
  };
}

export interface RemindersRun {
  /** False when another process holds the lease; nothing was done. */
  readonly ran: boolean;
  readonly due: number;
  readonly enqueued: number;
}

export interface RemindersJobOptions {
  readonly now: Date;
  /** Who runs it (see {@link acquireLease}). */
  readonly holder: string;
  /** How long the lease lasts; the holder renews it every run. */
  readonly leaseMs: number;
  readonly settings?: ReminderSettings;
}

/**
 * One run of the reminders job (DESIGN §3.8): under the job's lease, asks the domain for the
 * reminders due at `now` and writes each to the outbox by its stable key, so a reminder is
 * never enqueued twice however often the job runs or however many processes run it.
 */
export async function runRemindersJob(db: Db, options: RemindersJobOptions): Promise<RemindersRun> {
  const held = await acquireLease(db, {
    name: REMINDERS_JOB,
    holder: options.holder,
    now: options.now,
    ttlMs: options.leaseMs,
  });
  if (!held) return { ran: false, due: 0, enqueued: 0 };
  const state = await loadReminderState(db, options.now, options.settings);
  const reminders = dueReminders(state, options.now.getTime());
  const names = new Map(state.units.map((u) => [u.id, u.name]));
  const enqueued = await enqueueMany(
    db,
    reminders.map((r) => reminderEntry(r, (id) => names.get(id))),
  );
  return { ran: true, due: reminders.length, enqueued };
}
