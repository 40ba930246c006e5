/**
 * Migrations for both databases without Prisma's native engine: Prisma's WebAssembly schema
 * engine, reaching SQLite and PostgreSQL through the same driver adapters the app uses.
 * Migration folders and the `_prisma_migrations` table are Prisma's own formats, so Prisma's
 * tooling can take over a database migrated here and the other way round.
 */
import { access, mkdir, readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';

import { DatabaseUrlError, describeDatabaseUrl } from '../client.js';
import type { DatabaseDescription } from '../client.js';
import {
  postgresMigrationAdapter,
  sqliteMigrationAdapter,
  type MigrationAdapter,
} from './adapters.js';
import {
  freeEngine,
  startEngine,
  takeEnginePanic,
  type SchemaEngine,
  type SchemaFile,
} from './engine.js';
import { describeEngineError, MigrationError, redactUrl } from './errors.js';
import {
  migrationSlug,
  newMigrationName,
  readMigrations,
  writeMigration,
  type Provider,
} from './folder.js';

export { MigrationError, type MigrationErrorCode } from './errors.js';
export type { Provider } from './folder.js';

/** A Prisma schema and the migrations folder that builds it. */
export interface SchemaAndMigrations {
  readonly schemaPath: string;
  readonly migrationsDir: string;
}

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * This package's schema and migrations for a provider. `prisma/schema.prisma` is the source
 * (SQLite); the PostgreSQL schema beside its own migrations is derived from it.
 */
export function projectMigrations(provider: Provider): SchemaAndMigrations {
  const base = provider === 'sqlite' ? 'prisma' : 'prisma/postgresql';
  return {
    schemaPath: resolve(packageDir, base, 'schema.prisma'),
    migrationsDir: resolve(packageDir, base, 'migrations'),
  };
}

const NO_FILTER = { externalTables: [], externalEnums: [] };

async function readSchema(schemaPath: string): Promise<SchemaFile> {
  const path = resolve(schemaPath);
  try {
    return { path, content: await readFile(path, 'utf8') };
  } catch (error) {
    throw new MigrationError(
      'MIGRATE.BAD_INPUT',
      `Cannot read the schema ${path}: ${String(error)}`,
    );
  }
}

/** The provider named in the schema's `datasource` block. */
function schemaProvider(schema: SchemaFile): Provider {
  const block = /^\s*datasource\s+\w+\s*\{([^}]*)\}/m.exec(schema.content)?.[1] ?? '';
  const provider = /^\s*provider\s*=\s*"([^"]+)"/m.exec(block)?.[1];
  if (provider === 'sqlite' || provider === 'postgresql') return provider;
  throw new MigrationError(
    'MIGRATE.BAD_INPUT',
    `${schema.path} must have a datasource with provider "sqlite" or "postgresql"`,
  );
}

function requireProvider(schema: SchemaFile, provider: Provider): void {
  const declared = schemaProvider(schema);
  if (declared !== provider) {
    throw new MigrationError(
      'MIGRATE.PROVIDER_MISMATCH',
      `${schema.path} is a ${declared} schema, not a ${provider} one`,
    );
  }
}

function describeUrl(url: string): DatabaseDescription {
  try {
    return describeDatabaseUrl(url);
  } catch (error) {
    if (error instanceof DatabaseUrlError)
      throw new MigrationError('MIGRATE.BAD_URL', error.message);
    throw error;
  }
}

function connectionFailure(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return connectionFailure(error.errors[0]);
  }
  if (error instanceof Error) {
    if (error.message !== '') return error.message;
    if ('code' in error && typeof error.code === 'string') return error.code;
  }
  return String(error);
}

function hasCode(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}

/**
 * Connects once, so that a wrong address or password gives a plain message before the
 * engine starts. A missing database is created when `create` is set, as Prisma does before
 * applying migrations.
 */
async function probePostgres(url: string, create: boolean): Promise<void> {
  const tryConnect = async (connectionString: string, sql?: string): Promise<void> => {
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
    try {
      await client.connect();
      if (sql !== undefined) await client.query(sql);
    } finally {
      await client.end().catch(() => {});
    }
  };
  try {
    await tryConnect(url);
  } catch (error) {
    const database = decodeURIComponent(new URL(url).pathname.slice(1));
    if (!(create && hasCode(error, '3D000') && database !== '')) {
      throw new MigrationError(
        'MIGRATE.UNREACHABLE',
        `Cannot connect to PostgreSQL at ${redactUrl(url)}: ${connectionFailure(error)}`,
      );
    }
    const maintenance = new URL(url);
    maintenance.pathname = '/postgres';
    try {
      await tryConnect(maintenance.toString(), `CREATE DATABASE ${pg.escapeIdentifier(database)}`);
    } catch (createError) {
      throw new MigrationError(
        'MIGRATE.UNREACHABLE',
        `Database ${database} does not exist and could not be created at ${redactUrl(url)}: ${connectionFailure(createError)}`,
      );
    }
  }
}

