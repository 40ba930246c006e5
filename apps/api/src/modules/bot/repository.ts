/**
 * The bot's own storage (DESIGN §5): linked groups, the updates already handled (Telegram
 * redelivers them) and grammY's session values.
 */
import type { ChatGroup, Db, Unit } from '@jyxc/db';
import type { JSONValue } from 'hono/utils/types';
import type { ChatRef } from '../../shared/chat.js';
import { isUniqueViolation } from '../../shared/db.js';
import { ServiceError } from '../../shared/errors.js';
import { parseJson } from '../../shared/json.js';

/** The group chat bound to a unit, with its unit, or null (also when the bot was removed). */
export function findGroup(db: Db, chat: ChatRef): Promise<(ChatGroup & { unit: Unit }) | null> {
  return db.chatGroup.findFirst({
    where: { channel: chat.channel, chatId: chat.chatId, removedAt: null },
    include: { unit: true },
  });
}

function updateKey(updateId: string): string {
  return `telegram-update:${updateId}`;
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
  return {
    firstTime: false,
    result: parseJson(row.result),
    claimedAt: row.processedAt.toISOString(),
  };
}

/** Stores the outcome of a claimed update, answered to its redeliveries. */
export async function storeUpdateResult(db: Db, updateId: string, result: unknown): Promise<void> {
  const done = await db.processedUpdate.updateMany({
    where: { key: updateKey(updateId) },
    data: { result: JSON.stringify(result) },
  });
  if (done.count === 0) {
    throw new ServiceError(
      'not_found',
      'BOT.UPDATE_NOT_CLAIMED',
      '该更新尚未登记处理，请先调用 claim',
    );
  }
}

/** grammY session storage: the stored value, or undefined. */
/** A session's value as the bot wrote it (any JSON value), or undefined when there is none. */
export async function readBotSession(db: Db, key: string): Promise<JSONValue | undefined> {
  const row = await db.botSession.findUnique({ where: { key } });
  // Written by writeBotSession from JSON.stringify: its text is JSON.
  return row === null ? undefined : (parseJson(row.value) as JSONValue);
}

export async function writeBotSession(db: Db, key: string, value: unknown): Promise<void> {
  const text = JSON.stringify(value);
  try {
    await db.botSession.upsert({
      where: { key },
      create: { key, value: text },
      update: { value: text },
    });
  } catch (error) {
    // SQLite's upsert is a read then a write: a concurrent first write wins the insert.
    if (!isUniqueViolation(error)) throw error;
    await db.botSession.update({ where: { key }, data: { value: text } });
  }
}

export async function deleteBotSession(db: Db, key: string): Promise<void> {
  await db.botSession.deleteMany({ where: { key } });
}

/** The chat identities on one channel of active people of these units, with the person's id. */
export function identitiesOfUnits(
  db: Db,
  channel: string,
  unitIds: readonly string[],
): Promise<{ externalId: string; handle: string | null; personId: string }[]> {
  return db.chatIdentity.findMany({
    where: { channel, person: { unitId: { in: [...unitIds] }, active: true } },
    select: { externalId: true, handle: true, personId: true },
  });
}
