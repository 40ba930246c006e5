import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Person } from './org.js';
import {
  defaultReminderSettings,
  dueReminders,
  nextSendingTime,
  quietHoursEnd,
  reminderKey,
  reviewRequestSendingTime,
  validateReminderSettings,
  type Reminder,
  type ReminderState,
} from './reminders.js';
import {
  DAY,
  H1_2026,
  HOUR,
  MINUTE,
  T0,
  aPendingReview,
  aPerson,
  aReminderState,
  aUnit,
  anAdoption,
  anIncident,
  county,
  shanghai,
} from './test-support/ops-builders.js';

const keys = (rs: readonly Reminder[]) => rs.map((r) => r.key);
const recipients = (rs: readonly Reminder[]) =>
  rs.map((r) => (r.audience.kind === 'person' ? r.audience.personId : r.audience.kind));

describe('the default reminder settings (rules §9)', () => {
  it('keeps quiet from 21:00 to 07:30 and delays over weekends', () => {
    expect(defaultReminderSettings.quietHours).toEqual({
      startMinute: 21 * 60,
      endMinute: 7 * 60 + 30,
    });
    expect(defaultReminderSettings.weekendsDelay).toBe(true);
  });
  it('reminds reviewers after 24 h, the head after 72 h, and warns 15 min before incident deadlines', () => {
    expect(defaultReminderSettings).toMatchObject({
      reviewReminderAfterMs: 24 * HOUR,
      reviewEscalationAfterMs: 72 * HOUR,
      incidentWarningMs: 15 * MINUTE,
    });
  });
  it('checks quotas below 50 % and 30 days before the period ends', () => {
    expect(defaultReminderSettings).toMatchObject({
      quotaShare: 0.5,
      quotaLateCheckpointMs: 30 * DAY,
    });
  });
});

describe('validating reminder settings', () => {
  it('fills the defaults for what is left out', () => {
    const r = validateReminderSettings({ weekendsDelay: false, holidays: ['2026-10-01'] });
    expect(r.ok && r.value).toEqual({
      ...defaultReminderSettings,
      weekendsDelay: false,
      holidays: ['2026-10-01'],
    });
    expect(validateReminderSettings({})).toEqual({ ok: true, value: defaultReminderSettings });
  });

  it('names every bad setting', () => {
    const r = validateReminderSettings({
      quietHours: { startMinute: 1440, endMinute: -1 },
      weekendsDelay: 'yes',
      holidays: ['2026/10/01'],
      workdays: 'none',
      reviewReminderAfterMs: -1,
      quotaShare: 1.5,
      incidentWarningMs: Number.NaN,
    });
    expect(r.ok ? [] : r.error.map((e) => e.path)).toEqual([
      'quietHours.startMinute',
      'quietHours.endMinute',
      'weekendsDelay',
      'quotaShare',
      'holidays[0]',
      'workdays',
      'reviewReminderAfterMs',
      'incidentWarningMs',
    ]);
  });

  it('refuses quiet hours that are not a window, a non-object, and a head reminder before the reviewers', () => {
    expect(validateReminderSettings({ quietHours: 'night' }).ok).toBe(false);
    expect(validateReminderSettings(null).ok).toBe(false);
    const r = validateReminderSettings({ reviewEscalationAfterMs: HOUR });
    expect(r.ok ? [] : r.error.map((e) => e.path)).toEqual(['reviewEscalationAfterMs']);
  });
});

