import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatError } from './messages.js';
import {
  customiseScheme,
  defaultScheme,
  halfYearQuota,
  incidentRulesOf,
  periodQuota,
  reminderSettingsOf,
  stockPhraseProblems,
  validateScheme,
  type SchemePatch,
} from './scheme.js';
import { defaultIncidentRules } from './incidents.js';
import { defaultCampaignRules } from './campaign.js';
import { defaultReminderSettings, nextSendingTime } from './reminders.js';
import { aUnit } from './test-support/builders.js';

/** A JSON copy of the default scheme, edited by `edit` (as a console form would send it). */
function edited(edit: (s: Record<string, unknown>) => void): unknown {
  const s = JSON.parse(JSON.stringify(defaultScheme(2026))) as Record<string, unknown>;
  edit(s);
  return s;
}

function problems(input: unknown): string[] {
  const r = validateScheme(input);
  return r.ok ? [] : r.error.map((e) => `${e.path ?? ''} ${e.code}`);
}

describe('the default scheme holds every default number of rules §5.1', () => {
  const s = defaultScheme(2026);

  it('is versioned per year', () => {
    expect([s.year, s.version]).toEqual([2026, 1]);
  });

  it('has the adoption points, headline, instruction, 精品 and reached-bureau points', () => {
    expect(s.levels).toEqual({ bureau: 1, county: 2, city: 4, province: 8, national: 15 });
    expect(s.headlineMultiplier).toBe(2);
    expect(s.instructionBonus).toEqual({ county: 3, city: 5, province: 10, national: 20 });
    expect(s.qualityBonus).toBe(2);
    expect(s.reachedBureauPoints).toBe(0.2);
    expect(s.stacking).toBe('sum');
  });

  it('has the time limits, the late factor and the major penalties', () => {
    expect(s.timeliness).toEqual({
      limitHours: {
        news: 48,
        activity: 48,
        meeting: 48,
        hotspot: 24,
        major: 2,
        exemplar: null,
        experience: null,
      },
      lateFactor: 0.5,
      majorLatePenalty: 5,
      unreportedMajorPenalty: 20,
    });
  });

  it('has the half-year quotas, commendation sizes, rubber-stamp threshold, duplicate window and appeal window', () => {
    expect(s.quotas).toEqual({
      township_center: { submitted: 12, adopted: 6 },
      direct_unit: { submitted: 6, adopted: 3 },
    });
    expect(s.commend).toEqual({ halfYearTopN: 5, yearTopN: 10, officerTopN: 10 });
    expect(s.review.rubberStampSeconds).toBe(60);
    expect(s.duplicates.windowDays).toBe(7);
    expect(s.bulletin.appealWindowDays).toBe(5);
  });

  it('has composite weights that sum to 1', () => {
    expect(s.composite.reporting + s.composite.incidents + s.composite.campaign).toBeCloseTo(1, 10);
  });

  it('passes its own validation', () => {
    expect(validateScheme(JSON.parse(JSON.stringify(s)))).toEqual({ ok: true, value: s });
  });
});

