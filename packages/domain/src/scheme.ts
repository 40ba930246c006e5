/**
 * The scoring scheme (考评办法, rules §1.3, §5): every number the rules use, versioned per year and
 * editable by bureau admins. The domain takes a scheme as input and never hard-codes a number.
 */
import type { ErrorCode } from './errors.js';
import { shippedHolidayCalendar, type HolidayCalendar } from './holidays.js';
import {
  INCIDENT_SEVERITIES,
  INCIDENT_STEPS,
  type IncidentRules,
  type IncidentSeverity,
  type IncidentStep,
} from './incidents.js';
import type { ReminderSettings } from './reminders.js';
import { err, ok, domainError, type DomainError, type Result } from './result.js';
import {
  ADOPTION_LEVELS,
  CATEGORIES,
  INSTRUCTION_LEVELS,
  type AdoptionLevel,
  type Category,
  type InstructionLevel,
} from './vocabulary.js';

/** How several adoptions of one item combine (rules §5.3). */
export type Stacking = 'sum' | 'highest';

/** A half-year quota: items that reached bureau review and adoptions. */
export interface Quota {
  readonly submitted: number;
  readonly adopted: number;
}

/** A quota set for one unit instead of its kind's default (per half-year). */
export interface QuotaOverride {
  readonly unitId: string;
  /** The half it applies to, or `both`. */
  readonly half: 'H1' | 'H2' | 'both';
  readonly submitted: number;
  readonly adopted: number;
}

/** Hours from discovery allowed for each step of an incident, by severity (rules §7.3). */
export type IncidentDeadlineHours = {
  readonly [S in IncidentSeverity]: { readonly [T in IncidentStep]: number };
};

/** The reminder numbers of a scheme (rules §9), in the units a bureau thinks in. */
export interface SchemeReminders {
  /** Quiet hours in Shanghai local time, `HH:MM`; a start after the end spans midnight. */
  readonly quietHours: { readonly start: string; readonly end: string };
  /** A unit review pending this long reminds the unit's reviewers. */
  readonly reviewReminderHours: number;
  /** A unit review pending this long reminds the unit's head. */
  readonly reviewEscalationHours: number;
  /** Units below this share of their quota are reminded. */
  readonly quotaShare: number;
  /** The late quota checkpoint, this many days before the period ends. */
  readonly quotaLateCheckpointDays: number;
  /** How long before an incident deadline the warning goes out. */
  readonly incidentWarningMinutes: number;
}

/** The defaults of a subscription campaign (rules §8.3, §8.5). */
export interface SchemeCampaign {
  /** Copies per staff member a unit should reach. */
  readonly perCapitaTarget: number;
  /** A unit below this share of its target is lagging. */
  readonly laggingShare: number;
  /** Days before the deadline from which lagging units are flagged. */
  readonly laggingLeadDays: number;
}

/** Longest quiet hours a scheme may set (rules §9.2): they delay messages, never a day's work. */
export const QUIET_HOURS_MAX_MINUTES = 12 * 60;

/** The year's scoring rules and quotas (信息报送量化考评办法). */
export interface Scheme {
  readonly year: number;
  /** Increases with every edit of the year's scheme; bulletins record the version they used. */
  readonly version: number;
  /** The year's focus tags (宣传重点). */
  readonly topics: readonly string[];
  /** Adoption points by outlet level. */
  readonly levels: Readonly<Record<AdoptionLevel, number>>;
  /** Multiplier of a front-page headline (头版头条). */
  readonly headlineMultiplier: number;
  /** Bonus of a leader instruction (领导批示) by the leader's level. */
  readonly instructionBonus: Readonly<Record<InstructionLevel, number>>;
  /** Bonus of the quality mark 精品, once per item. */
  readonly qualityBonus: number;
  /** Points of each item that reaches bureau review. */
  readonly reachedBureauPoints: number;
  readonly stacking: Stacking;
  readonly timeliness: {
    /** Hours from the event to reaching the bureau; null = no limit. */
    readonly limitHours: Readonly<Record<Category, number | null>>;
    /** Factor applied to a late item's adoption points. */
    readonly lateFactor: number;
    /** Points a unit loses for a late `major` item (迟报). */
    readonly majorLatePenalty: number;
    /** Points a unit loses for a major event it did not report (瞒报/漏报). */
    readonly unreportedMajorPenalty: number;
  };
  /** Default quotas per half-year by unit kind; the year's quota is the sum of its halves. */
  readonly quotas: {
    readonly township_center: Quota;
    readonly direct_unit: Quota;
  };
  readonly quotaOverrides: readonly QuotaOverride[];
  readonly commend: {
    /** Units commended in a half-year bulletin. */
    readonly halfYearTopN: number;
    /** Units commended in the year's bulletin. */
    readonly yearTopN: number;
    /** Officers named 优秀信息员. */
    readonly officerTopN: number;
  };
  readonly review: {
    /**
     * An approval with no change that came less than this after the reviewer opened the full
     * item is rubber-stamped (rules §3.4).
     */
    readonly rubberStampSeconds: number;
    /** A comment this long (in characters) or longer may count as substantive. */
    readonly substantiveCommentLength: number;
    /**
     * Stock phrases (同意, 已阅…): a comment that is one of them, ignoring punctuation, spaces
     * and letter case, is never substantive.
     */
    readonly stockPhrases: readonly string[];
  };
  readonly duplicates: {
    readonly windowDays: number;
    /** Title similarity (0–1) from which two items are likely duplicates. */
    readonly threshold: number;
  };
  readonly bulletin: {
    /** Days a draft bulletin stays open to appeals. */
    readonly appealWindowDays: number;
  };
  /** Weights of the annual publicity score (宣传工作综合考评); they sum to 1. */
  readonly composite: {
    readonly reporting: number;
    readonly incidents: number;
    readonly campaign: number;
  };
  /** Incident deadlines from discovery, in hours (rules §7.3). */
  readonly incidentDeadlineHours: IncidentDeadlineHours;
  /** Reminder settings and quiet hours (rules §9). */
  readonly reminders: SchemeReminders;
  /** Defaults of the year's subscription campaign (rules §8). */
  readonly campaign: SchemeCampaign;
  /** The year's public holidays and 调休 working days (rules §9.2); dates inside the year. */
  readonly calendar: HolidayCalendar;
}

