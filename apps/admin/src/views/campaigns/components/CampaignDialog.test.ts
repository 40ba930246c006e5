import { defaultScheme } from '@jyxc/domain';
import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CampaignSettings } from '../../../api/campaigns.js';
import { i18n } from '../../../i18n.js';
import {
  answerBox,
  errorOf,
  failure,
  fakeApi,
  json,
  messageBox,
  settle,
  typeInto,
  type Sent,
} from '../../../test-support/fake-api.js';
import CampaignDialog from './CampaignDialog.vue';

const lastYear: CampaignSettings = {
  id: 'c2025',
  year: 2025,
  name: '清河县2026年度党报党刊及教育报刊征订发行',
  status: 'active',
  deadline: '2024-11-30T09:00:00.000Z',
  perCapitaTarget: 0.35,
  publicFundCapFen: 200_000,
  laggingShare: 0.5,
  laggingLeadDays: 14,
  createdAt: '2024-09-01T00:00:00.000Z',
  updatedAt: '2024-09-01T00:00:00.000Z',
};

const catalogue = [
  {
    id: 'p1',
    campaignId: 'c2025',
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
  {
    id: 'p2',
    campaignId: 'c2025',
    title: '中学生读写',
    postalCode: '36-45',
    publisher: '省教育报刊社',
    category: 'student',
    yearlyPriceFen: 9_600,
    recommended: true,
    required: false,
    publicFundEligible: false,
    sortOrder: 2,
  },
];

function render(props: { campaign?: CampaignSettings; previous?: CampaignSettings }) {
  return mount(CampaignDialog, {
    props: { modelValue: true, ...props },
    global: { plugins: [i18n, ElementPlus], stubs: { teleport: true } },
    attachTo: document.body,
  });
}

/** The year's scheme as GET /schemes/:year answers it, with the bureau's campaign defaults. */
function schemeOf(year: number, campaign: CampaignDefaults) {
  return json({
    year,
    version: 2,
    isDefault: false,
    updatedAt: null,
    updatedBy: null,
    scheme: { ...defaultScheme(year), campaign },
  });
}
type CampaignDefaults = { perCapitaTarget: number; laggingShare: number; laggingLeadDays: number };
const schemes: Record<string, CampaignDefaults> = {
  '/api/schemes/2026': { perCapitaTarget: 0.4, laggingShare: 0.6, laggingLeadDays: 10 },
  '/api/schemes/2027': { perCapitaTarget: 0.45, laggingShare: 0.7, laggingLeadDays: 21 },
};
const answerScheme = (req: Sent) => {
  const campaign = req.method === 'GET' ? schemes[req.path] : undefined;
  return campaign === undefined ? undefined : schemeOf(Number(req.path.slice(-4)), campaign);
};

const posts = (sent: readonly Sent[], path: string) =>
  sent.filter((r) => r.method === 'POST' && r.path === path);

const SLOW = 30_000;

describe('the campaign dialog', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it(
    "starts next year's campaign from last year's settings and the year's scheme, copies its catalogue, the save button busy meanwhile",
    async () => {
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      const api = fakeApi(async (req) => {
        const scheme = answerScheme(req);
        if (scheme) return scheme;
        if (req.method === 'GET' && req.path === '/api/campaigns/c2025/periodicals')
          return json({ items: catalogue, total: 2 });
        if (req.method === 'POST' && req.path === '/api/campaigns') {
          await held;
          return json({ ...lastYear, ...(req.body as object), id: 'c2026' }, 201);
        }
        if (req.method === 'POST') return json({ id: 'new' }, 201);
        return undefined;
      });
      vi.stubGlobal('fetch', api.fetch);
      const wrapper = render({ previous: lastYear });
      await settle();

      expect(wrapper.find('[data-test="campaign-copy-catalogue"]').text()).toContain(
        '复制“清河县2026年度党报党刊及教育报刊征订发行”的征订目录（2 种）',
      );
      await wrapper.find('[data-test="campaign-save"]').trigger('click');
      await settle();
      const save = wrapper.find('[data-test="campaign-save"]');
      expect(save.classes()).toContain('is-loading');
      expect(save.attributes('disabled')).toBeDefined();

      release();
      await settle();
      expect(posts(api.sent, '/api/campaigns').map((r) => r.body)).toEqual([
        {
          name: '清河县2027年度党报党刊及教育报刊征订发行',
          year: 2026,
          deadline: '2025-11-30T09:00:00.000Z',
          // rules §8.3: the targets of a new campaign are the scheme's, not last year's.
          perCapitaTarget: 0.4,
          publicFundCapFen: 200_000,
          laggingShare: 0.6,
          laggingLeadDays: 10,
          status: 'draft',
        },
      ]);
      expect(posts(api.sent, '/api/campaigns/c2026/periodicals').map((r) => r.body)).toEqual(
        catalogue.map(({ id: _id, campaignId: _campaign, ...entry }) => entry),
      );
      expect(wrapper.emitted('done')).toEqual([['c2026']]);
      expect(wrapper.emitted('update:modelValue')).toEqual([[false]]);
    },
    SLOW,
  );

  it(
    "shows the API's refusal on the fields it names and stays open",
    async () => {
      const api = fakeApi((req) => {
        if (req.method === 'POST')
          return failure(422, 'CAMPAIGN.INVALID_SETTINGS', '公费上限须为非负整数（分）', {
            issues: [
              { path: 'publicFundCapFen', message: '公费上限须为非负整数（分）' },
              { path: 'laggingLeadMs', message: '提前天数须为非负数' },
            ],
          });
        return json({ items: [], total: 0 });
      });
      vi.stubGlobal('fetch', api.fetch);
      const wrapper = render({ previous: lastYear });
      await settle();
      await typeInto(wrapper, 'campaign-cap', '1500.5');
      await wrapper.find('[data-test="campaign-save"]').trigger('click');
      await settle();

      expect(
        (posts(api.sent, '/api/campaigns')[0]?.body as { publicFundCapFen: number })
          .publicFundCapFen,
      ).toBe(150_050);
      expect(errorOf(wrapper, 'publicFundCapFen')).toBe('公费上限须为非负整数（分）');
      expect(errorOf(wrapper, 'laggingLeadDays')).toBe('提前天数须为非负数');
      expect(errorOf(wrapper, 'name')).toBe('');
      expect(wrapper.emitted('done')).toBeUndefined();
      expect(wrapper.emitted('update:modelValue')).toBeUndefined();
    },
    SLOW,
  );

  it(
    "fills the targets from the chosen year's scheme, again when the year changes, keeping a typed value",
    async () => {
      const api = fakeApi((req) => {
        const scheme = answerScheme(req);
        if (scheme) return scheme;
        if (req.method === 'POST') return json({ ...lastYear, id: 'c2027' }, 201);
        return json({ items: [], total: 0 });
      });
      vi.stubGlobal('fetch', api.fetch);
      const wrapper = render({ previous: lastYear });
      await settle();
      const shown = (id: string) =>
        (wrapper.find(`[data-test="${id}"] input`).element as HTMLInputElement).value;
      expect([shown('campaign-per-capita'), shown('campaign-lagging-share')]).toEqual([
        '0.40',
        '60',
      ]);
      expect(shown('campaign-lagging-days')).toBe('10');

      await typeInto(wrapper, 'campaign-lagging-days', '7');
      await typeInto(wrapper, 'campaign-year', '2027');
      await settle();
      expect(api.sent.filter((r) => r.path.startsWith('/api/schemes/')).map((r) => r.path)).toEqual(
        ['/api/schemes/2026', '/api/schemes/2027'],
      );
      expect([shown('campaign-per-capita'), shown('campaign-lagging-share')]).toEqual([
        '0.45',
        '70',
      ]);
      expect(shown('campaign-lagging-days')).toBe('7');

      await wrapper.find('[data-test="campaign-save"]').trigger('click');
      await settle();
      expect(posts(api.sent, '/api/campaigns')[0]?.body).toMatchObject({
        year: 2027,
        perCapitaTarget: 0.45,
        laggingShare: 0.7,
        laggingLeadDays: 7,
      });
    },
    SLOW,
  );

  it(
    'leaves the targets to the server when the scheme cannot be read, saying so',
    async () => {
      const api = fakeApi((req) => {
        if (req.path.startsWith('/api/schemes/')) return failure(403, 'FORBIDDEN', '无权查看');
        if (req.method === 'POST') return json({ ...lastYear, id: 'c2026' }, 201);
        return json({ items: [], total: 0 });
      });
      vi.stubGlobal('fetch', api.fetch);
      const wrapper = render({});
      await settle();
      for (const id of ['campaign-per-capita', 'campaign-lagging-share', 'campaign-lagging-days']) {
        const input = wrapper.find(`[data-test="${id}"] input`).element as HTMLInputElement;
        expect([id, input.value, input.placeholder]).toEqual([id, '', '按年度方案默认值']);
      }
      await typeInto(wrapper, 'campaign-name', '2027 年度报刊征订');
      await typeInto(wrapper, 'campaign-cap', '2000');
      wrapper
        .findComponent({ name: 'ElDatePicker' })
        .vm.$emit('update:modelValue', new Date('2026-11-30T09:00:00.000Z'));
      await settle();
      await wrapper.find('[data-test="campaign-save"]').trigger('click');
      await settle();
      const body = posts(api.sent, '/api/campaigns')[0]?.body as Record<string, unknown>;
      expect(body).toMatchObject({ publicFundCapFen: 200_000, status: 'draft' });
      expect(
        ['perCapitaTarget', 'laggingShare', 'laggingLeadDays'].filter((k) => k in body),
      ).toEqual([]);
    },
    SLOW,
  );

  it(
    'asks before closing a campaign, and then sends only what was changed',
    async () => {
      const api = fakeApi((req) =>
        req.method === 'PATCH' ? json({ ...lastYear, ...(req.body as object) }) : undefined,
      );
      vi.stubGlobal('fetch', api.fetch);
      const wrapper = render({ campaign: lastYear });
      await settle();
      expect(wrapper.find('[data-test="campaign-copy-catalogue"]').exists()).toBe(false);

      await typeInto(wrapper, 'campaign-cap', '1800');
      await wrapper.find('[data-test="campaign-status-closed"] input').setValue(true);
      await wrapper.find('[data-test="campaign-save"]').trigger('click');
      await settle();
      expect(messageBox()?.textContent).toContain(
        '确定将“清河县2026年度党报党刊及教育报刊征订发行”标记为已结束吗？',
      );
      await answerBox(false);
      expect(api.sent.filter((r) => r.method === 'PATCH')).toEqual([]);

      await wrapper.find('[data-test="campaign-save"]').trigger('click');
      await settle();
      await answerBox(true);
      expect(api.sent.filter((r) => r.method === 'PATCH')).toEqual([
        {
          method: 'PATCH',
          path: '/api/campaigns/c2025',
          body: { publicFundCapFen: 180_000, status: 'closed' },
        },
      ]);
      expect(wrapper.emitted('done')).toEqual([['c2025']]);
    },
    SLOW,
  );
});
