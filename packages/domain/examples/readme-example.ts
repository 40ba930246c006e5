import {
  defaultScheme,
  evaluate,
  recordAdoption,
  shanghaiMidnight,
  transition,
  type Adoption,
  type Person,
  type Submission,
  type SubmissionCommand,
  type Unit,
} from '@jyxc/domain';

// A tiny county: the bureau, two township centers (one with a school) and a county high school.
const unit = (id: string, name: string, kind: Unit['kind'], parentId: string | null): Unit => ({
  id,
  name,
  kind,
  parentId,
  staffCount: 80,
  studentCount: 1200,
  directReporting: false,
});
const units: Unit[] = [
  unit('bureau', '县教体局', 'bureau', null),
  unit('chengguan', '城关镇中心校', 'township_center', 'bureau'),
  unit('chengguan-1', '城关一小', 'school', 'chengguan'),
  unit('hexi', '河西镇中心校', 'township_center', 'bureau'),
  unit('yizhong', '县第一高级中学', 'direct_unit', 'bureau'),
];
const person = (
  id: string,
  name: string,
  unitId: string,
  role: Person['roles'][number],
): Person => ({
  id,
  name,
  unitId,
  roles: [role],
  active: true,
});
const people: Person[] = [
  person('wang', '王审核', 'bureau', 'reviewer'),
  person('li', '李信息员', 'chengguan-1', 'officer'),
  person('zhao', '赵副校长', 'chengguan', 'deputy'),
  person('chen', '陈信息员', 'yizhong', 'officer'),
  person('sun', '孙副校长', 'yizhong', 'deputy'),
];
const byId = (id: string): Person => people.find((p) => p.id === id) as Person;

// Every change goes through the workflow; a failure is a value with a stable code.
function step(s: Submission | null, command: SubmissionCommand, actorId: string, at: number) {
  const result = transition(s, command, byId(actorId), at);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value.submission;
}

// Times are epoch milliseconds; periods are cut in Asia/Shanghai.
const march = shanghaiMidnight(2026, 3, 10) + 9 * 3_600_000;
const minutes = (n: number): number => march + n * 60_000;

// A school officer writes an item; the township deputy reviews, edits and forwards it.
let school = step(
  null,
  {
    type: 'create',
    id: 'item-1',
    unit: units[2] as Unit,
    content: {
      title: '城关一小开展春季安全教育',
      body: '3月10日上午，城关一小……',
      category: 'activity',
      eventAt: march,
    },
  },
  'li',
  minutes(30),
);
school = step(school, { type: 'submit' }, 'li', minutes(35));
school = step(
  school,
  { type: 'approve', changes: { title: '城关一小扎实开展春季安全教育周活动' } },
  'zhao',
  minutes(50),
);

// The high school's officer reports a meeting; the deputy approves it as "reviewed, no change".
let meeting = step(
  null,
  {
    type: 'create',
    id: 'item-2',
    unit: units[4] as Unit,
    content: { title: '县一中召开高考备考推进会', body: '……', category: 'meeting', eventAt: march },
  },
  'chen',
  minutes(40),
);
meeting = step(meeting, { type: 'submit' }, 'chen', minutes(41));
meeting = step(
  meeting,
  { type: 'approve', noChange: true, comment: '内容属实' },
  'sun',
  minutes(55),
);

// The bureau records adoptions with their proof; the city daily ran the school's item as a headline.
const adoptions: Adoption[] = [];
const adopt = (input: Parameters<typeof recordAdoption>[0]): void => {
  const result = recordAdoption(input, [school, meeting], byId('wang'), minutes(24 * 60));
  if (!result.ok) throw new Error(result.error.map((e) => e.code).join(', '));
  adoptions.push(result.value);
};
adopt({
  id: 'ad-1',
  submissionIds: ['item-1'],
  level: 'city',
  headline: true,
  outlet: '《市日报》',
  page: '第 1 版',
  publishedAt: minutes(2 * 24 * 60),
});
adopt({
  id: 'ad-2',
  submissionIds: ['item-2'],
  level: 'bureau',
  outlet: '县教体局公众号',
  link: 'https://example.org/2',
  publishedAt: minutes(24 * 60),
});

// Evaluate the first half-year and print the ranking.
const evaluation = evaluate({
  scheme: defaultScheme(2026),
  period: { year: 2026, kind: 'H1' },
  units,
  people,
  submissions: [school, meeting],
  adoptions,
});
for (const u of evaluation.units) {
  console.log(
    `${u.rank ?? '-'} ${u.name} ${u.score} 分 ${u.status} (${u.reasons.map((r) => r.message).join('；')})`,
  );
}
for (const o of evaluation.officers) console.log(`信息员 ${o.rank} ${o.name} ${o.score} 分`);
