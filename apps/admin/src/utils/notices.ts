import type { NotificationEvent } from '@jyxc/api/client';
import { noticeOf as writeNotice, type NoticeSubject, type Translate } from '@jyxc/web/notices';
import type { RouteLocationRaw } from 'vue-router';

/** A notification in the console's message centre: the shared sentence and a console page. */
export interface Notice {
  readonly label: string;
  readonly text: string;
  /** The page of the thing it is about, if there is one. */
  readonly link: RouteLocationRaw | null;
}

/** The console's page of a notification's subject; incidents are handled on their list. */
function pageOf(subject: NoticeSubject | null): RouteLocationRaw | null {
  if (subject === null) return null;
  switch (subject.kind) {
    case 'submission':
      return { name: 'submission', params: { id: subject.id } };
    case 'incident':
      return { name: 'incidents' };
    case 'evaluation':
      return { name: 'evaluation', query: { period: subject.periodKey } };
    case 'bulletin':
      return { name: 'bulletin', params: { id: subject.id } };
  }
}

export function noticeOf(event: NotificationEvent | null, t: Translate, lang: string): Notice {
  const { label, text, subject } = writeNotice(event, t, lang);
  return { label, text, link: pageOf(subject) };
}
