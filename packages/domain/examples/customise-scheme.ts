import {
  customiseScheme,
  defaultScheme,
  formatError,
  itemScore,
  validateScheme,
  type SchemePatch,
} from '@jyxc/domain';

// The bureau's changes for 2026 over the defaults (rules §1.3): a national adoption is worth
// 20 instead of 15, and three units instead of five are commended each half-year. Only the
// changed fields are given; every other number stays the default.
const defaults = defaultScheme(2026);
const edited = customiseScheme(defaults, {
  version: defaults.version + 1,
  levels: { national: 20 },
  commend: { halfYearTopN: 3 },
});
if (!edited.ok) throw new Error(edited.error.map((e) => e.message).join('；'));
const scheme = edited.value;
console.log(
  `version ${scheme.version}: national ${scheme.levels.national}, top ${scheme.commend.halfYearTopN}`,
);

// The same item scores by the scheme it is given.
const item = {
  id: 'item-1',
  unitId: 'hexi',
  authorIds: ['li'],
  category: 'news' as const,
  eventAt: Date.parse('2026-05-01T01:00:00Z'),
  submittedToBureauAt: Date.parse('2026-05-01T03:00:00Z'),
  qualityMark: null,
};
const national = {
  id: 'ad-1',
  submissionIds: ['item-1'],
  level: 'national' as const,
  headline: false,
  outlet: '《中国教育报》',
  page: '第 3 版',
  link: null,
  screenshot: null,
  publishedAt: Date.parse('2026-05-08T00:00:00Z'),
  instruction: null,
  recordedBy: 'wang',
  recordedAt: Date.parse('2026-05-09T00:00:00Z'),
};
console.log(
  itemScore(item, [national], defaults).total,
  '→',
  itemScore(item, [national], scheme).total,
);

// A mistaken edit is refused with every problem and the path of its field; so is a misspelt
// key (read from a file, say), which would otherwise leave the default silently in place.
const fromFile = JSON.parse(
  '{ "levels": { "city": -4 }, "quota": { "direct_unit": { "adopted": 2 } } }',
);
const wrong = customiseScheme(defaults, fromFile as SchemePatch);
if (!wrong.ok) for (const e of wrong.error) console.log(`${e.path}: ${formatError(e, 'en')}`);

// A whole document (the console sends one) is checked the same way.
const document = { ...defaults, timeliness: { ...defaults.timeliness, lateFactor: 2 } };
const checked = validateScheme(document);
if (!checked.ok) for (const e of checked.error) console.log(`${e.path}: ${formatError(e, 'en')}`);
