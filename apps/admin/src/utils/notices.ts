import type { NotificationEvent } from '@jyxc/api/client';
import {
  ADOPTION_LEVEL_LABELS,
  INCIDENT_SEVERITY_LABELS,
  INCIDENT_STEP_LABELS,
  isAdoptionLevel,
  isLocale,
  type Locale,
} from '@jyxc/domain';
import type { RouteLocationRaw } from 'vue-router';
import { formatDateTime, formatPeriod, formatScore } from './format.js';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/**
 * A notification as the message centre shows it (DESIGN §4, §7): the API keeps the event's kind
 * and facts, the sentence is written here from the console's locale files (`notices.*`).
 */
export interface Notice {
  /** Short, for the list: `待审核`, `退回`, `采用`… */
  readonly label: string;
  readonly text: string;
  /** The page of the thing it is about, if there is one. */
  readonly link: RouteLocationRaw | null;
}

function severity(value: string, locale: Locale): string {
  const labels: Readonly<Record<string, string>> = INCIDENT_SEVERITY_LABELS[locale];
  return labels[value] ?? value;
}

export function noticeOf(event: NotificationEvent | null, t: Translate, lang: string): Notice {
  const locale: Locale = isLocale(lang) ? lang : 'zh-CN';
  if (event === null)
    return { label: t('notices.label.other'), text: t('notices.unknown'), link: null };
  const label = t(`notices.label.${event.kind}`);
  const say = (values: Record<string, unknown>) => t(`notices.kinds.${event.kind}`, values);
  const unit = (name: string | undefined) => name ?? t('notices.yourUnit');
  const toSubmission = (id: string): RouteLocationRaw => ({ name: 'submission', params: { id } });
  switch (event.kind) {
    case 'review_requested':
      return {
        label,
        text: say({
          unit: unit(event.facts.unitName),
          title: event.facts.title,
          author: event.facts.authorName ?? '—',
        }),
        link: toSubmission(event.facts.submissionId),
      };
    case 'submission_forwarded':
    case 'submission_returned':
    case 'submission_adopted':
    case 'submission_not_adopted': {
      const reason = event.facts.reason?.trim() ?? '';
      return {
        label,
        text: say({
          title: event.facts.title,
          reviewer: event.facts.reviewerName ?? '—',
          reason: reason === '' ? t('notices.noReason') : reason,
        }),
        link: toSubmission(event.facts.submissionId),
      };
    }
    case 'adoption_credited':
    case 'unit_adoption': {
      const f = event.facts;
      const level = isAdoptionLevel(f.level) ? ADOPTION_LEVEL_LABELS[locale][f.level] : f.level;
      const share = 'share' in f && f.share !== undefined && f.share !== f.points ? f.share : null;
      const text = say({ title: f.title, outlet: f.outlet, level, points: formatScore(f.points) });
      return {
        label,
        text: share === null ? text : `${text}${t('notices.share', { share: formatScore(share) })}`,
        link: toSubmission(f.submissionId),
      };
    }
    case 'review_pending':
    case 'review_escalated':
      return {
        label,
        text: say({
          unit: unit(event.facts.unitName),
          title: event.facts.title,
          since: formatDateTime(event.facts.since),
          hours: event.facts.hours,
        }),
        link: toSubmission(event.facts.submissionId),
      };
    case 'quota_digest':
    case 'quota_behind': {
      const f = event.facts;
      const units =
        'units' in f
          ? f.units.map((u) => `${u.name} ${u.submitted}/${u.quota}`).join(t('notices.separator'))
          : `${f.name} ${f.submitted}/${f.quota}`;
      return {
        label,
        text: say({
          period: formatPeriod(f.periodKey, locale),
          checkpoint: t(`notices.checkpoint.${f.checkpoint}`),
          units,
        }),
        link: { name: 'evaluation', query: { period: f.periodKey } },
      };
    }
    case 'incident_deadline_soon':
    case 'incident_deadline_missed':
      return {
        label,
        text: say({
          severity: severity(event.facts.severity, locale),
          title: event.facts.title,
          unit: unit(event.facts.unitName),
          step: INCIDENT_STEP_LABELS[locale][event.facts.step],
          dueAt: formatDateTime(event.facts.dueAt),
        }),
        link: { name: 'incidents' },
      };
    case 'incident_reported':
    case 'incident_closed':
      return {
        label,
        text: say({
          severity: severity(event.facts.severity, locale),
          title: event.facts.title,
          unit: unit(event.facts.unitName),
        }),
        link: { name: 'incidents' },
      };
    case 'bulletin_appeal_open':
      return {
        label,
        text: say({
          period: formatPeriod(event.facts.periodKey, locale),
          unit: event.facts.unitName,
          deadline: formatDateTime(event.facts.appealDeadline),
        }),
        link: { name: 'bulletin', params: { id: event.facts.bulletinId } },
      };
  }
}
