import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { createPinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../i18n.js';
import ReviewerDepthCard from './ReviewerDepthCard.vue';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function settle(): Promise<void> {
  for (let i = 0; i < 4; i += 1) {
    await flushPromises();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const SLOW = 30_000;

describe("the unit page's reviewer figures", () => {
  afterEach(() => vi.unstubAllGlobals());

  it(
    'shows each reviewer with approvals, depth, rubber stamps and median minutes',
    async () => {
      const fetch = vi.fn(async (_input: RequestInfo | URL) =>
        json({
          period: '2026-H1',
          unit: { id: 'cg', name: '城关镇中心校' },
          rubberStampSeconds: 60,
          reviewers: [
            {
              personId: 'p1',
              name: '钱校长',
              roles: ['head'],
              approvals: 8,
              deep: 6,
              reviewDepth: 0.75,
              rubberStamped: 1,
              medianMinutesToApprove: 4.5,
            },
            {
              personId: 'p2',
              name: '赵分管',
              roles: ['deputy'],
              approvals: 0,
              deep: 0,
              reviewDepth: null,
              rubberStamped: 0,
              medianMinutesToApprove: null,
            },
          ],
        }),
      );
      vi.stubGlobal('fetch', fetch);
      const wrapper = mount(ReviewerDepthCard, {
        props: { unitId: 'cg' },
        global: { plugins: [createPinia(), i18n, ElementPlus] },
      });
      await settle();
      expect(String(fetch.mock.calls[0]?.[0])).toContain('/api/evaluation/units/cg/reviewers');
      const rows = wrapper.findAll('.el-table__body tr').map((r) => r.text());
      expect(rows[0]).toContain('钱校长');
      expect(rows[0]).toContain('8');
      expect(rows[0]).toContain('75%');
      expect(rows[0]).toContain('4.5');
      expect(rows[1]).toContain('赵分管');
      expect(wrapper.text()).toContain('60 秒');
    },
    SLOW,
  );

  it(
    "shows the server's refusal in words instead of figures",
    async () => {
      vi.stubGlobal(
        'fetch',
        vi.fn(async () =>
          json(
            {
              error: {
                code: 'FORBIDDEN.REVIEWERS',
                message: '只有教体局和本单位负责人可以查看各审核人的审核情况',
              },
            },
            403,
          ),
        ),
      );
      const wrapper = mount(ReviewerDepthCard, {
        props: { unitId: 'cg' },
        global: { plugins: [createPinia(), i18n, ElementPlus] },
      });
      await settle();
      expect(wrapper.text()).toContain('只有教体局和本单位负责人可以查看各审核人的审核情况');
      expect(wrapper.find('.el-table').exists()).toBe(false);
    },
    SLOW,
  );
});
