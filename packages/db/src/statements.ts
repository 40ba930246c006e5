import { createHash } from 'node:crypto';

import type { SqlQuery } from '@prisma/driver-adapter-utils';
import { LRUCache } from 'lru-cache';

/**
 * Names for PostgreSQL's prepared statements. A named statement is parsed and planned once
 * per connection and then only bound and run, where an unnamed one is parsed and planned on
 * every run: the API sends the same few hundred statements over and over.
 */

/**
 * Statements with more arguments than this are left unnamed: their text varies with the
 * length of a list (`IN ($1, …, $n)`), and each length would stay prepared on every
 * connection of the pool.
 */
export const MOST_NAMED_ARGS = 16;

/**
 * The name `query` is prepared under: the same for the same text, different for a different
 * one, within PostgreSQL's 63 bytes; or '' (unnamed) for a statement without arguments (the
 * transaction's BEGIN and COMMIT, scripts) or with more than {@link MOST_NAMED_ARGS}.
 */
export function statementName(query: Pick<SqlQuery, 'sql' | 'args'>): string {
  if (query.args.length === 0 || query.args.length > MOST_NAMED_ARGS) return '';
  let name = names.get(query.sql);
  if (name === undefined) {
    name = `jyxc_${createHash('sha256').update(query.sql).digest('base64url').slice(0, 40)}`;
    names.set(query.sql, name);
  }
  return name;
}

/**
 * The names of the statements sent lately: every statement is named again each time it is
 * sent, and hashing its text cost more than a kept answer's lookup.
 */
const names = new LRUCache<string, string>({ max: 2_000 });
