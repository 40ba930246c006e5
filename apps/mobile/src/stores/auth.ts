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

const REMEMBERED = 'jyxc.m.user';

/** Who used this phone last, so that drafts open and wait while there is no connection. */
function remembered(): CurrentUser | null {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(REMEMBERED) ?? 'null');
    if (typeof value !== 'object' || value === null) return null;
    const u = value as Partial<CurrentUser>;
    return typeof u.id === 'string' &&
      typeof u.name === 'string' &&
      Array.isArray(u.roles) &&
      u.unit
      ? (value as CurrentUser)
      : null;
  } catch {
    return null;
  }
}

function remember(user: CurrentUser | null): void {
  if (user === null) localStorage.removeItem(REMEMBERED);
  else localStorage.setItem(REMEMBERED, JSON.stringify(user));
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
      remember(user.value);
    } catch (error) {
      if (!(error instanceof ApiFailure && (error.status === 401 || error.offline))) throw error;
      // Offline: the person who used the phone last goes on writing; the server decides later.
      user.value = error.offline ? remembered() : null;
      if (!error.offline) remember(null);
    } finally {
      loaded.value = true;
    }
  }

  async function login(username: string, password: string): Promise<void> {
    user.value = (
      await call(api.auth.login.$post({ json: { username, password } }), { quiet401: true })
    ).user;
    remember(user.value);
  }

  async function logout(): Promise<void> {
    await call(api.auth.logout.$post(), { quiet401: true });
    user.value = null;
    remember(null);
  }

  function forget(): void {
    user.value = null;
    remember(null);
  }

  return { user, loaded, has, canReview, load, login, logout, forget };
});
