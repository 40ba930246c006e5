// Shared by the backup and restore commands: which SQLite file the product uses, and where a
// path given on the command line points.
import { isAbsolute, resolve } from 'node:path';
import { describeDatabaseUrl, DEFAULT_DATA_DIR } from '../src/client.js';

/** The SQLite file of DATABASE_URL (the product's default when unset); PostgreSQL is refused. */
export function productDatabaseFile(): string {
  // These commands run beside the product and read the variable the product reads.
  const url = process.env.DATABASE_URL ?? `file:${resolve(DEFAULT_DATA_DIR, 'jyxc.db')}`;
  const target = describeDatabaseUrl(url);
  if (target.kind !== 'sqlite' || target.file === ':memory:') {
    throw new Error(
      'DATABASE_URL names a PostgreSQL server: back it up with pg_dump and restore it with pg_restore',
    );
  }
  return target.file;
}

/**
 * A path as the person typed it: pnpm runs the script in the package's folder, so a relative
 * path is taken from the folder the command was started in (INIT_CWD).
 */
export function fromCaller(path: string): string {
  return isAbsolute(path) ? path : resolve(process.env.INIT_CWD ?? process.cwd(), path);
}
