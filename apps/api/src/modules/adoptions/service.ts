import { randomUUID } from 'node:crypto';
import {
  ADOPTION_LEVEL_LABELS,
  checkPermission,
  dueReminders,
  fromMicro,
  holdsRole,
  itemScore,
  parsePeriodKey,
  periodRange,
  addInstruction as addInstructionRule,
  recordAdoption as recordAdoptionRule,
  toMicro,
  transition,
  type AdoptionFact,
  type AdoptionLevel,
  type InstructionLevel,
  type Person,
  type ScoreLine,
  type TimeRange,
  canSeeUnit,
  type Visibility,
} from '@jyxc/domain';
import { unwrap, unwrapAll } from '../../shared/domain-result.js';
import { ServiceError } from '../../shared/errors.js';
import type { ServiceContext } from '../../shared/context.js';
import { audit } from '../../shared/audit.js';
import { assertCanSee, loadUnits, unitFilter, visibilityFor } from '../organisation/service.js';
import { actorAsPerson } from '../../shared/actor.js';
import { peopleOfUnits } from '../people/service.js';
import { changed, inTransaction } from '../../shared/db.js';
import {
  adoptionViewOf,
  findAdoption,
  findAdoptions,
  findAdoptionScreenshot,
  type AdoptionView,
  findSameLevelCredit,
  findScreenshotUse,
  findUnusedScreenshot,
  insertAdoption,
  insertScreenshot,
  isLink,
  loadAdoptionsCrediting,
  lockCreditedItems,
  markCountered,
  isCountered,
  storeInstruction,
} from './repository.js';

export {
  adjustmentOf,
  adoptionOf,
  loadAdoptionsCrediting,
  type AdoptionFields,
} from './repository.js';

import { reminderSettingsAt, schemeAt } from '../schemes/service.js';
import { outletForAdoption } from '../outlets/service.js';
import { enqueuePersonMessages, remindersToMessages } from '../outbox/service.js';
import { loadSubmissions, persistTransition, scoreLineView } from '../submissions/service.js';
import { cleanFilename, inspectImage, type Upload } from '../../shared/images.js';

export function rangeOf(periodKey: string): TimeRange {
  const period = unwrap(parsePeriodKey(periodKey));
  return periodRange(period.year, period.kind);
}

function isBureauDesk(person: Person): boolean {
  return holdsRole(person, 'reviewer') || holdsRole(person, 'admin');
}

// ---------------------------------------------------------------------------
// Adoptions (DESIGN §3.2, §3.4)
// ---------------------------------------------------------------------------

export interface RecordAdoptionInput {
  readonly submissionIds: readonly string[];
  /** The level; absent when the outlet of the registry decides it. */
  readonly level?: AdoptionLevel | undefined;
  readonly headline?: boolean | undefined;
  /** An outlet of the registry (媒体名录); its name and, by default, its level are taken. */
  readonly outletId?: string | undefined;
  /** The outlet's name as free text, when none of the registry is chosen. */
  readonly outlet?: string | undefined;
  /** The proof: the page of a newspaper or the link of an online article. */
  readonly pageOrLink: string;
  readonly publishedAt: number;
  readonly screenshotId?: string | undefined;
  readonly instruction?:
    | {
        readonly level: InstructionLevel;
        /** When the instruction was given (epoch ms); the publication date when absent. */
        readonly at?: number | undefined;
        readonly leader?: string | undefined;
        readonly note?: string | undefined;
      }
    | undefined;
}

/**
 * Records an adoption with its proof (DESIGN §3.2), crediting one or several merged items.
 * In the same transaction: the domain's `adopt` decision for credited items still awaiting
 * it, the audit entries, and the messages with the points gained to authors and unit heads.
 * A second adoption of the same level for an item is refused (409): the level counts once
 * per item (DESIGN §3.4), so a second record would only be noise — counter the first instead.
 */
