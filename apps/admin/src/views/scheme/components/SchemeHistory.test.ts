import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../i18n.js';
import {
  answerBox,
  fakeApi,
  json,
  messageBox,
  settle,
  type Sent,
} from '../../../test-support/fake-api.js';
import SchemeEditor from './SchemeEditor.vue';
import SchemeHistory from './SchemeHistory.vue';

const base = {
  year: 2026,
  version: 1,
  topics: ['教师队伍建设'],
  levels: { bureau: 1, county: 2, city: 4, province: 8, national: 15 },
  qualityBonus: 2,
  stacking: 'sum',
  timeliness: { limitHours: { news: 48, exemplar: null }, lateFactor: 0.5 },
  quotaOverrides: [],
};
const v2 = {
  ...base,
  version: 2,
  levels: { ...base.levels, city: 5 },
  topics: ['教师队伍建设', '双减'],
};
const v3 = { ...v2, version: 3, qualityBonus: 3, stacking: 'highest' };
const version = (scheme: typeof base, name: string, at: string) => ({
  version: scheme.version,
  createdAt: at,
  createdBy: { id: `p-${name}`, name },
  scheme,
});
const versions = [
  version(v3, '陈彬冬', '2026-03-02T02:00:00.000Z'),
  version(v2, '李明', '2026-02-01T02:00:00.000Z'),
  version(base, '李明', '2026-01-05T02:00:00.000Z'),
];

function api() {
  return fakeApi((req: Sent) => {
    if (req.path.startsWith('/api/schemes/2026/versions'))
      return json({ items: versions, total: 3, page: 1, pageSize: 10 });
    if (req.path.startsWith('/api/units')) return json({ items: [] });
    if (req.method === 'GET' && req.path === '/api/schemes/2026')
      return json({
        year: 2026,
        version: 3,
        isDefault: false,
        updatedAt: versions[0]?.createdAt,
        updatedBy: versions[0]?.createdBy,
        scheme: v3,
      });
    if (req.method === 'PUT')
      return json({ year: 2026, version: 4, isDefault: false, scheme: req.body });
    return undefined;
  });
}

function render(editable: boolean) {
  return mount(SchemeHistory, {
    props: { year: 2026, editable },
    // The dialog renders into the body, as in the console (an inlined teleport makes the
    // editor's selects re-measure themselves without end in happy-dom).
    global: { plugins: [createPinia(), i18n, ElementPlus] },
    attachTo: document.body,
  });
}

const SLOW = 30_000;

describe('the version history of a scheme', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it(
    'says who saved each version, when, and what it changed from the one before',
    async () => {
      const fake = api();
      vi.stubGlobal('fetch', fake.fetch);
      const wrapper = render(false);
      await settle();

      expect(fake.sent[0]?.path).toBe('/api/schemes/2026/versions?page=1&pageSize=10');
      const table = wrapper.find('[data-test="scheme-history"]').text();
      expect(table).toContain('陈彬冬');
      expect(table).toContain('2026-03-02 10:00');
      expect(wrapper.find('[data-test="changes-3"]').text()).toContain('精品加分：2 → 3');
      expect(wrapper.find('[data-test="changes-3"]').text()).toContain(
        '多次采用计分：累加 → 只计最高级别',
      );
      expect(wrapper.find('[data-test="changes-2"]').text()).toContain('市级：4 → 5');
      expect(wrapper.find('[data-test="changes-2"]').text()).toContain('宣传重点：增加 双减');
      expect(table).toContain('首次保存');
      // Only an admin may restore.
      expect(wrapper.find('[data-test="restore-version-2"]').exists()).toBe(false);
    },
    SLOW,
  );

  it(
    'shows an old version read only, without loading the current one',
    async () => {
      const fake = api();
      vi.stubGlobal('fetch', fake.fetch);
      const wrapper = render(true);
      await settle();
      await wrapper.find('[data-test="view-version-2"]').trigger('click');
      await settle();

      const editor = wrapper.findComponent(SchemeEditor);
      expect(editor.text()).toContain('第 2 版（历史版本，只读），李明 于 2026-02-01 10:00 保存');
      const city = editor.find('[data-test="field-levels.city"] input');
      expect((city.element as HTMLInputElement).value).toBe('5');
      expect(city.attributes('disabled')).toBeDefined();
      expect(editor.find('[data-test="save-scheme"]').exists()).toBe(false);
      expect(fake.sent.some((r) => r.path === '/api/schemes/2026')).toBe(false);
    },
    SLOW,
  );

  it(
    'restores a version as a new one, from the version stored now, only after confirmation',
    async () => {
      const fake = api();
      vi.stubGlobal('fetch', fake.fetch);
      const wrapper = render(true);
      await settle();
      expect(wrapper.find('[data-test="restore-version-3"]').exists()).toBe(false);

      await wrapper.find('[data-test="restore-version-2"]').trigger('click');
      await settle();
      expect(messageBox()?.textContent).toContain('将以第 2 版的内容保存为新的一版');
      await answerBox(false);
      expect(fake.sent.filter((r) => r.method === 'PUT')).toEqual([]);

      await wrapper.find('[data-test="restore-version-2"]').trigger('click');
      await settle();
      await answerBox(true);
      const puts = fake.sent.filter((r) => r.method === 'PUT');
      expect(puts).toEqual([
        { method: 'PUT', path: '/api/schemes/2026', body: { ...v2, version: 3 } },
      ]);
      expect(wrapper.emitted('restored')).toEqual([[]]);
    },
    SLOW,
  );
});