/** The deadlines of rules §7.3 in hours: 30 min / 2 h / 24 h, 2 h / 12 h / 72 h, 24 h / 48 h / 7 d. */
function defaultIncidentDeadlineHours(): IncidentDeadlineHours {
  return {
    major: { report: 0.5, respond: 2, resolve: 24 },
    significant: { report: 2, respond: 12, resolve: 72 },
    general: { report: 24, respond: 48, resolve: 168 },
  };
}

/** The reminder numbers of rules §9: quiet 21:00–07:30, reviews 24 h / 72 h, quota 50 % and 30 days, incidents 15 min. */
function defaultSchemeReminders(): SchemeReminders {
  return {
    quietHours: { start: '21:00', end: '07:30' },
    reviewReminderHours: 24,
    reviewEscalationHours: 72,
    quotaShare: 0.5,
    quotaLateCheckpointDays: 30,
    incidentWarningMinutes: 15,
  };
}

/** The campaign numbers of rules §8.3, §8.5: 0.3 copies per head; lagging below 50 % two weeks ahead. */
function defaultSchemeCampaign(): SchemeCampaign {
  return { perCapitaTarget: 0.3, laggingShare: 0.5, laggingLeadDays: 14 };
}

/**
 * The default scheme of a year, holding every default number of rules §1.3–§6.
 *
 * @example
 * ```ts
 * const scheme = defaultScheme(2026);
 * scheme.levels.city; // 4
 * scheme.quotas.township_center; // { submitted: 12, adopted: 6 }
 * ```
 */
export function defaultScheme(year: number): Scheme {
  return {
    year,
    version: 1,
    topics: ['义务教育均衡发展', '教育精准扶贫', '教师队伍建设', '全面改薄'],
    levels: { bureau: 1, county: 2, city: 4, province: 8, national: 15 },
    headlineMultiplier: 2,
    instructionBonus: { county: 3, city: 5, province: 10, national: 20 },
    qualityBonus: 2,
    reachedBureauPoints: 0.2,
    stacking: 'sum',
    timeliness: {
      limitHours: {
        news: 48,
        activity: 48,
        meeting: 48,
        hotspot: 24,
        major: 2,
        exemplar: null,
        experience: null,
      },
      lateFactor: 0.5,
      majorLatePenalty: 5,
      unreportedMajorPenalty: 20,
    },
    quotas: {
      township_center: { submitted: 12, adopted: 6 },
      direct_unit: { submitted: 6, adopted: 3 },
    },
    quotaOverrides: [],
    commend: { halfYearTopN: 5, yearTopN: 10, officerTopN: 10 },
    review: {
      rubberStampSeconds: 60,
      substantiveCommentLength: 10,
      stockPhrases: [...DEFAULT_STOCK_PHRASES],
    },
    duplicates: { windowDays: 7, threshold: 0.6 },
    bulletin: { appealWindowDays: 5 },
    composite: { reporting: 0.6, incidents: 0.2, campaign: 0.2 },
    incidentDeadlineHours: defaultIncidentDeadlineHours(),
    reminders: defaultSchemeReminders(),
    campaign: defaultSchemeCampaign(),
    calendar: shippedHolidayCalendar(year),
  };
}

type Json = Readonly<Record<string, unknown>>;

/** The stock phrases of a new scheme (rules §3.4); punctuation variants match them too. */
export const DEFAULT_STOCK_PHRASES = [
  '同意',
  '好',
  '已阅',
  '可以报送',
  '情况属实',
  '属实',
  '同意报送',
  'ok',
] as const;

