import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { handleUnauthorized } from '../api/http.js';
import { useAuthStore } from '../stores/auth.js';

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean;
    /** The i18n key of the page's title. */
    title?: string;
    /** Pages reached from a tab show no back arrow. */
    tab?: boolean;
  }
}

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('../views/login/index.vue'),
    meta: { public: true, title: 'login.title' },
  },
  {
    path: '/',
    component: () => import('../layout/TabLayout.vue'),
    children: [
      {
        path: '',
        name: 'home',
        component: () => import('../views/home/index.vue'),
        meta: { title: 'nav.home', tab: true },
      },
      {
        path: 'write',
        name: 'write',
        component: () => import('../views/write/index.vue'),
        meta: { title: 'nav.write', tab: true },
      },
      {
        path: 'items',
        name: 'items',
        component: () => import('../views/items/index.vue'),
        meta: { title: 'nav.items', tab: true },
      },
      {
        path: 'items/:id',
        name: 'item',
        component: () => import('../views/item/index.vue'),
        meta: { title: 'item.title' },
      },
      {
        path: 'items/:id/edit',
        name: 'item-edit',
        component: () => import('../views/write/index.vue'),
        meta: { title: 'write.editTitle' },
      },
      {
        path: 'review',
        name: 'review',
        component: () => import('../views/review/index.vue'),
        meta: { title: 'nav.review', tab: true },
      },
      {
        path: 'review/:id',
        name: 'review-item',
        component: () => import('../views/review-item/index.vue'),
        meta: { title: 'review.itemTitle' },
      },
      {
        path: 'incidents',
        name: 'incidents',
        component: () => import('../views/incidents/index.vue'),
        meta: { title: 'nav.incidents' },
      },
      {
        path: 'incidents/new',
        name: 'incident-new',
        component: () => import('../views/incident-new/index.vue'),
        meta: { title: 'incident.newTitle' },
      },
      {
        path: 'incidents/:id',
        name: 'incident',
        component: () => import('../views/incident/index.vue'),
        meta: { title: 'incident.title' },
      },
      {
        path: 'messages',
        name: 'messages',
        component: () => import('../views/messages/index.vue'),
        meta: { title: 'nav.messages', tab: true },
      },
      {
        path: 'me',
        name: 'me',
        component: () => import('../views/me/index.vue'),
        meta: { title: 'nav.me', tab: true },
      },
    ],
  },
  { path: '/:rest(.*)*', redirect: '/' },
];

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
});

router.beforeEach(async (to) => {
  const auth = useAuthStore();
  if (!auth.loaded) await auth.load();
  if (to.meta.public) return auth.user !== null && to.name === 'login' ? { name: 'home' } : true;
  if (auth.user === null) return { name: 'login', query: { redirect: to.fullPath } };
  return true;
});

handleUnauthorized(() => {
  const auth = useAuthStore();
  auth.forget();
  const here = router.currentRoute.value;
  if (here.name !== 'login')
    void router.replace({ name: 'login', query: { redirect: here.fullPath, expired: '1' } });
});