export async function recordAdoption(ctx: ServiceContext, input: RecordAdoptionInput) {
  const units = await loadUnits(ctx.db);
  const actor = actorAsPerson(ctx.actor);
  const now = ctx.now.getTime();
  const ids = [...new Set(input.submissionIds)];
  const outcome = await inTransaction(ctx, async (tx) => {
    await lockCreditedItems(tx, ids, ctx.now);
    const submissions = await loadSubmissions(tx, ids);
    // The credited items may be of several units; the audit entry names the first one.
    changed(
      tx,
      submissions.map((s) => ({ table: 'Submission', unitId: s.unitId })),
    );
    const registered =
      input.outletId === undefined ? null : await outletForAdoption(tx, input.outletId);
    const outletName = registered?.name ?? input.outlet;
    const level = input.level ?? registered?.level;
    if (outletName === undefined || level === undefined) {
      throw new ServiceError('invalid', 'ADOPTION.NO_OUTLET', '请从媒体名录中选择采用媒体', {
        path: 'outletId',
      });
    }
    const page = isLink(input.pageOrLink) ? null : input.pageOrLink;
    const link = isLink(input.pageOrLink) ? input.pageOrLink.trim() : null;
    const adoption = unwrapAll(
      recordAdoptionRule(
        {
          id: randomUUID(),
          submissionIds: input.submissionIds,
          level,
          headline: input.headline ?? false,
          outlet: outletName,
          page,
          link,
          screenshot: input.screenshotId ?? null,
          publishedAt: input.publishedAt,
          instruction:
            input.instruction === undefined
              ? null
              : {
                  level: input.instruction.level,
                  at: input.instruction.at ?? input.publishedAt,
                  leader: input.instruction.leader?.trim() || null,
                  note: input.instruction.note?.trim() || null,
                },
        },
        submissions,
        actor,
        now,
      ),
    );
    // DESIGN §3.4: the same level counts once per item, so a second adoption of a level
    // (from the same outlet or another) is refused; the message names the outlet on record.
    const clash = await findSameLevelCredit(tx, ids, level);
    if (clash !== null) {
      const label = ADOPTION_LEVEL_LABELS['zh-CN'][level];
      const recorded = clash.adoption.outletName;
      throw new ServiceError(
        'conflict',
        'ADOPTION.DUPLICATE_LEVEL',
        recorded === outletName
          ? `稿件《${clash.submission.title}》已登记过“${recorded}”的${label}采用，不能重复登记；如需更正请先撤销原记录`
          : `稿件《${clash.submission.title}》已登记过${label}采用（${recorded}），同一级别只计一次；如需更正请先撤销原记录`,
        {
          submissionId: clash.submissionId,
          adoptionId: clash.adoptionId,
          level,
          outlet: recorded,
        },
      );
    }
    if (input.screenshotId !== undefined) {
      const shot = await findScreenshotUse(tx, input.screenshotId);
      if (shot === null || shot.submissionId !== null) {
        throw new ServiceError(
          'invalid',
          'ADOPTION.UNKNOWN_SCREENSHOT',
          '截图不存在，请先上传截图',
          {
            path: 'screenshotId',
          },
        );
      }
      if (shot.adoption !== null) {
        throw new ServiceError(
          'conflict',
          'ADOPTION.SCREENSHOT_IN_USE',
          '该截图已用于另一条采用记录',
        );
      }
    }
    await insertAdoption(tx, adoption, registered?.id ?? null);

    // DESIGN §3.2: publication is the bureau's adoption decision for an item still awaiting it.
    for (const s of submissions) {
      if (!checkPermission(s, 'adopt', actor).ok) continue;
      const t = unwrap(
        transition(s, { type: 'adopt', comment: `已被${adoption.outlet}采用` }, actor, now),
      );
      await persistTransition(tx, ctx, s, t, 'submission.adopt');
    }

    // The points each credited item gained, explained by the domain line by line.
    const scheme = await schemeAt(tx, adoption.publishedAt);
    const credits: {
      submissionId: string;
      title: string;
      unitId: string;
      gained: number;
      lines: ScoreLine[];
      total: number;
    }[] = [];
    for (const s of submissions) {
      const score = itemScore(s, await loadAdoptionsCrediting(tx, [s.id]), scheme);
      const lines = score.lines.filter((l) => l.adoptionId === adoption.id);
      const gained = fromMicro(lines.reduce((sum, l) => sum + toMicro(l.points), 0));
      credits.push({
        submissionId: s.id,
        title: s.title,
        unitId: s.unitId,
        gained,
        lines,
        total: score.total,
      });
    }

    // DESIGN §3.8: adoption → authors and unit head, with the points (the domain's reminder).
    const unitIds = new Set<string>();
    for (const s of submissions) {
      unitIds.add(s.unitId);
      const parent = units.find((u) => u.id === s.unitId)?.parentId;
      if (parent) unitIds.add(parent);
    }
    const facts: AdoptionFact[] = submissions.map((s) => ({
      adoptionId: adoption.id,
      submissionId: s.id,
      unitId: s.unitId,
      title: s.title,
      authorIds: s.authorIds,
      level: adoption.level,
      outlet: adoption.outlet,
      points: credits.find((c) => c.submissionId === s.id)?.gained ?? 0,
      recordedAt: now,
      major: s.category === 'major',
    }));
    const reminders = dueReminders(
      {
        settings: await reminderSettingsAt(tx, now),
        units,
        people: await peopleOfUnits(tx, [...unitIds]),
        pendingReviews: [],
        period: null,
        quotaProgress: [],
        incidents: [],
        adoptions: facts,
      },
      now,
    );
    const messages = remindersToMessages(reminders, (id) => units.find((u) => u.id === id)?.name);
    await enqueuePersonMessages(tx, ctx.now, messages);

    await audit(tx, ctx, {
      action: 'adoption.record',
      entity: 'Adoption',
      entityId: adoption.id,
      unitId: submissions[0]?.unitId ?? null,
      after: {
        ...adoption,
        credits: credits.map((c) => ({ submissionId: c.submissionId, gained: c.gained })),
      },
    });
    return { adoption: await adoptionViewOf(tx, adoption.id), credits };
  });
  return {
    adoption: outcome.adoption,
    credits: outcome.credits.map((c) => ({
      ...c,
      lines: c.lines.map((l) => ({ ...scoreLineView(l), outlet: outcome.adoption.outlet })),
    })),
  };
}

