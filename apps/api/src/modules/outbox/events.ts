/**
 * Notifications as structured events (DESIGN §4): a kind and the facts a reader needs, never a
 * sentence. Each channel writes the sentence in its reader's language — the bot from its Fluent
 * files, the console and the phone app from their locale files — so this module is the one
 * place that names the kinds and their facts for the API, the bot and the console (exported as
 * types through `@jyxc/api/client`).
 *
 * Times are epoch milliseconds, as the domain's reminders give them. Fields marked optional
 * may be missing on messages written before a field existed; new messages carry them.
 */
import { z } from 'zod';

const text = z.string().min(1);
const ms = z.number();

/** What every message about a submission carries. */
const submissionFacts = z.object({
  submissionId: text,
  title: text,
  unitId: text.optional(),
  unitName: text.optional(),
});

/** The outcome of a review, told to the authors. */
const reviewOutcomeFacts = submissionFacts.extend({
  /** Who reviewed it. */
  reviewerName: text.optional(),
  /** The reviewer's reason (a return) or comment (the bureau's decision). */
  reason: z.string().nullish(),
});

const adoptionFacts = z.object({
  adoptionId: text.optional(),
  submissionId: text,
  title: text,
  /** The outlet's level, one of the domain's adoption levels (`city`). */
  level: text,
  outlet: text,
  /** Points the item gained from this adoption. */
  points: z.number(),
});

const reviewWaitFacts = submissionFacts.extend({
  /** When the item entered unit review. */
  since: ms,
  /** The threshold passed, in hours (24 or 72 by default). */
  hours: z.number(),
});

/** `quota-mid`: half the period has gone; `quota-30d`: less than 30 days are left. */
const checkpoint = z.enum(['quota-mid', 'quota-30d']);

const incidentFacts = z.object({
  incidentId: text,
  title: text,
  unitId: text,
  unitName: text.optional(),
  /** One of the domain's incident severities. */
  severity: text,
});

const incidentDeadlineFacts = incidentFacts.extend({
  /** `report`, `respond` or `resolve` (the domain's incident steps). */
  step: z.enum(['report', 'respond', 'resolve']),
  dueAt: ms,
  /** The responsible person, or the next link of the chain above them. */
  role: z.enum(['responsible', 'escalation']).optional(),
});

