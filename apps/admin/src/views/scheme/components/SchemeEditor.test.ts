import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../i18n.js';
import SchemeEditor from './SchemeEditor.vue';

const scheme = {
  year: 2026,
  version: 2,
  topics: ['教师队伍建设'],
  levels: { bureau: 1, county: 2, city: 4, province: 8, national: 15 },
  headlineMultiplier: 2,
  instructionBonus: { county: 3, city: 5, province: 10, national: 20 },
  qualityBonus: 2,
  reachedBureauPoints: 0.2,
  stacking: 'sum',
  timeliness: {
    limitHours: {
      news: 48,
      activity: 48,
      meeting: 48,
      exemplar: null,
      experience: null,
      hotspot: 24,
      major: 2,
    },
    lateFactor: 0.5,
    majorLatePenalty: 5,
    unreportedMajorPenalty: 20,
  },
  quotas: {
    township_center: { submitted: 12, adopted: 6 },
    direct_unit: { submitted: 6, adopted: 3 },
  },
  quotaOverrides: [{ unitId: 'u1', half: 'H1', submitted: 8, adopted: 4 }],
  commend: { halfYearTopN: 5, yearTopN: 10, officerTopN: 10 },
  review: { rubberStampSeconds: 60, substantiveCommentLength: 10, stockPhrases: ['同意', '已阅'] },
  duplicates: { windowDays: 7, threshold: 0.6 },
  bulletin: { appealWindowDays: 5 },
  composite: { reporting: 0.6, incidents: 0.2, campaign: 0.2 },
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** What the fake server was sent, by request. */
interface Sent {
  body?: unknown;
  preview?: unknown;
  saved?: unknown;
}

/** The server's answer to a preview that it accepts: one unit moves. */
const EFFECT = {
  year: 2026,
  periods: [{ key: '2026-H1', label: '2026年上半年' }],
  changes: [
    {
      period: '2026-H1',
      periodLabel: '2026年上半年',
      unitId: 'u1',
      unitName: '城关镇中心校',
      before: { score: 4.2, rank: 1, status: 'commended' },
      after: { score: 2.2, rank: 2, status: 'criticised' },
    },
  ],
};

/**
 * The API as the editor sees it: the scheme, the units, and either a refusal of the proposed
 * scheme (`refuse`) or its effect and then the save.
 */
function fakeApi(saved: Sent, refuse = true) {
  return vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    if (url.includes('/api/units')) return json({ items: [] });
    if (method === 'POST' || method === 'PUT') {
      const text = input instanceof Request ? await input.text() : String(init?.body ?? '');
      saved.body = JSON.parse(text);
      if (method === 'POST') saved.preview = saved.body;
      else saved.saved = saved.body;
    }
    if (!refuse && method === 'POST') return json(EFFECT);
    if (!refuse && method === 'PUT') {
      return json({
        year: 2026,
        version: 3,
        isDefault: false,
        updatedAt: null,
        updatedBy: null,
        scheme,
      });
    }
    if (method === 'POST' || method === 'PUT') {
      return json(
        {
          error: {
            code: 'SCHEME.INVALID',
            message: '考评办法有 2 处问题：levels.city 不能小于 0（当前为 -1）',
            details: {
              issues: [
                {
                  path: 'levels.city',
                  code: 'SCHEME.NEGATIVE',
                  message: 'levels.city 不能小于 0（当前为 -1）',
                },
                {
                  path: 'quotaOverrides.0.half',
                  code: 'SCHEME.BAD_HALF',
                  message: '应为 H1、H2 或 both',
                },
              ],
            },
          },
        },
        422,
      );
    }
    return json({
      year: 2026,
      version: 2,
      isDefault: false,
      updatedAt: '2026-07-03T01:00:00.000Z',
      updatedBy: { id: 'p', name: '陈彬冬' },
      scheme,
    });
  });
}