/** Counters an adoption recorded in error: kept with who, when and why, scoring no more. */
export async function counterAdoption(ctx: ServiceContext, id: string, input: { reason: string }) {
  const actor = actorAsPerson(ctx.actor);
  if (!isBureauDesk(actor)) {
    throw new ServiceError(
      'forbidden',
      'ADOPTION.NOT_BUREAU_REVIEWER',
      '只有宣传股审核员或系统管理员可以撤销采用记录',
    );
  }
  return inTransaction(ctx, async (tx) => {
    const before = await findAdoption(tx, id);
    if (before === null)
      throw new ServiceError('not_found', 'ADOPTION.NOT_FOUND', '采用记录不存在');
    const countered = await markCountered(tx, id, {
      at: ctx.now,
      byId: actor.id,
      reason: input.reason,
    });
    if (!countered)
      throw new ServiceError('conflict', 'ADOPTION.ALREADY_COUNTERED', '该采用记录已被撤销');
    const after = await adoptionViewOf(tx, id);
    await audit(tx, ctx, {
      action: 'adoption.counter',
      entity: 'Adoption',
      entityId: id,
      unitId: null,
      before,
      after: { counteredAt: ctx.now.toISOString(), reason: input.reason },
    });
    return after;
  });
}

const instructionConflict = () =>
  new ServiceError(
    'conflict',
    'ADOPTION.INSTRUCTION_EXISTS',
    '该采用记录已登记领导批示或已被撤销；如需更正请撤销后重新登记',
  );

export interface InstructionInput {
  readonly level: InstructionLevel;
  /** When the instruction was given (epoch ms); it scores in that period (DESIGN §3.4). */
  readonly at: number;
  readonly leader?: string | undefined;
  readonly note?: string | undefined;
}

/**
 * Adds a leader instruction (批示) to an adoption recorded earlier: instructions often come
 * weeks after publication, and score in the period of their own date (DESIGN §3.4).
 */