/** The longest stock phrase a scheme takes, in characters (a stock phrase is a short formula). */
export const STOCK_PHRASE_MAX_LENGTH = 30;
/** The most stock phrases a scheme takes. */
export const STOCK_PHRASES_MAX = 50;

/**
 * The problems of a list of stock phrases (rules §3.4), each with its field path
 * (`review.stockPhrases[2]`) and a message naming the phrase by its number: not a list, an
 * empty phrase (punctuation and spaces do not count), one longer than
 * {@link STOCK_PHRASE_MAX_LENGTH}, one repeating an earlier one once normalised, more than
 * {@link STOCK_PHRASES_MAX}. The scheme editor checks its form with it; `validateScheme` too.
 *
 * @example
 * ```ts
 * stockPhraseProblems(['同意', '同意。']).map((e) => e.message); // ['套话第 2 条“同意。”与第 1 条重复']
 * ```
 */
export function stockPhraseProblems(value: unknown): DomainError[] {
  const path = 'review.stockPhrases';
  if (!Array.isArray(value)) return [domainError('SCHEME.STOCK_PHRASES_NOT_A_LIST', { path })];
  const problems: DomainError[] = [];
  if (value.length > STOCK_PHRASES_MAX) {
    problems.push(
      domainError('SCHEME.TOO_MANY_STOCK_PHRASES', {
        path,
        params: { max: STOCK_PHRASES_MAX, count: value.length },
      }),
    );
  }
  const seen = new Map<string, number>();
  (value as readonly unknown[]).forEach((p, i) => {
    const at = `${path}[${i}]`;
    const n = i + 1;
    const key = typeof p === 'string' ? normalisedPhrase(p) : '';
    if (typeof p !== 'string' || key === '') {
      problems.push(domainError('SCHEME.EMPTY_STOCK_PHRASE', { path: at, params: { n } }));
      return;
    }
    const phrase = p.trim();
    if ([...phrase].length > STOCK_PHRASE_MAX_LENGTH) {
      problems.push(
        domainError('SCHEME.LONG_STOCK_PHRASE', {
          path: at,
          params: {
            n,
            phrase: `${[...phrase].slice(0, 10).join('')}…`,
            max: STOCK_PHRASE_MAX_LENGTH,
          },
        }),
      );
      return;
    }
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(
        domainError('SCHEME.DUPLICATE_STOCK_PHRASE', { path: at, params: { n, phrase, first } }),
      );
      return;
    }
    seen.set(key, n);
  });
  return problems;
}

/** `review.stockPhrases`: the phrases trimmed, every problem reported (rules §3.4). */
function stockPhrasesOf(r: Reader, rv: Json): string[] {
  const value = rv['stockPhrases'];
  const problems = stockPhraseProblems(value);
  for (const problem of problems) r.problem(problem);
  return problems.length > 0 || !Array.isArray(value)
    ? []
    : (value as readonly string[]).map((p) => p.trim());
}

/**
 * A comment reduced to what a stock-phrase check compares: no punctuation, symbols or spaces,
 * lower case, full-width letters folded (so “同意。”, “ＯＫ！” and “ok” compare as the phrase).
 *
 * @example
 * ```ts
 * normalisedPhrase(' ＯＫ！'); // 'ok'
 * normalisedPhrase('同意报送。'); // '同意报送'
 * ```
 */
export function normalisedPhrase(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\p{P}\p{S}\p{Z}\s]/gu, '')
    .toLowerCase();
}

/** The top-level fields of a scheme document, checked so that a misspelt one is reported. */
const SCHEME_KEYS = [
  'year',
  'version',
  'topics',
  'levels',
  'headlineMultiplier',
  'instructionBonus',
  'qualityBonus',
  'reachedBureauPoints',
  'stacking',
  'timeliness',
  'quotas',
  'quotaOverrides',
  'commend',
  'review',
  'duplicates',
  'bulletin',
  'composite',
  'incidentDeadlineHours',
  'reminders',
  'campaign',
  'calendar',
] as const satisfies readonly (keyof Scheme)[];

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Edits (insert, delete, replace) turning `a` into `b`. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min(row[j - 1]! + 1, previous[j]! + 1, previous[j - 1]! + cost));
    }
    previous = row;
  }
  return previous[b.length]!;
}

/** The known key an unknown one was probably meant to be (at most two edits, case aside). */
function closestKey(key: string, keys: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const candidate of keys) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Collects problems while reading untrusted input, each with its field path. */
class Reader {
  readonly problems: DomainError[] = [];

  problem(error: DomainError): void {
    this.problems.push(error);
  }

