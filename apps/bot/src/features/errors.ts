import { BackendError } from '../backend.js';
import type { ConversationContext } from '../context.js';

/** Refusals with a text of the bot's own (with what to do next); others keep the API's words. */
const KNOWN: Readonly<Record<string, string>> = {
  'BOT.UNLINKED_USER': 'unlinked-user',
  'BOT.GROUP_NOT_LINKED': 'group-unlinked',
  'BOT.EMPTY_REPORT': 'kb-empty',
  'SUBMISSION.STALE': 'stale',
  'LINK_CODE.UNKNOWN': 'link-code-unknown',
};

/**
 * What to tell a person when the API refused their action; a failure that is not a refusal
 * (the API unreachable, a bug) is thrown on to the error boundary.
 */
export function refusal(ctx: ConversationContext, error: unknown): string {
  if (!(error instanceof BackendError) || error.status >= 500) throw error;
  const key = KNOWN[error.code];
  return key === undefined ? ctx.t('refused', { reason: error.message }) : ctx.t(key);
}
