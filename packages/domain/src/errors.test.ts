import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_KINDS, errorKind, isErrorCode, type ErrorKind } from './errors.js';
import { domainError } from './result.js';

/*
 * Until error codes carried a kind, the API chose a status by matching these patterns against
 * the code (apps/api/src/http/domain-errors.ts, checked in until the kinds replaced it). They
 * are copied here only as the record of the statuses clients have seen, so that moving to
 * kinds provably keeps every status; they are not used to decide anything.
 */
const STATUS_BY_SUFFIX_BEFORE_KINDS: readonly (readonly [RegExp, number])[] = [
  [/\.RESPONSIBLE_OTHER_UNIT$/, 422],
  [/(NOT_FOUND|\.NO_SUCH_[A-Z_]+)$/, 404],
  [
    /\.(STALE|CONFLICT|ALREADY_[A-Z_]+|ILLEGAL_TRANSITION|NOT_ALLOWED_IN_STATE|WRONG_STATE|DUPLICATE[A-Z_]*)$/,
    409,
  ],
  [
    /[._](FORBIDDEN|NOT_[A-Z_]*ROLE|NOT_[A-Z_]*REVIEWER|NOT_ADMIN|NOT_ALLOWED|INACTIVE_ACTOR|NOT_AUTHOR|NOT_APPROVER|FOREIGN_UNIT|OTHER_UNIT|SELF_APPROVAL|OWN_[A-Z_]+|NOT_PERMITTED|NO_PERMISSION)$/,
    403,
  ],
];

function statusBeforeKinds(code: string): number {
  for (const [pattern, status] of STATUS_BY_SUFFIX_BEFORE_KINDS) {
    if (pattern.test(code)) return status;
  }
  return 422;
}

/** The status each kind stood for when every domain error was one of these four. */
const KIND_OF_STATUS: Readonly<Record<number, ErrorKind>> = {
  404: 'not_found',
  409: 'conflict',
  403: 'forbidden',
  422: 'invalid',
};

describe('error codes', () => {
  it.each(ERROR_CODES)('%s keeps the status it was answered with before kinds', (code) => {
    expect(errorKind(code)).toBe(KIND_OF_STATUS[statusBeforeKinds(code)]);
  });

  it('are all of the form AREA.REASON, in capitals', () => {
    for (const code of ERROR_CODES) expect(code).toMatch(/^[A-Z]+\.[A-Z_]+$/);
  });

  it('are listed once each', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });

  it('each have one of the six kinds', () => {
    for (const code of ERROR_CODES) expect(ERROR_KINDS).toContain(errorKind(code));
  });

  it('can be recognised in untrusted text', () => {
    expect(isErrorCode('SUBMISSION.STALE')).toBe(true);
    expect(isErrorCode('SUBMISSION.NOPE')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode(42)).toBe(false);
  });

  it('give every raised error its kind', () => {
    expect(domainError('SUBMISSION.NOT_FOUND').kind).toBe('not_found');
    expect(domainError('SUBMISSION.OWN_ITEM', { params: { command: 'approve' } }).kind).toBe(
      'forbidden',
    );
    expect(domainError('SCHEME.NOT_A_NUMBER', { params: { path: 'year' } }).kind).toBe('invalid');
  });
});