describe('validating a scheme', () => {
  it('never throws, whatever the input', () => {
    for (const input of [null, undefined, 42, 'x', [], { levels: [] }]) {
      expect(() => validateScheme(input)).not.toThrow();
      expect(validateScheme(input).ok).toBe(false);
    }
  });

  it('reports negative points with their path', () => {
    expect(problems(edited((s) => ((s['levels'] as Record<string, number>)['city'] = -4)))).toEqual(
      ['levels.city SCHEME.NEGATIVE'],
    );
  });

  it('reports an unknown level and a missing one', () => {
    expect(
      problems(
        edited((s) => {
          const levels = s['levels'] as Record<string, number>;
          levels['global'] = 30;
          delete levels['national'];
        }),
      ),
    ).toEqual([
      'levels.global SCHEME.UNKNOWN_LEVEL',
      'levels.national SCHEME.MISSING',
      'levels.national SCHEME.NOT_A_NUMBER',
    ]);
  });

  it('reports an unknown category in the time limits', () => {
    expect(
      problems(
        edited(
          (s) =>
            (((s['timeliness'] as Record<string, unknown>)['limitHours'] as Record<string, number>)[
              'gossip'
            ] = 1),
        ),
      ),
    ).toEqual(['timeliness.limitHours.gossip SCHEME.UNKNOWN_CATEGORY']);
  });

  it('reports overlapping quota overrides for the same unit and half', () => {
    const out = problems(
      edited((s) => {
        s['quotaOverrides'] = [
          { unitId: 'u1', half: 'both', submitted: 3, adopted: 1 },
          { unitId: 'u1', half: 'H2', submitted: 4, adopted: 2 },
          { unitId: 'u2', half: 'Q3', submitted: 4, adopted: 2 },
          { unitId: '', half: 'H1', submitted: 4, adopted: 2 },
          { half: 'spring', submitted: -1, adopted: 2 },
        ];
      }),
    );
    expect(out).toEqual([
      'quotaOverrides[1].half SCHEME.OVERLAPPING_PERIODS',
      'quotaOverrides[2].half SCHEME.UNKNOWN_PERIOD',
      'quotaOverrides[3].unitId SCHEME.MISSING',
      // Every problem of an override, not only the first.
      'quotaOverrides[4].submitted SCHEME.NEGATIVE',
      'quotaOverrides[4].unitId SCHEME.MISSING',
      'quotaOverrides[4].half SCHEME.UNKNOWN_PERIOD',
    ]);
  });

  it('reports composite weights that do not sum to 1', () => {
    expect(
      problems(edited((s) => ((s['composite'] as Record<string, number>)['campaign'] = 0.5))),
    ).toEqual(['composite SCHEME.BAD_WEIGHTS']);
  });

  it('reports every problem at once', () => {
    const out = problems(
      edited((s) => {
        s['year'] = 1999;
        s['version'] = 0;
        s['headlineMultiplier'] = 0.5;
        s['stacking'] = 'max';
        s['topics'] = ['均衡', '均衡', ''];
        (s['timeliness'] as Record<string, number>)['lateFactor'] = 2;
        (s['quotas'] as Record<string, unknown>)['school'] = { submitted: 1, adopted: 1 };
        (s['quotas'] as Record<string, Record<string, number>>)['direct_unit'] = {
          submitted: 1.5,
          adopted: 1,
        };
        (s['commend'] as Record<string, number>)['halfYearTopN'] = -1;
        (s['duplicates'] as Record<string, number>)['threshold'] = 'high' as unknown as number;
        s['review'] = 'fast';
      }),
    );
    expect(out).toEqual([
      'year SCHEME.TOO_SMALL',
      'version SCHEME.TOO_SMALL',
      'topics[1] SCHEME.DUPLICATE_TOPIC',
      'topics[2] SCHEME.EMPTY_TOPIC',
      'headlineMultiplier SCHEME.TOO_SMALL',
      'stacking SCHEME.UNKNOWN_STACKING',
      'timeliness.lateFactor SCHEME.TOO_LARGE',
      'quotas.school SCHEME.UNKNOWN_UNIT_KIND',
      'quotas.direct_unit.submitted SCHEME.NOT_AN_INTEGER',
      'commend.halfYearTopN SCHEME.NEGATIVE',
      'review SCHEME.NOT_AN_OBJECT',
      'review.rubberStampSeconds SCHEME.NOT_A_NUMBER',
      'duplicates.threshold SCHEME.NOT_A_NUMBER',
    ]);
  });

  it('reports lists that are not lists', () => {
    expect(problems(edited((s) => ((s['topics'] = 'x'), (s['quotaOverrides'] = {}))))).toEqual([
      'topics SCHEME.NOT_A_LIST',
      'quotaOverrides SCHEME.NOT_A_LIST',
    ]);
  });

  it('accepts "highest" stacking and a null limit', () => {
    const r = validateScheme(edited((s) => (s['stacking'] = 'highest')));
    expect(r.ok && r.value.stacking).toBe('highest');
  });
});

describe('quotas', () => {
  const scheme = {
    ...defaultScheme(2026),
    quotaOverrides: [
      { unitId: 'small', half: 'both', submitted: 2, adopted: 1 },
      { unitId: 'new', half: 'H2', submitted: 3, adopted: 1 },
    ] as const,
  };

  it('uses the kind default, an override for one half or both, and nothing for schools', () => {
    expect(halfYearQuota(scheme, aUnit(), 'H1')).toEqual({ submitted: 12, adopted: 6 });
    expect(halfYearQuota(scheme, aUnit({ id: 'small', kind: 'direct_unit' }), 'H2')).toEqual({
      submitted: 2,
      adopted: 1,
    });
    expect(periodQuota(scheme, aUnit({ id: 'new', kind: 'direct_unit' }), 'Y')).toEqual({
      submitted: 9,
      adopted: 4,
    });
    expect(halfYearQuota(scheme, aUnit({ kind: 'school' }), 'H1')).toBeNull();
    expect(periodQuota(scheme, aUnit({ kind: 'school' }), 'Y')).toBeNull();
  });
});

