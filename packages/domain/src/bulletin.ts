/**
 * Bulletins (通报, rules §6.5): a draft units can see and dispute within an appeal window
 * (default 5 days), then a published, frozen snapshot. Drafts are recomputed whenever the
 * scheme or the data change; a published bulletin never is.
 */
import type { ErrorCode } from './errors.js';
import type { Evaluation } from './evaluation.js';
import { periodLabel } from './labels.js';
import { BUREAU_ROLES, holdsRole, type Person } from './org.js';
import { periodKey, type Period } from './period.js';
import { choiceOf, type ActionChoice } from './actions.js';
import {
  domainError,
  err,
  ok,
  type DomainError,
  type DomainErrorArgs,
  type Result,
} from './result.js';
import type { Scheme } from './scheme.js';
import { DAY_MS } from './vocabulary.js';

/** A unit's dispute of a draft bulletin. */
export interface Appeal {
  readonly id: string;
  readonly unitId: string;
  readonly byPersonId: string;
  readonly reason: string;
  readonly at: number;
  readonly status: 'pending' | 'accepted' | 'rejected';
  readonly response: string | null;
  readonly resolvedBy: string | null;
  readonly resolvedAt: number | null;
}

/** A published bulletin's content, frozen: it never changes after publication. */
export interface BulletinSnapshot {
  readonly evaluation: Evaluation;
  readonly schemeVersion: number;
  readonly takenAt: number;
}

/** A bulletin of a period: a draft, or a published snapshot. */
export interface Bulletin {
  readonly id: string;
  readonly period: Period;
  readonly title: string;
  readonly status: 'draft' | 'published';
  readonly createdAt: number;
  /** Appeals are accepted until this instant (exclusive). */
  readonly appealDeadline: number;
  readonly appeals: readonly Appeal[];
  readonly publishedAt: number | null;
  readonly publishedBy: string | null;
  /** Null while a draft: a draft is always shown from a fresh evaluation. */
  readonly snapshot: BulletinSnapshot | null;
}

function fail<C extends ErrorCode>(code: C, ...init: DomainErrorArgs<C>): Result<never> {
  return err(domainError(code, ...init));
}

/**
 * The default title of a period's bulletin in the form of an official 通报, e.g.
 * "关于2026年上半年全县教育信息报送情况的通报" or "关于2026年度全县教育信息报送情况的通报".
 *
 * @example
 * ```ts
 * bulletinTitle({ year: 2026, kind: 'H1' }); // '关于2026年上半年全县教育信息报送情况的通报'
 * ```
 */
export function bulletinTitle(period: Period): string {
  return `关于${periodLabel(period, 'zh-CN')}全县教育信息报送情况的通报`;
}

/**
 * Opens a draft bulletin; its appeal window starts now and lasts the scheme's days.
 *
 * @example
 * ```ts
 * const draft = createDraftBulletin({ id: 'b-2026-h1', period: { year: 2026, kind: 'H1' } }, defaultScheme(2026), now);
 * draft.status; // 'draft'
 * draft.appealDeadline - now; // 5 days in milliseconds
 * ```
 */
export function createDraftBulletin(
  input: { readonly id: string; readonly period: Period; readonly title?: string },
  scheme: Pick<Scheme, 'bulletin'>,
  now: number,
): Bulletin {
  return {
    id: input.id,
    period: input.period,
    title: input.title ?? bulletinTitle(input.period),
    status: 'draft',
    createdAt: now,
    appealDeadline: now + scheme.bulletin.appealWindowDays * DAY_MS,
    appeals: [],
    publishedAt: null,
    publishedBy: null,
    snapshot: null,
  };
}

/**
 * Whether the appeal window of a draft is open at `now`.
 *
 * @example
 * ```ts
 * isAppealWindowOpen(draft, draft.appealDeadline - 1); // true
 * isAppealWindowOpen(draft, draft.appealDeadline); // false
 * ```
 */
export function isAppealWindowOpen(bulletin: Bulletin, now: number): boolean {
  return bulletin.status === 'draft' && now < bulletin.appealDeadline;
}

/** The actions on a bulletin: a unit's appeal, the bureau's answer to one, publication. */
export const BULLETIN_ACTIONS = ['appeal', 'resolve', 'publish'] as const;
/** An action on a bulletin. */
export type BulletinAction = (typeof BULLETIN_ACTIONS)[number];

/** The roles of a unit that may dispute a draft for it. */
const APPELLANT_ROLES = ['head', 'deputy', 'officer'] as const;

