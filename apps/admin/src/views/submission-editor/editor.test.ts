import { mount, type VueWrapper } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { i18n } from '../../i18n.js';
import { failure, fakeApi, json, settle } from '../../test-support/fake-api.js';
import SubmissionEditor from './index.vue';

const me = { id: 'p-li', name: '李信息' };
const zhao = { id: 'p-zhao', name: '赵分管' };
const sun = { id: 'p-sun', name: '孙老师' };

function anItem(state: string, allowedCommands: string[]) {
  return {
    id: 's1',
    title: '城关镇中心校开展教研联片活动',
    body: '活动正文。',
    category: 'activity',
    topics: [],
    eventAt: '2026-03-02T02:00:00.000Z',
    state,
    version: 3,
    revision: 2,
    authors: [me, zhao],
    attachments: [],
    allowedCommands,
  };
}

const SelectStub = {
  name: 'ElSelect',
  props: { modelValue: { type: null, default: undefined } },
  emits: ['update:modelValue'],
  template: '<div class="select-stub"><slot /></div>',
};
const OptionStub = {
  props: { value: { type: null, default: undefined }, label: { type: String, default: '' } },
  template: '<span class="option-stub">{{ label }}</span>',
};

/** The co-author select, when the form shows it. */
const coAuthorSelect = (wrapper: VueWrapper) =>
  wrapper
    .findAllComponents({ name: 'ElSelect' })
    .find((c) => c.attributes('data-test') === 'editor-co-authors');

async function render(item: ReturnType<typeof anItem>) {
  const api = fakeApi((req) => {
    if (req.path.startsWith('/api/schemes/')) return failure(404, 'SCHEME.NOT_FOUND', '无方案');
    if (req.method === 'GET' && req.path === '/api/submissions/s1') return json(item);
    if (req.method === 'GET' && req.path === '/api/submissions/co-authors')
      return json([
        { ...zhao, unitId: 'cg', unitName: '城关镇中心校' },
        { ...sun, unitId: 'school-a', unitName: '城关第一小学' },
      ]);
    if (req.method === 'PATCH' && req.path === '/api/submissions/s1')
      return json({ ...item, version: 4, authors: [me, sun] });
    return undefined;
  });
  vi.stubGlobal('fetch', api.fetch);
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/submissions/:id/edit', component: SubmissionEditor },
      { path: '/submissions/:id', component: { template: '<div />' } },
    ],
  });
  await router.push('/submissions/s1/edit');
  await router.isReady();
  const wrapper = mount(SubmissionEditor, {
    global: {
      plugins: [i18n, ElementPlus, createPinia(), router],
      // A multiple select measures its tags, which happy-dom cannot: a plain stand-in keeps
      // what this test is about, the value the form holds and sends.
      stubs: { teleport: true, ElSelect: SelectStub, ElOption: OptionStub },
    },
    attachTo: document.body,
  });
  await settle();
  return { wrapper, api };
}

const SLOW = 30_000;

describe('the submission editor, co-authors (rules §5.5)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it(
    'offers the co-authors of a draft, prefilled, and saves only their change',
    async () => {
      const { wrapper, api } = await render(anItem('draft', ['edit', 'submit', 'withdraw']));
      const select = coAuthorSelect(wrapper);
      if (select === undefined) throw new Error('no co-author select');
      expect(select.props('modelValue')).toEqual([zhao.id]);
      expect(select.findAll('.option-stub').map((o) => o.text())).toEqual(['赵分管', '孙老师']);

      select.vm.$emit('update:modelValue', [sun.id]);
      await settle();
      await wrapper.find('[data-test="editor-save"]').trigger('click');
      await settle();
      expect(api.sent.filter((r) => r.method === 'PATCH').map((r) => r.body)).toEqual([
        { coAuthorIds: [sun.id], expectedVersion: 3 },
      ]);
    },
    SLOW,
  );

  it(
    'shows the authors of an item in review without offering to change them',
    async () => {
      const { wrapper, api } = await render(anItem('unit_review', ['edit', 'withdraw']));
      expect(coAuthorSelect(wrapper)).toBeUndefined();
      expect(wrapper.find('[data-test="editor-authors"]').text()).toBe('李信息、赵分管');
      expect(api.sent.some((r) => r.path === '/api/submissions/co-authors')).toBe(false);

      await wrapper.find('[data-test="editor-save"]').trigger('click');
      await settle();
      // Nothing changed: no edit is sent, and never a co-author list.
      expect(api.sent.filter((r) => r.method === 'PATCH')).toEqual([]);
    },
    SLOW,
  );
});
