/** DESIGN §2: the categories and states of a submission, in the order people think of them. */
export const CATEGORIES = [
  'news',
  'activity',
  'meeting',
  'exemplar',
  'experience',
  'hotspot',
  'major',
] as const;
export const STATES = [
  'draft',
  'unit_review',
  'bureau_review',
  'adopted',
  'not_adopted',
  'returned',
  'withdrawn',
] as const;
export const ADOPTION_LEVELS = ['bureau', 'county', 'city', 'province', 'national'] as const;
export const INSTRUCTION_LEVELS = ['county', 'city', 'province', 'national'] as const;