  /**
   * Reports every key of `obj` that is not one of `keys`: a typo such as `quota` for `quotas`
   * would otherwise be ignored while the defaults silently stay.
   */
  only(obj: Json, keys: readonly string[], path: string): void {
    for (const key of Object.keys(obj)) {
      if (keys.includes(key)) continue;
      const full = path ? `${path}.${key}` : key;
      const suggestion = closestKey(key, keys);
      const params =
        suggestion === null
          ? path === ''
            ? ({ form: 'root', key } as const)
            : ({ form: 'field', path, key } as const)
          : path === ''
            ? ({ form: 'rootSuggest', key, suggestion } as const)
            : ({ form: 'fieldSuggest', path, key, suggestion } as const);
      this.problem(domainError('SCHEME.UNKNOWN_KEY', { path: full, params }));
    }
  }

  record(value: unknown, path: string): Json {
    if (isRecord(value)) return value;
    this.problem(
      domainError('SCHEME.NOT_AN_OBJECT', {
        path,
        params: path === '' ? { at: 'root' } : { at: 'field', path },
      }),
    );
    return {};
  }

  number(
    obj: Json,
    key: string,
    path: string,
    opts: { min?: number; max?: number; integer?: boolean } = {},
  ): number {
    const full = path ? `${path}.${key}` : key;
    const value = obj[key];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.problem(domainError('SCHEME.NOT_A_NUMBER', { path: full, params: { path: full } }));
      return 0;
    }
    if (opts.integer === true && !Number.isInteger(value)) {
      this.problem(domainError('SCHEME.NOT_AN_INTEGER', { path: full, params: { path: full } }));
    }
    if (opts.min !== undefined && value < opts.min) {
      this.problem(
        domainError(opts.min === 0 ? 'SCHEME.NEGATIVE' : 'SCHEME.TOO_SMALL', {
          path: full,
          params: { path: full, min: opts.min, value },
        }),
      );
    }
    if (opts.max !== undefined && value > opts.max) {
      this.problem(
        domainError('SCHEME.TOO_LARGE', {
          path: full,
          params: { path: full, max: opts.max, value },
        }),
      );
    }
    return value;
  }

  /** A record whose keys must be exactly `keys`; unknown keys are reported. */
  table<K extends string, V>(
    value: unknown,
    keys: readonly K[],
    path: string,
    unknownCode: Extract<ErrorCode, 'SCHEME.UNKNOWN_LEVEL' | 'SCHEME.UNKNOWN_CATEGORY'>,
    read: (obj: Json, key: K, path: string) => V,
  ): Record<K, V> {
    const obj = this.record(value, path);
    for (const key of Object.keys(obj)) {
      if (!(keys as readonly string[]).includes(key)) {
        this.problem(
          domainError(unknownCode, { path: `${path}.${key}`, params: { table: path, key } }),
        );
      }
    }
    const out = {} as Record<K, V>;
    for (const key of keys) {
      if (!(key in obj)) {
        this.problem(
          domainError('SCHEME.MISSING', {
            path: `${path}.${key}`,
            params: { path: `${path}.${key}` },
          }),
        );
      }
      out[key] = read(obj, key, path);
    }
    return out;
  }
}

/**
 * Validates untrusted input (a scheme edited in the console, read from the database) and
 * returns the scheme or every problem found, each with the path of its field
 * (`levels.city`, `quotaOverrides[2].half`). Never throws.
 *
 * @example
 * ```ts
 * const defaults = defaultScheme(2026);
 * const edited = validateScheme({ ...defaults, version: 2, levels: { ...defaults.levels, national: 20 } });
 * if (!edited.ok) edited.error.map((e) => `${e.path}: ${e.message}`); // every problem, e.g. 'levels.city: …'
 * ```
 */
