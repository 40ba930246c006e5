import type { DataChange, Table } from '@jyxc/db';

import type { ServiceContext, Tx } from './context.js';
import { changed } from './db.js';

/** A campaign and everything recorded under it: its writes touch the campaign's row too. */
export const CAMPAIGN_TABLES = [
  'Campaign',
  'Periodical',
  'CampaignTarget',
  'SubscriptionRecord',
  'CampaignAssignment',
] as const satisfies readonly Table[];

/**
 * The tables each kind of audited change may write, so that the read caches drop what depends
 * on them (shared/db.ts `inTransaction`). A use case that writes a table not listed for its
 * entry says so with `changed`; every request of the API tests checks that what it wrote was
 * announced (test/support.ts `testApp`). Bookkeeping tables (BOOKKEEPING_TABLES in @jyxc/db:
 * the audit log itself, notifications, sessions) are never listed.
 */
export const AUDITED_TABLES = {
  Submission: [
    'Submission',
    'SubmissionAuthor',
    'Revision',
    'Attachment',
    'SignOff',
    'SubmissionEvent',
  ],
  Adoption: ['Adoption', 'AdoptionCredit', 'Attachment', 'Submission', 'Adjustment', 'Penalty'],
  Attachment: ['Attachment', 'Adoption'],
  Adjustment: ['Adjustment'],
  Penalty: ['Penalty'],
  Incident: ['Incident', 'IncidentLog', 'Attachment'],
  Scheme: ['Scheme', 'SchemeVersion', 'QuotaOverride'],
  Unit: ['Unit'],
  Outlet: ['Outlet'],
  Import: ['Unit', 'Person', 'PersonRole'],
  Installation: ['Installation', 'Unit', 'Person', 'PersonRole'],
  Person: ['Person', 'PersonRole', 'ChatIdentity'],
  LinkCode: ['LinkCode', 'ChatIdentity', 'ChatGroup'],
  ChatIdentity: ['ChatIdentity', 'ChatGroup', 'LinkCode'],
  ChatGroup: ['ChatGroup', 'ChatIdentity', 'LinkCode'],
  OutboxMessage: [],
  Bulletin: ['Bulletin'],
  Appeal: ['Appeal'],
  Campaign: CAMPAIGN_TABLES,
  CampaignTarget: CAMPAIGN_TABLES,
  Periodical: CAMPAIGN_TABLES,
  SubscriptionRecord: CAMPAIGN_TABLES,
} as const satisfies Record<string, readonly Table[]>;

export type AuditEntity = keyof typeof AUDITED_TABLES;

/**
 * Drafts that have never left their writer: rows of these tables that belong to an item still
 * in `draft` that was never sent to review, returned or decided. Only its unit's lists and
 * details show such an item; no county-wide figure counts it (the evaluation, the dashboard
 * and bulletins start at unit review), so a change to one is announced as a change of
 * {@link UNSENT_DRAFTS} in its unit instead of these tables, and the county-wide caches keep
 * their answers while officers write.
 */
export const UNSENT_DRAFT_TABLES = [
  'Submission',
  'SubmissionAuthor',
  'Revision',
  'Attachment',
  'SubmissionEvent',
] as const satisfies readonly Table[];

/** What a change to drafts that never left their writer is announced as (see above). */
export const UNSENT_DRAFTS = 'UnsentDraft';

/**
 * What the creation of a draft that has not left its writer is announced as, in its unit: the
 * unit's set of items changed (its lists, its items' titles), while no item that was there
 * did. So the kept details of the unit's other unsent drafts, which follow
 * {@link UNSENT_DRAFTS} for their own changes, stay kept while officers write new ones.
 */
export const NEW_DRAFTS = 'NewDraft';

/** What a cached read may depend on: a table, the never-sent drafts, or new ones among them. */
export type Resource = Table | typeof UNSENT_DRAFTS | typeof NEW_DRAFTS;

export interface AuditEntry {
  /** What happened, as `area.verb` (`submission.approve`, `scheme.update`). */
  readonly action: string;
  /** The model changed (`Submission`) and its id. */
  readonly entity: AuditEntity;
  readonly entityId: string | null;
  /**
   * The unit the change belongs to, so that audit reads can be filtered by unit; the read
   * caches take it as the unit whose rows of {@link AUDITED_TABLES} changed (null: any unit).
   */
  readonly unitId: string | null;
  readonly before?: unknown;
  readonly after?: unknown;
  /**
   * The change touched only a draft that never left its writer: announced as
   * {@link UNSENT_DRAFTS} of its unit rather than as its entity's tables.
   */
  readonly unsentDraft?: boolean;
  /**
   * The change created its entity. With {@link unsentDraft}, it is announced as
   * {@link NEW_DRAFTS} of its unit.
   */
  readonly created?: boolean;
}

/** What the read caches learn of an audited change. */
type AuditedChange = Pick<AuditEntry, 'entity' | 'unitId' | 'unsentDraft' | 'created'>;

function json(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/**
 * Records for the read caches what an audited change wrote: the tables of its entity, in its
 * unit. `audit` calls it; so does any writer of an audit entry of its own (the bot's).
 */
export function announceAudited(tx: Tx, entry: AuditedChange): void {
  changed(tx, auditedChanges(entry));
}

/** What an audited change wrote, as the read caches are told of it (see {@link announceAudited}). */
export function auditedChanges(entry: AuditedChange): DataChange[] {
  const tables: readonly Resource[] =
    entry.unsentDraft !== true
      ? AUDITED_TABLES[entry.entity]
      : [entry.created === true ? NEW_DRAFTS : UNSENT_DRAFTS];
  return tables.map((table) => ({ table, unitId: entry.unitId }));
}

/** The audit log's row of `entry`, made by `ctx` now (its id is the database's to give). */
export function auditRow(ctx: ServiceContext, entry: AuditEntry) {
  return {
    at: ctx.now,
    actorId: ctx.actor.personId,
    actorKind: ctx.via,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    unitId: entry.unitId,
    before: json(entry.before),
    after: json(entry.after),
    requestId: ctx.requestId,
  };
}

/**
 * Appends one audit entry inside the transaction of the change it records, so that a change
 * and its audit entry are written together or not at all (DESIGN §4: one write path). The
 * audit log is only ever appended to; no route updates or deletes it.
 */
export async function audit(tx: Tx, ctx: ServiceContext, entry: AuditEntry): Promise<void> {
  announceAudited(tx, entry);
  // Only the id is read back; a createMany of one row costs more (see persistTransition).
  await tx.auditLog.create({ select: { id: true }, data: auditRow(ctx, entry) });
}