describe('review requests in quiet hours (rules §9.2)', () => {
  const s = defaultReminderSettings;
  const friday = shanghai('2026-11-27T21:31:00');

  it('waits until Saturday 07:30 at most, never for Monday', () => {
    expect(reviewRequestSendingTime(friday, friday + 48 * HOUR, s)).toBe(
      shanghai('2026-11-28T07:30:00'),
    );
    expect(reviewRequestSendingTime(friday, null, s)).toBe(shanghai('2026-11-28T07:30:00'));
  });

  it('goes out at once when the limit would run out within 12 h of 07:30', () => {
    const sevenThirty = shanghai('2026-11-28T07:30:00');
    expect(reviewRequestSendingTime(friday, sevenThirty + 12 * HOUR, s)).toBe(friday);
    expect(reviewRequestSendingTime(friday, sevenThirty + 12 * HOUR + MINUTE, s)).toBe(sevenThirty);
  });

  it('goes out at once outside quiet hours, on a weekend and on a holiday eve too', () => {
    const saturday = shanghai('2026-11-28T10:00:00');
    expect(reviewRequestSendingTime(saturday, null, s)).toBe(saturday);
    const holidays = { ...s, holidays: ['2026-10-01', '2026-10-02', '2026-10-03'] };
    const eve = shanghai('2026-09-30T21:31:00');
    expect(reviewRequestSendingTime(eve, null, holidays)).toBe(shanghai('2026-10-01T07:30:00'));
    expect(quietHoursEnd(shanghai('2026-10-02T12:00:00'), holidays)).toBe(
      shanghai('2026-10-02T12:00:00'),
    );
  });
});

describe('quiet hours and weekends (Asia/Shanghai)', () => {
  const s = defaultReminderSettings;
  const at = (iso: string) => nextSendingTime(shanghai(iso), s);

  it('lets a weekday daytime moment through unchanged', () => {
    expect(at('2026-03-02T10:00:00')).toBe(shanghai('2026-03-02T10:00:00'));
    expect(at('2026-03-02T07:30:00')).toBe(shanghai('2026-03-02T07:30:00'));
    expect(at('2026-03-02T20:59:59')).toBe(shanghai('2026-03-02T20:59:59'));
  });

  it('moves an evening or night moment to 07:30', () => {
    expect(at('2026-03-02T21:00:00')).toBe(shanghai('2026-03-03T07:30:00'));
    expect(at('2026-03-03T03:00:00')).toBe(shanghai('2026-03-03T07:30:00'));
  });

  it('moves Friday night and the weekend to Monday 07:30', () => {
    expect(at('2026-03-06T22:00:00')).toBe(shanghai('2026-03-09T07:30:00'));
    expect(at('2026-03-07T12:00:00')).toBe(shanghai('2026-03-09T07:30:00'));
  });

  it('treats listed holidays as weekends and listed 调休 weekend days as workdays', () => {
    const holidays = { ...s, holidays: ['2026-10-01', '2026-10-02'], workdays: ['2026-10-11'] };
    expect(nextSendingTime(shanghai('2026-10-01T09:00:00'), holidays)).toBe(
      shanghai('2026-10-05T07:30:00'),
    );
    expect(nextSendingTime(shanghai('2026-10-11T09:00:00'), holidays)).toBe(
      shanghai('2026-10-11T09:00:00'),
    );
  });

  it('ignores weekends when told to, and quiet hours when their start equals their end', () => {
    const noWeekends = { ...s, weekendsDelay: false };
    expect(nextSendingTime(shanghai('2026-03-07T12:00:00'), noWeekends)).toBe(
      shanghai('2026-03-07T12:00:00'),
    );
    const noQuiet = { ...s, quietHours: { startMinute: 0, endMinute: 0 } };
    expect(nextSendingTime(shanghai('2026-03-02T23:00:00'), noQuiet)).toBe(
      shanghai('2026-03-02T23:00:00'),
    );
  });

  it('supports a quiet window inside one day', () => {
    const lunch = { ...s, quietHours: { startMinute: 12 * 60, endMinute: 14 * 60 } };
    expect(nextSendingTime(shanghai('2026-03-02T12:30:00'), lunch)).toBe(
      shanghai('2026-03-02T14:00:00'),
    );
    expect(nextSendingTime(shanghai('2026-03-02T23:00:00'), lunch)).toBe(
      shanghai('2026-03-02T23:00:00'),
    );
  });

  it('never returns a time earlier than asked, nor one inside quiet hours or a weekend', () => {
    fc.assert(
      fc.property(fc.integer({ min: T0 - 400 * DAY, max: T0 + 400 * DAY }), (t) => {
        const sent = nextSendingTime(t, s);
        const local = new Date(sent + 8 * HOUR);
        const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
        return (
          sent >= t &&
          sent - t < 4 * DAY &&
          minute >= 7 * 60 + 30 &&
          minute < 21 * 60 &&
          local.getUTCDay() !== 0 &&
          local.getUTCDay() !== 6
        );
      }),
    );
  });
});

