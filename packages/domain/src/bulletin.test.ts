import { describe, expect, it } from 'vitest';
import {
  buildSnapshot,
  bulletinTitle,
  createDraftBulletin,
  fileAppeal,
  isAppealWindowOpen,
  mustRecompute,
  publishBulletin,
  resolveAppeal,
  type Bulletin,
} from './bulletin.js';
import { evaluate } from './evaluation.js';
import { aCounty, aScheme, aSubmission, DAY, MARCH } from './test-support/builders.js';

const county = aCounty();
const p = county.people;
const H1 = { year: 2026, kind: 'H1' } as const;
const JULY = Date.UTC(2026, 6, 2);
const evaluation = evaluate({
  scheme: aScheme(),
  period: H1,
  units: county.units,
  people: county.everyone,
  submissions: [aSubmission()],
  adoptions: [],
});

function draft(): Bulletin {
  return createDraftBulletin({ id: 'b-1', period: H1 }, aScheme(), JULY);
}

function must<T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

describe('a bulletin draft', () => {
  it('has a default title and an appeal window of 5 days', () => {
    const b = draft();
    expect(b.title).toBe('关于2026年上半年全县教育信息报送情况的通报');
    expect(bulletinTitle({ year: 2026, kind: 'Y' })).toBe('关于2026年度全县教育信息报送情况的通报');
    expect(bulletinTitle({ year: 2025, kind: 'H2' })).toBe(
      '关于2025年下半年全县教育信息报送情况的通报',
    );
    expect(b.appealDeadline).toBe(JULY + 5 * DAY);
    expect(isAppealWindowOpen(b, JULY + 5 * DAY - 1)).toBe(true);
    expect(isAppealWindowOpen(b, JULY + 5 * DAY)).toBe(false);
  });

  it('is always recomputed; a published bulletin never is', () => {
    expect(mustRecompute(draft())).toBe(true);
    const published = must(publishBulletin(draft(), evaluation, p.leader, JULY + 6 * DAY));
    expect(mustRecompute(published)).toBe(false);
  });
});

describe('appeals', () => {
  it('a unit disputes the draft inside the window', () => {
    const b = must(
      fileAppeal(
        draft(),
        { id: 'ap-1', unitId: 'center-1', reason: '漏计一篇市级采用' },
        p.centerHead,
        JULY + DAY,
      ),
    );
    expect(b.appeals[0]).toMatchObject({
      unitId: 'center-1',
      byPersonId: 'head-1',
      status: 'pending',
    });
  });

  it('is refused after the window, for another unit, without a reason, or once published', () => {
    const code = (r: { ok: boolean; error?: { code: string } }): string | undefined =>
      r.error?.code;
    expect(
      code(
        fileAppeal(
          draft(),
          { id: 'a', unitId: 'center-1', reason: 'x' },
          p.centerHead,
          JULY + 5 * DAY,
        ),
      ),
    ).toBe('BULLETIN.APPEAL_WINDOW_CLOSED');
    expect(
      code(fileAppeal(draft(), { id: 'a', unitId: 'direct-1', reason: 'x' }, p.centerHead, JULY)),
    ).toBe('BULLETIN.NOT_ALLOWED');
    expect(
      code(fileAppeal(draft(), { id: 'a', unitId: 'center-1', reason: ' ' }, p.centerHead, JULY)),
    ).toBe('BULLETIN.REASON_REQUIRED');
    const published = must(publishBulletin(draft(), evaluation, p.leader, JULY + 6 * DAY));
    expect(
      code(
        fileAppeal(
          published,
          { id: 'a', unitId: 'center-1', reason: 'x' },
          p.centerHead,
          JULY + 6 * DAY,
        ),
      ),
    ).toBe('BULLETIN.ALREADY_PUBLISHED');
  });

  it('a bureau reviewer answers an appeal once', () => {
    const withAppeal = must(
      fileAppeal(draft(), { id: 'ap-1', unitId: 'center-1', reason: '漏计' }, p.centerHead, JULY),
    );
    const answered = must(
      resolveAppeal(
        withAppeal,
        'ap-1',
        { accepted: true, response: '已补录' },
        p.reviewer,
        JULY + DAY,
      ),
    );
    expect(answered.appeals[0]).toMatchObject({
      status: 'accepted',
      response: '已补录',
      resolvedBy: 'reviewer-1',
    });
    const again = resolveAppeal(
      answered,
      'ap-1',
      { accepted: false, response: 'x' },
      p.reviewer,
      JULY,
    );
    expect(!again.ok && again.error.code).toBe('BULLETIN.APPEAL_RESOLVED');
    const missing = resolveAppeal(
      answered,
      'nope',
      { accepted: false, response: 'x' },
      p.reviewer,
      JULY,
    );
    expect(!missing.ok && missing.error.code).toBe('BULLETIN.NO_SUCH_APPEAL');
    const byUnit = resolveAppeal(
      withAppeal,
      'ap-1',
      { accepted: false, response: 'x' },
      p.centerHead,
      JULY,
    );
    expect(!byUnit.ok && byUnit.error.code).toBe('BULLETIN.NOT_ALLOWED');
    const empty = resolveAppeal(
      withAppeal,
      'ap-1',
      { accepted: false, response: ' ' },
      p.admin,
      JULY,
    );
    expect(!empty.ok && empty.error.code).toBe('BULLETIN.REASON_REQUIRED');
  });
});