/**
 * Why `actor` may not dispute the draft for their own unit now, or null: only inside the
 * appeal window, once per unit, by the unit's head, deputy or information officer.
 */
function appealRefusal(bulletin: Bulletin, actor: Person, now: number): DomainError | null {
  if (bulletin.status === 'published') {
    return domainError('BULLETIN.ALREADY_PUBLISHED', { params: { action: 'appeal' } });
  }
  if (!isAppealWindowOpen(bulletin, now)) return domainError('BULLETIN.APPEAL_WINDOW_CLOSED');
  if (!actor.active) return domainError('BULLETIN.NOT_ALLOWED', { params: { action: 'appeal' } });
  if (!APPELLANT_ROLES.some((role) => holdsRole(actor, role))) {
    return domainError('BULLETIN.NOT_ALLOWED', { params: { action: 'appeal_role' } });
  }
  if (bulletin.appeals.some((a) => a.unitId === actor.unitId)) {
    return domainError('BULLETIN.ALREADY_APPEALED');
  }
  return null;
}

/** Why `actor` may not answer the draft's appeals, or null. */
function resolveRefusal(bulletin: Bulletin, actor: Person): DomainError | null {
  if (bulletin.status === 'published') {
    return domainError('BULLETIN.ALREADY_PUBLISHED', { params: { action: 'resolve' } });
  }
  if (!(holdsRole(actor, 'reviewer') || holdsRole(actor, 'admin'))) {
    return domainError('BULLETIN.NOT_ALLOWED', { params: { action: 'resolve' } });
  }
  return null;
}

/** Why `actor` may not publish the draft now, or null (rules §6.5: not in the appeal window). */
function publishRefusal(bulletin: Bulletin, actor: Person, now: number): DomainError | null {
  if (bulletin.status === 'published') {
    return domainError('BULLETIN.ALREADY_PUBLISHED', { params: { action: 'publish' } });
  }
  if (!(holdsRole(actor, 'leader') || holdsRole(actor, 'admin'))) {
    return domainError('BULLETIN.NOT_ALLOWED', { params: { action: 'publish' } });
  }
  if (isAppealWindowOpen(bulletin, now)) return domainError('BULLETIN.APPEAL_WINDOW_OPEN');
  if (bulletin.appeals.some((a) => a.status === 'pending')) {
    return domainError('BULLETIN.APPEALS_PENDING');
  }
  return null;
}

/**
 * What `actor` may do with the bulletin now, and why not the rest (rules §6.5): no 发布通报
 * while the appeal window is open (`BULLETIN.APPEAL_WINDOW_OPEN`; the console shows the
 * countdown to `appealDeadline`), no appeal after it. A published bulletin offers nothing,
 * and `resolve` is offered only while an appeal waits for its answer.
 * {@link fileAppeal}, {@link resolveAppeal} and {@link publishBulletin} use the same guards.
 *
 * @example
 * ```ts
 * bulletinActions(draft, leader, draft.appealDeadline - 1).refused[0]?.error.code; // 'BULLETIN.APPEAL_WINDOW_OPEN'
 * ```
 */
export function bulletinActions(
  bulletin: Bulletin,
  actor: Person,
  now: number,
): ActionChoice<BulletinAction> {
  const pending = bulletin.appeals.some((a) => a.status === 'pending');
  const bureau = BUREAU_ROLES.some((role) => holdsRole(actor, role));
  // A bureau person never appeals and a unit never publishes or answers: those refusals
  // would only be noise on their screens.
  return choiceOf(
    [
      ...(bureau ? [] : [['appeal', appealRefusal(bulletin, actor, now)] as const]),
      ...(bureau && pending ? [['resolve', resolveRefusal(bulletin, actor)] as const] : []),
      ...(bureau ? [['publish', publishRefusal(bulletin, actor, now)] as const] : []),
    ],
    (error) =>
      error.code === 'BULLETIN.ALREADY_PUBLISHED' || error.code === 'BULLETIN.APPEAL_WINDOW_CLOSED',
  );
}

/**
 * A unit disputes a draft. Accepted only inside the appeal window and only from a person of
 * that unit.
 *
 * @example
 * ```ts
 * // A person of the unit disputes the draft within its appeal window.
 * const appealed = fileAppeal(draft, { id: 'ap-1', unitId: 'hexi', reason: '3月12日市日报采用未计入' }, deputy, now);
 * if (appealed.ok) appealed.value.appeals[0]?.status; // 'pending'
 * else appealed.error.code; // e.g. 'BULLETIN.APPEAL_WINDOW_CLOSED'
 * ```
 */
