import {
  accountabilityGaps,
  canSeeUnit,
  escalationChain,
  visibilityOf,
  type Person,
  type Unit,
} from '@jyxc/domain';

const unit = (id: string, name: string, kind: Unit['kind'], parentId: string | null): Unit => ({
  id,
  name,
  kind,
  parentId,
  staffCount: 60,
  studentCount: 900,
  directReporting: false,
});
const units: Unit[] = [
  unit('bureau', '县教体局', 'bureau', null),
  unit('hexi', '河西镇中心校', 'township_center', 'bureau'),
  unit('hexi-1', '河西一小', 'school', 'hexi'),
];
const people: Person[] = [
  { id: 'wang', name: '王审核', unitId: 'bureau', roles: ['reviewer'], active: true },
  { id: 'zhou', name: '周局长', unitId: 'bureau', roles: ['leader'], active: true },
  { id: 'qian', name: '钱校长', unitId: 'hexi', roles: ['head'], active: true },
  { id: 'zhao', name: '赵副校长', unitId: 'hexi', roles: ['deputy'], active: true },
  { id: 'li', name: '李信息员', unitId: 'hexi-1', roles: ['officer'], active: true },
];

// What is missing from the township center's accountability chain (rules §2.3).
for (const gap of accountabilityGaps(units[1] as Unit, people)) {
  console.log(`${gap.code}: ${gap.message}`);
}

// Who overdue work of the school goes to, one link at a time (rules §2.5).
for (const link of escalationChain('hexi-1', units, people)) {
  console.log(`${link.link} → ${link.people.map((p) => p.name).join('、')}`);
}

// A township center's deputy sees its schools, but not the bureau (rules §2.6).
const seen = visibilityOf(people[3] as Person, units);
console.log(canSeeUnit(seen, 'hexi-1'), canSeeUnit(seen, 'bureau'));
