/**
 * One-time link codes (DESIGN §5): issued in the console, used once in Telegram to link a
 * person's account (`/start CODE`) or a unit's work group (`/bindgroup CODE`).
 */
import type { Db } from '@jyxc/db';
import { audit } from '../../shared/audit.js';
import type { ServiceContext } from '../../shared/context.js';
import { inTransaction, isUniqueViolation } from '../../shared/db.js';
import { ServiceError } from '../../shared/errors.js';
import { randomCode } from '../../shared/ids.js';
import type { ChatRef, ChatUser } from '../../shared/chat.js';
import { findUnit } from '../organisation/service.js';
import { findPersonState } from '../people/service.js';
import {
  claimLinkCode,
  expireLinkCode,
  findByCode,
  findLinkCode,
  insertLinkCode,
  bindChatGroup,
  linkChatIdentity,
  personWithUnit,
  recordBotLink,
  usableCodesOf,
  type LinkCodeRow,
} from './repository.js';

/** A person or unit a code names. */
export interface NamedRef {
  readonly id: string;
  readonly name: string;
}

export { CODE_ALPHABET as LINK_CODE_ALPHABET } from '../../shared/ids.js';
export const LINK_CODE_LENGTH = 8;
export const LINK_CODE_DEFAULT_TTL_HOURS = 24;

/** A code as people type it: case and separators ignored. */
export function normaliseLinkCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, '');
}

export type LinkCodeKind = 'person' | 'group';

export interface LinkCodeView {
  readonly id: string;
  readonly kind: LinkCodeKind;
  readonly code: string;
  readonly person: NamedRef | null;
  readonly unit: NamedRef | null;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
  readonly createdAt: Date;
  /** What to send the bot: `/start CODE` in a direct message or `/bindgroup CODE` in the group. */
  readonly command: string;
  /** `https://t.me/<bot>?start=<code>` for a person's code when the bot's username is known. */
  readonly deepLink: string | null;
}

function linkCodeView(row: LinkCodeRow, bot: string | undefined): LinkCodeView {
  return {
    id: row.id,
    kind: row.kind,
    code: row.code,
    person: row.person,
    unit: row.unit,
    expiresAt: row.expiresAt,
    usedAt: row.usedAt,
    createdAt: row.createdAt,
    command: row.kind === 'person' ? `/start ${row.code}` : `/bindgroup ${row.code}`,
    deepLink:
      row.kind === 'person' && bot !== undefined ? `https://t.me/${bot}?start=${row.code}` : null,
  };
}

export interface IssueLinkCodeInput {
  readonly kind: LinkCodeKind;
  /** For a person code; defaults to the actor. */
  readonly personId?: string | undefined;
  /** For a group code; defaults to the actor's unit. */
  readonly unitId?: string | undefined;
  readonly expiresInHours?: number | undefined;
}

/**
 * Issues a one-time code. A person code: administrators for anyone, anybody for themself.
 * A group code: administrators for any unit, a unit's head or officer for their own unit.
 */