describe('drafts left unsubmitted (issue 14)', () => {
  // T0 is a weekday morning in Shanghai; a draft last changed then is idle from the next day.
  const draft = {
    submissionId: 'd9',
    unitId: 'town1',
    title: '城关镇开展家访活动',
    authorIds: ['t1-off', 's1-off'],
    since: T0,
  };
  const state = aReminderState({ idleDrafts: [draft] });

  it('says nothing within a day of the last change', () => {
    expect(dueReminders(state, T0 + 24 * HOUR - 1)).toEqual([]);
  });

  it('reminds each author once per draft a day later, keyed by the item alone', () => {
    const rs = dueReminders(state, T0 + 24 * HOUR);
    expect(keys(rs)).toEqual([
      'draft-idle:submission:d9:to:person:s1-off',
      'draft-idle:submission:d9:to:person:t1-off',
    ]);
    expect(rs[0]).toMatchObject({
      templateId: 'reminder.draft.idle',
      urgency: 'normal',
      params: { submissionId: 'd9', title: '城关镇开展家访活动', since: T0 },
    });
    // Days later it is the same reminder (the same key), so the apps send it only once.
    expect(keys(dueReminders(state, T0 + 5 * DAY))).toEqual(keys(rs));
  });

  it('waits out quiet hours like any ordinary message', () => {
    const evening = shanghai('2026-03-10T22:00');
    const [r] = dueReminders(
      aReminderState({ idleDrafts: [{ ...draft, since: evening - 24 * HOUR }] }),
      evening,
    );
    expect(r?.notBefore).toBe(shanghai('2026-03-11T07:30'));
  });
});

