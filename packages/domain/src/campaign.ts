/**
 * The newspaper and periodical subscription campaign (报刊征订发行, rules §8): the year's
 * catalogue, the caps that protect schools and families from forced subscriptions (减负),
 * per-unit targets, recording a subscription, progress metrics and the assignment of
 * townships to bureau or postal staff (分包).
 *
 * Money is kept in integer fen (分, 1/100 yuan) so that sums and caps are exact.
 * Times are epoch milliseconds; days and weeks are cut in Asia/Shanghai, which is UTC+8
 * all year (no daylight saving since 1991), so a fixed offset is exact.
 */
import { choiceOf, type ActionChoice } from './actions.js';
import { BUREAU_ROLES, type Person, type Unit } from './org.js';
import type { ErrorParams } from './messages.js';
import { domainError, err, ok, type DomainError, type Result } from './result.js';

const DAY = 86_400_000;
// Asia/Shanghai: fixed UTC+8, no daylight saving since 1991.
const SHANGHAI_OFFSET = 8 * 3_600_000;

/** `party` 党报党刊, `education` 教育类, `student` 学生读物. */
export const PUBLICATION_CATEGORIES = ['party', 'education', 'student'] as const;
/** The kind of a publication in the catalogue. */
export type PublicationCategory = (typeof PUBLICATION_CATEGORIES)[number];

/** One title of the year's catalogue. */
export interface CatalogueEntry {
  readonly id: string;
  readonly title: string;
  /** 邮发代号, e.g. `36-12`. */
  readonly postalCode: string;
  readonly publisher: string;
  readonly category: PublicationCategory;
  /** Yearly subscription price of one copy, in fen. */
  readonly yearlyPriceFen: number;
  /** 推荐导读: shown first to units. */
  readonly recommended: boolean;
  /** 必订: every unit is expected to subscribe (never a student title). */
  readonly required: boolean;
  /** 公费订阅: may be paid from public funds. */
  readonly publicFundEligible: boolean;
}

/** The catalogue of one campaign year. */
export interface Catalogue {
  readonly year: number;
  readonly entries: readonly CatalogueEntry[];
}

/** 邮发代号: one or two digits (the province), a hyphen, and a serial number, e.g. `36-12`. */
export const POSTAL_CODE_PATTERN = /^\d{1,2}-\d{1,4}$/;

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * Validates a catalogue read from a form or a spreadsheet import. Returns every problem at
 * once, each with the `path` of the offending field (`entries[2].postalCode`). A student
 * title marked required is refused: rules §8.1 forbids mandatory student subscriptions.
 *
 * @example
 * ```ts
 * const catalogue = validateCatalogue({
 *   year: 2027,
 *   entries: [{ id: 'rmrb', title: '人民日报', postalCode: '1-1', publisher: '人民日报社', category: 'party',
 *     yearlyPriceFen: 49_800, recommended: true, required: true, publicFundEligible: true }],
 * });
 * if (!catalogue.ok) catalogue.error.map((e) => `${e.path}: ${e.message}`); // every problem, e.g. entries[0].postalCode
 * ```
 */
