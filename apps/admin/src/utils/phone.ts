import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

/** DESIGN §6: below this width lists become cards and filters fold away. */
export const PHONE_MAX_WIDTH = 767.98;

/**
 * Whether the window is phone-sized now (below 768 px), following a rotation or a resize.
 * Read during setup, so the first render already picks the right layout.
 */
export function usePhone(): Ref<boolean> {
  const query = window.matchMedia(`(max-width: ${PHONE_MAX_WIDTH}px)`);
  const phone = ref(query.matches);
  const update = (): void => {
    phone.value = query.matches;
  };
  onMounted(() => query.addEventListener('change', update));
  onBeforeUnmount(() => query.removeEventListener('change', update));
  return phone;
}
