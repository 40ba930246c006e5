import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chainLinkAbove,
  chainLinkHolders,
  chainLinkOf,
  defaultIncidentRules,
  incidentActions,
  incidentDeadlineStates,
  incidentEscalation,
  incidentOnTimeRates,
  isIncidentOverdue,
  missedIncidentDeadlines,
  openIncident,
  reclassifyIncident,
  incidentDeadlinesFrom,
  overdueIncidentSteps,
  transitionIncident,
  validateNewIncident,
  type Incident,
  type IncidentCommand,
  type IncidentLogEntry,
} from './incidents.js';
import {
  DAY,
  HOUR,
  MINUTE,
  T0,
  aPerson,
  anIncident,
  anIncidentInput,
  county,
  person,
} from './test-support/ops-builders.js';

const ctx = { ...county, rules: defaultIncidentRules };

function step(incident: Incident, command: IncidentCommand, actorId: string, at: number): Incident {
  const r = transitionIncident(incident, command, person(actorId), at);
  if (!r.ok) throw new Error(r.error.code);
  return r.value.incident;
}

function errorOf<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): unknown {
  return r.ok ? undefined : r.error;
}

describe('default incident deadlines (rules §7.3)', () => {
  it('gives a major incident 30 minutes to report, 2 hours to respond and 24 hours to resolve', () => {
    expect(defaultIncidentRules.major).toEqual({
      report: 30 * MINUTE,
      respond: 2 * HOUR,
      resolve: 24 * HOUR,
    });
  });
  it('gives a significant incident 2 h / 12 h / 72 h', () => {
    expect(defaultIncidentRules.significant).toEqual({
      report: 2 * HOUR,
      respond: 12 * HOUR,
      resolve: 72 * HOUR,
    });
  });
  it('gives a general incident 24 h / 48 h / 7 days', () => {
    expect(defaultIncidentRules.general).toEqual({
      report: 24 * HOUR,
      respond: 48 * HOUR,
      resolve: 7 * DAY,
    });
  });
  it('fixes the deadlines from the discovery time, not the registration time', () => {
    const discoveredAt = T0 - 10 * MINUTE;
    const r = openIncident(
      anIncidentInput({ severity: 'major', discoveredAt }),
      person('t1-op'),
      ctx,
      T0,
    );
    expect(r.ok && r.value.incident.deadlines).toEqual({
      report: discoveredAt + 30 * MINUTE,
      respond: discoveredAt + 2 * HOUR,
      resolve: discoveredAt + 24 * HOUR,
    });
  });
  it('takes the deadlines from the rules it is given', () => {
    const rules = {
      ...defaultIncidentRules,
      general: { report: HOUR, respond: 2 * HOUR, resolve: 3 * HOUR },
    };
    const r = openIncident(anIncidentInput(), person('t1-op'), { ...county, rules }, T0);
    expect(r.ok && r.value.incident.deadlines.resolve).toBe(T0 + 3 * HOUR);
  });
});

describe('registering an incident', () => {
  it('opens it with a first log entry naming who registered it', () => {
    const r = openIncident(anIncidentInput(), person('t1-off'), ctx, T0 + MINUTE);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.incident).toMatchObject({
      state: 'open',
      openedBy: 't1-off',
      openedAt: T0 + MINUTE,
    });
    expect(r.value.logEntry).toEqual({
      incidentId: 'inc1',
      at: T0 + MINUTE,
      actorId: 't1-off',
      action: 'open',
      from: null,
      to: 'open',
      note: null,
      onTime: null,
    });
  });

  it('lets the bureau register an incident it learned of for any unit', () => {
    expect(openIncident(anIncidentInput(), person('rev'), ctx, T0).ok).toBe(true);
  });

  it('starts an incident the bureau registers as reported, in time, however late it registers it', () => {
    const r = openIncident(anIncidentInput(), person('rev'), ctx, T0 + 3 * HOUR);
    expect(r.ok && r.value.incident.state).toBe('reported');
    if (!r.ok) return;
    expect(r.value.logEntry.to).toBe('reported');
    const report = incidentDeadlineStates(r.value.incident, T0 + 3 * HOUR)[0];
    expect(report?.status).toBe('met');
    expect(incidentActions(r.value.incident, person('t1-op')).allowed).toContain('respond');
  });

  it('offers only the handlers of the unit its next step, and says why to the others', () => {
    const r = openIncident(anIncidentInput(), person('t1-op'), ctx, T0);
    if (!r.ok) throw new Error('not opened');
    expect(incidentActions(r.value.incident, person('t1-op')).allowed).toEqual([
      'report',
      'reclassify',
    ]);
    const officer = incidentActions(r.value.incident, person('t1-off'));
    expect(officer.allowed).toEqual([]);
    expect(officer.refused.map((x) => x.error.code)).toEqual([
      'INCIDENT.NOT_PERMITTED',
      'INCIDENT.NOT_PERMITTED',
    ]);
    expect(incidentActions(r.value.incident, person('rev')).allowed).toEqual(['reclassify']);
  });

  it('lets a township center register the incident of one of its schools', () => {
    const r = openIncident(anIncidentInput({ unitId: 'school1' }), person('t1-op'), ctx, T0);
    expect(r.ok && r.value.incident.supervisingUnitId).toBe('town1');
  });

  it('refuses a person of another unit', () => {
    const r = openIncident(anIncidentInput(), person('d1-op'), ctx, T0);
    expect(errorOf(r)).toEqual([expect.objectContaining({ code: 'INCIDENT.OTHER_UNIT' })]);
  });

  it('refuses an invalid incident with the field errors', () => {
    const r = openIncident(anIncidentInput({ title: '' }), person('t1-op'), ctx, T0);
    expect(errorOf(r)).toEqual([expect.objectContaining({ path: 'title' })]);
  });
});