export function validateScheme(input: unknown): Result<Scheme, readonly DomainError[]> {
  const r = new Reader();
  const root = r.record(input, '');
  r.only(root, SCHEME_KEYS, '');
  const year = r.number(root, 'year', '', { min: 2000, max: 2200, integer: true });
  const version = r.number(root, 'version', '', { min: 1, integer: true });

  const topics: string[] = [];
  if (!Array.isArray(root['topics'])) {
    r.problem(domainError('SCHEME.NOT_A_LIST', { path: 'topics', params: { path: 'topics' } }));
  } else {
    (root['topics'] as readonly unknown[]).forEach((t, i) => {
      if (typeof t !== 'string' || t.trim() === '') {
        r.problem(
          domainError('SCHEME.EMPTY_TOPIC', {
            path: `topics[${i}]`,
            params: { path: `topics[${i}]` },
          }),
        );
      } else if (topics.includes(t)) {
        r.problem(
          domainError('SCHEME.DUPLICATE_TOPIC', { path: `topics[${i}]`, params: { topic: t } }),
        );
      } else {
        topics.push(t);
      }
    });
  }

  const nonNegative = (obj: Json, key: string, path: string): number =>
    r.number(obj, key, path, { min: 0 });
  const levels = r.table(
    root['levels'],
    ADOPTION_LEVELS,
    'levels',
    'SCHEME.UNKNOWN_LEVEL',
    nonNegative,
  );
  const headlineMultiplier = r.number(root, 'headlineMultiplier', '', { min: 1 });
  const instructionBonus = r.table(
    root['instructionBonus'],
    INSTRUCTION_LEVELS,
    'instructionBonus',
    'SCHEME.UNKNOWN_LEVEL',
    nonNegative,
  );
  const qualityBonus = nonNegative(root, 'qualityBonus', '');
  const reachedBureauPoints = nonNegative(root, 'reachedBureauPoints', '');
  const stacking = root['stacking'];
  if (stacking !== 'sum' && stacking !== 'highest') {
    r.problem(domainError('SCHEME.UNKNOWN_STACKING', { path: 'stacking' }));
  }

  const t = r.record(root['timeliness'], 'timeliness');
  r.only(
    t,
    ['limitHours', 'lateFactor', 'majorLatePenalty', 'unreportedMajorPenalty'],
    'timeliness',
  );
  const limitHours = r.table(
    t['limitHours'],
    CATEGORIES,
    'timeliness.limitHours',
    'SCHEME.UNKNOWN_CATEGORY',
    (obj, key, path) => (obj[key] === null ? null : r.number(obj, key, path, { min: 0 })),
  );
  const lateFactor = r.number(t, 'lateFactor', 'timeliness', { min: 0, max: 1 });
  const majorLatePenalty = nonNegative(t, 'majorLatePenalty', 'timeliness');
  const unreportedMajorPenalty = nonNegative(t, 'unreportedMajorPenalty', 'timeliness');

  const readQuota = (value: unknown, path: string, keys = ['submitted', 'adopted']): Quota => {
    const q = r.record(value, path);
    r.only(q, keys, path);
    return {
      submitted: r.number(q, 'submitted', path, { min: 0, integer: true }),
      adopted: r.number(q, 'adopted', path, { min: 0, integer: true }),
    };
  };
  const quotasIn = r.record(root['quotas'], 'quotas');
  for (const key of Object.keys(quotasIn)) {
    if (key !== 'township_center' && key !== 'direct_unit') {
      r.problem(
        domainError('SCHEME.UNKNOWN_UNIT_KIND', { path: `quotas.${key}`, params: { key } }),
      );
    }
  }
  const quotas = {
    township_center: readQuota(quotasIn['township_center'], 'quotas.township_center'),
    direct_unit: readQuota(quotasIn['direct_unit'], 'quotas.direct_unit'),
  };

  const quotaOverrides: QuotaOverride[] = [];
  if (!Array.isArray(root['quotaOverrides'])) {
    r.problem(
      domainError('SCHEME.NOT_A_LIST', {
        path: 'quotaOverrides',
        params: { path: 'quotaOverrides' },
      }),
    );
  } else {
    const seen = new Map<string, number>();
    (root['quotaOverrides'] as readonly unknown[]).forEach((value, i) => {
      const path = `quotaOverrides[${i}]`;
      const o = r.record(value, path);
      const unitId = o['unitId'];
      const half = o['half'];
      const quota = readQuota(o, path, ['unitId', 'half', 'submitted', 'adopted']);
      const hasUnit = typeof unitId === 'string' && unitId !== '';
      if (!hasUnit) {
        r.problem(
          domainError('SCHEME.MISSING', {
            path: `${path}.unitId`,
            params: { path: `${path}.unitId` },
          }),
        );
      }
      const hasHalf = half === 'H1' || half === 'H2' || half === 'both';
      if (!hasHalf) {
        r.problem(
          domainError('SCHEME.UNKNOWN_PERIOD', {
            path: `${path}.half`,
            params: { path: `${path}.half` },
          }),
        );
      }
      if (!hasUnit || !hasHalf) return;
      // Two overrides covering the same half of the same unit would make the quota ambiguous.
      for (const h of half === 'both' ? (['H1', 'H2'] as const) : [half]) {
        const previous = seen.get(`${unitId}|${h}`);
        if (previous !== undefined) {
          r.problem(
            domainError('SCHEME.OVERLAPPING_PERIODS', {
              path: `${path}.half`,
              params: { path, other: `quotaOverrides[${previous}]`, half: h },
            }),
          );
        }
        seen.set(`${unitId}|${h}`, i);
      }
      quotaOverrides.push({ unitId, half, ...quota });
    });
  }

  const c = r.record(root['commend'], 'commend');
  r.only(c, ['halfYearTopN', 'yearTopN', 'officerTopN'], 'commend');
  const commend = {
    halfYearTopN: r.number(c, 'halfYearTopN', 'commend', { min: 0, integer: true }),
    yearTopN: r.number(c, 'yearTopN', 'commend', { min: 0, integer: true }),
    officerTopN: r.number(c, 'officerTopN', 'commend', { min: 0, integer: true }),
  };
  const rv = r.record(root['review'], 'review');
  r.only(rv, ['rubberStampSeconds', 'substantiveCommentLength', 'stockPhrases'], 'review');
  // Schemes saved before the comment rule existed lack its two fields: they take the defaults.
  const review = {
    rubberStampSeconds: r.number(rv, 'rubberStampSeconds', 'review', { min: 0 }),
    substantiveCommentLength:
      rv['substantiveCommentLength'] === undefined
        ? 10
        : r.number(rv, 'substantiveCommentLength', 'review', { min: 0, integer: true }),
    stockPhrases:
      rv['stockPhrases'] === undefined ? [...DEFAULT_STOCK_PHRASES] : stockPhrasesOf(r, rv),
  };
  const d = r.record(root['duplicates'], 'duplicates');
  r.only(d, ['windowDays', 'threshold'], 'duplicates');
  const duplicates = {
    windowDays: r.number(d, 'windowDays', 'duplicates', { min: 0 }),
    threshold: r.number(d, 'threshold', 'duplicates', { min: 0, max: 1 }),
  };
  const b = r.record(root['bulletin'], 'bulletin');
  r.only(b, ['appealWindowDays'], 'bulletin');
  const bulletin = {
    appealWindowDays: r.number(b, 'appealWindowDays', 'bulletin', { min: 0, integer: true }),
  };
  const w = r.record(root['composite'], 'composite');
  r.only(w, ['reporting', 'incidents', 'campaign'], 'composite');
  const composite = {
    reporting: r.number(w, 'reporting', 'composite', { min: 0, max: 1 }),
    incidents: r.number(w, 'incidents', 'composite', { min: 0, max: 1 }),
    campaign: r.number(w, 'campaign', 'composite', { min: 0, max: 1 }),
  };
  const weightSum = composite.reporting + composite.incidents + composite.campaign;
  if (Math.abs(weightSum - 1) > 1e-9) {
    r.problem(domainError('SCHEME.BAD_WEIGHTS', { path: 'composite', params: { sum: weightSum } }));
  }

  // Schemes saved before these numbers moved into the scheme lack them: they take the defaults
  // (the numbers that applied then), and the calendar shipped for their year.
  const incidentDeadlineHours = readIncidentDeadlines(r, root['incidentDeadlineHours']);
  const reminders = readReminders(r, root['reminders']);
  const campaign = readCampaign(r, root['campaign']);
  // A wrong year is reported once, not again for every date of the calendar.
  const yearOk = !r.problems.some((p) => p.path === 'year');
  const calendar = readCalendar(r, root['calendar'], yearOk ? year : null);

  if (r.problems.length > 0) return err(r.problems);
  return ok({
    year,
    version,
    topics,
    levels,
    headlineMultiplier,
    instructionBonus,
    qualityBonus,
    reachedBureauPoints,
    stacking: stacking === 'highest' ? 'highest' : 'sum',
    timeliness: { limitHours, lateFactor, majorLatePenalty, unreportedMajorPenalty },
    quotas,
    quotaOverrides,
    commend,
    review,
    duplicates,
    bulletin,
    composite,
    incidentDeadlineHours,
    reminders,
    campaign,
    calendar,
  });
}

