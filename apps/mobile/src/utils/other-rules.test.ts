import { describe, expect, it } from 'vitest';
import { incidentProblems, type IncidentForm } from './incident-rules.js';
import { passwordProblems } from './password-rules.js';
import { reviewProblems } from './review-rules.js';

const NOW = Date.parse('2026-12-02T02:00:00Z');

describe('the 舆情 form', () => {
  const filled: IncidentForm = {
    title: '网传某校食堂饭菜质量问题',
    source: 'online',
    severity: 'major',
    link: 'https://bbs.example.cn/thread/1',
    summary: '本地论坛有帖子称食堂饭菜分量不足。',
    discoveredAt: NOW,
    responsibleId: 'p1',
  };

  it('a filled incident has no problem; the link is optional', () => {
    expect(incidentProblems(filled, NOW)).toEqual({});
    expect(incidentProblems({ ...filled, link: '' }, NOW)).toEqual({});
  });

  it('names every missing choice and a link that is not a web address', () => {
    const problems = incidentProblems(
      { ...filled, source: '', severity: '', responsibleId: '', link: 'bbs.example.cn' },
      NOW,
    );
    expect(Object.keys(problems).sort()).toEqual(['link', 'responsibleId', 'severity', 'source']);
  });
});

describe('the reviewer’s actions', () => {
  const original = { title: '标题', body: '第一句。第二句。' };

  it('修改后签发 needs a change; without one it is 通过并报送', () => {
    expect(reviewProblems({ kind: 'edit', ...original, original })).toBe('review.rules.noEdit');
    expect(reviewProblems({ kind: 'edit', title: '标题', body: '第一句。', original })).toBeNull();
  });

  it('an edit cannot empty the title or the body', () => {
    expect(reviewProblems({ kind: 'edit', title: ' ', body: 'x', original })).toBe(
      'write.rules.titleRequired',
    );
    expect(reviewProblems({ kind: 'edit', title: '标题', body: ' ', original })).toBe(
      'write.rules.bodyRequired',
    );
  });

  it('退回 needs a reason of at least two characters', () => {
    expect(reviewProblems({ kind: 'return', reason: ' 改 ' })).toBe('review.rules.reasonRequired');
    expect(reviewProblems({ kind: 'return', reason: '补充人数' })).toBeNull();
  });
});

describe('changing the password', () => {
  it('checks the current one is given, the length, the repeat and a real change', () => {
    expect(passwordProblems({ current: '', next: 'abcdefghij', again: 'abcdefghij' })?.key).toBe(
      'me.rules.currentRequired',
    );
    expect(passwordProblems({ current: 'old', next: 'abcdefghi', again: 'abcdefghi' })?.key).toBe(
      'me.rules.tooShort',
    );
    expect(passwordProblems({ current: 'old', next: 'abcdefghij', again: 'abcdefghix' })?.key).toBe(
      'me.rules.mismatch',
    );
    expect(
      passwordProblems({ current: 'abcdefghij', next: 'abcdefghij', again: 'abcdefghij' })?.key,
    ).toBe('me.rules.same');
    expect(
      passwordProblems({ current: 'old', next: 'abcdefghij', again: 'abcdefghij' }),
    ).toBeNull();
  });
});
