// `pnpm db:restore <file> [--force]`: puts a backup in place of the product's SQLite database.
// The product must be stopped: a running API would keep writing into the file being replaced.
// The command looks for one at HOST:PORT (the product's own settings) and refuses while it
// answers; --force restores anyway, for an operator who has checked that nothing writes.
import { existsSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { fromCaller, productDatabaseFile } from './sqlite-file.js';

const args = process.argv.slice(2).filter((arg) => arg !== '--');
const force = args.includes('--force');
const [backup] = args.filter((arg) => arg !== '--force');
if (!backup) {
  console.error('usage: pnpm db:restore <file> [--force]');
  process.exit(2);
}

async function apiAnswers(): Promise<boolean> {
  const host = process.env.HOST ?? '127.0.0.1';
  const port = process.env.PORT ?? '8787';
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  try {
    const response = await fetch(`http://${shown}:${port}/api/health`, {
      signal: AbortSignal.timeout(2_000),
    });
    return response.status < 500 || response.status === 503;
  } catch {
    return false;
  }
}

try {
  const source = fromCaller(backup);
  if (!existsSync(source)) throw new Error(`there is no backup at ${source}`);
  const check = new Database(source, { readonly: true, fileMustExist: true });
  try {
    const integrity = check.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`${source} is damaged (${String(integrity)})`);
    const migrated = check
      .prepare(
        "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'",
      )
      .pluck()
      .get();
    if (migrated !== 1) throw new Error(`${source} is not a backup of this product's database`);
  } finally {
    check.close();
  }
  if (!force && (await apiAnswers())) {
    throw new Error(
      'the API is running: stop it first, or pass --force once you are sure nothing writes to the database',
    );
  }
  const target = productDatabaseFile();
  // Copied beside the target and renamed over it, so that a failure never leaves half a file;
  // the old write-ahead log belongs to the replaced database and must not be replayed onto it.
  const staged = `${target}.restoring`;
  rmSync(staged, { force: true });
  const from = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await from.backup(staged);
  } finally {
    from.close();
  }
  rmSync(`${target}-wal`, { force: true });
  rmSync(`${target}-shm`, { force: true });
  renameSync(staged, target);
  console.log(`restored ${target} from ${source}`);
} catch (error) {
  console.error(`restore refused: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
