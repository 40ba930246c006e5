import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Person } from './org.js';
import { customiseScheme, defaultScheme } from './scheme.js';
import {
  aCounty,
  aSubmission,
  DAY,
  MARCH,
  MINUTE,
  HOUR,
  SECOND,
  someContent,
} from './test-support/builders.js';
import {
  allowedCommands,
  approversOf,
  checkPermission,
  deepReviewTest,
  diffRevisions,
  isDeepReview,
  isRubberStamped,
  isSubstantiveComment,
  reviewDepth,
  revisionDiff,
  substantiveCommentTest,
  SUBMISSION_COMMAND_TYPES,
  SUBMISSION_STATES,
  transition,
  type Approval,
  type Submission,
  validateSubmissionContent,
  type SubmissionCommand,
  type SubmissionCommandType,
  type SubmissionContent,
  type SubmissionState,
} from './workflow.js';

const county = aCounty();
const p = county.people;

type AllowedCommand = Exclude<SubmissionCommandType, 'create'>;
const OFFERED = SUBMISSION_COMMAND_TYPES.filter((t): t is AllowedCommand => t !== 'create');

function run(
  s: Submission | null,
  command: SubmissionCommand,
  actor: Person,
  at: number,
): Submission {
  const r = transition(s, command, actor, at);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value.submission;
}

function errorCode(
  s: Submission | null,
  command: SubmissionCommand,
  actor: Person,
  at: number,
): string {
  const r = transition(s, command, actor, at);
  return r.ok ? 'ok' : r.error.code;
}

function schoolDraft(): Submission {
  return run(
    null,
    { type: 'create', id: 's-1', unit: county.school, content: someContent() },
    p.schoolOfficer,
    MARCH,
  );
}

function inTownshipReview(): Submission {
  return run(schoolDraft(), { type: 'submit' }, p.schoolOfficer, MARCH + MINUTE);
}

describe('creating a submission', () => {
  it('starts as a draft at version 1 with the creator as first author and one revision', () => {
    const s = run(
      null,
      {
        type: 'create',
        id: 's-1',
        unit: county.school,
        content: { title: '标题', body: '正文', category: 'news', eventAt: MARCH },
        coAuthorIds: ['teacher-9', 'officer-s1'],
        source: 'chat',
      },
      p.schoolOfficer,
      MARCH,
    );
    expect(s.state).toBe('draft');
    expect(s.version).toBe(1);
    expect(s.authorIds).toEqual(['officer-s1', 'teacher-9']);
    expect(s.revisions).toHaveLength(1);
    expect(s.source).toBe('chat');
    expect(s.topics).toEqual([]);
  });

  it("routes a school's item to its township center for review", () => {
    expect(schoolDraft().reviewUnitId).toBe('center-1');
  });

  it('routes a direct-reporting school past the township review', () => {
    const s = run(
      null,
      { type: 'create', id: 's-2', unit: county.directSchool, content: someContent() },
      p.directSchoolOfficer,
      MARCH,
    );
    expect(s.reviewUnitId).toBeNull();
  });

  it('refuses someone writing in the name of another unit', () => {
    expect(
      errorCode(
        null,
        { type: 'create', id: 'x', unit: county.center, content: someContent() },
        p.schoolOfficer,
        MARCH,
      ),
    ).toBe('SUBMISSION.NOT_ALLOWED');
  });

  it('refuses the bureau itself as a reporting unit', () => {
    expect(
      errorCode(
        null,
        { type: 'create', id: 'x', unit: county.bureau, content: someContent() },
        p.reviewer,
        MARCH,
      ),
    ).toBe('SUBMISSION.NOT_A_REPORTING_UNIT');
  });

  it('refuses an empty title, an unknown category and an invalid event time', () => {
    const create = (content: Partial<ReturnType<typeof someContent>>): string =>
      errorCode(
        null,
        { type: 'create', id: 'x', unit: county.center, content: someContent(content) },
        p.centerOfficer,
        MARCH,
      );
    expect(create({ title: '  ' })).toBe('SUBMISSION.EMPTY_TITLE');
    expect(create({ eventAt: Number.NaN })).toBe('SUBMISSION.INVALID_EVENT_TIME');
    const bad = JSON.parse('{"category":"gossip"}') as Partial<ReturnType<typeof someContent>>;
    expect(create(bad)).toBe('SUBMISSION.UNKNOWN_CATEGORY');
  });

  it('lists every problem of the content for a form', () => {
    const content = {
      ...someContent({ title: '', eventAt: Number.NaN }),
      category: 'gossip',
    } as unknown as SubmissionContent;
    const r = validateSubmissionContent(content);
    expect(r.ok ? [] : r.error.map((e) => e.path)).toEqual(['title', 'category', 'eventAt']);
    const good = someContent();
    expect(validateSubmissionContent(good)).toEqual({ ok: true, value: good });
  });

  it('refuses a person who has left, and creating twice', () => {
    const gone = { ...p.centerOfficer, active: false };
    expect(
      errorCode(
        null,
        { type: 'create', id: 'x', unit: county.center, content: someContent() },
        gone,
        MARCH,
      ),
    ).toBe('SUBMISSION.INACTIVE_ACTOR');
    expect(
      errorCode(
        schoolDraft(),
        { type: 'create', id: 'x', unit: county.school, content: someContent() },
        p.schoolOfficer,
        MARCH,
      ),
    ).toBe('SUBMISSION.ALREADY_EXISTS');
  });

  it('needs a submission for every other command', () => {
    expect(errorCode(null, { type: 'submit' }, p.schoolOfficer, MARCH)).toBe(
      'SUBMISSION.NOT_FOUND',
    );
  });
});

