import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../api/http.js';
import { dottedPath, useFieldErrors } from './form-errors.js';

describe('field errors from the API', () => {
  it('reads the domain’s bracketed indexes and the validation’s dotted ones alike', () => {
    expect(dottedPath('[1].requiredCopies.p1')).toBe('1.requiredCopies.p1');
    expect(dottedPath('entries[2].title')).toBe('entries.2.title');
    expect(dottedPath('targets.0.deadline')).toBe('targets.0.deadline');
  });

  it('puts each issue on its field, without the prefix of the request body', () => {
    const errors = useFieldErrors();
    const shown = errors.apply(
      new ApiFailure(422, 'CAMPAIGN.INVALID_TARGET', '份数须为非负整数', {
        issues: [
          { path: '[0].requiredCopies.p1', message: '份数须为非负整数' },
          { path: 'targets.1.perCapitaTarget', message: '人均目标不能为负数' },
          { path: 'targets.1.perCapitaTarget', message: '第二个问题不盖过第一个' },
        ],
      }),
      'targets.',
    );
    expect(shown).toBe(true);
    expect({ ...errors.errors }).toEqual({
      '0.requiredCopies.p1': '份数须为非负整数',
      '1.perCapitaTarget': '人均目标不能为负数',
    });
  });

  it('shows a conflict that names one field on that field, and nothing for a failure without one', () => {
    const errors = useFieldErrors();
    expect(
      errors.apply(
        new ApiFailure(409, 'CAMPAIGN.DUPLICATE_TITLE', '目录中已有同名报刊', { path: 'title' }),
      ),
    ).toBe(true);
    expect(errors.of('title')).toBe('目录中已有同名报刊');
    expect(
      errors.apply(new ApiFailure(403, 'FORBIDDEN.ADMIN_ONLY', '只有系统管理员可以执行此操作')),
    ).toBe(false);
    expect(errors.of('title')).toBe('');
  });

  it('leaves a refusal, and a problem naming no field, to be shown as a message', () => {
    const errors = useFieldErrors();
    const refused = new ApiFailure(403, 'CAMPAIGN.NOT_PERMITTED', '无权为该单位登记征订', {
      issues: [
        { path: '', message: '无权为该单位登记征订' },
        { path: 'copies', message: '订阅份数须为正整数' },
      ],
    });
    expect(errors.apply(refused)).toBe(false);
    const revoked = new ApiFailure(409, 'ADJUSTMENT.ALREADY_COUNTERED', '该加分或扣分已被撤销', {
      issues: [{ path: '', message: '该加分或扣分已被撤销' }],
    });
    expect(errors.apply(revoked)).toBe(false);
    expect({ ...errors.errors }).toEqual({});
  });
});
