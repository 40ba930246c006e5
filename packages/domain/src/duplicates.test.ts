import { describe, expect, it } from 'vitest';
import { likelyDuplicates, normaliseTitle, titleSimilarity } from './duplicates.js';
import { aScheme, DAY, MARCH } from './test-support/builders.js';

const scheme = aScheme();
const item = (id: string, title: string, createdAt = MARCH, unitId = 'center-1') => ({
  id,
  unitId,
  title,
  createdAt,
});

describe('title similarity for Chinese titles', () => {
  it('is 1 for the same title, punctuation and width aside', () => {
    expect(normaliseTitle('“城关镇”召开  会议！')).toBe('城关镇召开会议');
    expect(titleSimilarity('城关镇召开教师大会', '城关镇召开教师大会。')).toBe(1);
    expect(titleSimilarity('ＡＢＣ教育', 'abc教育')).toBe(1);
  });

  it('is high for a reworded title and low for another story', () => {
    expect(
      titleSimilarity('城关镇中心校召开师德师风建设大会', '城关镇中心校召开师德师风建设推进会'),
    ).toBeGreaterThan(0.7);
    expect(
      titleSimilarity('城关镇中心校召开师德师风建设大会', '县一中举行秋季运动会'),
    ).toBeLessThan(0.2);
  });

  it('handles one-character and empty titles', () => {
    expect(titleSimilarity('会', '会')).toBe(1);
    expect(titleSimilarity('', '')).toBe(1);
    expect(titleSimilarity('会', '赛')).toBe(0);
  });
});

describe('likely duplicates (same unit, similar title, within 7 days)', () => {
  const existing = [
    item('same', '城关镇中心校召开师德师风建设大会', MARCH - 2 * DAY),
    item('old', '城关镇中心校召开师德师风建设大会', MARCH - 8 * DAY),
    item('other-unit', '城关镇中心校召开师德师风建设大会', MARCH, 'direct-1'),
    item('different', '城关镇中心校举行春季运动会', MARCH),
    item('close', '城关镇中心校召开师德师风建设推进会', MARCH + DAY),
  ];

  it('warns about similar titles of the same unit within the window, most similar first', () => {
    const warnings = likelyDuplicates(
      item('new', '城关镇中心校召开师德师风建设大会'),
      existing,
      scheme,
    );
    expect(warnings.map((w) => w.submissionId)).toEqual(['same', 'close']);
    expect(warnings[0]?.similarity).toBe(1);
  });

  it('never reports the item itself', () => {
    // 'old' is 6 days before 'same': inside the window from its point of view.
    expect(
      likelyDuplicates(existing[0] ?? item('x', 'x'), existing, scheme).map((w) => w.submissionId),
    ).toEqual(['old', 'close']);
  });

  it('follows the window and threshold of the scheme', () => {
    const wide = { duplicates: { windowDays: 10, threshold: 0.99 } };
    expect(
      likelyDuplicates(item('new', '城关镇中心校召开师德师风建设大会'), existing, wide).map(
        (w) => w.submissionId,
      ),
    ).toEqual(['old', 'same']);
  });
});