function readIncidentDeadlines(r: Reader, value: unknown): IncidentDeadlineHours {
  if (value === undefined) return defaultIncidentDeadlineHours();
  const path = 'incidentDeadlineHours';
  const obj = r.record(value, path);
  r.only(obj, INCIDENT_SEVERITIES, path);
  const read = (severity: IncidentSeverity) => {
    const at = `${path}.${severity}`;
    const rule = r.record(obj[severity], at);
    r.only(rule, INCIDENT_STEPS, at);
    const hours = {
      report: r.number(rule, 'report', at, { min: 0 }),
      respond: r.number(rule, 'respond', at, { min: 0 }),
      resolve: r.number(rule, 'resolve', at, { min: 0 }),
    };
    // rules §7.3: the steps follow each other, so their deadlines may not come in reverse.
    if (hours.respond < hours.report || hours.resolve < hours.respond) {
      r.problem(domainError('SCHEME.DEADLINES_OUT_OF_ORDER', { path: at, params: { path: at } }));
    }
    return hours;
  };
  return {
    major: read('major'),
    significant: read('significant'),
    general: read('general'),
  };
}

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of an `HH:MM` time, or null when it is not one. */
function minuteOfDay(value: unknown): number | null {
  const m = typeof value === 'string' ? TIME_OF_DAY.exec(value) : null;
  return m === null ? null : Number(m[1]) * 60 + Number(m[2]);
}

