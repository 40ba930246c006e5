import type { Db, DbTransaction } from '@jyxc/db';
import type { Actor } from '../context.js';

/**
 * What an application service needs (CONVENTIONS: services are `(ctx, input) → Result`):
 * the database, the time of the request and who acts. Routes and the bot endpoints build it
 * the same way, so both pass the same checks.
 */
export interface ServiceContext {
  readonly db: Db;
  readonly now: Date;
  readonly actor: Actor;
  /** `user` from the console, `bot` when the bot acts for a linked person. */
  readonly via: 'user' | 'bot';
  readonly requestId: string;
}

/** A context for scheduled jobs, which act as the system rather than as a person. */
export interface SystemContext {
  readonly db: Db;
  readonly now: Date;
}

export type Tx = DbTransaction;