describe('pending unit reviews', () => {
  const state = (over: Parameters<typeof aPendingReview>[0] = {}, people?: readonly Person[]) =>
    aReminderState({ pendingReviews: [aPendingReview(over)], ...(people ? { people } : {}) });

  it('says nothing before 24 hours', () => {
    expect(dueReminders(state(), T0 + 24 * HOUR - 1)).toEqual([]);
  });

  it("reminds the unit's deputy and head after 24 hours, never the author", () => {
    const rs = dueReminders(state(), T0 + 24 * HOUR);
    expect(keys(rs)).toEqual([
      'review-24h:submission:s123:rev:4:to:person:t1-dep',
      'review-24h:submission:s123:rev:4:to:person:t1-head',
    ]);
    expect(rs[0]).toMatchObject({
      reason: 'review-24h',
      templateId: 'reminder.review.pending',
      params: { submissionId: 's123', revision: 4, title: '城关镇开展读书节活动', hours: 24 },
      urgency: 'normal',
      dueAt: T0 + 24 * HOUR,
      notBefore: T0 + 24 * HOUR,
    });
  });

  it('leaves out a reviewer who wrote the item', () => {
    expect(recipients(dueReminders(state({ authorIds: ['t1-dep'] }), T0 + 25 * HOUR))).toEqual([
      't1-head',
    ]);
  });

  it("sends a school's item to its township center's reviewers", () => {
    expect(
      recipients(dueReminders(state({ unitId: 'school1', authorIds: ['s1-off'] }), T0 + DAY)),
    ).toEqual(['t1-dep', 't1-head']);
  });

  it('reminds the head again after 72 hours', () => {
    const rs = dueReminders(state(), T0 + 72 * HOUR);
    expect(rs.filter((r) => r.reason === 'review-72h')).toEqual([
      expect.objectContaining({
        key: 'review-72h:submission:s123:rev:4:to:person:t1-head',
        templateId: 'reminder.review.escalated',
      }),
    ]);
    expect(rs).toHaveLength(3);
  });

  it('turns to the bureau reviewers when nobody else in the unit may approve', () => {
    const rs = dueReminders(state({ unitId: 'town2', authorIds: ['t2-head'] }), T0 + 72 * HOUR);
    expect(recipients(rs)).toEqual(['rev', 'rev']);
    expect(new Set(keys(rs)).size).toBe(2);
  });

  it('asks a direct-reporting school itself, or the bureau when it has no reviewer', () => {
    const units = county.units.map((u) =>
      u.id === 'school2' ? { ...u, directReporting: true } : u,
    );
    const rs = dueReminders(
      aReminderState({
        units,
        pendingReviews: [aPendingReview({ unitId: 'school2', authorIds: [] })],
      }),
      T0 + DAY,
    );
    expect(recipients(rs)).toEqual(['rev']);
  });

  it('holds an ordinary reminder that falls at night until 07:30', () => {
    const since = shanghai('2026-03-02T22:00:00');
    const [first] = dueReminders(state({ since }), since + DAY);
    expect(first).toMatchObject({ dueAt: since + DAY, notBefore: shanghai('2026-03-04T07:30:00') });
  });

  it('never delays a reminder about major information', () => {
    const since = shanghai('2026-03-06T22:00:00');
    const rs = dueReminders(state({ since, major: true }), since + DAY);
    expect(rs.every((r) => r.urgency === 'urgent' && r.notBefore === r.dueAt)).toBe(true);
  });

  it('treats a new revision as a new review', () => {
    const rs = dueReminders(
      aReminderState({ pendingReviews: [aPendingReview({ revision: 5 })] }),
      T0 + DAY,
    );
    expect(keys(rs)[0]).toBe('review-24h:submission:s123:rev:5:to:person:t1-dep');
  });
});

describe('quota reminders', () => {
  const mid = shanghai('2026-04-01T12:00:00');
  const late = shanghai('2026-06-01T00:00:00');
  const progress = [
    { unitId: 'town1', submitted: 0, quota: 12 },
    { unitId: 'direct1', submitted: 2, quota: 6 },
    { unitId: 'town2', submitted: 6, quota: 12 },
  ];
  const state = aReminderState({ quotaProgress: progress });

  it('says nothing before mid-period', () => {
    expect(dueReminders(state, mid - 1)).toEqual([]);
  });

  it('sends a digest of lagging units at mid-period, naming units only', () => {
    const [digest] = dueReminders(state, mid).filter((r) => r.audience.kind === 'bureauGroup');
    expect(digest).toMatchObject({
      key: 'quota-mid:period:2026-H1:to:bureau-group',
      templateId: 'reminder.quota.digest',
      params: {
        periodKey: '2026-H1',
        units: [
          { unitId: 'town1', name: '城关镇中心校', submitted: 0, quota: 12 },
          { unitId: 'direct1', name: '县一中', submitted: 2, quota: 6 },
        ],
      },
      dueAt: mid,
      notBefore: mid,
    });
    const text = JSON.stringify(digest);
    for (const p of county.people) expect(text).not.toContain(p.id);
  });

  it("writes directly to each lagging unit's officer and head", () => {
    const direct = dueReminders(state, mid).filter((r) => r.audience.kind === 'person');
    expect(keys(direct)).toEqual([
      'quota-mid:period:2026-H1:unit:direct1:to:person:d1-head',
      'quota-mid:period:2026-H1:unit:direct1:to:person:d1-off',
      'quota-mid:period:2026-H1:unit:town1:to:person:t1-head',
      'quota-mid:period:2026-H1:unit:town1:to:person:t1-off',
    ]);
    expect(direct[0]).toMatchObject({
      templateId: 'reminder.quota.unit',
      params: { submitted: 2, quota: 6 },
    });
  });

  it('counts a unit with no submission even without a quota, and one at exactly half as on track', () => {
    const rs = dueReminders(
      aReminderState({
        quotaProgress: [{ unitId: 'town2', submitted: 0, quota: 0 }, progress[2]!],
      }),
      mid,
    );
    expect(rs.find((r) => r.audience.kind === 'bureauGroup')?.params['units']).toEqual([
      { unitId: 'town2', name: '河口镇中心校', submitted: 0, quota: 0 },
    ]);
  });

  it('checks again 30 days before the end, delayed to 07:30 since it falls at midnight', () => {
    const rs = dueReminders(state, late + HOUR);
    expect(rs.every((r) => r.reason === 'quota-30d')).toBe(true);
    expect(rs[0]).toMatchObject({ dueAt: late, notBefore: shanghai('2026-06-01T07:30:00') });
  });

  it('does not send a stale mid-period reminder once the late checkpoint is reached, nor after the end', () => {
    expect(dueReminders(state, late).some((r) => r.reason === 'quota-mid')).toBe(false);
    expect(dueReminders(state, H1_2026.end)).toEqual([]);
    expect(dueReminders(aReminderState({ period: null, quotaProgress: progress }), mid)).toEqual(
      [],
    );
  });

  it('sends nothing when every unit is on track', () => {
    expect(dueReminders(aReminderState({ quotaProgress: [progress[2]!] }), mid)).toEqual([]);
  });
});