describe('editing', () => {
  it('records every edit as a revision with who, when and the changed fields', () => {
    const s = run(
      schoolDraft(),
      { type: 'edit', changes: { title: '新标题' }, note: '改标题' },
      p.schoolOfficer,
      MARCH + MINUTE,
    );
    expect(s.revision).toBe(2);
    expect(s.title).toBe('新标题');
    expect(s.revisions[1]).toMatchObject({
      number: 2,
      authorId: 'officer-s1',
      at: MARCH + MINUTE,
      changedFields: ['title'],
      note: '改标题',
    });
    expect(s.version).toBe(2);
  });

  it('refuses an edit that changes nothing', () => {
    expect(
      errorCode(
        schoolDraft(),
        { type: 'edit', changes: { title: someContent().title } },
        p.schoolOfficer,
        MARCH,
      ),
    ).toBe('SUBMISSION.NO_CHANGE');
  });

  it("lets the township officer edit a school's item in review but not a stranger", () => {
    const s = run(
      inTownshipReview(),
      { type: 'edit', changes: { body: '修改后的正文' } },
      p.centerOfficer,
      MARCH + HOUR,
    );
    expect(s.revisions.at(-1)?.authorId).toBe('officer-1');
    expect(
      errorCode(
        inTownshipReview(),
        { type: 'edit', changes: { body: 'x' } },
        p.directOfficer,
        MARCH + HOUR,
      ),
    ).toBe('SUBMISSION.NOT_ALLOWED');
  });

  it('is not possible once the item is at the bureau', () => {
    const atBureau = aSubmission();
    expect(
      errorCode(atBureau, { type: 'edit', changes: { title: 'x' } }, p.centerOfficer, MARCH),
    ).toBe('SUBMISSION.ILLEGAL_TRANSITION');
  });

  it('detects a stale change through the version number', () => {
    const s = schoolDraft();
    expect(
      errorCode(
        s,
        { type: 'edit', changes: { title: 'x' }, expectedVersion: 7 },
        p.schoolOfficer,
        MARCH,
      ),
    ).toBe('SUBMISSION.STALE');
    expect(
      errorCode(
        s,
        { type: 'edit', changes: { title: 'x' }, expectedVersion: 1 },
        p.schoolOfficer,
        MARCH,
      ),
    ).toBe('ok');
  });

  it('never modifies the submission it is given', () => {
    const s = schoolDraft();
    const frozen = JSON.stringify(s);
    run(s, { type: 'edit', changes: { title: '另一个标题' } }, p.schoolOfficer, MARCH + MINUTE);
    expect(JSON.stringify(s)).toBe(frozen);
  });
});

describe('changing the co-authors (rules §5.5)', () => {
  it('replaces the co-authors of a draft, the creator first, without a new revision', () => {
    const s = run(
      schoolDraft(),
      { type: 'edit', changes: {}, coAuthorIds: ['officer-1', 'officer-s1', 'officer-1'] },
      p.schoolOfficer,
      MARCH + MINUTE,
    );
    expect(s.authorIds).toEqual(['officer-s1', 'officer-1']);
    expect(s.revision).toBe(1);
    expect(s.version).toBe(2);
    const back = run(
      s,
      { type: 'edit', changes: {}, coAuthorIds: [] },
      p.centerOfficer,
      MARCH + HOUR,
    );
    expect(back.authorIds).toEqual(['officer-s1']);
  });

  it('changes content and co-authors in one edit of a returned item', () => {
    const returned = run(
      inTownshipReview(),
      { type: 'return', reason: '请补充参加人数' },
      p.centerDeputy,
      MARCH + HOUR,
    );
    const s = run(
      returned,
      { type: 'edit', changes: { title: '新标题' }, coAuthorIds: ['officer-1'] },
      p.schoolOfficer,
      MARCH + 2 * HOUR,
    );
    expect(s).toMatchObject({
      title: '新标题',
      revision: 2,
      authorIds: ['officer-s1', 'officer-1'],
    });
  });

  it('is refused in review, naming the co-authors, even to an author', () => {
    const r = transition(
      inTownshipReview(),
      { type: 'edit', changes: {}, coAuthorIds: ['officer-1'] },
      p.schoolOfficer,
      MARCH + HOUR,
    );
    expect(r.ok ? null : [r.error.code, r.error.path, r.error.message]).toEqual([
      'SUBMISSION.AUTHORS_FIXED',
      'coAuthorIds',
      '稿件当前状态为“单位审核中”，合作作者只能在草稿或已退回时修改',
    ]);
  });

  it('is refused to someone who may not edit, and when nothing changes', () => {
    const edit = { type: 'edit', changes: {}, coAuthorIds: ['officer-1'] } as const;
    expect(errorCode(schoolDraft(), edit, p.directOfficer, MARCH)).toBe('SUBMISSION.NOT_ALLOWED');
    expect(
      errorCode(
        schoolDraft(),
        { type: 'edit', changes: {}, coAuthorIds: [] },
        p.schoolOfficer,
        MARCH,
      ),
    ).toBe('SUBMISSION.NO_CHANGE');
  });
});

