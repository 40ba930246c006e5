/** DESIGN §2: every role a person may hold. */
export const ROLES = [
  'head',
  'deputy',
  'officer',
  'opinion_officer',
  'reviewer',
  'leader',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];
