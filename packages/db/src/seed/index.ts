/**
 * The demo county 清河县: two years of an education bureau's information work, so that every
 * console page, bulletin and bot command has something real to show on a fresh install.
 */
import { ROLE_LABELS, UNIT_KIND_LABELS } from '@jyxc/domain';
import { hash } from '@node-rs/argon2';

import { EVERYTHING } from '../changes.js';
import { announceChanges, noticeChanges, type Db } from '../client.js';
import type { Role } from '../generated/sqlite/enums.js';
import { buildDemoCounty } from './build.js';
import { BUREAU_CODE, BUREAU_NAME } from './county.js';

export { buildDemoCounty, type DemoData } from './build.js';
export { BUREAU_CODE, BUREAU_NAME } from './county.js';
export { demoScheme, type DemoQuotaOverride } from './scheme.js';

/** The one password of every demo account. */
export const DEMO_PASSWORD = 'Qinghe@2026';

export interface DemoLogin {
  readonly username: string;
  readonly password: string;
  readonly role: Role;
  /** The role as the console names it. */
  readonly roleLabel: string;
  readonly unit: string;
  /** One line for a person choosing an account, e.g. "城关镇中心校 信息员". */
  readonly description: string;
}

/** Accounts to try the platform with, one per role at least (printed by the start script). */
export const DEMO_LOGINS: readonly DemoLogin[] = (
  [
    ['admin', 'admin', null, BUREAU_NAME],
    ['shenhe', 'reviewer', null, BUREAU_NAME],
    ['lingdao', 'leader', null, BUREAU_NAME],
    ['cg_head', 'head', null, '城关镇中心校'],
    ['cg_fg', 'deputy', null, '城关镇中心校'],
    ['cg_xxy', 'officer', null, '城关镇中心校'],
    ['cg_yq', 'opinion_officer', null, '城关镇中心校'],
    ['cg01_xxy', 'officer', 'school', '城关镇中心小学'],
    ['yg_xxy', 'officer', 'direct_unit', '清河县第一高级中学'],
    ['yg_head', 'head', 'direct_unit', '清河县第一高级中学'],
  ] as const
).map(([username, role, kind, unit]) => {
  // The console's words: 信息员, or 学校信息员 where the kind of unit tells accounts apart.
  const roleLabel = `${kind === null ? '' : UNIT_KIND_LABELS['zh-CN'][kind]}${ROLE_LABELS['zh-CN'][role]}`;
  return {
    username,
    password: DEMO_PASSWORD,
    role,
    roleLabel,
    unit,
    description: `${unit} ${roleLabel}`,
  };
});

/**
 * The stored form of {@link DEMO_PASSWORD}. The salt is fixed so that the demo county is
 * byte-for-byte the same on every run; it protects nothing, since the password is published.
 * Passwords set through the console get a random salt.
 */
function demoPasswordHash(): Promise<string> {
  return hash(DEMO_PASSWORD, { salt: new TextEncoder().encode('qinghe-demo-county') });
}

/** True when the database holds no unit and no person: nothing a seed could collide with. */
export async function isEmpty(db: Db): Promise<boolean> {
  const [units, people] = await Promise.all([db.unit.count(), db.person.count()]);
  return units === 0 && people === 0;
}

export interface SeedOptions {
  /** The reference date: the two years of activity end here. */
  readonly now: Date;
}

export type SeedResult =
  | {
      readonly seeded: true;
      /** Rows written per table. */ readonly counts: Readonly<Record<string, number>>;
    }
  | { readonly seeded: false; readonly reason: 'not_empty' };

/** Rows per INSERT: well under SQLite's and PostgreSQL's bound-parameter limits. */
const BATCH = 500;

/**
 * Loads the demo county into an empty database and reports the rows written; leaves any
 * other database untouched. Safe to call on every start and from two processes at once:
 * everything is written in one transaction whose first row is the bureau unit with its
 * unique code, so a second seeder fails on that row and reports `not_empty`.
 */
