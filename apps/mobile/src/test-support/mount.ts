import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { Component } from 'vue';
import { createMemoryHistory, createRouter, type RouteRecordRaw } from 'vue-router';
import { i18n } from '../i18n.js';
import { useAuthStore, type CurrentUser } from '../stores/auth.js';

/**
 * `view` mounted as `user` sees it at `path`, among `routes` (the pages it may open), with the
 * app's stores, messages and router, once its first loads have settled.
 */
export async function mountAt(
  view: Component,
  { user, path, routes }: { user: CurrentUser; path: string; routes: RouteRecordRaw[] },
) {
  const pinia = createPinia();
  setActivePinia(pinia);
  useAuthStore().user = user;
  const router = createRouter({ history: createMemoryHistory(), routes });
  await router.push(path);
  const wrapper = mount(view, { global: { plugins: [pinia, i18n, router] } });
  await flushPromises();
  return { wrapper, router };
}
