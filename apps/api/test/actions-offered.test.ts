/**
 * DESIGN §6: a button is shown only when its action is allowed now. For every demo account
 * and every state of the demo county's items, incidents, bulletins and its campaign (and each
 * row of the campaign's progress), each action the API
 * lists is accepted when tried, and each action it does not list is refused. Tries that
 * succeed change the thing, so every listed action is tried on its own thing of the same
 * state and the same listed actions; refusals change nothing and are tried on the first.
 */
import { DEMO_LOGINS } from '@jyxc/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCounty } from './support.js';

type County = Awaited<ReturnType<typeof demoCounty>>;

interface Actions {
  allowed: string[];
  refused: { action: string; code: string; message: { 'zh-CN': string; en: string } }[];
}
interface Listed {
  id: string;
  state: string;
  version: number;
  quality?: boolean;
  actions: Actions;
}
interface Page<T> {
  items: T[];
  total: number;
}

const USERS = DEMO_LOGINS.map((l) => l.username);

let county: County;
beforeAll(async () => {
  county = await demoCounty();
}, 120_000);
afterAll(async () => {
  await county.db.$disconnect();
});

/** Every page of a list the user sees. */
async function everything<T>(user: string, path: string): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page += 1) {
    const sep = path.includes('?') ? '&' : '?';
    const reply = await county.call<Page<T>>(user, 'GET', `${path}${sep}page=${page}&pageSize=100`);
    expect(reply.status, `${user} ${path}`).toBe(200);
    out.push(...reply.body.items);
    if (out.length >= reply.body.total || reply.body.items.length === 0) return out;
  }
}

/** Groups things by state and listed actions, so that each group's members behave alike. */
function groups<T extends Listed>(things: readonly T[]): T[][] {
  const by = new Map<string, T[]>();
  for (const t of things) {
    const key = `${t.state}|${[...t.actions.allowed].sort().join(',')}`;
    by.set(key, [...(by.get(key) ?? []), t]);
  }
  return [...by.values()];
}

interface Attempt {
  method: string;
  path: string;
  body: unknown;
}

async function tryAll<T extends Listed>(
  user: string,
  group: readonly T[],
  every: readonly string[],
  attempt: (thing: T, action: string) => Attempt,
  fresh: (thing: T) => Promise<T>,
  problems: string[],
) {
  const first = group[0];
  if (first === undefined) return;
  for (const action of every) {
    if (first.actions.allowed.includes(action)) continue;
    const a = attempt(await fresh(first), action);
    const reply = await county.call(user, a.method, a.path, a.body);
    if (reply.status < 400) problems.push(`${user} ${first.state} ${action}: not listed, accepted`);
  }
  let next = 0;
  for (const action of first.actions.allowed) {
    const thing = group[next];
    next += 1;
    // Too few things of this kind to try every listed action on its own one.
    if (thing === undefined) break;
    const a = attempt(await fresh(thing), action);
    const reply = await county.call<{ error?: { code: string } }>(user, a.method, a.path, a.body);
    if (reply.status >= 400) {
      problems.push(`${user} ${thing.state} ${action}: listed, refused ${reply.body.error?.code}`);
    }
  }
}

const SUBMISSION_COMMANDS = [
  'edit',
  'submit',
  'approve',
  'forward',
  'return',
  'withdraw',
  'adopt',
  'not_adopt',
  'mark_quality',
];

let edits = 0;

function submissionAttempt(item: Listed, action: string): Attempt {
  edits += 1;
  const at = `/submissions/${item.id}`;
  const version = { expectedVersion: item.version };
  switch (action) {
    case 'edit':
      return { method: 'PATCH', path: at, body: { title: `修订稿 ${edits}`, ...version } };
    case 'approve':
      return {
        method: 'POST',
        path: `${at}/approve`,
        body: { noChange: true, comment: '已逐段审阅，事实与数据核对无误。', ...version },
      };
    case 'return':
      return {
        method: 'POST',
        path: `${at}/return`,
        body: { reason: '请补充活动照片', ...version },
      };
    case 'adopt':
    case 'not_adopt':
      return {
        method: 'POST',
        path: `${at}/decide`,
        body: { adopted: action === 'adopt', ...version },
      };
    case 'mark_quality':
      return {
        method: 'POST',
        path: `${at}/quality`,
        body: { quality: !item.quality, ...version },
      };
    default:
      return { method: 'POST', path: `${at}/${action}`, body: version };
  }
}

