import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { handleUnauthorized } from '../api/http.js';
import { useAuthStore } from '../stores/auth.js';

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean;
    /** The i18n key of the page's title. */
    title?: string;
    /** Only these roles may open the page (any of them). */
    roles?: readonly string[];
  }
}

const ADMIN = ['admin'] as const;

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('../views/login/index.vue'),
    meta: { public: true, title: 'login.title' },
  },
  {
    path: '/setup',
    name: 'setup',
    component: () => import('../views/setup/index.vue'),
    meta: { public: true, title: 'setup.title' },
  },
  {
    path: '/',
    component: () => import('../layout/AppLayout.vue'),
    children: [
      { path: '', redirect: { name: 'dashboard' } },
      {
        path: 'dashboard',
        name: 'dashboard',
        component: () => import('../views/dashboard/index.vue'),
        meta: { title: 'nav.dashboard' },
      },
      {
        path: 'submissions',
        name: 'submissions',
        component: () => import('../views/submissions/index.vue'),
        meta: { title: 'nav.submissions' },
      },
      {
        path: 'submissions/new',
        name: 'submission-new',
        component: () => import('../views/submission-editor/index.vue'),
        meta: { title: 'editor.newTitle' },
      },
      {
        path: 'submissions/:id',
        name: 'submission',
        component: () => import('../views/submission-detail/index.vue'),
        meta: { title: 'detail.title' },
      },
      {
        path: 'submissions/:id/edit',
        name: 'submission-edit',
        component: () => import('../views/submission-editor/index.vue'),
        meta: { title: 'editor.editTitle' },
      },
      {
        path: 'units',
        name: 'units',
        component: () => import('../views/units/index.vue'),
        meta: { title: 'nav.units' },
      },
      {
        path: 'evaluation',
        name: 'evaluation',
        component: () => import('../views/evaluation/index.vue'),
        meta: { title: 'nav.evaluationResults' },
      },
      {
        path: 'evaluation/bulletins',
        name: 'bulletins',
        component: () => import('../views/bulletins/index.vue'),
        meta: { title: 'nav.bulletins' },
      },
      {
        path: 'evaluation/bulletins/:id',
        name: 'bulletin',
        component: () => import('../views/bulletin-detail/index.vue'),
        meta: { title: 'bulletin.title' },
      },
      {
        path: 'evaluation/scheme',
        name: 'scheme',
        component: () => import('../views/scheme/index.vue'),
        meta: { title: 'nav.scheme' },
      },
      {
        path: 'evaluation/adjustments',
        name: 'adjustments',
        component: () => import('../views/adjustments/index.vue'),
        meta: { title: 'nav.adjustments', roles: ['admin', 'reviewer', 'leader'] },
      },
      {
        path: 'evaluation/outlets',
        name: 'outlets',
        component: () => import('../views/outlets/index.vue'),
        meta: { title: 'nav.outlets', roles: ['admin', 'reviewer', 'leader'] },
      },
      {
        path: 'incidents',
        name: 'incidents',
        component: () => import('../views/incidents/index.vue'),
        meta: { title: 'nav.incidents' },
      },
      {
        path: 'campaigns',
        name: 'campaigns',
        component: () => import('../views/campaigns/index.vue'),
        meta: { title: 'nav.campaigns' },
      },
      {
        path: 'system/users',
        name: 'users',
        component: () => import('../views/users/index.vue'),
        meta: { title: 'nav.users', roles: ADMIN },
      },
      {
        path: 'system/import',
        name: 'import',
        component: () => import('../views/import/index.vue'),
        meta: { title: 'nav.import', roles: ADMIN },
      },
      {
        path: 'notifications',
        name: 'notifications',
        component: () => import('../views/notifications/index.vue'),
        meta: { title: 'inbox.title' },
      },
      {
        path: 'system/deliveries',
        name: 'deliveries',
        component: () => import('../views/deliveries/index.vue'),
        meta: { title: 'nav.deliveries', roles: ADMIN },
      },
      {
        path: 'system/chat-links',
        name: 'chat-links',
        component: () => import('../views/chat-links/index.vue'),
        meta: { title: 'nav.chatLinks', roles: ADMIN },
      },
      {
        path: 'system/audit',
        name: 'audit',
        component: () => import('../views/audit/index.vue'),
        meta: { title: 'nav.audit', roles: ADMIN },
      },
      {
        path: 'forbidden',
        name: 'forbidden',
        component: () => import('../views/forbidden/index.vue'),
        meta: { title: 'forbidden.title' },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('../views/not-found/index.vue'),
        meta: { title: 'notFound.title' },
      },
    ],
  },
];

export const router = createRouter({ history: createWebHistory(), routes });

// Every page but login needs a session; after logging in the user returns where they were.
router.beforeEach(async (to) => {
  const auth = useAuthStore();
  if (!auth.loaded) await auth.load();
  // DESIGN §7: before the first run only the setup page works; afterwards it says so itself.
  if (auth.setupRequired) return to.name === 'setup' ? true : { name: 'setup' };
  if (to.meta.public) return auth.loggedIn && to.name === 'login' ? { name: 'dashboard' } : true;
  if (!auth.loggedIn) return { name: 'login', query: { redirect: to.fullPath } };
  const roles = to.meta.roles;
  if (roles && !roles.some((role) => auth.has(role))) {
    return { name: 'forbidden', query: { from: to.fullPath } };
  }
  return true;
});

// Any 401 means the session expired: back to login, then to the page the user was on.
handleUnauthorized(() => {
  const auth = useAuthStore();
  auth.forget();
  const current = router.currentRoute.value;
  if (current.name === 'login') return;
  void router.replace({ name: 'login', query: { redirect: current.fullPath, expired: '1' } });
});
