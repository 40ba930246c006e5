/**
 * The words of the reporting rules (rules §3.5, §4.1): categories of items, outlet levels and the
 * levels of leader instructions.
 */

/**
 * 类别: `news` 工作动态, `activity` 特色活动, `meeting` 会议报道, `exemplar` 典型宣传,
 * `experience` 经验做法, `hotspot` 热点回应, `major` 重大信息.
 */
export const CATEGORIES = [
  'news',
  'activity',
  'meeting',
  'exemplar',
  'experience',
  'hotspot',
  'major',
] as const;
/** The category of a submission. */
export type Category = (typeof CATEGORIES)[number];

/**
 * Outlet levels of an adoption, from the lowest to the highest: `bureau` 局网站/公众号,
 * `county` 县级, `city` 市级, `province` 省级, `national` 国家级.
 */
export const ADOPTION_LEVELS = ['bureau', 'county', 'city', 'province', 'national'] as const;
/** The level of the outlet that published an item. */
export type AdoptionLevel = (typeof ADOPTION_LEVELS)[number];

/**
 * Kinds of outlet (媒体/平台) in the bureau's registry: `newspaper` 报纸, `official_account`
 * 公众号, `website` 网站, `tv` 电视台, `other` 其他.
 */
export const OUTLET_KINDS = ['newspaper', 'official_account', 'website', 'tv', 'other'] as const;
/** What kind of outlet published an item. */
export type OutletKind = (typeof OUTLET_KINDS)[number];

/** Levels of a leader instruction (领导批示), from the lowest to the highest. */
export const INSTRUCTION_LEVELS = ['county', 'city', 'province', 'national'] as const;
/** The level of the leader who wrote an instruction on a published item. */
export type InstructionLevel = (typeof INSTRUCTION_LEVELS)[number];

/**
 * Whether a value is one of the {@link CATEGORIES}.
 *
 * @example
 * ```ts
 * isCategory('hotspot'); // true
 * isCategory('gossip'); // false
 * ```
 */
export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

/**
 * Whether a value is one of the {@link ADOPTION_LEVELS}.
 *
 * @example
 * ```ts
 * isAdoptionLevel('province'); // true
 * ```
 */
export function isAdoptionLevel(value: unknown): value is AdoptionLevel {
  return typeof value === 'string' && (ADOPTION_LEVELS as readonly string[]).includes(value);
}

/**
 * Whether a value is one of the {@link INSTRUCTION_LEVELS}.
 *
 * @example
 * ```ts
 * isInstructionLevel('bureau'); // false: instructions come from county leaders and above
 * ```
 */
export function isInstructionLevel(value: unknown): value is InstructionLevel {
  return typeof value === 'string' && (INSTRUCTION_LEVELS as readonly string[]).includes(value);
}

/** Milliseconds in an hour; the library measures every time as epoch milliseconds. */
export const HOUR_MS = 3_600_000;
/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;