const INCIDENT_COMMANDS = ['report', 'respond', 'resolve', 'close', 'reopen', 'reclassify'];

function incidentAttempt(incident: Listed & { severity?: string }, action: string): Attempt {
  const severity = incident.severity === 'major' ? 'general' : 'major';
  return {
    method: 'POST',
    path: `/incidents/${incident.id}/transitions`,
    body: {
      command: action,
      note: '已核实情况并回应家长关切',
      ...(action === 'reclassify' ? { severity } : {}),
      expectedVersion: incident.version,
    },
  };
}

describe('the actions the API lists are the actions it accepts', () => {
  it('lists a reason in both languages for each refused action', async () => {
    // An officer's own item waiting for the deputy's sign-off: no 报送到局, and why.
    const items = await everything<{ id: string }>('cg_xxy', '/submissions?state=unit_review');
    let forward: Actions['refused'][number] | undefined;
    for (const { id } of items) {
      const detail = await county.call<Listed>('cg_xxy', 'GET', `/submissions/${id}`);
      forward ??= detail.body.actions.refused.find((r) => r.action === 'forward');
    }
    expect(forward?.code).toBe('SUBMISSION.NOT_SIGNED_OFF');
    expect(forward?.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    expect(forward?.message.en).toMatch(/not been approved/);
  });

  it.each(USERS)('for submissions, as %s', { timeout: 120_000 }, async (user) => {
    const listed = await everything<{ id: string }>(user, '/submissions');
    const details: Listed[] = [];
    for (const { id } of listed) {
      const reply = await county.call<Listed>(user, 'GET', `/submissions/${id}`);
      details.push(reply.body);
    }
    const problems: string[] = [];
    const fresh = async (item: Listed) =>
      (await county.call<Listed>(user, 'GET', `/submissions/${item.id}`)).body;
    for (const group of groups(details)) {
      await tryAll(user, group, SUBMISSION_COMMANDS, submissionAttempt, fresh, problems);
    }
    expect(problems).toEqual([]);
  });

  it.each(USERS)('for incidents, as %s', { timeout: 60_000 }, async (user) => {
    const incidents = await everything<Listed & { severity: string }>(user, '/incidents');
    const problems: string[] = [];
    const fresh = async (i: Listed) =>
      (await county.call<Listed & { severity: string }>(user, 'GET', `/incidents/${i.id}`)).body;
    for (const group of groups(incidents)) {
      await tryAll(user, group, INCIDENT_COMMANDS, incidentAttempt, fresh, problems);
    }
    expect(problems).toEqual([]);
  });

  it.each(USERS)('for bulletins, as %s', { timeout: 60_000 }, async (user) => {
    const bulletins = await everything<Listed & { status: string }>(user, '/bulletins');
    const problems: string[] = [];
    const fresh = async (b: Listed) =>
      (await county.call<Listed & { status: string }>(user, 'GET', `/bulletins/${b.id}`)).body;
    const attempt = (b: Listed, action: string): Attempt =>
      action === 'appeal'
        ? {
            method: 'POST',
            path: `/bulletins/${b.id}/appeals`,
            body: { reason: '3月市日报采用未计入' },
          }
        : { method: 'POST', path: `/bulletins/${b.id}/publish`, body: {} };
    for (const group of groups(bulletins.map((b) => ({ ...b, state: b.status })))) {
      await tryAll(user, group, ['appeal', 'publish'], attempt, fresh, problems);
    }
    expect(problems).toEqual([]);
  });

  it.each(USERS)(
    'for the campaign and its progress rows, as %s',
    { timeout: 60_000 },
    async (user) => {
      interface Row {
        unitId: string;
        actions: Actions;
      }
      interface CampaignDetail {
        id: string;
        name: string;
        actions: Actions;
        recordUnits: { id: string; name: string }[];
        periodicals: { id: string }[];
        metrics: { units: Row[] };
      }
      const campaigns = await everything<{ id: string }>(user, '/campaigns');
      expect(campaigns.length).toBeGreaterThan(0);
      const problems: string[] = [];
      for (const { id } of campaigns) {
        const reply = await county.call<CampaignDetail>(user, 'GET', `/campaigns/${id}`);
        expect(reply.status).toBe(200);
        const campaign = reply.body;
        // The admin's list of assignments, put back unchanged: a change that changes nothing.
        const assigned = await county.call<{
          items: { unit: { id: string }; person: { id: string } }[];
        }>('admin', 'GET', `/campaigns/${id}/assignments`);
        const anyUnit = campaign.metrics.units[0]?.unitId ?? campaign.recordUnits[0]?.id ?? '';
        const periodicalId = campaign.periodicals[0]?.id ?? '';
        const record = (unitId: string): Attempt => ({
          method: 'POST',
          path: `/campaigns/${id}/records`,
          // Self-paid, so that no public-fund cap gets in the way of a listed action.
          body: { unitId, periodicalId, copies: 1, fundSource: 'self' },
        });
        const attempt = (action: string): Attempt => {
          if (action === 'edit')
            return { method: 'PATCH', path: `/campaigns/${id}`, body: { name: campaign.name } };
          if (action === 'assign') {
            return {
              method: 'PUT',
              path: `/campaigns/${id}/assignments`,
              body: {
                assignments: assigned.body.items.map((a) => ({
                  unitId: a.unit.id,
                  personId: a.person.id,
                })),
              },
            };
          }
          return record(
            campaign.actions.allowed.includes('record')
              ? (campaign.recordUnits[0]?.id ?? '')
              : anyUnit,
          );
        };
        for (const action of ['edit', 'assign', 'record']) {
          const a = attempt(action);
          const tried = await county.call<{ error?: { code: string } }>(
            user,
            a.method,
            a.path,
            a.body,
          );
          const listed = campaign.actions.allowed.includes(action);
          if (listed && tried.status >= 400) {
            problems.push(`${user} campaign ${action}: listed, refused ${tried.body.error?.code}`);
          }
          if (!listed && tried.status < 400)
            problems.push(`${user} campaign ${action}: not listed, accepted`);
        }
        // Every progress row: 登记 is accepted exactly where the row lists it.
        for (const row of campaign.metrics.units) {
          const a = record(row.unitId);
          const tried = await county.call<{ error?: { code: string } }>(
            user,
            a.method,
            a.path,
            a.body,
          );
          const listed = row.actions.allowed.includes('record');
          if (listed !== tried.status < 400) {
            problems.push(`${user} row ${row.unitId}: listed ${listed}, answered ${tried.status}`);
          }
          for (const r of row.actions.refused) {
            if (r.message.en === '' || r.message['zh-CN'] === '')
              problems.push(`${user} row ${row.unitId}: no reason`);
          }
        }
        // The form's units are exactly those the actor records for.
        for (const unit of campaign.recordUnits) {
          const tried = await county.call(
            user,
            'POST',
            `/campaigns/${id}/records`,
            record(unit.id).body,
          );
          if (tried.status >= 400) problems.push(`${user} form unit ${unit.name}: refused`);
        }
      }
      expect(problems).toEqual([]);
    },
  );

  it('tells a reviewer in both languages why the campaign offers nothing', async () => {
    const [first] = await everything<{ id: string }>('shenhe', '/campaigns');
    const campaign = await county.call<{ actions: Actions; recordUnits: unknown[] }>(
      'shenhe',
      'GET',
      `/campaigns/${first?.id ?? ''}`,
    );
    expect(campaign.body.actions.allowed).toEqual([]);
    expect(campaign.body.recordUnits).toEqual([]);
    const reasons = Object.fromEntries(campaign.body.actions.refused.map((r) => [r.action, r]));
    expect(Object.keys(reasons).sort()).toEqual(['assign', 'edit', 'record']);
    expect(reasons.record?.message['zh-CN']).toMatch(/通讯员或分包人员登记/);
    expect(reasons.edit?.message.en).toMatch(/Only an administrator/);
  });
});
