/**
 * The submission workflow (rules §3.1–3.3): states, revisions, unit sign-off and bureau decision,
 * as one pure transition function `(submission, command, actor, now) → Result`.
 *
 * `draft` → `unit_review` → `bureau_review` → `adopted` | `not_adopted`, plus `returned`
 * (back to the authors with a reason, from either review) and `withdrawn` (by an author before
 * bureau review). A school's item is reviewed by its township center (the officer edits, a
 * deputy or the head approves); a direct-reporting school's item goes straight to the bureau.
 */
import { choiceOf, type ActionChoice } from './actions.js';
import { diffText, type TextDiffOp } from './diff.js';
import type { ErrorCode } from './errors.js';
import { holdsRole, reviewUnitIdOf, type Person, type Unit } from './org.js';
import {
  domainError,
  err,
  ok,
  type DomainError,
  type DomainErrorArgs,
  type Result,
} from './result.js';
import { normalisedPhrase, type Scheme } from './scheme.js';
import { isCategory, type Category } from './vocabulary.js';

/** Every state of a submission. */
export const SUBMISSION_STATES = [
  'draft',
  'unit_review',
  'bureau_review',
  'adopted',
  'not_adopted',
  'returned',
  'withdrawn',
] as const;
/** The workflow state of a submission. */
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

/** The editable content of a submission; each revision holds a full copy. */
export interface SubmissionContent {
  readonly title: string;
  readonly body: string;
  readonly category: Category;
  /** Focus tags of the year (宣传重点). */
  readonly topics: readonly string[];
  /** When the reported event happened (epoch ms). */
  readonly eventAt: number;
  /** Storage keys of photos and files. */
  readonly attachments: readonly string[];
}

/** A field of {@link SubmissionContent}. */
export type ContentField = keyof SubmissionContent;
const CONTENT_FIELDS: readonly ContentField[] = [
  'title',
  'body',
  'category',
  'topics',
  'eventAt',
  'attachments',
];

/** One version of the content: who made it, when, and which fields changed. */
export interface Revision {
  /** 1 for the first version, then +1 per edit. */
  readonly number: number;
  readonly authorId: string;
  readonly at: number;
  readonly content: SubmissionContent;
  /** Fields that differ from the previous revision (all fields for revision 1). */
  readonly changedFields: readonly ContentField[];
  readonly note: string | null;
}

/**
 * A unit approval bound to one exact revision (rules §3.3). `edited` is true when the unit's
 * review changed the item (a revision by someone other than its authors during this review);
 * otherwise the reviewer explicitly declared "reviewed, no change", optionally with a comment.
 */
export interface Approval {
  readonly reviewerId: string;
  /** The reviewing unit (the township center for a school's item). */
  readonly unitId: string;
  readonly at: number;
  readonly revision: number;
  readonly edited: boolean;
  readonly comment: string | null;
  /**
   * Time from the reviewer opening the full item (as the server recorded it) to the approval;
   * null when this reviewer never opened it (rules §3.4).
   */
  readonly durationMs: number | null;
}

/** A return to the authors with a reason. */
export interface ReturnRecord {
  readonly by: string;
  readonly at: number;
  readonly reason: string;
  readonly stage: 'unit_review' | 'bureau_review';
}

/** The bureau's decision on an item. */
export interface BureauDecision {
  readonly by: string;
  readonly at: number;
  readonly adopted: boolean;
  readonly comment: string | null;
}

/** Where an item was started: the console or a quick report (快报) from a chat. */
export type SubmissionSource = 'console' | 'chat';

/**
 * A news item with its whole history, as the API persists it. The content fields at the top
 * level are those of the current revision.
 */
export interface Submission extends SubmissionContent {
  readonly id: string;
  /** The unit that wrote the item (a school, a township center or a direct unit). */
  readonly unitId: string;
  /** The unit that reviews it; null when the item skips unit review (直报点). */
  readonly reviewUnitId: string | null;
  /** The authors (the creator first, then co-authors); they share the item's points. */
  readonly authorIds: readonly string[];
  readonly state: SubmissionState;
  /** Optimistic concurrency: +1 on every change; commands may state the version they saw. */
  readonly version: number;
  readonly source: SubmissionSource;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly revisions: readonly Revision[];
  /** The number of the current revision. */
  readonly revision: number;
  /** When the item last entered unit review. */
  readonly submittedAt: number | null;
  /** When the current unit review round started (entry into review or the last edit). */
  readonly reviewSince: number | null;
  /** The valid sign-off of the current revision, if any; an edit voids it. */
  readonly signOff: Approval | null;
  /** Every approval ever given, for review depth. */
  readonly approvals: readonly Approval[];
  /** When the item first reached bureau review; decides its period and timeliness. */
  readonly submittedToBureauAt: number | null;
  readonly returns: readonly ReturnRecord[];
  /** The reason of the latest return while the item is `returned`. */
  readonly returnedReason: string | null;
  readonly withdrawnAt: number | null;
  readonly decision: BureauDecision | null;
  /** The quality mark 精品, set by a bureau reviewer. */
  readonly qualityMark: { readonly by: string; readonly at: number } | null;
}

/** Content given when creating an item; attachments and topics may be omitted. */
export type NewContent = Omit<SubmissionContent, 'attachments' | 'topics'> & {
  readonly topics?: readonly string[];
  readonly attachments?: readonly string[];
};

