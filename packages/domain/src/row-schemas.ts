/**
 * JSON Schemas (draft 2020-12) of a county's plain rows (rules §6.7), for tools that check a
 * file before it reaches the library: an editor, a form, an import job in another language.
 * They state what {@link validateUnitRows} and its siblings accept, field by field; the
 * validators check more (that a date exists, that ids are unique and referenced rows exist).
 * The same schemas ship as `schemas/*.schema.json` in the package.
 */
import { ROLES, UNIT_KINDS } from './org.js';
import { ADOPTION_LEVELS, CATEGORIES, INSTRUCTION_LEVELS } from './vocabulary.js';

/** A JSON Schema document, as plain JSON. */
export type JsonSchema = { readonly [key: string]: JsonSchemaValue };
type JsonSchemaValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonSchemaValue[]
  | { readonly [key: string]: JsonSchemaValue };

const DRAFT = 'https://json-schema.org/draft/2020-12/schema';

const text = (description: string): JsonSchema => ({
  description,
  type: ['string', 'number'],
  // Blank text is "not given": a required field needs a character that is not a space.
  pattern: '\\S',
});

const wholeNumber = (description: string): JsonSchema => ({
  description,
  anyOf: [
    { type: 'integer', minimum: 0 },
    { type: 'string', pattern: '^\\s*\\d+\\s*$' },
  ],
});

const yesNo = (description: string): JsonSchema => ({
  description,
  anyOf: [
    { type: 'boolean' },
    {
      type: 'string',
      pattern:
        '^\\s*(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|[01]|是|否|[Yy][Ee][Ss]|[Nn][Oo]|[YyNn])?\\s*$',
    },
  ],
});

const time = (description: string): JsonSchema => ({
  description: `${description} Epoch milliseconds, or a Shanghai clock time: 2026-03-10 09:00, 2026-03-10T09:00:30 or 2026-03-10.`,
  anyOf: [
    { type: 'integer' },
    {
      type: 'string',
      pattern: '^\\s*\\d{4}-\\d{2}-\\d{2}(?:[ T]\\d{2}:\\d{2}(?::\\d{2})?)?\\s*$',
    },
  ],
});

const oneOf = (description: string, values: readonly string[]): JsonSchema => ({
  description,
  type: 'string',
  enum: [...values],
});

const list = (description: string, values?: readonly string[]): JsonSchema => ({
  description: `${description} An array, or one text separated by ; (also ； or 、).`,
  anyOf: [
    {
      type: 'array',
      items: values === undefined ? { type: ['string', 'number'] } : { enum: [...values] },
    },
    { type: 'string' },
  ],
});

const nothing = { type: 'null' } as const;

/** An optional field may also be null or blank text (an empty spreadsheet cell). */
const blank: JsonSchema = {
  anyOf: [nothing, { type: 'string', pattern: '^\\s*$' }],
};

const row = (
  title: string,
  description: string,
  required: readonly string[],
  properties: Readonly<Record<string, JsonSchema>>,
): JsonSchema => ({
  $schema: DRAFT,
  title,
  description,
  type: 'object',
  required: [...required],
  properties: Object.fromEntries(
    Object.entries(properties).map(([name, schema]) => [
      name,
      required.includes(name) ? schema : { anyOf: [schema, blank] },
    ]),
  ),
});

/** One row of the units table: what {@link validateUnitRows} reads. */
export const UNIT_ROW_SCHEMA: JsonSchema = row(
  'Unit row',
  'A unit of the county (单位): the bureau, a township center, a direct unit or a school.',
  ['id', 'name', 'kind'],
  {
    id: text('Unique id of the unit.'),
    name: text('Name of the unit, as bulletins show it.'),
    kind: oneOf(
      'bureau 县教体局, township_center 乡镇中心校, direct_unit 局直单位, school 学校.',
      UNIT_KINDS,
    ),
    parentId: {
      anyOf: [text('The township center of a school; the bureau for the others.'), nothing],
    },
    staffCount: wholeNumber('Staff members (default 0); the campaign target counts them.'),
    studentCount: wholeNumber('Students (default 0).'),
    directReporting: yesNo('直报点: a school whose items skip the township review (default no).'),
  },
);

