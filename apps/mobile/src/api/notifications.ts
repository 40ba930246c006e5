import { inboxCalls } from '@jyxc/web/inbox';
import { http } from './http.js';

export type { NotificationItem, NotificationPage } from '@jyxc/web/inbox';

/** The message centre's calls over this app's client. */
export const inbox = inboxCalls(http);
