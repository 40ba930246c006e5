import {
  defaultIncidentRules,
  incidentDeadlineStates,
  incidentEscalation,
  openIncident,
  transitionIncident,
  type Incident,
  type Person,
  type Unit,
} from '@jyxc/domain';

const unit = (id: string, name: string, kind: Unit['kind']): Unit => ({
  id,
  name,
  kind,
  parentId: kind === 'bureau' ? null : 'bureau',
  staffCount: 60,
  studentCount: 900,
  directReporting: false,
});
const units = [
  unit('bureau', '县教体局', 'bureau'),
  unit('hexi', '河西镇中心校', 'township_center'),
];
const people: Person[] = [
  { id: 'ma', name: '马舆情', unitId: 'hexi', roles: ['opinion_officer'], active: true },
  { id: 'zhao', name: '赵副校长', unitId: 'hexi', roles: ['deputy'], active: true },
  { id: 'qian', name: '钱校长', unitId: 'hexi', roles: ['head'], active: true },
];
const [ma] = people as [Person];
const discovered = Date.parse('2026-05-06T02:00:00Z'); // 10:00 in Shanghai
const minutes = (n: number): number => discovered + n * 60_000;

// A major incident: report within 30 min, first response within 2 h, resolved within 24 h.
const opened = openIncident(
  {
    id: 'yq-1',
    unitId: 'hexi',
    title: '网传河西一小食堂饭菜变质',
    source: 'online',
    link: 'https://example.org/post/1',
    summary: '有家长在本地论坛发帖称学生午餐变质，阅读量较大。',
    severity: 'major',
    discoveredAt: discovered,
    responsiblePersonId: 'ma',
  },
  ma,
  { units, people, rules: defaultIncidentRules },
  minutes(5),
);
if (!opened.ok) throw new Error(opened.error.map((e) => e.message).join('；'));
let incident: Incident = opened.value.incident;

// Reported 40 minutes after discovery: 10 minutes late.
const reported = transitionIncident(
  incident,
  { type: 'report', note: '已报局宣传股' },
  ma,
  minutes(40),
);
if (reported.ok) incident = reported.value.incident;
console.log(`report on time: ${reported.ok && reported.value.logEntry.onTime}`);

for (const d of incidentDeadlineStates(incident, minutes(150))) {
  console.log(`${d.step}: ${d.status}`);
}
// Two deadlines missed by 12:30: the incident has gone up two links, to the head.
const escalation = incidentEscalation(incident, { units, people }, minutes(150));
const names = escalation?.recipients.map((p) => p.name).join('、');
console.log(`${escalation?.link} → ${names}`);
