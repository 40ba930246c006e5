import { describe, expect, it } from 'vitest';
import { validateCampaignSettings, validateCatalogue } from './campaign.js';
import { ERROR_CODES } from './errors.js';
import { validateNewIncident } from './incidents.js';
import { LOCALES } from './labels.js';
import {
  ERROR_MESSAGES,
  SCORE_TERMS,
  formatError,
  formatMessage,
  formatScoreTerms,
  type LocalisedText,
  type ScoreTerm,
} from './messages.js';
import { validateReminderSettings } from './reminders.js';
import { domainError, type DomainError } from './result.js';
import { validateScheme } from './scheme.js';

/** Every wording of a code: one, or one per value of its selecting parameter. */
function wordingsOf(code: keyof typeof ERROR_MESSAGES): readonly [string, LocalisedText][] {
  const entry = ERROR_MESSAGES[code];
  return 'variants' in entry ? Object.entries(entry.variants) : [['', entry]];
}

function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

describe('the message catalogue', () => {
  it('has every error code in Simplified Chinese and English', () => {
    expect(Object.keys(ERROR_MESSAGES).sort()).toEqual([...ERROR_CODES].sort());
    for (const code of ERROR_CODES) {
      for (const [, texts] of wordingsOf(code)) {
        for (const locale of LOCALES) expect(texts[locale].trim(), code).not.toBe('');
        // The default locale is Chinese; a wording left in English would be a slip.
        expect(texts['zh-CN'], code).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('uses the same parameters in every locale of a wording', () => {
    for (const code of ERROR_CODES) {
      for (const [variant, texts] of wordingsOf(code)) {
        expect(placeholders(texts.en), `${code} ${variant}`).toEqual(placeholders(texts['zh-CN']));
      }
    }
  });

  it('writes the terms of score lines in both locales with the same parameters', () => {
    for (const [key, texts] of Object.entries(SCORE_TERMS)) {
      for (const locale of LOCALES) expect(texts[locale].trim(), key).not.toBe('');
      expect(placeholders(texts.en), key).toEqual(placeholders(texts['zh-CN']));
    }
  });

  it('only formats parameters that its templates use', () => {
    for (const code of ERROR_CODES) {
      const entry = ERROR_MESSAGES[code];
      if (!('params' in entry)) continue;
      const used = new Set(wordingsOf(code).flatMap(([, t]) => placeholders(t['zh-CN'])));
      for (const name of Object.keys(entry.params)) expect(used, code).toContain(name);
    }
  });
});

describe('rendering an error', () => {
  it('shows a state passed as its code with its label in the locale', () => {
    const error = domainError('SUBMISSION.ILLEGAL_TRANSITION', {
      params: { state: 'draft', command: 'forward' },
    });
    expect(error.message).toBe('稿件当前状态为“草稿”，不能报送稿件');
    expect(formatError(error, 'zh-CN')).toBe(error.message);
    expect(formatError(error, 'en')).toBe(
      'The item is “Draft”, so you cannot forward it to the bureau now',
    );
  });

  it('picks the wording of the situation from the selecting parameter', () => {
    const approve = domainError('SUBMISSION.OWN_ITEM', { params: { command: 'approve' } });
    const back = domainError('SUBMISSION.OWN_ITEM', { params: { command: 'return' } });
    expect(approve.message).toBe('不能审核通过自己撰写的稿件，请由其他审核人审核');
    expect(formatError(back, 'en')).toBe(
      'You cannot return an item you wrote; edit or withdraw it instead',
    );
  });

  it('shows amounts kept in fen as yuan', () => {
    const error = domainError('CAMPAIGN.OVER_CAP', {
      params: { cap: 10_000, already: 9000, attempted: 2050 },
    });
    expect(error.message).toBe('公费订阅超出单位上限：上限 100 元，已订 90 元，本次 20.5 元');
    expect(formatError(error, 'en')).toContain('cap 100 yuan');
  });

  it('renders errors read back from elsewhere without throwing', () => {
    expect(formatMessage('NOT.A_CODE', {}, 'en')).toBe('NOT.A_CODE');
    expect(formatMessage('SUBMISSION.OWN_ITEM', { command: 'unknown' }, 'en')).toBe(
      'SUBMISSION.OWN_ITEM',
    );
    expect(formatMessage('SUBMISSION.UNKNOWN_CATEGORY', {}, 'en')).toBe(
      'Unknown category “{category}”',
    );
    expect(
      formatMessage('SUBMISSION.ILLEGAL_TRANSITION', { state: 'gone', command: 'edit' }, 'zh-CN'),
    ).toBe('稿件当前状态为“gone”，不能修改稿件');
  });

  it('cannot be raised without the values its message shows', () => {
    // @ts-expect-error: the message shows the state and the command.
    domainError('SUBMISSION.ILLEGAL_TRANSITION');
    // @ts-expect-error: a state is one of the submission states.
    domainError('SUBMISSION.ILLEGAL_TRANSITION', { params: { state: 'lost', command: 'edit' } });
    // @ts-expect-error: this wording of the catalogue duplicate needs where the first one is.
    domainError('CAMPAIGN.INVALID_CATALOGUE', { params: { rule: 'id_duplicate' } });
    expect(domainError('SUBMISSION.NOT_FOUND').params).toEqual({});
  });
});

describe('rendering a score line', () => {
  it('joins its terms, rounding points to hundredths and naming levels in the locale', () => {
    const terms: ScoreTerm[] = [
      { key: 'SCORE.INSTRUCTION', params: { level: 'province', points: 10 } },
      { key: 'SCORE.SHARED', params: { count: 3 } },
      { key: 'SCORE.RESULT', params: { points: 10 / 3 } },
    ];
    expect(formatScoreTerms(terms, 'zh-CN')).toBe('省级领导批示 10 ÷ 综合稿 3 篇 = 3.33');
    expect(formatScoreTerms(terms, 'en')).toBe(
      'Province leader instruction 10 ÷ 3 merged items = 3.33',
    );
  });

  it('takes only the parameters each term needs', () => {
    // @ts-expect-error: an adoption term names its level.
    const missing: ScoreTerm = { key: 'SCORE.ADOPTION', params: { points: 4 } };
    // @ts-expect-error: the level of an instruction is never the bureau's.
    const bureau: ScoreTerm = { key: 'SCORE.INSTRUCTION', params: { level: 'bureau', points: 1 } };
    expect(formatScoreTerms([missing, bureau], 'zh-CN')).toBe('{level}采用 4 bureau领导批示 1');
  });
});

describe('the errors the validators raise', () => {
  const raised: DomainError[] = [];
  const collect = (result: { ok: boolean; error?: readonly DomainError[] }): void => {
    raised.push(...(result.error ?? []));
  };
  collect(validateScheme({ topics: ['', 'a', 'a'], quotaOverrides: [{}, 3], levels: { x: 1 } }));
  collect(validateScheme(null));
  collect(validateCatalogue(null));
  collect(
    validateCatalogue({
      year: 1,
      entries: [
        { id: 'a', postalCode: '1-1', required: 'yes', category: 'student' },
        { id: 'a', postalCode: '1-1', yearlyPriceFen: -1 },
        7,
      ],
    }),
  );
  collect(validateCampaignSettings({ laggingShare: 2 }));
  collect(validateReminderSettings({ quietHours: { startMinute: -1 }, holidays: ['x'] }));
  collect(
    validateNewIncident(
      {
        id: '',
        unitId: 'nowhere',
        title: 'x'.repeat(300),
        source: 'rumour',
        summary: '',
        severity: 'huge',
        discoveredAt: Number.NaN,
        responsiblePersonId: '',
        link: 'not a link',
      },
      { units: [], people: [] },
      0,
    ),
  );

  it('are many and varied', () => {
    expect(new Set(raised.map((e) => e.code)).size).toBeGreaterThan(15);
  });

  it('leave no placeholder unfilled in any locale', () => {
    for (const error of raised) {
      for (const locale of LOCALES) {
        expect(formatError(error, locale), error.code).not.toMatch(/\{\w+\}/);
      }
    }
  });
});
