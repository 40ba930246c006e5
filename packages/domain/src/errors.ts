/**
 * Every error code of the library and the kind of failure each one is. The kind is what an
 * app needs to decide how to answer (an HTTP status, a toast or a retry); the code says which
 * rule refused. Both are part of the public contract: a code is never renamed, and its kind
 * only changes with a note in the changelog.
 */

/**
 * What kind of failure an error is:
 * - `invalid`: the input breaks a rule; correcting it helps.
 * - `not_found`: the thing acted on does not exist.
 * - `forbidden`: this person may not do this.
 * - `conflict`: the thing is not in a state that allows it (already done, changed meanwhile).
 * - `limit`: a quota or rate was exhausted; waiting helps.
 * - `unavailable`: something the rule depends on cannot be reached now.
 */
export type ErrorKind =
  'invalid' | 'not_found' | 'forbidden' | 'conflict' | 'limit' | 'unavailable';

/** Every {@link ErrorKind}. */
export const ERROR_KINDS: readonly ErrorKind[] = [
  'invalid',
  'not_found',
  'forbidden',
  'conflict',
  'limit',
  'unavailable',
];

/**
 * The one table from error code to kind. A code that is not listed here cannot be raised:
 * {@link ErrorCode} is derived from it.
 */
const KIND_OF = {
  // Submissions and their workflow (rules §3).
  'SUBMISSION.ALREADY_APPROVED': 'conflict',
  'SUBMISSION.ALREADY_EXISTS': 'conflict',
  'SUBMISSION.APPROVAL_UNDECIDED': 'invalid',
  'SUBMISSION.AUTHORS_FIXED': 'invalid',
  'SUBMISSION.EMPTY_BODY': 'invalid',
  'SUBMISSION.EMPTY_TITLE': 'invalid',
  'SUBMISSION.ILLEGAL_TRANSITION': 'conflict',
  'SUBMISSION.INACTIVE_ACTOR': 'forbidden',
  'SUBMISSION.INVALID_EVENT_TIME': 'invalid',
  'SUBMISSION.NOT_ALLOWED': 'forbidden',
  'SUBMISSION.NOT_AUTHOR': 'forbidden',
  'SUBMISSION.NOT_A_REPORTING_UNIT': 'invalid',
  'SUBMISSION.NOT_BUREAU_REVIEWER': 'forbidden',
  'SUBMISSION.NOT_FOUND': 'not_found',
  'SUBMISSION.NOT_REVIEWER': 'forbidden',
  'SUBMISSION.NOT_SIGNED_OFF': 'invalid',
  'SUBMISSION.NO_CHANGE': 'invalid',
  'SUBMISSION.NO_SUCH_REVISION': 'not_found',
  'SUBMISSION.OWN_ITEM': 'forbidden',
  'SUBMISSION.REASON_REQUIRED': 'invalid',
  'SUBMISSION.STALE': 'conflict',
  'SUBMISSION.UNKNOWN_CATEGORY': 'invalid',
  'SUBMISSION.UNKNOWN_COMMAND': 'invalid',

  // Adoptions and leader instructions (rules §3.5, §5).
  'ADOPTION.BAD_CREDITS': 'invalid',
  'ADOPTION.INSTRUCTION_EXISTS': 'invalid',
  'ADOPTION.INVALID_DATE': 'invalid',
  'ADOPTION.NOT_AT_BUREAU': 'invalid',
  'ADOPTION.NOT_BUREAU_REVIEWER': 'forbidden',
  'ADOPTION.PROOF_REQUIRED': 'invalid',
  'ADOPTION.UNKNOWN_LEVEL': 'invalid',
  'ADOPTION.UNKNOWN_SUBMISSION': 'invalid',

  // Manual adjustments of a unit's score (rules §5.6).
  'ADJUSTMENT.ALREADY_COUNTERED': 'conflict',
  'ADJUSTMENT.INVALID_POINTS': 'invalid',
  'ADJUSTMENT.IS_COUNTER': 'invalid',
  'ADJUSTMENT.NOT_ADMIN': 'forbidden',
  'ADJUSTMENT.REASON_REQUIRED': 'invalid',

  // Evaluation periods.
  'PERIOD.INVALID_KEY': 'invalid',

  // Dates and times read from text on a Shanghai clock (rules §1.1).
  'DATETIME.INVALID_FORMAT': 'invalid',
  'DATETIME.IMPOSSIBLE': 'invalid',

  // Plain rows of a county (units, people, items, adoptions) brought from outside (rules §6.7);
  // `path` names the row and field, `items[2].eventAt`.
  'ROWS.ADOPTED_BEFORE_BUREAU': 'invalid',
  'ROWS.BUREAU_ITEM': 'invalid',
  'ROWS.INVALID_VALUE': 'invalid',
  'ROWS.NOT_AN_OBJECT': 'invalid',
  'ROWS.NOT_AT_BUREAU': 'invalid',
  'ROWS.NOT_A_LIST': 'invalid',
  'ROWS.REPEATED_ID': 'invalid',
  'ROWS.REQUIRED': 'invalid',
  'ROWS.SCHOOL_WITHOUT_CENTER': 'invalid',
  'ROWS.UNKNOWN_REFERENCE': 'invalid',

  // The scheme document (rules §1.3); each names the offending field in `path`.
  'SCHEME.BAD_DATE': 'invalid',
  'SCHEME.BAD_TIME': 'invalid',
  'SCHEME.BAD_WEIGHTS': 'invalid',
  'SCHEME.DATE_OUTSIDE_YEAR': 'invalid',
  'SCHEME.DEADLINES_OUT_OF_ORDER': 'invalid',
  'SCHEME.DUPLICATE_DATE': 'conflict',
  'SCHEME.ESCALATION_BEFORE_REMINDER': 'invalid',
  'SCHEME.HOLIDAY_AND_WORKDAY': 'invalid',
  // A repeated topic was answered with 409 since the first API; kept so that no status moves,
  // and a repeated stock phrase is answered alike.
  'SCHEME.DUPLICATE_STOCK_PHRASE': 'conflict',
  'SCHEME.DUPLICATE_TOPIC': 'conflict',
  'SCHEME.EMPTY_STOCK_PHRASE': 'invalid',
  'SCHEME.LONG_STOCK_PHRASE': 'invalid',
  'SCHEME.STOCK_PHRASES_NOT_A_LIST': 'invalid',
  'SCHEME.TOO_MANY_STOCK_PHRASES': 'invalid',
  'SCHEME.EMPTY_TOPIC': 'invalid',
  'SCHEME.MISSING': 'invalid',
  'SCHEME.NEGATIVE': 'invalid',
  'SCHEME.NOT_AN_INTEGER': 'invalid',
  'SCHEME.NOT_AN_OBJECT': 'invalid',
  'SCHEME.NOT_A_LIST': 'invalid',
  'SCHEME.NOT_A_NUMBER': 'invalid',
  'SCHEME.OVERLAPPING_PERIODS': 'invalid',
  'SCHEME.QUIET_HOURS_TOO_LONG': 'invalid',
  'SCHEME.TOO_LARGE': 'invalid',
  'SCHEME.TOO_SMALL': 'invalid',
  'SCHEME.UNKNOWN_CATEGORY': 'invalid',
  'SCHEME.UNKNOWN_KEY': 'invalid',
  'SCHEME.UNKNOWN_LEVEL': 'invalid',
  'SCHEME.UNKNOWN_PERIOD': 'invalid',
  'SCHEME.UNKNOWN_STACKING': 'invalid',
  'SCHEME.UNKNOWN_UNIT_KIND': 'invalid',

  // Bulletins and appeals (rules §6.5).
  'BULLETIN.ALREADY_APPEALED': 'conflict',
  'BULLETIN.ALREADY_PUBLISHED': 'conflict',
  'BULLETIN.APPEALS_PENDING': 'invalid',
  'BULLETIN.APPEAL_RESOLVED': 'invalid',
  'BULLETIN.APPEAL_WINDOW_CLOSED': 'invalid',
  'BULLETIN.APPEAL_WINDOW_OPEN': 'invalid',
  'BULLETIN.NOT_ALLOWED': 'forbidden',
  'BULLETIN.NO_SUCH_APPEAL': 'not_found',
  'BULLETIN.REASON_REQUIRED': 'invalid',
  'BULLETIN.WRONG_PERIOD': 'invalid',

  // Public-opinion incidents (rules §7).
  'INCIDENT.DISCOVERED_IN_FUTURE': 'invalid',
  'INCIDENT.ILLEGAL_TRANSITION': 'conflict',
  'INCIDENT.INVALID_LINK': 'invalid',
  'INCIDENT.INVALID_VALUE': 'invalid',
  'INCIDENT.NOTE_REQUIRED': 'invalid',
  'INCIDENT.NOT_PERMITTED': 'forbidden',
  'INCIDENT.OTHER_UNIT': 'forbidden',
  'INCIDENT.REQUIRED': 'invalid',
  // A field naming a person of another unit is a form error the person can correct, not a
  // refusal of who they are.
  'INCIDENT.RESPONSIBLE_OTHER_UNIT': 'invalid',
  'INCIDENT.SAME_SEVERITY': 'invalid',
  'INCIDENT.TOO_LONG': 'invalid',
  'INCIDENT.UNKNOWN_PERSON': 'invalid',
  'INCIDENT.UNKNOWN_UNIT': 'invalid',

  // The subscription campaign (rules §8).
  'CAMPAIGN.DUPLICATE_RECORD': 'conflict',
  'CAMPAIGN.INVALID_CATALOGUE': 'invalid',
  'CAMPAIGN.INVALID_COPIES': 'invalid',
  'CAMPAIGN.INVALID_FUND_SOURCE': 'invalid',
  'CAMPAIGN.INVALID_SETTINGS': 'invalid',
  'CAMPAIGN.INVALID_TARGET': 'invalid',
  'CAMPAIGN.NOT_PERMITTED': 'forbidden',
  'CAMPAIGN.NOT_PUBLIC_FUND_ELIGIBLE': 'invalid',
  'CAMPAIGN.OVER_CAP': 'invalid',
  'CAMPAIGN.STUDENT_MANDATORY': 'invalid',
  'CAMPAIGN.UNKNOWN_PERSON': 'invalid',
  'CAMPAIGN.UNKNOWN_TITLE': 'invalid',
  'CAMPAIGN.UNKNOWN_UNIT': 'invalid',

  // Reminder settings (rules §9).
  'REMINDER.INVALID_SETTINGS': 'invalid',
} as const satisfies Readonly<Record<string, ErrorKind>>;

/** Every error code the library raises, e.g. `SUBMISSION.NOT_REVIEWER`. */
export type ErrorCode = keyof typeof KIND_OF;

function isOwnKey<T extends object>(table: T, key: PropertyKey): key is keyof T {
  return Object.prototype.hasOwnProperty.call(table, key);
}

/** Every {@link ErrorCode}, grouped by the part of the rules it comes from. */
export const ERROR_CODES: readonly ErrorCode[] = Object.keys(KIND_OF).filter(
  (code): code is ErrorCode => isOwnKey(KIND_OF, code),
);

/**
 * Whether a string is one of the library's {@link ErrorCode}s (e.g. read back from a log).
 *
 * @example
 * ```ts
 * isErrorCode('SUBMISSION.STALE'); // true
 * isErrorCode('SUBMISSION.GONE'); // false
 * ```
 */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && isOwnKey(KIND_OF, value);
}

/**
 * The kind of failure an error code is.
 *
 * @example
 * ```ts
 * errorKind('SUBMISSION.NOT_REVIEWER'); // 'forbidden'
 * errorKind('SUBMISSION.STALE'); // 'conflict'
 * ```
 */
export function errorKind(code: ErrorCode): ErrorKind {
  return KIND_OF[code];
}
