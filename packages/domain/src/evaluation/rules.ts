/**
 * The evaluation of a period, written as rules §5 (scoring) and §6 (the evaluation of a
 * period) read. This module is the specification of the evaluation: plain Maps
 * and objects, one pass over each list of the input, in the order of the rules.
 *
 * Points are counted in integer micro-points (`toMicro`): sums of integers are exact and do not
 * depend on the order of the input, which keeps scores, ranks and ties deterministic. Exactness
 * is part of the rule, not an optimisation.
 */
import { formatStatusReason, type ParamValue, type StatusReasonParams } from '../messages.js';
import { isEvaluatedUnit, type Person, type Unit } from '../org.js';
import { periodRange } from '../period.js';
import { periodQuota } from '../scheme.js';
import { adoptionPoints, beats, fromMicro, instructionPoints, toMicro } from '../scoring.js';
import { isLate } from '../timeliness.js';
import { isDeepReview, isRubberStamped, medianMinutes } from '../workflow.js';
import {
  ADOPTION_LEVELS,
  CATEGORIES,
  INSTRUCTION_LEVELS,
  type AdoptionLevel,
  type Category,
  type InstructionLevel,
} from '../vocabulary.js';
import type {
  Evaluation,
  EvaluationInput,
  OfficerEvaluation,
  QuotaCompletion,
  ScoreBreakdown,
  StatusReason,
  StatusReasonCode,
  UnitEvaluation,
  UnitFigures,
  UnitStatus,
} from './types.js';

// ---------------------------------------------------------------------------------------------
// Running figures
// ---------------------------------------------------------------------------------------------

/** A count per adoption level, all zero. */
function noLevels(): Record<AdoptionLevel, number> {
  return { bureau: 0, county: 0, city: 0, province: 0, national: 0 };
}

function noCategories(): Record<Category, number> {
  const counts = {} as Record<Category, number>;
  for (const c of CATEGORIES) counts[c] = 0;
  return counts;
}

/** The running figures of a unit whose items are written (a school, or the unit itself). */
export interface WriterTally {
  readonly unit: Unit;
  submitted: number;
  adopted: number;
  /** Points of the unit's items, in micro-points. */
  itemMicro: number;
}

/** The running figures of one evaluated unit (a township center or a direct unit). */
export interface UnitTally {
  readonly unit: Unit;
  /** The unit itself first, then its schools in the order of the input. */
  readonly writers: WriterTally[];
  submitted: number;
  adopted: number;
  readonly adoptedByLevel: Record<AdoptionLevel, number>;
  late: number;
  returned: number;
  readonly categories: Record<Category, number>;
  approvals: number;
  /** Approvals with an edit or a substantive comment (rules §3.4, rules §3.4). */
  deepApprovals: number;
  rubberStamped: number;
  /** Milliseconds from opening the full item to approving it, of the approvals that opened it. */
  readonly reviewDurations: number[];
  lateMajors: number;
  unreportedMajors: number;
  /** The score's parts in micro-points; penalties are positive. */
  readonly micro: Record<keyof ScoreBreakdown, number>;
  /**
   * Σ (time the item reached the bureau − start of the period): offsets from the period's start
   * stay exact integers where a sum of epoch milliseconds would not.
   */
  submittedOffsetSum: number;
  incidents: number;
  incidentsDecided: number;
  incidentsOnTime: number;
}

/** The running figures of an author (优秀信息员, rules §6.4). */
export interface OfficerTally {
  readonly personId: string;
  /** The evaluated unit of the first item found with this author (for authors not in `people`). */
  readonly firstUnit: Unit;
  items: number;
  adopted: number;
  readonly adoptedByLevel: Record<AdoptionLevel, number>;
  /** The author's share of the points of their items, in micro-points. */
  micro: number;
  submittedOffsetSum: number;
}

export function newWriterTally(unit: Unit): WriterTally {
  return { unit, submitted: 0, adopted: 0, itemMicro: 0 };
}

export function newUnitTally(unit: Unit, own: WriterTally): UnitTally {
  return {
    unit,
    writers: [own],
    submitted: 0,
    adopted: 0,
    adoptedByLevel: noLevels(),
    late: 0,
    returned: 0,
    categories: noCategories(),
    approvals: 0,
    deepApprovals: 0,
    rubberStamped: 0,
    reviewDurations: [],
    lateMajors: 0,
    unreportedMajors: 0,
    micro: {
      reachedBureau: 0,
      adoptions: 0,
      quality: 0,
      instructions: 0,
      adjustments: 0,
      penalties: 0,
    },
    submittedOffsetSum: 0,
    incidents: 0,
    incidentsDecided: 0,
    incidentsOnTime: 0,
  };
}

