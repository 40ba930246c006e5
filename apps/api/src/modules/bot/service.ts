import type { Db } from '@jyxc/db';
import { eventTimeFromText, hasReportWords, splitQuickReport, type Category } from '@jyxc/domain';
import { actorForChatUser, UNLINKED_MESSAGE } from '../auth/service.js';
import type { Actor } from '../../context.js';
import { ServiceError } from '../../shared/errors.js';
import type { ServiceContext } from '../../shared/context.js';
import { coAuthorUnitIds, createSubmission, uploadAttachment } from '../submissions/service.js';
import { loadUnits } from '../organisation/service.js';
import { inspectImage } from '../../shared/images.js';
import type { ChatUser } from '../../shared/chat.js';
import { findGroup, identitiesOfUnits } from './repository.js';

export {
  claimUpdate,
  deleteBotSession,
  readBotSession,
  storeUpdateResult,
  writeBotSession,
  type UpdateClaim,
} from './repository.js';

/**
 * What the bot needs besides the use cases it calls as a linked person (DESIGN §5): who a
 * chat user or group is (on any channel), idempotent handling of redelivered updates, and its session
 * storage. These act as the bot service itself, never as a person.
 */

export interface ResolvedPerson {
  readonly id: string;
  readonly name: string;
  readonly unit: { readonly id: string; readonly name: string; readonly kind: string };
  readonly roles: readonly string[];
}

export interface ResolvedGroup {
  readonly channel: string;
  readonly chatId: string;
  readonly title: string | null;
  readonly unit: { readonly id: string; readonly name: string; readonly kind: string };
}

/** The person linked to a chat user and the unit bound to a group chat; null when not linked. */
export async function resolveChat(
  db: Db,
  input: {
    readonly channel: string;
    readonly user: ChatUser | null;
    readonly chatId: string | null;
  },
): Promise<{ person: ResolvedPerson | null; group: ResolvedGroup | null }> {
  const [actor, group] = await Promise.all([
    input.user === null ? null : actorForChatUser(db, input.user),
    input.chatId === null ? null : findGroup(db, { channel: input.channel, chatId: input.chatId }),
  ]);
  return {
    person: actor && { id: actor.personId, name: actor.name, unit: actor.unit, roles: actor.roles },
    group:
      group && group.unit.active
        ? {
            channel: group.channel,
            chatId: group.chatId,
            title: group.title,
            unit: { id: group.unit.id, name: group.unit.name, kind: group.unit.kind },
          }
        : null,
  };
}

// ---------------------------------------------------------------------------
// Quick reports (快报, DESIGN §5)
// ---------------------------------------------------------------------------

export interface QuickReportInput {
  readonly idempotencyKey: string;
  /** The group's channel; the sender is a user of the same channel. */
  readonly channel: string;
  readonly chatId: string;
  readonly user: ChatUser;
  readonly messageId?: string | undefined;
  readonly messageDate: Date;
  readonly text: string;
  readonly category?: Category | undefined;
  readonly photos?:
    readonly { readonly fileId: string; readonly bytes: Uint8Array<ArrayBuffer> }[] | undefined;
  readonly mentions?: readonly Mention[] | undefined;
}

/** A person @-mentioned in a quick report: by handle (Telegram username), or by user id. */
export interface Mention {
  readonly username?: string | undefined;
  readonly externalId?: string | undefined;
  readonly label: string;
}

/**
 * The co-authors a quick report's mentions name (rules §5.5): linked people of the reporter's
 * unit (a township's also of its schools), the reporter aside. A mention of nobody linked
 * there is returned by its label, so that the bot can say who could not be found.
 */
async function resolveMentions(
  db: Db,
  channel: string,
  actor: Actor,
  mentions: readonly Mention[],
): Promise<{ coAuthorIds: string[]; unresolved: string[] }> {
  if (mentions.length === 0) return { coAuthorIds: [], unresolved: [] };
  const allowed = coAuthorUnitIds(await loadUnits(db), actor.unit.id);
  const accounts = await identitiesOfUnits(db, channel, [...allowed]);
  const coAuthorIds: string[] = [];
  const unresolved: string[] = [];
  for (const m of mentions) {
    // Telegram usernames are case-insensitive.
    const account = accounts.find(
      (a) =>
        (m.externalId !== undefined && a.externalId === m.externalId) ||
        (m.username !== undefined &&
          a.handle !== null &&
          a.handle.toLowerCase() === m.username.toLowerCase()),
    );
    if (account === undefined) {
      if (!unresolved.includes(m.label)) unresolved.push(m.label);
    } else if (account.personId !== actor.personId && !coAuthorIds.includes(account.personId)) {
      coAuthorIds.push(account.personId);
    }
  }
  return { coAuthorIds, unresolved };
}

/**
 * Whether a group takes the quick reports of a person of `unit`: its own unit's, and a
 * township center's group also its schools' (DESIGN §5: a school officer reports there and
 * the item belongs to the school).
 */
