import type { ConversationData, VersionedStateStorage } from '@grammyjs/conversations';
import { z } from 'zod';
import { BackendError, success, type Backend } from './backend.js';

/**
 * Bot state kept in the database through the API's session storage (DESIGN §5: not in
 * memory), so that a restarted bot still knows its cards, albums and open conversations.
 */

async function read(backend: Backend, key: string): Promise<unknown> {
  try {
    const found = await success(
      await backend.service.bot.sessions[':key'].$get({ param: { key } }),
    );
    return found.value;
  } catch (error) {
    if (error instanceof BackendError && error.status === 404) return undefined;
    throw error;
  }
}

async function write(backend: Backend, key: string, value: unknown): Promise<void> {
  await success(
    await backend.service.bot.sessions[':key'].$put({ param: { key }, json: { value } }),
  );
}

async function remove(backend: Backend, key: string): Promise<void> {
  await success(await backend.service.bot.sessions[':key'].$delete({ param: { key } }));
}

const replayState = z.object({
  send: z.array(z.object({ payload: z.string() })),
  receive: z.array(z.object({ send: z.number(), returnValue: z.unknown() })),
});
const conversationData = z.record(
  z.string(),
  z.array(
    z.object({
      args: z.string().optional(),
      replay: replayState,
      interrupts: z.array(z.number()),
    }),
  ),
);
const versioned = z.object({
  version: z.tuple([z.literal(0), z.union([z.string(), z.number()])]),
  state: conversationData,
});

/** The storage key of chats that never hold a conversation (groups): nothing is read or written. */
export const NO_CONVERSATION = 'none';

/** Where the conversations plugin keeps the state of `/yq` and of a return's reason. */
export function conversationStorage(
  backend: Backend,
): VersionedStateStorage<string, ConversationData> {
  const key = (k: string) => `conversation:${k}`;
  return {
    async read(k) {
      if (k === NO_CONVERSATION) return undefined;
      const parsed = versioned.safeParse(await read(backend, key(k)));
      if (!parsed.success) return undefined;
      const state: ConversationData = {};
      for (const [id, list] of Object.entries(parsed.data.state)) {
        state[id] = list.map((c) => ({
          ...(c.args === undefined ? {} : { args: c.args }),
          replay: c.replay,
          interrupts: c.interrupts,
        }));
      }
      return { version: parsed.data.version, state };
    },
    write: async (k, state) => (k === NO_CONVERSATION ? undefined : write(backend, key(k), state)),
    delete: async (k) => (k === NO_CONVERSATION ? undefined : remove(backend, key(k))),
  };
}

const link = z.object({ submissionId: z.string().min(1) });

/**
 * Which draft a chat message belongs to: the bot's card (replies to it add to the draft), the
 * message that made it (its edits change the draft), an album (its other photos join it), and
 * the confirmation of a chat approval (a reply to it is that approval's comment, issue 19), and
 * the question of 修改 (a reply to it is the item's new text or photos, issue 14).
 */
export type DraftLinkKind = 'card' | 'message' | 'album' | 'approval' | 'fix';

export interface DraftLinks {
  get(kind: DraftLinkKind, chatId: number, id: number | string): Promise<string | null>;
  set(
    kind: DraftLinkKind,
    chatId: number,
    id: number | string,
    submissionId: string,
  ): Promise<void>;
}

export function draftLinks(backend: Backend): DraftLinks {
  // Albums are looked up by every one of their photos; the answer does not change.
  const known = new Map<string, string>();
  const keyOf = (kind: string, chatId: number, id: number | string) =>
    `${kind}:${chatId}:${String(id).replace(/[^A-Za-z0-9_.-]/g, '_')}`;
  return {
    async get(kind, chatId, id) {
      const key = keyOf(kind, chatId, id);
      const cached = known.get(key);
      if (cached !== undefined) return cached;
      const parsed = link.safeParse(await read(backend, key));
      if (!parsed.success) return null;
      known.set(key, parsed.data.submissionId);
      return parsed.data.submissionId;
    },
    async set(kind, chatId, id, submissionId) {
      const key = keyOf(kind, chatId, id);
      await write(backend, key, { submissionId });
      known.set(key, submissionId);
      if (known.size > 5000) known.delete(known.keys().next().value ?? key);
    },
  };
}

const requestRefs = z.object({ messageIds: z.array(z.number().int()) });

/**
 * The messages that asked a reviewer to decide an item (the request and its full text), so
 * that they can be marked done when another reviewer decides (DESIGN §5).
 */
export interface RequestMessages {
  of(chatId: number | string, submissionId: string): Promise<readonly number[]>;
  add(chatId: number | string, submissionId: string, messageId: number): Promise<void>;
}

export function requestMessages(backend: Backend): RequestMessages {
  const keyOf = (chatId: number | string, submissionId: string) =>
    `request:${chatId}:${submissionId.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
  const of = async (chatId: number | string, submissionId: string) => {
    const parsed = requestRefs.safeParse(await read(backend, keyOf(chatId, submissionId)));
    return parsed.success ? parsed.data.messageIds : [];
  };
  return {
    of,
    async add(chatId, submissionId, messageId) {
      const known = await of(chatId, submissionId);
      if (known.includes(messageId)) return;
      // A handful per item and reviewer: the request, its full text, a fresh copy after an edit.
      await write(backend, keyOf(chatId, submissionId), {
        messageIds: [...known, messageId].slice(-10),
      });
    },
  };
}
