import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { i18n } from '../../i18n.js';
import { useAuthStore } from '../../stores/auth.js';
import { fakeApi, json, settle } from '../../test-support/fake-api.js';
import BulletinDetail from './index.vue';

const HOUR = 3_600_000;

function draft(deadline: number, open: boolean) {
  return {
    id: 'b1',
    title: '2026年上半年教育信息宣传工作通报',
    status: 'draft',
    generatedAt: new Date(deadline - 5 * 24 * HOUR).toISOString(),
    appealDeadline: new Date(deadline).toISOString(),
    appealWindowOpen: open,
    pendingAppeals: 0,
    publishedAt: null,
    schemeVersion: 1,
    appeals: [],
    evaluation: { units: [] },
    officers: [],
    // What the API lists for an admin (DESIGN §6): no publishing while the window is open.
    actions: open
      ? {
          allowed: [],
          refused: [
            {
              action: 'publish',
              code: 'BULLETIN.APPEAL_WINDOW_OPEN',
              message: {
                'zh-CN': '异议期尚未结束，不能发布',
                en: 'The appeal period is not over yet',
              },
            },
          ],
        }
      : { allowed: ['publish'], refused: [] },
  };
}

async function mountAsAdmin() {
  const pinia = createPinia();
  setActivePinia(pinia);
  useAuthStore().user = {
    id: 'p1',
    name: '陈管理',
    username: 'admin',
    unit: { id: 'u0', name: '县教体局', kind: 'bureau' },
    roles: ['admin'],
  };
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/evaluation/bulletins/:id', component: BulletinDetail }],
  });
  await router.push('/evaluation/bulletins/b1');
  const wrapper = mount(BulletinDetail, {
    global: { plugins: [pinia, i18n, router, ElementPlus] },
  });
  await settle();
  return wrapper;
}

describe('a draft bulletin during its appeal window', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('counts down to the end of the window instead of offering to publish, then offers it', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-07-10T02:00:00Z'), shouldAdvanceTime: true });
    const deadline = Date.now() + 2 * HOUR + 5 * 60_000;
    let open = true;
    const { fetch, sent } = fakeApi(() => json(draft(deadline, open)));
    vi.stubGlobal('fetch', fetch);
    const wrapper = await mountAsAdmin();

    expect(wrapper.find('[data-test="publish-bulletin"]').exists()).toBe(false);
    const timer = wrapper.find('[data-test="publish-countdown"]');
    expect(timer.text()).toContain('异议期内不能发布：还有 0 天 2 小时 5 分');

    // The window ends: the page asks again and the server now allows publishing.
    open = false;
    vi.advanceTimersByTime(2 * HOUR + 5 * 60_000 + 1000);
    await settle();
    expect(sent.filter((r) => r.path === '/api/bulletins/b1').length).toBeGreaterThanOrEqual(2);
    expect(wrapper.find('[data-test="publish-countdown"]').exists()).toBe(false);
    expect(wrapper.find('[data-test="publish-bulletin"]').exists()).toBe(true);
    wrapper.unmount();
  });
});