describe('incident deadlines', () => {
  const major = (over: Parameters<typeof anIncident>[1] = {}) =>
    aReminderState({ incidents: [anIncident({ severity: 'major' }, over)] });

  it('warns the responsible person and the next link 15 minutes before the report deadline', () => {
    const rs = dueReminders(major(), T0 + 15 * MINUTE);
    expect(keys(rs)).toEqual([
      'incident-soon:incident:inc1:report:to:person:t1-dep',
      'incident-soon:incident:inc1:report:to:person:t1-op',
    ]);
    expect(rs[1]).toMatchObject({
      templateId: 'reminder.incident.soon',
      urgency: 'urgent',
      params: { step: 'report', dueAt: T0 + 30 * MINUTE, link: 'deputy', role: 'responsible' },
    });
  });

  it('says nothing before the warning', () => {
    expect(dueReminders(major(), T0 + 15 * MINUTE - 1)).toEqual([]);
  });

  it('escalates at the deadline, replacing the warning', () => {
    const rs = dueReminders(major(), T0 + 30 * MINUTE);
    expect(keys(rs)).toEqual([
      'incident-due:incident:inc1:report:to:person:t1-dep',
      'incident-due:incident:inc1:report:to:person:t1-op',
    ]);
  });

  it('goes one link further for each deadline already missed', () => {
    const rs = dueReminders(major(), T0 + 2 * HOUR).filter((r) => r.key.includes(':respond:'));
    expect(recipients(rs)).toEqual(['t1-head', 't1-op']);
    const reportedOnTime = dueReminders(major({ reportedAt: T0 + 5 * MINUTE }), T0 + 2 * HOUR);
    expect(recipients(reportedOnTime)).toEqual(['t1-dep', 't1-op']);
  });

  it('never delays incident reminders, even on a Saturday night', () => {
    const saturday = shanghai('2026-03-07T23:00:00');
    const state = aReminderState({
      incidents: [anIncident({ severity: 'major', discoveredAt: saturday })],
    });
    const [r] = dueReminders(state, saturday + 20 * MINUTE);
    expect(r).toMatchObject({ dueAt: saturday + 15 * MINUTE, notBefore: saturday + 15 * MINUTE });
  });

  it('says nothing about a step done or an incident resolved', () => {
    expect(dueReminders(major({ reportedAt: T0 + MINUTE }), T0 + 30 * MINUTE)).toEqual([]);
    expect(dueReminders(major({ state: 'resolved' }), T0 + 2 * DAY)).toEqual([]);
    expect(dueReminders(major({ state: 'closed' }), T0 + 2 * DAY)).toEqual([]);
  });

  it('still reaches the chain when the responsible person has left', () => {
    const people = county.people.map((p) => (p.id === 't1-op' ? { ...p, active: false } : p));
    expect(recipients(dueReminders({ ...major(), people }, T0 + 30 * MINUTE))).toEqual(['t1-dep']);
  });
});