describe('submitting', () => {
  it('sends a school item to unit review', () => {
    const s = inTownshipReview();
    expect(s.state).toBe('unit_review');
    expect(s.submittedAt).toBe(MARCH + MINUTE);
    expect(s.submittedToBureauAt).toBeNull();
  });

  it("sends a direct-reporting school's item straight to the bureau", () => {
    const draft = run(
      null,
      { type: 'create', id: 's-2', unit: county.directSchool, content: someContent() },
      p.directSchoolOfficer,
      MARCH,
    );
    const r = transition(draft, { type: 'submit' }, p.directSchoolOfficer, MARCH + MINUTE);
    expect(r.ok && r.value.submission.state).toBe('bureau_review');
    expect(r.ok && r.value.submission.submittedToBureauAt).toBe(MARCH + MINUTE);
    expect(r.ok && r.value.events[0]).toMatchObject({ type: 'submitted', to: 'bureau_review' });
  });

  it('re-routes when the school became a direct-reporting point since the draft was written', () => {
    const s = run(
      schoolDraft(),
      { type: 'submit', unit: { ...county.school, directReporting: true } },
      p.schoolOfficer,
      MARCH,
    );
    expect(s.state).toBe('bureau_review');
  });

  it('is for authors only and needs a body', () => {
    expect(errorCode(schoolDraft(), { type: 'submit' }, p.centerOfficer, MARCH)).toBe(
      'SUBMISSION.NOT_AUTHOR',
    );
    const empty = run(
      schoolDraft(),
      { type: 'edit', changes: { body: ' ' } },
      p.schoolOfficer,
      MARCH,
    );
    expect(errorCode(empty, { type: 'submit' }, p.schoolOfficer, MARCH)).toBe(
      'SUBMISSION.EMPTY_BODY',
    );
  });
});