export async function addInstruction(ctx: ServiceContext, id: string, input: InstructionInput) {
  const actor = actorAsPerson(ctx.actor);
  if (!isBureauDesk(actor)) {
    throw new ServiceError(
      'forbidden',
      'ADOPTION.NOT_BUREAU_REVIEWER',
      '只有宣传股审核员或系统管理员可以登记领导批示',
    );
  }
  return inTransaction(ctx, async (tx) => {
    const before = await findAdoption(tx, id);
    if (before === null)
      throw new ServiceError('not_found', 'ADOPTION.NOT_FOUND', '采用记录不存在');
    if (before.instruction !== null || (await isCountered(tx, id))) throw instructionConflict();
    if (input.at < before.publishedAt) {
      throw new ServiceError(
        'invalid',
        'ADOPTION.INSTRUCTION_BEFORE_PUBLICATION',
        '批示日期不能早于刊发日期',
        {
          path: 'at',
        },
      );
    }
    if (input.at > ctx.now.getTime()) {
      throw new ServiceError('invalid', 'ADOPTION.INSTRUCTION_IN_FUTURE', '批示日期不能晚于今天', {
        path: 'at',
      });
    }
    const instructed = unwrapAll(
      addInstructionRule(
        before,
        {
          level: input.level,
          at: input.at,
          leader: input.leader?.trim() || null,
          note: input.note?.trim() || null,
        },
        actor,
      ),
    );
    if (!(await storeInstruction(tx, id, instructed.instruction!))) throw instructionConflict();
    await audit(tx, ctx, {
      action: 'adoption.instruction',
      entity: 'Adoption',
      entityId: id,
      unitId: null,
      before: { instruction: before.instruction },
      after: { instruction: instructed.instruction },
    });
    return adoptionViewOf(tx, id);
  });
}

export interface AdoptionFilters {
  readonly submissionId?: string | undefined;
  readonly unitId?: string | undefined;
  readonly level?: AdoptionLevel | undefined;
  readonly period?: string | undefined;
  readonly countered?: boolean | undefined;
  readonly page: number;
  readonly pageSize: number;
}

/**
 * An adoption as a viewer may see it: a merged piece (综合稿) credits items of several units,
 * and a viewer reads the titles and units of those in their scope only (DESIGN §6, the
 * `canSeeUnit` rule), with a count of the others, so that the piece's share still adds up.
 */
function withinScope(visibility: Visibility, view: AdoptionView) {
  const credits = view.credits.filter((c) => canSeeUnit(visibility, c.unitId));
  return { ...view, credits, hiddenCredits: view.credits.length - credits.length };
}

/** Adoptions crediting items the actor may see, latest publication first. */
export async function listAdoptions(ctx: ServiceContext, filters: AdoptionFilters) {
  const visibility = await visibilityFor(ctx);
  if (filters.unitId !== undefined) assertCanSee(visibility, filters.unitId);
  const { total, items } = await findAdoptions(
    ctx.db,
    {
      scope: unitFilter(visibility),
      unitId: filters.unitId,
      submissionId: filters.submissionId,
      level: filters.level,
      published: filters.period === undefined ? undefined : rangeOf(filters.period),
      countered: filters.countered,
    },
    { skip: (filters.page - 1) * filters.pageSize, take: filters.pageSize },
  );
  return {
    items: items.map((view) => withinScope(visibility, view)),
    total,
    page: filters.page,
    pageSize: filters.pageSize,
  };
}

/** Stores the screenshot proof of an adoption before the adoption is recorded. */
export async function uploadScreenshot(ctx: ServiceContext, upload: Upload) {
  if (!isBureauDesk(actorAsPerson(ctx.actor))) {
    throw new ServiceError(
      'forbidden',
      'ADOPTION.NOT_BUREAU_REVIEWER',
      '只有宣传股审核员或系统管理员可以上传采用截图',
    );
  }
  const { mime, sha256 } = inspectImage(upload);
  return inTransaction(ctx, async (tx) => {
    const unused = await findUnusedScreenshot(tx, sha256);
    if (unused !== null) return unused;
    const row = await insertScreenshot(tx, {
      filename: cleanFilename(upload.filename, 'screenshot'),
      mime,
      sha256,
      bytes: upload.bytes,
      createdById: ctx.actor.personId,
      createdAt: ctx.now,
    });
    await audit(tx, ctx, {
      action: 'adoption.screenshot',
      entity: 'Attachment',
      entityId: row.id,
      unitId: null,
      after: { ...row, sha256 },
    });
    return row;
  });
}

/** The screenshot of an adoption crediting an item the actor may see. */
export async function readScreenshot(ctx: ServiceContext, adoptionId: string) {
  const visibility = await visibilityFor(ctx);
  const row = await findAdoptionScreenshot(ctx.db, adoptionId);
  if (row === null || row.screenshot === null)
    throw new ServiceError('not_found', 'ATTACHMENT.NOT_FOUND', '截图不存在');
  const first = row.credits[0];
  if (first !== undefined) assertCanSee(visibility, first.submission.unitId);
  return {
    mime: row.screenshot.mime,
    bytes: row.screenshot.bytes,
    filename: row.screenshot.filename,
  };
}
