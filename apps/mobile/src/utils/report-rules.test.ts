import { defaultScheme, type Scheme } from '@jyxc/domain';
import { describe, expect, it } from 'vitest';
import { reportProblems, timeLimitNotice, type ReportForm } from './report-rules.js';

// 2 December 2026, 10:00 in Shanghai.
const NOW = Date.parse('2026-12-02T02:00:00Z');
const HOUR = 3_600_000;
const SCHEME = defaultScheme(2026);
const filled: ReportForm = {
  title: '城关镇中心小学开展读书月活动',
  body: '11月28日上午，全校师生参加启动仪式。',
  category: 'activity',
  eventAt: NOW - HOUR,
};

describe('the rules of the 写快报 form', () => {
  it('a filled report has no problem', () => {
    expect(reportProblems(filled, NOW)).toEqual({});
  });

  it('an empty form names every missing field at once', () => {
    const problems = reportProblems({ title: ' ', body: '', category: '', eventAt: null }, NOW);
    expect(Object.keys(problems).sort()).toEqual(['body', 'category', 'eventAt', 'title']);
    expect(problems.title?.key).toBe('write.rules.titleRequired');
  });

  it('a title of 200 characters is accepted and one of 201 is refused, counting characters not code units', () => {
    expect(reportProblems({ ...filled, title: '字'.repeat(200) }, NOW).title).toBeUndefined();
    expect(reportProblems({ ...filled, title: '字'.repeat(201) }, NOW).title).toEqual({
      key: 'write.rules.titleTooLong',
      params: { max: 200 },
    });
    expect(reportProblems({ ...filled, title: '😀'.repeat(200) }, NOW).title).toBeUndefined();
  });

  it('an event time in the future is refused, a phone clock a minute ahead is not', () => {
    expect(reportProblems({ ...filled, eventAt: NOW + 60_000 }, NOW).eventAt).toBeUndefined();
    expect(reportProblems({ ...filled, eventAt: NOW + HOUR }, NOW).eventAt?.key).toBe(
      'write.rules.eventFuture',
    );
  });
});

describe('the time limit the form warns about (rules §3.3)', () => {
  it('重大信息 always shows its 2 h limit and the time it runs out', () => {
    expect(timeLimitNotice('major', NOW - 30 * 60_000, NOW, SCHEME)).toEqual({
      key: 'write.limit.major',
      params: { hours: 2, due: '12/2 11:30' },
    });
  });

  it('a major event more than 2 h ago is already late', () => {
    expect(timeLimitNotice('major', NOW - 3 * HOUR, NOW, SCHEME)?.key).toBe('write.limit.passed');
  });

  it('a news item inside its 48 h says nothing, past it says it will be late', () => {
    expect(timeLimitNotice('news', NOW - 47 * HOUR, NOW, SCHEME)).toBeNull();
    expect(timeLimitNotice('news', NOW - 49 * HOUR, NOW, SCHEME)).toEqual({
      key: 'write.limit.passed',
      params: { hours: 48 },
    });
  });

  it('the limit is the year’s scheme as the bureau saved it, not the default 2 h', () => {
    const oneHour: Scheme = {
      ...SCHEME,
      timeliness: {
        ...SCHEME.timeliness,
        limitHours: { ...SCHEME.timeliness.limitHours, major: 1 },
      },
    };
    expect(timeLimitNotice('major', NOW - 30 * 60_000, NOW, oneHour)).toEqual({
      key: 'write.limit.major',
      params: { hours: 1, due: '12/2 10:30' },
    });
    // 90 minutes after the event is late under a 1 h limit, though the default allows 2 h.
    expect(timeLimitNotice('major', NOW - 90 * 60_000, NOW, oneHour)?.key).toBe(
      'write.limit.passed',
    );
  });

  it('categories without a limit and forms without a category say nothing', () => {
    expect(timeLimitNotice('exemplar', NOW - 100 * HOUR, NOW, SCHEME)).toBeNull();
    expect(timeLimitNotice('', NOW, NOW, SCHEME)).toBeNull();
  });
});