describe('adoptions', () => {
  it('tells the author their share of the points and the unit head the points', () => {
    const rs = dueReminders(
      aReminderState({ adoptions: [anAdoption({ authorIds: ['t1-off', 't1-dep'] })] }),
      T0,
    );
    expect(
      rs.map((r) => [recipients([r])[0], r.templateId, r.params['points'], r.params['share']]),
    ).toEqual([
      ['t1-dep', 'reminder.adoption.author', 4, 2],
      ['t1-head', 'reminder.adoption.head', 4, undefined],
      ['t1-off', 'reminder.adoption.author', 4, 2],
    ]);
    expect(keys(rs)[0]).toBe('adoption:adoption:a1:submission:s123:to:person:t1-dep');
  });

  it('sends one message to a head who is also the author', () => {
    const rs = dueReminders(
      aReminderState({ adoptions: [anAdoption({ authorIds: ['t1-head'] })] }),
      T0,
    );
    expect(rs.map((r) => r.templateId)).toEqual(['reminder.adoption.author']);
  });

  it("tells the township center's head about a school without one", () => {
    const rs = dueReminders(
      aReminderState({ adoptions: [anAdoption({ unitId: 'school1', authorIds: ['s1-off'] })] }),
      T0,
    );
    expect(recipients(rs)).toEqual(['s1-off', 't1-head']);
  });

  it('does not write to an author who has left', () => {
    const people = [...county.people, aPerson('gone', 'town1', ['officer'], false)];
    const rs = dueReminders(
      aReminderState({ people, adoptions: [anAdoption({ authorIds: ['gone'] })] }),
      T0,
    );
    expect(recipients(rs)).toEqual(['t1-head']);
  });

  it('waits out quiet hours with ordinary news, not the weekend, and never with major information', () => {
    const sunday = shanghai('2026-03-08T10:00:00');
    const [ordinary] = dueReminders(
      aReminderState({ adoptions: [anAdoption({ recordedAt: sunday })] }),
      sunday,
    );
    // rules §9.2: weekends hold only digests and quota reminders.
    expect(ordinary?.notBefore).toBe(sunday);
    const sundayNight = shanghai('2026-03-08T22:00:00');
    const [night] = dueReminders(
      aReminderState({ adoptions: [anAdoption({ recordedAt: sundayNight })] }),
      sundayNight,
    );
    expect(night?.notBefore).toBe(shanghai('2026-03-09T07:30:00'));
    const [major] = dueReminders(
      aReminderState({ adoptions: [anAdoption({ recordedAt: sunday, major: true })] }),
      sunday,
    );
    expect(major?.notBefore).toBe(sunday);
  });

  it('ignores an adoption recorded after now', () => {
    expect(
      dueReminders(aReminderState({ adoptions: [anAdoption({ recordedAt: T0 + 1 })] }), T0),
    ).toEqual([]);
  });
});

