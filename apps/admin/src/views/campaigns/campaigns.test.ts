import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../i18n.js';
import { useAuthStore } from '../../stores/auth.js';
import { fakeApi, json, settle } from '../../test-support/fake-api.js';
import CampaignsView from './index.vue';

// The charts draw on a canvas happy-dom does not have; this test is about the page's actions.
vi.mock('../../components/chart.js', () => ({ VChart: { template: '<div class="chart" />' } }));

const settings = {
  id: 'c1',
  year: 2026,
  name: '2026 年度报刊征订发行',
  status: 'active',
  deadline: '2025-11-30T09:00:00.000Z',
  perCapitaTarget: 0.3,
  publicFundCapFen: 200_000,
  laggingShare: 0.5,
  laggingLeadDays: 14,
  createdAt: '2025-09-01T00:00:00.000Z',
  updatedAt: '2025-09-01T00:00:00.000Z',
};
const detail = {
  ...settings,
  periodicals: [
    {
      id: 'p1',
      campaignId: 'c1',
      title: '中国教育报',
      postalCode: '1-10',
      publisher: '中国教育报刊社',
      category: 'education',
      yearlyPriceFen: 36_000,
      recommended: true,
      required: true,
      publicFundEligible: true,
      sortOrder: 1,
    },
  ],
  metrics: {
    asOf: '2025-10-01T00:00:00.000Z',
    totals: { copies: 0, amountFen: 0, perCapitaCopies: 0 },
    units: [],
    lagging: [],
    townshipSpread: null,
    timeline: [],
  },
};

/** What the API answers each role (DESIGN §6): an admin may do everything, a reviewer nothing. */
function actionsOf(roles: string[]) {
  if (roles.includes('admin')) return { allowed: ['edit', 'assign', 'record'], refused: [] };
  const reason = (action: string) => ({
    action,
    code: 'CAMPAIGN.NOT_PERMITTED',
    message: { 'zh-CN': `不能${action}`, en: `May not ${action}` },
  });
  return { allowed: [], refused: ['edit', 'assign', 'record'].map(reason) };
}

function mountAs(
  roles: string[],
  campaigns: unknown[] = [settings],
  unit = { id: 'b', name: '县教体局', kind: 'bureau' },
) {
  const actions = actionsOf(roles);
  const recordUnits = roles.includes('admin') ? [{ id: 'u1', name: '城关镇中心校' }] : [];
  const api = fakeApi((req) => {
    if (req.path.startsWith('/api/campaigns?'))
      return json({ items: campaigns, total: campaigns.length });
    if (req.path.startsWith('/api/campaigns/c1?')) return json({ ...detail, actions, recordUnits });
    if (req.path.startsWith('/api/units')) return json({ items: [] });
    return json({ items: [], total: 0, page: 1, pageSize: 20 });
  });
  vi.stubGlobal('fetch', api.fetch);
  const pinia = createPinia();
  useAuthStore(pinia).user = {
    id: 'p1',
    name: '张三',
    username: 'u',
    unit,
    roles,
  };
  const wrapper = mount(CampaignsView, {
    global: { plugins: [pinia, i18n, ElementPlus] },
  });
  return { wrapper, api };
}

/** Opens every tab in turn, as a user would: the panes are rendered when first opened. */
async function openEveryTab(wrapper: ReturnType<typeof mountAs>['wrapper']): Promise<void> {
  for (const tab of wrapper.findAll('.el-tabs__item')) {
    await tab.trigger('click');
    await settle();
  }
}

const SLOW = 30_000;

describe('the campaign page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it(
    'offers an admin to start a campaign, change its settings, edit titles and set targets',
    async () => {
      const { wrapper } = mountAs(['admin']);
      await settle();
      // Issue 17: only the tab shown is rendered until another is opened.
      expect(wrapper.find('[data-test="catalogue"]').exists()).toBe(false);
      expect(wrapper.find('[data-test="targets-editor"]').exists()).toBe(false);
      await openEveryTab(wrapper);
      expect(wrapper.find('[data-test="new-campaign"]').exists()).toBe(true);
      expect(wrapper.find('[data-test="edit-campaign"]').exists()).toBe(true);
      expect(wrapper.find('[data-test="add-periodical"]').exists()).toBe(true);
      expect(wrapper.find('[data-test="edit-periodical-1-10"]').exists()).toBe(true);
      expect(wrapper.find('[data-test="save-targets"]').exists()).toBe(true);
      expect(wrapper.find('[data-test="campaign-status"]').text()).toBe('进行中');
    },
    SLOW,
  );

  it(
    'shows the campaign to a reviewer without any of the admin’s actions (the API refuses them)',
    async () => {
      const { wrapper } = mountAs(['reviewer']);
      await settle();
      await openEveryTab(wrapper);
      expect(wrapper.find('[data-test="catalogue"]').text()).toContain('中国教育报');
      for (const action of [
        'new-campaign',
        'edit-campaign',
        'add-periodical',
        'edit-periodical-1-10',
        'save-targets',
      ]) {
        expect(wrapper.find(`[data-test="${action}"]`).exists(), action).toBe(false);
      }
      // The record form is not offered either, and each refusal says why.
      expect(wrapper.find('[data-test="record-form"]').exists()).toBe(false);
      for (const action of ['edit', 'assign', 'record']) {
        expect(wrapper.find(`[data-test="refused-${action}"]`).exists(), action).toBe(true);
      }
    },
    SLOW,
  );

  it(
    'tells a school officer that the school counts for its township instead of an empty ranking',
    async () => {
      const { wrapper } = mountAs(['officer'], [settings], {
        id: 's1',
        name: '城关镇中心小学',
        kind: 'school',
      });
      await settle();
      expect(wrapper.find('[data-test="counts-for-township"]').text()).toContain(
        '计入所属乡镇中心校的进度',
      );
      expect(wrapper.findAll('.chart')).toHaveLength(1);
      expect(wrapper.find('.el-table').exists()).toBe(false);
      expect(wrapper.find('[data-test="lagging"]').exists()).toBe(false);
    },
    SLOW,
  );

  it(
    'lets an admin start the first campaign when there is none',
    async () => {
      const { wrapper } = mountAs(['admin'], []);
      await settle();
      expect(wrapper.find('[data-test="empty-state"]').text()).toContain('还没有征订活动');
      expect(wrapper.find('[data-test="new-campaign"]').exists()).toBe(true);
      expect(wrapper.find('[data-test="edit-campaign"]').exists()).toBe(false);
    },
    SLOW,
  );
});
