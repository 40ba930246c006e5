import {
  defaultIncidentRules,
  incidentDeadlinesFrom,
  type Adoption,
  type Approval,
  type Incident,
  type IncidentLogEntry,
} from '@jyxc/domain';
import { describe, expect, it } from 'vitest';

import {
  adoptionRows,
  incidentLogRow,
  incidentRow,
  signOffRow,
  submissionEventRow,
} from './rows.js';

const approval: Approval = {
  reviewerId: 'p-head',
  unitId: 'u-cg',
  at: Date.parse('2026-05-11T02:00:00Z'),
  revision: 2,
  edited: false,
  comment: '同意报送，内容属实。',
  durationMs: 95_400,
};

describe('the domain’s values as rows', () => {
  it('keeps a sign-off’s review time as its start and end, and its outcome as its kind', () => {
    expect(signOffRow('s1', approval)).toEqual({
      submissionId: 's1',
      revisionNumber: 2,
      unitId: 'u-cg',
      reviewerId: 'p-head',
      kind: 'no_change',
      comment: '同意报送，内容属实。',
      reviewStartedAt: new Date('2026-05-11T01:58:24.600Z'),
      signedAt: new Date('2026-05-11T02:00:00Z'),
    });
  });

  it('tells an approval on the timeline by its revision, unit, outcome and whole seconds', () => {
    const row = submissionEventRow(
      { type: 'approved', submissionId: 's1', actorId: 'p-head', at: approval.at, approval },
      'bot',
    );
    expect(row).toMatchObject({ submissionId: 's1', kind: 'approved', actorKind: 'bot' });
    expect(JSON.parse(row.data ?? '')).toEqual({
      revision: 2,
      unitId: 'u-cg',
      edited: false,
      comment: '同意报送，内容属实。',
      durationSeconds: 95,
    });
    const created = submissionEventRow(
      { type: 'created', submissionId: 's1', actorId: 'p1', at: approval.at },
      'user',
    );
    expect(created.data).toBeNull();
  });

  it('keeps an adoption’s link as its proof in preference to a page, and credits every item', () => {
    const adoption: Adoption = {
      id: 'a1',
      submissionIds: ['s1', 's2'],
      level: 'city',
      headline: true,
      outlet: '《清河日报》',
      page: '第2版',
      link: 'https://news.example.cn/1.html',
      screenshot: null,
      publishedAt: approval.at,
      instruction: { level: 'county', at: approval.at + 86_400_000, leader: '县长', note: '很好' },
      recordedBy: 'p-shenhe',
      recordedAt: approval.at + 3_600_000,
    };
    const rows = adoptionRows(adoption);
    expect(rows.adoption).toMatchObject({
      pageOrLink: 'https://news.example.cn/1.html',
      instructionLevel: 'county',
      instructionAt: new Date(approval.at + 86_400_000),
      recordedById: 'p-shenhe',
    });
    expect(rows.credits).toEqual([
      { adoptionId: 'a1', submissionId: 's1' },
      { adoptionId: 'a1', submissionId: 's2' },
    ]);
  });

  it('names an incident’s log lines as the console lists them', () => {
    const entry: IncidentLogEntry = {
      incidentId: 'i1',
      at: approval.at,
      actorId: 'p1',
      action: 'open',
      from: null,
      to: 'open',
      note: null,
      onTime: null,
    };
    expect(incidentLogRow(entry).kind).toBe('opened');
    expect(incidentLogRow({ ...entry, action: 'report', from: 'open', to: 'reported' }).kind).toBe(
      'transition',
    );
    expect(incidentLogRow({ ...entry, action: 'reclassify', from: 'open' }).kind).toBe(
      'reclassified',
    );
  });

  it('writes a new incident with its responsible person and open steps', () => {
    const incident: Incident = {
      id: 'i1',
      unitId: 'u-cg',
      supervisingUnitId: null,
      title: '家长群转发不实消息',
      source: 'online',
      link: 'https://bbs.example.cn/thread-1.html',
      summary: '已联系发帖人核实。',
      severity: 'general',
      discoveredAt: approval.at,
      responsiblePersonId: 'p-opinion',
      state: 'open',
      deadlines: incidentDeadlinesFrom(approval.at, defaultIncidentRules.general),
      reportedAt: null,
      respondedAt: null,
      resolvedAt: null,
      closedAt: null,
      openedAt: approval.at,
      openedBy: 'p-officer',
    };
    expect(incidentRow(incident, 0)).toEqual({
      id: 'i1',
      unitId: 'u-cg',
      title: '家长群转发不实消息',
      source: 'online',
      link: 'https://bbs.example.cn/thread-1.html',
      summary: '已联系发帖人核实。',
      discoveredAt: new Date(approval.at),
      responsibleId: 'p-opinion',
      state: 'open',
      severity: 'general',
      reportedAt: null,
      respondedAt: null,
      resolvedAt: null,
      closedAt: null,
      reportDueAt: new Date(incident.deadlines.report),
      respondDueAt: new Date(incident.deadlines.respond),
      resolveDueAt: new Date(incident.deadlines.resolve),
      escalationLevel: 0,
    });
  });
});
