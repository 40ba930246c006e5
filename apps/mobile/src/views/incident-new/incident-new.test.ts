import { defaultScheme, toShanghaiTime } from '@jyxc/domain';
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../i18n.js';
import { mountAt } from '../../test-support/mount.js';
import { OFFICER } from '../../test-support/people.js';
import { deadlineSpan } from '../../utils/incident-rules.js';
import IncidentNewView from './index.vue';

const home = vi.hoisted(() => ({ listPeople: vi.fn() }));
vi.mock('../../api/home.js', () => home);
const schemes = vi.hoisted(() => ({ getScheme: vi.fn() }));
vi.mock('../../api/schemes.js', () => schemes);

const year = toShanghaiTime(Date.now()).year;

/** The year's scheme as the server gives it, with the bureau's own 重大 and 一般 deadlines. */
function schemeWithDeadlines() {
  const scheme = defaultScheme(year);
  return {
    scheme: {
      ...scheme,
      incidentDeadlineHours: {
        ...scheme.incidentDeadlineHours,
        major: { report: 0.25, respond: 1.5, resolve: 12 },
        general: { report: 12, respond: 36, resolve: 120 },
      },
    },
  };
}

async function mountForm() {
  const { wrapper } = await mountAt(IncidentNewView, {
    user: OFFICER,
    path: '/incidents/new',
    routes: [
      { path: '/incidents/new', name: 'incident-new', component: IncidentNewView },
      { path: '/incidents/:id', name: 'incident', component: { template: '<div />' } },
    ],
  });
  return wrapper;
}

async function hintFor(wrapper: Awaited<ReturnType<typeof mountForm>>, severity: string) {
  await wrapper.find(`[data-test="severity-${severity}"]`).trigger('click');
  await flushPromises();
  return wrapper.find('[data-test="incident-deadline-hint"]').text();
}

describe('the incident form’s deadlines (rules §1.3, §7.3)', () => {
  beforeEach(() => {
    localStorage.clear();
    vi.clearAllMocks();
    i18n.global.locale.value = 'zh-CN';
    home.listPeople.mockResolvedValue({ items: [], total: 0 });
    schemes.getScheme.mockResolvedValue(schemeWithDeadlines());
  });

  it('reads the deadlines of the year’s scheme, not fixed text', async () => {
    const wrapper = await mountForm();
    expect(await hintFor(wrapper, 'major')).toBe(
      '重大舆情：15 分钟内报告教体局，90 分钟内首次回应，12 小时内处置完毕。',
    );
    expect(schemes.getScheme).toHaveBeenCalledWith(year);
    expect(await hintFor(wrapper, 'general')).toBe(
      '一般舆情：12 小时内报告，36 小时内首次回应，5 天内处置完毕。',
    );
    // A severity the bureau left alone keeps the defaults.
    expect(await hintFor(wrapper, 'significant')).toBe(
      '较大舆情：2 小时内报告，12 小时内首次回应，72 小时内处置完毕。',
    );
  });

  it('says them in English too', async () => {
    i18n.global.locale.value = 'en';
    const wrapper = await mountForm();
    expect(await hintFor(wrapper, 'major')).toBe(
      'Major: report to the bureau within 15 minutes, respond within 90 minutes, resolve within 12 hours.',
    );
    schemes.getScheme.mockResolvedValue({
      scheme: {
        ...defaultScheme(year),
        incidentDeadlineHours: {
          ...defaultScheme(year).incidentDeadlineHours,
          general: { report: 1, respond: 24, resolve: 168 },
        },
      },
    });
    localStorage.clear();
    const again = await mountForm();
    expect(await hintFor(again, 'general')).toBe(
      'General: report within 1 hour, respond within 24 hours, resolve within 7 days.',
    );
  });

  it('falls back to the defaults when the scheme cannot be read', async () => {
    schemes.getScheme.mockRejectedValue(new Error('offline'));
    const wrapper = await mountForm();
    expect(await hintFor(wrapper, 'major')).toBe(
      '重大舆情：30 分钟内报告教体局，2 小时内首次回应，24 小时内处置完毕。',
    );
  });
});

describe('a deadline in the unit it reads best in', () => {
  it('uses minutes, hours or whole days beyond three', () => {
    expect([0.5, 2, 72, 96, 100, 168].map(deadlineSpan)).toEqual([
      { key: 'incident.span.minutes', n: 30 },
      { key: 'incident.span.hours', n: 2 },
      { key: 'incident.span.hours', n: 72 },
      { key: 'incident.span.days', n: 4 },
      { key: 'incident.span.hours', n: 100 },
      { key: 'incident.span.days', n: 7 },
    ]);
  });
});