describe('unknown keys in a scheme (rules §1.3)', () => {
  it('are refused at the top level, with the field the key was probably meant to be', () => {
    const r = validateScheme(edited((s) => (s['quota'] = s['quotas'])));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.map((e) => [e.path, e.code])).toEqual([['quota', 'SCHEME.UNKNOWN_KEY']]);
    expect(formatError(r.error[0]!, 'zh-CN')).toBe(
      '考评办法中有未知的键“quota”，是否应为“quotas”？',
    );
    expect(formatError(r.error[0]!, 'en')).toBe(
      'The scheme has an unknown key “quota”; did you mean “quotas”?',
    );
  });

  it('are refused inside every group, with their path', () => {
    expect(
      problems(
        edited((s) => {
          (s['timeliness'] as Record<string, unknown>)['lateFactr'] = 0.3;
          (s['commend'] as Record<string, unknown>)['topN'] = 3;
          (s['review'] as Record<string, unknown>)['seconds'] = 30;
          (s['duplicates'] as Record<string, unknown>)['days'] = 3;
          (s['bulletin'] as Record<string, unknown>)['appealDays'] = 3;
          (s['composite'] as Record<string, unknown>)['weights'] = 1;
          (s['quotas'] as Record<string, Record<string, unknown>>)['direct_unit']!['adoptd'] = 1;
          s['quotaOverrides'] = [
            { unitId: 'hexi', half: 'H1', submitted: 1, adopted: 1, note: '试点' },
          ];
        }),
      ),
    ).toEqual([
      'timeliness.lateFactr SCHEME.UNKNOWN_KEY',
      'quotas.direct_unit.adoptd SCHEME.UNKNOWN_KEY',
      'quotaOverrides[0].note SCHEME.UNKNOWN_KEY',
      'commend.topN SCHEME.UNKNOWN_KEY',
      'review.seconds SCHEME.UNKNOWN_KEY',
      'duplicates.days SCHEME.UNKNOWN_KEY',
      'bulletin.appealDays SCHEME.UNKNOWN_KEY',
      'composite.weights SCHEME.UNKNOWN_KEY',
    ]);
  });

  it('name no field when none is close', () => {
    const r = validateScheme(edited((s) => (s['remarks'] = '试行')));
    expect(r.ok ? [] : r.error.map((e) => formatError(e, 'zh-CN'))).toEqual([
      '考评办法中有未知的键“remarks”',
    ]);
    const nested = validateScheme(
      edited((s) => ((s['commend'] as Record<string, unknown>)['remarks'] = 1)),
    );
    expect(nested.ok ? [] : nested.error.map((e) => formatError(e, 'en'))).toEqual([
      'commend has an unknown key “remarks”',
    ]);
  });
});

