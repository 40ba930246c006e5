import { describe, expect, it } from 'vitest';
import en from './en.js';
import zhCN from './zh-CN.js';

describe('the words of the domain in the console', () => {
  it('are the same in every place the console shows them', () => {
    expect(zhCN.states.submission.bureau_review).toBe('宣传股审核中');
    expect(zhCN.scheme.fields.levels).toEqual(zhCN.levels);
    expect(zhCN.scheme.fields.instructionBonus.province).toBe('省级批示加分');
    expect(zhCN.scheme.fields.quotas.direct_unit.submitted).toBe('局直单位报送');
    expect(en.scheme.fields.quotas.township_center.adopted).toBe('Township center: adopted');
    expect(en.scheme.h1).toBe('First half');
  });
});