function readReminders(r: Reader, value: unknown): SchemeReminders {
  if (value === undefined) return defaultSchemeReminders();
  const path = 'reminders';
  const obj = r.record(value, path);
  r.only(
    obj,
    [
      'quietHours',
      'reviewReminderHours',
      'reviewEscalationHours',
      'quotaShare',
      'quotaLateCheckpointDays',
      'incidentWarningMinutes',
    ],
    path,
  );
  const q = r.record(obj['quietHours'], `${path}.quietHours`);
  r.only(q, ['start', 'end'], `${path}.quietHours`);
  const time = (key: 'start' | 'end'): string => {
    const at = `${path}.quietHours.${key}`;
    if (minuteOfDay(q[key]) === null) {
      r.problem(domainError('SCHEME.BAD_TIME', { path: at, params: { path: at } }));
      return '00:00';
    }
    return q[key] as string;
  };
  const quietHours = { start: time('start'), end: time('end') };
  const start = minuteOfDay(quietHours.start) ?? 0;
  const end = minuteOfDay(quietHours.end) ?? 0;
  const length = (end - start + 24 * 60) % (24 * 60);
  // rules §9.2: quiet hours hold messages overnight; longer than half a day they would hold work.
  if (length > QUIET_HOURS_MAX_MINUTES) {
    r.problem(
      domainError('SCHEME.QUIET_HOURS_TOO_LONG', {
        path: `${path}.quietHours`,
        params: {
          path: `${path}.quietHours`,
          hours: length / 60,
          max: QUIET_HOURS_MAX_MINUTES / 60,
        },
      }),
    );
  }
  const reminders = {
    quietHours,
    reviewReminderHours: r.number(obj, 'reviewReminderHours', path, { min: 0 }),
    reviewEscalationHours: r.number(obj, 'reviewEscalationHours', path, { min: 0 }),
    quotaShare: r.number(obj, 'quotaShare', path, { min: 0, max: 1 }),
    quotaLateCheckpointDays: r.number(obj, 'quotaLateCheckpointDays', path, {
      min: 0,
      integer: true,
    }),
    incidentWarningMinutes: r.number(obj, 'incidentWarningMinutes', path, { min: 0 }),
  };
  if (reminders.reviewEscalationHours < reminders.reviewReminderHours) {
    // rules §9.1: the head is the second reminder, after the reviewers.
    const at = `${path}.reviewEscalationHours`;
    r.problem(domainError('SCHEME.ESCALATION_BEFORE_REMINDER', { path: at, params: { path: at } }));
  }
  return reminders;
}

