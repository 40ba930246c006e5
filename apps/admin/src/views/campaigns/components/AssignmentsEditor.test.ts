import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../i18n.js';
import { useUnitsStore, type UnitNode } from '../../../stores/units.js';
import { answerBox, fakeApi, json, messageBox, settle } from '../../../test-support/fake-api.js';
import AssignmentsEditor from './AssignmentsEditor.vue';

const node = (id: string, name: string, kind: string, children: UnitNode[] = []) =>
  ({ id, name, kind, parentId: null, children }) as unknown as UnitNode;

const assignments = [
  {
    id: 'a1',
    unit: { id: 'u1', name: '城关镇中心校', kind: 'township_center' as const },
    person: { id: 's1', name: '王五' },
  },
  {
    id: 'a2',
    unit: { id: 'u2', name: '河口镇中心校', kind: 'township_center' as const },
    person: { id: 's2', name: '赵六' },
  },
];

function render() {
  const api = fakeApi((req) =>
    req.method === 'GET'
      ? json({
          items: [
            { id: 's1', name: '王五' },
            { id: 's2', name: '赵六' },
          ],
          total: 2,
        })
      : json({ items: [], total: 0 }),
  );
  vi.stubGlobal('fetch', api.fetch);
  const pinia = createPinia();
  const units = useUnitsStore(pinia);
  units.tree = [
    node('b', '县教体局', 'bureau', [
      node('u1', '城关镇中心校', 'township_center'),
      node('u2', '河口镇中心校', 'township_center'),
    ]),
  ];
  units.loaded = true;
  const wrapper = mount(AssignmentsEditor, {
    props: { campaignId: 'c1', assignments },
    global: { plugins: [pinia, i18n, ElementPlus] },
    attachTo: document.body,
  });
  return { wrapper, api };
}

describe('the 分包 assignments', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('asks before a unit loses its assignee, and then sends the assignments that remain', async () => {
    const { wrapper, api } = render();
    await settle();
    const select = wrapper
      .findAllComponents({ name: 'ElSelect' })
      .find((c) => c.attributes('data-test') === 'assignee-u2');
    // Cleared, as the select's clear button does.
    select?.vm.$emit('update:modelValue', undefined);
    await settle();

    await wrapper.find('[data-test="save-assignments"]').trigger('click');
    await settle();
    expect(messageBox()?.textContent).toContain('将取消 1 个单位的分包：河口镇中心校（赵六）');
    await answerBox(false);
    expect(api.sent.filter((r) => r.method === 'PUT')).toEqual([]);

    await wrapper.find('[data-test="save-assignments"]').trigger('click');
    await settle();
    await answerBox(true);
    expect(api.sent.filter((r) => r.method === 'PUT')).toEqual([
      {
        method: 'PUT',
        path: '/api/campaigns/c1/assignments',
        body: { assignments: [{ unitId: 'u1', personId: 's1' }] },
      },
    ]);
    expect(wrapper.emitted('done')).toEqual([[]]);
  }, 30_000);
});