/** Commands of the workflow. `expectedVersion`, when given, must equal the current version. */
export type SubmissionCommand =
  | {
      readonly type: 'create';
      readonly id: string;
      /** The writing unit as it is now (its kind, township center and 直报点 flag route the review). */
      readonly unit: Unit;
      readonly content: NewContent;
      readonly coAuthorIds?: readonly string[];
      readonly source?: SubmissionSource;
    }
  | {
      readonly type: 'edit';
      readonly changes: Partial<SubmissionContent>;
      /**
       * The co-authors after the edit, replacing the current ones; the creator stays the first
       * author. Only while the item is a draft or returned ({@link AUTHORS_EDITABLE}).
       */
      readonly coAuthorIds?: readonly string[];
      readonly note?: string;
      readonly expectedVersion?: number;
    }
  | {
      readonly type: 'submit';
      /** The writing unit as it is now, to re-route the review if it changed since creation. */
      readonly unit?: Unit;
      readonly expectedVersion?: number;
    }
  | {
      readonly type: 'approve';
      /** An edit made with the approval (a new revision, signed off at once). */
      readonly changes?: Partial<SubmissionContent>;
      /** Required without changes: the explicit "reviewed, no change" (审阅无修改). */
      readonly noChange?: boolean;
      readonly comment?: string;
      /**
       * When this reviewer last opened the full item at this revision, as the server recorded
       * it (rules §3.4: never a time the client states). Absent: never opened.
       */
      readonly openedAt?: number;
      /** Approve and forward to the bureau at once (通过并报送); default true. */
      readonly forward?: boolean;
      readonly expectedVersion?: number;
    }
  | { readonly type: 'forward'; readonly expectedVersion?: number }
  | { readonly type: 'return'; readonly reason: string; readonly expectedVersion?: number }
  | { readonly type: 'withdraw'; readonly expectedVersion?: number }
  | { readonly type: 'adopt'; readonly comment?: string; readonly expectedVersion?: number }
  | { readonly type: 'not_adopt'; readonly comment?: string; readonly expectedVersion?: number }
  | { readonly type: 'mark_quality'; readonly quality: boolean; readonly expectedVersion?: number };

/** The type of a workflow command. */
export type SubmissionCommandType = SubmissionCommand['type'];

/** Every {@link SubmissionCommandType}, `create` first. */
export const SUBMISSION_COMMAND_TYPES = [
  'create',
  'edit',
  'submit',
  'approve',
  'forward',
  'return',
  'withdraw',
  'adopt',
  'not_adopt',
  'mark_quality',
] as const satisfies readonly SubmissionCommandType[];

// Every command type is listed above: a new command added to the union fails to compile here.
const everyCommandListed: [
  Exclude<SubmissionCommandType, (typeof SUBMISSION_COMMAND_TYPES)[number]>,
] extends [never]
  ? true
  : never = true;
void everyCommandListed;

/**
 * Whether a value read at run time (a request, a chat button) is a command type.
 *
 * @example
 * ```ts
 * isSubmissionCommandType(request.body.type); // narrows a command read at run time
 * ```
 */
export function isSubmissionCommandType(value: unknown): value is SubmissionCommandType {
  return (
    typeof value === 'string' && (SUBMISSION_COMMAND_TYPES as readonly string[]).includes(value)
  );
}

/** What happened, for the audit log, notifications and reminders. */
export type SubmissionEvent =
  | {
      readonly type: 'created';
      readonly submissionId: string;
      readonly actorId: string;
      readonly at: number;
    }
  | {
      readonly type: 'revised';
      readonly submissionId: string;
      readonly actorId: string;
      readonly at: number;
      readonly revision: number;
      readonly changedFields: readonly ContentField[];
    }
  | {
      readonly type: 'sign_off_voided';
      readonly submissionId: string;
      readonly actorId: string;
      readonly at: number;
      readonly revision: number;
    }
  | {
      readonly type: 'submitted';
      readonly submissionId: string;
      readonly actorId: string;
      readonly at: number;
      /** Where the item went: unit review, or bureau review for a direct-reporting school. */
      readonly to: 'unit_review' | 'bureau_review';
      readonly reviewUnitId: string | null;
    }
  | {
      readonly type: 'approved';
      readonly submissionId: string;
      readonly actorId: string;
      readonly at: number;
      readonly approval: Approval;
    }
  | {
      readonly type: 'forwarded';
      readonly submissionId: string;
      readonly actorId: string;
      readonly at: number;
    }
  | {
      readonly type: 'returned';
      readonly submissionId: string;
      readonly actorId: string;
      readonly at: number;
      readonly reason: string;
      readonly stage: 'unit_review' | 'bureau_review';
    }
  | {
      readonly type: 'withdrawn';
      readonly submissionId: string;
      readonly actorId: string;
      readonly at: number;
    }
  | {
      readonly type: 'decided';
      readonly submissionId: string;
      readonly actorId: string;
      readonly at: number;
      readonly adopted: boolean;
    }
  | {
      readonly type: 'quality_marked';
      readonly submissionId: string;
      readonly actorId: string;
      readonly at: number;
      readonly quality: boolean;
    };

/** The outcome of a successful command. */
export interface Transition {
  readonly submission: Submission;
  readonly events: readonly SubmissionEvent[];
}

function fail<C extends ErrorCode>(code: C, ...init: DomainErrorArgs<C>): Result<never> {
  return err(domainError(code, ...init));
}

/** Whether the person is one of the item's authors. */
export function isAuthor(person: Person, submission: Pick<Submission, 'authorIds'>): boolean {
  return submission.authorIds.includes(person.id);
}