/** One row of the people table: what {@link validatePersonRows} reads. */
export const PERSON_ROW_SCHEMA: JsonSchema = row(
  'Person row',
  'Someone in a unit, with the roles they hold (人员).',
  ['id', 'name', 'unitId'],
  {
    id: text('Unique id of the person.'),
    name: text('Name, as the officer ranking shows it.'),
    unitId: text('The unit the person belongs to.'),
    roles: list('Roles held (default none).', ROLES),
    active: yesNo('Whether the person still holds their duties (default yes).'),
  },
);

const approval: JsonSchema = {
  type: 'object',
  required: ['reviewerId', 'unitId', 'at'],
  properties: {
    reviewerId: text('Who approved.'),
    unitId: text('The reviewing unit.'),
    at: time('When.'),
    revision: wholeNumber('The revision approved (default 1).'),
    edited: yesNo('Whether the review edited the item (default no).'),
    comment: { anyOf: [text('The reviewer’s comment.'), blank] },
    durationMs: {
      anyOf: [
        wholeNumber(
          'Milliseconds from opening the full item to approving it; blank: never opened.',
        ),
        blank,
      ],
    },
  },
};

const returned: JsonSchema = {
  type: 'object',
  required: ['at'],
  properties: {
    by: text('Who returned the item.'),
    at: time('When.'),
    reason: text('Why.'),
    stage: oneOf('The review that returned it (default unit_review).', [
      'unit_review',
      'bureau_review',
    ]),
  },
};

/** One row of the items table (submissions): what {@link validateItemRows} reads. */
export const ITEM_ROW_SCHEMA: JsonSchema = row(
  'Item row',
  'A news item (稿件) as the evaluation reads it.',
  ['id', 'unitId', 'category', 'eventAt'],
  {
    id: text('Unique id of the item.'),
    unitId: text('The unit that wrote it; a school’s items count for its township center.'),
    authorIds: list('Authors, who share its points on the officer ranking (default none).'),
    category: oneOf(
      'news 工作动态, activity 特色活动, meeting 会议报道, exemplar 典型宣传, experience 经验做法, hotspot 热点回应, major 重大信息.',
      CATEGORIES,
    ),
    eventAt: time('When the event happened.'),
    submittedToBureauAt: {
      anyOf: [time('When the item first reached bureau review; blank if it never did.'), nothing],
    },
    quality: yesNo('精品: the bureau’s quality mark (default no).'),
    qualityMark: {
      description: 'The quality mark as a Submission holds it (instead of quality).',
      anyOf: [
        {
          type: 'object',
          properties: { by: text('Who set it.'), at: time('When.') },
        },
        nothing,
      ],
    },
    approvals: {
      description: 'Unit approvals, for review depth (default none).',
      anyOf: [{ type: 'array', items: approval }, nothing],
    },
    returns: {
      description: 'Returns to the authors (default none).',
      anyOf: [{ type: 'array', items: returned }, nothing],
    },
  },
);

/** One row of the adoptions table: what {@link validateAdoptionRows} reads. */
export const ADOPTION_ROW_SCHEMA: JsonSchema = row(
  'Adoption row',
  'An outlet published one item, or several merged into one piece (采用).',
  ['id', 'submissionIds', 'level', 'publishedAt'],
  {
    id: text('Unique id of the adoption.'),
    submissionIds: list('The credited items; several share the points of a merged piece.'),
    level: oneOf(
      'bureau 局网站/公众号, county 县级, city 市级, province 省级, national 国家级.',
      ADOPTION_LEVELS,
    ),
    headline: yesNo('头版头条 (default no).'),
    publishedAt: time('The publication date; decides the period it scores in.'),
    instructionLevel: oneOf(
      'The level of a leader’s instruction (批示), if any.',
      INSTRUCTION_LEVELS,
    ),
    instructionAt: time('When the instruction was given; required with instructionLevel.'),
    instruction: {
      description: 'The instruction as an Adoption holds it (instead of the two fields above).',
      anyOf: [
        {
          type: 'object',
          required: ['level', 'at'],
          properties: {
            level: oneOf('The leader’s level.', INSTRUCTION_LEVELS),
            at: time('When it was given.'),
          },
        },
        nothing,
      ],
    },
  },
);

/** The four row schemas by the file name they ship under in `schemas/`. */
export const ROW_SCHEMAS = {
  'unit-row': UNIT_ROW_SCHEMA,
  'person-row': PERSON_ROW_SCHEMA,
  'item-row': ITEM_ROW_SCHEMA,
  'adoption-row': ADOPTION_ROW_SCHEMA,
} as const satisfies Readonly<Record<string, JsonSchema>>;