export function validateCatalogue(input: unknown): Result<Catalogue, readonly DomainError[]> {
  const errors: DomainError[] = [];
  const invalid = (
    path: string,
    params: ErrorParams<'CAMPAIGN.INVALID_CATALOGUE'>,
    details?: Record<string, unknown>,
  ): void => {
    errors.push(
      domainError('CAMPAIGN.INVALID_CATALOGUE', {
        path,
        params,
        ...(details !== undefined ? { details } : {}),
      }),
    );
  };
  if (!isRecord(input)) {
    invalid('', { rule: 'format' });
    return err(errors);
  }
  const year = input['year'];
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > 2100) {
    invalid('year', { rule: 'year' });
  }
  const rawEntries = input['entries'];
  if (!Array.isArray(rawEntries)) {
    invalid('entries', { rule: 'entries' });
    return err(errors);
  }

  const entries: CatalogueEntry[] = [];
  const seenIds = new Map<string, number>();
  const seenCodes = new Map<string, number>();
  rawEntries.forEach((raw: unknown, i: number) => {
    const at = (field: string): string => `entries[${i}]${field === '' ? '' : `.${field}`}`;
    if (!isRecord(raw)) {
      invalid(at(''), { rule: 'entry' });
      return;
    }
    const before = errors.length;
    const { id, title, postalCode, publisher, category, yearlyPriceFen } = raw;
    const firstId = nonEmptyString(id) ? seenIds.get(id.trim()) : undefined;
    if (!nonEmptyString(id)) invalid(at('id'), { rule: 'id_required' });
    else if (firstId !== undefined) {
      const firstAt = `entries[${firstId}]`;
      invalid(at('id'), { rule: 'id_duplicate', firstAt }, { firstAt });
    } else seenIds.set(id.trim(), i);
    if (!nonEmptyString(title)) invalid(at('title'), { rule: 'title_required' });
    const firstCode = typeof postalCode === 'string' ? seenCodes.get(postalCode.trim()) : undefined;
    if (typeof postalCode !== 'string' || !POSTAL_CODE_PATTERN.test(postalCode.trim())) {
      invalid(at('postalCode'), { rule: 'postal_code_format' }, { value: postalCode });
    } else if (firstCode !== undefined) {
      const firstAt = `entries[${firstCode}]`;
      invalid(at('postalCode'), { rule: 'postal_code_duplicate', firstAt }, { firstAt });
    } else seenCodes.set(postalCode.trim(), i);
    if (!nonEmptyString(publisher)) invalid(at('publisher'), { rule: 'publisher_required' });
    const cat = PUBLICATION_CATEGORIES.find((c) => c === category);
    if (cat === undefined) {
      invalid(at('category'), { rule: 'category' }, { allowed: PUBLICATION_CATEGORIES });
    }
    if (
      typeof yearlyPriceFen !== 'number' ||
      !Number.isSafeInteger(yearlyPriceFen) ||
      yearlyPriceFen <= 0
    ) {
      invalid(at('yearlyPriceFen'), { rule: 'price' }, { value: yearlyPriceFen });
    }
    const flags = ['recommended', 'required', 'publicFundEligible'] as const;
    for (const flag of flags) {
      if (raw[flag] !== undefined && typeof raw[flag] !== 'boolean')
        invalid(at(flag), { rule: 'flag' });
    }
    const required = raw['required'] === true;
    if (cat === 'student' && required) {
      // rules §8.2: no student subscription may be mandatory (减负).
      errors.push(
        domainError('CAMPAIGN.STUDENT_MANDATORY', {
          path: at('required'),
          params: { in: 'catalogue' },
        }),
      );
    }
    if (errors.length === before && cat !== undefined) {
      entries.push({
        id: String(id).trim(),
        title: String(title).trim(),
        postalCode: String(postalCode).trim(),
        publisher: String(publisher).trim(),
        category: cat,
        yearlyPriceFen: Number(yearlyPriceFen),
        recommended: raw['recommended'] === true,
        required,
        publicFundEligible: raw['publicFundEligible'] === true,
      });
    }
  });
  if (errors.length > 0) return err(errors);
  return ok({ year: Number(year), entries });
}

/** The year's campaign settings; part of the scheme and editable per year. */
export interface CampaignSettings {
  readonly year: number;
  /** When the subscription drive ends. */
  readonly deadline: number;
  /** Copies per staff member each unit should reach (default 0.3). */
  readonly perCapitaTarget: number;
  /** The most a unit may spend from public funds (公费), in fen; a target may override it. */
  readonly publicFundCapFen: number;
  /** A unit below this share of its target is lagging (default 0.5). */
  readonly laggingShare: number;
  /** How long before the deadline lagging units are flagged (default 14 days). */
  readonly laggingLeadMs: number;
}

/**
 * The default numbers of rules §8.3, §8.5: 0.3 copies per staff member; lagging means below 50 %
 * of target two weeks before the deadline. The year, the deadline and the public-fund cap
 * have no sensible default and are set by the bureau.
 */
export const defaultCampaignRules = {
  perCapitaTarget: 0.3,
  laggingShare: 0.5,
  laggingLeadMs: 14 * DAY,
} as const satisfies Partial<CampaignSettings>;

/** A unit's targets. Units without one get the defaults. */
export interface CampaignTarget {
  /** A township center (its schools count with it) or a direct unit. */
  readonly unitId: string;
  /**
   * Copies of each required title (catalogue entry id → copies). A required title not
   * listed is due once for every unit counted (the center and each of its schools).
   */
  readonly requiredCopies?: Readonly<Record<string, number>>;
  /** Overrides the per-capita target. */
  readonly perCapitaTarget?: number;
  /** Overrides the public-fund cap of this unit, in fen. */
  readonly publicFundCapFen?: number;
  /** Overrides the campaign deadline for this unit. */
  readonly deadline?: number;
}