/** An adapter for the database `url` names; `create` allows making a missing one. */
async function openDatabase(
  description: DatabaseDescription,
  create: boolean,
): Promise<MigrationAdapter> {
  if (description.kind === 'postgresql') {
    await probePostgres(description.url, create);
    return postgresMigrationAdapter(description.url);
  }
  if (description.file !== ':memory:') {
    if (create) {
      await mkdir(dirname(description.file), { recursive: true });
    } else {
      await access(description.file).catch(() => {
        throw new MigrationError(
          'MIGRATE.UNREACHABLE',
          `The SQLite database ${description.file} does not exist`,
        );
      });
    }
  }
  return sqliteMigrationAdapter(description.file, { fileMustExist: !create });
}

/**
 * An adapter whose shadow databases replay the migrations folder: in memory for SQLite, on
 * the server of `shadowDatabaseUrl` for PostgreSQL (only temporary databases are created
 * there; the database the URL names is not touched).
 */
async function openShadow(
  provider: Provider,
  shadowDatabaseUrl: string | undefined,
): Promise<MigrationAdapter> {
  if (provider === 'sqlite') return sqliteMigrationAdapter(':memory:');
  if (shadowDatabaseUrl === undefined) {
    throw new MigrationError(
      'MIGRATE.NO_SHADOW_DATABASE',
      'PostgreSQL migrations are replayed in a temporary database: give the URL of a PostgreSQL server where one may be created',
    );
  }
  const description = describeUrl(shadowDatabaseUrl);
  if (description.kind !== 'postgresql') {
    throw new MigrationError(
      'MIGRATE.BAD_URL',
      'The shadow database URL must be a postgresql:// URL',
    );
  }
  await probePostgres(description.url, false);
  return postgresMigrationAdapter(description.url);
}

/** Runs `use` on an engine for `schema` and `adapter`, then frees both whatever happens. */
async function withEngine<T>(
  schema: SchemaFile,
  adapter: MigrationAdapter,
  use: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const factory = bindMigrationAwareSqlAdapterFactory(adapter.factory);
  let engine: SchemaEngine | undefined;
  try {
    engine = await startEngine(schema, factory);
    return await use(engine);
  } catch (error) {
    if (error instanceof MigrationError) throw error;
    throw new MigrationError(
      'MIGRATE.ENGINE',
      describeEngineError(error, factory.errorRegistry, takeEnginePanic()),
    );
  } finally {
    if (engine !== undefined) freeEngine(engine);
    await adapter.close();
  }
}

export interface CreateMigrationOptions extends SchemaAndMigrations {
  /** Words saying what changes, e.g. `add campaign notes`; becomes `add_campaign_notes`. */
  readonly name: string;
  readonly provider: Provider;
  /**
   * PostgreSQL only: a server on which a temporary shadow database may be created to replay
   * the existing migrations.
   */
  readonly shadowDatabaseUrl?: string;
  /** The time in the folder name (`<UTC yyyyMMddHHmmss>_<name>`); defaults to now. */
  readonly now?: Date;
}

export type CreateMigrationResult =
  | {
      readonly created: true;
      readonly migrationName: string;
      readonly directory: string;
      readonly sql: string;
    }
  | { readonly created: false };

/**
 * Writes `<migrationsDir>/<timestamp>_<name>/migration.sql` with the SQL that takes the
 * database the folder builds to the schema, and the lockfile when the folder is new. When
 * the folder already builds the schema nothing is written and `created` is false.
 */
export async function createMigration(
  options: CreateMigrationOptions,
): Promise<CreateMigrationResult> {
  const slug = migrationSlug(options.name);
  const schema = await readSchema(options.schemaPath);
  requireProvider(schema, options.provider);
  const migrationsDir = resolve(options.migrationsDir);
  const migrations = await readMigrations(migrationsDir, options.provider);
  const adapter = await openShadow(options.provider, options.shadowDatabaseUrl);
  const diff = await withEngine(schema, adapter, (engine) =>
    engine.diff({
      from: { tag: 'migrations', ...migrations },
      to: { tag: 'schemaDatamodel', files: [schema] },
      script: true,
      exitCode: true,
      filters: NO_FILTER,
    }),
  );
  if (diff.exitCode === 0 || diff.stdout === null) return { created: false };
  const migrationName = newMigrationName(
    migrations.migrationDirectories.map((directory) => directory.path),
    options.now ?? new Date(),
    slug,
  );
  const directory = await writeMigration(
    migrationsDir,
    migrationName,
    diff.stdout,
    options.provider,
  );
  return { created: true, migrationName, directory, sql: diff.stdout };
}

