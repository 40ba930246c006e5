import { api, call } from './http.js';

type InboxQuery = NonNullable<Parameters<typeof api.notifications.$get>[0]>['query'];

export const listNotifications = (q: InboxQuery) => call(api.notifications.$get({ query: q }));
export type NotificationPage = Awaited<ReturnType<typeof listNotifications>>;
export type NotificationItem = NotificationPage['items'][number];

export const unreadCount = () => call(api.notifications['unread-count'].$get());
export const readNotification = (id: string) =>
  call(api.notifications[':id'].read.$post({ param: { id } }));
export const readAllNotifications = () => call(api.notifications['read-all'].$post());
export const setNotificationLanguage = (locale: 'zh-CN' | 'en') =>
  call(api.notifications.language.$put({ json: { locale } }));