describe('validating a new incident', () => {
  const validate = (over: Parameters<typeof anIncidentInput>[0]) =>
    validateNewIncident(anIncidentInput(over), county, T0);
  const paths = (r: ReturnType<typeof validate>) => (r.ok ? [] : r.error.map((e) => e.path));

  it('accepts a complete incident and trims its text', () => {
    const r = validate({ title: '  标题  ', link: '' });
    expect(r.ok && r.value).toMatchObject({
      title: '标题',
      link: null,
      source: 'online',
      supervisingUnitId: null,
    });
  });

  it('names every bad field at once', () => {
    const r = validate({
      id: ' ',
      unitId: '',
      title: '',
      source: 'rumour',
      link: 'weibo',
      summary: ' ',
      severity: 'huge',
      discoveredAt: Number.NaN,
      responsiblePersonId: '',
    });
    expect(paths(r)).toEqual([
      'id',
      'unitId',
      'title',
      'source',
      'link',
      'summary',
      'severity',
      'discoveredAt',
      'responsiblePersonId',
    ]);
  });

  it('refuses an unknown unit and the bureau itself', () => {
    expect(validate({ unitId: 'nowhere' }).ok).toBe(false);
    const r = validate({ unitId: 'bureau', responsiblePersonId: 'rev' });
    expect(errorOf(r)).toEqual([
      expect.objectContaining({ code: 'INCIDENT.UNKNOWN_UNIT', path: 'unitId' }),
    ]);
  });

  it('refuses a title or summary that is too long', () => {
    const r = validate({ title: '长'.repeat(201), summary: '长'.repeat(5001) });
    expect(errorOf(r)).toEqual([
      expect.objectContaining({ code: 'INCIDENT.TOO_LONG', path: 'title' }),
      expect.objectContaining({ code: 'INCIDENT.TOO_LONG', path: 'summary' }),
    ]);
  });

  it('refuses a discovery time in the future', () => {
    const r = validate({ discoveredAt: T0 + 1 });
    expect(errorOf(r)).toEqual([
      expect.objectContaining({ code: 'INCIDENT.DISCOVERED_IN_FUTURE', path: 'discoveredAt' }),
    ]);
  });

  it('refuses a responsible person who left, or who does not exist', () => {
    const people = [...county.people, aPerson('gone', 'town1', ['opinion_officer'], false)];
    const r = validateNewIncident(
      anIncidentInput({ responsiblePersonId: 'gone' }),
      { ...county, people },
      T0,
    );
    expect(errorOf(r)).toEqual([
      expect.objectContaining({ code: 'INCIDENT.UNKNOWN_PERSON', path: 'responsiblePersonId' }),
    ]);
    expect(paths(validate({ responsiblePersonId: 'ghost' }))).toEqual(['responsiblePersonId']);
  });

  it('refuses a responsible person of another unit', () => {
    const r = validate({ responsiblePersonId: 'd1-op' });
    expect(errorOf(r)).toEqual([
      expect.objectContaining({
        code: 'INCIDENT.RESPONSIBLE_OTHER_UNIT',
        path: 'responsiblePersonId',
      }),
    ]);
  });

  it("accepts the township center's opinion officer as responsible for a school's incident", () => {
    expect(validate({ unitId: 'school1', responsiblePersonId: 't1-op' }).ok).toBe(true);
    expect(validate({ unitId: 'school1', responsiblePersonId: 'd1-op' }).ok).toBe(false);
  });

  it('accepts each source and severity of the design', () => {
    for (const source of ['online', 'media', 'petition', 'hotline', 'other']) {
      for (const severity of ['general', 'significant', 'major']) {
        expect(validate({ source, severity }).ok).toBe(true);
      }
    }
  });
});

