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
  /** DESIGN §7: the API waits for its first run; only the setup page can be used. */
  const setupRequired = ref(false);
  const loggedIn = computed(() => user.value !== null);

  const has = (role: string) => user.value?.roles.includes(role) ?? false;
  /** DESIGN §2: the bureau's own roles see the whole county. */
  const isBureau = computed(() => user.value?.unit.kind === 'bureau');
  const isAdmin = computed(() => has('admin'));
  const isReviewer = computed(() => has('reviewer'));
  const isLeader = computed(() => has('leader'));
  /** Bureau admins and reviewers run the evaluation (bulletins, adjustments). */
  const canRunEvaluation = computed(() => isAdmin.value || isReviewer.value);

  /** Asks the API who is logged in; a 401 simply means nobody. */
  async function load(): Promise<void> {
    try {
      const body = await call(api.auth.me.$get(), { quiet401: true });
      user.value = body.user;
      setupRequired.value = false;
    } catch (error) {
      user.value = null;
      if (error instanceof ApiFailure && error.code === 'SETUP.REQUIRED') {
        setupRequired.value = true;
        return;
      }
      if (!(error instanceof ApiFailure && error.status === 401)) throw error;
    } finally {
      loaded.value = true;
    }
  }

  async function login(username: string, password: string): Promise<void> {
    const body = await call(api.auth.login.$post({ json: { username, password } }), {
      quiet401: true,
    });
    user.value = body.user;
  }

  async function logout(): Promise<void> {
    await call(api.auth.logout.$post(), { quiet401: true });
    user.value = null;
  }

  /** The session ended on the server; the next page load asks again. */
  function forget(): void {
    user.value = null;
  }

  return {
    user,
    loaded,
    setupRequired,
    loggedIn,
    has,
    isBureau,
    isAdmin,
    isReviewer,
    isLeader,
    canRunEvaluation,
    load,
    login,
    logout,
    forget,
  };
});
