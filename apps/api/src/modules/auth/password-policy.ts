/** What a password must be before it is stored (DESIGN §6). */
import { readFileSync } from 'node:fs';
import { ServiceError } from '../../shared/errors.js';

/** Shortest password accepted for a console login. */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

// The 10,000 most common passwords, lower-cased (common-passwords.LICENSE.txt says where they
// come from). Read once: the list is fixed data, not state.
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line !== ''),
);

/** Why a password may not be used, or null when it may. */
export interface PasswordProblem {
  readonly code:
    'PASSWORD.TOO_SHORT' | 'PASSWORD.TOO_LONG' | 'PASSWORD.IS_USERNAME' | 'PASSWORD.COMMON';
  readonly message: string;
}

/**
 * Checks a new password against the policy: at least {@link MIN_PASSWORD_LENGTH} characters,
 * not the username (in any case), not one of the 10,000 most common passwords (in any case).
 */
export function passwordProblem(password: string, username: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH)
    return { code: 'PASSWORD.TOO_SHORT', message: `密码至少 ${MIN_PASSWORD_LENGTH} 个字符` };
  if (length > MAX_PASSWORD_LENGTH)
    return { code: 'PASSWORD.TOO_LONG', message: `密码最多 ${MAX_PASSWORD_LENGTH} 个字符` };
  const lower = password.toLowerCase();
  if (username !== '' && lower === username.trim().toLowerCase())
    return { code: 'PASSWORD.IS_USERNAME', message: '密码不能与用户名相同' };
  if (COMMON_PASSWORDS.has(lower))
    return { code: 'PASSWORD.COMMON', message: '这是最常见的密码之一，请换一个更难猜的密码' };
  return null;
}

/** Throws an `invalid` error naming the field `path` when the password breaks the policy. */
export function assertPasswordPolicy(password: string, username: string, path: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new ServiceError('invalid', problem.code, problem.message, { path });
}
