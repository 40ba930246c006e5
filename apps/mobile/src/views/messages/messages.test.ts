import type { NotificationEvent } from '@jyxc/api/client';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { i18n, setLocale } from '../../i18n.js';
import TabLayout from '../../layout/TabLayout.vue';
import { useAuthStore } from '../../stores/auth.js';
import { HEAD, OFFICER } from '../../test-support/people.js';
import MessagesView from './index.vue';

const api = vi.hoisted(() => ({
  listNotifications: vi.fn(),
  unreadCount: vi.fn(),
  readNotification: vi.fn(),
  readAllNotifications: vi.fn(),
  setNotificationLanguage: vi.fn(),
}));
vi.mock('../../api/notifications.js', () => ({ inbox: api }));

function message(id: string, event: NotificationEvent | null, read = false) {
  return {
    id,
    kind: event?.kind ?? 'retired_kind',
    event,
    urgent: event?.kind === 'incident_deadline_missed',
    createdAt: '2026-12-02T02:00:00.000Z',
    readAt: read ? '2026-12-02T03:00:00.000Z' : null,
  };
}

const returned = message('n1', {
  kind: 'submission_returned',
  facts: { submissionId: 's1', title: '防溺水教育', reviewerName: '钱校长', reason: '请补充人数' },
});
const toReview = message('n2', {
  kind: 'review_requested',
  facts: {
    submissionId: 's2',
    title: '读书月启动',
    unitName: '城关镇中心小学',
    authorName: '毛勇婷',
  },
});
const missed = message(
  'n3',
  {
    kind: 'incident_deadline_missed',
    facts: {
      incidentId: 'i1',
      title: '家长群转发不实消息',
      unitId: 'u-school',
      unitName: '城关镇中心小学',
      severity: 'major',
      step: 'report',
      dueAt: Date.parse('2026-12-02T03:00:00Z'),
    },
  },
  true,
);

function page(items: ReturnType<typeof message>[], unread = items.filter((i) => !i.readAt).length) {
  return { items, total: items.length, unread, page: 1, pageSize: 20 };
}

async function mountMessages(user = OFFICER) {
  const pinia = createPinia();
  setActivePinia(pinia);
  useAuthStore().user = user;
  useAuthStore().loaded = true;
  const stub = (name: string) => ({
    path: `/${name}/:id?`,
    name,
    component: { template: `<p>${name}</p>` },
  });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      {
        path: '/',
        component: TabLayout,
        children: [
          { path: 'messages', name: 'messages', component: MessagesView, meta: { tab: true } },
          stub('home'),
          stub('items'),
          stub('item'),
          stub('write'),
          stub('review'),
          stub('review-item'),
          stub('incident'),
          stub('me'),
        ],
      },
    ],
  });
  await router.push('/messages');
  const wrapper = mount(
    { template: '<router-view />' },
    { global: { plugins: [pinia, i18n, router] } },
  );
  await flushPromises();
  return { wrapper, router };
}

describe('the 消息 page', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    setLocale('zh-CN');
    api.listNotifications.mockResolvedValue(page([returned, missed]));
    api.unreadCount.mockResolvedValue({ unread: 1 });
    api.readNotification.mockResolvedValue({ ok: true });
    api.readAllNotifications.mockResolvedValue({ updated: 1 });
  });

  it('writes each event in the reader’s language, as the console’s message centre does', async () => {
    const { wrapper } = await mountMessages();
    const texts = wrapper.findAll('[data-test="message-text"]').map((t) => t.text());
    expect(texts[0]).toBe(
      '您的稿件《防溺水教育》被退回（审核人：钱校长）。退回原因：请补充人数。请修改后重新提交。',
    );
    expect(texts[1]).toContain('重大舆情《家长群转发不实消息》（城关镇中心小学）');
    expect(wrapper.find('[data-test="message-submission_returned"]').text()).toContain('退回');

    setLocale('en');
    await flushPromises();
    expect(wrapper.find('[data-test="message-text"]').text()).toBe(
      'Your item "防溺水教育" was returned (reviewer: 钱校长). Reason: 请补充人数. Please revise and submit it again.',
    );
    setLocale('zh-CN');
  });

  it('a message of a kind this version does not know still reads as a plain line', async () => {
    api.listNotifications.mockResolvedValue(page([message('n9', null)]));
    const { wrapper } = await mountMessages();
    expect(wrapper.find('[data-test="message-text"]').text()).toBe('您有一条新的平台通知。');
  });

  it('shows the unread count as a badge on the 消息 tab', async () => {
    api.listNotifications.mockResolvedValue(page([returned, toReview], 2));
    api.unreadCount.mockResolvedValue({ unread: 2 });
    const { wrapper } = await mountMessages();
    expect(wrapper.find('[data-test="tab-messages"]').text()).toContain('2');
  });

  it('tapping a message marks it read and opens the item it is about', async () => {
    const { wrapper, router } = await mountMessages();
    await wrapper.find('[data-test="message-submission_returned"]').trigger('click');
    await flushPromises();
    expect(api.readNotification).toHaveBeenCalledWith('n1');
    expect(router.currentRoute.value.name).toBe('item');
    expect(router.currentRoute.value.params.id).toBe('s1');
  });

  it('a message already read opens its incident without marking it again', async () => {
    const { wrapper, router } = await mountMessages();
    await wrapper.find('[data-test="message-incident_deadline_missed"]').trigger('click');
    await flushPromises();
    expect(api.readNotification).not.toHaveBeenCalled();
    expect(router.currentRoute.value.name).toBe('incident');
    expect(router.currentRoute.value.params.id).toBe('i1');
  });

  it('a unit head’s review request opens the review page', async () => {
    api.listNotifications.mockResolvedValue(page([toReview]));
    const { wrapper, router } = await mountMessages(HEAD);
    await wrapper.find('[data-test="message-review_requested"]').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.name).toBe('review-item');
    expect(router.currentRoute.value.params.id).toBe('s2');
  });

  it('a failed mark-read stays on the page and says why', async () => {
    const { ApiFailure } = await import('../../api/http.js');
    api.readNotification.mockRejectedValue(new ApiFailure(0, 'NETWORK', '网络连接中断'));
    const { wrapper, router } = await mountMessages();
    await wrapper.find('[data-test="message-submission_returned"]').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.name).toBe('messages');
    expect(wrapper.find('[data-test="message-submission_returned"]').classes()).toContain(
      'message--unread',
    );
  });

  it('the 未读 filter asks for unread messages only, and 全部已读 clears the badge', async () => {
    const { wrapper } = await mountMessages();
    await wrapper.find('[data-test="messages-unread"]').trigger('click');
    await flushPromises();
    expect(api.listNotifications).toHaveBeenLastCalledWith(
      expect.objectContaining({ unread: 'yes', page: '1' }),
    );
    expect(wrapper.find('[data-test="messages-unread"]').attributes('aria-pressed')).toBe('true');

    api.listNotifications.mockResolvedValue(page([], 0));
    await wrapper.find('[data-test="messages-read-all"]').trigger('click');
    await flushPromises();
    expect(api.readAllNotifications).toHaveBeenCalledTimes(1);
    expect(wrapper.find('[data-test="tab-messages"] .van-badge').exists()).toBe(false);
  });
});