describe('publishing', () => {
  it('freezes a snapshot of the evaluation that later changes cannot touch', () => {
    const published = must(publishBulletin(draft(), evaluation, p.leader, JULY + 6 * DAY));
    expect(published).toMatchObject({
      status: 'published',
      publishedAt: JULY + 6 * DAY,
      publishedBy: 'leader-1',
    });
    const snapshot = published.snapshot;
    expect(snapshot?.evaluation).toEqual(evaluation);
    expect(snapshot?.evaluation).not.toBe(evaluation);
    expect(Object.isFrozen(snapshot?.evaluation.units[0])).toBe(true);
    expect(Object.isFrozen(evaluation.units[0])).toBe(false);
    expect(buildSnapshot(evaluation, 1).schemeVersion).toBe(1);
  });

  it('is refused inside the appeal window, with a pending appeal, twice, for another period, or by a unit person', () => {
    const code = (r: { ok: boolean; error?: { code: string } }): string | undefined =>
      r.error?.code;
    expect(code(publishBulletin(draft(), evaluation, p.leader, JULY + DAY))).toBe(
      'BULLETIN.APPEAL_WINDOW_OPEN',
    );
    const withAppeal = must(
      fileAppeal(draft(), { id: 'ap-1', unitId: 'center-1', reason: '漏计' }, p.centerHead, JULY),
    );
    expect(code(publishBulletin(withAppeal, evaluation, p.leader, JULY + 6 * DAY))).toBe(
      'BULLETIN.APPEALS_PENDING',
    );
    const published = must(publishBulletin(draft(), evaluation, p.admin, JULY + 6 * DAY));
    expect(code(publishBulletin(published, evaluation, p.leader, JULY + 7 * DAY))).toBe(
      'BULLETIN.ALREADY_PUBLISHED',
    );
    expect(
      code(resolveAppeal(published, 'x', { accepted: true, response: 'x' }, p.admin, JULY)),
    ).toBe('BULLETIN.ALREADY_PUBLISHED');
    const h2 = { ...evaluation, period: { year: 2026, kind: 'H2' as const } };
    expect(code(publishBulletin(draft(), h2, p.leader, JULY + 6 * DAY))).toBe(
      'BULLETIN.WRONG_PERIOD',
    );
    expect(code(publishBulletin(draft(), evaluation, p.centerHead, JULY + 6 * DAY))).toBe(
      'BULLETIN.NOT_ALLOWED',
    );
    expect(MARCH).toBeLessThan(JULY);
  });
});