export async function issueLinkCode(
  ctx: ServiceContext,
  input: IssueLinkCodeInput,
  bot: string | undefined,
): Promise<LinkCodeView> {
  const admin = ctx.actor.roles.includes('admin');
  let personId: string | null = null;
  let unitId: string | null = null;
  let auditUnitId: string;
  if (input.kind === 'person') {
    personId = input.personId ?? ctx.actor.personId;
    if (personId !== ctx.actor.personId && !admin) {
      throw new ServiceError('forbidden', 'LINK_CODE.FORBIDDEN', '只能为自己生成绑定码');
    }
    const person = await findPersonState(ctx.db, personId);
    if (!person)
      throw new ServiceError('invalid', 'LINK_CODE.PERSON_NOT_FOUND', '人员不存在', {
        path: 'personId',
      });
    if (!person.active)
      throw new ServiceError('invalid', 'LINK_CODE.PERSON_INACTIVE', '该人员已停用', {
        path: 'personId',
      });
    auditUnitId = person.unitId;
  } else {
    unitId = input.unitId ?? ctx.actor.unit.id;
    const own =
      unitId === ctx.actor.unit.id && ctx.actor.roles.some((r) => r === 'head' || r === 'officer');
    if (!admin && !own) {
      throw new ServiceError(
        'forbidden',
        'LINK_CODE.FORBIDDEN',
        '只有管理员或本单位一把手、信息员可以生成工作群绑定码',
      );
    }
    const unit = await findUnit(ctx.db, unitId);
    if (!unit)
      throw new ServiceError('invalid', 'LINK_CODE.UNIT_NOT_FOUND', '单位不存在', {
        path: 'unitId',
      });
    if (!unit.active)
      throw new ServiceError('invalid', 'LINK_CODE.UNIT_INACTIVE', '单位已停用', {
        path: 'unitId',
      });
    auditUnitId = unit.id;
  }
  const expiresAt = new Date(
    ctx.now.getTime() + (input.expiresInHours ?? LINK_CODE_DEFAULT_TTL_HOURS) * 3_600_000,
  );
  // 31^8 ≈ 8.5e11 codes: a clash is improbable, and the unique index turns one into a retry.
  for (let attempt = 0; ; attempt += 1) {
    const code = randomCode(LINK_CODE_LENGTH);
    try {
      const row = await inTransaction(ctx, async (tx) => {
        const created = await insertLinkCode(tx, {
          kind: input.kind,
          code,
          personId,
          unitId,
          expiresAt,
          createdById: ctx.actor.personId,
          createdAt: ctx.now,
        });
        await audit(tx, ctx, {
          action: 'linkCode.issue',
          entity: 'LinkCode',
          entityId: created.id,
          unitId: auditUnitId,
          // The code itself is a secret until used; the log records only its target.
          after: { kind: created.kind, personId, unitId, expiresAt },
        });
        return created;
      });
      return linkCodeView(row, bot);
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}

/** The codes the actor issued that can still be used. */
export async function activeLinkCodes(ctx: ServiceContext, bot: string | undefined) {
  const rows = await usableCodesOf(ctx.db, ctx.actor.personId, ctx.now);
  return { items: rows.map((r) => linkCodeView(r, bot)), total: rows.length };
}

/** Revokes an unused code (it expires now); its issuer or an administrator may. */
export async function revokeLinkCode(ctx: ServiceContext, id: string): Promise<void> {
  const row = await findLinkCode(ctx.db, id);
  if (!row) throw new ServiceError('not_found', 'LINK_CODE.NOT_FOUND', '绑定码不存在');
  if (row.createdById !== ctx.actor.personId && !ctx.actor.roles.includes('admin')) {
    throw new ServiceError('forbidden', 'LINK_CODE.FORBIDDEN', '只能撤销自己生成的绑定码');
  }
  if (row.usedAt !== null)
    throw new ServiceError('conflict', 'LINK_CODE.USED', '绑定码已被使用，不能撤销');
  if (row.expiresAt <= ctx.now) return;
  await inTransaction(ctx, async (tx) => {
    await expireLinkCode(tx, id, ctx.now);
    await audit(tx, ctx, {
      action: 'linkCode.revoke',
      entity: 'LinkCode',
      entityId: id,
      unitId: row.unitId,
      before: { expiresAt: row.expiresAt },
      after: { expiresAt: ctx.now },
    });
  });
}

/**
 * A person's code seen in a group chat (DESIGN §5: a link code is personal): it is void at
 * once, so that nobody else in the group can take over the account with it, and the audit log
 * records where it was seen. Answers whether a usable person code was voided, and for whom.
 */
export async function voidLeakedLinkCode(
  db: Db,
  input: { readonly code: string; readonly chatId: string; readonly now: Date },
): Promise<{ voided: boolean; person: NamedRef | null }> {
  const code = normaliseLinkCode(input.code);
  return inTransaction({ db }, async (tx) => {
    const row = await findByCode(tx, code);
    if (
      !row ||
      row.kind !== 'person' ||
      row.usedAt !== null ||
      row.expiresAt <= input.now ||
      row.person === null
    ) {
      return { voided: false, person: null };
    }
    await expireLinkCode(tx, row.id, input.now);
    await recordBotLink(tx, {
      at: input.now,
      actorId: null,
      action: 'linkCode.voidLeaked',
      entity: 'LinkCode',
      entityId: row.id,
      unitId: row.unitId ?? (await personWithUnit(tx, row.person.id)).unitId,
      before: { expiresAt: row.expiresAt },
      after: { expiresAt: input.now, seenInChat: input.chatId },
    });
    return { voided: true, person: row.person };
  });
}

/** The link of a chat identity as its owner sees it (DESIGN §5: a person can see their links). */
export async function ownChatLink(db: Db, user: ChatUser) {
  const identity = await db.chatIdentity.findUnique({
    where: { channel_externalId: { channel: user.channel, externalId: user.externalId } },
    select: {
      linkedAt: true,
      person: { select: { id: true, name: true, unit: { select: { id: true, name: true } } } },
    },
  });
  return {
    account:
      identity === null
        ? null
        : {
            channel: user.channel,
            externalId: user.externalId,
            person: { id: identity.person.id, name: identity.person.name },
            unit: identity.person.unit,
            linkedAt: identity.linkedAt.toISOString(),
          },
  };
}

/** Ends a chat identity's link at its owner's request, with an audit entry by the person. */
export async function endOwnChatLink(db: Db, user: ChatUser, now: Date): Promise<void> {
  await inTransaction({ db }, async (tx) => {
    const identity = await tx.chatIdentity.findUnique({
      where: { channel_externalId: { channel: user.channel, externalId: user.externalId } },
      include: { person: { select: { id: true, name: true, unitId: true } } },
    });
    if (identity === null) {
      throw new ServiceError('not_found', 'CHAT.BINDING_NOT_FOUND', '该账号没有绑定或已解除');
    }
    await tx.chatIdentity.delete({ where: { id: identity.id } });
    await recordBotLink(tx, {
      at: now,
      actorId: identity.person.id,
      action: 'chat.unlinkSelf',
      entity: 'ChatIdentity',
      entityId: identity.id,
      unitId: identity.person.unitId,
      before: {
        channel: identity.channel,
        externalId: identity.externalId,
        person: { id: identity.person.id, name: identity.person.name },
        linkedAt: identity.linkedAt,
      },
      after: null,
    });
  });
}

export type ConsumeLinkCodeInput =
  | {
      readonly code: string;
      readonly kind: 'person';
      readonly user: ChatUser;
      /** The user's handle in the channel (a Telegram @username), kept for the console. */
      readonly handle?: string | null | undefined;
      readonly now: Date;
    }
  | {
      readonly code: string;
      readonly kind: 'group';
      readonly chat: ChatRef;
      readonly title?: string | null | undefined;
      readonly now: Date;
    };

export type ConsumeLinkCodeResult =
  | {
      readonly kind: 'person';
      readonly person: NamedRef;
      readonly unit: NamedRef;
      readonly channel: string;
      readonly externalId: string;
      /** The person's ids on this channel that this link replaced, to be told (DESIGN §5). */
      readonly replacedExternalIds: readonly string[];
    }
  | {
      readonly kind: 'group';
      readonly unit: NamedRef;
      readonly channel: string;
      readonly chatId: string;
    };

/**
 * Uses a one-time code from the bot (`/start CODE`, `/bindgroup CODE`): checks it, marks it
 * used and links the chat identity to the person, or the group to the unit, with an audit
 * entry by the bot — all in one transaction, so a code links exactly once even when two
 * messages race. Failures are {@link ServiceError}s coded `LINK_CODE.UNKNOWN` (404),
 * `LINK_CODE.EXPIRED`, `LINK_CODE.USED` or `LINK_CODE.WRONG_KIND` (422).
 */
export async function consumeLinkCode(
  db: Db,
  input: ConsumeLinkCodeInput,
): Promise<ConsumeLinkCodeResult> {
  const code = normaliseLinkCode(input.code);
  return inTransaction({ db }, async (tx) => {
    const row = await findByCode(tx, code);
    if (!row)
      throw new ServiceError('not_found', 'LINK_CODE.UNKNOWN', '绑定码不存在，请核对后重试');
    if (row.usedAt !== null)
      throw new ServiceError('invalid', 'LINK_CODE.USED', '绑定码已被使用，请在后台重新生成');
    if (row.expiresAt <= input.now)
      throw new ServiceError('invalid', 'LINK_CODE.EXPIRED', '绑定码已过期，请在后台重新生成');
    if (row.kind !== input.kind) {
      throw new ServiceError(
        'invalid',
        'LINK_CODE.WRONG_KIND',
        row.kind === 'person'
          ? '这是个人绑定码，请在与机器人的私聊中发送 /start 绑定码'
          : '这是工作群绑定码，请在工作群中发送 /bindgroup 绑定码',
        { expected: row.kind },
      );
    }
    // Marking it used only while still unused makes a concurrent second use fail here.
    if (!(await claimLinkCode(tx, row.id, input.now)))
      throw new ServiceError('invalid', 'LINK_CODE.USED', '绑定码已被使用，请在后台重新生成');

    if (input.kind === 'person') {
      const person = row.person;
      if (!person) throw new ServiceError('invalid', 'LINK_CODE.UNKNOWN', '绑定码没有对应的人员');
      const target = await personWithUnit(tx, person.id);
      // Someone who left after the code was issued must not get a working bot account.
      if (!target.active) {
        throw new ServiceError('invalid', 'LINK_CODE.PERSON_INACTIVE', '该人员已停用，不能绑定');
      }
      // One identity per person and channel, one person per identity: a new link replaces the old.
      const { replaced, identity } = await linkChatIdentity(tx, {
        channel: input.user.channel,
        externalId: input.user.externalId,
        personId: person.id,
        handle: input.handle ?? null,
        linkedAt: input.now,
      });
      await recordBotLink(tx, {
        at: input.now,
        actorId: person.id,
        action: 'chat.linkPerson',
        entity: 'ChatIdentity',
        entityId: identity.id,
        unitId: target.unitId,
        before: replaced.length > 0 ? replaced : null,
        after: { ...identity, linkCodeId: row.id, issuedById: row.createdById },
      });
      return {
        kind: 'person' as const,
        person,
        unit: { id: target.unit.id, name: target.unit.name },
        channel: identity.channel,
        externalId: identity.externalId,
        // DESIGN §5: the account this link replaced is told, so a takeover does not go unseen.
        replacedExternalIds: replaced
          .filter((r) => r.personId === person.id && r.externalId !== identity.externalId)
          .map((r) => r.externalId),
      };
    }

    const unit = row.unit;
    if (!unit) throw new ServiceError('invalid', 'LINK_CODE.UNKNOWN', '绑定码没有对应的单位');
    const { before, group } = await bindChatGroup(tx, {
      channel: input.chat.channel,
      chatId: input.chat.chatId,
      unitId: unit.id,
      title: input.title ?? null,
      linkedById: row.createdById,
      linkedAt: input.now,
    });
    await recordBotLink(tx, {
      at: input.now,
      actorId: null,
      action: 'chat.linkGroup',
      entity: 'ChatGroup',
      entityId: group.id,
      unitId: unit.id,
      before,
      after: { ...group, linkCodeId: row.id, issuedById: row.createdById },
    });
    return { kind: 'group' as const, unit, channel: group.channel, chatId: group.chatId };
  });
}
