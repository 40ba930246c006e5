import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { ApiFailure, api, call } from '../api/http.js';

export interface CurrentUser {
  readonly id: string;
  readonly name: string;
  readonly username: string;
  readonly unit: { readonly id: string; readonly name: string; readonly kind: string };
  readonly roles: readonly string[];
}

/**
 * Who is using the phone. The session itself is the API's cookie (30 days), so a person who
 * logged in once stays logged in across closed tabs and restarts until they log out.
 */
export const useAuthStore = defineStore('auth', () => {
  const user = ref<CurrentUser | null>(null);
  const loaded = ref(false);
  const has = (role: string) => user.value?.roles.includes(role) ?? false;
  /**
   * DESIGN §3.2: township centers and direct units review (a township's officer edits its
   * schools' items, its deputy or head approves); schools and the bureau's staff on a phone do not.
   */
  const canReview = computed(() => {
    const kind = user.value?.unit.kind;
    const reviewingUnit = kind === 'township_center' || kind === 'direct_unit';
    return reviewingUnit && (has('head') || has('deputy') || has('officer'));
  });

  async function load(): Promise<void> {
    try {
      user.value = (await call(api.auth.me.$get(), { quiet401: true })).user;
    } catch (error) {
      if (!(error instanceof ApiFailure && (error.status === 401 || error.offline))) throw error;
      // Offline: the page still opens what it can; the next answer tells the truth.
      if (error.status === 401) user.value = null;
    } finally {
      loaded.value = true;
    }
  }

  async function login(username: string, password: string): Promise<void> {
    user.value = (
      await call(api.auth.login.$post({ json: { username, password } }), { quiet401: true })
    ).user;
  }

  async function logout(): Promise<void> {
    await call(api.auth.logout.$post(), { quiet401: true });
    user.value = null;
  }

  function forget(): void {
    user.value = null;
  }

  return { user, loaded, has, canReview, load, login, logout, forget };
});
