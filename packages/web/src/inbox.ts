import type { createHttp } from './http.js';

type Http = Pick<ReturnType<typeof createHttp>, 'api' | 'call'>;

/**
 * The message centre's calls (DESIGN §7): the reader's notifications, the unread count,
 * marking read, and the language chat notifications are written in. The console and the phone
 * app make them over their own client.
 */
export function inboxCalls({ api, call }: Http) {
  type InboxQuery = NonNullable<Parameters<typeof api.notifications.$get>[0]>['query'];
  return {
    listNotifications: (query: InboxQuery) => call(api.notifications.$get({ query })),
    unreadCount: () => call(api.notifications['unread-count'].$get()),
    readNotification: (id: string) => call(api.notifications[':id'].read.$post({ param: { id } })),
    readAllNotifications: () => call(api.notifications['read-all'].$post()),
    setNotificationLanguage: (locale: 'zh-CN' | 'en') =>
      call(api.notifications.language.$put({ json: { locale } })),
  };
}

export type NotificationPage = Awaited<
  ReturnType<ReturnType<typeof inboxCalls>['listNotifications']>
>;
export type NotificationItem = NotificationPage['items'][number];
