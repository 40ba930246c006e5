/**
 * Small builders for the organisation, workflow, scoring and evaluation tests: a tiny county
 * and records with sensible defaults that each test overrides where it matters.
 */
import type { Person, Role, Unit } from '../org.js';
import { shanghaiMidnight } from '../period.js';
import { defaultScheme, type Scheme } from '../scheme.js';
import type { Adjustment, Adoption } from '../scoring.js';
import type { UnreportedMajor } from '../timeliness.js';
import type { Submission, SubmissionContent } from '../workflow.js';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** 2026-03-02 10:00 in Shanghai: a Monday in the first half-year. */
export const MARCH = shanghaiMidnight(2026, 3, 2) + 10 * HOUR;
/** 2026-09-01 10:00 in Shanghai: in the second half-year. */
export const SEPTEMBER = shanghaiMidnight(2026, 9, 1) + 10 * HOUR;

export function aUnit(overrides: Partial<Unit> = {}): Unit {
  return {
    id: 'center-1',
    name: '城关镇中心校',
    kind: 'township_center',
    parentId: 'bureau',
    staffCount: 100,
    studentCount: 1500,
    directReporting: false,
    ...overrides,
  };
}

export function aPerson(overrides: Partial<Person> = {}): Person {
  return {
    id: 'p-1',
    name: '张三',
    unitId: 'center-1',
    roles: ['officer'],
    active: true,
    ...overrides,
  };
}

/** A person of a unit with the given roles. */
export function someone(id: string, unitId: string, ...roles: Role[]): Person {
  return aPerson({ id, name: id, unitId, roles });
}

export function aScheme(overrides: Partial<Scheme> = {}): Scheme {
  return { ...defaultScheme(2026), ...overrides };
}

export function someContent(overrides: Partial<SubmissionContent> = {}): SubmissionContent {
  return {
    title: '城关镇中心校开展师德师风主题教育活动',
    body: '3月2日，城关镇中心校组织全体教师开展师德师风主题教育活动。',
    category: 'activity',
    topics: ['教师队伍建设'],
    eventAt: MARCH,
    attachments: [],
    ...overrides,
  };
}

/**
 * A submission that reached bureau review an hour after its event (on time for every
 * category but `major`), written by `officer-1` of `center-1`.
 */
export function aSubmission(overrides: Partial<Submission> = {}): Submission {
  const content = someContent(overrides);
  const eventAt = overrides.eventAt ?? content.eventAt;
  return {
    id: 's-1',
    unitId: 'center-1',
    reviewUnitId: 'center-1',
    authorIds: ['officer-1'],
    ...content,
    state: 'bureau_review',
    version: 3,
    source: 'console',
    createdAt: eventAt,
    updatedAt: eventAt + HOUR,
    revisions: [
      {
        number: 1,
        authorId: 'officer-1',
        at: eventAt,
        content,
        changedFields: ['title'],
        note: null,
      },
    ],
    revision: 1,
    submittedAt: eventAt + 30 * MINUTE,
    reviewSince: null,
    signOff: null,
    approvals: [],
    submittedToBureauAt: eventAt + HOUR,
    returns: [],
    returnedReason: null,
    withdrawnAt: null,
    decision: null,
    qualityMark: null,
    ...overrides,
  };
}

export function anAdoption(overrides: Partial<Adoption> = {}): Adoption {
  return {
    id: 'a-1',
    submissionIds: ['s-1'],
    level: 'county',
    headline: false,
    outlet: '县融媒体中心',
    page: null,
    link: 'https://example.org/news/1',
    screenshot: null,
    publishedAt: MARCH + DAY,
    instruction: null,
    recordedBy: 'reviewer-1',
    recordedAt: MARCH + DAY,
    ...overrides,
  };
}

export function anAdjustment(overrides: Partial<Adjustment> = {}): Adjustment {
  return {
    id: 'adj-1',
    unitId: 'center-1',
    points: 3,
    reason: '承办全县信息员培训',
    at: MARCH,
    by: 'admin-1',
    recordedAt: MARCH,
    countersId: null,
    ...overrides,
  };
}

export function anUnreportedMajor(overrides: Partial<UnreportedMajor> = {}): UnreportedMajor {
  return {
    id: 'u-1',
    unitId: 'center-1',
    eventAt: MARCH,
    description: '校车事故未按时报告',
    recordedBy: 'reviewer-1',
    recordedAt: MARCH + DAY,
    ...overrides,
  };
}

/**
 * A tiny county: the bureau; 城关镇中心校 with a full chain and two schools (one of them a
 * direct-reporting point); 县一中 (a direct unit) with a full chain.
 */
export function aCounty() {
  const bureau = aUnit({ id: 'bureau', name: '县教体局', kind: 'bureau', parentId: null });
  const center = aUnit({ id: 'center-1', name: '城关镇中心校' });
  const school = aUnit({ id: 'school-1', name: '城关一小', kind: 'school', parentId: 'center-1' });
  const directSchool = aUnit({
    id: 'school-2',
    name: '城关二小',
    kind: 'school',
    parentId: 'center-1',
    directReporting: true,
  });
  const directUnit = aUnit({ id: 'direct-1', name: '县第一高级中学', kind: 'direct_unit' });
  const people = {
    reviewer: someone('reviewer-1', 'bureau', 'reviewer'),
    leader: someone('leader-1', 'bureau', 'leader'),
    admin: someone('admin-1', 'bureau', 'admin'),
    centerHead: someone('head-1', 'center-1', 'head'),
    centerDeputy: someone('deputy-1', 'center-1', 'deputy'),
    centerOfficer: someone('officer-1', 'center-1', 'officer'),
    centerOpinion: someone('opinion-1', 'center-1', 'opinion_officer'),
    schoolOfficer: someone('officer-s1', 'school-1', 'officer'),
    directSchoolOfficer: someone('officer-s2', 'school-2', 'officer'),
    directHead: someone('head-d', 'direct-1', 'head'),
    directDeputy: someone('deputy-d', 'direct-1', 'deputy'),
    directOfficer: someone('officer-d', 'direct-1', 'officer'),
    directOpinion: someone('opinion-d', 'direct-1', 'opinion_officer'),
  };
  return {
    bureau,
    center,
    school,
    directSchool,
    directUnit,
    units: [bureau, center, school, directSchool, directUnit],
    people,
    everyone: Object.values(people),
  };
}