describe('the incident state machine', () => {
  it('goes open → reported → responding → resolved → closed with a log entry for every step', () => {
    let incident = anIncident();
    const log: IncidentLogEntry[] = [];
    const run = (command: IncidentCommand, actorId: string, at: number) => {
      const r = transitionIncident(incident, command, person(actorId), at);
      if (!r.ok) throw new Error(r.error.code);
      incident = r.value.incident;
      log.push(r.value.logEntry);
      return r.value.logEntry;
    };
    expect(run({ type: 'report' }, 't1-op', T0 + HOUR)).toMatchObject({
      from: 'open',
      to: 'reported',
      onTime: true,
    });
    expect(run({ type: 'respond', note: '已联系发帖人' }, 't1-dep', T0 + 2 * HOUR)).toMatchObject({
      to: 'responding',
      note: '已联系发帖人',
    });
    expect(run({ type: 'resolve', note: '已整改' }, 't1-head', T0 + DAY)).toMatchObject({
      to: 'resolved',
    });
    expect(run({ type: 'close' }, 'rev', T0 + 2 * DAY)).toMatchObject({
      to: 'closed',
      actorId: 'rev',
      onTime: null,
    });
    expect(log).toHaveLength(4);
    expect(incident).toMatchObject({
      state: 'closed',
      reportedAt: T0 + HOUR,
      respondedAt: T0 + 2 * HOUR,
      resolvedAt: T0 + DAY,
      closedAt: T0 + 2 * DAY,
    });
  });

  it('does not change the incident it was given', () => {
    const incident = anIncident();
    const copy = structuredClone(incident);
    transitionIncident(incident, { type: 'report' }, person('t1-op'), T0 + HOUR);
    expect(incident).toEqual(copy);
  });

  it('records a step taken after its deadline as not on time', () => {
    const incident = anIncident({ severity: 'major' });
    const r = transitionIncident(incident, { type: 'report' }, person('t1-op'), T0 + 31 * MINUTE);
    expect(r.ok && r.value.logEntry.onTime).toBe(false);
  });

  it('refuses to skip a step', () => {
    const r = transitionIncident(anIncident(), { type: 'resolve', note: 'x' }, person('t1-op'), T0);
    expect(errorOf(r)).toMatchObject({
      code: 'INCIDENT.ILLEGAL_TRANSITION',
      // The state reads as the console shows it (labels.ts names an open incident 待上报).
      message: '事件当前状态为「待上报」，不能处置完毕',
      details: { state: 'open', command: 'resolve' },
    });
  });

  it('refuses any step on a closed incident', () => {
    const closed = anIncident({}, { state: 'closed' });
    for (const command of [
      { type: 'report' },
      { type: 'respond', note: 'x' },
      { type: 'resolve', note: 'x' },
      { type: 'close' },
      { type: 'reopen', reason: 'x' },
    ] as const) {
      const r = transitionIncident(closed, command, person('adm'), T0);
      expect(errorOf(r)).toMatchObject({ code: 'INCIDENT.ILLEGAL_TRANSITION' });
    }
  });

  it('refuses an actor of another unit', () => {
    const r = transitionIncident(anIncident(), { type: 'report' }, person('d1-op'), T0);
    expect(errorOf(r)).toMatchObject({ code: 'INCIDENT.OTHER_UNIT' });
  });

  it('refuses bureau staff doing the unit steps', () => {
    const r = transitionIncident(anIncident(), { type: 'report' }, person('rev'), T0);
    expect(errorOf(r)).toMatchObject({ code: 'INCIDENT.OTHER_UNIT' });
  });

  it("refuses the unit's information officer who is not the responsible person", () => {
    const r = transitionIncident(anIncident(), { type: 'report' }, person('t1-off'), T0);
    expect(errorOf(r)).toMatchObject({ code: 'INCIDENT.NOT_PERMITTED' });
  });

  it('lets the named responsible person act whatever their roles', () => {
    const incident = anIncident({}, { responsiblePersonId: 't1-off' });
    expect(transitionIncident(incident, { type: 'report' }, person('t1-off'), T0).ok).toBe(true);
  });

  it("lets the township center's head handle a school's incident", () => {
    const incident = anIncident({ unitId: 'school1', responsiblePersonId: 't1-op' });
    expect(transitionIncident(incident, { type: 'report' }, person('t1-head'), T0).ok).toBe(true);
  });

  it('refuses a person who has left', () => {
    const gone = aPerson('gone', 'town1', ['head'], false);
    const r = transitionIncident(anIncident(), { type: 'report' }, gone, T0);
    expect(errorOf(r)).toMatchObject({ code: 'INCIDENT.NOT_PERMITTED' });
  });

  it('lets only bureau reviewers, leaders and admins close', () => {
    const resolved = anIncident({}, { state: 'resolved', resolvedAt: T0 });
    expect(
      errorOf(transitionIncident(resolved, { type: 'close' }, person('t1-head'), T0)),
    ).toMatchObject({
      code: 'INCIDENT.NOT_PERMITTED',
    });
    for (const id of ['rev', 'lead', 'adm']) {
      expect(transitionIncident(resolved, { type: 'close' }, person(id), T0).ok).toBe(true);
    }
  });

  it('requires a note saying what was done to respond and to resolve', () => {
    const reported = anIncident({}, { state: 'reported' });
    expect(
      errorOf(transitionIncident(reported, { type: 'respond', note: '  ' }, person('t1-op'), T0)),
    ).toMatchObject({
      code: 'INCIDENT.NOTE_REQUIRED',
      path: 'note',
    });
  });

  it('lets the bureau send a resolution back, reopening the resolve deadline', () => {
    const resolved = anIncident({}, { state: 'resolved', resolvedAt: T0 + HOUR });
    const noReason = transitionIncident(
      resolved,
      { type: 'reopen', reason: '' },
      person('rev'),
      T0,
    );
    expect(errorOf(noReason)).toMatchObject({ code: 'INCIDENT.NOTE_REQUIRED', path: 'reason' });
    const r = transitionIncident(
      resolved,
      { type: 'reopen', reason: '未回应网民关切' },
      person('rev'),
      T0 + 2 * HOUR,
    );
    expect(r.ok && r.value.incident).toMatchObject({ state: 'responding', resolvedAt: null });
    expect(r.ok && r.value.logEntry).toMatchObject({ action: 'reopen', note: '未回应网民关切' });
  });

  it('never throws, whatever the command, state and actor', () => {
    const commands: IncidentCommand[] = [
      { type: 'report' },
      { type: 'respond', note: 'n' },
      { type: 'resolve', note: 'n' },
      { type: 'close' },
      { type: 'reopen', reason: 'r' },
    ];
    fc.assert(
      fc.property(
        fc.constantFrom('open', 'reported', 'responding', 'resolved', 'closed' as const),
        fc.constantFrom(...commands),
        fc.constantFrom(...county.people),
        (state, command, actor) => {
          const r = transitionIncident(anIncident({}, { state }), command, actor, T0);
          if (r.ok) expect(r.value.logEntry.from).toBe(state);
          else expect(r.error.code).toMatch(/^INCIDENT\./);
        },
      ),
    );
  });
});

