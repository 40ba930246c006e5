import {
  announceChanges,
  noticeChanges,
  type DataChange,
  type Db,
  type DbTransaction,
} from '@jyxc/db';

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

/** The changes each open transaction of {@link inTransaction} has made so far. */
const changesOf = new WeakMap<DbTransaction, DataChange[]>();

/**
 * Runs a use case's writes as one transaction (DESIGN §4: a change and its audit entry commit
 * together or not at all). Services open transactions only through this and hand its `tx` to
 * repository functions, which run their queries on whatever client they are given and never
 * open a transaction themselves.
 *
 * It is also where the read caches learn what changed: the transaction's audit entries (and
 * any {@link changed} call) name tables and units; PostgreSQL's other processes are told from
 * inside the transaction, so only if it commits; this process's caches once it has settled,
 * before this returns (see `ChangeFeed` in @jyxc/db).
 */
export async function inTransaction<T>(
  ctx: { readonly db: Db },
  work: (tx: DbTransaction) => Promise<T>,
  limits?: TransactionLimits,
): Promise<T> {
  const changes: DataChange[] = [];
  const run = async (tx: DbTransaction) => {
    changesOf.set(tx, changes);
    const result = await work(tx);
    await noticeChanges(tx, ctx.db, changes);
    return result;
  };
  let settled: 'committed' | 'rolled back' = 'rolled back';
  try {
    const result = await (limits === undefined
      ? ctx.db.$transaction(run)
      : ctx.db.$transaction(run, limits));
    settled = 'committed';
    return result;
  } finally {
    announceChanges(ctx.db, changes, settled);
  }
}

/**
 * Records changes of a transaction of {@link inTransaction} that no audit entry names: rows a
 * read cache may show that the use case wrote besides those of its audit entries' tables
 * (`audit` records those itself). Throws for any other transaction: a change the caches would
 * never hear of is a bug.
 */
export function changed(tx: DbTransaction, changes: readonly DataChange[]): void {
  const list = changesOf.get(tx);
  if (list === undefined) throw new Error('a change was recorded outside inTransaction');
  list.push(...changes);
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
