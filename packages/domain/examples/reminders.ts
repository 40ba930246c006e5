import {
  defaultReminderSettings,
  dueReminders,
  formatShanghaiDateTime,
  type Person,
  type ReminderState,
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
const people: Person[] = [
  { id: 'zhao', name: '赵副校长', unitId: 'hexi', roles: ['deputy'], active: true },
  { id: 'qian', name: '钱校长', unitId: 'hexi', roles: ['head'], active: true },
  { id: 'li', name: '李信息员', unitId: 'hexi-1', roles: ['officer'], active: true },
];
const state: ReminderState = {
  settings: defaultReminderSettings,
  units: [
    unit('hexi', '河西镇中心校', 'township_center', 'bureau'),
    unit('hexi-1', '河西一小', 'school', 'hexi'),
  ],
  people,
  // A school's item has waited for its township center's review since Thursday 22:00.
  pendingReviews: [
    {
      submissionId: 'item-1',
      revision: 1,
      unitId: 'hexi-1',
      title: '河西一小举行春季运动会',
      authorIds: ['li'],
      since: Date.parse('2026-03-12T14:00:00Z'),
      major: false,
    },
  ],
  period: null,
  quotaProgress: [],
  incidents: [],
  adoptions: [],
};

// The 24-hour reminder fell due on Friday at 22:00; it is held until quiet hours end, not the weekend.
for (const r of dueReminders(state, Date.parse('2026-03-14T02:00:00Z'))) {
  const to = r.audience.kind === 'person' ? r.audience.personId : r.audience.kind;
  console.log(
    `${r.key} → ${to}, due ${formatShanghaiDateTime(r.dueAt)}, send ${formatShanghaiDateTime(r.notBefore)}`,
  );
  console.log(`  ${r.defaultMessage}`);
}
