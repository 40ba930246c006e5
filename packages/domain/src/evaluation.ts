/**
 * Evaluation of a period (DESIGN §3.5): per evaluated unit the counts, the score with its
 * breakdown, quota completion, status and rank; and the officer ranking (优秀信息员).
 *
 * One pure function is the single source for the console tables, the bulletin and the bot's
 * `/rank`. It makes one pass over submissions, one over adoptions and one over the counted
 * credits, with every lookup through a map built once, so it scales with the size of the data
 * and not with units × items. Points are summed as integer micro-points, exact and independent
 * of the order of the input, so rankings are deterministic.
 */
import { isEvaluatedUnit, type Person, type Unit } from './org.js';
import { periodRange, type Period } from './period.js';
import { periodQuota, type Quota, type Scheme } from './scheme.js';
import {
  beats,
  fromMicro,
  toMicro,
  type Adjustment,
  type Adoption,
  type ScorableSubmission,
} from './scoring.js';
import { timeLimitMs, type UnreportedMajor } from './timeliness.js';
import {
  ADOPTION_LEVELS,
  CATEGORIES,
  INSTRUCTION_LEVELS,
  type AdoptionLevel,
  type Category,
} from './vocabulary.js';
import type { Approval, ReturnRecord } from './workflow.js';

/** The facts of a submission the evaluation reads (a full {@link Submission} fits). */
export interface EvaluatedSubmission extends ScorableSubmission {
  readonly approvals: readonly Approval[];
  readonly returns: readonly ReturnRecord[];
}

/** How an incident's deadlines were kept, for the on-time rate in bulletins (DESIGN §3.6). */
export interface IncidentTimeliness {
  readonly unitId: string;
  /** When it was discovered; decides the period. */
  readonly discoveredAt: number;
  /** True if every deadline was kept, false if one was missed, null while undecided. */
  readonly onTime: boolean | null;
}

/** Everything the evaluation of a period depends on. */
export interface EvaluationInput {
  readonly scheme: Scheme;
  readonly period: Period;
  readonly units: readonly Unit[];
  readonly people: readonly Person[];
  readonly submissions: readonly EvaluatedSubmission[];
  readonly adoptions: readonly Adoption[];
  readonly adjustments?: readonly Adjustment[];
  readonly unreportedMajors?: readonly UnreportedMajor[];
  readonly incidents?: readonly IncidentTimeliness[];
}

/** The status of a unit in a period (DESIGN §3.5). */
export type UnitStatus = 'commended' | 'criticised' | 'disqualified' | 'ok';

/** Why a unit has its status. */
export type StatusReasonCode =
  | 'ZERO_SUBMISSIONS'
  | 'UNREPORTED_MAJOR'
  | 'QUOTA_NOT_MET'
  | 'TOP_N'
  | 'NOT_IN_TOP_N'
  | 'SCORE_NOT_POSITIVE';

/** One reason of a status, with a plain-language message (Simplified Chinese). */
export interface StatusReason {
  readonly code: StatusReasonCode;
  readonly message: string;
}

/** Where a unit stands against its quota. */
export interface QuotaCompletion {
  readonly target: Quota;
  readonly submitted: number;
  readonly adopted: number;
  /** The lower of submitted/target and adopted/target (1 when the target is 0). */
  readonly completion: number;
  readonly met: boolean;
}

/** Where a unit's score comes from. */
export interface ScoreBreakdown {
  readonly reachedBureau: number;
  readonly adoptions: number;
  readonly quality: number;
  readonly instructions: number;
  readonly adjustments: number;
  /** Points lost (a positive number). */
  readonly penalties: number;
}

/** The figures of one writing unit (a school listed under its township center, or the unit itself). */
export interface UnitFigures {
  readonly unitId: string;
  readonly name: string;
  /** Items that reached bureau review in the period. */
  readonly submitted: number;
  /** Counted adoptions dated in the period. */
  readonly adopted: number;
  /** Points of the unit's items (before adjustments and penalties). */
  readonly itemPoints: number;
}

