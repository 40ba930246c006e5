import { describe, expect, it } from 'vitest';
import { noticeOf, noticeWordsEn, noticeWordsZhCN } from './notices.js';

/** A translate function over the shared words alone, as an app's i18n would read them. */
function translate(words: typeof noticeWordsZhCN) {
  return (key: string, values: Record<string, unknown> = {}) => {
    const found = key
      .split('.')
      .slice(1)
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], words);
    if (typeof found !== 'string') throw new Error(`no words for ${key}`);
    return found.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));
  };
}

describe('a notification as both message centres write it', () => {
  it('names the incident it is about, so each app can open it', () => {
    const notice = noticeOf(
      {
        kind: 'incident_reported',
        facts: { incidentId: 'i1', title: '不实消息', unitId: 'u1', severity: 'major' },
      },
      translate(noticeWordsZhCN),
      'zh-CN',
    );
    expect(notice.subject).toEqual({ kind: 'incident', id: 'i1' });
    expect(notice.text).toBe('本单位报告重大舆情事件《不实消息》，请及时审核跟进。');
  });

  it('a reason typed with its own full stop does not end in 。。', () => {
    const notice = noticeOf(
      {
        kind: 'submission_returned',
        facts: {
          submissionId: 's1',
          title: '读书月',
          reviewerName: '钱校长',
          reason: '请补充人数。',
        },
      },
      translate(noticeWordsZhCN),
      'zh-CN',
    );
    expect(notice.text).toBe(
      '您的稿件《读书月》被退回（审核人：钱校长）。退回原因：请补充人数。请修改后重新提交。',
    );
    expect(notice.subject).toEqual({ kind: 'submission', id: 's1' });
  });

  it('has every word in English that it has in Chinese', () => {
    const keys = (node: object, prefix = ''): string[] =>
      Object.entries(node).flatMap(([k, v]) =>
        typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [prefix + k],
      );
    expect(keys(noticeWordsEn).sort()).toEqual(keys(noticeWordsZhCN).sort());
  });

  it('a quota reminder is about the period’s evaluation', () => {
    const notice = noticeOf(
      {
        kind: 'quota_behind',
        facts: {
          periodKey: '2026-H2',
          checkpoint: 'quota-30d',
          unitId: 'u1',
          name: '城关镇中心小学',
          submitted: 3,
          quota: 10,
        },
      },
      translate(noticeWordsEn),
      'en',
    );
    expect(notice.subject).toEqual({ kind: 'evaluation', periodKey: '2026-H2' });
    expect(notice.text).toContain('2026 H2 has less than 30 days left');
  });
});