describe('reminder keys', () => {
  it('join reason, subject and audience', () => {
    expect(
      reminderKey('review-24h', 'submission:123:rev:4', { kind: 'person', personId: 'p7' }),
    ).toBe('review-24h:submission:123:rev:4:to:person:p7');
    expect(reminderKey('quota-mid', 'period:2026-H1', { kind: 'unitGroup', unitId: 'town1' })).toBe(
      'quota-mid:period:2026-H1:to:unit-group:town1',
    );
    expect(reminderKey('quota-mid', 'period:2026-H1', { kind: 'bureauGroup' })).toBe(
      'quota-mid:period:2026-H1:to:bureau-group',
    );
  });

  const units = [...county.units, aUnit({ id: 'school3', kind: 'school', parentId: 'town2' })];
  const stateArb = fc
    .record({
      reviews: fc.array(
        fc.record({
          unitId: fc.constantFrom('town1', 'school1', 'town2', 'direct1', 'school3'),
          since: fc.integer({ min: 0, max: 10 * DAY }),
          major: fc.boolean(),
          authorIds: fc.subarray(['t1-off', 't1-dep', 't2-head', 'd1-off', 'd1-head']),
        }),
        { maxLength: 4 },
      ),
      incidents: fc.array(
        fc.record({
          severity: fc.constantFrom('general', 'significant', 'major'),
          offset: fc.integer({ min: 0, max: 3 * DAY }),
          reportedAfter: fc.option(fc.integer({ min: 0, max: DAY })),
        }),
        { maxLength: 3 },
      ),
      quota: fc.array(fc.record({ submitted: fc.nat(12), quota: fc.nat(12) }), {
        minLength: 3,
        maxLength: 3,
      }),
      adoptions: fc.array(fc.integer({ min: 0, max: 10 * DAY }), { maxLength: 3 }),
    })
    .map((x): ReminderState =>
      aReminderState({
        units,
        pendingReviews: x.reviews.map((r, i) =>
          aPendingReview({ ...r, submissionId: `s${i}`, since: T0 + r.since }),
        ),
        incidents: x.incidents.map((inc, i) =>
          anIncident(
            { id: `i${i}`, severity: inc.severity, discoveredAt: T0 + inc.offset },
            { reportedAt: inc.reportedAfter === null ? null : T0 + inc.offset + inc.reportedAfter },
          ),
        ),
        quotaProgress: ['town1', 'town2', 'direct1'].map((unitId, i) => ({
          unitId,
          ...x.quota[i]!,
        })),
        adoptions: x.adoptions.map((at, i) =>
          anAdoption({ adoptionId: `a${i}`, recordedAt: T0 + at }),
        ),
      }),
    );
  const moment = fc.integer({ min: T0 - 60 * DAY, max: T0 + 120 * DAY });

  it('are distinct within one run', () => {
    fc.assert(
      fc.property(stateArb, moment, (state, now) => {
        const rs = dueReminders(state, now);
        expect(new Set(keys(rs)).size).toBe(rs.length);
      }),
    );
  });

  it('keep the same content when the rules are run again later', () => {
    fc.assert(
      fc.property(stateArb, moment, fc.integer({ min: 0, max: 30 * DAY }), (state, now, later) => {
        const first = new Map(dueReminders(state, now).map((r) => [r.key, r]));
        for (const r of dueReminders(state, now + later)) {
          const earlier = first.get(r.key);
          if (earlier !== undefined) expect(r).toEqual(earlier);
        }
      }),
    );
  });

  it('come back for every event that is still due when run again later', () => {
    fc.assert(
      fc.property(stateArb, moment, fc.integer({ min: 0, max: DAY }), (state, now, later) => {
        const again = new Set(keys(dueReminders(state, now + later)));
        // Warnings give way to deadlines and checkpoints to the next one; everything else stays.
        const lasting = dueReminders(state, now).filter(
          (r) =>
            r.reason !== 'incident-soon' && r.reason !== 'quota-mid' && r.reason !== 'quota-30d',
        );
        for (const r of lasting) expect(again.has(r.key)).toBe(true);
      }),
    );
  });

  it('are ordered by when they may be sent', () => {
    fc.assert(
      fc.property(stateArb, moment, (state, now) => {
        const rs = dueReminders(state, now);
        rs.forEach((r, i) => {
          const prev = rs[i - 1];
          if (prev !== undefined) expect(prev.notBefore <= r.notBefore).toBe(true);
          expect(r.dueAt <= now && r.notBefore >= r.dueAt).toBe(true);
        });
      }),
    );
  });
});
