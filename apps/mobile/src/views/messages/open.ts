import type { NoticeSubject } from '@jyxc/web/notices';
import type { RouteLocationRaw } from 'vue-router';

/** Kinds that ask the reader to review the item, not just to look at it. */
const REVIEW_KINDS: ReadonlySet<string> = new Set([
  'review_requested',
  'review_pending',
  'review_escalated',
]);

/**
 * The phone page of what a message is about: the item (its review page when the message asks
 * a reviewer to act), the incident, or the home page's rank and quota for a period's progress.
 * A bulletin has no phone page; its message is read in place.
 */
export function pageOf(
  kind: string,
  subject: NoticeSubject | null,
  canReview: boolean,
): RouteLocationRaw | null {
  if (subject === null) return null;
  switch (subject.kind) {
    case 'submission':
      return canReview && REVIEW_KINDS.has(kind)
        ? { name: 'review-item', params: { id: subject.id } }
        : { name: 'item', params: { id: subject.id } };
    case 'incident':
      return { name: 'incident', params: { id: subject.id } };
    case 'evaluation':
      return { name: 'home' };
    case 'bulletin':
      return null;
  }
}
