import { describe, expect, it } from 'vitest';
import { currentPeriodKey, formatPeriod, periodOptions } from './format.js';

describe('periods in the console', () => {
  it('cuts the current half-year on a Shanghai clock', () => {
    expect(currentPeriodKey(new Date('2026-06-30T15:59:00Z'))).toBe('2026-H1');
    expect(currentPeriodKey(new Date('2026-06-30T16:00:00Z'))).toBe('2026-H2');
    expect(currentPeriodKey(new Date('2026-12-31T16:30:00Z'))).toBe('2027-H1');
  });

  it('offers the halves and the year of the last years, the newest first', () => {
    expect(periodOptions(new Date('2026-03-01T00:00:00Z'), 2)).toEqual([
      '2026-H2',
      '2026-H1',
      '2026-Y',
      '2025-H2',
      '2025-H1',
      '2025-Y',
    ]);
  });

  it('shows a period as people write it, never its key (DESIGN §6)', () => {
    expect(formatPeriod('2026-H1', 'zh-CN')).toBe('2026年上半年');
    expect(formatPeriod('2026-Y', 'zh-CN')).toBe('2026年度');
    expect(formatPeriod('2026-H2', 'en')).toBe('2026 H2');
    expect(formatPeriod('2026-H2', 'fr')).toBe('2026年下半年');
    expect(formatPeriod(null, 'zh-CN')).toBe('—');
  });
});