async function settle(): Promise<void> {
  for (let i = 0; i < 4; i += 1) {
    await flushPromises();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// Mounting the whole editor with Element Plus takes seconds on a busy machine.
const SLOW = 90_000;

describe('the scheme editor', () => {
  afterEach(() => vi.unstubAllGlobals());

  it(
    'shows each problem the server finds on the field it names, and keeps the others clean',
    async () => {
      const saved: Sent = {};
      vi.stubGlobal('fetch', fakeApi(saved));
      const wrapper = mount(SchemeEditor, {
        props: { year: 2026, editable: true },
        global: { plugins: [createPinia(), i18n, ElementPlus] },
      });
      await settle();
      // A number the form accepts; the (fake) server still refuses the scheme.
      const city = wrapper.find('[data-test="field-levels.city"] input');
      await city.setValue('5');
      await city.trigger('blur');
      await wrapper.find('[data-test="save-scheme"]').trigger('click');
      await settle();

      expect((saved.preview as { levels: { city: number } }).levels.city).toBe(5);
      expect(saved.saved).toBeUndefined();
      const item = (path: string) => wrapper.find(`[data-path="${path}"]`);
      // The message a form item shows under its field.
      const errorOf = (path: string) =>
        wrapper
          .findAllComponents({ name: 'ElFormItem' })
          .find((c) => c.attributes('data-path') === path)
          ?.props('error');
      expect(item('levels.city').classes()).toContain('is-error');
      // The field is named as the form names it, never by its path (DESIGN §6).
      expect(errorOf('levels.city')).toBe('“市级” 不能小于 0（当前为 -1）');
      expect(item('quotaOverrides.0.half').classes()).toContain('is-error');
      expect(errorOf('quotaOverrides.0.half')).toBe('应为 H1、H2 或 both');
      expect(errorOf('levels.county')).toBe('');
      expect(item('levels.county').classes()).not.toContain('is-error');
      expect(wrapper.find('[data-test="scheme-problems"]').text()).toContain('2 处问题');
      expect(wrapper.find('[data-test="scheme-problems"]').text()).toContain('“市级” 不能小于 0');
      expect(wrapper.find('[data-test="scheme-problems"]').text()).not.toContain('levels.city');
    },
    SLOW,
  );

  it(
    'catches a negative number in the form, named in Chinese, before asking the server',
    async () => {
      const saved: Sent = {};
      const api = fakeApi(saved);
      vi.stubGlobal('fetch', api);
      const wrapper = mount(SchemeEditor, {
        props: { year: 2026, editable: true },
        global: { plugins: [createPinia(), i18n, ElementPlus] },
      });
      await settle();
      const report = wrapper.find('[data-test="field-incidentDeadlineHours.major.report"] input');
      await report.setValue('-1');
      await report.trigger('blur');
      await settle();
      const errorOf = (path: string) =>
        wrapper
          .findAllComponents({ name: 'ElFormItem' })
          .find((c) => c.attributes('data-path') === path)
          ?.props('error');
      expect(errorOf('incidentDeadlineHours.major.report')).toBe(
        '重大舆情的报告时限（小时） 不能小于 0（当前为 -1）',
      );
      await wrapper.find('[data-test="save-scheme"]').trigger('click');
      await settle();
      expect(saved.body).toBeUndefined();
      expect(wrapper.find('[data-test="scheme-problems"]').text()).toContain('1 处问题');
    },
    SLOW,
  );

  it(
    'shows the units a change moves and saves only once the bureau confirms',
    async () => {
      const saved: Sent = {};
      vi.stubGlobal('fetch', fakeApi(saved, false));
      // Attached, so that the confirmation dialog renders into the document.
      const wrapper = mount(SchemeEditor, {
        props: { year: 2026, editable: true },
        global: { plugins: [createPinia(), i18n, ElementPlus] },
        attachTo: document.body,
      });
      await settle();
      const city = wrapper.find('[data-test="field-levels.city"] input');
      await city.setValue('2');
      await city.trigger('blur');
      await wrapper.find('[data-test="save-scheme"]').trigger('click');
      await settle();
      expect((saved.preview as { levels: { city: number } }).levels.city).toBe(2);
      expect(saved.saved).toBeUndefined();
      const table = document.querySelector('[data-test="scheme-preview-table"]');
      expect(table?.textContent).toContain('城关镇中心校');
      expect(table?.textContent).toContain('4.2 → 2.2');
      expect(table?.textContent).toContain('批评');
      (document.querySelector('[data-test="scheme-preview-confirm"]') as HTMLElement).click();
      await settle();
      expect((saved.saved as { levels: { city: number } }).levels.city).toBe(2);
      wrapper.unmount();
    },
    SLOW,
  );

  it(
    'is read only for people who may not change it',
    async () => {
      vi.stubGlobal('fetch', fakeApi({}));
      const wrapper = mount(SchemeEditor, {
        props: { year: 2026, editable: false },
        global: { plugins: [createPinia(), i18n, ElementPlus] },
      });
      await settle();
      expect(wrapper.find('[data-test="save-scheme"]').exists()).toBe(false);
      expect(
        wrapper.find('[data-test="field-levels.city"] input').attributes('disabled'),
      ).toBeDefined();
    },
    SLOW,
  );

  it(
    'edits the stock phrases one per line, and refuses an empty, a repeated or a long one before saving',
    async () => {
      const saved: { body?: unknown } = {};
      const api = fakeApi(saved);
      vi.stubGlobal('fetch', api);
      const wrapper = mount(SchemeEditor, {
        props: { year: 2026, editable: true },
        global: { plugins: [createPinia(), i18n, ElementPlus] },
      });
      await settle();
      const area = wrapper.find('textarea[data-test="stock-phrases"]');
      expect((area.element as HTMLTextAreaElement).value).toBe('同意\n已阅');
      const errorOf = () =>
        wrapper
          .findAllComponents({ name: 'ElFormItem' })
          .find((c) => c.attributes('data-path') === 'review.stockPhrases')
          ?.props('error');
      const save = () => wrapper.find('[data-test="save-scheme"]');

      await area.setValue('同意\n已阅\n\n同意。');
      await settle();
      expect(errorOf()).toBe('套话第 3 条“同意。”与第 1 条重复');
      expect(save().attributes('disabled')).toBeDefined();

      await area.setValue('同意\n……');
      await settle();
      expect(errorOf()).toBe('套话第 2 条不能为空（标点和空格不算）');

      await area.setValue(`同意\n${'很'.repeat(31)}`);
      await settle();
      expect(errorOf()).toContain('套话第 2 条');
      expect(errorOf()).toContain('最多 30 个字');
      await save().trigger('click');
      await settle();
      expect(api.mock.calls.some(([, init]) => init?.method === 'PUT')).toBe(false);

      // Blank lines are spacing only; the list is sent as the phrases.
      await area.setValue('同意\n\n照此办理\n');
      await settle();
      expect(errorOf()).toBe('');
      await save().trigger('click');
      await settle();
      expect((saved.body as { review: { stockPhrases: string[] } }).review.stockPhrases).toEqual([
        '同意',
        '照此办理',
      ]);
    },
    SLOW,
  );
});
