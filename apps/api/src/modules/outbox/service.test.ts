import { REMINDER_TEMPLATES, type Reminder } from '@jyxc/domain';
import { describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS, readEvent } from './events.js';
import { backoffMs, eventOfReminder } from './service.js';

const names = (id: string) => (id === 'u1' ? '城关镇中心校' : undefined);

const reminder = (templateId: Reminder['templateId'], params: Reminder['params']): Reminder => ({
  key: 'k',
  reason: 'review-24h',
  audience: { kind: 'person', personId: 'p1' },
  templateId,
  params,
  defaultMessage: '稿件已待审核超过24小时，请尽快审核。',
  urgency: 'normal',
  dueAt: 0,
  notBefore: 0,
});

describe('notifications as events', () => {
  it('turns a reminder into facts with its unit’s name, and keeps no sentence', () => {
    const event = eventOfReminder(
      reminder(REMINDER_TEMPLATES.reviewPending, {
        submissionId: 's1',
        revision: 2,
        title: '防溺水教育',
        unitId: 'u1',
        since: 1000,
        hours: 24,
      }),
      names,
    );
    expect(event).toEqual({
      kind: 'review_pending',
      facts: {
        submissionId: 's1',
        title: '防溺水教育',
        unitId: 'u1',
        unitName: '城关镇中心校',
        since: 1000,
        hours: 24,
      },
    });
    expect(JSON.stringify(event)).not.toContain('请尽快审核');
  });

  it('names a kind for every reminder template of the domain', () => {
    const adoption = { submissionId: 's1', title: 'T', level: 'city', outlet: 'O', points: 4 };
    const incident = {
      incidentId: 'i1',
      title: 'T',
      unitId: 'u1',
      severity: 'major',
      step: 'report',
      dueAt: 5,
      role: 'responsible',
    };
    const quota = { periodKey: '2026-H1', checkpoint: 'quota-mid' };
    const params: Record<string, Reminder['params']> = {
      [REMINDER_TEMPLATES.reviewPending]: { submissionId: 's', title: 'T', since: 1, hours: 24 },
      [REMINDER_TEMPLATES.reviewEscalated]: { submissionId: 's', title: 'T', since: 1, hours: 72 },
      [REMINDER_TEMPLATES.quotaDigest]: {
        ...quota,
        units: [{ name: 'U', submitted: 1, quota: 4 }],
      },
      [REMINDER_TEMPLATES.quotaUnit]: { ...quota, unitId: 'u1', name: 'U', submitted: 1, quota: 4 },
      [REMINDER_TEMPLATES.incidentSoon]: incident,
      [REMINDER_TEMPLATES.incidentDue]: incident,
      [REMINDER_TEMPLATES.adoptionAuthor]: { ...adoption, share: 2 },
      [REMINDER_TEMPLATES.adoptionHead]: adoption,
      [REMINDER_TEMPLATES.draftIdle]: { submissionId: 's', title: 'T', unitId: 'u1', since: 1 },
    };
    const kinds = Object.values(REMINDER_TEMPLATES).map(
      (template) => eventOfReminder(reminder(template, params[template] ?? {}), names).kind,
    );
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const kind of kinds) expect(NOTIFICATION_KINDS).toContain(kind);
  });

  it('reads a stored event back, and null for an unknown kind or facts that do not fit', () => {
    const facts = JSON.stringify({ incidentId: 'i1', title: 'T', unitId: 'u1', severity: 'major' });
    expect(readEvent('incident_closed', facts)).toMatchObject({ kind: 'incident_closed' });
    expect(readEvent('weekly_digest', facts)).toBeNull();
    expect(readEvent('incident_closed', '{}')).toBeNull();
    expect(readEvent('incident_closed', 'not json')).toBeNull();
  });
});

describe('retries', () => {
  it('wait 30 s, doubling, at most an hour', () => {
    expect([1, 2, 3, 20].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 3_600_000]);
  });
});