export function newOfficerTally(personId: string, firstUnit: Unit): OfficerTally {
  return {
    personId,
    firstUnit,
    items: 0,
    adopted: 0,
    adoptedByLevel: noLevels(),
    micro: 0,
    submittedOffsetSum: 0,
  };
}

/**
 * rules §5.5: an item's points go to its unit and are split evenly among its authors, each
 * share rounded to a micro-point. An author listed twice takes two shares.
 */
function authorShare(micro: number, authors: number): number {
  return Math.round(micro / authors);
}

// ---------------------------------------------------------------------------------------------
// Who is evaluated
// ---------------------------------------------------------------------------------------------

/** Where the items of each unit count. */
interface Organisation {
  /** The evaluated units, in the order of the input. */
  readonly evaluated: readonly UnitTally[];
  /** The writer and evaluated unit of a unit id; absent when its items count nowhere. */
  readonly byId: ReadonlyMap<string, { writer: WriterTally; tally: UnitTally }>;
}

/**
 * rules §2.1, §5.5: evaluated units are the township centers and the direct units; a school's items
 * count for its township center and the school is listed under it. Items of the bureau, of a
 * school outside a township center and of unknown units count nowhere. Unit ids are looked up
 * as a Map does: when an id is listed twice, the later unit receives its items.
 */
function organise(units: readonly Unit[]): Organisation {
  const evaluated: UnitTally[] = [];
  const writers: { writer: WriterTally; tally: UnitTally | null }[] = [];
  const listed = new Map<string, { writer: WriterTally; tally: UnitTally | null }>();
  for (const unit of units) {
    const writer = newWriterTally(unit);
    const tally = isEvaluatedUnit(unit) ? newUnitTally(unit, writer) : null;
    if (tally !== null) evaluated.push(tally);
    const entry = { writer, tally };
    writers.push(entry);
    listed.set(unit.id, entry);
  }
  for (const entry of writers) {
    const { unit } = entry.writer;
    if (unit.kind !== 'school' || unit.parentId === null) continue;
    const parent = listed.get(unit.parentId);
    if (parent?.writer.unit.kind === 'township_center' && parent.tally !== null) {
      entry.tally = parent.tally;
      parent.tally.writers.push(entry.writer);
    }
  }
  const byId = new Map<string, { writer: WriterTally; tally: UnitTally }>();
  for (const [id, { writer, tally }] of listed) if (tally !== null) byId.set(id, { writer, tally });
  return { evaluated, byId };
}

// ---------------------------------------------------------------------------------------------
// The evaluation
// ---------------------------------------------------------------------------------------------

/** An adoption, or its leader instruction, as it counts for one item, and what it is worth. */
interface Credit<L extends string> {
  /** The adoption's level, or the instruction's. */
  readonly level: L;
  readonly micro: number;
  /** Its own date, which decides its period: the publication's, or the instruction's. */
  readonly at: number;
  readonly adoptionId: string;
}

/** The best credit of each level so far, null while a level has none. */
type BestOfEachLevel<L extends string> = Record<L, Credit<L> | null>;

/** An item that reached bureau review, as the adoptions find it. */
interface Item {
  readonly tally: UnitTally;
  readonly writer: WriterTally;
  /** As listed: an author named twice takes two shares. */
  readonly authorIds: readonly string[];
  readonly late: boolean;
  /** rules §5.3: the same level counts once per item, so the best adoption of each level. */
  adoptions: BestOfEachLevel<AdoptionLevel> | null;
  /** One leader instruction per instruction level: the best. */
  instructions: BestOfEachLevel<InstructionLevel> | null;
}

/**
 * Whether `candidate` wins over `holder` where only one may count: the higher value, then the
 * earlier date, then the smaller adoption id (rules §6.3: deterministic).
 */
function wins<L extends string>(candidate: Credit<L>, holder: Credit<L> | null): boolean {
  if (holder === null) return true;
  return beats(
    candidate.micro,
    candidate.at,
    candidate.adoptionId,
    holder.micro,
    holder.at,
    holder.adoptionId,
  );
}

/** Keeps `candidate` as the best of its level if it wins over the one held. */
function keepBest<L extends string>(best: BestOfEachLevel<L>, candidate: Credit<L>): void {
  if (wins(candidate, best[candidate.level])) best[candidate.level] = candidate;
}