describe('unit approval', () => {
  it('a township deputy approves a school item with "reviewed, no change" and forwards it to the bureau', () => {
    const r = transition(
      inTownshipReview(),
      { type: 'approve', noChange: true, comment: '内容属实', openedAt: MARCH + HOUR },
      p.centerDeputy,
      MARCH + HOUR + 5 * MINUTE,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.value.submission;
    expect(s.state).toBe('bureau_review');
    expect(s.submittedToBureauAt).toBe(MARCH + HOUR + 5 * MINUTE);
    expect(s.signOff).toMatchObject({
      reviewerId: 'deputy-1',
      unitId: 'center-1',
      revision: 1,
      edited: false,
      comment: '内容属实',
      durationMs: 5 * MINUTE,
    });
    expect(r.value.events.map((e) => e.type)).toEqual(['approved', 'forwarded']);
  });

  it('the head may approve too', () => {
    expect(
      errorCode(
        inTownshipReview(),
        { type: 'approve', noChange: true },
        p.centerHead,
        MARCH + HOUR,
      ),
    ).toBe('ok');
  });

  it('a township officer cannot approve a school item', () => {
    expect(
      errorCode(
        inTownshipReview(),
        { type: 'approve', noChange: true },
        p.centerOfficer,
        MARCH + HOUR,
      ),
    ).toBe('SUBMISSION.NOT_REVIEWER');
  });

  it('a deputy of another unit cannot approve', () => {
    expect(
      errorCode(
        inTownshipReview(),
        { type: 'approve', noChange: true },
        p.directDeputy,
        MARCH + HOUR,
      ),
    ).toBe('SUBMISSION.NOT_REVIEWER');
  });

  it('a township officer who is also deputy cannot approve a school item they co-wrote', () => {
    const both = { ...p.centerOfficer, roles: ['officer', 'deputy'] as const };
    const own = run(
      null,
      {
        type: 'create',
        id: 's-9',
        unit: county.school,
        content: someContent(),
        coAuthorIds: ['officer-1'],
      },
      p.schoolOfficer,
      MARCH,
    );
    const inReview = run(own, { type: 'submit' }, p.schoolOfficer, MARCH);
    expect(
      errorCode(
        inReview,
        { type: 'approve', noChange: true },
        { ...both, roles: [...both.roles] },
        MARCH + HOUR,
      ),
    ).toBe('SUBMISSION.OWN_ITEM');
  });

  it('an approval needs an edit or the explicit "reviewed, no change"', () => {
    expect(errorCode(inTownshipReview(), { type: 'approve' }, p.centerDeputy, MARCH + HOUR)).toBe(
      'SUBMISSION.APPROVAL_UNDECIDED',
    );
  });

  it('an approval with an edit makes a revision and signs off that revision', () => {
    const s = run(
      inTownshipReview(),
      { type: 'approve', changes: { title: '润色后的标题' } },
      p.centerDeputy,
      MARCH + HOUR,
    );
    expect(s.revision).toBe(2);
    expect(s.signOff).toMatchObject({ revision: 2, edited: true });
  });

  it("counts the township officer's edit as the unit's edit when the deputy approves", () => {
    const edited = run(
      inTownshipReview(),
      { type: 'edit', changes: { body: '信息员修改后的正文' } },
      p.centerOfficer,
      MARCH + HOUR,
    );
    const s = run(edited, { type: 'approve' }, p.centerDeputy, MARCH + 2 * HOUR);
    expect(s.signOff?.edited).toBe(true);
  });

  it("does not count the author's own edit in review as the unit's edit", () => {
    const edited = run(
      inTownshipReview(),
      { type: 'edit', changes: { body: '作者自己改' } },
      p.schoolOfficer,
      MARCH + HOUR,
    );
    expect(errorCode(edited, { type: 'approve' }, p.centerDeputy, MARCH + 2 * HOUR)).toBe(
      'SUBMISSION.APPROVAL_UNDECIDED',
    );
  });

  it('can sign off without forwarding, then anyone of the reviewing unit forwards the signed revision', () => {
    const signed = run(
      inTownshipReview(),
      { type: 'approve', noChange: true, forward: false },
      p.centerDeputy,
      MARCH + HOUR,
    );
    expect(signed.state).toBe('unit_review');
    expect(errorCode(signed, { type: 'approve', noChange: true }, p.centerHead, MARCH + HOUR)).toBe(
      'SUBMISSION.ALREADY_APPROVED',
    );
    const forwarded = run(signed, { type: 'forward' }, p.centerOfficer, MARCH + 2 * HOUR);
    expect(forwarded.state).toBe('bureau_review');
    expect(forwarded.submittedToBureauAt).toBe(MARCH + 2 * HOUR);
  });

  it('a later edit voids the sign-off and the item must be approved again', () => {
    const signed = run(
      inTownshipReview(),
      { type: 'approve', noChange: true, forward: false },
      p.centerDeputy,
      MARCH + HOUR,
    );
    const r = transition(
      signed,
      { type: 'edit', changes: { title: '又改了' } },
      p.schoolOfficer,
      MARCH + 2 * HOUR,
    );
    expect(r.ok && r.value.submission.signOff).toBeNull();
    expect(r.ok && r.value.events.map((e) => e.type)).toEqual(['revised', 'sign_off_voided']);
    if (!r.ok) return;
    expect(
      errorCode(r.value.submission, { type: 'forward' }, p.centerOfficer, MARCH + 3 * HOUR),
    ).toBe('SUBMISSION.NOT_SIGNED_OFF');
    expect(r.value.submission.approvals).toHaveLength(1);
  });

  it('measures the review time from the recorded opening; without one the reviewer never opened it', () => {
    const unopened = run(
      inTownshipReview(),
      { type: 'approve', noChange: true },
      p.centerDeputy,
      MARCH + MINUTE + 20 * SECOND,
    );
    expect(unopened.signOff?.durationMs).toBeNull();
    const opened = run(
      inTownshipReview(),
      { type: 'approve', noChange: true, openedAt: MARCH + 5 * HOUR - 10 * SECOND },
      p.centerDeputy,
      MARCH + 5 * HOUR,
    );
    expect(opened.signOff?.durationMs).toBe(10 * SECOND);
  });

  it('lists the approvers of an item: the deputy and head of the reviewing unit who did not write it', () => {
    expect(
      approversOf(inTownshipReview(), county.everyone)
        .map((x) => x.id)
        .sort(),
    ).toEqual(['deputy-1', 'head-1']);
  });
});

describe('rubber stamps and review depth', () => {
  const scheme = defaultScheme(2026);
  const approval: Approval = {
    reviewerId: 'd',
    unitId: 'c',
    at: MARCH,
    revision: 1,
    edited: false,
    comment: null,
    durationMs: 59 * SECOND,
  };

  it('an approval under 60 seconds after opening, with no change, is rubber-stamped', () => {
    expect(isRubberStamped(approval, scheme)).toBe(true);
    expect(isRubberStamped({ ...approval, durationMs: 60 * SECOND }, scheme)).toBe(false);
    expect(isRubberStamped({ ...approval, edited: true }, scheme)).toBe(false);
  });

  it('an approval by a reviewer who never opened the full item is rubber-stamped, however late', () => {
    expect(isRubberStamped({ ...approval, durationMs: null }, scheme)).toBe(true);
    expect(isRubberStamped({ ...approval, durationMs: null, edited: true }, scheme)).toBe(false);
  });

  it('an approval with an edit or a substantive comment counts for review depth', () => {
    expect(isDeepReview(approval, scheme)).toBe(false);
    expect(
      isDeepReview({ ...approval, comment: '第二段的数字与附件表格不一致，已核对' }, scheme),
    ).toBe(true);
    expect(isDeepReview({ ...approval, edited: true }, scheme)).toBe(true);
  });

  it('a short comment or a stock phrase in any punctuation is not substantive', () => {
    for (const c of [
      '已核实',
      '同意',
      '同意。',
      '同意！！',
      ' 已阅 ',
      'OK',
      'ok.',
      'ＯＫ！',
      '同意报送。',
      '情况属实',
    ]) {
      expect(isSubstantiveComment(c, scheme)).toBe(false);
    }
    // Ten characters that are only a stock phrase and punctuation are still a stock phrase.
    expect(isSubstantiveComment('同意报送。。。。。。', scheme)).toBe(false);
    expect(isSubstantiveComment('数据已与教务处核对无误', scheme)).toBe(true);
  });

  it('the comment rule follows the year’s scheme: its length and its stock phrases', () => {
    const custom = customiseScheme(scheme, {
      review: { substantiveCommentLength: 4, stockPhrases: ['阅知'] },
    });
    expect(custom.ok).toBe(true);
    if (!custom.ok) return;
    expect(isSubstantiveComment('已核实数据', custom.value)).toBe(true);
    expect(isSubstantiveComment('阅知。。。。', custom.value)).toBe(false);
    // 同意 is no longer a stock phrase of that scheme, but two characters are too short.
    expect(isSubstantiveComment('同意', custom.value)).toBe(false);
  });

  it('a test made once per scheme answers as the rule does for each comment', () => {
    const custom = customiseScheme(scheme, {
      review: { substantiveCommentLength: 4, stockPhrases: ['阅知', 'OK'] },
    });
    expect(custom.ok).toBe(true);
    if (!custom.ok) return;
    for (const each of [scheme, custom.value]) {
      const substantive = substantiveCommentTest(each);
      const deep = deepReviewTest(each);
      const pieces = fc.constantFrom(
        ...each.review.stockPhrases,
        '。',
        '！',
        ' ',
        'ｏｋ',
        '核对',
        '数据',
      );
      const comments = fc.option(fc.array(pieces, { maxLength: 8 }).map((p) => p.join('')));
      fc.assert(
        fc.property(comments, fc.boolean(), (comment, edited) => {
          expect(substantive(comment)).toBe(isSubstantiveComment(comment, each));
          const approved = { ...approval, comment, edited };
          expect(deep(approved)).toBe(isDeepReview(approved, each));
        }),
      );
    }
  });

  it('is exactly 10 characters the boundary of a substantive comment, for any non-stock text', () => {
    const letters = fc.constantFrom(...'数据核对标题修改附件照片学校活动'.split(''));
    fc.assert(
      fc.property(fc.array(letters, { minLength: 1, maxLength: 20 }), (chars) => {
        const text = chars.join('');
        expect(isSubstantiveComment(text, scheme)).toBe(chars.length >= 10);
      }),
    );
  });

  it('a stock phrase stays a stock phrase with any punctuation and spaces around or inside it', () => {
    const marks = fc.constantFrom(
      '。',
      '！',
      '!',
      '.',
      '，',
      ' ',
      '～',
      '…',
      '、',
      '?',
      '？',
      '　',
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...scheme.review.stockPhrases),
        fc.array(marks, { maxLength: 12 }),
        fc.array(marks, { maxLength: 12 }),
        (phrase, before, after) => {
          const text = `${before.join('')}${phrase}${after.join('')}`;
          expect(isSubstantiveComment(text, scheme)).toBe(false);
        },
      ),
    );
  });

  it('is exactly the threshold the boundary of a rubber stamp, for any duration', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * 60_000 }), fc.boolean(), (ms, edited) => {
        const a = { ...approval, edited, durationMs: ms };
        expect(isRubberStamped(a, scheme)).toBe(!edited && ms < 60_000);
      }),
    );
  });

  it('sums up review depth: deep, rubber-stamped and the median minutes to approve', () => {
    const depth = reviewDepth(
      [
        { ...approval, edited: true, durationMs: 10 * MINUTE },
        { ...approval, comment: '同意', durationMs: 3 * MINUTE },
        { ...approval, durationMs: 30 * SECOND },
        { ...approval, durationMs: null },
      ],
      scheme,
    );
    expect(depth).toEqual({
      approvals: 4,
      deep: 1,
      depth: 0.25,
      rubberStamped: 2,
      medianMinutesToApprove: 3,
    });
    expect(reviewDepth([], scheme)).toEqual({
      approvals: 0,
      deep: 0,
      depth: null,
      rubberStamped: 0,
      medianMinutesToApprove: null,
    });
  });
});

