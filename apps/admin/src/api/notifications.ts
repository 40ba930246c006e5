import { inboxCalls } from '@jyxc/web/inbox';
import { api, call, http } from './http.js';

export type { NotificationItem, NotificationPage } from '@jyxc/web/inbox';

/** The message centre's calls over this app's client. */
export const inbox = inboxCalls(http);

type FailedQuery = NonNullable<Parameters<typeof api.outbox.failed.$get>[0]>['query'];

export const listFailedDeliveries = (q: FailedQuery) => call(api.outbox.failed.$get({ query: q }));
export type FailedPage = Awaited<ReturnType<typeof listFailedDeliveries>>;
export const retryDelivery = (id: string) => call(api.outbox[':id'].retry.$post({ param: { id } }));