describe('reclassifying an incident', () => {
  const toMajor = { severity: 'major' as const, reason: '媒体已转载' };

  it('recomputes the deadlines from discovery and logs the change with its reason', () => {
    const r = reclassifyIncident(
      anIncident(),
      toMajor,
      person('t1-head'),
      defaultIncidentRules,
      T0 + HOUR,
    );
    expect(r.ok && r.value.incident).toMatchObject({
      severity: 'major',
      deadlines: incidentDeadlinesFrom(T0, defaultIncidentRules.major),
    });
    expect(r.ok && r.value.logEntry).toMatchObject({
      action: 'reclassify',
      from: 'open',
      to: 'open',
      note: '媒体已转载',
      severityChange: { from: 'general', to: 'major' },
    });
  });

  it('shows a step overdue at once when the new severity makes it so', () => {
    const r = reclassifyIncident(
      anIncident(),
      toMajor,
      person('rev'),
      defaultIncidentRules,
      T0 + HOUR,
    );
    expect(r.ok && overdueIncidentSteps(r.value.incident, T0 + HOUR)).toEqual(['report']);
  });

  it('is refused once the incident is resolved, for another unit, without a reason or without a change', () => {
    const code = (r: ReturnType<typeof reclassifyIncident>) => (r.ok ? null : r.error.code);
    const resolved = anIncident({}, { state: 'resolved' });
    expect(
      code(reclassifyIncident(resolved, toMajor, person('rev'), defaultIncidentRules, T0)),
    ).toBe('INCIDENT.ILLEGAL_TRANSITION');
    expect(
      code(reclassifyIncident(anIncident(), toMajor, person('d1-head'), defaultIncidentRules, T0)),
    ).toBe('INCIDENT.OTHER_UNIT');
    expect(
      code(reclassifyIncident(anIncident(), toMajor, person('t1-off'), defaultIncidentRules, T0)),
    ).toBe('INCIDENT.NOT_PERMITTED');
    expect(
      code(
        reclassifyIncident(
          anIncident(),
          { ...toMajor, reason: ' ' },
          person('rev'),
          defaultIncidentRules,
          T0,
        ),
      ),
    ).toBe('INCIDENT.NOTE_REQUIRED');
    expect(
      code(
        reclassifyIncident(
          anIncident(),
          { ...toMajor, severity: 'general' },
          person('rev'),
          defaultIncidentRules,
          T0,
        ),
      ),
    ).toBe('INCIDENT.SAME_SEVERITY');
  });
});