describe('customising the default scheme', () => {
  const defaults = defaultScheme(2026);

  it('merges nested fields and keeps every other default', () => {
    const r = customiseScheme(defaults, {
      levels: { national: 20 },
      timeliness: { limitHours: { hotspot: 12 } },
      commend: { halfYearTopN: 3 },
    });
    expect(r).toEqual({
      ok: true,
      value: {
        ...defaults,
        levels: { ...defaults.levels, national: 20 },
        timeliness: {
          ...defaults.timeliness,
          limitHours: { ...defaults.timeliness.limitHours, hotspot: 12 },
        },
        commend: { ...defaults.commend, halfYearTopN: 3 },
      },
    });
  });

  it('replaces lists instead of merging them', () => {
    const r = customiseScheme(defaults, { topics: ['乡村教育振兴'] });
    expect(r.ok && r.value.topics).toEqual(['乡村教育振兴']);
  });

  it('lets a limit be removed with null and keeps a field given as undefined', () => {
    const r = customiseScheme(defaults, { timeliness: { limitHours: { hotspot: null } } });
    expect(r.ok && r.value.timeliness.limitHours.hotspot).toBeNull();
    // Plain JavaScript may pass undefined for a field it does not change.
    const u = customiseScheme(defaults, { qualityBonus: undefined } as unknown as SchemePatch);
    expect(u.ok && u.value.qualityBonus).toBe(defaults.qualityBonus);
  });

  it('refuses a misspelt key with its path instead of keeping the default silently', () => {
    const patch = { quota: { township_center: { submitted: 20 } } } as unknown as SchemePatch;
    const r = customiseScheme(defaults, patch);
    expect(r.ok ? [] : r.error.map((e) => [e.path, e.code])).toEqual([
      ['quota', 'SCHEME.UNKNOWN_KEY'],
    ]);
    const nested = { timeliness: { lateFacter: 0.3 } } as unknown as SchemePatch;
    const n = customiseScheme(defaults, nested);
    expect(n.ok ? [] : n.error.map((e) => formatError(e, 'en'))).toEqual([
      'timeliness has an unknown key “lateFacter”; did you mean “lateFactor”?',
    ]);
  });

  it('reports every bad number of the change with its path', () => {
    expect(
      ((r) => (r.ok ? [] : r.error.map((e) => `${e.path ?? ''} ${e.code}`)))(
        customiseScheme(defaults, { levels: { city: -4 }, timeliness: { lateFactor: 2 } }),
      ),
    ).toEqual(['levels.city SCHEME.NEGATIVE', 'timeliness.lateFactor SCHEME.TOO_LARGE']);
  });

  it('refuses a change that is not an object, as plain JavaScript could pass', () => {
    const r = customiseScheme(defaults, 'levels' as unknown as SchemePatch);
    expect(r.ok ? [] : r.error.map((e) => e.code)).toContain('SCHEME.NOT_AN_OBJECT');
  });

  it('gives what validateScheme gives for the same document written out in full', () => {
    const number = fc.integer({ min: 0, max: 50 });
    fc.assert(
      fc.property(
        fc.record(
          {
            levels: fc.record({ city: number, national: number }, { requiredKeys: [] }),
            qualityBonus: number,
            commend: fc.record({ halfYearTopN: number, yearTopN: number }, { requiredKeys: [] }),
            stacking: fc.constantFrom('sum' as const, 'highest' as const),
          },
          { requiredKeys: [] },
        ),
        (patch) => {
          const full = {
            ...defaults,
            ...patch,
            levels: { ...defaults.levels, ...patch.levels },
            commend: { ...defaults.commend, ...patch.commend },
          };
          expect(customiseScheme(defaults, patch)).toEqual(validateScheme(full));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('the scheme holds the numbers of incidents, reminders, campaigns and the calendar (rules §1.3)', () => {
  const s = defaultScheme(2026);

  it('keeps the defaults the rules state', () => {
    expect(incidentRulesOf(s)).toEqual(defaultIncidentRules);
    const { holidays, workdays, ...rest } = reminderSettingsOf(s);
    const { holidays: _h, workdays: _w, ...expected } = defaultReminderSettings;
    expect(rest).toEqual(expected);
    expect([holidays.length > 0, workdays.length > 0]).toEqual([true, true]);
    expect(s.campaign).toEqual({
      perCapitaTarget: defaultCampaignRules.perCapitaTarget,
      laggingShare: defaultCampaignRules.laggingShare,
      laggingLeadDays: defaultCampaignRules.laggingLeadMs / 86_400_000,
    });
  });

  it('ships the 2026 State Council calendar: the Spring Festival off, the 调休 Saturdays worked', () => {
    expect(s.calendar.holidays).toContain('2026-02-17');
    expect(s.calendar.holidays).toContain('2026-10-07');
    expect(s.calendar.workdays).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(defaultScheme(2027).calendar.holidays).toContain('2027-02-06');
    expect(defaultScheme(2031).calendar).toEqual({ holidays: [], workdays: [] });
  });

  it('loads a scheme stored before these fields existed, with the defaults filled in', () => {
    const old = edited((d) => {
      delete d['incidentDeadlineHours'];
      delete d['reminders'];
      delete d['campaign'];
      delete d['calendar'];
    });
    const loaded = validateScheme(old);
    expect(loaded.ok && loaded.value).toEqual(s);
  });

  it('lets a quota reminder wait out a holiday and go out on a 调休 Saturday', () => {
    const settings = reminderSettingsOf(s);
    // Due on Friday 2 October 2026 at 10:00 in Shanghai, inside the National Day holiday:
    const due = Date.parse('2026-10-02T02:00:00Z');
    // Thursday 8 October 07:30, when quiet hours end on the first working day.
    expect(nextSendingTime(due, settings)).toBe(Date.parse('2026-10-07T23:30:00Z'));
    // Saturday 10 October is worked in lieu: a reminder due then goes out at once.
    const saturday = Date.parse('2026-10-10T02:00:00Z');
    expect(nextSendingTime(saturday, settings)).toBe(saturday);
  });

  it("reads the bureau's numbers: a longer review reminder, shorter major deadlines", () => {
    const changed = customiseScheme(s, {
      incidentDeadlineHours: { major: { report: 1 } },
      reminders: { reviewReminderHours: 36, quietHours: { start: '22:00' } },
    });
    expect(changed.ok).toBe(true);
    if (!changed.ok) return;
    expect(incidentRulesOf(changed.value).major.report).toBe(3_600_000);
    expect(reminderSettingsOf(changed.value).reviewReminderAfterMs).toBe(36 * 3_600_000);
    expect(reminderSettingsOf(changed.value).quietHours.startMinute).toBe(22 * 60);
  });

  it('refuses a negative deadline, naming the field in Chinese', () => {
    const r = validateScheme(
      edited((d) => {
        (d['incidentDeadlineHours'] as { major: { report: number } }).major.report = -1;
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error[0]?.path).toBe('incidentDeadlineHours.major.report');
    expect(formatError(r.error[0]!, 'zh-CN')).toBe(
      '重大舆情的报告时限（小时） 不能小于 0（当前为 -1）',
    );
  });

  it('refuses quiet hours longer than 12 hours, naming the field in Chinese', () => {
    const r = validateScheme(
      edited((d) => {
        (d['reminders'] as { quietHours: { start: string } }).quietHours.start = '18:00';
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.map((e) => e.path)).toEqual(['reminders.quietHours']);
    expect(formatError(r.error[0]!, 'zh-CN')).toBe(
      '免打扰时段不能超过 12 小时（当前为 13.5 小时）',
    );
  });

  it("refuses a holiday outside the scheme's year, naming the field in Chinese", () => {
    const r = validateScheme(
      edited((d) => {
        (d['calendar'] as { holidays: string[] }).holidays.push('2027-01-01');
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.map((e) => e.code)).toEqual(['SCHEME.DATE_OUTSIDE_YEAR']);
    expect(formatError(r.error[0]!, 'zh-CN')).toMatch(
      /^法定节假日第 \d+ 项“2027-01-01”不在 2026 年内$/,
    );
  });

  it('refuses a bad time, a day both off and worked, and deadlines in reverse', () => {
    expect(
      problems(
        edited((d) => {
          const r = d['reminders'] as { quietHours: { end: string } };
          r.quietHours.end = '7:30';
          const c = d['calendar'] as { workdays: string[] };
          c.workdays.push('2026-10-01');
          const i = d['incidentDeadlineHours'] as { general: { respond: number } };
          i.general.respond = 2;
        }),
      ),
    ).toEqual([
      'incidentDeadlineHours.general SCHEME.DEADLINES_OUT_OF_ORDER',
      'reminders.quietHours.end SCHEME.BAD_TIME',
      'calendar.workdays SCHEME.HOLIDAY_AND_WORKDAY',
    ]);
  });
});

describe('the stock phrases of a scheme (rules §3.4)', () => {
  const withPhrases = (stockPhrases: unknown) =>
    edited((s) => ((s['review'] as Record<string, unknown>)['stockPhrases'] = stockPhrases));
  const messages = (input: unknown) => {
    const r = validateScheme(input);
    return r.ok ? [] : r.error.map((e) => `${e.path ?? ''} ${e.message}`);
  };

  it('takes a list of phrases, trimmed', () => {
    const r = validateScheme(withPhrases([' 同意 ', '阅知', '照此办理']));
    expect(r.ok && r.value.review.stockPhrases).toEqual(['同意', '阅知', '照此办理']);
  });

  it('names an empty, a repeated and a too long phrase by its number, in Chinese', () => {
    expect(messages(withPhrases(['同意', '。。', 'OK', '同意！', '很'.repeat(31)]))).toEqual([
      'review.stockPhrases[1] 套话第 2 条不能为空（标点和空格不算）',
      'review.stockPhrases[3] 套话第 4 条“同意！”与第 1 条重复',
      'review.stockPhrases[4] 套话第 5 条“很很很很很很很很很很…”过长，最多 30 个字',
    ]);
    expect(messages(withPhrases(['很'.repeat(30)]))).toEqual([]);
  });

  it('refuses something that is not a list, and more than 50 phrases', () => {
    expect(messages(withPhrases('同意'))).toEqual(['review.stockPhrases 套话应为文字列表']);
    const many = Array.from({ length: 51 }, (_, i) => `套话${i}`);
    expect(messages(withPhrases(many))).toEqual([
      'review.stockPhrases 套话最多 50 条（现有 51 条）',
    ]);
    expect(stockPhraseProblems(many.slice(0, 50))).toEqual([]);
  });

  it('says the same in English', () => {
    const [problem] = stockPhraseProblems(['同意', '同意。']);
    expect(problem && formatError(problem, 'en')).toBe('Stock phrase 2 “同意。” repeats phrase 1');
  });
});
