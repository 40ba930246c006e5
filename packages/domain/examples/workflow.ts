import {
  allowedCommands,
  formatError,
  revisionDiff,
  transition,
  type Person,
  type Submission,
  type SubmissionCommand,
  type Unit,
} from '@jyxc/domain';

const school: Unit = {
  id: 'hexi-1',
  name: '河西一小',
  kind: 'school',
  parentId: 'hexi',
  staffCount: 20,
  studentCount: 400,
  directReporting: false,
};
const li: Person = {
  id: 'li',
  name: '李信息员',
  unitId: 'hexi-1',
  roles: ['officer'],
  active: true,
};
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

const at = Date.parse('2026-03-10T01:00:00Z'); // 09:00 in Shanghai
let item: Submission | null = null;

/** Applies a command and keeps the new item, or prints why it was refused. */
function act(command: SubmissionCommand, actor: Person, minutes: number): void {
  const result = transition(item, command, actor, at + minutes * 60_000);
  if (!result.ok) {
    console.log(`${actor.name}: ${result.error.code} — ${formatError(result.error, 'en')}`);
    return;
  }
  item = result.value.submission;
  console.log(`${actor.name}: ${command.type} → ${item.state}`);
}

act(
  {
    type: 'create',
    id: 'item-1',
    unit: school,
    content: {
      title: '河西一小开展春季安全教育',
      body: '3月10日上午……',
      category: 'activity',
      eventAt: at,
    },
  },
  li,
  10,
);
act({ type: 'forward' }, li, 11); // refused: a draft is not forwarded
act({ type: 'submit' }, li, 12);
if (item !== null) console.log(`赵副校长 may: ${allowedCommands(item, zhao).join(', ')}`);
act({ type: 'approve', changes: { title: '河西一小扎实开展春季安全教育周活动' } }, zhao, 20);
act({ type: 'adopt' }, wang, 60);

// The reviewer's edit, field by field.
const diff = item === null ? null : revisionDiff(item, 1, 2);
if (diff?.ok) console.log(diff.value.map((d) => d.field).join(', '));
