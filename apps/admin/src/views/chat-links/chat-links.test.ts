import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../i18n.js';
import ChatLinks from './index.vue';

const json = (body: unknown) =>
  new Response(JSON.stringify(body), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });

async function settle(): Promise<void> {
  for (let i = 0; i < 4; i += 1) {
    await flushPromises();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const group = (over: Record<string, unknown>) => ({
  id: 'g1',
  channel: 'telegram',
  chatId: '-1001470',
  title: '城关镇中心校工作群',
  unit: { id: 'cg', name: '城关镇中心校' },
  linkedBy: { id: 'p1', name: '李信息' },
  linkedAt: '2026-04-01T03:00:00.000Z',
  lastSeenAt: null,
  removedAt: null,
  ...over,
});

describe('the chat bindings page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows a group the bot was removed from as 已移除 with the time, and others as 正常', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        json({
          accounts: [
            {
              id: 'a1',
              channel: 'wecom',
              externalId: 'LiXinXi',
              handle: null,
              person: { id: 'p1', name: '李信息', username: 'cg_officer' },
              unit: { id: 'cg', name: '城关镇中心校' },
              linkedAt: '2026-04-01T02:00:00.000Z',
              lastSeenAt: null,
            },
          ],
          groups: [
            group({ removedAt: '2026-11-25T02:30:00.000Z' }),
            group({ id: 'g2', chatId: '-100500', title: '南关镇工作群' }),
          ],
        }),
      ),
    );
    const wrapper = mount(ChatLinks, {
      global: { plugins: [createPinia(), i18n, ElementPlus] },
    });
    await settle();
    const rows = wrapper.find('[data-test="chat-groups"]').findAll('tbody tr');
    expect(rows).toHaveLength(2);
    // Asia/Shanghai: 02:30 UTC is 10:30.
    expect(rows[0]?.text()).toContain('已移除 2026-11-25 10:30');
    expect(rows[1]?.text()).toContain('正常');
    expect(rows[1]?.text()).not.toContain('已移除');
    // A second channel's account reads by its name, not as a key.
    expect(wrapper.find('[data-test="chat-accounts"]').text()).toContain('企业微信');
  }, 30_000);
});
