import { defineStore } from 'pinia';
import { ref } from 'vue';
import { inbox } from '../api/notifications.js';

/**
 * The unread count on the 消息 tab (DESIGN §7). A phone sleeps more than it waits on a page, so
 * the count is asked for when a page opens and when the app comes back to the screen, not on
 * a timer that would wake the radio for nothing.
 */
export const useInboxStore = defineStore('inbox', () => {
  const unread = ref(0);

  async function refresh(): Promise<void> {
    try {
      unread.value = (await inbox.unreadCount()).unread;
    } catch {
      // Offline or logged out: the badge keeps its last count until the next page asks again.
    }
  }

  return { unread, refresh };
});
