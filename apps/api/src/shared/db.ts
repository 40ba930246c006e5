import type { Db, DbTransaction } from '@jyxc/db';

/** Anything that can read or write: the client or a transaction. */
export type Reader = Db | DbTransaction;

/** Whether a write failed on a unique index (Prisma's P2002), e.g. a name already taken. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'P2002';
}

/** A database binds a limited number of parameters per statement: long id lists go in slices. */
export const ID_SLICE = 500;

export function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
