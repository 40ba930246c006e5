import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffStats, diffText, sentences, type TextDiffOp } from './diff.js';

function before(ops: readonly TextDiffOp[]): string {
  return ops
    .filter((o) => o.op !== 'insert')
    .map((o) => o.text)
    .join('');
}
function after(ops: readonly TextDiffOp[]): string {
  return ops
    .filter((o) => o.op !== 'delete')
    .map((o) => o.text)
    .join('');
}

describe('text diff for Chinese', () => {
  it('diffs by character', () => {
    expect(diffText('全县教师培训会议召开', '全县骨干教师培训会议顺利召开')).toEqual([
      { op: 'equal', text: '全县' },
      { op: 'insert', text: '骨干' },
      { op: 'equal', text: '教师培训会议' },
      { op: 'insert', text: '顺利' },
      { op: 'equal', text: '召开' },
    ]);
  });

  it('is empty for two empty texts and one equal piece for equal texts', () => {
    expect(diffText('', '')).toEqual([]);
    expect(diffText('同', '同')).toEqual([{ op: 'equal', text: '同' }]);
  });

  it('counts inserted and deleted characters, astral ones as one', () => {
    expect(diffStats(diffText('教育𠀀', '教学𠀀'))).toEqual({ inserted: 1, deleted: 1 });
  });

  it('splits sentences at Chinese and Western punctuation', () => {
    expect(sentences('第一句。第二句！第三句？\n最后')).toEqual([
      '第一句。',
      '第二句！',
      '第三句？\n',
      '最后',
    ]);
  });

  it('aligns long texts by sentence and still rebuilds both versions', () => {
    const para = (n: number): string =>
      Array.from({ length: n }, (_, i) => `第${i}段教育信息内容，记录工作进展。`).join('');
    const a = para(300);
    const b =
      a.replace('第10段', '第十段').replace('第200段教育信息内容，记录工作进展。', '') +
      '新增结尾。';
    const ops = diffText(a, b);
    expect(before(ops)).toBe(a);
    expect(after(ops)).toBe(b);
    expect(diffStats(ops).inserted).toBeLessThan(40);
  });

  it('rebuilds both texts from any diff', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('教', '育', '信', '息', '。', 'a', '\n') }),
        fc.string({ unit: fc.constantFrom('教', '育', '信', '息', '。', 'b') }),
        (x, y) => {
          const ops = diffText(x, y);
          expect(before(ops)).toBe(x);
          expect(after(ops)).toBe(y);
        },
      ),
    );
  });
});
