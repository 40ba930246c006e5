import { flushPromises, mount } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../../i18n.js';
import ReviewActions from './ReviewActions.vue';
import type { ReviewAction } from './review-actions.js';

const content = { title: '城关镇中心校开展安全演练', body: '第一句。第二句。' };

function render(allowed: readonly string[], quality = false) {
  return mount(ReviewActions, {
    props: { allowed, content, quality },
    global: { plugins: [i18n, ElementPlus] },
    attachTo: document.body,
  });
}

async function settle(): Promise<void> {
  for (let i = 0; i < 3; i += 1) {
    await flushPromises();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The labels of the form's fields that failed validation. */
function invalidFields(form: string): string[] {
  return [...document.querySelectorAll(`[data-test="${form}"] .el-form-item.is-error label`)].map(
    (label) => label.textContent?.trim() ?? '',
  );
}

const buttons = (wrapper: ReturnType<typeof render>) =>
  wrapper.findAll('[data-test^="action-"]').map((b) => b.attributes('data-test'));

describe('the review actions of a submission', () => {
  it('shows only the buttons of the actions the domain allows, in working order', () => {
    expect(buttons(render(['edit', 'submit', 'withdraw']))).toEqual([
      'action-submit',
      'action-edit',
      'action-withdraw',
    ]);
    expect(buttons(render(['edit', 'approve', 'forward', 'return']))).toEqual([
      'action-approve',
      'action-forward',
      'action-return',
      'action-edit',
    ]);
    expect(buttons(render(['adopt', 'not_adopt', 'mark_quality', 'return']))).toEqual([
      'action-adopt',
      'action-not_adopt',
      'action-mark_quality',
      'action-return',
    ]);
    expect(buttons(render([]))).toEqual([]);
  });

  it('offers to remove the quality mark when the item already has it', () => {
    const wrapper = render(['mark_quality'], true);
    expect(wrapper.find('[data-test="action-mark_quality"]').text()).toBe('取消精品');
  });

  it('does not return an item without a reason, and sends the reason given', async () => {
    const wrapper = render(['return']);
    await wrapper.find('[data-test="action-return"]').trigger('click');
    await settle();
    const confirm = document.querySelector<HTMLButtonElement>('[data-test="return-confirm"]');
    expect(confirm).not.toBeNull();
    confirm?.click();
    await settle();
    expect(invalidFields('return-form')).toEqual(['退回理由']);
    expect(wrapper.emitted('run')).toBeUndefined();

    const reason = document.querySelector<HTMLTextAreaElement>(
      '[data-test="return-reason"] textarea, textarea[data-test="return-reason"]',
    );
    expect(reason).not.toBeNull();
    if (reason) {
      reason.value = '事件时间有误，请核实后再报';
      reason.dispatchEvent(new Event('input'));
    }
    await settle();
    confirm?.click();
    await settle();
    expect(wrapper.emitted('run')?.[0]).toEqual([
      { type: 'return', reason: '事件时间有误，请核实后再报' } satisfies ReviewAction,
    ]);
    wrapper.unmount();
  });

  it('sends only the edited fields when approving with an edit', async () => {
    const wrapper = render(['approve']);
    await wrapper.find('[data-test="action-approve"]').trigger('click');
    await settle();
    const body = document.querySelector<HTMLTextAreaElement>(
      '[data-test="approve-body"] textarea, textarea[data-test="approve-body"]',
    );
    if (body) {
      body.value = '第一句（已核实）。第二句。';
      body.dispatchEvent(new Event('input'));
    }
    await settle();
    document.querySelector<HTMLButtonElement>('[data-test="approve-confirm"]')?.click();
    await settle();
    expect(wrapper.emitted('run')?.[0]).toEqual([
      {
        type: 'approve',
        changes: { body: '第一句（已核实）。第二句。' },
        noChange: false,
        comment: '',
        forward: true,
      },
    ]);
    wrapper.unmount();
  });

  it('approves without change with no comment, and tells of the 60-second rubber stamp without blocking', async () => {
    const wrapper = render(['approve']);
    await wrapper.find('[data-test="action-approve"]').trigger('click');
    await settle();
    expect(document.querySelector('[data-test="approve-rubber-stamp-hint"]')).toBeNull();
    document
      .querySelector<HTMLInputElement>(
        '[data-test="approve-no-change"] input, input[data-test="approve-no-change"]',
      )
      ?.click();
    await settle();
    const hint = document.querySelector('[data-test="approve-rubber-stamp-hint"]');
    expect(hint?.textContent).toContain('60 秒内未作修改即通过，计为“走过场”审核');
    document.querySelector<HTMLButtonElement>('[data-test="approve-confirm"]')?.click();
    await settle();
    expect(invalidFields('approve-form')).toEqual([]);
    expect(wrapper.emitted('run')).toEqual([
      [{ type: 'approve', noChange: true, comment: '', forward: true }],
    ]);
    wrapper.unmount();
  });
});
