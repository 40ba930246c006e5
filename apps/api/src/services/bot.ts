import type { Db } from '@jyxc/db';
import { actorForTelegramUser } from '../auth/bot-token.js';
import { ApiError } from '../http/errors.js';
import { isUniqueViolation } from './outbox.js';

/**
 * What the bot needs besides the use cases it calls as a linked person (DESIGN §5): who a
 * Telegram user or group is, idempotent handling of redelivered updates, and its session
 * storage. These act as the bot service itself, never as a person.
 */

export interface ResolvedPerson {
  readonly id: string;
  readonly name: string;
  readonly unit: { readonly id: string; readonly name: string; readonly kind: string };
  readonly roles: readonly string[];
}

export interface ResolvedGroup {
  readonly chatId: string;
  readonly title: string | null;
  readonly unit: { readonly id: string; readonly name: string; readonly kind: string };
}

/** The person linked to a Telegram user and the unit linked to a group chat; null when not linked. */
export async function resolveTelegram(
  db: Db,
  input: { readonly telegramUserId?: string | undefined; readonly chatId?: string | undefined },
): Promise<{ person: ResolvedPerson | null; group: ResolvedGroup | null }> {
  const [actor, group] = await Promise.all([
    input.telegramUserId === undefined ? null : actorForTelegramUser(db, input.telegramUserId),
    input.chatId === undefined
      ? null
      : db.telegramGroup.findUnique({ where: { chatId: input.chatId }, include: { unit: true } }),
  ]);
  return {
    person: actor && { id: actor.personId, name: actor.name, unit: actor.unit, roles: actor.roles },
    group:
      group && group.unit.active
        ? {
            chatId: group.chatId,
            title: group.title,
            unit: { id: group.unit.id, name: group.unit.name, kind: group.unit.kind },
          }
        : null,
  };
}

function updateKey(updateId: string): string {
  return `telegram-update:${updateId}`;
}

function parseResult(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export interface UpdateClaim {
  /** True for the first handling of the update; false for a redelivery. */
  readonly firstTime: boolean;
  /** The outcome the first handling stored (e.g. the draft's id), or null while none is stored. */
  readonly result: unknown;
  readonly claimedAt: string;
}

/**
 * Records a Telegram update as being handled, once (DESIGN §5: Telegram redelivers updates,
 * handling is idempotent). The unique key decides between two concurrent claims; the loser
 * learns it is a redelivery and gets the stored outcome.
 */
export async function claimUpdate(db: Db, updateId: string, now: Date): Promise<UpdateClaim> {
  const key = updateKey(updateId);
  const existing = await db.processedUpdate.findUnique({ where: { key } });
  if (!existing) {
    try {
      await db.processedUpdate.create({ data: { key, processedAt: now } });
      return { firstTime: true, result: null, claimedAt: now.toISOString() };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  const row = existing ?? (await db.processedUpdate.findUniqueOrThrow({ where: { key } }));
  return { firstTime: false, result: parseResult(row.result), claimedAt: row.processedAt.toISOString() };
}

/** Stores the outcome of a claimed update, answered to its redeliveries. */
export async function storeUpdateResult(db: Db, updateId: string, result: unknown): Promise<void> {
  const done = await db.processedUpdate.updateMany({
    where: { key: updateKey(updateId) },
    data: { result: JSON.stringify(result) },
  });
  if (done.count === 0) {
    throw new ApiError(404, 'BOT.UPDATE_NOT_CLAIMED', '该更新尚未登记处理，请先调用 claim');
  }
}

/** grammY session storage: the stored value, or undefined. */
export async function readBotSession(db: Db, key: string): Promise<unknown> {
  const row = await db.botSession.findUnique({ where: { key } });
  return row === null ? undefined : parseResult(row.value);
}

export async function writeBotSession(db: Db, key: string, value: unknown): Promise<void> {
  const text = JSON.stringify(value);
  try {
    await db.botSession.upsert({ where: { key }, create: { key, value: text }, update: { value: text } });
  } catch (error) {
    // SQLite's upsert is a read then a write: a concurrent first write wins the insert.
    if (!isUniqueViolation(error)) throw error;
    await db.botSession.update({ where: { key }, data: { value: text } });
  }
}

export async function deleteBotSession(db: Db, key: string): Promise<void> {
  await db.botSession.deleteMany({ where: { key } });
}
