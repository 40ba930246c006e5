import type { NotificationEvent, NotificationKind } from '@jyxc/api/client';
import { describe, expect, it } from 'vitest';
import { createI18n } from './bot.js';
import { renderNotice, type Translate } from './notices.js';

const i18n = createI18n();
const t: Translate = (locale, key, vars) => i18n.t(locale, key, vars);

const may10at9 = Date.parse('2026-05-10T01:00:00Z');
const may11at2220 = Date.parse('2026-05-11T14:20:00Z');
const incident = {
  incidentId: 'i1',
  title: '食堂卫生',
  unitId: 'u1',
  unitName: '城关镇中心校',
  severity: 'major',
};
const returned = {
  submissionId: 's1',
  title: '防溺水教育',
  reviewerName: '钱校长',
  reason: '请补充活动照片',
};

/** One event of every kind: the type makes a missing kind a compile error. */
const EXAMPLES: { readonly [K in NotificationKind]: Extract<NotificationEvent, { kind: K }> } = {
  review_requested: {
    kind: 'review_requested',
    facts: {
      submissionId: 's1',
      title: '防溺水教育',
      unitName: '城关镇中心校',
      authorName: '李信息',
      preview: '本周开展防溺水安全教育。',
    },
  },
  review_settled: {
    kind: 'review_settled',
    facts: {
      submissionId: 's1',
      title: '防溺水教育',
      unitName: '城关镇中心校',
      actorName: '钱校长',
      outcome: 'forwarded',
      at: may11at2220,
    },
  },
  draft_idle: {
    kind: 'draft_idle',
    facts: { submissionId: 's1', title: '防溺水教育', unitName: '城关镇中心校', since: may10at9 },
  },
  submission_forwarded: { kind: 'submission_forwarded', facts: returned },
  submission_returned: { kind: 'submission_returned', facts: returned },
  submission_adopted: { kind: 'submission_adopted', facts: { ...returned, reason: '很好' } },
  submission_not_adopted: { kind: 'submission_not_adopted', facts: returned },
  adoption_credited: {
    kind: 'adoption_credited',
    facts: {
      submissionId: 's1',
      title: '防溺水教育',
      level: 'city',
      outlet: '《市教育报》',
      points: 4,
      share: 2,
    },
  },
  unit_adoption: {
    kind: 'unit_adoption',
    facts: {
      submissionId: 's1',
      title: '防溺水教育',
      level: 'city',
      outlet: '《市教育报》',
      points: 4,
    },
  },
  review_pending: {
    kind: 'review_pending',
    facts: {
      submissionId: 's1',
      title: '防溺水教育',
      unitName: '城关镇中心校',
      since: may10at9,
      hours: 24,
    },
  },
  review_escalated: {
    kind: 'review_escalated',
    facts: { submissionId: 's1', title: '防溺水教育', since: may10at9, hours: 72 },
  },
  quota_digest: {
    kind: 'quota_digest',
    facts: {
      periodKey: '2026-H1',
      checkpoint: 'quota-mid',
      units: [{ unitId: 'u1', name: '城关镇中心校', submitted: 2, quota: 12 }],
    },
  },
  quota_behind: {
    kind: 'quota_behind',
    facts: {
      periodKey: '2026-H1',
      checkpoint: 'quota-30d',
      unitId: 'u1',
      name: '城关镇中心校',
      submitted: 2,
      quota: 12,
    },
  },
  incident_deadline_soon: {
    kind: 'incident_deadline_soon',
    facts: { ...incident, step: 'respond', dueAt: may11at2220, role: 'escalation' },
  },
  incident_deadline_missed: {
    kind: 'incident_deadline_missed',
    facts: { ...incident, step: 'report', dueAt: may11at2220, role: 'responsible' },
  },
  incident_opened: { kind: 'incident_opened', facts: incident },
  incident_reported: { kind: 'incident_reported', facts: incident },
  incident_closed: { kind: 'incident_closed', facts: incident },
  bulletin_appeal_open: {
    kind: 'bulletin_appeal_open',
    facts: {
      bulletinId: 'b1',
      periodKey: '2026-H1',
      unitId: 'u1',
      unitName: '城关镇中心校',
      appealDeadline: may11at2220,
    },
  },
};

const render = (locale: 'zh-CN' | 'en', kind: NotificationKind) =>
  renderNotice(t, locale, EXAMPLES[kind]);