export function fileAppeal(
  bulletin: Bulletin,
  input: { readonly id: string; readonly unitId: string; readonly reason: string },
  actor: Person,
  now: number,
): Result<Bulletin> {
  const refused = appealRefusal(bulletin, actor, now);
  if (refused !== null) return err(refused);
  if (actor.unitId !== input.unitId) {
    return fail('BULLETIN.NOT_ALLOWED', { params: { action: 'appeal' } });
  }
  const reason = input.reason.trim();
  if (reason === '') return fail('BULLETIN.REASON_REQUIRED', { params: { action: 'appeal' } });
  const appeal: Appeal = {
    id: input.id,
    unitId: input.unitId,
    byPersonId: actor.id,
    reason,
    at: now,
    status: 'pending',
    response: null,
    resolvedBy: null,
    resolvedAt: null,
  };
  return ok({ ...bulletin, appeals: [...bulletin.appeals, appeal] });
}

/**
 * A bureau reviewer or admin answers an appeal (accepting it usually means correcting data).
 *
 * @example
 * ```ts
 * const answered = resolveAppeal(bulletin, 'ap-1', { accepted: true, response: '已补录采用' }, reviewer, now);
 * if (answered.ok) answered.value.appeals[0]?.status; // 'accepted'
 * ```
 */
export function resolveAppeal(
  bulletin: Bulletin,
  appealId: string,
  decision: { readonly accepted: boolean; readonly response: string },
  actor: Person,
  now: number,
): Result<Bulletin> {
  const refused = resolveRefusal(bulletin, actor);
  if (refused !== null) return err(refused);
  const appeal = bulletin.appeals.find((a) => a.id === appealId);
  if (appeal === undefined) return fail('BULLETIN.NO_SUCH_APPEAL');
  if (appeal.status !== 'pending') return fail('BULLETIN.APPEAL_RESOLVED');
  const response = decision.response.trim();
  if (response === '') return fail('BULLETIN.REASON_REQUIRED', { params: { action: 'resolve' } });
  const resolved: Appeal = {
    ...appeal,
    status: decision.accepted ? 'accepted' : 'rejected',
    response,
    resolvedBy: actor.id,
    resolvedAt: now,
  };
  return ok({
    ...bulletin,
    appeals: bulletin.appeals.map((a) => (a.id === appealId ? resolved : a)),
  });
}

/** A deep copy of plain data (objects, arrays, primitives), as evaluations are. */
function copyPlain<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => copyPlain(v)) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = copyPlain(v);
    return out as T;
  }
  return value;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/**
 * Builds the frozen snapshot of an evaluation: a deep copy, frozen, so that nothing that
 * happens later can change what was published.
 */
export function buildSnapshot(evaluation: Evaluation, now: number): BulletinSnapshot {
  const copy = copyPlain(evaluation);
  return deepFreeze({ evaluation: copy, schemeVersion: evaluation.schemeVersion, takenAt: now });
}

/**
 * Publishes a draft with the evaluation computed now. Refused while the appeal window is open
 * or an appeal is pending, for another period's evaluation, or by someone who is not a bureau
 * leader or admin.
 *
 * @example
 * ```ts
 * const published = publishBulletin(bulletin, evaluate(input), leader, now);
 * if (published.ok) published.value.snapshot?.evaluation; // frozen: never changes again
 * else published.error.code; // e.g. 'BULLETIN.APPEAL_WINDOW_OPEN', 'BULLETIN.APPEALS_PENDING'
 * ```
 */
export function publishBulletin(
  bulletin: Bulletin,
  evaluation: Evaluation,
  actor: Person,
  now: number,
): Result<Bulletin> {
  const refused = publishRefusal(bulletin, actor, now);
  if (refused !== null) return err(refused);
  if (periodKey(evaluation.period) !== periodKey(bulletin.period)) {
    return fail('BULLETIN.WRONG_PERIOD');
  }
  return ok({
    ...bulletin,
    status: 'published',
    publishedAt: now,
    publishedBy: actor.id,
    snapshot: buildSnapshot(evaluation, now),
  });
}

/**
 * Whether a bulletin must be recomputed after a change of the scheme or the data:
 * drafts always, published bulletins never (rules §6.5).
 *
 * @example
 * ```ts
 * mustRecompute(draft); // true: a draft follows the data and the scheme
 * mustRecompute(published); // false: a published bulletin is a frozen snapshot
 * ```
 */
export function mustRecompute(bulletin: Bulletin): boolean {
  return bulletin.status === 'draft';
}