/** Whether the person belongs to the reviewing unit with a reviewing duty (officer, deputy, head). */
export function isUnitReviewStaff(
  person: Person,
  submission: Pick<Submission, 'reviewUnitId'>,
): boolean {
  return (
    submission.reviewUnitId !== null &&
    person.unitId === submission.reviewUnitId &&
    (holdsRole(person, 'officer') || holdsRole(person, 'deputy') || holdsRole(person, 'head'))
  );
}

/**
 * Whether the person may approve the item in unit review: a deputy or the head of the
 * reviewing unit who is not one of its authors (separation of duties, rules §2.4).
 *
 * @example
 * ```ts
 * mayApprove(zhao, item); // true for a deputy or head of the reviewing unit who is not an author
 * ```
 */
export function mayApprove(
  person: Person,
  submission: Pick<Submission, 'reviewUnitId' | 'authorIds'>,
): boolean {
  return (
    submission.reviewUnitId !== null &&
    person.unitId === submission.reviewUnitId &&
    (holdsRole(person, 'deputy') || holdsRole(person, 'head')) &&
    !isAuthor(person, submission)
  );
}

/**
 * The people who may approve the item (for notifications and reminders).
 *
 * @example
 * ```ts
 * approversOf(item, people).map((p) => p.name); // who to ask for the review, e.g. ['赵副校长', '钱校长']
 * ```
 */
export function approversOf(
  submission: Pick<Submission, 'reviewUnitId' | 'authorIds'>,
  people: readonly Person[],
): readonly Person[] {
  return people.filter((p) => mayApprove(p, submission));
}

function isBureauReviewer(person: Person): boolean {
  return holdsRole(person, 'reviewer');
}

const EDITABLE: readonly SubmissionState[] = ['draft', 'returned', 'unit_review'];

/**
 * The states in which an edit may change the co-authors: those in which the item is in its
 * authors' hands. From unit review on, the authors decide who may approve (an author never
 * approves, rules §2.4) and the item's credit is being judged (rules §5.5), so they are fixed.
 */
export const AUTHORS_EDITABLE: readonly SubmissionState[] = ['draft', 'returned'];

/**
 * The authors of an item after its co-authors are replaced: the creator first, then each
 * co-author once, in the order given (the creator named among them is left out).
 *
 * @example
 * ```ts
 * authorsWith(['li', 'wang'], ['zhao', 'li', 'zhao']); // ['li', 'zhao']
 * ```
 */
export function authorsWith(
  authorIds: readonly string[],
  coAuthorIds: readonly string[],
): readonly string[] {
  const creator = authorIds[0];
  const next = creator === undefined ? [] : [creator];
  for (const id of coAuthorIds) if (!next.includes(id)) next.push(id);
  return next;
}

/**
 * Whether `actor` may issue a command of this type on the item in its current state; the same
 * check the transition makes before looking at the command's payload. Use it to show only the
 * actions a person can take.
 *
 * @example
 * ```ts
 * const allowed = checkPermission(item, 'approve', officer);
 * if (!allowed.ok) allowed.error.code; // 'SUBMISSION.NOT_REVIEWER'
 * ```
 */
export function checkPermission(
  submission: Submission,
  type: Exclude<SubmissionCommandType, 'create'>,
  actor: Person,
): Result<void> {
  if (!actor.active) return fail('SUBMISSION.INACTIVE_ACTOR');
  const state = submission.state;
  const wrongState = (): Result<never> =>
    fail('SUBMISSION.ILLEGAL_TRANSITION', {
      params: { state, command: type },
      details: { state, command: type },
    });
  const author = isAuthor(actor, submission);
  switch (type) {
    case 'edit': {
      if (!EDITABLE.includes(state)) return wrongState();
      if (author) return ok(undefined);
      if (state === 'unit_review' && isUnitReviewStaff(actor, submission)) return ok(undefined);
      return fail('SUBMISSION.NOT_ALLOWED', { params: { command: 'edit' } });
    }
    case 'submit':
      if (state !== 'draft' && state !== 'returned') return wrongState();
      return author
        ? ok(undefined)
        : fail('SUBMISSION.NOT_AUTHOR', { params: { command: 'submit' } });
    case 'withdraw':
      if (
        !(state === 'draft' || state === 'unit_review' || state === 'returned') ||
        submission.submittedToBureauAt !== null
      ) {
        return wrongState();
      }
      return author
        ? ok(undefined)
        : fail('SUBMISSION.NOT_AUTHOR', { params: { command: 'withdraw' } });
    case 'approve':
      if (state !== 'unit_review') return wrongState();
      if (
        !isUnitReviewStaff(actor, submission) ||
        !(holdsRole(actor, 'deputy') || holdsRole(actor, 'head'))
      ) {
        return fail('SUBMISSION.NOT_REVIEWER', { params: { command: 'approve' } });
      }
      if (author) {
        return fail('SUBMISSION.OWN_ITEM', { params: { command: 'approve' } });
      }
      return ok(undefined);
    case 'forward':
      if (state !== 'unit_review') return wrongState();
      if (!isUnitReviewStaff(actor, submission)) {
        return fail('SUBMISSION.NOT_REVIEWER', { params: { command: 'forward' } });
      }
      return ok(undefined);
    case 'return':
      if (state === 'unit_review') {
        if (!isUnitReviewStaff(actor, submission)) {
          return fail('SUBMISSION.NOT_REVIEWER', { params: { command: 'return' } });
        }
        if (author) return fail('SUBMISSION.OWN_ITEM', { params: { command: 'return' } });
        return ok(undefined);
      }
      if (state === 'bureau_review') {
        return isBureauReviewer(actor)
          ? ok(undefined)
          : fail('SUBMISSION.NOT_BUREAU_REVIEWER', { params: { command: 'return' } });
      }
      return wrongState();
    case 'adopt':
    case 'not_adopt':
      if (!(state === 'bureau_review' || (type === 'adopt' && state === 'not_adopted'))) {
        return wrongState();
      }
      return isBureauReviewer(actor)
        ? ok(undefined)
        : fail('SUBMISSION.NOT_BUREAU_REVIEWER', { params: { command: type } });
    case 'mark_quality':
      if (!(state === 'bureau_review' || state === 'adopted' || state === 'not_adopted')) {
        return wrongState();
      }
      return isBureauReviewer(actor)
        ? ok(undefined)
        : fail('SUBMISSION.NOT_BUREAU_REVIEWER', { params: { command: 'mark_quality' } });
  }
  // Reached only with a type that is not a command, read at run time from outside.
  return fail('SUBMISSION.UNKNOWN_COMMAND', { params: { command: String(type) } });
}

