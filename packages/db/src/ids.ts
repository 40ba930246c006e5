import { randomInt } from 'node:crypto';

/** The counter of {@link newRowId}, so that ids made in the same millisecond differ in order. */
let counter = randomInt(36 ** 4);

/**
 * A new id for a row written without the query engine, of the shape of the ids Prisma's
 * `cuid()` default gives the same tables: 25 characters, a `c`, the time in base 36, a
 * counter, then randomness. Rows of either kind sort together by when they were made.
 */
export function newRowId(now: number = Date.now()): string {
  counter = (counter + 1) % 36 ** 4;
  let random = '';
  for (let i = 0; i < 12; i += 1) random += randomInt(36).toString(36);
  return `c${now.toString(36).padStart(8, '0')}${counter.toString(36).padStart(4, '0')}${random}`;
}