describe('overdue detection', () => {
  const major = () => anIncident({ severity: 'major' });

  it('is not overdue at the deadline itself, and overdue just after it', () => {
    expect(isIncidentOverdue(major(), T0 + 30 * MINUTE)).toBe(false);
    expect(overdueIncidentSteps(major(), T0 + 30 * MINUTE + 1)).toEqual(['report']);
  });

  it('lists every step whose deadline passed undone', () => {
    expect(overdueIncidentSteps(major(), T0 + 25 * HOUR)).toEqual(['report', 'respond', 'resolve']);
  });

  it('reports met, late, overdue and pending steps', () => {
    const incident = step(major(), { type: 'report' }, 't1-op', T0 + 40 * MINUTE);
    const responded = step(incident, { type: 'respond', note: 'n' }, 't1-op', T0 + HOUR);
    expect(incidentDeadlineStates(responded, T0 + 3 * HOUR).map((d) => d.status)).toEqual([
      'late',
      'met',
      'pending',
    ]);
    expect(missedIncidentDeadlines(responded, T0 + 3 * HOUR)).toBe(1);
    expect(incidentDeadlineStates(incident, T0 + 3 * HOUR).map((d) => d.status)).toEqual([
      'late',
      'overdue',
      'pending',
    ]);
  });
});

