/**
 * Builds the rows of the demo county 清河县 as plain data: a pure function of the reference
 * date and the password hash, so the same date always gives the same county (ids included).
 * Two years of activity end at the reference date; everything after it is left unhappened,
 * which leaves recent items in draft and in review.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

import {
  addInstruction,
  ADOPTION_LEVELS,
  counterAdjustment,
  createAdjustment,
  DAY_MS,
  defaultCampaignRules,
  defaultIncidentRules,
  HOUR_MS,
  INCIDENT_SEVERITIES,
  INCIDENT_STATES,
  incidentDeadlineStates,
  lateMajorPenalty,
  mayApprove,
  missedIncidentDeadlines,
  openIncident,
  recordAdoption,
  recordSubscription,
  shanghaiMidnight,
  timeLimitMs,
  toShanghaiTime,
  transitionIncident,
  type Adjustment,
  type AdoptionLevel,
  type CampaignState,
  type CampaignTarget,
  type Category,
  type IncidentCommand,
  type IncidentSeverity,
  type IncidentState,
  type InstructionLevel,
  type OutletKind,
  type Penalty,
  type Person,
  type Result,
  type Role,
  type Scheme,
  type Submission,
  type SubmissionState,
  type Unit,
} from '@jyxc/domain';

import type { Prisma } from '../generated/sqlite/client.js';
import {
  adjustmentRow,
  adoptionRows,
  incidentLogRow,
  incidentRow,
  submissionColumns,
} from '../rows.js';
import {
  ADJUSTMENTS,
  BODY_PARTS,
  BUREAU_RETURN_REASONS,
  DECISION_COMMENTS,
  EDIT_ADDITIONS,
  INCIDENT_NOTES,
  INCIDENT_TEMPLATES,
  INSTRUCTION_LEADERS,
  INSTRUCTION_NOTES,
  OUTLETS,
  OUTLET_KINDS_BY_NAME,
  EXTRA_OUTLETS,
  PERIODICALS,
  REVIEW_COMMENTS,
  STOCK_REVIEW_COMMENTS,
  TITLES,
  UNIT_RETURN_REASONS,
  topicsOf,
} from './content.js';
import {
  BUREAU_CODE,
  BUREAU_NAME,
  DIRECT_UNITS,
  GIVEN_NAME_CHARS,
  REVIEW_HABITS,
  REVIEW_KIND_WEIGHTS,
  SCHOOL_SIZES,
  SURNAMES,
  TOWNSHIPS,
  type ReviewKind,
  type SchoolType,
} from './county.js';
import { Random } from './random.js';
import { demoScheme, type DemoQuotaOverride } from './scheme.js';
import { DemoItem } from './workflow.js';

const MINUTE = 60_000;
const HOUR = HOUR_MS;
const DAY = DAY_MS;

/** Epoch ms of a wall-clock time in Asia/Shanghai (DESIGN §1: the demo's days are read there). */
function shanghai(year: number, month: number, day: number, hour = 0, minute = 0): number {
  return shanghaiMidnight(year, month, day) + hour * HOUR + minute * MINUTE;
}

function shanghaiYear(at: number): number {
  return toShanghaiTime(at).year;
}

