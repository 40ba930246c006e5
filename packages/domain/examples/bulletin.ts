import {
  createDraftBulletin,
  defaultScheme,
  evaluate,
  fileAppeal,
  publishBulletin,
  resolveAppeal,
  type Person,
  type Unit,
} from '@jyxc/domain';

const unit = (id: string, name: string): Unit => ({
  id,
  name,
  kind: 'township_center',
  parentId: 'bureau',
  staffCount: 60,
  studentCount: 900,
  directReporting: false,
});
const hexi = unit('hexi', '河西镇中心校');
const zhao: Person = {
  id: 'zhao',
  name: '赵副校长',
  unitId: 'hexi',
  roles: ['deputy'],
  active: true,
};
const wang: Person = {
  id: 'wang',
  name: '王审核',
  unitId: 'bureau',
  roles: ['reviewer'],
  active: true,
};
const zhou: Person = {
  id: 'zhou',
  name: '周局长',
  unitId: 'bureau',
  roles: ['leader'],
  active: true,
};

const scheme = defaultScheme(2026);
const period = { year: 2026, kind: 'H1' } as const;
const day = 86_400_000;
const july2 = Date.parse('2026-07-02T01:00:00Z'); // 09:00 in Shanghai

// A draft opens the appeal window (rules §6.5): 5 days by default.
let bulletin = createDraftBulletin({ id: 'b-2026-h1', period }, scheme, july2);
console.log(bulletin.title);

const step = (result: ReturnType<typeof fileAppeal>): void => {
  if (result.ok) bulletin = result.value;
  else console.log(`${result.error.code}: ${result.error.message}`);
};
step(
  fileAppeal(
    bulletin,
    { id: 'ap-1', unitId: 'hexi', reason: '3月12日市日报采用未计入' },
    zhao,
    july2 + day,
  ),
);
const evaluation = evaluate({
  scheme,
  period,
  units: [hexi],
  people: [],
  submissions: [],
  adoptions: [],
});
step(publishBulletin(bulletin, evaluation, zhou, july2 + 2 * day)); // refused: the window is open
step(
  resolveAppeal(
    bulletin,
    'ap-1',
    { accepted: true, response: '已补录采用' },
    wang,
    july2 + 3 * day,
  ),
);
step(publishBulletin(bulletin, evaluation, zhou, july2 + 6 * day));
console.log(bulletin.status, Object.isFrozen(bulletin.snapshot?.evaluation));
