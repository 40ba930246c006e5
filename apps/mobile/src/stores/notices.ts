import { defineStore } from 'pinia';
import { ref } from 'vue';

export type NoticeKind = 'success' | 'warning' | 'danger';

export interface Notice {
  readonly id: number;
  readonly kind: NoticeKind;
  readonly message: string;
}

/**
 * What just happened, said in a live region (components/NoticeHost.vue) that screen readers
 * announce; failures and warnings stay longer than confirmations.
 */
export const useNoticesStore = defineStore('notices', () => {
  const notices = ref<Notice[]>([]);
  let next = 1;

  function say(kind: NoticeKind, message: string, durationMs?: number): void {
    const id = next++;
    notices.value = [...notices.value, { id, kind, message }];
    const ms = durationMs ?? (kind === 'success' ? 2000 : 5000);
    window.setTimeout(() => dismiss(id), ms);
  }

  function dismiss(id: number): void {
    notices.value = notices.value.filter((n) => n.id !== id);
  }

  return {
    notices,
    dismiss,
    success: (message: string) => say('success', message),
    warning: (message: string, durationMs?: number) => say('warning', message, durationMs),
    danger: (message: string) => say('danger', message),
  };
});