/** The evaluation of one township center or direct unit. */
export interface UnitEvaluation {
  readonly unitId: string;
  readonly name: string;
  readonly kind: 'township_center' | 'direct_unit';
  readonly submitted: number;
  readonly adopted: number;
  readonly adoptedByLevel: Readonly<Record<AdoptionLevel, number>>;
  readonly late: number;
  readonly returned: number;
  /** Items per category that reached bureau review (the category mix). */
  readonly categories: Readonly<Record<Category, number>>;
  readonly approvals: number;
  /** Share of approvals with an edit or a comment; null without approvals. */
  readonly reviewDepth: number | null;
  readonly rubberStamped: number;
  readonly lateMajors: number;
  readonly unreportedMajors: number;
  readonly score: number;
  readonly breakdown: ScoreBreakdown;
  readonly quota: QuotaCompletion;
  /** Mean time items reached the bureau (epoch ms), null without items; breaks ties. */
  readonly averageSubmittedAt: number | null;
  readonly incidents: number;
  /** Share of decided incidents handled on time; null without decided incidents. */
  readonly incidentOnTimeRate: number | null;
  readonly status: UnitStatus;
  readonly reasons: readonly StatusReason[];
  /** 1-based rank; null for a disqualified unit. */
  readonly rank: number | null;
  /** The unit's own items and each school's, schools after the unit. */
  readonly writers: readonly UnitFigures[];
}

/** An officer in the 优秀信息员 ranking. */
export interface OfficerEvaluation {
  readonly personId: string;
  readonly name: string;
  readonly unitId: string | null;
  readonly items: number;
  readonly adopted: number;
  readonly adoptedByLevel: Readonly<Record<AdoptionLevel, number>>;
  /** The author's share of the points of their items (split evenly among co-authors). */
  readonly score: number;
  readonly rank: number;
  readonly commended: boolean;
}

/** The result of evaluating a period. */
export interface Evaluation {
  readonly period: Period;
  readonly range: { readonly start: number; readonly end: number };
  readonly schemeYear: number;
  readonly schemeVersion: number;
  /** Ranked units first (by rank), then disqualified units. */
  readonly units: readonly UnitEvaluation[];
  readonly officers: readonly OfficerEvaluation[];
}

const L = ADOPTION_LEVELS.length;
const I = INSTRUCTION_LEVELS.length;
const C = CATEGORIES.length;
const LEVEL_INDEX: Readonly<Record<string, number>> = Object.fromEntries(
  ADOPTION_LEVELS.map((l, i) => [l, i]),
);
const INSTRUCTION_INDEX: Readonly<Record<string, number>> = Object.fromEntries(
  INSTRUCTION_LEVELS.map((l, i) => [l, i]),
);
const CATEGORY_INDEX: Readonly<Record<string, number>> = Object.fromEntries(
  CATEGORIES.map((c, i) => [c, i]),
);

interface OfficerAcc {
  readonly personId: string;
  items: number;
  adopted: number;
  readonly byLevel: number[];
  micro: number;
  offsetSum: number;
  unitIndex: number;
}

function byLevelRecord(counts: ArrayLike<number>, offset: number): Record<AdoptionLevel, number> {
  return {
    bureau: counts[offset] ?? 0,
    county: counts[offset + 1] ?? 0,
    city: counts[offset + 2] ?? 0,
    province: counts[offset + 3] ?? 0,
    national: counts[offset + 4] ?? 0,
  };
}