describe('returning and withdrawing', () => {
  it('the township returns a school item with a reason; the author fixes and resubmits', () => {
    const returned = run(
      inTownshipReview(),
      { type: 'return', reason: '事件时间不准确' },
      p.centerOfficer,
      MARCH + HOUR,
    );
    expect(returned.state).toBe('returned');
    expect(returned.returnedReason).toBe('事件时间不准确');
    expect(returned.returns[0]).toMatchObject({ stage: 'unit_review', by: 'officer-1' });
    const fixed = run(
      returned,
      { type: 'edit', changes: { eventAt: MARCH - HOUR } },
      p.schoolOfficer,
      MARCH + 2 * HOUR,
    );
    const again = run(fixed, { type: 'submit' }, p.schoolOfficer, MARCH + 2 * HOUR);
    expect(again.state).toBe('unit_review');
    expect(again.returnedReason).toBeNull();
  });

  it('a return needs a reason', () => {
    expect(
      errorCode(inTownshipReview(), { type: 'return', reason: ' ' }, p.centerDeputy, MARCH),
    ).toBe('SUBMISSION.REASON_REQUIRED');
  });

  it('a reviewer cannot return an item they wrote', () => {
    const own = run(
      null,
      { type: 'create', id: 's-3', unit: county.center, content: someContent() },
      { ...p.centerDeputy, roles: ['deputy', 'officer'] },
      MARCH,
    );
    const inReview = run(
      own,
      { type: 'submit' },
      { ...p.centerDeputy, roles: ['deputy', 'officer'] },
      MARCH,
    );
    expect(
      errorCode(
        inReview,
        { type: 'return', reason: 'x' },
        { ...p.centerDeputy, roles: ['deputy', 'officer'] },
        MARCH,
      ),
    ).toBe('SUBMISSION.OWN_ITEM');
  });

  it('the bureau returns an item from its review; the first arrival at the bureau is kept', () => {
    const atBureau = run(
      inTownshipReview(),
      { type: 'approve', noChange: true },
      p.centerDeputy,
      MARCH + HOUR,
    );
    const returned = run(
      atBureau,
      { type: 'return', reason: '请补充图片' },
      p.reviewer,
      MARCH + 2 * HOUR,
    );
    expect(returned.returns.at(-1)?.stage).toBe('bureau_review');
    expect(returned.submittedToBureauAt).toBe(MARCH + HOUR);
    expect(errorCode(atBureau, { type: 'return', reason: 'x' }, p.centerDeputy, MARCH)).toBe(
      'SUBMISSION.NOT_BUREAU_REVIEWER',
    );
  });

  it('only a unit reviewer returns from unit review', () => {
    expect(errorCode(inTownshipReview(), { type: 'return', reason: 'x' }, p.reviewer, MARCH)).toBe(
      'SUBMISSION.NOT_REVIEWER',
    );
  });

  it('the author withdraws before bureau review, but not after', () => {
    expect(run(inTownshipReview(), { type: 'withdraw' }, p.schoolOfficer, MARCH + HOUR).state).toBe(
      'withdrawn',
    );
    expect(errorCode(inTownshipReview(), { type: 'withdraw' }, p.centerDeputy, MARCH + HOUR)).toBe(
      'SUBMISSION.NOT_AUTHOR',
    );
    const atBureau = run(
      inTownshipReview(),
      { type: 'approve', noChange: true },
      p.centerDeputy,
      MARCH + HOUR,
    );
    expect(errorCode(atBureau, { type: 'withdraw' }, p.schoolOfficer, MARCH + 2 * HOUR)).toBe(
      'SUBMISSION.ILLEGAL_TRANSITION',
    );
    const bounced = run(atBureau, { type: 'return', reason: '重复' }, p.reviewer, MARCH + 2 * HOUR);
    expect(errorCode(bounced, { type: 'withdraw' }, p.schoolOfficer, MARCH + 3 * HOUR)).toBe(
      'SUBMISSION.ILLEGAL_TRANSITION',
    );
  });
});