async function groupServes(
  db: Db,
  groupUnit: { readonly id: string; readonly kind: string },
  unit: { readonly id: string; readonly kind: string },
): Promise<boolean> {
  if (unit.id === groupUnit.id) return true;
  if (groupUnit.kind !== 'township_center' || unit.kind !== 'school') return false;
  const school = await db.unit.findUnique({ where: { id: unit.id }, select: { parentId: true } });
  return school?.parentId === groupUnit.id;
}

export interface QuickReportContext {
  readonly db: Db;
  readonly now: Date;
  readonly requestId: string;
  /** The person the request already acts for (X-Chat-User), if any. */
  readonly actor: Actor | null;
}

/**
 * A quick report from a linked group (DESIGN §5): the group must be linked to a unit, the
 * sender linked to a person of that unit; the draft is created by the submissions service as
 * that person (`source: 'chat'`), with the photos attached by the same service. The key makes
 * a redelivered message return the same draft and the same attachments.
 */
export async function createQuickReport(base: QuickReportContext, input: QuickReportInput) {
  const group = await findGroup(base.db, { channel: input.channel, chatId: input.chatId });
  if (!group || !group.unit.active) {
    throw new ServiceError(
      'invalid',
      'BOT.GROUP_NOT_LINKED',
      '本群尚未绑定单位。请单位管理员在后台“单位与人员”中生成工作群绑定码，然后在本群发送 /bindgroup 绑定码。',
    );
  }
  const actor = await actorForChatUser(base.db, input.user);
  if (!actor) throw new ServiceError('unauthenticated', 'BOT.UNLINKED_USER', UNLINKED_MESSAGE);
  if (base.actor !== null && base.actor.personId !== actor.personId) {
    throw new ServiceError(
      'malformed',
      'BOT.USER_MISMATCH',
      '请求中的聊天用户与代为操作的用户不一致',
    );
  }
  if (!(await groupServes(base.db, group.unit, actor.unit))) {
    const served = group.unit.kind === 'township_center' ? '及其所属学校' : '';
    throw new ServiceError(
      'forbidden',
      'BOT.NOT_UNIT_MEMBER',
      `本群绑定的是“${group.unit.name}”，只接收本单位${served}人员的快报；您属于“${actor.unit.name}”，没有生成任何内容。请在本单位的工作群中发送 /kb（学校也可在所属乡镇中心校的工作群中发送）。`,
    );
  }
  const ctx: ServiceContext = {
    db: base.db,
    now: base.now,
    actor,
    via: 'bot',
    requestId: base.requestId,
  };
  const { title, body } = splitQuickReport(input.text);
  if (title === '') {
    throw new ServiceError(
      'invalid',
      'BOT.EMPTY_REPORT',
      '快报没有内容：请在 /kb 后写标题（第一行）和正文，或回复一条消息发送 /kb。',
      {
        path: 'text',
      },
    );
  }
  // Emoji alone (👍) are a reaction to the chat, not news: every channel refuses them alike.
  if (!hasReportWords(input.text)) {
    throw new ServiceError(
      'invalid',
      'BOT.NO_WORDS',
      '快报只有表情，没有文字：请在 /kb 后写标题（第一行）和正文，可附图片。',
      { path: 'text' },
    );
  }
  // A photo that is not an image, or too large, refuses the whole report before anything is written.
  for (const photo of input.photos ?? [])
    inspectImage({ filename: photo.fileId, bytes: photo.bytes });
  const messageAt = input.messageDate.getTime();
  const statedAt = eventTimeFromText(input.text, messageAt);
  const mentioned = await resolveMentions(base.db, input.channel, actor, input.mentions ?? []);
  const { submission, created } = await createSubmission(ctx, {
    title,
    body,
    coAuthorIds: mentioned.coAuthorIds,
    category: input.category ?? 'news',
    eventAt: statedAt ?? messageAt,
    source: 'chat',
    idempotencyKey: `${input.channel}:${input.chatId}:${input.idempotencyKey}`,
    sourceChatId: input.chatId,
    sourceMessageId: input.messageId,
  });

  let current = submission;
  const attachments: { id: string; created: boolean }[] = [];
  for (const [index, photo] of (input.photos ?? []).entries()) {
    const attached = await uploadAttachment(ctx, current.id, {
      filename: `${input.channel}-${index + 1}-${photo.fileId.slice(-12)}`,
      bytes: photo.bytes,
    });
    attachments.push({ id: attached.attachment.id, created: attached.created });
    current = attached.submission;
  }
  return {
    created,
    submission: {
      id: current.id,
      title: current.title,
      body: current.body,
      category: current.category,
      state: current.state,
      version: current.version,
      eventAt: new Date(current.eventAt).toISOString(),
      /** Whether the event time was read from the text rather than taken from the message. */
      eventTimeFromText: statedAt !== null,
      unit: { id: actor.unit.id, name: actor.unit.name },
      authorIds: current.authorIds,
    },
    attachments,
    /** Mentions of nobody linked in the unit: the item was created without them. */
    unresolvedMentions: mentioned.unresolved,
  };
}
