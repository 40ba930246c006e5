import { createHash } from 'node:crypto';
import { databaseKind, type Db } from '@jyxc/db';
import { freshDatabase } from '@jyxc/api/test-support';

export { freshDatabase };

/**
 * Bookkeeping tables that requests change by design without changing anyone's data: the
 * sliding expiry of a login session is touched by every authenticated request, and failed
 * logins are counted for the lockout (the login route's rule). Everything else — the audit
 * log included — must stay byte-for-byte the same when a request is refused.
 */
export const BOOKKEEPING_TABLES = new Set(['LoginSession', 'LoginThrottle', '_prisma_migrations']);

async function tableNames(db: Db): Promise<string[]> {
  const rows =
    databaseKind(db) === 'postgresql'
      ? await db.$queryRawUnsafe<{ name: string }[]>(
          `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()`,
        )
      : await db.$queryRawUnsafe<{ name: string }[]>(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
        );
  return rows
    .map((row) => row.name)
    .filter((name) => !BOOKKEEPING_TABLES.has(name))
    .sort();
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'bigint'
      ? v.toString()
      : v instanceof Uint8Array
        ? Buffer.from(v).toString('base64')
        : v,
  );
}

/** A digest per table of every row (rows sorted), to prove a run of requests changed nothing. */
export async function digestTables(db: Db): Promise<Map<string, string>> {
  const digests = new Map<string, string>();
  for (const name of await tableNames(db)) {
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${name}"`);
    const lines = rows.map(canonical).sort();
    digests.set(name, createHash('sha256').update(lines.join('\n')).digest('hex'));
  }
  return digests;
}

/** The tables whose digest differs between two snapshots. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}
