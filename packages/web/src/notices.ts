import type { NotificationEvent } from '@jyxc/api/client';
import {
  ADOPTION_LEVEL_LABELS,
  INCIDENT_SEVERITY_LABELS,
  INCIDENT_STEP_LABELS,
  isAdoptionLevel,
  isLocale,
  type Locale,
} from '@jyxc/domain';
import { formatDateTime, formatPeriod, formatScore } from './format.js';

export { noticeWordsEn, noticeWordsZhCN } from './notice-words.js';

/** The app's translate function over keys that include `notices.*` ({@link noticeWordsZhCN}). */
export type Translate = (key: string, values?: Record<string, unknown>) => string;

/** What a notification is about; each app turns it into a page of its own. */
export type NoticeSubject =
  | { readonly kind: 'submission'; readonly id: string }
  | { readonly kind: 'incident'; readonly id: string }
  | { readonly kind: 'evaluation'; readonly periodKey: string }
  | { readonly kind: 'bulletin'; readonly id: string };

/**
 * A notification as a message centre shows it (DESIGN §4, §7): the API keeps the event's kind
 * and facts, the sentence is written here from the app's locale (`notices.*`), the same in the
 * console and on the phone.
 */
export interface Notice {
  /** Short, for the list: `待审核`, `退回`, `采用`… */
  readonly label: string;
  readonly text: string;
  /** The thing it is about, if there is one. */
  readonly subject: NoticeSubject | null;
}

function severity(value: string, locale: Locale): string {
  const labels: Readonly<Record<string, string>> = INCIDENT_SEVERITY_LABELS[locale];
  return labels[value] ?? value;
}

/** The label, sentence and subject of an event in `lang`; an unknown event reads as a plain line. */
export function noticeOf(event: NotificationEvent | null, t: Translate, lang: string): Notice {
  const locale: Locale = isLocale(lang) ? lang : 'zh-CN';
  if (event === null)
    return { label: t('notices.label.other'), text: t('notices.unknown'), subject: null };
  const label = t(`notices.label.${event.kind}`);
  const say = (values: Record<string, unknown>) => t(`notices.kinds.${event.kind}`, values);
  const unit = (name: string | undefined) => name ?? t('notices.yourUnit');
  const submission = (id: string): NoticeSubject => ({ kind: 'submission', id });
  const incident = (id: string): NoticeSubject => ({ kind: 'incident', id });
  switch (event.kind) {
    case 'review_requested':
      return {
        label,
        text: say({
          unit: unit(event.facts.unitName),
          title: event.facts.title,
          author: event.facts.authorName ?? '—',
        }),
        subject: submission(event.facts.submissionId),
      };
    case 'review_settled':
      return {
        label,
        text: say({
          unit: unit(event.facts.unitName),
          title: event.facts.title,
          actor: event.facts.actorName,
          at: formatDateTime(event.facts.at),
          outcome: t(`notices.outcome.${event.facts.outcome}`),
        }),
        subject: submission(event.facts.submissionId),
      };
    case 'submission_forwarded':
    case 'submission_returned':
    case 'submission_adopted':
    case 'submission_not_adopted': {
      // The sentence ends the reason itself: a reason typed with its own full stop would read
      // 。。 otherwise.
      const reason = event.facts.reason?.trim().replace(/[。.]+$/u, '') ?? '';
      return {
        label,
        text: say({
          title: event.facts.title,
          reviewer: event.facts.reviewerName ?? '—',
          reason: reason === '' ? t('notices.noReason') : reason,
        }),
        subject: submission(event.facts.submissionId),
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
        subject: submission(f.submissionId),
      };
    }
    case 'draft_idle':
      return {
        label,
        text: say({ title: event.facts.title, since: formatDateTime(event.facts.since) }),
        subject: submission(event.facts.submissionId),
      };
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
        subject: submission(event.facts.submissionId),
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
        subject: { kind: 'evaluation', periodKey: f.periodKey },
      };
    }
    case 'incident_deadline_soon':
    case 'incident_deadline_missed':
    case 'incident_opened':
    case 'incident_reported':
    case 'incident_closed': {
      const f = event.facts;
      const about = {
        severity: severity(f.severity, locale),
        title: f.title,
        unit: unit(f.unitName),
      };
      // The deadline kinds also name the step that is due and when.
      const due =
        'step' in f
          ? { step: INCIDENT_STEP_LABELS[locale][f.step], dueAt: formatDateTime(f.dueAt) }
          : {};
      return { label, text: say({ ...about, ...due }), subject: incident(f.incidentId) };
    }
    case 'bulletin_appeal_open':
      return {
        label,
        text: say({
          period: formatPeriod(event.facts.periodKey, locale),
          unit: event.facts.unitName,
          deadline: formatDateTime(event.facts.appealDeadline),
        }),
        subject: { kind: 'bulletin', id: event.facts.bulletinId },
      };
  }
}
