import { describe, expect, it } from 'vitest';
import { eventTimeOf, fromPickerParts, pickerParts, shanghaiText } from './event-time.js';

describe('the natural choices of an event time, on the Shanghai clock', () => {
  // 2 December 2026, 10:00 in Shanghai (02:00 UTC).
  const morning = Date.parse('2026-12-02T02:00:00Z');

  it('今天上午 is 9:00 today and 昨天下午 15:00 yesterday', () => {
    expect(shanghaiText(eventTimeOf('this_morning', morning) ?? 0)).toBe('2026-12-02 09:00');
    expect(shanghaiText(eventTimeOf('yesterday_afternoon', morning) ?? 0)).toBe('2026-12-01 15:00');
  });

  it('今天下午 has not come yet in the morning', () => {
    expect(eventTimeOf('this_afternoon', morning)).toBeNull();
  });

  it('现在 is now, and a custom time comes from the pickers', () => {
    expect(eventTimeOf('now', morning)).toBe(morning);
    expect(eventTimeOf('custom', morning)).toBeNull();
  });

  it('after midnight in Shanghai (still the day before in UTC), 今天 is the Shanghai day', () => {
    const earlyMorning = Date.parse('2026-12-01T17:30:00Z'); // 2 December 01:30 in Shanghai
    expect(shanghaiText(eventTimeOf('yesterday_morning', earlyMorning) ?? 0)).toBe(
      '2026-12-01 09:00',
    );
  });

  it('the pickers read and write the same time', () => {
    const at = Date.parse('2026-05-10T07:30:00Z');
    const parts = pickerParts(at);
    expect(parts).toEqual({ date: ['2026', '05', '10'], time: ['15', '30'] });
    expect(fromPickerParts(parts.date, parts.time)).toBe(at);
  });
});
