import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../../i18n.js';
import { mountAt } from '../../test-support/mount.js';
import { OFFICER } from '../../test-support/people.js';
import ItemView from './index.vue';

const api = vi.hoisted(() => ({ getSubmission: vi.fn() }));
vi.mock('../../api/submissions.js', () => ({ ...api, attachmentUrl: () => '' }));

/** A draft of the officer's unit as the API answers it, with the likely duplicates given. */
function draft(
  id: string,
  title: string,
  duplicates: { submissionId: string; title: string; similarity: number }[],
) {
  return {
    id,
    title,
    body: '全校师生参加。',
    category: 'activity',
    eventAt: '2026-12-02T02:00:00.000Z',
    attachments: [],
    state: 'draft',
    unit: { id: 'u-school', name: '城关镇中心小学' },
    authors: [{ id: OFFICER.id, name: OFFICER.name }],
    lateness: null,
    allowedCommands: ['edit', 'submit'],
    timeline: [],
    duplicates,
  };
}

function mountItem(id: string) {
  return mountAt(ItemView, {
    user: OFFICER,
    path: `/items/${id}`,
    routes: [
      { path: '/items/:id', name: 'item', component: ItemView },
      { path: '/items/:id/edit', name: 'item-edit', component: { template: '<div />' } },
      { path: '/incidents/:id', name: 'incident', component: { template: '<div />' } },
    ],
  });
}

describe('an item on the phone', () => {
  beforeEach(() => {
    setLocale('zh-CN');
    api.getSubmission.mockReset();
  });

  it('warns of likely duplicates, each opening the other item', async () => {
    api.getSubmission.mockImplementation((id: string) =>
      Promise.resolve(
        id === 's2'
          ? draft('s2', '城关镇中心校秋季运动会开幕', [
              { submissionId: 's1', title: '城关镇中心校开展秋季运动会', similarity: 0.74 },
            ])
          : draft('s1', '城关镇中心校开展秋季运动会', []),
      ),
    );
    const { wrapper, router } = await mountItem('s2');

    const warning = wrapper.find('[data-test="item-duplicates"]');
    expect(warning.text()).toContain('可能与以下稿件重复（仅提示，不影响报送）');
    expect(warning.text()).toContain('城关镇中心校开展秋季运动会 · 相似度 74%');
    await warning.find('a').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.params['id']).toBe('s1');
    // The same page, now showing the other item: one load for each.
    expect(api.getSubmission).toHaveBeenCalledTimes(2);
    expect(api.getSubmission).toHaveBeenLastCalledWith('s1');
    expect(wrapper.find('[data-test="item-title"]').text()).toBe('城关镇中心校开展秋季运动会');
    expect(wrapper.find('[data-test="item-duplicates"]').exists()).toBe(false);
  });

  it('shows the item opened last when an earlier load answers late, and loads nothing on leaving', async () => {
    const answers: { resolve: (detail: unknown) => void; reject: (error: unknown) => void }[] = [];
    api.getSubmission.mockImplementation(
      () => new Promise((resolve, reject) => answers.push({ resolve, reject })),
    );
    // Item s2, then s1, then s2 again: three loads, answered out of order.
    const { wrapper, router } = await mountItem('s2');
    await router.push('/items/s1');
    await router.push('/items/s2');
    await flushPromises();
    expect(answers).toHaveLength(3);
    answers[2]?.resolve(draft('s2', '城关镇中心校秋季运动会开幕', []));
    answers[1]?.resolve(draft('s1', '城关镇中心校开展秋季运动会', []));
    answers[0]?.reject(new Error('网络连接中断'));
    await flushPromises();
    expect(wrapper.find('[data-test="item-title"]').text()).toBe('城关镇中心校秋季运动会开幕');
    expect(wrapper.find('.van-empty').exists()).toBe(false);

    // Another page with an id of its own is no item to load.
    await router.push('/incidents/i1');
    await flushPromises();
    expect(api.getSubmission).toHaveBeenCalledTimes(3);
  });

  it('says nothing of duplicates when there are none', async () => {
    api.getSubmission.mockResolvedValue(draft('s1', '城关镇中心校开展秋季运动会', []));
    const { wrapper } = await mountItem('s1');

    expect(wrapper.find('[data-test="item-title"]').text()).toBe('城关镇中心校开展秋季运动会');
    expect(wrapper.find('[data-test="item-duplicates"]').exists()).toBe(false);
  });
});