describe('bureau decision', () => {
  const atBureau = aSubmission();

  it('a bureau reviewer adopts or does not adopt; a not-adopted item may still be adopted later', () => {
    const adopted = run(atBureau, { type: 'adopt', comment: '好稿' }, p.reviewer, MARCH + DAY);
    expect(adopted.state).toBe('adopted');
    expect(adopted.decision).toMatchObject({ by: 'reviewer-1', adopted: true, comment: '好稿' });
    const no = run(atBureau, { type: 'not_adopt' }, p.reviewer, MARCH);
    expect(no.state).toBe('not_adopted');
    expect(run(no, { type: 'adopt' }, p.reviewer, MARCH).state).toBe('adopted');
  });

  it('unit staff cannot decide at the bureau', () => {
    expect(errorCode(atBureau, { type: 'adopt' }, p.centerHead, MARCH)).toBe(
      'SUBMISSION.NOT_BUREAU_REVIEWER',
    );
    expect(
      errorCode(aSubmission({ state: 'unit_review' }), { type: 'adopt' }, p.reviewer, MARCH),
    ).toBe('SUBMISSION.ILLEGAL_TRANSITION');
  });

  it('a bureau reviewer sets and clears the 精品 mark', () => {
    const marked = run(atBureau, { type: 'mark_quality', quality: true }, p.reviewer, MARCH);
    expect(marked.qualityMark).toEqual({ by: 'reviewer-1', at: MARCH });
    expect(errorCode(marked, { type: 'mark_quality', quality: true }, p.reviewer, MARCH)).toBe(
      'SUBMISSION.NO_CHANGE',
    );
    expect(
      run(marked, { type: 'mark_quality', quality: false }, p.reviewer, MARCH).qualityMark,
    ).toBeNull();
    expect(errorCode(atBureau, { type: 'mark_quality', quality: true }, p.centerHead, MARCH)).toBe(
      'SUBMISSION.NOT_BUREAU_REVIEWER',
    );
    expect(
      errorCode(
        aSubmission({ state: 'draft' }),
        { type: 'mark_quality', quality: true },
        p.reviewer,
        MARCH,
      ),
    ).toBe('SUBMISSION.ILLEGAL_TRANSITION');
  });
});

