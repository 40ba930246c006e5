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

export const useAuthStore = defineStore('auth', () => {
  const user = ref<CurrentUser | null>(null);
  const loaded = ref(false);
  const loggedIn = computed(() => user.value !== null);

  /** Asks the API who is logged in; a 401 simply means nobody. */
  async function load(): Promise<void> {
    try {
      const body = await call(api.auth.me.$get());
      user.value = body.user;
    } catch (error) {
      if (!(error instanceof ApiFailure && error.status === 401)) throw error;
      user.value = null;
    } finally {
      loaded.value = true;
    }
  }

  async function login(username: string, password: string): Promise<void> {
    const body = await call(api.auth.login.$post({ json: { username, password } }));
    user.value = body.user;
  }

  async function logout(): Promise<void> {
    await call(api.auth.logout.$post());
    user.value = null;
  }

  return { user, loaded, loggedIn, load, login, logout };
});
