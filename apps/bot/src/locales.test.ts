import { readFileSync } from 'node:fs';
import { SUBMISSION_STATE_LABELS } from '@jyxc/domain';
import { describe, expect, it } from 'vitest';
import { createI18n } from './bot.js';

const keys = (locale: string) =>
  [
    ...readFileSync(new URL(`../locales/${locale}.ftl`, import.meta.url), 'utf8').matchAll(
      /^([a-z][\w-]*) =/gm,
    ),
  ].map((m) => m[1] ?? '');

describe('texts', () => {
  const i18n = createI18n();

  it('has every message in both languages', () => {
    expect(keys('en').sort()).toEqual(keys('zh-CN').sort());
  });

  it('renders every English message in English (a message Fluent cannot parse falls back to Chinese)', () => {
    const vars = {
      name: 'N',
      unit: 'U',
      title: 'T',
      body: 'B',
      reason: 'R',
      state: 'S',
      next: 'X',
      eventAt: 'E',
      photos: 1,
      chars: 1,
      author: 'A',
      revision: 1,
      total: 1,
      n: 1,
      at: 'A',
      period: 'P',
      rank: '1',
      of: 1,
      score: 1,
      submitted: 1,
      submittedTarget: 1,
      adopted: 1,
      adoptedTarget: 1,
      completion: '1%',
      status: 'S',
      severity: 'S',
      reviewer: 'R',
      outlet: 'O',
      level: 'L',
      points: '1',
      share: '1',
      since: 'S',
      hours: 24,
      checkpoint: 'quota-mid',
      lines: 'L',
      quota: 1,
      stepName: 'S',
      step: 'report',
      dueAt: 'D',
      role: 'responsible',
      deadline: 'D',
      kind: 'video',
      size: 30,
      limit: 20,
      account: '@a',
      note: 'N',
      actor: 'A',
      outcome: 'forwarded',
      command: '/my',
      place: 'P',
      where: 'W',
      source: 'S',
      screenshot: 'yes',
    };
    const chinese = keys('en').filter((key) => /[\u4e00-\u9fff]/.test(i18n.t('en', key, vars)));
    expect(chinese).toEqual([]);
  });

  it('takes the words of states, statuses and severities from the domain', () => {
    expect(i18n.t('zh-CN', 'state-bureau_review')).toBe(
      SUBMISSION_STATE_LABELS['zh-CN'].bureau_review,
    );
    expect(i18n.t('en', 'status-commended')).toBe('Commended');
    expect(i18n.t('zh-CN', 'severity-major')).toBe('重大');
    const state = i18n.t('en', 'state-draft');
    expect(i18n.t('en', 'my-item', { n: 1, title: 'T', state, at: 'A' })).toBe('1. "T" Draft · A');
  });
});