/**
 * The adoptions of an item that count (rules §5.3): with `stacking: "sum"` the best adoption
 * of each level; with `"highest"` only the single best one over all time, normally the highest
 * level reached (sharing or lateness can make a lower level worth more; of two that tie on
 * value, date and adoption id, the higher level).
 */
function countedAdoptions(
  best: BestOfEachLevel<AdoptionLevel>,
  stacking: 'sum' | 'highest',
): Credit<AdoptionLevel>[] {
  const reached = ADOPTION_LEVELS.map((level) => best[level]).filter((c) => c !== null);
  if (stacking === 'sum') return reached;
  let only: Credit<AdoptionLevel> | null = null;
  for (const credit of reached.reverse()) if (wins(credit, only)) only = credit;
  return only === null ? [] : [only];
}

/**
 * Evaluates a period as rules §5–§6 state it: every evaluated unit with its figures, score,
 * quota, status and rank, and the officer ranking. The same input gives the same output in any
 * order of its lists.
 */
export function evaluateByRules(input: EvaluationInput): Evaluation {
  const { scheme, period } = input;
  const range = periodRange(period.year, period.kind);
  const { start, end } = range;
  const inPeriod = (at: number): boolean => at >= start && at < end;
  const { evaluated, byId } = organise(input.units);

  // 1. Every submission once (rules §3.4, §4, §5).
  const items = new Map<string, Item>();
  const officers = new Map<string, OfficerTally>();
  const reachedMicro = toMicro(scheme.reachedBureauPoints);
  const qualityMicro = toMicro(scheme.qualityBonus);
  const lateMajorMicro = toMicro(scheme.timeliness.majorLatePenalty);
  for (const s of input.submissions) {
    const where = byId.get(s.unitId);
    if (where === undefined) continue;
    const { tally, writer } = where;
    // Review depth and returns count in the period of each review step.
    for (const approval of s.approvals ?? []) {
      if (!inPeriod(approval.at)) continue;
      tally.approvals++;
      // rules §3.4: an edit or a substantive comment makes it deep; no change and under a
      // minute from opening the full item (or never opening it) makes it a rubber stamp.
      if (isDeepReview(approval, scheme)) tally.deepApprovals++;
      if (isRubberStamped(approval, scheme)) tally.rubberStamped++;
      if (approval.durationMs !== null) tally.reviewDurations.push(approval.durationMs);
    }
    for (const r of s.returns ?? []) if (inPeriod(r.at)) tally.returned++;

    // rules §5.4: items that never reached bureau review count nowhere.
    const reached = s.submittedToBureauAt;
    if (reached === null) continue;
    for (const personId of s.authorIds) {
      if (!officers.has(personId)) officers.set(personId, newOfficerTally(personId, tally.unit));
    }
    const late = isLate(s, scheme);
    // A later item with the same id takes the adoptions that name it.
    items.set(s.id, {
      tally,
      writer,
      authorIds: s.authorIds,
      late,
      adoptions: null,
      instructions: null,
    });

    // rules §5.4: an item counts (and earns its 0.2 and its 精品) in the period in which it
    // reached bureau review.
    if (!inPeriod(reached)) continue;
    tally.submitted++;
    writer.submitted++;
    tally.categories[s.category]++;
    tally.submittedOffsetSum += reached - start;
    let micro = reachedMicro;
    tally.micro.reachedBureau += reachedMicro;
    if ((s.qualityMark ?? null) !== null) {
      tally.micro.quality += qualityMicro;
      micro += qualityMicro;
    }
    writer.itemMicro += micro;
    if (late) {
      tally.late++;
      // rules §4.3: a late major item costs its unit the 迟报 penalty.
      if (s.category === 'major') {
        tally.lateMajors++;
        tally.micro.penalties += lateMajorMicro;
      }
    }
    const share = authorShare(micro, s.authorIds.length);
    for (const personId of s.authorIds) {
      const officer = officers.get(personId)!;
      officer.items++;
      officer.submittedOffsetSum += reached - start;
      officer.micro += share;
    }
  }

  // 2. Every adoption once: per item, the best adoption of each level over all time, so that
  // the same level counts once per item however the periods fall (rules §5.3), and the best
  // leader instruction of each instruction level. An adoption of several merged items shares its
  // points among them (÷ the number of ids it names); ids of no item are skipped.
  for (const adoption of input.adoptions) {
    for (const id of adoption.submissionIds) {
      const item = items.get(id);
      if (item === undefined) continue;
      item.adoptions ??= { bureau: null, county: null, city: null, province: null, national: null };
      keepBest(item.adoptions, {
        level: adoption.level,
        micro: toMicro(adoptionPoints(adoption, item.late, scheme)),
        at: adoption.publishedAt,
        adoptionId: adoption.id,
      });
      // rules §5.4: a leader instruction arrives later and scores in the period of its date.
      const instruction = adoption.instruction ?? null;
      if (instruction !== null) {
        item.instructions ??= { county: null, city: null, province: null, national: null };
        keepBest(item.instructions, {
          level: instruction.level,
          micro: toMicro(instructionPoints(adoption, scheme)),
          at: instruction.at,
          adoptionId: adoption.id,
        });
      }
    }
  }

  // 3. Every adopted item once: its adoptions and instructions dated in the period.
  for (const item of items.values()) {
    const { tally, writer, adoptions, instructions } = item;
    if (adoptions === null) continue;
    const authors = item.authorIds.map((personId) => officers.get(personId)!);
    // rules §6.1: the counts are of items (篇) and of levels reached (篇次), whatever the
    // stacking; the stacking decides the points only.
    let adoptedHere = false;
    for (const level of ADOPTION_LEVELS) {
      const credit = adoptions[level];
      if (credit === null || !inPeriod(credit.at)) continue;
      adoptedHere = true;
      tally.adoptedByLevel[level]++;
      for (const officer of authors) officer.adoptedByLevel[level]++;
    }
    if (adoptedHere) {
      tally.adopted++;
      writer.adopted++;
      for (const officer of authors) officer.adopted++;
    }
    for (const { micro, at } of countedAdoptions(adoptions, scheme.stacking)) {
      if (!inPeriod(at)) continue;
      tally.micro.adoptions += micro;
      writer.itemMicro += micro;
      const share = authorShare(micro, authors.length);
      for (const officer of authors) officer.micro += share;
    }
    for (const level of INSTRUCTION_LEVELS) {
      const credit = instructions?.[level] ?? null;
      if (credit === null || !inPeriod(credit.at)) continue;
      tally.micro.instructions += credit.micro;
      writer.itemMicro += credit.micro;
      const share = authorShare(credit.micro, authors.length);
      for (const officer of authors) officer.micro += share;
    }
  }

  // 4. Records kept per unit, each in the period of the event it is for.
  const tallyOf = (unitId: string): UnitTally | undefined => byId.get(unitId)?.tally;
  for (const adjustment of input.adjustments ?? []) {
    const tally = tallyOf(adjustment.unitId);
    // rules §5.6: a countered adjustment stays, and its counter cancels it.
    if (tally !== undefined && inPeriod(adjustment.at)) {
      tally.micro.adjustments += toMicro(adjustment.points);
    }
  }
  const unreportedMicro = toMicro(scheme.timeliness.unreportedMajorPenalty);
  for (const unreported of input.unreportedMajors ?? []) {
    const tally = tallyOf(unreported.unitId);
    // rules §4.3: an unreported major event (瞒报/漏报) costs 20 points and disqualifies.
    if (tally !== undefined && inPeriod(unreported.eventAt)) {
      tally.unreportedMajors++;
      tally.micro.penalties += unreportedMicro;
    }
  }
  for (const incident of input.incidents ?? []) {
    const tally = tallyOf(incident.unitId);
    // rules §7.5: the on-time rate of the incidents discovered in the period.
    if (tally === undefined || !inPeriod(incident.discoveredAt)) continue;
    tally.incidents++;
    if (incident.onTime !== null) {
      tally.incidentsDecided++;
      if (incident.onTime) tally.incidentsOnTime++;
    }
  }

  return rankPeriod(input, range, evaluated, officers.values());
}

