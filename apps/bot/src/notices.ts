import type { NotificationEvent } from '@jyxc/api/client';
import {
  ADOPTION_LEVEL_LABELS,
  INCIDENT_SEVERITY_LABELS,
  INCIDENT_STEP_LABELS,
  isAdoptionLevel,
  parsePeriodKey,
  periodLabel,
  type Locale,
} from '@jyxc/domain';
import { excerpt, shanghaiTime } from './text.js';

/**
 * The sentences of notifications (DESIGN §4): the API hands over an event (a kind and its
 * facts) and the reader's language; the words are the Fluent messages `notice-<kind>` of
 * locales/<locale>.ftl. A fact that is missing reads as the sentence's `none` variant.
 */

export type Translate = (
  locale: Locale,
  key: string,
  vars?: Record<string, string | number>,
) => string;

/** Points as people read them: at most two decimals, no trailing zeros. */
function points(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function levelName(level: string, locale: Locale): string {
  return isAdoptionLevel(level) ? ADOPTION_LEVEL_LABELS[locale][level] : level;
}

function severityName(severity: string, locale: Locale): string {
  const labels: Readonly<Record<string, string>> = INCIDENT_SEVERITY_LABELS[locale];
  return labels[severity] ?? severity;
}

function period(key: string, locale: Locale): string {
  const parsed = parsePeriodKey(key);
  return parsed.ok ? periodLabel(parsed.value, locale) : key;
}

/** The text of a notification in `locale`; an event the bot cannot read gets a plain line. */
export function renderNotice(
  t: Translate,
  locale: Locale,
  event: NotificationEvent | null,
): string {
  if (event === null) return t(locale, 'notice-unknown');
  const time = (at: number) => shanghaiTime(new Date(at).toISOString(), locale);
  const unit = (name: string | undefined) => name ?? t(locale, 'notice-your-unit');
  const say = (vars: Record<string, string | number>) => t(locale, `notice-${event.kind}`, vars);
  const orNone = (value: string | null | undefined) =>
    value === null || value === undefined || value.trim() === '' ? 'none' : value.trim();
  switch (event.kind) {
    case 'review_requested': {
      const f = event.facts;
      const text = say({ unit: unit(f.unitName), title: f.title, author: orNone(f.authorName) });
      const preview = f.preview?.trim() ?? '';
      return preview === '' ? text : `${text}\n\n${excerpt(preview)}`;
    }
    case 'review_settled': {
      const f = event.facts;
      return say({
        unit: unit(f.unitName),
        title: f.title,
        actor: f.actorName,
        outcome: f.outcome,
        at: time(f.at),
      });
    }
    case 'submission_forwarded':
    case 'submission_returned':
    case 'submission_adopted':
    case 'submission_not_adopted': {
      const f = event.facts;
      return say({ title: f.title, reviewer: orNone(f.reviewerName), reason: orNone(f.reason) });
    }
    case 'adoption_credited': {
      const f = event.facts;
      const share = f.share !== undefined && f.share !== f.points ? points(f.share) : 'none';
      return say({
        title: f.title,
        outlet: f.outlet,
        level: levelName(f.level, locale),
        points: points(f.points),
        share,
      });
    }
    case 'unit_adoption': {
      const f = event.facts;
      return say({
        title: f.title,
        outlet: f.outlet,
        level: levelName(f.level, locale),
        points: points(f.points),
      });
    }
    case 'draft_idle': {
      const f = event.facts;
      return say({ title: f.title, since: time(f.since) });
    }
    case 'review_pending':
    case 'review_escalated': {
      const f = event.facts;
      return say({ unit: unit(f.unitName), title: f.title, since: time(f.since), hours: f.hours });
    }
    case 'quota_digest': {
      const f = event.facts;
      const lines = f.units
        .map((u) =>
          t(locale, 'notice-quota-line', { name: u.name, submitted: u.submitted, quota: u.quota }),
        )
        .join('\n');
      return say({ period: period(f.periodKey, locale), checkpoint: f.checkpoint, lines });
    }
    case 'quota_behind': {
      const f = event.facts;
      return say({
        name: f.name,
        period: period(f.periodKey, locale),
        checkpoint: f.checkpoint,
        submitted: f.submitted,
        quota: f.quota,
      });
    }
    case 'incident_deadline_soon':
    case 'incident_deadline_missed': {
      const f = event.facts;
      return say({
        severity: severityName(f.severity, locale),
        title: f.title,
        unit: unit(f.unitName),
        step: f.step,
        stepName: INCIDENT_STEP_LABELS[locale][f.step],
        dueAt: time(f.dueAt),
        role: f.role ?? 'responsible',
      });
    }
    case 'incident_opened':
    case 'incident_reported':
    case 'incident_closed': {
      const f = event.facts;
      return say({
        severity: severityName(f.severity, locale),
        title: f.title,
        unit: unit(f.unitName),
      });
    }
    case 'bulletin_appeal_open': {
      const f = event.facts;
      return say({
        unit: f.unitName,
        period: period(f.periodKey, locale),
        deadline: time(f.appealDeadline),
      });
    }
  }
}