describe('the text of each notification', () => {
  const kinds = Object.keys(EXAMPLES) as NotificationKind[];

  it.each(kinds)('%s reads in Chinese and in English, naming what it is about', (kind) => {
    const zh = render('zh-CN', kind);
    const en = render('en', kind);
    expect(zh).toMatch(/^【.+】/);
    expect(en).toMatch(/^\[.+\]/);
    // English readers see no Chinese words of the bot's own (names and titles are data).
    const data =
      /防溺水教育|城关镇中心校|食堂卫生|李信息|钱校长|请补充活动照片|很好|《市教育报》|本周开展防溺水安全教育。/g;
    expect(en.replace(data, '')).not.toMatch(/[\u4e00-\u9fff]/);
    // No Fluent placeholder left unfilled.
    for (const text of [zh, en]) expect(text).not.toMatch(/\{\s*\$|\$[a-zA-Z]/);
  });

  it('tells a reviewer what waits, since when, and what to do', () => {
    expect(render('zh-CN', 'review_pending')).toContain(
      '城关镇中心校的稿件《防溺水教育》自 5月10日 09:00 起等待审核，已超过 24 小时',
    );
    expect(render('zh-CN', 'review_pending')).toContain('通过并报送');
    expect(render('en', 'review_pending')).toContain('since May 10, 09:00, more than 24 hours');
    // A reminder written before unit names were part of the facts names "your unit".
    expect(render('zh-CN', 'review_escalated')).toContain('本单位的稿件《防溺水教育》');
  });

  it('tells the other reviewer who decided the item, how and when', () => {
    expect(render('zh-CN', 'review_settled')).toMatch(
      /^【已处理】钱校长 已通过并报送 5月11日 22:20\n城关镇中心校《防溺水教育》无需您再审核。$/,
    );
    expect(render('en', 'review_settled')).toContain('钱校长 approved and forwarded it at May 11');
  });

  it('tells an author the points of an adoption, their share and where to see the rank', () => {
    expect(render('zh-CN', 'adoption_credited')).toContain(
      '被《市教育报》（市级）采用，本篇得 4 分，您个人计 2 分',
    );
    expect(render('zh-CN', 'adoption_credited')).toContain('/rank');
    expect(render('en', 'adoption_credited')).toContain('earned 4 points, 2 of them yours');
  });

  it('names the incident step, its deadline and the action, for the responsible person and the chain above', () => {
    expect(render('zh-CN', 'incident_deadline_missed')).toContain(
      '重大舆情《食堂卫生》（城关镇中心校）的“报告”已于 5月11日 22:20 超时。\n请立即向县教体局报告事件情况',
    );
    expect(render('zh-CN', 'incident_deadline_soon')).toContain('请督促责任人作出首次回应');
    expect(render('en', 'incident_deadline_soon')).toContain(
      'The "First response" deadline of the Major incident',
    );
  });

  it('lists units, never people, in a group digest', () => {
    const text = render('zh-CN', 'quota_digest');
    expect(text).toContain('2026年上半年已过半');
    expect(text).toContain('· 城关镇中心校：2/12 条');
    expect(render('en', 'quota_digest')).toContain('2026 H1 is half over');
  });

  it('tells an author why an item was returned, and says so when no reason was given', () => {
    expect(render('zh-CN', 'submission_returned')).toContain('退回原因：请补充活动照片');
    expect(render('zh-CN', 'submission_returned')).toContain('重新提交审核');
    const noReason = renderNotice(t, 'en', {
      kind: 'submission_returned',
      facts: { submissionId: 's1', title: 'T', reason: null },
    });
    expect(noReason).toContain('Reason: not given');
    expect(noReason).not.toContain('reviewer');
  });

  it('gives the appeal deadline of a draft bulletin to the unit', () => {
    expect(render('zh-CN', 'bulletin_appeal_open')).toContain('请在 5月11日 22:20 前');
    expect(render('en', 'bulletin_appeal_open')).toContain('before May 11, 22:20');
  });

  it('writes a plain line for a notification of a kind the bot does not know', () => {
    expect(renderNotice(t, 'zh-CN', null)).toBe('您有一条新的平台通知，请登录后台查看详情。');
    expect(renderNotice(t, 'en', null)).toContain('open the console');
  });
});
