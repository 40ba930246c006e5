import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Campaign, CampaignTargets } from '../../../api/campaigns.js';
import { i18n } from '../../../i18n.js';
import {
  errorOf,
  failure,
  fakeApi,
  json,
  settle,
  typeInto,
} from '../../../test-support/fake-api.js';
import TargetsEditor from './TargetsEditor.vue';

const periodical = (id: string, title: string, required: boolean) => ({
  id,
  campaignId: 'c1',
  title,
  postalCode: `1-${id.slice(1)}`,
  publisher: '出版社',
  category: 'education' as const,
  yearlyPriceFen: 30_000,
  recommended: true,
  required,
  publicFundEligible: true,
  sortOrder: 1,
});

// Only the fields the editor reads; the rest of the campaign's answer does not matter here.
const campaign = {
  id: 'c1',
  year: 2026,
  name: '2026 年度报刊征订发行',
  status: 'active',
  deadline: '2025-11-30T09:00:00.000Z',
  perCapitaTarget: 0.3,
  publicFundCapFen: 200_000,
  laggingShare: 0.5,
  laggingLeadDays: 14,
  periodicals: [periodical('p1', '中国教育报', true), periodical('p2', '中学生读写', false)],
} as unknown as Campaign;

const target = (id: string, name: string): CampaignTargets['items'][number] => ({
  unit: { id, name, kind: 'township_center', staffCount: 120 },
  // A title no longer required keeps its old copies in the stored target.
  requiredCopies: { p2: 3 },
  perCapitaTarget: null,
  publicFundCapFen: null,
  deadline: null,
  effective: { required: [{ titleId: 'p1', target: 9 }], perCapitaTargetCopies: 36 },
});

const targets = [target('u1', '城关镇中心校'), target('u2', '河口镇中心校')];

function render(editable = true) {
  return mount(TargetsEditor, {
    props: { campaign, targets, editable },
    global: { plugins: [i18n, ElementPlus] },
  });
}

const SLOW = 30_000;

describe('the targets editor', () => {
  afterEach(() => vi.unstubAllGlobals());

  it(
    'sends only the changed units, with copies of required titles, the cap in fen, and empty cells as the campaign’s',
    async () => {
      const api = fakeApi(() => json({ items: [], total: 0 }));
      vi.stubGlobal('fetch', api.fetch);
      const wrapper = render();
      await settle();
      const save = () => wrapper.find('[data-test="save-targets"]');
      expect(save().attributes('disabled')).toBeDefined();

      await typeInto(wrapper, 'target-u2-copies-p1', '12');
      await typeInto(wrapper, 'target-u2-per-capita', '0.35');
      await typeInto(wrapper, 'target-u2-cap', '1500');
      expect(save().attributes('disabled')).toBeUndefined();
      await save().trigger('click');
      await settle();

      expect(api.sent).toEqual([
        {
          method: 'PUT',
          path: '/api/campaigns/c1/targets',
          body: {
            targets: [
              {
                unitId: 'u2',
                requiredCopies: { p1: 12 },
                perCapitaTarget: 0.35,
                publicFundCapFen: 150_000,
                deadline: null,
              },
            ],
          },
        },
      ]);
      expect(wrapper.emitted('done')).toEqual([[]]);
    },
    SLOW,
  );

  it(
    'shows each problem the API names in the cell of its unit, whichever way the path is written',
    async () => {
      const api = fakeApi(() =>
        failure(422, 'CAMPAIGN.INVALID_TARGET', '份数须为非负整数', {
          issues: [
            { path: '[0].requiredCopies.p1', message: '份数须为非负整数' },
            { path: 'targets.0.perCapitaTarget', message: '人均目标不能为负数' },
          ],
        }),
      );
      vi.stubGlobal('fetch', api.fetch);
      const wrapper = render();
      await settle();
      await typeInto(wrapper, 'target-u2-copies-p1', '5');
      await typeInto(wrapper, 'target-u2-per-capita', '0.5');
      await wrapper.find('[data-test="save-targets"]').trigger('click');
      await settle();

      expect(errorOf(wrapper, 'u2.requiredCopies.p1')).toBe('份数须为非负整数');
      expect(errorOf(wrapper, 'u2.perCapitaTarget')).toBe('人均目标不能为负数');
      expect(errorOf(wrapper, 'u1.requiredCopies.p1')).toBe('');
      expect(wrapper.find('[data-test="targets-problems"]').text()).toContain('2 处问题');
      expect(wrapper.emitted('done')).toBeUndefined();
    },
    SLOW,
  );

  it(
    'only shows the targets to people who may not set them',
    async () => {
      vi.stubGlobal('fetch', fakeApi(() => undefined).fetch);
      const wrapper = render(false);
      await settle();
      expect(wrapper.find('[data-test="save-targets"]').exists()).toBe(false);
      expect(wrapper.find('[data-test="target-u1-cap"]').exists()).toBe(false);
      expect(wrapper.text()).toContain('2000.00');
    },
    SLOW,
  );

  it(
    'shows ten units a page and saves the changes made on every page together',
    async () => {
      const api = fakeApi(() => json({ items: [], total: 0 }));
      vi.stubGlobal('fetch', api.fetch);
      const many = Array.from({ length: 12 }, (_, i) => target(`u${i + 1}`, `第${i + 1}中心校`));
      const wrapper = mount(TargetsEditor, {
        props: { campaign, targets: many, editable: true },
        global: { plugins: [i18n, ElementPlus] },
      });
      await settle();
      expect(wrapper.findAll('.el-table__body tr')).toHaveLength(10);
      expect(wrapper.find('[data-test="target-u11-per-capita"]').exists()).toBe(false);
      // No calendar is built before a deadline is clicked.
      expect(wrapper.findAll('[data-test="deferred-date"]')).toHaveLength(10);
      expect(wrapper.find('.el-picker-panel').exists()).toBe(false);

      await typeInto(wrapper, 'target-u1-per-capita', '0.4');
      await wrapper.find('[data-test="targets-pager"] .number:not(.is-active)').trigger('click');
      await settle();
      expect(wrapper.findAll('.el-table__body tr')).toHaveLength(2);
      await typeInto(wrapper, 'target-u12-per-capita', '0.5');
      await wrapper.find('[data-test="save-targets"]').trigger('click');
      await settle();

      const sent = api.sent[0]?.body as { targets: { unitId: string; perCapitaTarget: number }[] };
      expect(sent.targets.map((x) => [x.unitId, x.perCapitaTarget])).toEqual([
        ['u1', 0.4],
        ['u12', 0.5],
      ]);
    },
    SLOW,
  );
});
