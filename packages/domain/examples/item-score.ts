import {
  defaultScheme,
  formatScoreLine,
  itemScore,
  type Adoption,
  type ScorableSubmission,
} from '@jyxc/domain';

const item: ScorableSubmission = {
  id: 'item-1',
  unitId: 'hexi-1',
  authorIds: ['li'],
  category: 'activity',
  eventAt: Date.parse('2026-03-10T01:00:00Z'),
  submittedToBureauAt: Date.parse('2026-03-10T03:30:00Z'),
  qualityMark: { by: 'wang', at: Date.parse('2026-03-11T02:00:00Z') },
};
const cityDaily: Adoption = {
  id: 'ad-1',
  submissionIds: ['item-1'],
  level: 'city',
  headline: true,
  outlet: '《市日报》',
  page: '第 1 版',
  link: null,
  screenshot: null,
  publishedAt: Date.parse('2026-03-12T00:00:00Z'),
  instruction: {
    level: 'county',
    at: Date.parse('2026-04-02T02:00:00Z'),
    leader: null,
    note: null,
  },
  recordedBy: 'wang',
  recordedAt: Date.parse('2026-03-12T08:00:00Z'),
};

// Every line of the item's score, in Chinese and in English (rules §5.2).
const score = itemScore(item, [cityDaily], defaultScheme(2026), { year: 2026, kind: 'H1' });
for (const line of score.lines) console.log(`${line.explanation} | ${formatScoreLine(line, 'en')}`);
console.log(`= ${score.total}`);