export async function seedDemoCounty(db: Db, options: SeedOptions): Promise<SeedResult> {
  if (!(await isEmpty(db))) return { seeded: false, reason: 'not_empty' };
  const data = buildDemoCounty({ now: options.now, passwordHash: await demoPasswordHash() });
  try {
    await db.$transaction(
      async (tx) => {
        if ((await tx.unit.count({ where: { code: BUREAU_CODE } })) > 0) throw new AlreadySeeded();
        // Parents before children, and each table before the ones that point at it.
        await inBatches(data.units, (batch) => tx.unit.createMany({ data: batch }));
        await inBatches(data.people, (batch) => tx.person.createMany({ data: batch }));
        await inBatches(data.personRoles, (batch) => tx.personRole.createMany({ data: batch }));
        await inBatches(data.chatIdentities, (batch) =>
          tx.chatIdentity.createMany({ data: batch }),
        );
        await inBatches(data.chatGroups, (batch) => tx.chatGroup.createMany({ data: batch }));
        await inBatches(data.linkCodes, (batch) => tx.linkCode.createMany({ data: batch }));
        await inBatches(data.schemes, (batch) => tx.scheme.createMany({ data: batch }));
        await inBatches(data.schemeVersions, (batch) =>
          tx.schemeVersion.createMany({ data: batch }),
        );
        await inBatches(data.quotaOverrides, (batch) =>
          tx.quotaOverride.createMany({ data: batch }),
        );
        await inBatches(data.submissions, (batch) => tx.submission.createMany({ data: batch }));
        await inBatches(data.submissionAuthors, (batch) =>
          tx.submissionAuthor.createMany({ data: batch }),
        );
        await inBatches(data.revisions, (batch) => tx.revision.createMany({ data: batch }));
        await inBatches(data.attachments, (batch) => tx.attachment.createMany({ data: batch }));
        await inBatches(data.signOffs, (batch) => tx.signOff.createMany({ data: batch }));
        await inBatches(data.reviewOpenings, (batch) =>
          tx.reviewOpening.createMany({ data: batch }),
        );
        await inBatches(data.submissionEvents, (batch) =>
          tx.submissionEvent.createMany({ data: batch }),
        );
        await inBatches(data.outlets, (batch) => tx.outlet.createMany({ data: batch }));
        await inBatches(data.adoptions, (batch) => tx.adoption.createMany({ data: batch }));
        await inBatches(data.adoptionCredits, (batch) =>
          tx.adoptionCredit.createMany({ data: batch }),
        );
        await inBatches(data.adjustments, (batch) => tx.adjustment.createMany({ data: batch }));
        await inBatches(data.penalties, (batch) => tx.penalty.createMany({ data: batch }));
        await inBatches(data.incidents, (batch) => tx.incident.createMany({ data: batch }));
        await inBatches(data.incidentLogs, (batch) => tx.incidentLog.createMany({ data: batch }));
        await inBatches(data.campaigns, (batch) => tx.campaign.createMany({ data: batch }));
        await inBatches(data.periodicals, (batch) => tx.periodical.createMany({ data: batch }));
        await inBatches(data.campaignTargets, (batch) =>
          tx.campaignTarget.createMany({ data: batch }),
        );
        await inBatches(data.subscriptionRecords, (batch) =>
          tx.subscriptionRecord.createMany({ data: batch }),
        );
        await inBatches(data.campaignAssignments, (batch) =>
          tx.campaignAssignment.createMany({ data: batch }),
        );
        await inBatches(data.auditLogs, (batch) => tx.auditLog.createMany({ data: batch }));
        // Other processes' caches (PostgreSQL): the whole county is new.
        await noticeChanges(tx, db, EVERYTHING);
      },
      { maxWait: 30_000, timeout: 300_000 },
    );
  } catch (error) {
    announceChanges(db, EVERYTHING, 'rolled back');
    // Another seeder won the race: its bureau row collided with ours (PostgreSQL), or its
    // commit made our transaction's snapshot stale (SQLite reports "database is locked").
    // Either way the transaction rolled back, and the county is now there.
    if (error instanceof AlreadySeeded || !(await isEmpty(db))) {
      return { seeded: false, reason: 'not_empty' };
    }
    throw error;
  }
  announceChanges(db, EVERYTHING);
  const counts = Object.fromEntries(
    Object.entries(data).map(([table, rows]: [string, readonly unknown[]]) => [table, rows.length]),
  );
  return { seeded: true, counts };
}

async function inBatches<T>(
  rows: readonly T[],
  insert: (batch: T[]) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

class AlreadySeeded extends Error {}
