import type { FieldProblem } from './report-rules.js';

/**
 * The API's password policy minimum (apps/api auth/password-policy.ts), told before the request
 * leaves the phone; the common-password and username checks stay with the server.
 */
export const MIN_PASSWORD_LENGTH = 10;

export function passwordProblems(input: {
  readonly current: string;
  readonly next: string;
  readonly again: string;
}): FieldProblem | null {
  if (input.current === '') return { key: 'me.rules.currentRequired' };
  if (input.next.length < MIN_PASSWORD_LENGTH)
    return { key: 'me.rules.tooShort', params: { min: MIN_PASSWORD_LENGTH } };
  if (input.next !== input.again) return { key: 'me.rules.mismatch' };
  if (input.next === input.current) return { key: 'me.rules.same' };
  return null;
}
