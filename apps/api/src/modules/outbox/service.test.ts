import { REMINDER_TEMPLATES } from '@jyxc/domain';
import { describe, expect, it } from 'vitest';
import { backoffMs } from './service.js';
import { renderOutboxText } from './texts.js';

const names = (id: string) => (id === 'u1' ? '城关镇中心校' : undefined);

describe('the texts of notifications', () => {
  it('tells a reviewer what waits and what to do', () => {
    const text = renderOutboxText(
      REMINDER_TEMPLATES.reviewPending,
      {
        submissionId: 's1',
        title: '防溺水教育',
        unitId: 'u1',
        since: Date.parse('2026-05-10T01:00:00Z'),
        hours: 24,
      },
      names,
    );
    expect(text).toContain(
      '城关镇中心校的稿件《防溺水教育》自 5月10日 09:00 起等待审核，已超过 24 小时',
    );
    expect(text).toContain('通过并报送');
  });

  it('tells an author the points of an adoption and where to see the rank', () => {
    const text = renderOutboxText(REMINDER_TEMPLATES.adoptionAuthor, {
      submissionId: 's1',
      title: '防溺水教育',
      level: 'city',
      outlet: '《市教育报》',
      points: 4,
      share: 2,
    });
    expect(text).toContain('被《市教育报》（市级媒体）采用，本篇得 4 分，您个人计 2 分');
    expect(text).toContain('/rank');
  });

  it('names the incident step, its deadline and the action, for the responsible person and the chain above', () => {
    const params = {
      incidentId: 'i1',
      title: '食堂卫生',
      unitId: 'u1',
      severity: 'major',
      step: 'report',
      dueAt: Date.parse('2026-05-11T14:20:00Z'),
    };
    expect(
      renderOutboxText(REMINDER_TEMPLATES.incidentDue, { ...params, role: 'responsible' }, names),
    ).toContain(
      '重大舆情《食堂卫生》（城关镇中心校）的“报告”已于 5月11日 22:20 超时。\n请立即向县教体局报告事件情况',
    );
    expect(
      renderOutboxText(REMINDER_TEMPLATES.incidentSoon, { ...params, role: 'escalation' }, names),
    ).toContain('请督促责任人');
  });

  it('lists units, never people, in a group digest', () => {
    const text = renderOutboxText(REMINDER_TEMPLATES.quotaDigest, {
      periodKey: '2026-H1',
      checkpoint: 'quota-mid',
      units: [{ unitId: 'u1', name: '城关镇中心校', submitted: 2, quota: 12 }],
    });
    expect(text).toContain('2026年上半年已过半');
    expect(text).toContain('· 城关镇中心校：2/12 条');
  });

  it('tells an author why an item was returned', () => {
    const text = renderOutboxText('review_result', {
      submissionId: 's1',
      title: '防溺水教育',
      result: 'returned',
      reason: '请补充活动照片',
      stage: 'unit_review',
    });
    expect(text).toContain('退回原因：请补充活动照片');
    expect(text).toContain('重新提交审核');
  });

  it('falls back to the default message for a template it does not know, or parameters that do not fit', () => {
    expect(renderOutboxText('something_new', { defaultMessage: '请查看' })).toBe(
      '请查看\n详情请登录后台查看。',
    );
    expect(renderOutboxText(REMINDER_TEMPLATES.reviewPending, {})).toBe(
      '您有一条新的平台通知，请登录后台查看详情。',
    );
  });
});

describe('retries', () => {
  it('wait 30 s, doubling, at most an hour', () => {
    expect([1, 2, 3, 20].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 3_600_000]);
  });
});