function isFiniteNonNegative(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isMoney(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * Validates the campaign settings entered by a bureau admin, filling the defaults of
 * {@link defaultCampaignRules} for the numbers left out. Every problem comes with its path.
 *
 * @example
 * ```ts
 * const settings = validateCampaignSettings({ year: 2027, deadline, publicFundCapFen: 500_000 });
 * if (settings.ok) settings.value.perCapitaTarget; // 0.3, the default filled in
 * ```
 */
export function validateCampaignSettings(
  input: unknown,
): Result<CampaignSettings, readonly DomainError[]> {
  if (!isRecord(input)) {
    return err([
      domainError('CAMPAIGN.INVALID_SETTINGS', { path: '', params: { field: 'settings' } }),
    ]);
  }
  const errors: DomainError[] = [];
  const invalid = (
    field: Exclude<ErrorParams<'CAMPAIGN.INVALID_SETTINGS'>['field'], 'settings'>,
  ): void => {
    errors.push(domainError('CAMPAIGN.INVALID_SETTINGS', { path: field, params: { field } }));
  };
  const merged: Readonly<Record<string, unknown>> = { ...defaultCampaignRules, ...input };
  const { year, deadline, perCapitaTarget, publicFundCapFen, laggingShare, laggingLeadMs } = merged;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > 2100) {
    invalid('year');
  }
  if (typeof deadline !== 'number' || !Number.isSafeInteger(deadline) || deadline < 0) {
    invalid('deadline');
  }
  if (!isFiniteNonNegative(perCapitaTarget)) invalid('perCapitaTarget');
  if (!isMoney(publicFundCapFen)) invalid('publicFundCapFen');
  if (!isFiniteNonNegative(laggingShare) || laggingShare > 1) invalid('laggingShare');
  if (!isFiniteNonNegative(laggingLeadMs)) invalid('laggingLeadMs');
  if (errors.length > 0) return err(errors);
  return ok({
    year: Number(year),
    deadline: Number(deadline),
    perCapitaTarget: Number(perCapitaTarget),
    publicFundCapFen: Number(publicFundCapFen),
    laggingShare: Number(laggingShare),
    laggingLeadMs: Number(laggingLeadMs),
  });
}

/**
 * Checks per-unit targets against the organisation and the catalogue: each target is for a
 * township center or a direct unit, at most once; required copies are whole, non-negative
 * and only for required titles; overrides are non-negative. Every problem comes with its
 * path (`[1].requiredCopies.party`).
 *
 * @example
 * ```ts
 * const targets = validateCampaignTargets([{ unitId: 'hexi', perCapitaTarget: 0.5 }], { units, catalogue });
 * if (!targets.ok) targets.error[0]?.path; // e.g. '[0].unitId' for a unit that is not a township center or direct unit
 * ```
 */
export function validateCampaignTargets(
  targets: readonly CampaignTarget[],
  context: { readonly units: readonly Unit[]; readonly catalogue: Catalogue },
): Result<readonly CampaignTarget[], readonly DomainError[]> {
  const errors: DomainError[] = [];
  const invalid = (path: string, rule: ErrorParams<'CAMPAIGN.INVALID_TARGET'>['rule']): void => {
    errors.push(domainError('CAMPAIGN.INVALID_TARGET', { path, params: { rule } }));
  };
  const seen = new Set<string>();
  targets.forEach((t, i) => {
    const unit = context.units.find((u) => u.id === t.unitId);
    if (unit === undefined || (unit.kind !== 'township_center' && unit.kind !== 'direct_unit')) {
      invalid(`[${i}].unitId`, 'unit_kind');
    } else if (seen.has(t.unitId)) {
      invalid(`[${i}].unitId`, 'unit_duplicate');
    }
    seen.add(t.unitId);
    for (const [titleId, copies] of Object.entries(t.requiredCopies ?? {})) {
      const entry = context.catalogue.entries.find((e) => e.id === titleId);
      if (entry === undefined || !entry.required) {
        invalid(`[${i}].requiredCopies.${titleId}`, 'not_required_title');
      } else if (!Number.isSafeInteger(copies) || copies < 0) {
        invalid(`[${i}].requiredCopies.${titleId}`, 'copies');
      }
    }
    if (t.perCapitaTarget !== undefined && !isFiniteNonNegative(t.perCapitaTarget)) {
      invalid(`[${i}].perCapitaTarget`, 'perCapitaTarget');
    }
    if (t.publicFundCapFen !== undefined && !isMoney(t.publicFundCapFen)) {
      invalid(`[${i}].publicFundCapFen`, 'publicFundCapFen');
    }
    if (t.deadline !== undefined && (!Number.isSafeInteger(t.deadline) || t.deadline < 0)) {
      invalid(`[${i}].deadline`, 'deadline');
    }
  });
  return errors.length > 0 ? err(errors) : ok(targets);
}

/** `public` 公费 / `self` 自费. */
export const FUND_SOURCES = ['public', 'self'] as const;
/** Who pays for a subscription. */
export type FundSource = (typeof FUND_SOURCES)[number];

/** A recorded subscription. */
export interface SubscriptionRecord {
  readonly id: string;
  readonly unitId: string;
  /** The catalogue entry subscribed to. */
  readonly titleId: string;
  readonly copies: number;
  readonly fundSource: FundSource;
  /** Whether the unit subscribed as a mandatory (统一征订) order. */
  readonly mandatory: boolean;
  readonly recordedBy: string;
  readonly recordedAt: number;
}

/** A subscription as entered, before {@link recordSubscription} checks it. */
export interface SubscriptionInput {
  readonly id: string;
  readonly unitId: string;
  readonly titleId: string;
  readonly copies: number;
  readonly fundSource: string;
  readonly mandatory?: boolean;
}

/** 分包: a township (or direct unit) assigned to a bureau or postal staff member. */
export interface CampaignAssignment {
  readonly unitId: string;
  readonly personId: string;
}

/** Everything the campaign rules look at, as loaded by the app. */
export interface CampaignState {
  readonly settings: CampaignSettings;
  readonly catalogue: Catalogue;
  readonly units: readonly Unit[];
  readonly targets: readonly CampaignTarget[];
  readonly records: readonly SubscriptionRecord[];
  readonly assignments: readonly CampaignAssignment[];
}

const UNIT_RECORDER_ROLES = ['head', 'deputy', 'officer'] as const;

function holdsAny(person: Person, roles: readonly string[]): boolean {
  return person.roles.some((r) => roles.includes(r));
}

function assignedTo(
  actor: Person,
  unit: Unit,
  assignments: readonly CampaignAssignment[],
): boolean {
  return assignments.some(
    (a) => a.personId === actor.id && (a.unitId === unit.id || a.unitId === unit.parentId),
  );
}

/**
 * Whether `actor` may record subscriptions for `unit`: bureau admins for any unit; the
 * staff member a township is assigned to (分包) for it and its schools; a unit's own head,
 * deputy or officer; and a township center's for its schools.
 *
 * @example
 * ```ts
 * canRecordFor(townshipOfficer, school, assignments); // true: a township center records for its schools
 * canRecordFor(schoolOfficer, otherSchool, assignments); // false
 * ```
 */
export function canRecordFor(
  actor: Person,
  unit: Unit,
  assignments: readonly CampaignAssignment[],
): boolean {
  if (!actor.active || unit.kind === 'bureau') return false;
  if (actor.roles.includes('admin')) return true;
  if (assignedTo(actor, unit, assignments)) return true;
  if (!holdsAny(actor, UNIT_RECORDER_ROLES)) return false;
  return actor.unitId === unit.id || (unit.kind === 'school' && actor.unitId === unit.parentId);
}

/**
 * Whether `actor` may see the campaign progress of `unit`: everyone who may record for it,
 * and bureau reviewers and leaders for every unit.
 *
 * @example
 * ```ts
 * canViewFor(bureauReviewer, anyUnit, assignments); // true: reviewers and leaders see every unit's progress
 * ```
 */
export function canViewFor(
  actor: Person,
  unit: Unit,
  assignments: readonly CampaignAssignment[],
): boolean {
  if (canRecordFor(actor, unit, assignments)) return true;
  return actor.active && holdsAny(actor, ['reviewer', 'leader']) && unit.kind !== 'bureau';
}

/**
 * The units a staff member covers through assignments: each assigned unit and its schools.
 *
 * @example
 * ```ts
 * // A postal staff member assigned 河西镇中心校 (分包) covers it and its schools.
 * unitsAssignedTo('post-1', [{ unitId: 'hexi', personId: 'post-1' }], units).map((u) => u.id); // ['hexi', 'hexi-1']
 * ```
 */
export function unitsAssignedTo(
  personId: string,
  assignments: readonly CampaignAssignment[],
  units: readonly Unit[],
): readonly Unit[] {
  const assigned = new Set(assignments.filter((a) => a.personId === personId).map((a) => a.unitId));
  return units.filter(
    (u) =>
      assigned.has(u.id) ||
      (u.kind === 'school' && u.parentId !== null && assigned.has(u.parentId)),
  );
}

/** What can be done with a campaign: change it (settings, catalogue, targets), assign, record. */
export const CAMPAIGN_ACTIONS = ['edit', 'assign', 'record'] as const;
/** One of {@link CAMPAIGN_ACTIONS}. */
export type CampaignAction = (typeof CAMPAIGN_ACTIONS)[number];

/**
 * Why `actor` may not change the campaign or assign its units, or null when they may: the
 * bureau sets the campaign, its catalogue and its targets (rules §8.1–§8.3; administrators),
 * and a bureau leader or admin assigns (rules §8.4). {@link assignCampaignUnit} uses the same
 * guard, and the app uses it before every change.
 *
 * @example
 * ```ts
 * campaignRefusal('edit', bureauReviewer)?.code; // 'CAMPAIGN.NOT_PERMITTED'
 * campaignRefusal('assign', bureauLeader); // null
 * ```
 */
export function campaignRefusal(action: 'edit' | 'assign', actor: Person): DomainError | null {
  const may = action === 'edit' ? ['admin'] : ['admin', 'leader'];
  if (actor.active && holdsAny(actor, may)) return null;
  return domainError('CAMPAIGN.NOT_PERMITTED', { params: { action } });
}

/**
 * The units `actor` may record subscriptions for in this campaign (rules §8.4), as the unit
 * choice of a record form offers them.
 *
 * @example
 * ```ts
 * recordableUnits(state, townshipOfficer).map((u) => u.id); // the township center and its schools
 * ```
 */
export function recordableUnits(state: CampaignState, actor: Person): readonly Unit[] {
  return state.units.filter((u) => canRecordFor(actor, u, state.assignments));
}

/**
 * What `actor` may do with the campaign now, and why not the rest (rules §8.4). Changing and
 * assigning are offered to bureau people only (a unit never sets a campaign, so saying why
 * would be noise); recording is allowed when there is at least one unit the actor may record
 * for, and otherwise refused with who records instead.
 *
 * @example
 * ```ts
 * campaignActions(state, bureauReviewer).refused.map((r) => r.action); // ['edit', 'assign', 'record']
 * campaignActions(state, schoolOfficer).allowed; // ['record']
 * ```
 */
export function campaignActions(state: CampaignState, actor: Person): ActionChoice<CampaignAction> {
  const bureau = BUREAU_ROLES.some((role) => actor.roles.includes(role));
  const record =
    recordableUnits(state, actor).length > 0
      ? null
      : domainError('CAMPAIGN.NOT_PERMITTED', { params: { action: 'record_any' } });
  return choiceOf<CampaignAction>(
    [
      ...(bureau
        ? ([
            ['edit', campaignRefusal('edit', actor)],
            ['assign', campaignRefusal('assign', actor)],
          ] as const)
        : []),
      ['record', record],
    ],
    () => false,
  );
}

/**
 * Whether `actor` may record for one campaign unit (a row of the progress table). For
 * someone who may record for no unit at all the row offers nothing: the campaign's own
 * actions say why once ({@link campaignActions}).
 *
 * @example
 * ```ts
 * campaignUnitActions(state, 'hexi', hexiOfficer).allowed; // ['record']
 * campaignUnitActions(state, 'dongcheng', hexiOfficer).refused[0]?.error.code; // 'CAMPAIGN.NOT_PERMITTED'
 * ```
 */
export function campaignUnitActions(
  state: CampaignState,
  unitId: string,
  actor: Person,
): ActionChoice<'record'> {
  const unit = state.units.find((u) => u.id === unitId);
  if (unit === undefined || recordableUnits(state, actor).length === 0) {
    return { allowed: [], refused: [] };
  }
  return choiceOf<'record'>(
    [
      [
        'record',
        canRecordFor(actor, unit, state.assignments)
          ? null
          : domainError('CAMPAIGN.NOT_PERMITTED', { params: { action: 'record' } }),
      ],
    ],
    () => false,
  );
}

/**
 * Assigns a township center or a direct unit to a staff member (分包), replacing any earlier
 * assignee of that unit. Only bureau admins and leaders assign.
 *
 * @example
 * ```ts
 * const assigned = assignCampaignUnit(state.assignments, { unitId: 'hexi', personId: 'post-1' }, { units, people }, admin);
 * if (assigned.ok) state = { ...state, assignments: assigned.value };
 * ```
 */
export function assignCampaignUnit(
  assignments: readonly CampaignAssignment[],
  assignment: CampaignAssignment,
  context: { readonly units: readonly Unit[]; readonly people: readonly Person[] },
  actor: Person,
): Result<readonly CampaignAssignment[], readonly DomainError[]> {
  const errors: DomainError[] = [];
  const refused = campaignRefusal('assign', actor);
  if (refused !== null) errors.push(refused);
  const unit = context.units.find((u) => u.id === assignment.unitId);
  if (unit === undefined || (unit.kind !== 'township_center' && unit.kind !== 'direct_unit')) {
    errors.push(
      domainError('CAMPAIGN.UNKNOWN_UNIT', { path: 'unitId', params: { action: 'assign' } }),
    );
  }
  const person = context.people.find((p) => p.id === assignment.personId);
  if (person === undefined || !person.active) {
    errors.push(domainError('CAMPAIGN.UNKNOWN_PERSON', { path: 'personId' }));
  }
  if (errors.length > 0) return err(errors);
  return ok([...assignments.filter((a) => a.unitId !== assignment.unitId), assignment]);
}

function priceOf(state: CampaignState, titleId: string): number {
  return state.catalogue.entries.find((e) => e.id === titleId)?.yearlyPriceFen ?? 0;
}

/**
 * The amount of a record, in fen (copies × yearly price).
 *
 * @example
 * ```ts
 * // 2 copies of a title at ¥498 a year:
 * subscriptionAmountFen(record, catalogue); // 99_600 (fen)
 * ```
 */
export function subscriptionAmountFen(record: SubscriptionRecord, catalogue: Catalogue): number {
  return (
    record.copies * (catalogue.entries.find((e) => e.id === record.titleId)?.yearlyPriceFen ?? 0)
  );
}

/**
 * The public-fund cap of a unit: its target's override, else the campaign's.
 *
 * @example
 * ```ts
 * publicFundCapOf(state, 'hexi'); // the target's override for the unit, else settings.publicFundCapFen
 * ```
 */
export function publicFundCapOf(state: CampaignState, unitId: string): number {
  return (
    state.targets.find((t) => t.unitId === unitId)?.publicFundCapFen ??
    state.settings.publicFundCapFen
  );
}

/**
 * Checks and records a subscription. Refused, each with its own code: copies that are not a
 * positive whole number (`CAMPAIGN.INVALID_COPIES`), an unknown title or unit, an actor who
 * may not record for the unit, a student title recorded as mandatory
 * (`CAMPAIGN.STUDENT_MANDATORY`), public funds for a title not eligible for them
 * (`CAMPAIGN.NOT_PUBLIC_FUND_ELIGIBLE`), and a public-fund amount above the unit's cap
 * (`CAMPAIGN.OVER_CAP`, with `cap`, `already` and `attempted` in fen).
 *
 * @example
 * ```ts
 * const recorded = recordSubscription(state, { id: 'r1', unitId: 'hexi', titleId: 'rmrb', copies: 2, fundSource: 'public' }, officer, now);
 * if (recorded.ok) state = recorded.value.state;
 * else recorded.error.map((e) => e.code); // e.g. ['CAMPAIGN.OVER_CAP'] with its cap, already and attempted in fen
 * ```
 */
export function recordSubscription(
  state: CampaignState,
  input: SubscriptionInput,
  actor: Person,
  now: number,
): Result<
  { readonly record: SubscriptionRecord; readonly state: CampaignState },
  readonly DomainError[]
> {
  const errors: DomainError[] = [];
  if (input.id.trim() === '' || state.records.some((r) => r.id === input.id)) {
    errors.push(domainError('CAMPAIGN.DUPLICATE_RECORD', { path: 'id' }));
  }
  const copiesValid = Number.isSafeInteger(input.copies) && input.copies > 0;
  if (!copiesValid) {
    errors.push(
      domainError('CAMPAIGN.INVALID_COPIES', {
        path: 'copies',
        details: { copies: input.copies },
      }),
    );
  }
  const fundSource = FUND_SOURCES.find((f) => f === input.fundSource);
  if (fundSource === undefined) {
    errors.push(
      domainError('CAMPAIGN.INVALID_FUND_SOURCE', {
        path: 'fundSource',
        details: { allowed: FUND_SOURCES },
      }),
    );
  }
  const entry = state.catalogue.entries.find((e) => e.id === input.titleId);
  if (entry === undefined) {
    errors.push(domainError('CAMPAIGN.UNKNOWN_TITLE', { path: 'titleId' }));
  }
  const found = state.units.find((u) => u.id === input.unitId);
  const unit = found === undefined || found.kind === 'bureau' ? undefined : found;
  if (unit === undefined) {
    errors.push(
      domainError('CAMPAIGN.UNKNOWN_UNIT', { path: 'unitId', params: { action: 'record' } }),
    );
  } else if (!canRecordFor(actor, unit, state.assignments)) {
    errors.push(
      domainError('CAMPAIGN.NOT_PERMITTED', {
        params: { action: 'record' },
        details: { actorId: actor.id, unitId: unit.id },
      }),
    );
  }
  const mandatory = input.mandatory ?? false;
  // A catalogue that slipped past validation must not make a student title mandatory either.
  if (entry?.category === 'student' && (mandatory || entry.required)) {
    // rules §8.2: schools and families are protected from forced student subscriptions.
    errors.push(
      domainError('CAMPAIGN.STUDENT_MANDATORY', {
        path: 'mandatory',
        params: { in: 'record' },
        details: { titleId: entry.id },
      }),
    );
  }
  if (fundSource === 'public' && entry !== undefined) {
    if (!entry.publicFundEligible) {
      errors.push(
        domainError('CAMPAIGN.NOT_PUBLIC_FUND_ELIGIBLE', {
          path: 'fundSource',
          details: { titleId: entry.id },
        }),
      );
    } else if (unit !== undefined && copiesValid) {
      const attempted = input.copies * entry.yearlyPriceFen;
      const cap = publicFundCapOf(state, unit.id);
      const already = state.records
        .filter((r) => r.unitId === unit.id && r.fundSource === 'public')
        .reduce((sum, r) => sum + r.copies * priceOf(state, r.titleId), 0);
      if (already + attempted > cap) {
        errors.push(
          domainError('CAMPAIGN.OVER_CAP', {
            path: 'copies',
            params: { cap, already, attempted },
            details: { cap, already, attempted },
          }),
        );
      }
    }
  }
  if (errors.length > 0 || fundSource === undefined || entry === undefined || unit === undefined) {
    return err(errors);
  }
  const record: SubscriptionRecord = {
    id: input.id,
    unitId: unit.id,
    titleId: entry.id,
    copies: input.copies,
    fundSource,
    mandatory,
    recordedBy: actor.id,
    recordedAt: now,
  };
  return ok({ record, state: { ...state, records: [...state.records, record] } });
}

/** Progress on one required title. */
export interface RequiredTitleProgress {
  readonly titleId: string;
  readonly target: number;
  readonly copies: number;
}

/** The progress of one campaign unit (a township with its schools, or a direct unit). */
export interface UnitCampaignProgress {
  readonly unitId: string;
  readonly name: string;
  /** The units whose records count here: the unit and, for a township center, its schools. */
  readonly memberUnitIds: readonly string[];
  readonly staffCount: number;
  readonly copies: number;
  readonly amountFen: number;
  readonly publicAmountFen: number;
  /** Copies per staff member; null without staff. */
  readonly perCapitaCopies: number | null;
  /** Whole copies needed to reach the per-capita target. */
  readonly perCapitaTargetCopies: number;
  readonly required: readonly RequiredTitleProgress[];
  /** Share of required copies reached (each title counted up to its target); null if none. */
  readonly requiredCompletion: number | null;
  /** Copies over the per-capita target copies (may exceed 1); null without a target. */
  readonly perCapitaCompletion: number | null;
  /**
   * Target completion: the lower of the two completions, so both targets must be met;
   * null when the unit has no target at all.
   */
  readonly completion: number | null;
  /** 1-based place in the ranking; null for units without a target (listed last). */
  readonly rank: number | null;
  readonly lagging: boolean;
}

/** How uneven the townships are (进展不平衡). */
export interface TownshipSpread {
  readonly count: number;
  readonly min: number;
  readonly max: number;
  /** max − min completion. */
  readonly range: number;
  readonly mean: number;
  /** Population standard deviation of the completions. */
  readonly standardDeviation: number;
  readonly minUnitId: string;
  readonly maxUnitId: string;
}

/** The campaign at a moment: totals, the ranked units, the lagging ones and the spread. */
export interface CampaignMetrics {
  readonly asOf: number;
  readonly totals: {
    readonly copies: number;
    readonly amountFen: number;
    readonly publicAmountFen: number;
    readonly staffCount: number;
    readonly perCapitaCopies: number | null;
  };
  /** Campaign units in rank order. */
  readonly units: readonly UnitCampaignProgress[];
  /** Ids of the lagging units, in rank order. */
  readonly lagging: readonly string[];
  /** Spread between township centers with a target; null when there are none. */
  readonly townshipSpread: TownshipSpread | null;
}

/** Whole copies for a fractional target; tolerant of floating-point noise (0.3 × 10). */
function wholeCopies(x: number): number {
  return Math.max(0, Math.ceil(x - 1e-9));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The campaign as it stands at `now`, counting the records made up to then. Campaign units
 * are the township centers (with their schools) and the direct units. Ranking is by
 * completion, then per-capita copies, then copies, then name and id, so it does not depend
 * on the order of the inputs. Lagging units are those below `laggingShare` of their target
 * from `laggingLeadMs` before their deadline (the target's, else the campaign's) on.
 *
 * @example
 * ```ts
 * const metrics = campaignMetrics(state, now);
 * metrics.units.map((u) => `${u.rank} ${u.name} ${Math.round((u.completion ?? 0) * 100)}%`);
 * metrics.lagging; // ids of units below 50 % of target from 14 days before the deadline
 * ```
 */
export function campaignMetrics(state: CampaignState, now: number): CampaignMetrics {
  const records = state.records.filter((r) => r.recordedAt <= now);
  const requiredEntries = state.catalogue.entries.filter((e) => e.required);

  const progress = state.units
    .filter((u) => u.kind === 'township_center' || u.kind === 'direct_unit')
    .map((unit): Omit<UnitCampaignProgress, 'rank'> => {
      const members = [
        unit,
        ...(unit.kind === 'township_center'
          ? state.units.filter((u) => u.kind === 'school' && u.parentId === unit.id)
          : []),
      ];
      const memberIds = new Set(members.map((m) => m.id));
      const own = records.filter((r) => memberIds.has(r.unitId));
      const staffCount = members.reduce((s, m) => s + m.staffCount, 0);
      const target = state.targets.find((t) => t.unitId === unit.id);
      const copies = own.reduce((s, r) => s + r.copies, 0);
      const amount = (rs: readonly SubscriptionRecord[]): number =>
        rs.reduce((s, r) => s + r.copies * priceOf(state, r.titleId), 0);

      const required = requiredEntries.map((e) => ({
        titleId: e.id,
        target: target?.requiredCopies?.[e.id] ?? members.length,
        copies: own.filter((r) => r.titleId === e.id).reduce((s, r) => s + r.copies, 0),
      }));
      const requiredTarget = required.reduce((s, t) => s + t.target, 0);
      const requiredCompletion =
        requiredTarget === 0
          ? null
          : required.reduce((s, t) => s + Math.min(t.copies, t.target), 0) / requiredTarget;
      const perCapitaTargetCopies = wholeCopies(
        staffCount * (target?.perCapitaTarget ?? state.settings.perCapitaTarget),
      );
      const perCapitaCompletion =
        perCapitaTargetCopies === 0 ? null : copies / perCapitaTargetCopies;
      const parts = [requiredCompletion, perCapitaCompletion].filter(
        (x): x is number => x !== null,
      );
      const completion = parts.length === 0 ? null : Math.min(...parts);
      return {
        unitId: unit.id,
        name: unit.name,
        memberUnitIds: members.map((m) => m.id),
        staffCount,
        copies,
        amountFen: amount(own),
        publicAmountFen: amount(own.filter((r) => r.fundSource === 'public')),
        perCapitaCopies: staffCount === 0 ? null : copies / staffCount,
        perCapitaTargetCopies,
        required,
        requiredCompletion,
        perCapitaCompletion,
        completion,
        lagging:
          now >= (target?.deadline ?? state.settings.deadline) - state.settings.laggingLeadMs &&
          completion !== null &&
          completion < state.settings.laggingShare,
      };
    });

  const ranked = [...progress].sort(
    (a, b) =>
      (b.completion ?? -1) - (a.completion ?? -1) ||
      (b.perCapitaCopies ?? -1) - (a.perCapitaCopies ?? -1) ||
      b.copies - a.copies ||
      compareText(a.name, b.name) ||
      compareText(a.unitId, b.unitId),
  );
  const units = ranked.map((p, i) => ({ ...p, rank: p.completion === null ? null : i + 1 }));

  const townships = units.filter(
    (u) =>
      u.completion !== null &&
      state.units.find((x) => x.id === u.unitId)?.kind === 'township_center',
  );
  const staffCount = state.units
    .filter((u) => u.kind !== 'bureau')
    .reduce((s, u) => s + u.staffCount, 0);
  const copies = records.reduce((s, r) => s + r.copies, 0);
  return {
    asOf: now,
    totals: {
      copies,
      amountFen: records.reduce((s, r) => s + r.copies * priceOf(state, r.titleId), 0),
      publicAmountFen: records
        .filter((r) => r.fundSource === 'public')
        .reduce((s, r) => s + r.copies * priceOf(state, r.titleId), 0),
      staffCount,
      perCapitaCopies: staffCount === 0 ? null : copies / staffCount,
    },
    units,
    lagging: units.filter((u) => u.lagging).map((u) => u.unitId),
    townshipSpread: spreadOf(townships),
  };
}

function spreadOf(units: readonly UnitCampaignProgress[]): TownshipSpread | null {
  const first = units[0];
  if (first === undefined || first.completion === null) return null;
  let min = first;
  let max = first;
  let sum = 0;
  for (const u of units) {
    const c = u.completion ?? 0;
    if (c < (min.completion ?? 0)) min = u;
    if (c > (max.completion ?? 0)) max = u;
    sum += c;
  }
  const mean = sum / units.length;
  const variance = units.reduce((s, u) => s + ((u.completion ?? 0) - mean) ** 2, 0) / units.length;
  const lo = min.completion ?? 0;
  const hi = max.completion ?? 0;
  return {
    count: units.length,
    min: lo,
    max: hi,
    range: hi - lo,
    mean,
    standardDeviation: Math.sqrt(variance),
    minUnitId: min.unitId,
    maxUnitId: max.unitId,
  };
}

/** One bucket of the progress curve. */
export interface CampaignProgressPoint {
  /** Start of the bucket (Shanghai midnight; Monday for weeks). */
  readonly start: number;
  /** End of the bucket, exclusive. */
  readonly end: number;
  readonly copies: number;
  readonly amountFen: number;
  /** Everything recorded before the end of the bucket, including before `from`. */
  readonly cumulativeCopies: number;
  readonly cumulativeAmountFen: number;
}

/** Options of {@link campaignTimeline}. */
export interface CampaignTimelineOptions {
  readonly from: number;
  readonly to: number;
  readonly bucket: 'day' | 'week';
  /** Only these units' records (e.g. a township's `memberUnitIds`); all when absent. */
  readonly unitIds?: readonly string[];
}

function bucketStart(at: number, bucket: 'day' | 'week'): number {
  const local = at + SHANGHAI_OFFSET;
  const dayStart = local - (((local % DAY) + DAY) % DAY);
  if (bucket === 'day') return dayStart - SHANGHAI_OFFSET;
  // Weeks start on Monday, as on Chinese calendars; 1970-01-01 was a Thursday.
  const weekday = (((Math.floor(dayStart / DAY) + 3) % 7) + 7) % 7; // 0 = Monday
  return dayStart - weekday * DAY - SHANGHAI_OFFSET;
}

/**
 * The progress curve between `from` and `to` in day or week buckets cut in Asia/Shanghai,
 * with cumulative totals for charts. Empty when `to` is not after `from`.
 *
 * @example
 * ```ts
 * const weeks = campaignTimeline(state, { from: start, to: deadline, bucket: 'week' });
 * weeks.map((w) => w.cumulativeCopies); // the progress curve, Monday to Monday in Shanghai
 * ```
 */
export function campaignTimeline(
  state: CampaignState,
  options: CampaignTimelineOptions,
): readonly CampaignProgressPoint[] {
  if (options.to <= options.from) return [];
  const only = options.unitIds === undefined ? null : new Set(options.unitIds);
  const records = state.records.filter((r) => only === null || only.has(r.unitId));
  const amountOf = (r: SubscriptionRecord): number => r.copies * priceOf(state, r.titleId);
  const step = options.bucket === 'day' ? DAY : 7 * DAY;
  const points: CampaignProgressPoint[] = [];
  for (let start = bucketStart(options.from, options.bucket); start < options.to; start += step) {
    const end = start + step;
    const inBucket = records.filter((r) => r.recordedAt >= start && r.recordedAt < end);
    const upToEnd = records.filter((r) => r.recordedAt < end);
    points.push({
      start,
      end,
      copies: inBucket.reduce((s, r) => s + r.copies, 0),
      amountFen: inBucket.reduce((s, r) => s + amountOf(r), 0),
      cumulativeCopies: upToEnd.reduce((s, r) => s + r.copies, 0),
      cumulativeAmountFen: upToEnd.reduce((s, r) => s + amountOf(r), 0),
    });
  }
  return points;
}
