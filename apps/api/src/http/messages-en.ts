/**
 * The English words of the API's own refusals (DESIGN §6: server messages follow the chosen
 * language). The domain's refusals carry their English from the domain's catalogue
 * (`formatError`); these are the codes the API itself answers with. A message here names no
 * numbers or names the Chinese one carries: the code decides the sentence, the form shows
 * the field.
 */
export const API_MESSAGES_EN: Readonly<Record<string, string>> = {
  'ADJUSTMENT.ALREADY_COUNTERED': 'This bonus or deduction has already been revoked',
  'ADJUSTMENT.NOT_FOUND': 'The bonus or deduction does not exist',
  'ADOPTION.ALREADY_COUNTERED': 'This adoption has already been revoked',
  'ADOPTION.DUPLICATE_LEVEL':
    'This item already has an adoption at this level, which counts once; revoke the earlier record to correct it',
  'ADOPTION.INSTRUCTION_BEFORE_PUBLICATION':
    'The instruction cannot be dated before the publication',
  'ADOPTION.INSTRUCTION_EXISTS':
    'This adoption already has an instruction or was revoked; revoke it and record it again to correct it',
  'ADOPTION.INSTRUCTION_IN_FUTURE': 'The instruction cannot be dated after today',
  'ADOPTION.NOT_BUREAU_REVIEWER': 'Only a bureau reviewer or an administrator may do this',
  'ADOPTION.NOT_FOUND': 'The adoption does not exist',
  'ADOPTION.SCREENSHOT_IN_USE': 'This screenshot is already used by another adoption',
  'ADOPTION.UNKNOWN_SCREENSHOT': 'The screenshot does not exist; upload it first',
  'APPEAL.NOT_FOUND': 'This bulletin has no such appeal',
  'ATTACHMENT.NOT_FOUND': 'The attachment does not exist',
  'AUTH.INVALID_CREDENTIALS': 'The username or password is not correct',
  'AUTH.REQUIRED': 'Please log in first',
  'AUTH.SAME_PASSWORD': 'The new password must differ from the current one',
  'AUTH.WRONG_PASSWORD': 'The current password is not correct',
  'BULLETIN.ALREADY_PUBLISHED': 'The bulletin is already published',
  'BULLETIN.APPEAL_EXISTS': 'Your unit has already appealed against this bulletin',
  'BULLETIN.APPEAL_RESOLVED': 'This appeal has already been answered',
  'BULLETIN.NOT_FOUND': 'The bulletin does not exist',
  'CAMPAIGN.CONFLICT': 'Another subscription was being recorded at the same time; try again',
  'CAMPAIGN.DUPLICATE_TITLE': 'The catalogue already has a title of this name',
  'CAMPAIGN.IDEMPOTENCY_CONFLICT': 'This request key was already used for a different record',
  'CAMPAIGN.NOT_FOUND': 'The campaign does not exist',
  'CAMPAIGN.PERIODICAL_NOT_FOUND': 'The catalogue has no such title',
  'CHAT.BINDING_NOT_FOUND': 'The link does not exist or has already ended',
  'DB.UNREACHABLE': 'The database cannot be reached',
  'EXPORT.TOO_MANY': 'You already have exports running; wait for them to finish',
  'EXPORT.TOO_MANY_ROWS': 'Too many rows for one export; narrow the filter',
  'FORBIDDEN.ADMIN_ONLY': 'Only an administrator may do this',
  'FORBIDDEN.UNIT': 'You may not see another unit’s data',
  'IMPORT.CHANGED':
    'Units or people changed during the import; preview again. Nothing was imported',
  'IMPORT.HAS_ERRORS': 'Some rows have errors; correct them and upload again. Nothing was imported',
  'IMPORT.NO_BUREAU': 'The county bureau is not set up yet; finish the first-run setup',
  'IMPORT.TOO_LARGE': 'The file is too large',
  'INCIDENT.NOT_FOUND': 'The incident does not exist',
  'INCIDENT.STALE': 'Someone else updated this incident; refresh and try again',
  'LINK_CODE.EXPIRED': 'The link code has expired; make a new one in the console',
  'LINK_CODE.FORBIDDEN': 'You may not make or revoke this link code',
  'LINK_CODE.NOT_FOUND': 'The link code does not exist',
  'LINK_CODE.PERSON_INACTIVE': 'This person is inactive',
  'LINK_CODE.PERSON_NOT_FOUND': 'The person does not exist',
  'LINK_CODE.UNIT_INACTIVE': 'The unit is inactive',
  'LINK_CODE.UNIT_NOT_FOUND': 'The unit does not exist',
  'LINK_CODE.UNKNOWN': 'The link code is not known; check it and try again',
  'LINK_CODE.USED': 'The link code has already been used',
  'NOTIFICATION.NOT_FOUND': 'You have no such notification',
  'OUTBOX.CHANGED': 'This notification just changed; refresh and try again',
  'OUTBOX.DELIVERED': 'This notification was delivered; no need to send it again',
  'OUTBOX.NOT_FAILED': 'This notification is waiting to be sent; no need to send it again',
  'OUTBOX.NOT_FOUND': 'The notification does not exist',
  'OUTBOX.NO_CHAT':
    'The recipient has no linked chat account yet: it will be sent once linked, and it is in their inbox',
  'PENALTY.ALREADY_VOIDED': 'This deduction has already been voided',
  'PENALTY.DERIVED':
    'Late-report deductions are computed from the timeliness of major items and need no entry',
  'PENALTY.NOT_ADMIN': 'Only an administrator may do this',
  'PENALTY.NOT_A_REPORTING_UNIT': 'The county bureau itself is not a reporting unit',
  'PENALTY.NOT_FOUND': 'The deduction does not exist',
  'PERSON.NOT_FOUND': 'The person does not exist',
  'PERSON.SELF_LOCKOUT': 'You cannot deactivate yourself or remove your own administrator role',
  'PERSON.UNIT_INACTIVE': 'The unit is inactive',
  'PERSON.UNIT_NOT_FOUND': 'The unit does not exist',
  'PERSON.USERNAME_TAKEN': 'This username is already taken',
  'REQUEST.NOT_JSON': 'The request must be JSON (Content-Type: application/json)',
  'REQUEST.TOO_LARGE': 'The request is too large',
  'SCHEME.STALE': 'Someone else changed the evaluation scheme; refresh and try again',
  'SETUP.BAD_TOKEN': 'The setup token is not correct: use the setup link printed at start',
  'SETUP.DONE': 'The system is already set up; the setup page is closed',
  'SETUP.REQUIRED':
    'The system is not set up yet: open the setup link printed at start, or run pnpm setup:admin on the server',
  'SUBMISSION.IDEMPOTENCY_CONFLICT': 'This request key was already used; try again with a new one',
  'SUBMISSION.NOT_FOUND': 'The item does not exist',
  'SUBMISSION.STALE': 'Someone else changed this item; refresh and try again',
  'SUBMISSION.UNKNOWN_ATTACHMENT': 'The attachment does not exist or belongs to another item',
  'SUBMISSION.UNKNOWN_AUTHOR': 'A co-author does not exist or is not in this unit',
  'UNIT.BUREAU_EXISTS': 'There is only one county bureau',
  'UNIT.BUREAU_FIXED': 'The county bureau is the root of the unit tree and cannot move',
  'UNIT.BUREAU_REQUIRED': 'The county bureau cannot be deactivated or merged',
  'UNIT.CODE_TAKEN': 'This unit code is already taken',
  'UNIT.DIRECT_REPORTING_SCHOOL_ONLY': 'Only a school can report directly',
  'UNIT.HAS_ACTIVE_CHILDREN': 'This unit still has units under it; merge or move them first',
  'UNIT.ITEMS_UNDER_REVIEW': 'This unit has items under review; finish reviewing them first',
  'UNIT.MOVE_INTO_DESCENDANT': 'A unit cannot move under itself or one of its own units',
  'UNIT.NOT_FOUND': 'The unit does not exist',
  'UNIT.PARENT_INACTIVE': 'The parent unit was merged; choose another parent unit',
  'UNIT.PARENT_NOT_FOUND': 'The parent unit does not exist',
  'UPLOAD.NOT_AN_IMAGE': 'Only JPEG, PNG, GIF or WebP images can be uploaded',
  'UPLOAD.NOT_MULTIPART': 'Upload the file as multipart/form-data',
  'UPLOAD.TOO_LARGE': 'The file is too large',
  VALIDATION: 'Some fields are not valid',
  'VALIDATION.REFUSED': 'The request did not pass validation',
  INTERNAL: 'Something went wrong on the server; try again later',
  NOT_FOUND: 'No such address',
};

/**
 * Whether the request asks for English first (`Accept-Language: en`, `en-US,en;q=0.9`).
 * Chinese is the default for everything else.
 *
 * @example
 * prefersEnglish('en-GB,en;q=0.9,zh;q=0.5'); // true
 */
export function prefersEnglish(header: string | undefined): boolean {
  if (header === undefined) return false;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find((x) => x !== undefined);
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((x) => x.tag !== '' && x.q > 0)
    .sort((a, b) => b.q - a.q);
  const first = ranked.find((x) => x.tag.startsWith('en') || x.tag.startsWith('zh'));
  return first?.tag.startsWith('en') ?? false;
}