describe('allowed commands', () => {
  it('shows each person only what they can do', () => {
    const s = inTownshipReview();
    expect(allowedCommands(s, p.schoolOfficer)).toEqual(['edit', 'withdraw']);
    // Not signed off yet, so nobody is offered `forward` (issue 20: only what transition accepts).
    expect(allowedCommands(s, p.centerDeputy)).toEqual(['edit', 'approve', 'return']);
    expect(allowedCommands(s, p.centerOfficer)).toEqual(['edit', 'return']);
    expect(allowedCommands(aSubmission(), p.reviewer)).toEqual([
      'return',
      'adopt',
      'not_adopt',
      'mark_quality',
    ]);
    expect(allowedCommands(s, { ...p.centerDeputy, active: false })).toEqual([]);
  });

  it('offers forward once the current revision is signed off, and no second approval', () => {
    const signed = run(
      inTownshipReview(),
      { type: 'approve', noChange: true, forward: false },
      p.centerDeputy,
      MARCH + HOUR,
    );
    expect(allowedCommands(signed, p.centerOfficer)).toEqual(['edit', 'forward', 'return']);
    expect(allowedCommands(signed, p.centerHead)).toEqual(['edit', 'forward', 'return']);
  });

  it('does not offer to submit an item without a body', () => {
    const empty = run(
      null,
      {
        type: 'create',
        id: 's-2',
        unit: county.school,
        content: { ...someContent(), body: ' ' },
        source: 'chat',
      },
      p.schoolOfficer,
      MARCH,
    );
    expect(allowedCommands(empty, p.schoolOfficer)).toEqual(['edit', 'withdraw']);
    expect(errorCode(empty, { type: 'submit' }, p.schoolOfficer, MARCH)).toBe(
      'SUBMISSION.EMPTY_BODY',
    );
  });

  /** The command of each type with a well-formed payload, as a button would send it. */
  function wellFormed(type: AllowedCommand, s: Submission): SubmissionCommand {
    switch (type) {
      case 'edit':
        return { type, changes: { title: `${s.title}（修改）` } };
      case 'approve':
        return { type, noChange: true };
      case 'return':
        return { type, reason: '请补充活动成效' };
      case 'mark_quality':
        return { type, quality: s.qualityMark === null };
      default:
        return { type };
    }
  }

  const everyone = [
    ...county.everyone,
    { ...p.centerDeputy, active: false },
    { ...p.reviewer, active: false },
  ];

  /** Any submission, including combinations no sequence of commands produces. */
  const anySubmission = fc
    .record({
      state: fc.constantFrom(...SUBMISSION_STATES),
      unitId: fc.constantFrom('school-1', 'school-2', 'center-1', 'direct-1'),
      reviewUnitId: fc.constantFrom<string | null>('center-1', 'direct-1', null),
      authorIds: fc.subarray(
        county.everyone.map((x) => x.id),
        { minLength: 1, maxLength: 3 },
      ),
      body: fc.constantFrom('', '  ', '正文'),
      revision: fc.integer({ min: 1, max: 3 }),
      signedRevision: fc.integer({ min: 0, max: 3 }),
      reachedBureau: fc.boolean(),
      quality: fc.boolean(),
    })
    .map((f) =>
      aSubmission({
        state: f.state,
        unitId: f.unitId,
        reviewUnitId: f.reviewUnitId,
        authorIds: f.authorIds,
        body: f.body,
        revision: f.revision,
        signOff:
          f.signedRevision === 0 || f.signedRevision > f.revision
            ? null
            : {
                reviewerId: 'deputy-1',
                unitId: 'center-1',
                at: MARCH,
                revision: f.signedRevision,
                edited: false,
                comment: null,
                durationMs: MINUTE,
              },
        submittedToBureauAt: f.reachedBureau ? MARCH + HOUR : null,
        qualityMark: f.quality ? { by: 'reviewer-1', at: MARCH + HOUR } : null,
      }),
    );

  /**
   * Submissions reached by random commands from a draft, as they occur in use; `sign_off`
   * approves without forwarding, so that signed-off items wait in unit review too.
   */
  const reachedSubmission = fc
    .array(
      fc.tuple(fc.constantFrom(...OFFERED, 'sign_off' as const), fc.constantFrom(...everyone)),
      { maxLength: 12 },
    )
    .map((steps) => {
      let s = schoolDraft();
      let now = MARCH;
      for (const [type, actor] of steps) {
        now += 7 * MINUTE;
        const command: SubmissionCommand =
          type === 'sign_off'
            ? { type: 'approve', noChange: true, forward: false }
            : wellFormed(type, s);
        const r = transition(s, command, actor, now);
        if (r.ok) s = r.value.submission;
      }
      return s;
    });

  it('offers a command exactly when transition accepts it, for any item and anyone', () => {
    fc.assert(
      fc.property(
        fc.oneof(anySubmission, reachedSubmission),
        fc.constantFrom(...everyone),
        (s, actor) => {
          const offered = allowedCommands(s, actor);
          for (const type of OFFERED) {
            const accepted = transition(s, wellFormed(type, s), actor, MARCH + DAY).ok;
            expect(offered.includes(type), `${type} in ${s.state} by ${actor.id}`).toBe(accepted);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('an unknown command', () => {
  it('is an error value, not a TypeError', () => {
    const bogus = JSON.parse('{"type":"publish"}') as SubmissionCommand;
    const r = transition(inTownshipReview(), bogus, p.centerDeputy, MARCH);
    expect(r.ok ? null : [r.error.code, r.error.kind, r.error.message]).toEqual([
      'SUBMISSION.UNKNOWN_COMMAND',
      'invalid',
      '未知的操作“publish”',
    ]);
    expect(errorCode(null, bogus, p.centerDeputy, MARCH)).toBe('SUBMISSION.UNKNOWN_COMMAND');
  });

  it('is refused by the permission check as well', () => {
    const bogus = JSON.parse('"publish"') as 'edit';
    const r = checkPermission(inTownshipReview(), bogus, p.centerDeputy);
    expect(r.ok ? null : r.error.code).toBe('SUBMISSION.UNKNOWN_COMMAND');
  });
});

describe('revision diffs', () => {
  it('diffs text fields by character and lists other field changes', () => {
    const s = run(
      schoolDraft(),
      {
        type: 'edit',
        changes: {
          title: '城关镇中心校举办师德师风主题教育活动',
          category: 'news',
          topics: ['全面改薄'],
          eventAt: MARCH - HOUR,
          attachments: ['p.jpg'],
        },
      },
      p.schoolOfficer,
      MARCH + MINUTE,
    );
    const r = revisionDiff(s, 1, 2);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const byField = Object.fromEntries(r.value.map((d) => [d.field, d]));
    expect(byField['title']).toEqual({
      field: 'title',
      ops: [
        { op: 'equal', text: '城关镇中心校' },
        { op: 'delete', text: '开展' },
        { op: 'insert', text: '举办' },
        { op: 'equal', text: '师德师风主题教育活动' },
      ],
    });
    expect(byField['category']).toEqual({ field: 'category', before: 'activity', after: 'news' });
    expect(byField['eventAt']).toEqual({ field: 'eventAt', before: MARCH, after: MARCH - HOUR });
    expect(byField['topics']).toEqual({
      field: 'topics',
      added: ['全面改薄'],
      removed: ['教师队伍建设'],
    });
    expect(byField['attachments']).toEqual({ field: 'attachments', added: ['p.jpg'], removed: [] });
    const first = s.revisions[0];
    const second = s.revisions[1];
    if (first === undefined || second === undefined) throw new Error('missing revision');
    expect(diffRevisions(first, first)).toEqual([]);
    expect(diffRevisions(first, second)).toHaveLength(5);
  });

  it('reports a missing revision', () => {
    const r = revisionDiff(schoolDraft(), 1, 9);
    expect(!r.ok && r.error.code).toBe('SUBMISSION.NO_SUCH_REVISION');
  });
});

describe('every state is reachable only through legal commands', () => {
  const actors = [
    p.schoolOfficer,
    p.centerOfficer,
    p.centerDeputy,
    p.centerHead,
    p.reviewer,
    p.directOfficer,
    { ...p.centerDeputy, active: false },
  ];
  const command = fc.oneof(
    fc.record({
      type: fc.constant('edit' as const),
      changes: fc.record({ title: fc.constantFrom('甲', '乙', '丙') }),
    }),
    fc.constant({ type: 'submit' as const }),
    fc.record({
      type: fc.constant('approve' as const),
      noChange: fc.boolean(),
      forward: fc.boolean(),
    }),
    fc.constant({ type: 'forward' as const }),
    fc.record({ type: fc.constant('return' as const), reason: fc.constantFrom('', '理由') }),
    fc.constant({ type: 'withdraw' as const }),
    fc.constant({ type: 'adopt' as const }),
    fc.constant({ type: 'not_adopt' as const }),
    fc.record({ type: fc.constant('mark_quality' as const), quality: fc.boolean() }),
  );
  const legalNext: Readonly<Record<SubmissionState, readonly SubmissionState[]>> = {
    draft: ['draft', 'unit_review', 'withdrawn'],
    unit_review: ['unit_review', 'bureau_review', 'returned', 'withdrawn'],
    bureau_review: ['bureau_review', 'returned', 'adopted', 'not_adopted'],
    returned: ['returned', 'unit_review', 'withdrawn'],
    adopted: ['adopted'],
    not_adopted: ['not_adopted', 'adopted'],
    withdrawn: [],
  };

  it('keeps every invariant along any sequence of commands by anyone', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(command, fc.integer({ min: 0, max: actors.length - 1 })), {
          maxLength: 30,
        }),
        (steps) => {
          let s = schoolDraft();
          let now = MARCH;
          for (const [cmd, who] of steps) {
            now += 7 * MINUTE;
            const before = s;
            const r = transition(s, cmd, actors[who] ?? p.schoolOfficer, now);
            if (!r.ok) {
              expect(r.error.code).toMatch(/^SUBMISSION\.[A-Z_]+$/);
              continue;
            }
            s = r.value.submission;
            expect(SUBMISSION_STATES).toContain(s.state);
            expect(legalNext[before.state]).toContain(s.state);
            expect(s.version).toBe(before.version + 1);
            expect(s.revision).toBe(s.revisions.length);
            if (s.signOff !== null) expect(s.signOff.revision).toBe(s.revision);
            if (['bureau_review', 'adopted', 'not_adopted'].includes(s.state)) {
              // Nothing reaches the bureau without a unit sign-off on some revision.
              expect(s.submittedToBureauAt).not.toBeNull();
              expect(s.approvals.length).toBeGreaterThan(0);
            }
            for (const a of s.approvals) expect(s.authorIds).not.toContain(a.reviewerId);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