function readCampaign(r: Reader, value: unknown): SchemeCampaign {
  if (value === undefined) return defaultSchemeCampaign();
  const path = 'campaign';
  const obj = r.record(value, path);
  r.only(obj, ['perCapitaTarget', 'laggingShare', 'laggingLeadDays'], path);
  return {
    perCapitaTarget: r.number(obj, 'perCapitaTarget', path, { min: 0 }),
    laggingShare: r.number(obj, 'laggingShare', path, { min: 0, max: 1 }),
    laggingLeadDays: r.number(obj, 'laggingLeadDays', path, { min: 0, integer: true }),
  };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a `YYYY-MM-DD` text names a real day. */
function isRealDate(text: string): boolean {
  const t = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === text;
}

function readCalendar(r: Reader, value: unknown, year: number | null): HolidayCalendar {
  if (value === undefined)
    return year === null ? { holidays: [], workdays: [] } : shippedHolidayCalendar(year);
  const obj = r.record(value, 'calendar');
  r.only(obj, ['holidays', 'workdays'], 'calendar');
  const dates = (key: 'holidays' | 'workdays'): string[] => {
    const path = `calendar.${key}`;
    const list = obj[key];
    if (!Array.isArray(list)) {
      r.problem(domainError('SCHEME.NOT_A_LIST', { path, params: { path } }));
      return [];
    }
    const out: string[] = [];
    (list as readonly unknown[]).forEach((d, i) => {
      const at = `${path}[${i}]`;
      const m = typeof d === 'string' ? ISO_DATE.exec(d) : null;
      if (typeof d !== 'string' || m === null || !isRealDate(d)) {
        r.problem(domainError('SCHEME.BAD_DATE', { path: at, params: { path: at } }));
      } else if (year !== null && Number(m[1]) !== year) {
        // rules §1.3: each year's scheme holds that year's calendar only.
        r.problem(
          domainError('SCHEME.DATE_OUTSIDE_YEAR', {
            path: at,
            params: { path: at, date: d, year },
          }),
        );
      } else if (out.includes(d)) {
        r.problem(
          domainError('SCHEME.DUPLICATE_DATE', { path: at, params: { path: at, date: d } }),
        );
      } else {
        out.push(d);
      }
    });
    return out.sort();
  };
  const holidays = dates('holidays');
  const workdays = dates('workdays');
  for (const d of workdays) {
    if (holidays.includes(d)) {
      r.problem(
        domainError('SCHEME.HOLIDAY_AND_WORKDAY', {
          path: 'calendar.workdays',
          params: { date: d },
        }),
      );
    }
  }
  return { holidays, workdays };
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The incident deadline rules of a scheme, in milliseconds as the incident functions take them.
 *
 * @example
 * ```ts
 * incidentRulesOf(defaultScheme(2026)).major.report; // 1_800_000 (30 minutes)
 * ```
 */
export function incidentRulesOf(scheme: Scheme): IncidentRules {
  const rule = (s: IncidentSeverity) => {
    const h = scheme.incidentDeadlineHours[s];
    return {
      report: Math.round(h.report * HOUR_MS),
      respond: Math.round(h.respond * HOUR_MS),
      resolve: Math.round(h.resolve * HOUR_MS),
    };
  };
  return { major: rule('major'), significant: rule('significant'), general: rule('general') };
}

/**
 * The reminder settings of a scheme (rules §9), with its holiday calendar: reminders that wait
 * out weekends wait out its holidays too, and its 调休 working days are working days.
 *
 * @example
 * ```ts
 * reminderSettingsOf(defaultScheme(2026)).quietHours; // { startMinute: 1260, endMinute: 450 }
 * ```
 */
export function reminderSettingsOf(scheme: Scheme): ReminderSettings {
  const m = scheme.reminders;
  return {
    quietHours: {
      startMinute: minuteOfDay(m.quietHours.start) ?? 0,
      endMinute: minuteOfDay(m.quietHours.end) ?? 0,
    },
    weekendsDelay: true,
    holidays: scheme.calendar.holidays,
    workdays: scheme.calendar.workdays,
    reviewReminderAfterMs: m.reviewReminderHours * HOUR_MS,
    reviewEscalationAfterMs: m.reviewEscalationHours * HOUR_MS,
    quotaShare: m.quotaShare,
    quotaLateCheckpointMs: m.quotaLateCheckpointDays * DAY_MS,
    incidentWarningMs: m.incidentWarningMinutes * 60_000,
  };
}

/** A change of one field of a scheme, at any depth; a list replaces the list it changes. */
export type SchemePatchOf<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { readonly [K in keyof T]?: SchemePatchOf<T[K]> }
    : T;

/** A partial change of a scheme (rules §1.3): only the fields a bureau changes. */
export type SchemePatch = SchemePatchOf<Scheme>;

/** `change` laid over `base`: objects merge key by key, anything else replaces. */
function overlay(base: unknown, change: unknown): unknown {
  if (change === undefined) return base;
  if (!isRecord(base) || !isRecord(change)) return change;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(change)) merged[key] = overlay(base[key], value);
  return merged;
}

/**
 * A scheme made of `defaults` and a partial change, then checked by `validateScheme`: nested
 * fields merge (`{ levels: { national: 20 } }` keeps the other levels), lists replace. A key
 * that is not a field of the scheme, at any depth, is refused with its path and the field it
 * was probably meant to be, instead of being ignored while the default silently stays.
 *
 * @example
 * ```ts
 * const mine = customiseScheme(defaultScheme(2026), { levels: { national: 20 } });
 * if (mine.ok) mine.value.levels.national; // 20, every other number the default
 * const typo = customiseScheme(defaultScheme(2026), { quota: {} } as SchemePatch);
 * if (!typo.ok) typo.error[0]?.path; // 'quota' (did you mean “quotas”?)
 * ```
 */
export function customiseScheme(
  defaults: Scheme,
  patch: SchemePatch,
): Result<Scheme, readonly DomainError[]> {
  return validateScheme(overlay(defaults, patch));
}

/**
 * The quota of a unit for one half-year: its override if the scheme has one, otherwise its
 * kind's default. Units that are not evaluated have no quota.
 *
 * @example
 * ```ts
 * halfYearQuota(defaultScheme(2026), { id: 'hexi', kind: 'township_center' }, 'H1'); // { submitted: 12, adopted: 6 }
 * ```
 */
export function halfYearQuota(
  scheme: Scheme,
  unit: { readonly id: string; readonly kind: string },
  half: 'H1' | 'H2',
): Quota | null {
  const override = scheme.quotaOverrides.find(
    (o) => o.unitId === unit.id && (o.half === half || o.half === 'both'),
  );
  if (override !== undefined) return { submitted: override.submitted, adopted: override.adopted };
  if (unit.kind === 'township_center') return scheme.quotas.township_center;
  if (unit.kind === 'direct_unit') return scheme.quotas.direct_unit;
  return null;
}

/**
 * The quota of a unit for a period: a half's quota, or for the year the sum of both halves.
 *
 * @example
 * ```ts
 * periodQuota(defaultScheme(2026), { id: 'yizhong', kind: 'direct_unit' }, 'Y'); // { submitted: 12, adopted: 6 }
 * ```
 */
export function periodQuota(
  scheme: Scheme,
  unit: { readonly id: string; readonly kind: string },
  kind: 'H1' | 'H2' | 'Y',
): Quota | null {
  if (kind !== 'Y') return halfYearQuota(scheme, unit, kind);
  const h1 = halfYearQuota(scheme, unit, 'H1');
  const h2 = halfYearQuota(scheme, unit, 'H2');
  if (h1 === null || h2 === null) return null;
  return { submitted: h1.submitted + h2.submitted, adopted: h1.adopted + h2.adopted };
}
