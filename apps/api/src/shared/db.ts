import type { Db, DbTransaction } from '@jyxc/db';

/** Anything that can read or write: the client or a transaction. */
export type Reader = Db | DbTransaction;

/**
 * The units a reader may see, as a `where` fragment on a row's `unitId`: empty when every unit
 * is visible. `unitFilter` of the organisation service makes it from a visibility.
 */
export interface UnitScope {
  readonly unitId?: { in: string[] };
}

export interface TransactionLimits {
  /** How long the transaction may run (ms); Prisma's default is 5 s. */
  readonly timeout?: number;
  /** How long to wait for a connection to start it (ms). */
  readonly maxWait?: number;
}

/**
 * Runs a use case's writes as one transaction (DESIGN §4: a change and its audit entry commit
 * together or not at all). Services open transactions only through this and hand its `tx` to
 * repository functions, which run their queries on whatever client they are given and never
 * open a transaction themselves.
 */
export function inTransaction<T>(
  ctx: { readonly db: Db },
  work: (tx: DbTransaction) => Promise<T>,
  limits?: TransactionLimits,
): Promise<T> {
  return limits === undefined ? ctx.db.$transaction(work) : ctx.db.$transaction(work, limits);
}

/** Whether a write failed on a unique index (Prisma's P2002), e.g. a name already taken. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'P2002';
}

/**
 * Whether a transaction was aborted by a concurrent write (Prisma's P2034: a write conflict or
 * deadlock); trying again may succeed.
 */
export function isWriteConflict(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'P2034';
}

/** A database binds a limited number of parameters per statement: long id lists go in slices. */
export const ID_SLICE = 500;

export function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