describe('escalation along the chain', () => {
  const major = (responsiblePersonId = 't1-op') =>
    anIncident({ severity: 'major', responsiblePersonId });

  it('starts at the link of the responsible person', () => {
    expect(chainLinkOf(person('t1-op'))).toBe('officer');
    expect(chainLinkOf(person('t1-head'))).toBe('head');
    expect(chainLinkOf(aPerson('x', 'town1', ['officer', 'deputy', 'opinion_officer']))).toBe(
      'deputy',
    );
    expect(chainLinkOf(undefined)).toBe('officer');
  });

  it('does not escalate while every deadline is kept', () => {
    expect(incidentEscalation(major(), county, T0 + 29 * MINUTE)).toBeNull();
  });

  it('goes one link up for the first missed deadline', () => {
    const e = incidentEscalation(major(), county, T0 + 31 * MINUTE);
    expect(e).toMatchObject({ missed: 1, startLink: 'officer', link: 'deputy' });
    expect(e?.recipients.map((p) => p.id)).toEqual(['t1-dep']);
  });

  it('goes two links up for the second missed deadline', () => {
    expect(incidentEscalation(major(), county, T0 + 2 * HOUR + 1)).toMatchObject({
      missed: 2,
      link: 'head',
    });
  });

  it('counts a deadline met late as missed', () => {
    const reportedLate = step(major(), { type: 'report' }, 't1-op', T0 + HOUR);
    expect(incidentEscalation(reportedLate, county, T0 + HOUR)).toMatchObject({
      missed: 1,
      link: 'deputy',
    });
  });

  it('is capped at the bureau leader', () => {
    const e = incidentEscalation(major('t1-head'), county, T0 + 25 * HOUR);
    expect(e).toMatchObject({ missed: 3, startLink: 'head', link: 'leader' });
    expect(e?.recipients.map((p) => p.id)).toEqual(['lead']);
    expect(chainLinkAbove('reviewer', 10)).toBe('leader');
  });

  it('passes over a vacant link to the next one up', () => {
    // town2 has no deputy: the first escalation reaches its head.
    const incident = anIncident({
      unitId: 'town2',
      severity: 'major',
      responsiblePersonId: 't2-off',
    });
    expect(incidentEscalation(incident, county, T0 + 31 * MINUTE)).toMatchObject({ link: 'head' });
  });

  it("reaches the township center's deputy for a school without one", () => {
    const holders = chainLinkHolders('deputy', 'school1', county.units, county.people);
    expect(holders).toEqual({ link: 'deputy', unitId: 'town1', people: [person('t1-dep')] });
    expect(chainLinkHolders('officer', 'school1', county.units, county.people)?.people).toEqual([
      person('s1-off'),
    ]);
  });

  it('yields nobody only when no link from there upwards is held', () => {
    expect(chainLinkHolders('reviewer', 'town1', county.units, [])).toBeNull();
    const incident = anIncident({ severity: 'major' });
    const e = incidentEscalation(
      incident,
      { units: county.units, people: [person('t1-op')] },
      T0 + HOUR,
    );
    expect(e).toMatchObject({ link: 'deputy', recipients: [] });
  });

  it('stops once the unit has resolved the incident', () => {
    const resolved = anIncident(
      { severity: 'major' },
      { state: 'resolved', resolvedAt: T0 + 30 * HOUR },
    );
    expect(incidentEscalation(resolved, county, T0 + 30 * HOUR)).toBeNull();
  });
});

describe('on-time rate per unit', () => {
  it('is the share of decided deadlines that were met', () => {
    const a = step(
      anIncident({ severity: 'major' }),
      { type: 'report' },
      't1-op',
      T0 + 10 * MINUTE,
    );
    // respond overdue at T0 + 3 h, resolve still running
    const b = anIncident({ id: 'inc2', unitId: 'direct1', responsiblePersonId: 'd1-op' });
    expect(incidentOnTimeRates([a, b], T0 + 3 * HOUR)).toEqual([
      { unitId: 'direct1', deadlines: 0, met: 0, missed: 0, rate: null },
      { unitId: 'town1', deadlines: 2, met: 1, missed: 1, rate: 0.5 },
    ]);
  });

  it("counts a school's incidents for its township center unless told otherwise", () => {
    const school = anIncident({
      unitId: 'school1',
      severity: 'major',
      responsiblePersonId: 's1-off',
    });
    expect(incidentOnTimeRates([school], T0 + DAY).map((r) => r.unitId)).toEqual(['town1']);
    expect(incidentOnTimeRates([school], T0 + DAY + 1, { rollUpSchools: false })).toEqual([
      { unitId: 'school1', deadlines: 3, met: 0, missed: 3, rate: 0 },
    ]);
  });

  it('counts only incidents discovered in the window', () => {
    const inside = anIncident();
    const before = anIncident({ id: 'old', discoveredAt: T0 - 10 * DAY });
    const rates = incidentOnTimeRates([inside, before], T0 + 30 * DAY, {
      window: { from: T0 - DAY, to: T0 + DAY },
    });
    expect(rates).toEqual([{ unitId: 'town1', deadlines: 3, met: 0, missed: 3, rate: 0 }]);
  });

  it('stays between 0 and 1 and counts every decided deadline once', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            late: fc.integer({ min: 0, max: 3 * DAY }),
            at: fc.integer({ min: 0, max: 10 * DAY }),
          }),
          {
            maxLength: 8,
          },
        ),
        (specs) => {
          const incidents = specs.map((s, i) =>
            anIncident({ id: `i${i}`, severity: 'significant' }, { reportedAt: T0 + s.late }),
          );
          const now = T0 + Math.max(...specs.map((s) => s.at), 0);
          const [rate] = incidentOnTimeRates(incidents, now);
          if (rate === undefined) return incidents.length === 0;
          return (
            rate.met + rate.missed === rate.deadlines &&
            (rate.rate === null || (rate.rate >= 0 && rate.rate <= 1))
          );
        },
      ),
    );
  });
});
