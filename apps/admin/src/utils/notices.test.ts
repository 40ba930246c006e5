import type { NotificationEvent } from '@jyxc/api/client';
import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import en from '../locales/en.js';
import zhCN from '../locales/zh-CN.js';
import { noticeOf } from './notices.js';

const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, en } });

function inLocale(locale: 'zh-CN' | 'en', event: NotificationEvent | null) {
  i18n.global.locale.value = locale;
  return noticeOf(event, (key, values) => i18n.global.t(key, values ?? {}), locale);
}

const returned: NotificationEvent = {
  kind: 'submission_returned',
  facts: { submissionId: 's1', title: '防溺水教育', reviewerName: '钱校长', reason: '请补充人数' },
};

describe('a notification in the message centre', () => {
  it('reads in the console’s language and links to the item', () => {
    const zh = inLocale('zh-CN', returned);
    expect(zh.label).toBe('退回');
    expect(zh.text).toContain(
      '您的稿件《防溺水教育》被退回（审核人：钱校长）。退回原因：请补充人数',
    );
    expect(zh.link).toEqual({ name: 'submission', params: { id: 's1' } });
    const english = inLocale('en', returned);
    expect(english.text).toContain('Reason: 请补充人数');
    expect(english.text.replace(/防溺水教育|钱校长|请补充人数/g, '')).not.toMatch(
      /[\u4e00-\u9fff]/,
    );
  });

  it('gives the author’s share of adoption points and the bulletin’s appeal deadline', () => {
    const adoption = inLocale('zh-CN', {
      kind: 'adoption_credited',
      facts: {
        submissionId: 's1',
        title: 'T',
        level: 'city',
        outlet: '《市教育报》',
        points: 4,
        share: 2,
      },
    });
    expect(adoption.text).toBe(
      '您的稿件《T》被《市教育报》（市级）采用，本篇得 4 分，您个人计 2 分',
    );
    const bulletin = inLocale('zh-CN', {
      kind: 'bulletin_appeal_open',
      facts: {
        bulletinId: 'b1',
        periodKey: '2026-H1',
        unitId: 'u1',
        unitName: '城关镇中心校',
        appealDeadline: Date.parse('2026-07-10T10:00:00Z'),
      },
    });
    expect(bulletin.text).toContain('2026年上半年考评通报（草稿）已公示，涉及城关镇中心校');
    expect(bulletin.text).toContain('2026-07-10 18:00');
    expect(bulletin.link).toEqual({ name: 'bulletin', params: { id: 'b1' } });
  });

  it('shows a plain line for a notification of a kind it does not know', () => {
    expect(inLocale('en', null)).toEqual({
      label: 'Notice',
      text: 'You have a new notification.',
      link: null,
    });
  });
});