// ---------------------------------------------------------------------------------------------
// Status and rank
// ---------------------------------------------------------------------------------------------

/** The ranking keys of rules §6.3 */
export interface Rankable {
  readonly score: number;
  readonly adoptedByLevel: Readonly<Record<AdoptionLevel, number>>;
  readonly averageSubmittedAt: number | null;
  readonly name: string;
  readonly id: string;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The ranking order of rules §6.3: score (higher first), then adopted count at the highest
 * level, then earlier average submission time, then name (code-point order), then id.
 */
export function compareForRanking(a: Rankable, b: Rankable): number {
  if (a.score !== b.score) return b.score - a.score;
  for (const level of [...ADOPTION_LEVELS].reverse()) {
    const d = b.adoptedByLevel[level] - a.adoptedByLevel[level];
    if (d !== 0) return d;
  }
  const ta = a.averageSubmittedAt ?? Number.POSITIVE_INFINITY;
  const tb = b.averageSubmittedAt ?? Number.POSITIVE_INFINITY;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return compareText(a.name, b.name) || compareText(a.id, b.id);
}

/** A unit's figures before its status and rank. */
type UnitRow = Omit<UnitEvaluation, 'status' | 'reasons' | 'rank'> & {
  readonly id: string;
  readonly scoreMicro: number;
};

function unitRow(input: EvaluationInput, start: number, t: UnitTally): UnitRow {
  const { scheme, period } = input;
  const m = t.micro;
  const scoreMicro =
    m.reachedBureau + m.adoptions + m.quality + m.instructions + m.adjustments - m.penalties;
  const target = periodQuota(scheme, t.unit, period.kind) ?? { submitted: 0, adopted: 0 };
  const ratio = (actual: number, goal: number): number => (goal === 0 ? 1 : actual / goal);
  const quota: QuotaCompletion = {
    target,
    submitted: t.submitted,
    adopted: t.adopted,
    completion: Math.min(ratio(t.submitted, target.submitted), ratio(t.adopted, target.adopted)),
    met: t.submitted >= target.submitted && t.adopted >= target.adopted,
  };
  const writers: UnitFigures[] = t.writers.map((w) => ({
    unitId: w.unit.id,
    name: w.unit.name,
    submitted: w.submitted,
    adopted: w.adopted,
    itemPoints: fromMicro(w.itemMicro),
  }));
  return {
    unitId: t.unit.id,
    id: t.unit.id,
    name: t.unit.name,
    kind: t.unit.kind === 'township_center' ? 'township_center' : 'direct_unit',
    submitted: t.submitted,
    adopted: t.adopted,
    adoptedByLevel: { ...t.adoptedByLevel },
    late: t.late,
    returned: t.returned,
    categories: { ...t.categories },
    approvals: t.approvals,
    reviewDepth: t.approvals === 0 ? null : t.deepApprovals / t.approvals,
    rubberStamped: t.rubberStamped,
    medianMinutesToApprove: medianMinutes(t.reviewDurations),
    lateMajors: t.lateMajors,
    unreportedMajors: t.unreportedMajors,
    scoreMicro,
    score: fromMicro(scoreMicro),
    breakdown: {
      reachedBureau: fromMicro(m.reachedBureau),
      adoptions: fromMicro(m.adoptions),
      quality: fromMicro(m.quality),
      instructions: fromMicro(m.instructions),
      adjustments: fromMicro(m.adjustments),
      penalties: fromMicro(m.penalties),
    },
    quota,
    averageSubmittedAt: t.submitted === 0 ? null : start + t.submittedOffsetSum / t.submitted,
    incidents: t.incidents,
    incidentOnTimeRate: t.incidentsDecided === 0 ? null : t.incidentsOnTime / t.incidentsDecided,
    writers,
  };
}

/** Whether a unit was merged away (撤并) before `end` (rules §6.2). */
function mergedBefore(unit: Unit, end: number): boolean {
  return (
    unit.deactivatedAt !== undefined && unit.deactivatedAt !== null && unit.deactivatedAt < end
  );
}

/** A status reason with its parameters and its message in Simplified Chinese. */
function reason<K extends StatusReasonCode>(
  code: K,
  ...[params]: [keyof StatusReasonParams<K>] extends [never] ? [] : [params: StatusReasonParams<K>]
): StatusReason {
  const values: Readonly<Record<string, ParamValue>> = params ?? {};
  return { code, params: values, message: formatStatusReason({ code, params: values }, 'zh-CN') };
}

/** rules §6.2: zero items submitted, or an unreported major event, disqualifies. */
function disqualifiedReasons(row: UnitRow): StatusReason[] {
  const reasons: StatusReason[] = [];
  if (row.submitted === 0) reasons.push(reason('ZERO_SUBMISSIONS'));
  if (row.unreportedMajors > 0) {
    reasons.push(reason('UNREPORTED_MAJOR', { count: row.unreportedMajors }));
  }
  return reasons;
}

function toUnitEvaluation(
  row: UnitRow,
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
    medianMinutesToApprove: row.medianMinutesToApprove,
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

/**
 * rules §6.2–6.4: statuses and ranks from the counted figures. Ranks go to the units that are not
 * disqualified, by score; disqualified units follow without a rank. Of the ranked units, those
 * that met their quota with a score above zero are commended, the top N of them (5 for a
 * half-year, 10 for the year by default); a unit short of its quota is criticised. The same
 * order ranks the officers, the top N of them (10 by default, with a score above zero) named
 * 优秀信息员. Both the rules and the engine end here.
 */
export function rankPeriod(
  input: EvaluationInput,
  range: { readonly start: number; readonly end: number },
  units: readonly UnitTally[],
  officers: Iterable<OfficerTally>,
): Evaluation {
  const { scheme, period } = input;
  const { start } = range;
  // rules §6.2: a unit merged away (撤并) before the period ends is listed only when it has
  // items in the period, and then neither ranked, rated nor disqualified.
  const rows: UnitRow[] = [];
  const merged: UnitRow[] = [];
  for (const t of units) {
    const row = unitRow(input, start, t);
    if (!mergedBefore(t.unit, range.end)) rows.push(row);
    else if (row.submitted > 0 || row.adopted > 0) merged.push(row);
  }
  const ranked: UnitRow[] = [];
  const disqualified: UnitRow[] = [];
  for (const row of rows) (disqualifiedReasons(row).length > 0 ? disqualified : ranked).push(row);
  ranked.sort(compareForRanking);
  disqualified.sort(compareForRanking);
  const topN = period.kind === 'Y' ? scheme.commend.yearTopN : scheme.commend.halfYearTopN;
  let commendedSoFar = 0;
  // Whether a unit ranked above the current one missed its quota: "top N" is then read among
  // the units that met theirs, and the reason says so.
  let missedAbove = false;
  const results: UnitEvaluation[] = [];
  ranked.forEach((row, index) => {
    let status: UnitStatus;
    let why: StatusReason;
    if (!row.quota.met) {
      status = 'criticised';
      why = reason('QUOTA_NOT_MET', {
        submitted: row.quota.submitted,
        submittedTarget: row.quota.target.submitted,
        adopted: row.quota.adopted,
        adoptedTarget: row.quota.target.adopted,
      });
      missedAbove = true;
    } else if (row.scoreMicro <= 0) {
      status = 'ok';
      why = reason('SCORE_NOT_POSITIVE');
    } else if (commendedSoFar < topN) {
      commendedSoFar++;
      status = 'commended';
      why = reason(missedAbove ? 'TOP_N_OF_QUALIFIED' : 'TOP_N', { topN });
    } else {
      status = 'ok';
      why = reason('NOT_IN_TOP_N', { topN });
    }
    results.push(toUnitEvaluation(row, status, [why], index + 1));
  });
  for (const row of disqualified) {
    results.push(toUnitEvaluation(row, 'disqualified', disqualifiedReasons(row), null));
  }
  merged.sort(compareForRanking);
  for (const row of merged) {
    results.push({
      ...toUnitEvaluation(row, 'ok', [reason('DEACTIVATED')], null),
      deactivated: true,
    });
  }
  return {
    period,
    range,
    schemeYear: scheme.year,
    schemeVersion: scheme.version,
    units: results,
    officers: rankOfficers(input, start, officers),
  };
}

/** The officer ranking: authors with items or points in the period, in the order of §3.5. */
function rankOfficers(
  input: EvaluationInput,
  start: number,
  officers: Iterable<OfficerTally>,
): OfficerEvaluation[] {
  const peopleById = new Map<string, Person>();
  for (const p of input.people) peopleById.set(p.id, p);
  const rows = [];
  for (const o of officers) {
    const score = fromMicro(o.micro);
    if (o.items === 0 && score === 0) continue;
    const person = peopleById.get(o.personId);
    rows.push({
      id: o.personId,
      personId: o.personId,
      // An author missing from `people` is named by id, under the unit of their items.
      name: person?.name ?? o.personId,
      unitId: person?.unitId ?? o.firstUnit.id,
      items: o.items,
      adopted: o.adopted,
      adoptedByLevel: { ...o.adoptedByLevel },
      score,
      averageSubmittedAt: o.items === 0 ? null : start + o.submittedOffsetSum / o.items,
    });
  }
  rows.sort(compareForRanking);
  const topN = input.scheme.commend.officerTopN;
  return rows.map((row, index) => ({
    personId: row.personId,
    name: row.name,
    unitId: row.unitId,
    items: row.items,
    adopted: row.adopted,
    adoptedByLevel: row.adoptedByLevel,
    score: row.score,
    rank: index + 1,
    commended: index < topN && row.score > 0,
  }));
}
