import { describe, expect, it } from 'vitest';
import {
  daysBetween,
  halvesOf,
  isInPeriod,
  parsePeriodKey,
  periodKey,
  periodOf,
  periodRange,
  shanghaiMidnight,
  toShanghaiTime,
} from './period.js';

describe('periods cut in Asia/Shanghai (UTC+8)', () => {
  it('H1 runs from Jan 1 to Jun 30, H2 from Jul 1 to Dec 31, Y the whole year', () => {
    expect(periodRange(2026, 'H1')).toEqual({
      start: Date.parse('2025-12-31T16:00:00Z'),
      end: Date.parse('2026-06-30T16:00:00Z'),
    });
    expect(periodRange(2026, 'H2')).toEqual({
      start: Date.parse('2026-06-30T16:00:00Z'),
      end: Date.parse('2026-12-31T16:00:00Z'),
    });
    expect(periodRange(2026, 'Y')).toEqual({
      start: Date.parse('2025-12-31T16:00:00Z'),
      end: Date.parse('2026-12-31T16:00:00Z'),
    });
  });

  it('an instant late on Jun 30 UTC is already July in Shanghai', () => {
    expect(periodOf(Date.parse('2026-06-30T15:59:59Z'))).toEqual({ year: 2026, kind: 'H1' });
    expect(periodOf(Date.parse('2026-06-30T16:00:00Z'))).toEqual({ year: 2026, kind: 'H2' });
    expect(periodOf(Date.parse('2026-12-31T16:30:00Z'))).toEqual({ year: 2027, kind: 'H1' });
  });

  it('tells whether an instant is in a period', () => {
    const at = shanghaiMidnight(2026, 7, 1);
    expect(isInPeriod(at, { year: 2026, kind: 'H2' })).toBe(true);
    expect(isInPeriod(at, { year: 2026, kind: 'Y' })).toBe(true);
    expect(isInPeriod(at - 1, { year: 2026, kind: 'H2' })).toBe(false);
  });

  it('reads the Shanghai clock', () => {
    expect(toShanghaiTime(Date.parse('2026-03-01T23:30:00Z'))).toEqual({
      year: 2026,
      month: 3,
      day: 2,
      hour: 7,
      minute: 30,
      weekday: 1,
    });
  });

  it('has stable text keys', () => {
    expect(periodKey({ year: 2026, kind: 'H2' })).toBe('2026-H2');
    expect(parsePeriodKey('2026-Y')).toEqual({ ok: true, value: { year: 2026, kind: 'Y' } });
    const bad = parsePeriodKey('2026-Q1');
    expect(!bad.ok && bad.error.code).toBe('PERIOD.INVALID_KEY');
  });

  it('splits the year into its halves', () => {
    expect(halvesOf({ year: 2026, kind: 'Y' }).map(periodKey)).toEqual(['2026-H1', '2026-H2']);
    expect(halvesOf({ year: 2026, kind: 'H1' }).map(periodKey)).toEqual(['2026-H1']);
  });

  it('counts whole days', () => {
    expect(daysBetween(0, 5 * 86_400_000 - 1)).toBe(4);
  });

  it('refuses a fractional year as a programming error', () => {
    expect(() => periodRange(2026.5, 'H1')).toThrow(RangeError);
  });
});
