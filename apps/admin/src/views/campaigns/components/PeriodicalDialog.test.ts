import { mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Periodicals } from '../../../api/campaigns.js';
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
} from '../../../test-support/fake-api.js';
import PeriodicalDialog from './PeriodicalDialog.vue';

const paper: Periodicals['items'][number] = {
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
};

function render(periodical?: Periodicals['items'][number]) {
  return mount(PeriodicalDialog, {
    props: { modelValue: true, campaignId: 'c1', ...(periodical ? { periodical } : {}) },
    global: { plugins: [i18n, ElementPlus], stubs: { teleport: true } },
    attachTo: document.body,
  });
}

const SLOW = 30_000;

describe('the catalogue entry dialog', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it(
    'adds a title with the price in fen',
    async () => {
      const api = fakeApi((req) => (req.method === 'POST' ? json({ id: 'p9' }, 201) : undefined));
      vi.stubGlobal('fetch', api.fetch);
      const wrapper = render();
      await settle();
      await typeInto(wrapper, 'periodical-title', '中小学德育');
      await typeInto(wrapper, 'periodical-postal-code', '36-12');
      await typeInto(wrapper, 'periodical-publisher', '省教育厅');
      await typeInto(wrapper, 'periodical-price', '58.8');
      await wrapper.find('[data-test="periodical-save"]').trigger('click');
      await settle();

      expect(api.sent).toEqual([
        {
          method: 'POST',
          path: '/api/campaigns/c1/periodicals',
          body: {
            title: '中小学德育',
            postalCode: '36-12',
            publisher: '省教育厅',
            category: 'education',
            yearlyPriceFen: 5880,
            recommended: true,
            required: false,
            publicFundEligible: true,
          },
        },
      ]);
      expect(wrapper.emitted('done')).toEqual([[]]);
    },
    SLOW,
  );

  it(
    "shows the domain's refusal on the postal code and the flags, and a duplicate title on the title",
    async () => {
      let answer = failure(422, 'CAMPAIGN.INVALID_CATALOGUE', '邮发代号格式应为“36-12”', {
        issues: [
          {
            path: 'postalCode',
            code: 'CAMPAIGN.INVALID_CATALOGUE',
            message: '邮发代号格式应为“36-12”',
          },
          { path: 'required', code: 'CAMPAIGN.STUDENT_MANDATORY', message: '学生读物不得列为必订' },
        ],
      });
      const api = fakeApi((req) => (req.method === 'POST' ? answer : undefined));
      vi.stubGlobal('fetch', api.fetch);
      const wrapper = render();
      await settle();
      await typeInto(wrapper, 'periodical-title', '中学生读写');
      await typeInto(wrapper, 'periodical-postal-code', '3612');
      await typeInto(wrapper, 'periodical-publisher', '省教育报刊社');
      await typeInto(wrapper, 'periodical-price', '96');
      await wrapper.find('[data-test="periodical-category-student"] input').setValue(true);
      await wrapper.find('[data-test="periodical-required"] input').setValue(true);
      await wrapper.find('[data-test="periodical-save"]').trigger('click');
      await settle();

      expect(api.sent[0]?.body).toMatchObject({ category: 'student', required: true });
      expect(errorOf(wrapper, 'postalCode')).toBe('邮发代号格式应为“36-12”');
      expect(errorOf(wrapper, 'flags')).toBe('学生读物不得列为必订');
      expect(errorOf(wrapper, 'title')).toBe('');
      expect(wrapper.emitted('done')).toBeUndefined();

      answer = failure(409, 'CAMPAIGN.DUPLICATE_TITLE', '目录中已有同名报刊', { path: 'title' });
      await wrapper.find('[data-test="periodical-save"]').trigger('click');
      await settle();
      expect(errorOf(wrapper, 'title')).toBe('目录中已有同名报刊');
      expect(errorOf(wrapper, 'postalCode')).toBe('');
    },
    SLOW,
  );

  it(
    'asks before repricing a title units have subscribed to, and sends only the new price',
    async () => {
      const api = fakeApi((req) => {
        if (req.method === 'GET') return json({ items: [], total: 7, page: 1, pageSize: 1 });
        return json({ ...paper, ...(req.body as object) });
      });
      vi.stubGlobal('fetch', api.fetch);
      const wrapper = render(paper);
      await settle();
      const title = wrapper.find(
        'input[data-test="periodical-title"], [data-test="periodical-title"] input',
      );
      expect((title.element as HTMLInputElement).value).toBe('中国教育报');
      await typeInto(wrapper, 'periodical-price', '380');
      await wrapper.find('[data-test="periodical-save"]').trigger('click');
      await settle();

      expect(api.sent[0]?.path).toBe('/api/campaigns/c1/records?periodicalId=p1&page=1&pageSize=1');
      expect(messageBox()?.textContent).toContain('该报刊已有 7 条征订记录');
      await answerBox(true);
      expect(api.sent.filter((r) => r.method === 'PATCH')).toEqual([
        {
          method: 'PATCH',
          path: '/api/campaigns/c1/periodicals/p1',
          body: { yearlyPriceFen: 38_000 },
        },
      ]);
      expect(wrapper.emitted('done')).toEqual([[]]);
    },
    SLOW,
  );

  it(
    'changes nothing when the user declines to drop a required title',
    async () => {
      const api = fakeApi(() => undefined);
      vi.stubGlobal('fetch', api.fetch);
      const wrapper = render(paper);
      await settle();
      await wrapper.find('[data-test="periodical-required"] input').setValue(false);
      await wrapper.find('[data-test="periodical-save"]').trigger('click');
      await settle();
      expect(messageBox()?.textContent).toContain('取消必订后');
      await answerBox(false);
      expect(api.sent).toEqual([]);
      expect(wrapper.emitted('done')).toBeUndefined();
      const save = wrapper.find('[data-test="periodical-save"]');
      expect(save.attributes('disabled')).toBeUndefined();
    },
    SLOW,
  );
});