/** Whether the current revision carries the unit's sign-off (rules §3.3). */
function signedOffNow(s: Submission): boolean {
  return s.signOff !== null && s.signOff.revision === s.revision;
}

/**
 * What the item itself must be like for a command, whoever issues it and whatever its
 * payload: a body before it is submitted, the unit's sign-off of the current revision before
 * it is forwarded (rules §3.2–3.3).
 */
function checkReadiness(
  s: Submission,
  type: Exclude<SubmissionCommandType, 'create'>,
): Result<void> {
  if (type === 'submit' && s.body.trim() === '') return fail('SUBMISSION.EMPTY_BODY');
  if (type === 'forward' && !signedOffNow(s)) return fail('SUBMISSION.NOT_SIGNED_OFF');
  return ok(undefined);
}

const OFFERED_COMMANDS = SUBMISSION_COMMAND_TYPES.filter(
  (type): type is Exclude<SubmissionCommandType, 'create'> => type !== 'create',
);

/**
 * The command types the actor may issue now (for buttons in the console and the bot): exactly
 * those {@link transition} accepts now with a well-formed payload (an edit that changes
 * something, a return with its reason, an approval without changes, the quality mark
 * toggled). So there is no `forward` before the current revision is signed off, no `submit`
 * of an item without a body, and no second approval of a signed-off revision: the reviewer
 * forwards it, or edits it, which voids the sign-off.
 *
 * @example
 * ```ts
 * allowedCommands(item, deputy); // e.g. ['edit', 'approve', 'return'] while the item waits in unit review
 * ```
 */
export function allowedCommands(
  submission: Submission,
  actor: Person,
): readonly Exclude<SubmissionCommandType, 'create'>[] {
  return submissionActions(submission, actor).allowed;
}

/**
 * The one guard of a command on an item without its payload: who may issue it in this state
 * ({@link checkPermission}), what the item must be like ({@link checkReadiness}), and no
 * second approval of a signed-off revision. {@link transition} runs the same checks, so what
 * {@link submissionActions} offers is what the transition accepts.
 */
function commandRefusal(
  submission: Submission,
  type: Exclude<SubmissionCommandType, 'create'>,
  actor: Person,
): DomainError | null {
  const allowed = checkPermission(submission, type, actor);
  if (!allowed.ok) return allowed.error;
  const ready = checkReadiness(submission, type);
  if (!ready.ok) return ready.error;
  if (type === 'approve' && signedOffNow(submission)) {
    return domainError('SUBMISSION.ALREADY_APPROVED');
  }
  return null;
}

/**
 * The commands the actor may issue now ({@link allowedCommands}), and for each command the
 * item's state admits but the actor may not issue, the reason: an officer's own item not yet
 * signed off cannot be forwarded (`SUBMISSION.NOT_SIGNED_OFF`), an author cannot approve
 * their own item (`SUBMISSION.OWN_ITEM`). The console shows exactly these.
 *
 * @example
 * ```ts
 * const { allowed, refused } = submissionActions(item, officer);
 * refused.find((r) => r.action === 'forward')?.error.code; // 'SUBMISSION.NOT_SIGNED_OFF'
 * ```
 */
export function submissionActions(
  submission: Submission,
  actor: Person,
): ActionChoice<Exclude<SubmissionCommandType, 'create'>> {
  return choiceOf(
    OFFERED_COMMANDS.map((type) => [type, commandRefusal(submission, type, actor)] as const),
    (error) => error.code === 'SUBMISSION.ILLEGAL_TRANSITION',
  );
}

/**
 * Checks the content of an item (a non-empty title, a known category, a valid event time) and
 * returns it, or every problem with its field, for a form to mark them all at once.
 *
 * @example
 * ```ts
 * const checked = validateSubmissionContent({ ...content, title: ' ', category: 'gossip' });
 * if (!checked.ok) checked.error.map((e) => e.path); // ['title', 'category']
 * ```
 */
