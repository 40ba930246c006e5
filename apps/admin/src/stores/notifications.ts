import { defineStore } from 'pinia';
import { ref } from 'vue';
import { inbox } from '../api/notifications.js';

/** How often the header asks for the unread count while the console is open. */
const REFRESH_MS = 60_000;

/** The unread count of the header's bell (DESIGN §7), kept fresh while someone is logged in. */
export const useNotificationsStore = defineStore('notifications', () => {
  const unread = ref(0);
  let timer: ReturnType<typeof setInterval> | null = null;

  async function refresh(): Promise<void> {
    try {
      unread.value = (await inbox.unreadCount()).unread;
    } catch {
      // The bell keeps its last count; the next refresh tries again.
    }
  }

  function start(): void {
    void refresh();
    timer ??= setInterval(() => void refresh(), REFRESH_MS);
  }

  function stop(): void {
    if (timer !== null) clearInterval(timer);
    timer = null;
  }

  return { unread, refresh, start, stop };
});