/** Compares adopted counts from the highest level down; positive when `a` has more. */
function compareLevels(
  a: Readonly<Record<AdoptionLevel, number>>,
  b: Readonly<Record<AdoptionLevel, number>>,
): number {
  for (let l = L - 1; l >= 0; l--) {
    const level = ADOPTION_LEVELS[l] as AdoptionLevel;
    const d = a[level] - b[level];
    if (d !== 0) return d;
  }
  return 0;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The ranking order of DESIGN §3.5: score (higher first), then adopted count at the highest
 * level, then earlier average submission time, then name (code-point order), then id.
 */
export function compareForRanking(
  a: {
    readonly score: number;
    readonly adoptedByLevel: Readonly<Record<AdoptionLevel, number>>;
    readonly averageSubmittedAt: number | null;
    readonly name: string;
    readonly id: string;
  },
  b: {
    readonly score: number;
    readonly adoptedByLevel: Readonly<Record<AdoptionLevel, number>>;
    readonly averageSubmittedAt: number | null;
    readonly name: string;
    readonly id: string;
  },
): number {
  if (a.score !== b.score) return b.score - a.score;
  const levels = compareLevels(b.adoptedByLevel, a.adoptedByLevel);
  if (levels !== 0) return levels;
  const ta = a.averageSubmittedAt ?? Number.POSITIVE_INFINITY;
  const tb = b.averageSubmittedAt ?? Number.POSITIVE_INFINITY;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return compareText(a.name, b.name) || compareText(a.id, b.id);
}

/**
 * Evaluates a period: every evaluated unit (township centers and direct units) with its
 * figures, score, quota, status and rank, and the officer ranking. Pure: the same input gives
 * the same output in any order of its lists.
 */
export function evaluate(input: EvaluationInput): Evaluation {
  const { scheme, period } = input;
  const range = periodRange(period.year, period.kind);
  const start = range.start;
  const end = range.end;

  // Units: every unit gets a slot; evaluated units also get an evaluation index.
  const unitSlot = new Map<string, number>();
  const units = input.units;
  const U = units.length;
  const evalOfSlot = new Int32Array(U).fill(-1);
  const evaluated: Unit[] = [];
  for (let u = 0; u < U; u++) {
    const unit = units[u] as Unit;
    unitSlot.set(unit.id, u);
    if (isEvaluatedUnit(unit)) evalOfSlot[u] = evaluated.push(unit) - 1;
  }
  for (let u = 0; u < U; u++) {
    const unit = units[u] as Unit;
    if (unit.kind !== 'school' || unit.parentId === null) continue;
    const parent = unitSlot.get(unit.parentId);
    if (parent !== undefined && (units[parent] as Unit).kind === 'township_center') {
      evalOfSlot[u] = evalOfSlot[parent] ?? -1;
    }
  }
  const E = evaluated.length;
  const submitted = new Int32Array(E);
  const adopted = new Int32Array(E);
  const adoptedByLevel = new Int32Array(E * L);
  const late = new Int32Array(E);
  const returned = new Int32Array(E);
  const categories = new Int32Array(E * C);
  const approvals = new Int32Array(E);
  const deep = new Int32Array(E);
  const rubber = new Int32Array(E);
  const lateMajors = new Int32Array(E);
  const unreported = new Int32Array(E);
  const reachedMicro = new Float64Array(E);
  const adoptionMicro = new Float64Array(E);
  const qualityMicro = new Float64Array(E);
  const instructionMicro = new Float64Array(E);
  const adjustmentMicro = new Float64Array(E);
  const penaltyMicro = new Float64Array(E);
  const offsetSum = new Float64Array(E);
  const incidents = new Int32Array(E);
  const incidentsDecided = new Int32Array(E);
  const incidentsOnTime = new Int32Array(E);
  // Per writing unit (school or the evaluated unit itself).
  const writerSubmitted = new Int32Array(U);
  const writerAdopted = new Int32Array(U);
  const writerMicro = new Float64Array(U);

  const officers = new Map<string, OfficerAcc>();
  const officer = (personId: string, e: number): OfficerAcc => {
    let acc = officers.get(personId);
    if (acc === undefined) {
      acc = {
        personId,
        items: 0,
        adopted: 0,
        byLevel: [0, 0, 0, 0, 0],
        micro: 0,
        offsetSum: 0,
        unitIndex: e,
      };
      officers.set(personId, acc);
    }
    return acc;
  };
  const credit = (authors: readonly string[], e: number, micro: number): void => {
    const k = authors.length;
    if (k === 0) return;
    // DESIGN §3.4: an item's points are split evenly among its authors.
    const share = k === 1 ? micro : Math.round(micro / k);
    for (let a = 0; a < k; a++) officer(authors[a] as string, e).micro += share;
  };

  const reachedPts = toMicro(scheme.reachedBureauPoints);
  const qualityPts = toMicro(scheme.qualityBonus);
  const rubberMs = scheme.review.rubberStampSeconds * 1000;
  const limitByCategory = CATEGORIES.map((c) => timeLimitMs(c, scheme));
  const majorLatePts = toMicro(scheme.timeliness.majorLatePenalty);

  // Pass 1: submissions.
  const subs = input.submissions;
  const N = subs.length;
  const itemIndex = new Map<string, number>();
  const itemEval = new Int32Array(N).fill(-1);
  const itemSlot = new Int32Array(N);
  const itemLate = new Uint8Array(N);
  for (let i = 0; i < N; i++) {
    const s = subs[i] as EvaluatedSubmission;
    itemIndex.set(s.id, i);
    const slot = unitSlot.get(s.unitId);
    if (slot === undefined) continue;
    const e = evalOfSlot[slot] ?? -1;
    if (e < 0) continue;
    itemSlot[i] = slot;
    for (const ap of s.approvals) {
      if (ap.at < start || ap.at >= end) continue;
      approvals[e]!++;
      if (ap.edited || ap.comment !== null) deep[e]!++;
      // DESIGN §3.2: under 60 s with no change is rubber-stamped.
      if (!ap.edited && ap.durationMs < rubberMs) rubber[e]!++;
    }
    for (const r of s.returns) if (r.at >= start && r.at < end) returned[e]!++;
    const reached = s.submittedToBureauAt;
    // DESIGN §3.4: items that never reached bureau review count nowhere.
    if (reached === null) continue;
    itemEval[i] = e;
    const c = CATEGORY_INDEX[s.category] ?? 0;
    const limit = limitByCategory[c] ?? null;
    const isLateItem = limit !== null && reached - s.eventAt > limit;
    if (isLateItem) itemLate[i] = 1;
    if (reached < start || reached >= end) continue;
    submitted[e]!++;
    writerSubmitted[slot]!++;
    categories[e * C + c]!++;
    offsetSum[e]! += reached - start;
    let micro = reachedPts;
    reachedMicro[e]! += reachedPts;
    if (s.qualityMark !== null) {
      qualityMicro[e]! += qualityPts;
      micro += qualityPts;
    }
    writerMicro[slot]! += micro;
    if (isLateItem) {
      late[e]!++;
      // DESIGN §3.3: a late major item costs its unit the 迟报 penalty.
      if (s.category === 'major') {
        lateMajors[e]!++;
        penaltyMicro[e]! += majorLatePts;
      }
    }
    const authors = s.authorIds;
    for (let a = 0; a < authors.length; a++) {
      const acc = officer(authors[a] as string, e);
      acc.items++;
      acc.offsetSum += reached - start;
    }
    credit(authors, e, micro);
  }

  // Pass 2: adoptions. Keep, per item and level, the best adoption over all time, so that an
  // item's same-level adoptions count once however the periods fall (DESIGN §3.4).
  const adoptions = input.adoptions;
  const bestValue = new Float64Array(N * L).fill(-1);
  const bestAdoption = new Int32Array(N * L).fill(-1);
  const bestInstrValue = new Float64Array(N * I).fill(-1);
  const bestInstr = new Int32Array(N * I).fill(-1);
  const touched: number[] = [];
  const touchedFlag = new Uint8Array(N);
  const headlineMul = scheme.headlineMultiplier;
  const lateFactor = scheme.timeliness.lateFactor;
  const levelPoints = ADOPTION_LEVELS.map((l) => scheme.levels[l]);
  const instrPoints = INSTRUCTION_LEVELS.map((l) => scheme.instructionBonus[l]);
  for (let a = 0; a < adoptions.length; a++) {
    const ad = adoptions[a] as Adoption;
    const ids = ad.submissionIds;
    const n = ids.length;
    const l = LEVEL_INDEX[ad.level] ?? 0;
    const base = (levelPoints[l] ?? 0) * (ad.headline ? headlineMul : 1);
    const onTimeValue = toMicro(base / n);
    const lateValue = toMicro((base * lateFactor) / n);
    const instr = ad.instruction;
    const il = instr === null ? -1 : (INSTRUCTION_INDEX[instr.level] ?? 0);
    const instrValue = il < 0 ? 0 : toMicro((instrPoints[il] ?? 0) / n);
    for (let k = 0; k < n; k++) {
      const i = itemIndex.get(ids[k] as string);
      if (i === undefined || itemEval[i]! < 0) continue;
      if (touchedFlag[i] === 0) {
        touchedFlag[i] = 1;
        touched.push(i);
      }
      const value = itemLate[i] === 1 ? lateValue : onTimeValue;
      const slot = i * L + l;
      const current = bestAdoption[slot]!;
      if (
        current < 0 ||
        value > bestValue[slot]! ||
        (value === bestValue[slot]! &&
          beats(
            value,
            ad.publishedAt,
            ad.id,
            value,
            (adoptions[current] as Adoption).publishedAt,
            (adoptions[current] as Adoption).id,
          ))
      ) {
        bestValue[slot] = value;
        bestAdoption[slot] = a;
      }
      if (instr !== null) {
        const islot = i * I + il;
        const ci = bestInstr[islot]!;
        const cur = ci < 0 ? null : (adoptions[ci] as Adoption);
        if (
          cur === null ||
          cur.instruction === null ||
          beats(instrValue, instr.at, ad.id, bestInstrValue[islot]!, cur.instruction.at, cur.id)
        ) {
          bestInstrValue[islot] = instrValue;
          bestInstr[islot] = a;
        }
      }
    }
  }

  // Pass 3: the counted credits of each adopted item, in the period of their own dates.
  const highest = scheme.stacking === 'highest';
  for (let t = 0; t < touched.length; t++) {
    const i = touched[t] as number;
    const e = itemEval[i]!;
    const slot = itemSlot[i]!;
    const authors = (subs[i] as EvaluatedSubmission).authorIds;
    let only = -1;
    if (highest) {
      // DESIGN §3.4 stacking "highest": the single best adoption of the item counts.
      for (let l = 0; l < L; l++) {
        const a = bestAdoption[i * L + l]!;
        if (a < 0) continue;
        const o = only < 0 ? -1 : bestAdoption[i * L + only]!;
        if (
          o < 0 ||
          beats(
            bestValue[i * L + l]!,
            (adoptions[a] as Adoption).publishedAt,
            (adoptions[a] as Adoption).id,
            bestValue[i * L + only]!,
            (adoptions[o] as Adoption).publishedAt,
            (adoptions[o] as Adoption).id,
          )
        ) {
          only = l;
        }
      }
    }
    for (let l = 0; l < L; l++) {
      if (highest && l !== only) continue;
      const a = bestAdoption[i * L + l]!;
      if (a < 0) continue;
      const at = (adoptions[a] as Adoption).publishedAt;
      if (at < start || at >= end) continue;
      const value = bestValue[i * L + l]!;
      adoptionMicro[e]! += value;
      adopted[e]!++;
      adoptedByLevel[e * L + l]!++;
      writerAdopted[slot]!++;
      writerMicro[slot]! += value;
      credit(authors, e, value);
      for (let k = 0; k < authors.length; k++) {
        const acc = officer(authors[k] as string, e);
        acc.adopted++;
        acc.byLevel[l]!++;
      }
    }
    for (let il = 0; il < I; il++) {
      const a = bestInstr[i * I + il]!;
      if (a < 0) continue;
      const at = (adoptions[a] as Adoption).instruction?.at ?? Number.NaN;
      if (!(at >= start && at < end)) continue;
      const value = bestInstrValue[i * I + il]!;
      instructionMicro[e]! += value;
      writerMicro[slot]! += value;
      credit(authors, e, value);
    }
  }

  // Adjustments, unreported major events and incidents of the period.
  for (const adj of input.adjustments ?? []) {
    if (adj.at < start || adj.at >= end) continue;
    const slot = unitSlot.get(adj.unitId);
    const e = slot === undefined ? -1 : evalOfSlot[slot]!;
    if (e >= 0) adjustmentMicro[e]! += toMicro(adj.points);
  }
  const unreportedPts = toMicro(scheme.timeliness.unreportedMajorPenalty);
  for (const u of input.unreportedMajors ?? []) {
    if (u.eventAt < start || u.eventAt >= end) continue;
    const slot = unitSlot.get(u.unitId);
    const e = slot === undefined ? -1 : evalOfSlot[slot]!;
    if (e < 0) continue;
    unreported[e]!++;
    penaltyMicro[e]! += unreportedPts;
  }
  for (const inc of input.incidents ?? []) {
    if (inc.discoveredAt < start || inc.discoveredAt >= end) continue;
    const slot = unitSlot.get(inc.unitId);
    const e = slot === undefined ? -1 : evalOfSlot[slot]!;
    if (e < 0) continue;
    incidents[e]!++;
    if (inc.onTime !== null) {
      incidentsDecided[e]!++;
      if (inc.onTime) incidentsOnTime[e]!++;
    }
  }

  // Writers listed under their evaluated unit: the unit itself first, then its schools.
  const writersOf: UnitFigures[][] = evaluated.map(() => []);
  for (let u = 0; u < U; u++) {
    const e = evalOfSlot[u]!;
    if (e < 0) continue;
    const unit = units[u] as Unit;
    const figures: UnitFigures = {
      unitId: unit.id,
      name: unit.name,
      submitted: writerSubmitted[u]!,
      adopted: writerAdopted[u]!,
      itemPoints: fromMicro(writerMicro[u]!),
    };
    if (evaluated[e] === unit) writersOf[e]!.unshift(figures);
    else writersOf[e]!.push(figures);
  }

  const halfYear = period.kind !== 'Y';
  const rows = evaluated.map((unit, e) => {
    const scoreMicro =
      reachedMicro[e]! +
      adoptionMicro[e]! +
      qualityMicro[e]! +
      instructionMicro[e]! +
      adjustmentMicro[e]! -
      penaltyMicro[e]!;
    const target = periodQuota(scheme, unit, period.kind) ?? { submitted: 0, adopted: 0 };
    const ratio = (actual: number, goal: number): number => (goal === 0 ? 1 : actual / goal);
    const quota: QuotaCompletion = {
      target,
      submitted: submitted[e]!,
      adopted: adopted[e]!,
      completion: Math.min(
        ratio(submitted[e]!, target.submitted),
        ratio(adopted[e]!, target.adopted),
      ),
      met: submitted[e]! >= target.submitted && adopted[e]! >= target.adopted,
    };
    const n = submitted[e]!;
    const cats = {} as Record<Category, number>;
    CATEGORIES.forEach((c, k) => (cats[c] = categories[e * C + k]!));
    return {
      unitId: unit.id,
      id: unit.id,
      name: unit.name,
      kind:
        unit.kind === 'township_center' ? ('township_center' as const) : ('direct_unit' as const),
      submitted: n,
      adopted: adopted[e]!,
      adoptedByLevel: byLevelRecord(adoptedByLevel, e * L),
      late: late[e]!,
      returned: returned[e]!,
      categories: cats,
      approvals: approvals[e]!,
      reviewDepth: approvals[e]! === 0 ? null : deep[e]! / approvals[e]!,
      rubberStamped: rubber[e]!,
      lateMajors: lateMajors[e]!,
      unreportedMajors: unreported[e]!,
      scoreMicro,
      score: fromMicro(scoreMicro),
      breakdown: {
        reachedBureau: fromMicro(reachedMicro[e]!),
        adoptions: fromMicro(adoptionMicro[e]!),
        quality: fromMicro(qualityMicro[e]!),
        instructions: fromMicro(instructionMicro[e]!),
        adjustments: fromMicro(adjustmentMicro[e]!),
        penalties: fromMicro(penaltyMicro[e]!),
      },
      quota,
      averageSubmittedAt: n === 0 ? null : start + offsetSum[e]! / n,
      incidents: incidents[e]!,
      incidentOnTimeRate:
        incidentsDecided[e]! === 0 ? null : incidentsOnTime[e]! / incidentsDecided[e]!,
      writers: writersOf[e]!,
    };
  });

  type Row = (typeof rows)[number];
  const disqualifiedReasons = (row: Row): StatusReason[] => {
    const reasons: StatusReason[] = [];
    if (row.submitted === 0) {
      reasons.push({ code: 'ZERO_SUBMISSIONS', message: '本期报送信息为零，取消奖励资格' });
    }
    if (row.unreportedMajors > 0) {
      reasons.push({
        code: 'UNREPORTED_MAJOR',
        message: `本期有 ${row.unreportedMajors} 起重大信息瞒报或漏报，取消奖励资格`,
      });
    }
    return reasons;
  };
  const ranked: Row[] = [];
  const disqualified: Row[] = [];
  for (const row of rows) (disqualifiedReasons(row).length > 0 ? disqualified : ranked).push(row);
  ranked.sort(compareForRanking);
  disqualified.sort(compareForRanking);
  const topN = halfYear ? scheme.commend.halfYearTopN : scheme.commend.yearTopN;
  let commendedSoFar = 0;
  const results: UnitEvaluation[] = [];
  ranked.forEach((row, index) => {
    let status: UnitStatus;
    const reasons: StatusReason[] = [];
    if (!row.quota.met) {
      status = 'criticised';
      reasons.push({
        code: 'QUOTA_NOT_MET',
        message: `未完成任务：报送 ${row.quota.submitted}/${row.quota.target.submitted}，采用 ${row.quota.adopted}/${row.quota.target.adopted}`,
      });
    } else if (row.scoreMicro <= 0) {
      status = 'ok';
      reasons.push({ code: 'SCORE_NOT_POSITIVE', message: '得分未超过零，不列入表彰' });
    } else if (commendedSoFar < topN) {
      commendedSoFar++;
      status = 'commended';
      reasons.push({ code: 'TOP_N', message: `完成任务且得分位列前 ${topN} 名，予以表彰` });
    } else {
      status = 'ok';
      reasons.push({ code: 'NOT_IN_TOP_N', message: `完成任务，得分未进入前 ${topN} 名` });
    }
    results.push(toUnitEvaluation(row, status, reasons, index + 1));
  });
  for (const row of disqualified)
    results.push(toUnitEvaluation(row, 'disqualified', disqualifiedReasons(row), null));

  // The officer ranking: the same ordering rules, top N named 优秀信息员.
  const peopleById = new Map<string, Person>();
  for (const p of input.people) peopleById.set(p.id, p);
  const officerRows = [...officers.values()]
    .filter((acc) => acc.items > 0 || acc.micro !== 0)
    .map((acc) => {
      const person = peopleById.get(acc.personId);
      return {
        id: acc.personId,
        personId: acc.personId,
        name: person?.name ?? acc.personId,
        unitId: person?.unitId ?? evaluated[acc.unitIndex]?.id ?? null,
        items: acc.items,
        adopted: acc.adopted,
        adoptedByLevel: byLevelRecord(acc.byLevel, 0),
        score: fromMicro(acc.micro),
        averageSubmittedAt: acc.items === 0 ? null : start + acc.offsetSum / acc.items,
      };
    })
    .sort(compareForRanking);
  const officerTopN = scheme.commend.officerTopN;
  const officerResults: OfficerEvaluation[] = officerRows.map((row, index) => ({
    personId: row.personId,
    name: row.name,
    unitId: row.unitId,
    items: row.items,
    adopted: row.adopted,
    adoptedByLevel: row.adoptedByLevel,
    score: row.score,
    rank: index + 1,
    commended: index < officerTopN && row.score > 0,
  }));

  return {
    period,
    range,
    schemeYear: scheme.year,
    schemeVersion: scheme.version,
    units: results,
    officers: officerResults,
  };
}

function toUnitEvaluation(
  row: Omit<UnitEvaluation, 'status' | 'reasons' | 'rank'> & {
    readonly id: string;
    readonly scoreMicro: number;
  },
  status: UnitStatus,
  reasons: readonly StatusReason[],
  rank: number | null,
): UnitEvaluation {
  return {
    unitId: row.unitId,
    name: row.name,
    kind: row.kind,
    submitted: row.submitted,
    adopted: row.adopted,
    adoptedByLevel: row.adoptedByLevel,
    late: row.late,
    returned: row.returned,
    categories: row.categories,
    approvals: row.approvals,
    reviewDepth: row.reviewDepth,
    rubberStamped: row.rubberStamped,
    lateMajors: row.lateMajors,
    unreportedMajors: row.unreportedMajors,
    score: row.score,
    breakdown: row.breakdown,
    quota: row.quota,
    averageSubmittedAt: row.averageSubmittedAt,
    incidents: row.incidents,
    incidentOnTimeRate: row.incidentOnTimeRate,
    status,
    reasons,
    rank,
    writers: row.writers,
  };
}

/** The evaluation of one unit, or null when the unit is not evaluated (for `/rank`). */
export function unitEvaluationOf(evaluation: Evaluation, unitId: string): UnitEvaluation | null {
  return evaluation.units.find((u) => u.unitId === unitId) ?? null;
}
