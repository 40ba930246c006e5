/**
 * Build step of @jyxc/db: derives the PostgreSQL schema from `prisma/schema.prisma` (the
 * SQLite source) and generates one Prisma client per provider.
 *
 * One schema serves both databases (DESIGN §4: SQLite embedded by default, PostgreSQL for
 * scale). A client generated for one provider refuses the other's driver adapter, so each
 * provider gets its own client in `src/generated/{sqlite,pg}`.
 *
 * Generation needs no schema engine, but the Prisma CLI insists on locating one; pointing
 * `PRISMA_SCHEMA_ENGINE_BINARY` at any file satisfies it without a download.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const sqliteSchemaPath = join(packageDir, 'prisma', 'schema.prisma');
const pgSchemaPath = join(packageDir, 'prisma', 'postgresql', 'schema.prisma');

const HEADER = `// Derived from ../schema.prisma by scripts/generate.ts: edit that file, not this one.
// Only the datasource provider and the generated client's folder differ.

`;

/** The PostgreSQL schema text for a given SQLite schema text. */
export function derivePostgresSchema(sqliteSchema: string): string {
  const replaceOnce = (text: string, pattern: RegExp, replacement: string): string => {
    const matches = text.match(new RegExp(pattern.source, 'gm'));
    if (matches?.length !== 1) {
      throw new Error(`schema.prisma must contain exactly one match of ${String(pattern)}`);
    }
    return text.replace(pattern, replacement);
  };
  let text = replaceOnce(sqliteSchema, /^(\s*provider\s*=\s*)"sqlite"/m, '$1"postgresql"');
  text = replaceOnce(
    text,
    /^(\s*output\s*=\s*)"\.\.\/src\/generated\/sqlite"/m,
    '$1"../../src/generated/pg"',
  );
  return HEADER + text;
}

function generate(schemaPath: string): void {
  execFileSync(
    'pnpm',
    ['exec', 'prisma', 'generate', '--schema', relative(packageDir, schemaPath)],
    {
      cwd: packageDir,
      stdio: 'inherit',
      env: {
        ...process.env,
        PRISMA_SCHEMA_ENGINE_BINARY: '/bin/false',
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
      },
    },
  );
}

function main(): void {
  mkdirSync(dirname(pgSchemaPath), { recursive: true });
  writeFileSync(pgSchemaPath, derivePostgresSchema(readFileSync(sqliteSchemaPath, 'utf8')));
  generate(sqliteSchemaPath);
  generate(pgSchemaPath);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main();
}
