/**
 * Small builders for the incident, campaign and reminder tests: a demo county with one
 * township center (two schools) and one direct unit, each with a full accountability chain.
 */
import {
  defaultIncidentRules,
  openIncident,
  type Incident,
  type NewIncidentInput,
} from '../incidents.js';
import {
  defaultCampaignRules,
  type CampaignState,
  type Catalogue,
  type CatalogueEntry,
  type SubscriptionRecord,
} from '../campaign.js';
import type { Person, Role, Unit } from '../org.js';
import {
  defaultReminderSettings,
  type AdoptionFact,
  type PendingReviewFact,
  type ReminderPeriod,
  type ReminderState,
} from '../reminders.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Epoch ms of a wall-clock time in Asia/Shanghai (UTC+8, no DST). */
export function shanghai(iso: string): number {
  return Date.parse(`${iso}+08:00`);
}

export function aUnit(overrides: Partial<Unit> & Pick<Unit, 'id'>): Unit {
  return {
    name: overrides.id,
    kind: 'township_center',
    parentId: 'bureau',
    staffCount: 10,
    studentCount: 100,
    directReporting: false,
    ...overrides,
  };
}

export function aPerson(id: string, unitId: string, roles: readonly Role[], active = true): Person {
  return { id, name: id, unitId, roles, active };
}

/** bureau; town1 (township center) with school1, school2; direct1 (direct unit); town2. */
export const county = {
  units: [
    aUnit({ id: 'bureau', kind: 'bureau', parentId: null, name: '县教体局', staffCount: 30 }),
    aUnit({ id: 'town1', name: '城关镇中心校', staffCount: 20 }),
    aUnit({ id: 'school1', kind: 'school', parentId: 'town1', name: '城关一小', staffCount: 40 }),
    aUnit({ id: 'school2', kind: 'school', parentId: 'town1', name: '城关二小', staffCount: 40 }),
    aUnit({ id: 'direct1', kind: 'direct_unit', name: '县一中', staffCount: 100 }),
    aUnit({ id: 'town2', name: '河口镇中心校', staffCount: 10 }),
  ],
  people: [
    aPerson('rev', 'bureau', ['reviewer']),
    aPerson('lead', 'bureau', ['leader']),
    aPerson('adm', 'bureau', ['admin']),
    aPerson('t1-head', 'town1', ['head']),
    aPerson('t1-dep', 'town1', ['deputy']),
    aPerson('t1-off', 'town1', ['officer']),
    aPerson('t1-op', 'town1', ['opinion_officer']),
    aPerson('s1-off', 'school1', ['officer']),
    aPerson('d1-head', 'direct1', ['head']),
    aPerson('d1-dep', 'direct1', ['deputy']),
    aPerson('d1-off', 'direct1', ['officer']),
    aPerson('d1-op', 'direct1', ['opinion_officer']),
    aPerson('t2-head', 'town2', ['head']),
    aPerson('t2-off', 'town2', ['officer', 'opinion_officer']),
  ],
} as const satisfies { units: readonly Unit[]; people: readonly Person[] };

export function person(id: string): Person {
  const found = county.people.find((p) => p.id === id);
  if (found === undefined) throw new Error(`no person ${id} in the demo county`);
  return found;
}

export const T0 = shanghai('2026-03-02T10:00:00'); // a Monday morning

export function anIncidentInput(overrides: Partial<NewIncidentInput> = {}): NewIncidentInput {
  return {
    id: 'inc1',
    unitId: 'town1',
    title: '网传某校食堂问题',
    source: 'online',
    link: 'https://weibo.example.com/post/1',
    summary: '网民发帖反映学校食堂卫生问题',
    severity: 'general',
    discoveredAt: T0,
    responsiblePersonId: 't1-op',
    ...overrides,
  };
}

/** An incident registered by its responsible person at discovery, then overridden. */
export function anIncident(
  input: Partial<NewIncidentInput> = {},
  overrides: Partial<Incident> = {},
): Incident {
  const full = anIncidentInput(input);
  const opened = openIncident(
    full,
    person(full.responsiblePersonId),
    { ...county, rules: defaultIncidentRules },
    full.discoveredAt,
  );
  if (!opened.ok) throw new Error(`bad incident builder input: ${JSON.stringify(opened.error)}`);
  return { ...opened.value.incident, ...overrides };
}

// ---- subscription campaign -------------------------------------------------------------

export function anEntry(
  overrides: Partial<CatalogueEntry> & Pick<CatalogueEntry, 'id'>,
): CatalogueEntry {
  return {
    title: overrides.id,
    postalCode: '36-12',
    publisher: '江西日报社',
    category: 'party',
    yearlyPriceFen: 10_000,
    recommended: true,
    required: false,
    publicFundEligible: true,
    ...overrides,
  };
}

/** party (required, 100 元), edu (public-fund eligible, 50 元), kids (student, self-paid only, 30 元). */
export const catalogue: Catalogue = {
  year: 2027,
  entries: [
    anEntry({ id: 'party', postalCode: '43-1', required: true }),
    anEntry({ id: 'edu', postalCode: '44-20', category: 'education', yearlyPriceFen: 5_000 }),
    anEntry({
      id: 'kids',
      postalCode: '45-300',
      category: 'student',
      yearlyPriceFen: 3_000,
      recommended: false,
      publicFundEligible: false,
    }),
  ],
};

export const CAMPAIGN_DEADLINE = shanghai('2026-12-31T00:00:00');

export function aCampaign(overrides: Partial<CampaignState> = {}): CampaignState {
  return {
    settings: {
      year: 2027,
      deadline: CAMPAIGN_DEADLINE,
      publicFundCapFen: 100_000,
      ...defaultCampaignRules,
    },
    catalogue,
    units: county.units,
    targets: [],
    records: [],
    assignments: [],
    ...overrides,
  };
}

let recordSeq = 0;
export function aRecord(overrides: Partial<SubscriptionRecord> = {}): SubscriptionRecord {
  recordSeq += 1;
  return {
    id: `r${recordSeq}`,
    unitId: 'town1',
    titleId: 'edu',
    copies: 1,
    fundSource: 'self',
    mandatory: false,
    recordedBy: 't1-off',
    recordedAt: T0,
    ...overrides,
  };
}

// ---- reminders ---------------------------------------------------------------------------

export const H1_2026: ReminderPeriod = {
  key: '2026-H1',
  start: shanghai('2026-01-01T00:00:00'),
  end: shanghai('2026-07-01T00:00:00'),
};

export function aPendingReview(overrides: Partial<PendingReviewFact> = {}): PendingReviewFact {
  return {
    submissionId: 's123',
    revision: 4,
    unitId: 'town1',
    title: '城关镇开展读书节活动',
    authorIds: ['t1-off'],
    since: T0,
    major: false,
    ...overrides,
  };
}

export function anAdoption(overrides: Partial<AdoptionFact> = {}): AdoptionFact {
  return {
    adoptionId: 'a1',
    submissionId: 's123',
    unitId: 'town1',
    title: '城关镇开展读书节活动',
    authorIds: ['t1-off'],
    level: 'city',
    outlet: '市教育局网站',
    points: 4,
    recordedAt: T0,
    major: false,
    ...overrides,
  };
}

/** A reminder state with nothing pending in the demo county; override what a test needs. */
export function aReminderState(overrides: Partial<ReminderState> = {}): ReminderState {
  return {
    settings: defaultReminderSettings,
    units: county.units,
    people: county.people,
    pendingReviews: [],
    period: H1_2026,
    quotaProgress: [],
    incidents: [],
    adoptions: [],
    ...overrides,
  };
}