export interface ApplyMigrationsOptions extends SchemaAndMigrations {
  /** `file:…` (SQLite) or `postgresql://…`; a missing database is created. */
  readonly url: string;
}

export interface ApplyMigrationsResult {
  readonly provider: Provider;
  /** The migrations applied by this call, oldest first; empty when none was pending. */
  readonly appliedMigrationNames: readonly string[];
}

/**
 * Applies the pending migrations of the folder to the database, recording each in
 * `_prisma_migrations`. Throws a {@link MigrationError} when a migration fails; the
 * database then keeps the failed record, as with Prisma, until it is resolved.
 */
export async function applyMigrations(
  options: ApplyMigrationsOptions,
): Promise<ApplyMigrationsResult> {
  const description = describeUrl(options.url);
  const schema = await readSchema(options.schemaPath);
  requireProvider(schema, description.kind);
  const migrations = await readMigrations(resolve(options.migrationsDir), description.kind);
  const adapter = await openDatabase(description, true);
  const output = await withEngine(schema, adapter, (engine) =>
    engine.applyMigrations({ migrationsList: migrations, filters: NO_FILTER }),
  );
  return { provider: description.kind, appliedMigrationNames: output.appliedMigrationNames };
}

/**
 * Brings the database `url` names up to date with this package's migrations: the API calls
 * it as it starts. SQLite or PostgreSQL is chosen from the URL.
 */
export async function migrateDatabase(url: string): Promise<ApplyMigrationsResult> {
  return applyMigrations({ url, ...projectMigrations(databaseProvider(url)) });
}

/** The provider of a database URL; a {@link MigrationError} says why a URL is not accepted. */
export function databaseProvider(url: string): Provider {
  return describeUrl(url).kind;
}

export type MigrationProblemCode =
  /** The migrations folder does not build the schema: a migration is missing. */
  | 'MIGRATIONS.BEHIND_SCHEMA'
  /** The database's tables differ from the schema. */
  | 'MIGRATIONS.DRIFT'
  /** The database was never migrated (it has no `_prisma_migrations` table). */
  | 'MIGRATIONS.NOT_MIGRATED'
  /** Migrations of the folder are not applied to the database. */
  | 'MIGRATIONS.PENDING'
  /** A migration was changed after it was applied to the database. */
  | 'MIGRATIONS.EDITED'
  /** A migration failed on the database and was not resolved. */
  | 'MIGRATIONS.FAILED'
  /** The database has migrations that the folder does not have. */
  | 'MIGRATIONS.UNKNOWN_APPLIED'
  /** The database and the folder went different ways after a common migration. */
  | 'MIGRATIONS.DIVERGED';

export interface MigrationProblem {
  readonly code: MigrationProblemCode;
  /** One line saying what is wrong and where. */
  readonly message: string;
  /** The differences, as the engine summarises them, when there are any. */
  readonly details?: string;
}

export interface CheckMigrationsOptions extends SchemaAndMigrations {
  /** A migrated database to check too: its history and its tables against the schema. */
  readonly url?: string;
  /**
   * PostgreSQL: a server where a temporary database may be created to replay the folder.
   * Defaults to `url`'s server.
   */
  readonly shadowDatabaseUrl?: string;
}

function names(list: readonly string[]): string {
  return list.join(', ');
}