/** The value of a domain decision the demo county relies on; a refusal is a bug in the seed. */
function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`demo county: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** {@link unwrap} for the domain's functions that report every problem at once. */
function unwrapAll<T>(result: Result<T, readonly { code: string; message: string }[]>): T {
  if (!result.ok) {
    const problems = result.error.map((e) => `${e.code} ${e.message}`).join('; ');
    throw new Error(`demo county: ${problems}`);
  }
  return result.value;
}

/** The most a unit may spend on subscriptions from public funds (减负), in fen: 12 000 元. */
const PUBLIC_FUND_CAP_FEN = 1_200_000;

export interface DemoData {
  readonly units: Prisma.UnitCreateManyInput[];
  readonly people: Prisma.PersonCreateManyInput[];
  readonly personRoles: Prisma.PersonRoleCreateManyInput[];
  readonly chatIdentities: Prisma.ChatIdentityCreateManyInput[];
  readonly chatGroups: Prisma.ChatGroupCreateManyInput[];
  readonly linkCodes: Prisma.LinkCodeCreateManyInput[];
  readonly schemes: Prisma.SchemeCreateManyInput[];
  readonly schemeVersions: Prisma.SchemeVersionCreateManyInput[];
  readonly quotaOverrides: Prisma.QuotaOverrideCreateManyInput[];
  readonly submissions: Prisma.SubmissionCreateManyInput[];
  readonly submissionAuthors: Prisma.SubmissionAuthorCreateManyInput[];
  readonly revisions: Prisma.RevisionCreateManyInput[];
  readonly attachments: Prisma.AttachmentCreateManyInput[];
  readonly signOffs: Prisma.SignOffCreateManyInput[];
  readonly reviewOpenings: Prisma.ReviewOpeningCreateManyInput[];
  readonly submissionEvents: Prisma.SubmissionEventCreateManyInput[];
  readonly outlets: Prisma.OutletCreateManyInput[];
  readonly adoptions: Prisma.AdoptionCreateManyInput[];
  readonly adoptionCredits: Prisma.AdoptionCreditCreateManyInput[];
  readonly adjustments: Prisma.AdjustmentCreateManyInput[];
  readonly penalties: Prisma.PenaltyCreateManyInput[];
  readonly incidents: Prisma.IncidentCreateManyInput[];
  readonly incidentLogs: Prisma.IncidentLogCreateManyInput[];
  readonly campaigns: Prisma.CampaignCreateManyInput[];
  readonly periodicals: Prisma.PeriodicalCreateManyInput[];
  readonly campaignTargets: Prisma.CampaignTargetCreateManyInput[];
  readonly subscriptionRecords: Prisma.SubscriptionRecordCreateManyInput[];
  readonly campaignAssignments: Prisma.CampaignAssignmentCreateManyInput[];
  readonly auditLogs: Prisma.AuditLogCreateManyInput[];
}

/** A unit as the domain sees it, with the code the seed finds it by. */
interface UnitInfo extends Unit {
  readonly code: string;
}

/** A person as the domain sees it, with the login the seed finds them by. */
interface PersonInfo extends Person {
  readonly username: string;
}

/** What the demo county depends on: nothing else varies between two builds. */
export interface BuildOptions {
  readonly now: Date;
  /** The argon2id hash every demo person's password is stored as. */
  readonly passwordHash: string;
}

export function buildDemoCounty(options: BuildOptions): DemoData {
  return new CountyBuilder(options).build();
}

class CountyBuilder {
  readonly #rng = new Random('清河县教育信息宣传演示数据');
  readonly #now: number;
  readonly #passwordHash: string;
  readonly #start: number;
  readonly #units: UnitInfo[] = [];
  readonly #people: PersonInfo[] = [];
  readonly #usedNames = new Set<string>();
  readonly #groupOf = new Map<string, string>();
  readonly #data: DemoData = {
    units: [],
    people: [],
    personRoles: [],
    chatIdentities: [],
    chatGroups: [],
    linkCodes: [],
    schemes: [],
    schemeVersions: [],
    quotaOverrides: [],
    submissions: [],
    submissionAuthors: [],
    revisions: [],
    attachments: [],
    signOffs: [],
    reviewOpenings: [],
    submissionEvents: [],
    outlets: [],
    adoptions: [],
    adoptionCredits: [],
    adjustments: [],
    penalties: [],
    incidents: [],
    incidentLogs: [],
    campaigns: [],
    periodicals: [],
    campaignTargets: [],
    subscriptionRecords: [],
    campaignAssignments: [],
    auditLogs: [],
  };
  #messageId = 1000;
  #lateMajorDone = false;
  /** Every item as the domain left it, for the adoptions that credit it. */
  readonly #items = new Map<string, Submission>();
  readonly #schemeByYear = new Map<number, Scheme>();

  constructor(options: BuildOptions) {
    this.#now = options.now.getTime();
    this.#passwordHash = options.passwordHash;
    this.#start = shanghai(shanghaiYear(this.#now) - 1, 1, 1);
  }

  build(): DemoData {
    this.#organisation();
    this.#telegram();
    this.#schemes();
    this.#submissions();
    this.#adjustmentsAndPenalties();
    this.#incidents();
    this.#campaign();
    this.#outlets();
    this.#data.auditLogs.push({
      id: this.#rng.id(),
      at: new Date(this.#now),
      actorId: null,
      actorKind: 'system',
      action: 'seed.demo_county',
      entity: 'Unit',
      entityId: this.#unit(BUREAU_CODE).id,
      unitId: null,
      before: null,
      after: JSON.stringify({
        units: this.#data.units.length,
        people: this.#data.people.length,
        submissions: this.#data.submissions.length,
      }),
      requestId: null,
    });
    return this.#data;
  }

  // -------------------------------------------------------------------------
  // Organisation (DESIGN §2, §3.1)
  // -------------------------------------------------------------------------

  #organisation(): void {
    const created = new Date(this.#start - 30 * DAY);
    const addUnit = (
      unit: Omit<UnitInfo, 'id' | 'studentCount'> & {
        students: number;
        sortOrder: number;
      },
    ): UnitInfo => {
      const id = this.#rng.id();
      const info: UnitInfo = {
        id,
        code: unit.code,
        name: unit.name,
        kind: unit.kind,
        parentId: unit.parentId,
        directReporting: unit.directReporting,
        staffCount: unit.staffCount,
        studentCount: unit.students,
      };
      this.#units.push(info);
      this.#data.units.push({
        id,
        parentId: unit.parentId,
        kind: unit.kind,
        name: unit.name,
        code: unit.code,
        staffCount: unit.staffCount,
        studentCount: unit.students,
        directReporting: unit.directReporting,
        sortOrder: unit.sortOrder,
        active: true,
        createdAt: created,
        updatedAt: created,
      });
      return info;
    };

    const bureau = addUnit({
      code: BUREAU_CODE,
      name: BUREAU_NAME,
      kind: 'bureau',
      parentId: null,
      directReporting: false,
      staffCount: 46,
      students: 0,
      sortOrder: 0,
    });
    const townships = TOWNSHIPS.map((t, i) =>
      addUnit({
        code: t.code,
        name: `${t.name}中心校`,
        kind: 'township_center',
        parentId: bureau.id,
        directReporting: false,
        staffCount: this.#rng.int(6, 12),
        students: 0,
        sortOrder: i + 1,
      }),
    );
    DIRECT_UNITS.forEach((d, i) =>
      addUnit({
        code: d.code,
        name: d.name,
        kind: 'direct_unit',
        parentId: bureau.id,
        directReporting: false,
        staffCount: d.staff,
        students: d.students,
        sortOrder: 100 + i,
      }),
    );
    // 直报点 (DESIGN §3.2): two schools whose items skip the township review.
    const directReportingCodes = new Set(['ll02', 'sq01']);
    TOWNSHIPS.forEach((t, i) => {
      const center = townships[i];
      if (center === undefined) return;
      const count = t.code === 'cg' ? 8 : this.#rng.int(3, 8);
      const villages = this.#rng.sample(t.villages, t.villages.length);
      const schools: { name: string; type: SchoolType }[] = [
        { name: `${t.name}中心小学`, type: 'primary' },
        { name: `${t.name}初级中学`, type: 'middle' },
        { name: `${t.name}中心幼儿园`, type: 'kindergarten' },
      ];
      if (count >= 7) schools.push({ name: `${t.name}第二初级中学`, type: 'middle' });
      for (const [v, village] of villages.entries()) {
        if (schools.length >= count) break;
        // The smallest villages keep only a teaching point (教学点).
        schools.push(
          v >= 2 && this.#rng.chance(0.3)
            ? { name: `${t.name}${village}教学点`, type: 'teaching_point' }
            : { name: `${t.name}${village}小学`, type: 'village_primary' },
        );
      }
      while (schools.length < count) {
        schools.push({
          name: `${t.name}${villages[schools.length % villages.length] ?? ''}村教学点${schools.length}`,
          type: 'teaching_point',
        });
      }
      schools.forEach((s, j) => {
        const size = SCHOOL_SIZES[s.type];
        const code = `${t.code}${String(j + 1).padStart(2, '0')}`;
        addUnit({
          code,
          name: s.name,
          kind: 'school',
          parentId: center.id,
          directReporting: directReportingCodes.has(code),
          staffCount: this.#rng.int(size.staff[0], size.staff[1]),
          students: this.#rng.int(size.students[0], size.students[1]),
          sortOrder: j + 1,
        });
      });
    });

    // Bureau staff.
    this.#addPerson(bureau, 'lingdao', ['leader']);
    this.#addPerson(bureau, 'lingdao2', ['leader']);
    this.#addPerson(bureau, 'lingdao3', ['leader']);
    this.#addPerson(bureau, 'shenhe', ['reviewer']);
    this.#addPerson(bureau, 'shenhe2', ['reviewer']);
    this.#addPerson(bureau, 'shenhe3', ['reviewer']);
    this.#addPerson(bureau, 'admin', ['admin']);
    // Postal staff record subscriptions for the townships assigned to them (分包, DESIGN §3.7).
    this.#addPerson(bureau, 'youzheng1', []);
    this.#addPerson(bureau, 'youzheng2', []);

    // Township centers: the accountability chain of DESIGN §3.1, with deliberate gaps.
    for (const center of townships) {
      const c = center.code;
      this.#addPerson(center, `${c}_head`, ['head']);
      // 双庙乡 has no deputy; 杨湖乡 and 青龙镇 let the deputy hold the opinion duty.
      if (c !== 'sm')
        this.#addPerson(
          center,
          `${c}_fg`,
          c === 'yh' || c === 'ql' ? ['deputy', 'opinion_officer'] : ['deputy'],
        );
      if (c === 'cg' || c === 'll') this.#addPerson(center, `${c}_fg2`, ['deputy']);
      if (c === 'zl') {
        // 枣林乡's officer left and has not been replaced.
        this.#addPerson(center, `${c}_xxy_old`, ['officer'], false);
      } else {
        this.#addPerson(center, `${c}_xxy`, ['officer']);
      }
      // 北岗乡 has no opinion officer at all.
      if (c !== 'bg' && c !== 'yh' && c !== 'ql')
        this.#addPerson(center, `${c}_yq`, ['opinion_officer']);
    }

    // Schools need one officer; three of them have none.
    const schoolsWithoutOfficer = new Set(['bs03', 'mj03', 'xd03']);
    for (const school of this.#units.filter((u) => u.kind === 'school')) {
      if (!schoolsWithoutOfficer.has(school.code))
        this.#addPerson(school, `${school.code}_xxy`, ['officer']);
      if (school.staffCount >= 40 && this.#rng.chance(0.5))
        this.#addPerson(school, `${school.code}_head`, ['head']);
    }

    // Direct units.
    for (const unit of this.#units.filter((u) => u.kind === 'direct_unit')) {
      const c = unit.code;
      if (c === 'jx') {
        // The only officer is also the only reviewer: nobody else can approve their items.
        this.#addPerson(unit, 'jx_xxy', ['officer', 'head']);
        this.#addPerson(unit, 'jx_yq', ['opinion_officer']);
        continue;
      }
      this.#addPerson(unit, `${c}_head`, ['head']);
      this.#addPerson(unit, `${c}_fg`, ['deputy']);
      this.#addPerson(unit, `${c}_xxy`, ['officer']);
      if (c === 'yg') this.#addPerson(unit, `${c}_xxy2`, ['officer']);
      if (c !== 'tj') this.#addPerson(unit, `${c}_yq`, ['opinion_officer']);
    }
  }

  #personName(): string {
    for (;;) {
      const given = this.#rng.chance(0.65)
        ? this.#rng.pick(GIVEN_NAME_CHARS) + this.#rng.pick(GIVEN_NAME_CHARS)
        : this.#rng.pick(GIVEN_NAME_CHARS);
      // Frequent surnames first: a power above 1 favours the head of the list.
      const surname = SURNAMES[Math.floor(this.#rng.next() ** 1.6 * SURNAMES.length)] ?? '王';
      const name = surname + given;
      if (!this.#usedNames.has(name) && given.length > 0 && given[0] !== given[1]) {
        this.#usedNames.add(name);
        return name;
      }
    }
  }

  #addPerson(unit: UnitInfo, username: string, roles: readonly Role[], active = true): PersonInfo {
    const person: PersonInfo = {
      id: this.#rng.id(),
      name: this.#personName(),
      unitId: unit.id,
      username,
      roles,
      active,
    };
    const created = new Date(this.#start - 20 * DAY);
    this.#people.push(person);
    this.#data.people.push({
      id: person.id,
      name: person.name,
      unitId: unit.id,
      username,
      passwordHash: this.#passwordHash,
      active,
      phone: this.#rng.chance(0.8)
        ? `1${this.#rng.pick(['3', '5', '7', '8', '9'])}${String(this.#rng.int(0, 999_999_999)).padStart(9, '0')}`
        : null,
      createdAt: created,
      updatedAt: created,
    });
    for (const role of roles) {
      this.#data.personRoles.push({
        id: this.#rng.id(),
        personId: person.id,
        unitId: unit.id,
        role,
        createdAt: created,
      });
    }
    return person;
  }

  #unit(code: string): UnitInfo {
    const unit = this.#units.find((u) => u.code === code);
    if (unit === undefined) throw new Error(`demo unit ${code} is not defined`);
    return unit;
  }

  #person(username: string): PersonInfo {
    const person = this.#people.find((p) => p.username === username);
    if (person === undefined) throw new Error(`demo person ${username} is not defined`);
    return person;
  }

  #unitCode(unitId: string): string {
    return this.#units.find((u) => u.id === unitId)?.code ?? '';
  }

  #holders(unitId: string, role: Role): PersonInfo[] {
    return this.#people.filter((p) => p.active && p.unitId === unitId && p.roles.includes(role));
  }

  // -------------------------------------------------------------------------
  // Chat links, all on Telegram (DESIGN §4, §5)
  // -------------------------------------------------------------------------

  #telegram(): void {
    const linkedAt = new Date(this.#start + 10 * DAY);
    let userId = 5_100_000_000;
    for (const person of this.#people) {
      const unitRole = person.roles.some(
        (r) => r === 'officer' || r === 'head' || r === 'deputy' || r === 'reviewer',
      );
      if (!person.active || !unitRole || !this.#rng.chance(0.55)) continue;
      userId += this.#rng.int(1_000, 900_000);
      this.#data.chatIdentities.push({
        id: this.#rng.id(),
        channel: 'telegram',
        externalId: String(userId),
        personId: person.id,
        handle: null,
        linkedAt,
      });
    }
    let chatId = 1_002_000_000_000;
    for (const unit of this.#units) {
      if (
        (unit.kind !== 'township_center' && unit.kind !== 'direct_unit') ||
        !this.#rng.chance(0.7)
      )
        continue;
      chatId += this.#rng.int(10_000, 9_000_000);
      const id = `-${chatId}`;
      this.#groupOf.set(unit.id, id);
      const linker = this.#holders(unit.id, 'officer')[0];
      this.#data.chatGroups.push({
        id: this.#rng.id(),
        channel: 'telegram',
        chatId: id,
        unitId: unit.id,
        title: `${unit.name}信息工作群`,
        linkedById: linker?.id ?? null,
        linkedAt,
      });
    }
    const admin = this.#person('admin');
    const codes: { kind: 'person' | 'group'; target: string; expiresIn: number; used: boolean }[] =
      [
        { kind: 'person', target: 'cg01_xxy', expiresIn: 2 * DAY, used: false },
        { kind: 'person', target: 'll_head', expiresIn: -3 * DAY, used: false },
        { kind: 'person', target: 'cg_head', expiresIn: -20 * DAY, used: true },
        { kind: 'group', target: 'bg', expiresIn: 2 * DAY, used: false },
      ];
    for (const code of codes) {
      const createdAt = this.#now + code.expiresIn - 3 * DAY;
      this.#data.linkCodes.push({
        id: this.#rng.id(),
        kind: code.kind,
        code: String(this.#rng.int(10_000_000, 99_999_999)),
        personId: code.kind === 'person' ? this.#person(code.target).id : null,
        unitId: code.kind === 'group' ? this.#unit(code.target).id : null,
        expiresAt: new Date(this.#now + code.expiresIn),
        usedAt: code.used ? new Date(createdAt + HOUR) : null,
        createdById: admin.id,
        createdAt: new Date(createdAt),
      });
    }
  }

  // -------------------------------------------------------------------------
  // Schemes (DESIGN §3.4)
  // -------------------------------------------------------------------------

  #schemes(): void {
    const admin = this.#person('admin');
    const thisYear = shanghaiYear(this.#now);
    const sm = this.#unit('sm').id;
    const zj = this.#unit('zj').id;
    for (const year of [thisYear - 1, thisYear]) {
      // The bureau adopts a year's scheme in the December before it.
      const adoptedAt = shanghai(year - 1, 12, 20, 10);
      // In July the vocational school got a heavier second-half quota: version 2.
      const revisedAt = shanghai(year, 7, 3, 9);
      // A small township has a lighter quota all year.
      const base: DemoQuotaOverride[] = [
        { unitId: sm, half: 'H1', submitted: 8, adopted: 4 },
        { unitId: sm, half: 'H2', submitted: 8, adopted: 4 },
      ];
      const history = [{ version: 1, at: adoptedAt, overrides: base }];
      if (year === thisYear && revisedAt < this.#now) {
        history.push({
          version: 2,
          at: revisedAt,
          overrides: [...base, { unitId: zj, half: 'H2', submitted: 8, adopted: 4 }],
        });
      }
      const schemeId = this.#rng.id();
      for (const h of history) {
        this.#data.schemeVersions.push({
          id: this.#rng.id(),
          schemeId,
          year,
          version: h.version,
          document: JSON.stringify(demoScheme(year, h.overrides, h.version)),
          createdById: admin.id,
          createdAt: new Date(h.at),
        });
      }
      const current = history[history.length - 1] ?? { version: 1, at: adoptedAt, overrides: base };
      this.#data.schemes.push({
        id: schemeId,
        year,
        version: current.version,
        document: JSON.stringify(demoScheme(year, current.overrides, current.version)),
        updatedById: admin.id,
        updatedAt: new Date(current.at),
      });
      for (const o of current.overrides) {
        this.#data.quotaOverrides.push({
          id: this.#rng.id(),
          year,
          unitId: o.unitId,
          period: o.half,
          submittedQuota: o.submitted,
          adoptedQuota: o.adopted,
          updatedById: admin.id,
          updatedAt: new Date(o.unitId === zj ? revisedAt : adoptedAt),
        });
      }
    }
  }

  // -------------------------------------------------------------------------
  // Submissions (DESIGN §3.2, §3.3)
  // -------------------------------------------------------------------------

  #submissions(): void {
    const evaluated = this.#units.filter(
      (u) => u.kind === 'township_center' || u.kind === 'direct_unit',
    );
    const thisYear = shanghaiYear(this.#now);
    const halves: { start: number; end: number }[] = [];
    for (const year of [thisYear - 1, thisYear]) {
      halves.push({ start: shanghai(year, 1, 1), end: shanghai(year, 7, 1) });
      halves.push({ start: shanghai(year, 7, 1), end: shanghai(year + 1, 1, 1) });
    }
    for (const [h, half] of halves.entries()) {
      if (half.start >= this.#now) continue;
      const end = Math.min(half.end, this.#now);
      const share = (end - half.start) / (half.end - half.start);
      const current = half.end > this.#now;
      for (const unit of evaluated) {
        let perHalf = unit.kind === 'township_center' ? this.#rng.int(9, 18) : this.#rng.int(4, 9);
        // 北岗乡 reports little, and nothing at all in the current half-year (disqualified).
        if (unit.code === 'bg') perHalf = current ? 0 : this.#rng.int(2, 4);
        if (unit.code === 'jx') perHalf = 2;
        // A strong township and a strong high school.
        if (unit.code === 'cg' || unit.code === 'yg') perHalf += 6;
        const count = Math.round(perHalf * share);
        for (let i = 0; i < count; i++) {
          const eventAt = this.#workingTime(half.start, end - 2 * HOUR);
          this.#oneSubmission(unit, eventAt, h);
        }
      }
    }
    // Items of the last days, stopped in each open state, so every queue has work in it.
    const recent: { code: string; hoursAgo: number; stop: SubmissionState; chat?: boolean }[] = [
      { code: 'cg', hoursAgo: 3, stop: 'draft', chat: true },
      { code: 'll', hoursAgo: 5, stop: 'draft' },
      { code: 'cg', hoursAgo: 20, stop: 'unit_review' },
      { code: 'sq', hoursAgo: 30, stop: 'unit_review', chat: true },
      { code: 'mj', hoursAgo: 90, stop: 'unit_review' },
      { code: 'yg', hoursAgo: 26, stop: 'bureau_review' },
      { code: 'cg', hoursAgo: 40, stop: 'bureau_review', chat: true },
      { code: 'sx', hoursAgo: 50, stop: 'bureau_review' },
      { code: 'bs', hoursAgo: 60, stop: 'bureau_review' },
    ];
    for (const r of recent) {
      this.#oneSubmission(this.#unit(r.code), this.#now - r.hoursAgo * HOUR, halves.length - 1, {
        stop: r.stop,
        chat: r.chat ?? false,
      });
    }
    this.#mergedPieces();
  }

  /** A time on a working day between 08:00 and 18:00 Shanghai time. */
  #workingTime(from: number, to: number): number {
    for (;;) {
      const day = from + Math.floor(this.#rng.next() * Math.max(1, to - from));
      const local = toShanghaiTime(day);
      if ((local.weekday === 0 || local.weekday === 6) && !this.#rng.chance(0.15)) continue;
      const at = shanghai(
        local.year,
        local.month,
        local.day,
        this.#rng.int(8, 17),
        this.#rng.int(0, 59),
      );
      if (at >= from && at <= to) return at;
    }
  }

  #oneSubmission(
    evaluatedUnit: UnitInfo,
    eventAt: number,
    half: number,
    forced: { stop: SubmissionState; chat: boolean } | null = null,
  ): void {
    const rng = this.#rng;
    // The writing unit: for a township, one of its schools with an officer, or the center.
    let unit = evaluatedUnit;
    let author: PersonInfo | undefined;
    if (evaluatedUnit.kind === 'township_center' && forced === null && rng.chance(0.6)) {
      const schools = this.#units.filter(
        (u) => u.parentId === evaluatedUnit.id && this.#holders(u.id, 'officer').length > 0,
      );
      if (schools.length > 0) {
        unit = rng.pick(schools);
        author = this.#holders(unit.id, 'officer')[0];
      }
    }
    if (author === undefined) {
      const officers = this.#holders(evaluatedUnit.id, 'officer');
      author =
        officers.length > 0
          ? rng.pick(officers)
          : (this.#holders(evaluatedUnit.id, 'deputy')[0] ??
            this.#holders(evaluatedUnit.id, 'head')[0]);
    }
    if (author === undefined) return;
    const writer = author;

    let category = rng.weighted<Category>({
      news: 30,
      activity: 22,
      meeting: 16,
      exemplar: 8,
      experience: 8,
      hotspot: 6,
      major: 4,
    });
    if (forced !== null && category === 'major') category = 'news';
    // DESIGN §3.3: the limit of the category, as the year's scheme sets it.
    const limit = timeLimitMs(category, this.#scheme(shanghaiYear(eventAt)));
    let late = limit !== null && rng.chance(0.12);
    // The county's first major item is reported late and must reach the bureau (迟报, DESIGN §3.3).
    const guaranteedLateMajor =
      category === 'major' &&
      !this.#lateMajorDone &&
      forced === null &&
      evaluatedUnit.code !== 'jx';
    if (guaranteedLateMajor) {
      late = true;
      this.#lateMajorDone = true;
    }
    /** Random detours (withdrawal, returns, voided sign-offs) are left out of staged items. */
    const plain = forced === null && !guaranteedLateMajor;
    // L: the time from the event to reaching the bureau.
    let lag =
      limit === null
        ? rng.int(1, 10) * DAY
        : limit * (late ? 1.3 + rng.next() * 2.5 : 0.15 + rng.next() * 0.7);
    if (forced !== null) lag = Math.min(lag, (this.#now - eventAt) * 0.5);

    const year = shanghaiYear(eventAt);
    const topics = rng.chance(0.6) ? rng.sample(topicsOf(year), rng.int(1, 2)) : [];
    const topic = topics[0] ?? rng.pick(topicsOf(year));
    const otherPerson = rng.pick(this.#people.filter((p) => p.unitId === unit.id)).name;
    const fill = (text: string): string =>
      text
        .replaceAll('{u}', unit.name)
        .replaceAll('{p}', otherPerson)
        .replaceAll('{t}', topic)
        .replaceAll('{n}', String(rng.int(3, 12)))
        .replaceAll('{k}', String(rng.int(12, 150) * 10))
        .replaceAll('{m}', String(rng.int(2, 30) * 100));
    const title = fill(rng.pick(TITLES[category]));
    const eventDay = toShanghaiTime(eventAt);
    const dateText = `${eventDay.month}月${eventDay.day}日`;
    const body = [
      `${dateText}，${fill(rng.pick(BODY_PARTS.OPENINGS))}${fill(rng.pick(BODY_PARTS.LEADS))}`,
      fill(rng.pick(BODY_PARTS.DETAILS)),
      fill(rng.pick(BODY_PARTS.CLOSINGS)),
    ].join('');

    const id = rng.id();
    const createdAt =
      eventAt + (category === 'major' && !late ? rng.int(15, 40) * MINUTE : lag * 0.3);
    if (createdAt >= this.#now) return;
    const groupChat = this.#groupOf.get(evaluatedUnit.id);
    const chat =
      groupChat !== undefined && (forced?.chat ?? rng.chance(0.15)) && unit.id === evaluatedUnit.id;

    const authors = [writer.id];
    if (unit.kind !== 'school' && rng.chance(0.1)) {
      const coAuthor = this.#people.find(
        (p) =>
          p.active &&
          p.unitId === unit.id &&
          p.id !== writer.id &&
          (p.roles.includes('officer') || p.roles.includes('deputy')),
      );
      if (coAuthor !== undefined) authors.push(coAuthor.id);
    }

    // Attachments: photos added with the draft.
    const attachmentIds: string[] = [];
    if (rng.chance(0.15)) {
      for (let i = rng.int(1, 3); i > 0; i--) {
        attachmentIds.push(
          this.#photo(
            id,
            writer.id,
            createdAt,
            `${dateText}活动照片${attachmentIds.length + 1}.png`,
          ),
        );
      }
    }

    // A quick report's author acts through the bot; everyone else in the console.
    const item = new DemoItem(
      () => rng.id(),
      (actorId) => (chat && actorId === writer.id ? 'bot' : 'user'),
    );
    const edit = (editor: PersonInfo, at: number, note: string): void => {
      const s = item.current;
      const retitled =
        rng.chance(0.4) && s.title.includes('开展') ? s.title.replace('开展', '扎实开展') : s.title;
      const changes = { title: retitled, body: `${s.body}${fill(rng.pick(EDIT_ADDITIONS))}` };
      item.apply({ type: 'edit', changes, note }, editor, at);
    };
    const approve = (
      reviewer: PersonInfo,
      openedAt: number | null,
      signedAt: number,
      comment: string | null,
      forward = true,
    ): void => {
      // DESIGN §3.2: the server records the opening of the full item, and the approval is
      // measured from it; null is a reviewer who approved without ever opening it.
      if (openedAt !== null) {
        this.#data.reviewOpenings.push({
          id: rng.id(),
          submissionId: id,
          reviewerId: reviewer.id,
          revisionNumber: item.current.revision,
          openedAt: new Date(openedAt),
          via: chat ? 'telegram' : 'web',
        });
      }
      // "Reviewed, no change" is declared; the domain records an edit when the review made one.
      item.apply(
        {
          type: 'approve',
          noChange: true,
          ...(openedAt === null ? {} : { openedAt }),
          forward,
          ...(comment === null ? {} : { comment }),
        },
        reviewer,
        signedAt,
      );
    };
    const finish = (): void => {
      const s = item.current;
      this.#items.set(id, s);
      this.#data.submissions.push({
        id,
        ...submissionColumns(s),
        createdById: writer.id,
        createdAt: new Date(s.createdAt),
        idempotencyKey: chat ? `tg:${groupChat ?? ''}:${this.#messageId}` : null,
        sourceChatId: chat ? (groupChat ?? null) : null,
        sourceMessageId: chat ? String(this.#messageId++) : null,
      });
      s.authorIds.forEach((personId, position) =>
        this.#data.submissionAuthors.push({ submissionId: id, personId, position }),
      );
      this.#data.revisions.push(...item.revisions);
      this.#data.signOffs.push(...item.signOffs);
      this.#data.submissionEvents.push(...item.events);
    };
    const at = (t: number): boolean => t < this.#now;
    const stop = forced?.stop;

    item.apply(
      {
        type: 'create',
        id,
        unit,
        content: { title, body, category, topics, eventAt, attachments: attachmentIds },
        coAuthorIds: authors.slice(1),
        source: chat ? 'chat' : 'console',
      },
      writer,
      createdAt,
    );

    // The author polishes the draft before submitting it, now and then.
    const submitAt = createdAt + (category === 'major' ? rng.int(3, 10) * MINUTE : lag * 0.1);
    if (rng.chance(0.2) && at(submitAt))
      edit(writer, createdAt + (submitAt - createdAt) / 2, '补充细节');
    if (stop === 'draft' || !at(submitAt) || (plain && rng.chance(0.02))) return finish();
    if (plain && rng.chance(0.03)) {
      item.apply({ type: 'withdraw' }, writer, submitAt);
      return finish();
    }

    // 迟报 (DESIGN §3.3): the domain's penalty of a major item that reached the bureau late.
    const reachedBureau = (): void => {
      const reached = item.current.submittedToBureauAt ?? submitAt;
      const penalty = lateMajorPenalty(item.current, this.#scheme(shanghaiYear(reached)));
      if (penalty !== null) this.#lateMajorPenalty(penalty, item.current);
    };
    const unitReviewers = (reviewUnitId: string): PersonInfo[] =>
      this.#people.filter((p) => mayApprove(p, { reviewUnitId, authorIds: authors }));

    // Unit review (skipped by a 直报点 school).
    let s = item.apply({ type: 'submit' }, writer, submitAt);
    if (s.reviewUnitId === null) {
      reachedBureau();
    } else {
      const reviewUnitId = s.reviewUnitId;
      const reviewers = unitReviewers(reviewUnitId);
      if (stop === 'unit_review' || reviewers.length === 0) return finish();
      const reviewer =
        reviewers.find((p) => p.roles.includes('deputy') && rng.chance(0.7)) ?? rng.pick(reviewers);
      let opened =
        submitAt +
        (category === 'major' ? rng.int(5, 20) * MINUTE : Math.max(10 * MINUTE, lag * 0.4));
      if (!at(opened)) return finish();

      // Returned by the unit, then either left there or corrected and resubmitted.
      const returnAt = opened + rng.int(3, 30) * MINUTE;
      if (plain && rng.chance(0.08) && at(returnAt)) {
        item.apply({ type: 'return', reason: rng.pick(UNIT_RETURN_REASONS) }, reviewer, returnAt);
        const again = opened + rng.int(2, 20) * HOUR;
        if (rng.chance(0.5) || !at(again + 2 * HOUR)) return finish();
        edit(writer, again, '按审核意见修改');
        s = item.apply({ type: 'submit' }, writer, again + 10 * MINUTE);
        opened = (s.submittedAt ?? again) + rng.int(1, 6) * HOUR;
        if (!at(opened)) return finish();
      }

      // Units review as their leaders habitually do (DESIGN §3.2): some read and edit, some
      // sign off in seconds or without opening the item at all.
      const habit = REVIEW_HABITS[this.#unitCode(reviewUnitId)] ?? 'usual';
      const kind = rng.weighted<ReviewKind>(REVIEW_KIND_WEIGHTS[habit]);
      let duration =
        kind === 'rubber'
          ? rng.int(8, 55) * 1000
          : kind === 'stock'
            ? rng.int(2, 12) * MINUTE
            : rng.int(3, 40) * MINUTE;
      if (!at(opened + duration)) return finish();
      let comment: string | null =
        kind === 'comment'
          ? rng.pick(REVIEW_COMMENTS)
          : kind === 'stock' || (kind === 'rubber' && rng.chance(0.3))
            ? rng.pick(STOCK_REVIEW_COMMENTS)
            : null;
      // A rubber-stamping leader often approves from the list without opening the item.
      const neverOpened = kind === 'rubber' && habit === 'stamping' && rng.chance(0.5);
      if (kind === 'edited') {
        // In a township the officer edits a school's item and a leader signs it off.
        const editor =
          unit.kind === 'school'
            ? (this.#holders(reviewUnitId, 'officer')[0] ?? reviewer)
            : reviewer;
        edit(editor, opened + duration / 2, '审核修改：补充活动成效');
        comment = rng.chance(0.4) ? '已修改完善，同意报送。' : null;
      }
      let signedAt = opened + duration;

      // Now and then a leader approves without forwarding, the officer edits again, which voids
      // the sign-off (DESIGN §3.2), and the leader approves the new revision.
      const voidedAt = signedAt + rng.int(10, 90) * MINUTE;
      if (plain && rng.chance(0.04) && at(voidedAt)) {
        approve(reviewer, neverOpened ? null : opened, signedAt, comment, false);
        edit(this.#holders(reviewUnitId, 'officer')[0] ?? writer, voidedAt, '补充照片说明');
        opened = voidedAt + rng.int(20, 120) * MINUTE;
        duration = rng.int(2, 15) * MINUTE;
        comment = '复核修改内容，同意报送。';
        signedAt = opened + duration;
        if (!at(signedAt)) return finish();
      }
      approve(reviewer, neverOpened ? null : opened, signedAt, comment);
      reachedBureau();
    }
    if (stop === 'bureau_review') return finish();

    // Bureau review (DESIGN §3.2).
    const bureauReviewers = ['shenhe', 'shenhe2', 'shenhe3'].map((u) => this.#person(u));
    const bureauReviewer = rng.pick(bureauReviewers);
    const toBureau = item.current.submittedToBureauAt ?? submitAt;
    let decideAt =
      toBureau + (category === 'major' ? rng.int(10, 60) * MINUTE : rng.int(2, 96) * HOUR);
    if (!at(decideAt)) return finish();
    if (plain && rng.chance(0.06)) {
      const reason = rng.pick(BUREAU_RETURN_REASONS);
      item.apply({ type: 'return', reason }, bureauReviewer, decideAt);
      const again = decideAt + rng.int(3, 30) * HOUR;
      if (rng.chance(0.5) || !at(again + DAY)) return finish();
      edit(writer, again, '按局审核意见修改');
      s = item.apply({ type: 'submit' }, writer, again + 5 * MINUTE);
      let backAt = again + 5 * MINUTE;
      if (s.reviewUnitId !== null) {
        const reviewer = unitReviewers(s.reviewUnitId)[0];
        if (reviewer === undefined) return finish();
        const opened = backAt + rng.int(1, 5) * HOUR;
        backAt = opened + rng.int(2, 20) * MINUTE;
        approve(reviewer, opened, backAt, rng.pick(REVIEW_COMMENTS));
      }
      decideAt = backAt + rng.int(2, 48) * HOUR;
      if (!at(decideAt)) return finish();
    }

    const adoptChance =
      category === 'exemplar' || category === 'experience' || category === 'major'
        ? 0.75
        : category === 'meeting'
          ? 0.4
          : 0.58;
    const adopted = rng.chance(adoptChance);
    const decisionComment = rng.chance(0.5)
      ? rng.pick(DECISION_COMMENTS.slice(adopted ? 0 : 2, adopted ? 2 : 4))
      : null;
    item.apply(
      {
        type: adopted ? 'adopt' : 'not_adopt',
        ...(decisionComment === null ? {} : { comment: decisionComment }),
      },
      bureauReviewer,
      decideAt,
    );
    if (!adopted) return finish();

    if (rng.chance(category === 'exemplar' || category === 'experience' ? 0.3 : 0.1)) {
      const markedAt = decideAt + rng.int(5, 60) * MINUTE;
      if (at(markedAt))
        item.apply({ type: 'mark_quality', quality: true }, bureauReviewer, markedAt);
    }
    finish();

    // Adoptions: the first outlet, then now and then a higher one (stacking, DESIGN §3.4).
    const first = rng.weighted<AdoptionLevel>({
      bureau: 50,
      county: 25,
      city: 14,
      province: 8,
      national: 3,
    });
    this.#adoption([id], first, decideAt, bureauReviewer, half);
    const firstIndex = ADOPTION_LEVELS.indexOf(first);
    if (firstIndex < ADOPTION_LEVELS.length - 1 && rng.chance(0.2)) {
      const higher =
        ADOPTION_LEVELS[
          rng.int(firstIndex + 1, Math.min(ADOPTION_LEVELS.length - 1, firstIndex + 2))
        ] ?? 'county';
      this.#adoption([id], higher, decideAt + rng.int(2, 10) * DAY, bureauReviewer, half);
    }
  }

  /** The demo scheme of a year (its timeliness limits and penalties are the domain's defaults). */
  #scheme(year: number): Scheme {
    let scheme = this.#schemeByYear.get(year);
    if (scheme === undefined) {
      scheme = demoScheme(year);
      this.#schemeByYear.set(year, scheme);
    }
    return scheme;
  }

  /** 迟报: the row of the penalty the domain gives a major item that reached the bureau late. */
  #lateMajorPenalty(penalty: Penalty, item: Submission): void {
    const reachedAt = item.submittedToBureauAt ?? penalty.at;
    const limitHours =
      (timeLimitMs(item.category, this.#scheme(shanghaiYear(reachedAt))) ?? 0) / HOUR;
    this.#data.penalties.push({
      id: this.#rng.id(),
      unitId: penalty.unitId,
      kind: penalty.kind,
      eventAt: new Date(penalty.at),
      note: `重大信息“${item.title}”事发后超过${limitHours}小时才报送至县教体局，按规定扣分。`,
      submissionId: item.id,
      createdById: this.#person('shenhe').id,
      createdAt: new Date(Math.min(reachedAt + 3 * HOUR, this.#now)),
      voidedAt: null,
      voidedById: null,
      voidReason: null,
    });
  }

  #adoptionsByHalf = new Map<number, { ids: string[]; units: Set<string> }>();

  /** An adoption recorded by a bureau reviewer through the domain's `recordAdoption()`. */
  #adoption(
    submissionIds: readonly string[],
    level: AdoptionLevel,
    after: number,
    recorder: PersonInfo,
    half: number,
  ): void {
    const rng = this.#rng;
    const delay = level === 'bureau' ? rng.int(2, 48) * HOUR : rng.int(1, 15) * DAY;
    // An outlet that has not published by the reference date has no adoption yet.
    if (after >= this.#now) return;
    let publishedAt = after + delay;
    if (publishedAt >= this.#now) publishedAt = after + (this.#now - after) / 2;
    const recordedAt = Math.min(publishedAt + 2 * HOUR, this.#now);
    const headline = level !== 'bureau' && rng.chance(0.12);
    const instructed = level !== 'bureau' && rng.chance(0.05);
    const instructionLevel = instructed
      ? rng.pick<InstructionLevel>(['county', 'city', 'province'])
      : null;
    const outlet = rng.pick(OUTLETS[level]);
    const id = rng.id();
    const screenshot =
      (level === 'city' || level === 'province' || level === 'national') && rng.chance(0.5)
        ? this.#photo(null, recorder.id, recordedAt, `${outlet}版面截图.png`)
        : null;
    const online = level === 'bureau' || level === 'national';
    const credited = submissionIds.map((sid) => {
      const s = this.#items.get(sid);
      if (s === undefined) throw new Error(`demo county: no item ${sid} to credit`);
      return s;
    });
    let adoption = unwrapAll(
      recordAdoption(
        {
          id,
          submissionIds,
          level,
          headline,
          outlet,
          page: online ? null : `第${rng.int(1, 8)}版`,
          link: online ? `https://news.example.cn/${id.slice(1, 9)}.html` : null,
          screenshot,
          publishedAt,
        },
        credited,
        recorder,
        recordedAt,
      ),
    );
    if (instructionLevel !== null) {
      // A leader reads the piece a few days after it appears (DESIGN §3.4: 批示 arrives later).
      adoption = unwrapAll(
        addInstruction(
          adoption,
          {
            level: instructionLevel,
            at: Math.min(publishedAt + rng.int(1, 6) * DAY, this.#now),
            leader: rng.pick(INSTRUCTION_LEADERS[instructionLevel]),
            note: rng.pick(INSTRUCTION_NOTES),
          },
          recorder,
        ),
      );
    }
    const rows = adoptionRows(adoption);
    this.#data.adoptions.push({
      ...rows.adoption,
      counteredAt: null,
      counteredById: null,
      counterReason: null,
    });
    this.#data.adoptionCredits.push(...rows.credits);
    if (submissionIds.length === 1 && level === 'bureau') {
      const entry = this.#adoptionsByHalf.get(half) ?? { ids: [], units: new Set<string>() };
      const submissionId = submissionIds[0];
      const unitId = credited[0]?.unitId;
      if (submissionId !== undefined && unitId !== undefined && !entry.units.has(unitId)) {
        entry.ids.push(submissionId);
        entry.units.add(unitId);
      }
      this.#adoptionsByHalf.set(half, entry);
    }
  }

  /**
   * The outlet registry (媒体名录, issue 16): every outlet the demo adoptions name, linked to
   * them, and a few more. Made last and without the random source, so that the rest of the
   * county stays as it was before the registry existed.
   */
  #outlets(): void {
    const created = new Date(this.#start);
    const idOf = new Map<string, string>();
    const add = (name: string, level: AdoptionLevel, kind: OutletKind, active: boolean) => {
      const id = `outlet-${String(idOf.size + 1).padStart(2, '0')}`;
      idOf.set(name, id);
      this.#data.outlets.push({
        id,
        name,
        level,
        kind,
        active,
        createdAt: created,
        updatedAt: created,
      });
    };
    for (const level of ADOPTION_LEVELS) {
      for (const name of OUTLETS[level])
        add(name, level, OUTLET_KINDS_BY_NAME[name] ?? 'other', true);
    }
    for (const o of EXTRA_OUTLETS) add(o.name, o.level, o.kind, o.active);
    for (const a of this.#data.adoptions) a.outletId = idOf.get(a.outletName) ?? null;
  }

  /** 综合稿: the bureau merges items of several units into one piece (DESIGN §3.2), and one
   * adoption recorded in error is countered rather than deleted. */
  #mergedPieces(): void {
    const shenhe = this.#person('shenhe');
    for (const half of [0, 2]) {
      const entry = this.#adoptionsByHalf.get(half);
      if (entry === undefined || entry.ids.length < 3) continue;
      const ids = entry.ids.slice(0, 3 + (half === 0 ? 1 : 0));
      const latest = Math.max(
        ...ids
          .map((sid) => this.#data.submissions.find((s) => s.id === sid)?.decidedAt)
          .map((d) => (d instanceof Date ? d.getTime() : 0)),
      );
      this.#adoption(ids, half === 0 ? 'city' : 'province', latest, shenhe, -1);
    }
    const candidate = this.#data.adoptions.find(
      (a) => a.level === 'county' && a.counteredAt === null,
    );
    if (candidate !== undefined) {
      const id = this.#rng.id();
      const credit = this.#data.adoptionCredits.find((c) => c.adoptionId === candidate.id);
      this.#data.adoptions.push({
        ...candidate,
        id,
        outletName: '清河县人民政府网',
        screenshotId: null,
        headline: false,
        instructionLevel: null,
        instructionNote: null,
        instructionAt: null,
        instructionLeader: null,
        counteredAt: new Date(
          Math.min(new Date(candidate.createdAt ?? this.#now).getTime() + DAY, this.#now),
        ),
        counteredById: shenhe.id,
        counterReason: '误录：该网站转载的是另一单位的稿件。',
      });
      if (credit !== undefined)
        this.#data.adoptionCredits.push({ adoptionId: id, submissionId: credit.submissionId });
    }
  }

  /** A small solid-colour PNG standing in for a photo or a screenshot. */
  #photo(submissionId: string | null, createdById: string, at: number, filename: string): string {
    const bytes = solidPng(48, 32, [
      this.#rng.int(40, 220),
      this.#rng.int(40, 220),
      this.#rng.int(40, 220),
    ]);
    const id = this.#rng.id();
    this.#data.attachments.push({
      id,
      submissionId,
      filename,
      mime: 'image/png',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: new Uint8Array(bytes),
      createdById,
      createdAt: new Date(at),
    });
    return id;
  }

  // -------------------------------------------------------------------------
  // Adjustments and penalties (DESIGN §3.3, §3.4)
  // -------------------------------------------------------------------------

  #adjustmentsAndPenalties(): void {
    const admin = this.#person('admin');
    const targets = ['cg', 'yg', 'll', 'sx', 'mj'];
    const made: Adjustment[] = [];
    const record = (adjustment: Adjustment): Adjustment => {
      made.push(adjustment);
      this.#data.adjustments.push(adjustmentRow(adjustment));
      return adjustment;
    };
    ADJUSTMENTS.forEach((a, i) => {
      const eventAt = this.#start + (i * 4 + 2) * 30 * DAY + this.#rng.int(0, 20) * DAY;
      if (eventAt >= this.#now) return;
      const input = {
        id: this.#rng.id(),
        unitId: this.#unit(targets[i] ?? 'cg').id,
        points: a.points,
        reason: a.reason,
        at: eventAt,
      };
      record(unwrapAll(createAdjustment(input, admin, Math.min(eventAt + 2 * DAY, this.#now))));
    });
    // An adjustment entered twice, countered rather than deleted (DESIGN §3.4).
    const twice = made[0];
    if (twice !== undefined) {
      const duplicate = record(
        unwrapAll(
          createAdjustment(
            {
              id: this.#rng.id(),
              unitId: twice.unitId,
              points: twice.points,
              reason: twice.reason,
              at: twice.at,
            },
            admin,
            Math.min(twice.recordedAt + HOUR, this.#now),
          ),
        ),
      );
      record(
        unwrapAll(
          counterAdjustment(
            duplicate,
            made,
            { id: this.#rng.id(), reason: '撤销重复录入的加分' },
            admin,
            Math.min(twice.recordedAt + DAY, this.#now),
          ),
        ),
      );
    }
    // 瞒报: a major event 北岗乡 did not report, learnt of from the county emergency office.
    const bg = this.#unit('bg');
    const thisYear = shanghaiYear(this.#now);
    const eventAt = Math.min(shanghai(thisYear, 9, 18, 16, 20), this.#now - 20 * DAY);
    this.#data.penalties.push({
      id: this.#rng.id(),
      unitId: bg.id,
      kind: 'unreported_major',
      eventAt: new Date(eventAt),
      note: '北岗乡丁湾小学一名学生课后在村边坑塘溺水获救，学校未按规定报告，县教体局经县应急管理局通报获知。',
      submissionId: null,
      createdById: this.#person('shenhe').id,
      createdAt: new Date(eventAt + 3 * DAY),
      voidedAt: null,
      voidedById: null,
      voidReason: null,
    });
  }

  // -------------------------------------------------------------------------
  // Incidents (DESIGN §3.6)
  // -------------------------------------------------------------------------

  #incidents(): void {
    const rng = this.#rng;
    const states: IncidentState[] = ['open', 'reported', 'responding', 'resolved', 'closed'];
    const units = this.#units.filter(
      (u) => u.kind === 'township_center' || u.kind === 'direct_unit',
    );
    let n = 0;
    for (const severity of INCIDENT_SEVERITIES) {
      for (const state of states) {
        const template =
          INCIDENT_TEMPLATES.filter((t) => t.severity === severity)[n % 2] ??
          rng.pick(INCIDENT_TEMPLATES);
        const unit = units[(n * 7) % units.length] ?? rng.pick(units);
        const open = state !== 'closed' && state !== 'resolved';
        // Open ones are recent; half of them already missed their next deadline (overdue).
        const overdue = open && n % 2 === 0;
        const rule = defaultIncidentRules[severity];
        const nextDeadline =
          state === 'open' ? rule.report : state === 'reported' ? rule.respond : rule.resolve;
        const discoveredAt = open
          ? this.#now - (overdue ? nextDeadline * 1.6 + 10 * MINUTE : nextDeadline * 0.4)
          : this.#workingTime(this.#start + 30 * DAY, this.#now - 20 * DAY);
        this.#incident(unit, template, severity, state, discoveredAt, overdue);
        n++;
      }
    }
    // Older closed incidents, so on-time rates have a history.
    for (let i = 0; i < 6; i++) {
      const template = rng.pick(INCIDENT_TEMPLATES);
      const unit = rng.pick(units);
      const discoveredAt = this.#workingTime(this.#start, this.#now - 60 * DAY);
      this.#incident(unit, template, template.severity, 'closed', discoveredAt, i % 3 === 0);
    }
  }

  /**
   * An incident registered by the unit's officer and taken through its steps up to `state`
   * with the domain's `openIncident()` and `transitionIncident()` (DESIGN §3.6). A late unit
   * takes 1.5× each allowance, an on-time one about half of it.
   */
  #incident(
    unit: UnitInfo,
    template: (typeof INCIDENT_TEMPLATES)[number],
    severity: IncidentSeverity,
    state: IncidentState,
    discoveredAt: number,
    late: boolean,
  ): void {
    const rng = this.#rng;
    const responsible =
      this.#holders(unit.id, 'opinion_officer')[0] ?? this.#holders(unit.id, 'head')[0];
    const officer = this.#holders(unit.id, 'officer')[0] ?? responsible;
    if (responsible === undefined || officer === undefined) return;
    const id = rng.id();
    const rule = defaultIncidentRules[severity];
    const factor = late ? 1.5 : 0.5;
    const createdAt = discoveredAt + rng.int(5, 20) * MINUTE;
    const link =
      template.source === 'online'
        ? `https://bbs.example.cn/thread-${rng.int(100_000, 999_999)}.html`
        : null;
    let step = unwrapAll(
      openIncident(
        {
          id,
          unitId: unit.id,
          title: template.title.replaceAll('{u}', unit.name),
          source: template.source,
          link,
          summary: template.summary,
          severity,
          discoveredAt,
          responsiblePersonId: responsible.id,
        },
        officer,
        { units: this.#units, people: this.#people, rules: defaultIncidentRules },
        createdAt,
      ),
    );
    const log = [step.logEntry];
    const steps: { command: IncidentCommand; by: PersonInfo; at: number }[] = [
      {
        command: { type: 'report', note: INCIDENT_NOTES.report },
        by: responsible,
        at: discoveredAt + rule.report * factor,
      },
      {
        command: { type: 'respond', note: INCIDENT_NOTES.respond },
        by: responsible,
        at: discoveredAt + rule.respond * factor,
      },
      {
        command: { type: 'resolve', note: INCIDENT_NOTES.resolve },
        by: responsible,
        at: discoveredAt + rule.resolve * factor,
      },
      {
        command: { type: 'close', note: INCIDENT_NOTES.close },
        by: this.#person('shenhe'),
        at: discoveredAt + rule.resolve * factor + rng.int(1, 3) * DAY,
      },
    ];
    for (const next of steps.slice(0, INCIDENT_STATES.indexOf(state))) {
      step = unwrap(transitionIncident(step.incident, next.command, next.by, next.at));
      log.push(step.logEntry);
    }
    const incident = step.incident;
    const logs: Prisma.IncidentLogCreateManyInput[] = log.map((entry) => ({
      id: rng.id(),
      ...incidentLogRow(entry),
    }));
    // Escalation: one link up the chain per missed deadline (DESIGN §3.6), logged when it passed.
    for (const deadline of incidentDeadlineStates(incident, this.#now)) {
      if (deadline.status !== 'late' && deadline.status !== 'overdue') continue;
      logs.push({
        id: rng.id(),
        incidentId: id,
        at: new Date(deadline.dueAt),
        actorId: null,
        kind: 'escalated',
        note: INCIDENT_NOTES.escalate,
        fromState: null,
        toState: null,
      });
    }
    const updatedAt = Math.max(...logs.map((l) => new Date(l.at).getTime()));
    this.#data.incidents.push({
      ...incidentRow(incident, missedIncidentDeadlines(incident, this.#now)),
      // +1 for each step after the registration, as the API counts versions.
      version: log.length,
      createdById: officer.id,
      createdAt: new Date(createdAt),
      updatedAt: new Date(updatedAt),
    });
    this.#data.incidentLogs.push(...logs);
  }

  // -------------------------------------------------------------------------
  // Subscription campaign (DESIGN §3.7)
  // -------------------------------------------------------------------------

  #campaign(): void {
    const rng = this.#rng;
    const year = shanghaiYear(this.#now);
    const campaignId = rng.id();
    const startedAt = this.#now - 30 * DAY;
    // Three weeks to go: close enough that the lagging check (two weeks ahead) is near.
    const deadlineDay = toShanghaiTime(this.#now + 21 * DAY);
    const deadline = shanghai(deadlineDay.year, deadlineDay.month, deadlineDay.day, 17, 30);
    this.#data.campaigns.push({
      id: campaignId,
      year,
      name: `清河县${year + 1}年度党报党刊及教育报刊征订发行`,
      deadline: new Date(deadline),
      perCapitaTarget: defaultCampaignRules.perCapitaTarget,
      publicFundCapFen: PUBLIC_FUND_CAP_FEN,
      laggingShare: defaultCampaignRules.laggingShare,
      laggingLeadDays: defaultCampaignRules.laggingLeadMs / DAY,
      status: 'active',
      createdAt: new Date(startedAt),
      updatedAt: new Date(startedAt),
    });
    const periodicalIds = PERIODICALS.map((p, i) => {
      const id = rng.id();
      this.#data.periodicals.push({ id, campaignId, ...p, sortOrder: i + 1 });
      return { id, ...p };
    });

    const units = this.#units.filter(
      (u) => u.kind === 'township_center' || u.kind === 'direct_unit',
    );
    const assignees = ['lingdao2', 'lingdao3', 'shenhe2', 'shenhe3', 'youzheng1', 'youzheng2'].map(
      (u) => this.#person(u),
    );
    const township = units.filter((u) => u.kind === 'township_center');
    township.forEach((unit, i) => {
      const person = assignees[i % assignees.length];
      if (person !== undefined)
        this.#data.campaignAssignments.push({
          id: rng.id(),
          campaignId,
          unitId: unit.id,
          personId: person.id,
        });
    });

    const required = periodicalIds.filter((p) => p.required);
    const targets: CampaignTarget[] = [];
    for (const unit of units) {
      const staff = this.#staffOf(unit);
      const copiesPerRequiredTitle = Math.max(2, Math.round(staff / 60));
      // The vocational school has a larger public budget and a higher per-capita target; 北岗乡
      // was given a week more after its floods.
      const target: CampaignTarget = {
        unitId: unit.id,
        requiredCopies: Object.fromEntries(required.map((p) => [p.id, copiesPerRequiredTitle])),
        ...(unit.code === 'zj' ? { perCapitaTarget: 0.4, publicFundCapFen: 1_500_000 } : {}),
        ...(unit.code === 'bg' ? { deadline: deadline + 7 * DAY } : {}),
      };
      targets.push(target);
      this.#data.campaignTargets.push({
        id: rng.id(),
        campaignId,
        unitId: unit.id,
        requiredCopies: JSON.stringify(target.requiredCopies),
        perCapitaTarget: target.perCapitaTarget ?? null,
        publicFundCapFen: target.publicFundCapFen ?? null,
        deadline: target.deadline === undefined ? null : new Date(target.deadline),
      });
    }

    // Records go through the domain's `recordSubscription()`, which holds the 减负 rules.
    let state: CampaignState = {
      settings: { ...defaultCampaignRules, year, deadline, publicFundCapFen: PUBLIC_FUND_CAP_FEN },
      catalogue: {
        year,
        entries: periodicalIds.map((p) => ({
          id: p.id,
          title: p.title,
          postalCode: p.postalCode,
          publisher: p.publisher,
          category: p.category,
          yearlyPriceFen: p.yearlyPriceFen,
          recommended: p.recommended,
          required: p.required,
          publicFundEligible: p.publicFundEligible,
        })),
      },
      units: this.#units,
      targets,
      records: [],
      assignments: this.#data.campaignAssignments.map((a) => ({
        unitId: a.unitId,
        personId: a.personId,
      })),
    };
    let recordNo = 0;
    for (const unit of units) {
      const staff = this.#staffOf(unit);
      const copiesPerRequiredTitle = Math.max(2, Math.round(staff / 60));
      // Progress is uneven (进展不平衡): some units are done, some lag far behind.
      const progress =
        unit.code === 'bg' || unit.code === 'xd'
          ? 0.1
          : unit.code === 'cg' || unit.code === 'yg'
            ? 1.1
            : 0.25 + rng.next() * 0.8;
      const targetCopies = Math.ceil(staff * 0.3);
      let copies = 0;
      const recorder =
        this.#holders(unit.id, 'officer')[0] ?? this.#holders(unit.id, 'head')[0] ?? assignees[0];
      if (recorder === undefined) continue;
      for (const periodical of rng.sample(periodicalIds, periodicalIds.length)) {
        if (copies >= targetCopies * progress) break;
        const wanted = periodical.required
          ? copiesPerRequiredTitle
          : rng.int(1, Math.max(1, Math.round(staff / 40)));
        copies += wanted;
        recordNo += 1;
        const recordedAt = startedAt + rng.int(1, 28) * DAY + rng.int(8, 17) * HOUR;
        const input = {
          id: rng.id(),
          unitId: unit.id,
          titleId: periodical.id,
          copies: wanted,
          // Required titles are ordered together (统一征订); never a student title (减负).
          mandatory: periodical.required && periodical.category !== 'student',
        };
        // Public money where the title allows it, until the unit's cap refuses it; then self-paid.
        const asPublic = periodical.publicFundEligible
          ? recordSubscription(state, { ...input, fundSource: 'public' }, recorder, recordedAt)
          : null;
        const recorded =
          asPublic !== null && asPublic.ok
            ? asPublic.value
            : unwrapAll(
                recordSubscription(state, { ...input, fundSource: 'self' }, recorder, recordedAt),
              );
        state = recorded.state;
        const r = recorded.record;
        this.#data.subscriptionRecords.push({
          id: r.id,
          campaignId,
          unitId: r.unitId,
          periodicalId: r.titleId,
          copies: r.copies,
          fundSource: r.fundSource,
          mandatory: r.mandatory,
          recordedById: r.recordedBy,
          recordedAt: new Date(r.recordedAt),
          idempotencyKey: recordNo % 5 === 0 ? `seed-record-${recordNo}` : null,
        });
      }
    }
  }

  /** A township's staff are its center's and its schools'. */
  #staffOf(unit: UnitInfo): number {
    return (
      unit.staffCount +
      this.#units.filter((u) => u.parentId === unit.id).reduce((sum, s) => sum + s.staffCount, 0)
    );
  }
}

// A minimal PNG encoder: one IHDR, one IDAT of a solid colour, IEND.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

function solidPng(
  width: number,
  height: number,
  [r, g, b]: readonly [number, number, number],
): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set([r, g, b], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}
