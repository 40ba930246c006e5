import { defaultScheme } from '@jyxc/domain';
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mountAt } from '../../test-support/mount.js';
import { OFFICER } from '../../test-support/people.js';
import { storageKey } from '../../utils/draft-storage.js';
import type * as Submissions from '../../api/submissions.js';
import WriteView from './index.vue';

const api = vi.hoisted(() => ({
  createSubmission: vi.fn(),
  getSubmission: vi.fn(),
  submitSubmission: vi.fn(),
}));
vi.mock('../../api/submissions.js', async (original) => ({
  ...(await original<typeof Submissions>()),
  ...api,
}));
const schemes = vi.hoisted(() => ({ getScheme: vi.fn() }));
vi.mock('../../api/schemes.js', () => schemes);

/** The year's scheme as the server gives it, with the 重大 limit the bureau chose. */
function schemeWithMajorLimit(hours: number) {
  const scheme = defaultScheme(new Date().getFullYear());
  return {
    scheme: {
      ...scheme,
      timeliness: {
        ...scheme.timeliness,
        limitHours: { ...scheme.timeliness.limitHours, major: hours },
      },
    },
  };
}

async function mountWrite() {
  const { wrapper } = await mountAt(WriteView, {
    user: OFFICER,
    path: '/write',
    routes: [
      { path: '/write', name: 'write', component: WriteView },
      { path: '/items/:id', name: 'item', component: { template: '<div>item</div>' } },
    ],
  });
  return wrapper;
}

const field = (wrapper: Awaited<ReturnType<typeof mountWrite>>, id: string) =>
  wrapper.find(`[data-test="${id}"] textarea, [data-test="${id}"] input`);

describe('the 写快报 form', () => {
  beforeEach(() => {
    localStorage.clear();
    vi.clearAllMocks();
    schemes.getScheme.mockResolvedValue(schemeWithMajorLimit(2));
  });

  it('sending an empty form marks every missing field and sends nothing', async () => {
    const wrapper = await mountWrite();
    await wrapper.find('[data-test="write-submit"]').trigger('click');
    await flushPromises();
    const text = wrapper.text();
    expect(text).toContain('请填写标题');
    expect(text).toContain('请填写正文');
    expect(text).toContain('请选择类别');
    expect(api.createSubmission).not.toHaveBeenCalled();
  });

  it('重大信息 warns of the 2 hour limit at once', async () => {
    const wrapper = await mountWrite();
    expect(wrapper.find('[data-test="limit-notice"]').exists()).toBe(false);
    await wrapper.find('[data-test="category-major"]').trigger('click');
    expect(wrapper.find('[data-test="limit-notice"]').text()).toContain('2 小时内报送到局');
  });

  it('重大信息 warns with the limit of the year’s saved scheme, not the default', async () => {
    schemes.getScheme.mockResolvedValue(schemeWithMajorLimit(1));
    const wrapper = await mountWrite();
    await wrapper.find('[data-test="category-major"]').trigger('click');
    await flushPromises();
    expect(schemes.getScheme).toHaveBeenCalledWith(new Date().getFullYear());
    const notice = wrapper.find('[data-test="limit-notice"]').text();
    expect(notice).toContain('1 小时内报送到局');
    expect(notice).not.toContain('2 小时');
  });

  it('keeps every keystroke in local storage, for this person only', async () => {
    const wrapper = await mountWrite();
    await field(wrapper, 'write-title').setValue('读书月启动');
    await field(wrapper, 'write-body').setValue('全校师生参加。');
    await flushPromises();
    const kept = JSON.parse(localStorage.getItem(storageKey(OFFICER.id)) ?? '[]') as {
      title: string;
      body: string;
    }[];
    expect(kept.map((d) => [d.title, d.body])).toEqual([['读书月启动', '全校师生参加。']]);
  });

  it('a lost answer on creation is sent again with the same key, and the item is submitted once', async () => {
    const { ApiFailure } = await import('../../api/http.js');
    api.createSubmission
      .mockRejectedValueOnce(new ApiFailure(0, 'NETWORK', '网络连接中断'))
      .mockResolvedValue({ id: 's1' });
    api.getSubmission.mockResolvedValue({ id: 's1', state: 'draft', version: 1 });
    api.submitSubmission.mockResolvedValue({ id: 's1', state: 'unit_review' });

    const wrapper = await mountWrite();
    await field(wrapper, 'write-title').setValue('读书月启动');
    await field(wrapper, 'write-body').setValue('全校师生参加。');
    await wrapper.find('[data-test="category-activity"]').trigger('click');
    await wrapper.find('[data-test="write-submit"]').trigger('click');
    await flushPromises();
    // Kept on the phone, waiting for the connection.
    expect(api.submitSubmission).not.toHaveBeenCalled();

    const { useDraftsStore } = await import('../../stores/drafts.js');
    await useDraftsStore().flush();
    const keys = api.createSubmission.mock.calls.map(
      (call) => (call[0] as { idempotencyKey: string }).idempotencyKey,
    );
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    expect(api.submitSubmission).toHaveBeenCalledTimes(1);
    expect(api.submitSubmission).toHaveBeenCalledWith('s1', 1);
  });
});