function historyProblems(
  diagnosis: Awaited<ReturnType<SchemaEngine['diagnoseMigrationHistory']>>,
  where: string,
): MigrationProblem[] {
  const problems: MigrationProblem[] = [];
  if (diagnosis.editedMigrationNames.length > 0) {
    problems.push({
      code: 'MIGRATIONS.EDITED',
      message: `Migration ${names(diagnosis.editedMigrationNames)} changed after it was applied to the ${where}; add a new migration instead of editing an applied one`,
    });
  }
  if (diagnosis.failedMigrationNames.length > 0) {
    problems.push({
      code: 'MIGRATIONS.FAILED',
      message: `Migration ${names(diagnosis.failedMigrationNames)} failed on the ${where} and is unresolved`,
    });
  }
  const history = diagnosis.history;
  if (history?.diagnostic === 'databaseIsBehind') {
    problems.push({
      code: 'MIGRATIONS.PENDING',
      message: `The ${where} lacks migration ${names(history.unappliedMigrationNames)}`,
    });
  } else if (history?.diagnostic === 'migrationsDirectoryIsBehind') {
    problems.push({
      code: 'MIGRATIONS.UNKNOWN_APPLIED',
      message: `The ${where} has migration ${names(history.unpersistedMigrationNames)}, which the migrations folder does not have`,
    });
  } else if (history?.diagnostic === 'historiesDiverge') {
    problems.push({
      code: 'MIGRATIONS.DIVERGED',
      message: `The ${where} and the migrations folder diverge after ${history.lastCommonMigrationName ?? 'the start'}: the database has ${names(history.unpersistedMigrationNames) || 'nothing else'}, the folder has ${names(history.unappliedMigrationNames) || 'nothing else'}`,
    });
  }
  return problems;
}

/**
 * Whether the database has Prisma's migrations table. Asked directly rather than through
 * the engine's diagnosis, which on SQLite fails on a missing table instead of saying so. An
 * unmigrated database differs from the schema in every table, so nothing more is checked.
 */
async function hasMigrationsTable(adapter: MigrationAdapter, provider: Provider): Promise<boolean> {
  const connection = await adapter.factory.connect();
  try {
    const result = await connection.queryRaw({
      sql:
        provider === 'sqlite'
          ? `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`
          : `SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '_prisma_migrations'`,
      args: [],
      argTypes: [],
    });
    return result.rows.length > 0;
  } finally {
    await connection.dispose();
  }
}

/**
 * Finds what stands between the migrations, the schema and (given `url`) a database:
 * a migration missing for a schema change, a database whose tables drifted from the schema,
 * and a database history that disagrees with the folder (pending, edited after being
 * applied, failed, unknown or diverging migrations). Returns no problem when all agree.
 * Throws a {@link MigrationError} only when the check itself cannot run.
 */
export async function checkMigrations(
  options: CheckMigrationsOptions,
): Promise<readonly MigrationProblem[]> {
  const schema = await readSchema(options.schemaPath);
  const description = options.url === undefined ? undefined : describeUrl(options.url);
  const provider = description?.kind ?? schemaProvider(schema);
  requireProvider(schema, provider);
  const migrationsDir = resolve(options.migrationsDir);
  const migrations = await readMigrations(migrationsDir, provider);
  const problems: MigrationProblem[] = [];

  const shadowUrl =
    options.shadowDatabaseUrl ?? (description?.kind === 'postgresql' ? description.url : undefined);
  const folderDiff = await withEngine(schema, await openShadow(provider, shadowUrl), (engine) =>
    engine.diff({
      from: { tag: 'migrations', ...migrations },
      to: { tag: 'schemaDatamodel', files: [schema] },
      script: false,
      exitCode: true,
      filters: NO_FILTER,
    }),
  );
  if (folderDiff.exitCode !== 0) {
    problems.push({
      code: 'MIGRATIONS.BEHIND_SCHEMA',
      message: `The migrations in ${migrationsDir} do not build ${schema.path}: create a migration for the schema change`,
      ...(folderDiff.stdout === null ? {} : { details: folderDiff.stdout.trim() }),
    });
  }

  if (description !== undefined) {
    const where =
      description.kind === 'sqlite'
        ? `database ${description.file}`
        : `database ${redactUrl(description.url)}`;
    const adapter = await openDatabase(description, false);
    await withEngine(schema, adapter, async (engine) => {
      if (!(await hasMigrationsTable(adapter, description.kind))) {
        problems.push({
          code: 'MIGRATIONS.NOT_MIGRATED',
          message: `The ${where} has never been migrated (no _prisma_migrations table)`,
        });
        return;
      }
      const diagnosis = await engine.diagnoseMigrationHistory({
        migrationsList: migrations,
        optInToShadowDatabase: false,
        filters: NO_FILTER,
      });
      problems.push(...historyProblems(diagnosis, where));
      const drift = await engine.diff({
        from: { tag: 'schemaDatasource', files: [schema], configDir: dirname(schema.path) },
        to: { tag: 'schemaDatamodel', files: [schema] },
        script: false,
        exitCode: true,
        filters: NO_FILTER,
      });
      if (drift.exitCode !== 0) {
        problems.push({
          code: 'MIGRATIONS.DRIFT',
          message: `The tables of the ${where} differ from ${schema.path}`,
          ...(drift.stdout === null ? {} : { details: drift.stdout.trim() }),
        });
      }
    });
  }
  return problems;
}