export function validateSubmissionContent(
  content: SubmissionContent,
): Result<SubmissionContent, readonly DomainError[]> {
  const problems: DomainError[] = [];
  if (content.title.trim() === '') {
    problems.push(domainError('SUBMISSION.EMPTY_TITLE', { path: 'title' }));
  }
  if (!isCategory(content.category)) {
    problems.push(
      domainError('SUBMISSION.UNKNOWN_CATEGORY', {
        params: { category: String(content.category) },
        path: 'category',
      }),
    );
  }
  if (!Number.isFinite(content.eventAt)) {
    problems.push(domainError('SUBMISSION.INVALID_EVENT_TIME', { path: 'eventAt' }));
  }
  return problems.length > 0 ? err(problems) : ok(content);
}

/**
 * The first content problem, for {@link transition}: a command fails for one reason, and
 * a form that wants them all asks {@link validateSubmissionContent}.
 */
function contentProblem(content: SubmissionContent): DomainError | null {
  const checked = validateSubmissionContent(content);
  return checked.ok ? null : (checked.error[0] ?? null);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The fields that differ between two versions of the content. */
export function changedFields(before: SubmissionContent, after: SubmissionContent): ContentField[] {
  return CONTENT_FIELDS.filter((field) => {
    const x = before[field];
    const y = after[field];
    return Array.isArray(x) && Array.isArray(y) ? !sameList(x, y) : x !== y;
  });
}

function contentOf(s: SubmissionContent): SubmissionContent {
  return {
    title: s.title,
    body: s.body,
    category: s.category,
    topics: s.topics,
    eventAt: s.eventAt,
    attachments: s.attachments,
  };
}

function mergeChanges(
  base: SubmissionContent,
  changes: Partial<SubmissionContent>,
): SubmissionContent {
  return {
    title: changes.title ?? base.title,
    body: changes.body ?? base.body,
    category: changes.category ?? base.category,
    topics: changes.topics ?? base.topics,
    eventAt: changes.eventAt ?? base.eventAt,
    attachments: changes.attachments ?? base.attachments,
  };
}

/** Applies an edit as a new revision; voids the sign-off (rules §3.3). */
function revise(
  s: Submission,
  changes: Partial<SubmissionContent>,
  actor: Person,
  now: number,
  note: string | null,
): Result<Transition> {
  const next = mergeChanges(contentOf(s), changes);
  const invalid = contentProblem(next);
  if (invalid !== null) return err(invalid);
  const fields = changedFields(contentOf(s), next);
  if (fields.length === 0) return fail('SUBMISSION.NO_CHANGE', { params: { change: 'content' } });
  const number = s.revision + 1;
  const events: SubmissionEvent[] = [
    {
      type: 'revised',
      submissionId: s.id,
      actorId: actor.id,
      at: now,
      revision: number,
      changedFields: fields,
    },
  ];
  if (s.signOff !== null) {
    events.push({
      type: 'sign_off_voided',
      submissionId: s.id,
      actorId: actor.id,
      at: now,
      revision: s.signOff.revision,
    });
  }
  return ok({
    submission: {
      ...s,
      ...next,
      revisions: [
        ...s.revisions,
        { number, authorId: actor.id, at: now, content: next, changedFields: fields, note },
      ],
      revision: number,
      signOff: null,
    },
    events,
  });
}

/**
 * An edit that also replaces the co-authors (rules §5.5): allowed only in
 * {@link AUTHORS_EDITABLE} states. A change of the authors alone is no new revision, since the
 * authors are not content (rules §3.3); an edit that changes neither is refused.
 */
function editWithAuthors(
  s: Submission,
  command: Extract<SubmissionCommand, { type: 'edit' }>,
  actor: Person,
  now: number,
): Result<Transition> {
  if (!AUTHORS_EDITABLE.includes(s.state)) {
    return fail('SUBMISSION.AUTHORS_FIXED', {
      params: { state: s.state },
      path: 'coAuthorIds',
      details: { state: s.state },
    });
  }
  const authorIds = authorsWith(s.authorIds, command.coAuthorIds ?? []);
  const authorsChanged = !sameList(authorIds, s.authorIds);
  const contentChanged =
    changedFields(contentOf(s), mergeChanges(contentOf(s), command.changes)).length > 0;
  if (!authorsChanged && !contentChanged) {
    return fail('SUBMISSION.NO_CHANGE', { params: { change: 'content' } });
  }
  if (!contentChanged) return ok({ submission: { ...s, authorIds }, events: [] });
  const revised = revise(s, command.changes, actor, now, nonEmpty(command.note));
  if (!revised.ok) return revised;
  return ok({ ...revised.value, submission: { ...revised.value.submission, authorIds } });
}

function nonEmpty(text: string | undefined): string | null {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

function create(
  command: Extract<SubmissionCommand, { type: 'create' }>,
  actor: Person,
  now: number,
): Result<Transition> {
  if (!actor.active) return fail('SUBMISSION.INACTIVE_ACTOR');
  if (command.unit.kind === 'bureau') {
    return fail('SUBMISSION.NOT_A_REPORTING_UNIT');
  }
  if (actor.unitId !== command.unit.id) {
    return fail('SUBMISSION.NOT_ALLOWED', { params: { command: 'create' } });
  }
  const content: SubmissionContent = {
    ...command.content,
    topics: command.content.topics ?? [],
    attachments: command.content.attachments ?? [],
  };
  const invalid = contentProblem(content);
  if (invalid !== null) return err(invalid);
  const authorIds = [actor.id];
  for (const id of command.coAuthorIds ?? []) if (!authorIds.includes(id)) authorIds.push(id);
  const submission: Submission = {
    id: command.id,
    unitId: command.unit.id,
    reviewUnitId: reviewUnitIdOf(command.unit),
    authorIds,
    ...contentOf(content),
    state: 'draft',
    version: 1,
    source: command.source ?? 'console',
    createdAt: now,
    updatedAt: now,
    revisions: [
      {
        number: 1,
        authorId: actor.id,
        at: now,
        content: contentOf(content),
        changedFields: CONTENT_FIELDS,
        note: null,
      },
    ],
    revision: 1,
    submittedAt: null,
    reviewSince: null,
    signOff: null,
    approvals: [],
    submittedToBureauAt: null,
    returns: [],
    returnedReason: null,
    withdrawnAt: null,
    decision: null,
    qualityMark: null,
  };
  return ok({
    submission,
    events: [{ type: 'created', submissionId: command.id, actorId: actor.id, at: now }],
  });
}

function toBureau(s: Submission, now: number): Submission {
  // rules §3.1, §5.4: the first arrival at bureau review decides the period and timeliness.
  return { ...s, state: 'bureau_review', submittedToBureauAt: s.submittedToBureauAt ?? now };
}

/**
 * Applies a command to a submission (null for `create`) on behalf of `actor` at `now`.
 * Returns the new submission and what happened, or an error with a stable code:
 * `SUBMISSION.ILLEGAL_TRANSITION`, `SUBMISSION.NOT_AUTHOR`, `SUBMISSION.NOT_REVIEWER`,
 * `SUBMISSION.OWN_ITEM`, `SUBMISSION.NOT_BUREAU_REVIEWER`, `SUBMISSION.NOT_ALLOWED`,
 * `SUBMISSION.STALE`, `SUBMISSION.NOT_SIGNED_OFF`, `SUBMISSION.APPROVAL_UNDECIDED`,
 * `SUBMISSION.REASON_REQUIRED`, `SUBMISSION.NO_CHANGE`, `SUBMISSION.EMPTY_TITLE`, … ; a
 * command type it does not know (read at run time) is `SUBMISSION.UNKNOWN_COMMAND`, never a
 * throw. The input is never modified; every success increases `version` by one.
 *
 * @example
 * ```ts
 * const result = transition(null, { type: 'create', id: 'item-1', unit: school,
 *   content: { title: '河西一小开展春季安全教育', body: '……', category: 'activity', eventAt } }, officer, now);
 * if (!result.ok) throw new Error(formatError(result.error, 'en'));
 * let item = result.value.submission; // state 'draft', revision 1
 * const submitted = transition(item, { type: 'submit', expectedVersion: item.version }, officer, now + 60_000);
 * ```
 */
export function transition(
  submission: Submission | null,
  command: SubmissionCommand,
  actor: Person,
  now: number,
): Result<Transition> {
  if (!isSubmissionCommandType(command.type)) {
    return fail('SUBMISSION.UNKNOWN_COMMAND', { params: { command: String(command.type) } });
  }
  if (command.type === 'create') {
    if (submission !== null) return fail('SUBMISSION.ALREADY_EXISTS');
    return create(command, actor, now);
  }
  if (submission === null) return fail('SUBMISSION.NOT_FOUND');
  if (command.expectedVersion !== undefined && command.expectedVersion !== submission.version) {
    return fail('SUBMISSION.STALE', {
      details: { expectedVersion: command.expectedVersion, version: submission.version },
    });
  }
  const allowed = checkPermission(submission, command.type, actor);
  if (!allowed.ok) return allowed;
  const ready = checkReadiness(submission, command.type);
  if (!ready.ok) return ready;
  const result = apply(submission, command, actor, now);
  if (!result.ok) return result;
  return ok({
    submission: { ...result.value.submission, version: submission.version + 1, updatedAt: now },
    events: result.value.events,
  });
}

function apply(
  s: Submission,
  command: Exclude<SubmissionCommand, { type: 'create' }>,
  actor: Person,
  now: number,
): Result<Transition> {
  const base = { submissionId: s.id, actorId: actor.id, at: now };
  switch (command.type) {
    case 'edit': {
      if (command.coAuthorIds !== undefined) return editWithAuthors(s, command, actor, now);
      const revised = revise(s, command.changes, actor, now, nonEmpty(command.note));
      if (!revised.ok || s.state !== 'unit_review') return revised;
      // A new round of review starts from the latest version.
      return ok({
        ...revised.value,
        submission: { ...revised.value.submission, reviewSince: now },
      });
    }
    case 'submit': {
      const reviewUnitId =
        command.unit !== undefined ? reviewUnitIdOf(command.unit) : s.reviewUnitId;
      const routed: Submission = {
        ...s,
        reviewUnitId,
        returnedReason: null,
        submittedAt: now,
        signOff: null,
      };
      const next =
        reviewUnitId === null
          ? toBureau(routed, now)
          : { ...routed, state: 'unit_review' as const, reviewSince: now };
      return ok({
        submission: next,
        events: [
          {
            type: 'submitted',
            ...base,
            to: next.state === 'bureau_review' ? 'bureau_review' : 'unit_review',
            reviewUnitId,
          },
        ],
      });
    }
    case 'approve': {
      let current = s;
      const events: SubmissionEvent[] = [];
      const changes = command.changes ?? {};
      if (Object.keys(changes).length > 0) {
        const revised = revise(s, changes, actor, now, nonEmpty(command.comment));
        if (!revised.ok) return revised;
        current = revised.value.submission;
        events.push(...revised.value.events);
      }
      if (signedOffNow(current)) return fail('SUBMISSION.ALREADY_APPROVED');
      const roundStart = s.submittedAt ?? now;
      // rules §3.4: the unit's review "carried an edit" if anyone but the authors revised it.
      const edited = current.revisions.some(
        (r) => r.at >= roundStart && r.number > 1 && !s.authorIds.includes(r.authorId),
      );
      if (!edited && command.noChange !== true) {
        return fail('SUBMISSION.APPROVAL_UNDECIDED');
      }
      // rules §3.4: the time runs from the opening of the full item; an opening stamped after
      // the approval (a clock step) counts as opened at the approval.
      const durationMs =
        command.openedAt === undefined ? null : Math.max(0, now - command.openedAt);
      const approval: Approval = {
        reviewerId: actor.id,
        unitId: actor.unitId,
        at: now,
        revision: current.revision,
        edited,
        comment: nonEmpty(command.comment),
        durationMs,
      };
      events.push({ type: 'approved', ...base, approval });
      let next: Submission = {
        ...current,
        signOff: approval,
        approvals: [...s.approvals, approval],
      };
      if (command.forward !== false) {
        next = toBureau(next, now);
        events.push({ type: 'forwarded', ...base });
      }
      return ok({ submission: next, events });
    }
    case 'forward':
      return ok({ submission: toBureau(s, now), events: [{ type: 'forwarded', ...base }] });
    case 'return': {
      const reason = nonEmpty(command.reason);
      if (reason === null) return fail('SUBMISSION.REASON_REQUIRED');
      const stage = s.state === 'bureau_review' ? 'bureau_review' : 'unit_review';
      return ok({
        submission: {
          ...s,
          state: 'returned',
          returnedReason: reason,
          signOff: null,
          reviewSince: null,
          returns: [...s.returns, { by: actor.id, at: now, reason, stage }],
        },
        events: [{ type: 'returned', ...base, reason, stage }],
      });
    }
    case 'withdraw':
      return ok({
        submission: { ...s, state: 'withdrawn', withdrawnAt: now, reviewSince: null },
        events: [{ type: 'withdrawn', ...base }],
      });
    case 'adopt':
    case 'not_adopt': {
      const adopted = command.type === 'adopt';
      return ok({
        submission: {
          ...s,
          state: adopted ? 'adopted' : 'not_adopted',
          decision: { by: actor.id, at: now, adopted, comment: nonEmpty(command.comment) },
        },
        events: [{ type: 'decided', ...base, adopted }],
      });
    }
    case 'mark_quality': {
      if ((s.qualityMark !== null) === command.quality) {
        return fail('SUBMISSION.NO_CHANGE', {
          params: { change: command.quality ? 'already_quality' : 'not_quality' },
        });
      }
      return ok({
        submission: { ...s, qualityMark: command.quality ? { by: actor.id, at: now } : null },
        events: [{ type: 'quality_marked', ...base, quality: command.quality }],
      });
    }
  }
}

/**
 * Whether a comment is substantive (rules §3.4): at least `review.substantiveCommentLength`
 * characters (default 10) and not one of the scheme's stock phrases, whatever its punctuation.
 *
 * @example
 * ```ts
 * isSubstantiveComment('同意报送！', defaultScheme(2026)); // false: a stock phrase
 * isSubstantiveComment('第二段的参训人数与附件不符，已核对', defaultScheme(2026)); // true
 * ```
 */
export function isSubstantiveComment(
  comment: string | null,
  scheme: Pick<Scheme, 'review'>,
): boolean {
  if (comment === null) return false;
  const text = comment.trim();
  if ([...text].length < scheme.review.substantiveCommentLength) return false;
  const key = normalisedPhrase(text);
  return !scheme.review.stockPhrases.some((p) => normalisedPhrase(p) === key);
}

/**
 * {@link isSubstantiveComment} for many comments under one scheme: the stock phrases are
 * normalised once, not once per comment, and each different comment is judged once —
 * reviewers write the same few words again and again (a property test holds the two equal).
 * The test remembers every comment it was given: make one per evaluation, not one per process.
 *
 * @example
 * ```ts
 * const substantive = substantiveCommentTest(defaultScheme(2026));
 * approvals.filter((a) => substantive(a.comment)).length; // how many carried a substantive comment
 * ```
 */
export function substantiveCommentTest(
  scheme: Pick<Scheme, 'review'>,
): (comment: string | null) => boolean {
  const stock = new Set(scheme.review.stockPhrases.map(normalisedPhrase));
  const shortest = scheme.review.substantiveCommentLength;
  const judged = new Map<string, boolean>();
  return (comment) => {
    if (comment === null) return false;
    let substantive = judged.get(comment);
    if (substantive === undefined) {
      const text = comment.trim();
      substantive = [...text].length >= shortest && !stock.has(normalisedPhrase(text));
      judged.set(comment, substantive);
    }
    return substantive;
  };
}

/**
 * Whether an approval was rubber-stamped (rules §3.4): no change, and either the reviewer
 * never opened the full item or approved less than `review.rubberStampSeconds` (default 60)
 * after opening it.
 *
 * @example
 * ```ts
 * isRubberStamped({ ...approval, edited: false, durationMs: 45_000 }, defaultScheme(2026)); // true: under 60 s, no change
 * isRubberStamped({ ...approval, edited: false, durationMs: null }, defaultScheme(2026)); // true: never opened
 * ```
 */
export function isRubberStamped(approval: Approval, scheme: Pick<Scheme, 'review'>): boolean {
  if (approval.edited) return false;
  return (
    approval.durationMs === null || approval.durationMs < scheme.review.rubberStampSeconds * 1000
  );
}

/**
 * Whether an approval counts for review depth (rules §3.4): it carried an edit or a
 * substantive comment.
 *
 * @example
 * ```ts
 * isDeepReview({ ...approval, edited: false, comment: '同意' }, defaultScheme(2026)); // false: a stock phrase
 * isDeepReview({ ...approval, edited: true, comment: null }, defaultScheme(2026)); // true: it carried an edit
 * ```
 */
export function isDeepReview(approval: Approval, scheme: Pick<Scheme, 'review'>): boolean {
  return approval.edited || isSubstantiveComment(approval.comment, scheme);
}

/**
 * {@link isDeepReview} for many approvals under one scheme (see {@link substantiveCommentTest}).
 *
 * @example
 * ```ts
 * const deep = deepReviewTest(defaultScheme(2026));
 * approvals.filter(deep).length; // how many approvals count for review depth
 * ```
 */
export function deepReviewTest(scheme: Pick<Scheme, 'review'>): (approval: Approval) => boolean {
  const substantive = substantiveCommentTest(scheme);
  return (approval) => approval.edited || substantive(approval.comment);
}

/** Review depth of a set of approvals (a unit's or one reviewer's in a period). */
export interface ReviewDepth {
  readonly approvals: number;
  /** Approvals with an edit or a substantive comment. */
  readonly deep: number;
  /** `deep / approvals`; null without approvals. */
  readonly depth: number | null;
  readonly rubberStamped: number;
  /** Median minutes from opening the full item to approving it, over opened approvals; null without any. */
  readonly medianMinutesToApprove: number | null;
}

/**
 * The median of some durations in minutes (the mean of the middle two for an even count);
 * null for none.
 *
 * @example
 * ```ts
 * medianMinutes([30_000, 180_000, 600_000]); // 3
 * ```
 */
export function medianMinutes(durationsMs: readonly number[]): number | null {
  if (durationsMs.length === 0) return null;
  // A typed array sorts numbers by value without calling back into a comparison.
  const sorted = Float64Array.from(durationsMs).sort();
  const mid = sorted.length >> 1;
  const ms = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return ms / 60_000;
}

/**
 * The review depth of some approvals (rules §3.4): how many, how many deep, the share, how many
 * rubber-stamped, and the median time from opening to approval.
 *
 * @example
 * ```ts
 * reviewDepth([{ ...approval, edited: true }], defaultScheme(2026)).depth; // 1
 * ```
 */
export function reviewDepth(
  approvals: readonly Approval[],
  scheme: Pick<Scheme, 'review'>,
): ReviewDepth {
  const isDeep = deepReviewTest(scheme);
  let deep = 0;
  let rubberStamped = 0;
  const durations: number[] = [];
  for (const a of approvals) {
    if (isDeep(a)) deep++;
    if (isRubberStamped(a, scheme)) rubberStamped++;
    if (a.durationMs !== null) durations.push(a.durationMs);
  }
  return {
    approvals: approvals.length,
    deep,
    depth: approvals.length === 0 ? null : deep / approvals.length,
    rubberStamped,
    medianMinutesToApprove: medianMinutes(durations),
  };
}

/** A field change between two revisions, as the console shows it. */
export type FieldDiff =
  | { readonly field: 'title' | 'body'; readonly ops: readonly TextDiffOp[] }
  | { readonly field: 'category'; readonly before: Category; readonly after: Category }
  | { readonly field: 'eventAt'; readonly before: number; readonly after: number }
  | {
      readonly field: 'topics' | 'attachments';
      readonly added: readonly string[];
      readonly removed: readonly string[];
    };

/**
 * The structured diff between two revisions of a submission (field by field, texts by character).
 *
 * @example
 * ```ts
 * const [first, second] = item.revisions;
 * if (first && second) diffRevisions(first, second).map((d) => d.field); // e.g. ['title']
 * ```
 */
export function diffRevisions(before: Revision, after: Revision): readonly FieldDiff[] {
  const a = before.content;
  const b = after.content;
  return changedFields(a, b).map((field): FieldDiff => {
    switch (field) {
      case 'title':
      case 'body':
        return { field, ops: diffText(a[field], b[field]) };
      case 'category':
        return { field, before: a.category, after: b.category };
      case 'eventAt':
        return { field, before: a.eventAt, after: b.eventAt };
      case 'topics':
      case 'attachments':
        return {
          field,
          added: b[field].filter((x) => !a[field].includes(x)),
          removed: a[field].filter((x) => !b[field].includes(x)),
        };
    }
  });
}

/**
 * The diff between two revision numbers of a submission, or an error if one does not exist.
 *
 * @example
 * ```ts
 * const diff = revisionDiff(item, 1, 2);
 * if (diff.ok) diff.value; // [{ field: 'title', ops: [{ op: 'equal', text: '河西一小' }, { op: 'insert', text: '扎实' }, …] }]
 * ```
 */
export function revisionDiff(
  submission: Submission,
  from: number,
  to: number,
): Result<readonly FieldDiff[]> {
  const a = submission.revisions.find((r) => r.number === from);
  const b = submission.revisions.find((r) => r.number === to);
  if (a === undefined || b === undefined) {
    return fail('SUBMISSION.NO_SUCH_REVISION', { details: { from, to } });
  }
  return ok(diffRevisions(a, b));
}
