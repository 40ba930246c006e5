import { describe, expect, it } from 'vitest';
import { FUND_SOURCES, PUBLICATION_CATEGORIES } from './campaign.js';
import {
  INCIDENT_SEVERITIES,
  INCIDENT_SOURCES,
  INCIDENT_STATES,
  INCIDENT_STEPS,
} from './incidents.js';
import {
  ADOPTION_LEVEL_LABELS,
  CATEGORY_LABELS,
  FUND_SOURCE_LABELS,
  INCIDENT_SEVERITY_LABELS,
  INCIDENT_SOURCE_LABELS,
  INCIDENT_STATE_LABELS,
  INCIDENT_STEP_LABELS,
  INSTRUCTION_LEVEL_LABELS,
  isLocale,
  OUTLET_KIND_LABELS,
  LOCALES,
  PERIOD_KIND_LABELS,
  periodLabel,
  PUBLICATION_CATEGORY_LABELS,
  ROLE_LABELS,
  SUBMISSION_STATE_LABELS,
  UNIT_KIND_LABELS,
  UNIT_STATUS_LABELS,
  type Labels,
} from './labels.js';
import { ROLES, UNIT_KINDS } from './org.js';
import { PERIOD_KINDS } from './period.js';
import { ADOPTION_LEVELS, CATEGORIES, INSTRUCTION_LEVELS, OUTLET_KINDS } from './vocabulary.js';
import { SUBMISSION_STATES } from './workflow.js';

const tables: readonly [string, Labels<string>, readonly string[]][] = [
  ['categories', CATEGORY_LABELS, CATEGORIES],
  ['submission states', SUBMISSION_STATE_LABELS, SUBMISSION_STATES],
  ['adoption levels', ADOPTION_LEVEL_LABELS, ADOPTION_LEVELS],
  ['instruction levels', INSTRUCTION_LEVEL_LABELS, INSTRUCTION_LEVELS],
  ['outlet kinds', OUTLET_KIND_LABELS, OUTLET_KINDS],
  ['roles', ROLE_LABELS, ROLES],
  ['unit kinds', UNIT_KIND_LABELS, UNIT_KINDS],
  ['incident sources', INCIDENT_SOURCE_LABELS, INCIDENT_SOURCES],
  ['incident severities', INCIDENT_SEVERITY_LABELS, INCIDENT_SEVERITIES],
  ['incident states', INCIDENT_STATE_LABELS, INCIDENT_STATES],
  ['incident steps', INCIDENT_STEP_LABELS, INCIDENT_STEPS],
  ['publication categories', PUBLICATION_CATEGORY_LABELS, PUBLICATION_CATEGORIES],
  ['fund sources', FUND_SOURCE_LABELS, FUND_SOURCES],
  ['unit statuses', UNIT_STATUS_LABELS, ['commended', 'criticised', 'disqualified', 'ok']],
  ['period kinds', PERIOD_KIND_LABELS, PERIOD_KINDS],
];

describe('the labels of the vocabulary', () => {
  it.each(tables)(
    'name every one of the %s, in every language, and no two alike',
    (_, labels, values) => {
      for (const locale of LOCALES) {
        const names = labels[locale];
        expect(Object.keys(names).sort()).toEqual([...values].sort());
        expect(Object.values(names).every((name) => name.trim() !== '')).toBe(true);
        expect(new Set(Object.values(names)).size).toBe(values.length);
      }
    },
  );

  it.each(tables)(
    'read the %s in Chinese by default and never in Chinese in English',
    (_, labels) => {
      expect(Object.values(labels['zh-CN']).some((name) => /[\u4e00-\u9fff]/.test(name))).toBe(
        true,
      );
      expect(Object.values(labels.en).some((name) => /[\u4e00-\u9fff]/.test(name))).toBe(false);
    },
  );

  it('names an instruction level as the outlet level it matches', () => {
    expect(INSTRUCTION_LEVEL_LABELS['zh-CN'].province).toBe(
      ADOPTION_LEVEL_LABELS['zh-CN'].province,
    );
    expect(INSTRUCTION_LEVEL_LABELS.en.county).toBe('County');
  });

  it('knows its languages', () => {
    expect(isLocale('zh-CN')).toBe(true);
    expect(isLocale('en')).toBe(true);
    expect(isLocale('fr')).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });
});

describe('a period as people write it', () => {
  it('reads 2026年上半年, 2026年下半年 and 2026年度 in Chinese, the default', () => {
    expect(periodLabel({ year: 2026, kind: 'H1' })).toBe('2026年上半年');
    expect(periodLabel({ year: 2026, kind: 'H2' }, 'zh-CN')).toBe('2026年下半年');
    expect(periodLabel({ year: 2026, kind: 'Y' }, 'zh-CN')).toBe('2026年度');
  });

  it('reads 2026 H1, 2026 H2 and 2026 full year in English', () => {
    expect(periodLabel({ year: 2026, kind: 'H1' }, 'en')).toBe('2026 H1');
    expect(periodLabel({ year: 2026, kind: 'H2' }, 'en')).toBe('2026 H2');
    expect(periodLabel({ year: 2026, kind: 'Y' }, 'en')).toBe('2026 full year');
  });
});
