import { createRouter, createWebHistory } from 'vue-router';
import { useAuthStore } from '../stores/auth.js';

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', name: 'login', component: () => import('../views/login/index.vue'), meta: { public: true } },
    { path: '/', name: 'home', component: () => import('../views/home/index.vue') },
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
});

// Every page but login needs a session; after logging in the user returns where they were.
router.beforeEach(async (to) => {
  const auth = useAuthStore();
  if (!auth.loaded) await auth.load();
  if (to.meta.public) return auth.loggedIn && to.name === 'login' ? { name: 'home' } : true;
  if (!auth.loggedIn) return { name: 'login', query: { redirect: to.fullPath } };
  return true;
});
