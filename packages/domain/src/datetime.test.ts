import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseShanghaiDateTime } from './datetime.js';
import { formatError } from './messages.js';
import { isCalendarDate, shanghaiMidnight, toShanghaiTime } from './period.js';

const iso = (text: string): string | null => {
  const at = parseShanghaiDateTime(text);
  return at.ok ? new Date(at.value).toISOString() : null;
};

describe('reading a date and time on a Shanghai clock', () => {
  it('reads 2026-03-10 09:00 as 09:00 in Shanghai, 01:00 UTC', () => {
    expect(iso('2026-03-10 09:00')).toBe('2026-03-10T01:00:00.000Z');
    expect(iso('2026-03-10T09:00')).toBe('2026-03-10T01:00:00.000Z');
    expect(iso('2026-03-10 09:00:30')).toBe('2026-03-10T01:00:30.000Z');
    expect(iso(' 2026-03-10 ')).toBe('2026-03-09T16:00:00.000Z');
  });

  it('reads a date alone as its midnight, the same instant shanghaiMidnight gives', () => {
    expect(parseShanghaiDateTime('2026-01-01')).toEqual({
      ok: true,
      value: shanghaiMidnight(2026, 1, 1),
    });
  });

  it('refuses dates and times that do not exist, instead of rolling them over', () => {
    for (const text of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-04-31', '2026-00-10']) {
      const at = parseShanghaiDateTime(text);
      expect(at.ok ? 'accepted' : at.error.code, text).toBe('DATETIME.IMPOSSIBLE');
    }
    for (const text of ['2026-03-10 24:00', '2026-03-10 09:60', '2026-03-10 09:00:60']) {
      const at = parseShanghaiDateTime(text);
      expect(at.ok ? 'accepted' : at.error.code, text).toBe('DATETIME.IMPOSSIBLE');
    }
    expect(iso('2028-02-29 12:00')).toBe('2028-02-29T04:00:00.000Z');
  });

  it('refuses other formats, a time zone included, with a message saying how to write it', () => {
    for (const text of [
      '',
      '2026/03/10',
      '3月10日',
      '2026-3-10',
      '2026-03-10 9:00',
      '2026-03-10T01:00Z',
      '2026-03-10 09:00+08:00',
    ]) {
      const at = parseShanghaiDateTime(text);
      expect(at.ok ? 'accepted' : at.error.code, text).toBe('DATETIME.INVALID_FORMAT');
    }
    const at = parseShanghaiDateTime('2026/03/10');
    expect(at.ok ? '' : at.error.message).toBe(
      '无法识别的时间“2026/03/10”，应形如 2026-03-10 或 2026-03-10 09:00（北京时间）',
    );
    expect(at.ok ? '' : formatError(at.error, 'en')).toBe(
      'Unreadable time “2026/03/10”; write it as 2026-03-10 or 2026-03-10 09:00 (Beijing time)',
    );
  });

  it('reads back every minute it is given, as a Shanghai clock shows it', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1990-01-01T00:00:00Z'),
          max: new Date('2199-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (date) => {
          const at = Math.floor(date.getTime() / 60_000) * 60_000;
          const t = toShanghaiTime(at);
          const pad = (n: number): string => String(n).padStart(2, '0');
          const text = `${t.year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}`;
          expect(parseShanghaiDateTime(text)).toEqual({ ok: true, value: at });
        },
      ),
    );
  });
});

describe('calendar dates', () => {
  it('shanghaiMidnight refuses a date that does not exist with a RangeError', () => {
    expect(() => shanghaiMidnight(2026, 13, 40)).toThrow(RangeError);
    expect(() => shanghaiMidnight(2026, 2, 29)).toThrow('2026-2-29 is not a date of the calendar');
    expect(() => shanghaiMidnight(2026, 0, 1)).toThrow(RangeError);
    expect(() => shanghaiMidnight(2026, 3, 1.5)).toThrow(RangeError);
    expect(shanghaiMidnight(2024, 2, 29)).toBe(Date.parse('2024-02-28T16:00:00Z'));
  });

  it('knows the length of every month and the leap years', () => {
    expect(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].filter((m) => isCalendarDate(2026, m, 31)),
    ).toEqual([1, 3, 5, 7, 8, 10, 12]);
    expect([1900, 2000, 2024, 2026, 2100].filter((y) => isCalendarDate(y, 2, 29))).toEqual([
      2000, 2024,
    ]);
    expect(isCalendarDate(2026, 12, 31)).toBe(true);
    expect(isCalendarDate(2026, 12, 32)).toBe(false);
  });
});
