import { describe, expect, it } from 'vitest';
import {
  isLate,
  lateMajorPenalty,
  lateness,
  timeLimitMs,
  unreportedMajorPenalty,
} from './timeliness.js';
import {
  anUnreportedMajor,
  aScheme,
  aSubmission,
  HOUR,
  MARCH,
  MINUTE,
} from './test-support/builders.js';

const scheme = aScheme();

describe('time limits by category (rules §4.1)', () => {
  it.each([
    ['news', 48],
    ['activity', 48],
    ['meeting', 48],
    ['hotspot', 24],
    ['major', 2],
  ] as const)('%s must reach the bureau within %d hours', (category, hours) => {
    expect(timeLimitMs(category, scheme)).toBe(hours * HOUR);
    expect(
      isLate(aSubmission({ category, submittedToBureauAt: MARCH + hours * HOUR }), scheme),
    ).toBe(false);
    expect(
      isLate(aSubmission({ category, submittedToBureauAt: MARCH + hours * HOUR + 1 }), scheme),
    ).toBe(true);
  });

  it.each(['exemplar', 'experience'] as const)('%s has no limit', (category) => {
    expect(timeLimitMs(category, scheme)).toBeNull();
    expect(
      isLate(aSubmission({ category, submittedToBureauAt: MARCH + 1000 * HOUR }), scheme),
    ).toBe(false);
  });

  it('measures submitted-to-bureau time minus event time', () => {
    expect(
      lateness(
        aSubmission({ category: 'hotspot', submittedToBureauAt: MARCH + 30 * HOUR }),
        scheme,
      ),
    ).toEqual({
      delayMs: 30 * HOUR,
      limitMs: 24 * HOUR,
      late: true,
    });
  });

  it('an item that has not reached the bureau is not late (yet)', () => {
    expect(lateness(aSubmission({ submittedToBureauAt: null }), scheme)).toEqual({
      delayMs: null,
      limitMs: 48 * HOUR,
      late: false,
    });
  });
});

describe('major-information penalties', () => {
  it('a late major item costs its unit 5 points (迟报) in the period it reached the bureau', () => {
    const item = aSubmission({ category: 'major', submittedToBureauAt: MARCH + 2 * HOUR + MINUTE });
    expect(lateMajorPenalty(item, scheme)).toEqual({
      kind: 'late_major',
      unitId: 'center-1',
      points: 5,
      at: MARCH + 2 * HOUR + MINUTE,
      sourceId: 's-1',
      disqualifies: false,
    });
  });

  it('an on-time major item, a late news item or an unsent item costs nothing', () => {
    expect(
      lateMajorPenalty(
        aSubmission({ category: 'major', submittedToBureauAt: MARCH + HOUR }),
        scheme,
      ),
    ).toBeNull();
    expect(
      lateMajorPenalty(
        aSubmission({ category: 'news', submittedToBureauAt: MARCH + 99 * HOUR }),
        scheme,
      ),
    ).toBeNull();
    expect(
      lateMajorPenalty(aSubmission({ category: 'major', submittedToBureauAt: null }), scheme),
    ).toBeNull();
  });

  it('an unreported major event costs 20 points and disqualifies (瞒报/漏报)', () => {
    expect(unreportedMajorPenalty(anUnreportedMajor(), scheme)).toEqual({
      kind: 'unreported_major',
      unitId: 'center-1',
      points: 20,
      at: MARCH,
      sourceId: 'u-1',
      disqualifies: true,
    });
  });
});