/** Every notification, by kind. */
export const notificationEvent = z.discriminatedUnion('kind', [
  /** An item waits for the reader's unit review. */
  z.object({
    kind: z.literal('review_requested'),
    facts: submissionFacts.extend({
      authorName: text.optional(),
      preview: z.string().nullish(),
    }),
  }),
  /**
   * An item the reader was asked to review was decided by someone else (DESIGN §5): who did
   * what and when, so that the reader's request can be marked done instead of waiting.
   */
  z.object({
    kind: z.literal('review_settled'),
    facts: submissionFacts.extend({
      actorName: text,
      /** `approved` (signed off), `forwarded` (signed off and sent on), `returned`, `withdrawn`. */
      outcome: z.enum(['approved', 'forwarded', 'returned', 'withdrawn']),
      at: ms,
    }),
  }),
  /** The reader's item passed unit review and went to the bureau. */
  z.object({ kind: z.literal('submission_forwarded'), facts: reviewOutcomeFacts }),
  /** The reader's item came back, with the reviewer's reason. */
  z.object({ kind: z.literal('submission_returned'), facts: reviewOutcomeFacts }),
  /** The bureau adopted the reader's item. */
  z.object({ kind: z.literal('submission_adopted'), facts: reviewOutcomeFacts }),
  /** The bureau did not adopt the reader's item. */
  z.object({ kind: z.literal('submission_not_adopted'), facts: reviewOutcomeFacts }),
  /** An outlet published the reader's item: the points, and the reader's share of them. */
  z.object({
    kind: z.literal('adoption_credited'),
    facts: adoptionFacts.extend({ share: z.number().optional() }),
  }),
  /** An outlet published an item of the reader's unit (to its head). */
  z.object({ kind: z.literal('unit_adoption'), facts: adoptionFacts }),
  /** The reader's draft has not been submitted for a day since its last change (issue 14). */
  z.object({
    kind: z.literal('draft_idle'),
    facts: submissionFacts.extend({
      /** The draft's last change. */
      since: ms,
    }),
  }),
  /** A unit review has waited past the first threshold (DESIGN §3.8). */
  z.object({ kind: z.literal('review_pending'), facts: reviewWaitFacts }),
  /** A unit review has waited past the second threshold: to the head. */
  z.object({ kind: z.literal('review_escalated'), facts: reviewWaitFacts }),
  /** The bureau group's digest of units behind their quota (units only, never people). */
  z.object({
    kind: z.literal('quota_digest'),
    facts: z.object({
      periodKey: text,
      checkpoint,
      units: z
        .array(
          z.object({
            unitId: text.optional(),
            name: text,
            submitted: z.number(),
            quota: z.number(),
          }),
        )
        .min(1),
    }),
  }),
  /** The reader's unit is behind its quota. */
  z.object({
    kind: z.literal('quota_behind'),
    facts: z.object({
      periodKey: text,
      checkpoint,
      unitId: text,
      name: text,
      submitted: z.number(),
      quota: z.number(),
    }),
  }),
  /** An incident deadline is 15 minutes away. */
  z.object({ kind: z.literal('incident_deadline_soon'), facts: incidentDeadlineFacts }),
  /** An incident deadline passed unmet. */
  z.object({ kind: z.literal('incident_deadline_missed'), facts: incidentDeadlineFacts }),
  /**
   * A major incident was just registered: at once, quiet hours or not, to the unit's head and
   * the bureau's reviewers (DESIGN §3.6, §3.8), before anyone has reported it.
   */
  z.object({ kind: z.literal('incident_opened'), facts: incidentFacts }),
  /** A unit reported an incident: to the bureau's reviewers (or the next link up). */
  z.object({ kind: z.literal('incident_reported'), facts: incidentFacts }),
  /** The bureau closed the incident the reader is responsible for. */
  z.object({ kind: z.literal('incident_closed'), facts: incidentFacts }),
  /** A draft bulletin is open for appeal until the deadline: to each evaluated unit's head. */
  z.object({
    kind: z.literal('bulletin_appeal_open'),
    facts: z.object({
      bulletinId: text,
      /** The bulletin's period, `2026-H1`. */
      periodKey: text,
      unitId: text,
      unitName: text,
      appealDeadline: ms,
    }),
  }),
]);

/** A notification: its kind and its facts. */
export type NotificationEvent = z.infer<typeof notificationEvent>;
/** The kinds of notification. */
export type NotificationKind = NotificationEvent['kind'];
/** The facts of one kind of notification. */
export type NotificationFacts<K extends NotificationKind> = Extract<
  NotificationEvent,
  { kind: K }
>['facts'];

/** Every kind, in the order of the union above. */
export const NOTIFICATION_KINDS: readonly NotificationKind[] = notificationEvent.options.map(
  (o) => o.shape.kind.value,
);

/**
 * The event stored in a row, or null when the row's kind is unknown or its facts do not fit
 * (a channel then shows a plain "you have a notification" line in its reader's language).
 */
export function readEvent(kind: string, facts: string): NotificationEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(facts);
  } catch {
    return null;
  }
  const parsed = notificationEvent.safeParse({ kind, facts: value });
  return parsed.success ? parsed.data : null;
}

/** The submission or incident a message is about, for the channels' buttons and links. */
export function subjectOf(event: NotificationEvent | null): {
  readonly submissionId: string | null;
  readonly incidentId: string | null;
} {
  const facts: Readonly<Record<string, unknown>> = event?.facts ?? {};
  const id = (name: string) => {
    const value = facts[name];
    return typeof value === 'string' ? value : null;
  };
  return { submissionId: id('submissionId'), incidentId: id('incidentId') };
}
