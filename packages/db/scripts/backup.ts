// `pnpm db:backup <file>`: a consistent copy of the SQLite database while the product keeps
// running. SQLite's online backup copies page by page and restarts when a write lands in a
// page already copied, so the copy is the database as of one moment, every transaction
// committed before that moment included and none half-applied.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { fromCaller, productDatabaseFile } from './sqlite-file.js';

const [target] = process.argv.slice(2).filter((arg) => arg !== '--');
if (!target) {
  console.error('usage: pnpm db:backup <file>');
  process.exit(2);
}
try {
  const source = productDatabaseFile();
  if (!existsSync(source)) throw new Error(`there is no database at ${source}`);
  const destination = fromCaller(target);
  if (existsSync(destination))
    throw new Error(`${destination} exists already; choose a new file name`);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  const started = performance.now();
  try {
    await db.backup(destination);
  } finally {
    db.close();
  }
  console.log(`backup written to ${destination} in ${Math.round(performance.now() - started)} ms`);
} catch (error) {
  console.error(`backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
