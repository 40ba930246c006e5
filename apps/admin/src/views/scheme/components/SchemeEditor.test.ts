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
  review: { rubberStampSeconds: 60 },
  duplicates: { windowDays: 7, threshold: 0.6 },
  bulletin: { appealWindowDays: 5 },
  composite: { reporting: 0.6, incidents: 0.2, campaign: 0.2 },
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The API as the editor sees it: the scheme, the units, and a refusal of the save. */
function fakeApi(saved: { body?: unknown }) {
  return vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    if (url.includes('/api/units')) return json({ items: [] });
    if (method === 'PUT') {
      const text = input instanceof Request ? await input.text() : String(init?.body ?? '');
      saved.body = JSON.parse(text);
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
const SLOW = 30_000;

describe('the scheme editor', () => {
  afterEach(() => vi.unstubAllGlobals());

  it(
    'shows each problem the domain finds on the field it names, and keeps the others clean',
    async () => {
      const saved: { body?: unknown } = {};
      vi.stubGlobal('fetch', fakeApi(saved));
      const wrapper = mount(SchemeEditor, {
        props: { year: 2026, editable: true },
        global: { plugins: [createPinia(), i18n, ElementPlus] },
      });
      await settle();
      const city = wrapper.find('[data-test="field-levels.city"] input');
      await city.setValue('-1');
      await city.trigger('blur');
      await wrapper.find('[data-test="save-scheme"]').trigger('click');
      await settle();

      expect((saved.body as { levels: { city: number } }).levels.city).toBe(-1);
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
});
