/**
 * What the migration tool must do, written once and run against each database
 * (src/migrate/sqlite.test.ts, src/migrate/postgresql.test.ts).
 */
import { appendFile, cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, expect, it } from 'vitest';

import { createDb } from '../client.js';
import {
  applyMigrations,
  checkMigrations,
  createMigration,
  migrateDatabase,
  projectMigrations,
  type MigrationProblem,
  type Provider,
  type SchemaAndMigrations,
} from '../migrate/index.js';

export interface TestDatabases {
  readonly provider: Provider;
  /** The URL of a new database, existing but without any table. */
  fresh(): Promise<string>;
  /** PostgreSQL: a server where the tool may create its temporary databases. */
  readonly shadowDatabaseUrl?: string;
}

const PROBE_MODEL = `
model MigrationProbe {
  id    String @id
  label String
}
`;

const scratchDirs: string[] = [];

async function scratchDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'jyxc-migrate-test-'));
  scratchDirs.push(dir);
  return dir;
}

/** A copy of this package's schema and migrations, free to change. */
async function projectCopy(provider: Provider): Promise<SchemaAndMigrations> {
  const dir = await scratchDir();
  const source = projectMigrations(provider);
  const copy = { schemaPath: join(dir, 'schema.prisma'), migrationsDir: join(dir, 'migrations') };
  await cp(source.schemaPath, copy.schemaPath);
  await cp(source.migrationsDir, copy.migrationsDir, { recursive: true });
  return copy;
}

async function committedMigrationNames(provider: Provider): Promise<string[]> {
  const entries = await readdir(projectMigrations(provider).migrationsDir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function codes(problems: readonly MigrationProblem[]): string[] {
  return problems.map((problem) => problem.code);
}

/** Registers the scenarios; `databases` is called inside each test, after `beforeAll`. */
export function migrationScenarios(databases: () => TestDatabases): void {
  afterEach(async () => {
    await Promise.all(
      scratchDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })),
    );
  });

  const shadow = (): { shadowDatabaseUrl?: string } => {
    const url = databases().shadowDatabaseUrl;
    return url === undefined ? {} : { shadowDatabaseUrl: url };
  };

  it('the committed migrations build the committed schema', async () => {
    const { provider } = databases();
    expect(await checkMigrations({ ...projectMigrations(provider), ...shadow() })).toEqual([]);
  });

  it('applying the committed migrations gives a database with no drift', async () => {
    const { provider, fresh } = databases();
    const url = await fresh();

    const result = await migrateDatabase(url);

    expect(result.provider).toBe(provider);
    expect(result.appliedMigrationNames).toEqual(await committedMigrationNames(provider));
    expect(await checkMigrations({ ...projectMigrations(provider), url })).toEqual([]);
  });

  it('notifications written before events keep their meaning: a kind, facts without the fallback text', async () => {
    const { provider, fresh } = databases();
    const url = await fresh();
    // The database as it was before notifications became events.
    const before = await projectCopy(provider);
    const names = await committedMigrationNames(provider);
    const eventsMigration = names.find((name) => name.endsWith('_notification_events'));
    expect(eventsMigration).toBeDefined();
    for (const name of names.filter((n) => n >= (eventsMigration ?? ''))) {
      await rm(join(before.migrationsDir, name), { recursive: true });
    }
    await applyMigrations({ ...before, url });
    const db = createDb(url);
    try {
      await db.$executeRaw`INSERT INTO "Unit" ("id", "name", "kind", "code", "updatedAt") VALUES ('u1', '城关镇中心校', 'township_center', 'U1', ${new Date()})`;
      await db.$executeRaw`INSERT INTO "Person" ("id", "name", "unitId", "username", "updatedAt") VALUES ('p1', '李信息', 'u1', 'li', ${new Date()})`;
      const rows: [string, string, Record<string, unknown>][] = [
        [
          'm1',
          'review_result',
          {
            submissionId: 's1',
            title: 'T',
            result: 'returned',
            reason: 'R',
            defaultMessage: '您的稿件被退回',
          },
        ],
        [
          'm2',
          'reminder.adoption.head',
          { submissionId: 's1', title: 'T', level: 'city', outlet: 'O', points: 4 },
        ],
        [
          'm3',
          'incident.closed',
          { incidentId: 'i1', title: 'T', unitId: 'u1', severity: 'major' },
        ],
      ];
      for (const [id, template, params] of rows) {
        await db.$executeRaw`INSERT INTO "OutboxMessage" ("id", "key", "audience", "personId", "template", "params", "defaultMessage", "notBefore") VALUES (${id}, ${id}, 'person', 'p1', ${template}, ${JSON.stringify(params)}, '中文', ${new Date()})`;
      }
    } finally {
      await db.$disconnect();
    }

    await migrateDatabase(url);

    const after = createDb(url);
    try {
      const messages = await after.outboxMessage.findMany({ orderBy: { id: 'asc' } });
      expect(messages.map((m) => [m.id, m.kind, JSON.parse(m.facts) as unknown])).toEqual([
        [
          'm1',
          'submission_returned',
          { submissionId: 's1', title: 'T', result: 'returned', reason: 'R' },
        ],
        [
          'm2',
          'unit_adoption',
          { submissionId: 's1', title: 'T', level: 'city', outlet: 'O', points: 4 },
        ],
        [
          'm3',
          'incident_closed',
          { incidentId: 'i1', title: 'T', unitId: 'u1', severity: 'major' },
        ],
      ]);
      expect(messages.every((m) => m.readAt === null)).toBe(true);
      expect((await after.person.findUniqueOrThrow({ where: { id: 'p1' } })).locale).toBe('zh-CN');
    } finally {
      await after.$disconnect();
    }
  });

  it('Telegram links made before chat channels move as (telegram, id) pairs, with nothing lost', async () => {
    const { provider, fresh } = databases();
    const url = await fresh();
    // The database as it was before chat identities and groups named their channel.
    const before = await projectCopy(provider);
    const names = await committedMigrationNames(provider);
    const channels = names.find((name) => name.endsWith('_chat_channels'));
    expect(channels).toBeDefined();
    for (const name of names.filter((n) => n >= (channels ?? ''))) {
      await rm(join(before.migrationsDir, name), { recursive: true });
    }
    await applyMigrations({ ...before, url });
    const linkedAt = new Date('2026-04-01T02:00:00Z');
    const db = createDb(url);
    try {
      await db.$executeRaw`INSERT INTO "Unit" ("id", "name", "kind", "code", "updatedAt") VALUES ('u1', '城关镇中心校', 'township_center', 'U1', ${linkedAt})`;
      await db.$executeRaw`INSERT INTO "Person" ("id", "name", "unitId", "username", "updatedAt") VALUES ('p1', '李信息', 'u1', 'li', ${linkedAt})`;
      await db.$executeRaw`INSERT INTO "TelegramAccount" ("id", "telegramUserId", "personId", "username", "linkedAt") VALUES ('a1', '5100000001', 'p1', 'li_xinxi', ${linkedAt})`;
      await db.$executeRaw`INSERT INTO "TelegramGroup" ("id", "chatId", "unitId", "title", "linkedById", "linkedAt") VALUES ('g1', '-1002000000001', 'u1', '城关镇工作群', 'p1', ${linkedAt})`;
      await db.$executeRaw`INSERT INTO "OutboxMessage" ("id", "key", "audience", "personId", "kind", "notBefore", "lastError") VALUES ('m1', 'm1', 'person', 'p1', 'review_requested', ${linkedAt}, 'no telegram link')`;
    } finally {
      await db.$disconnect();
    }

    await migrateDatabase(url);

    const after = createDb(url);
    try {
      expect(await after.chatIdentity.findMany()).toEqual([
        {
          id: 'a1',
          channel: 'telegram',
          externalId: '5100000001',
          personId: 'p1',
          handle: 'li_xinxi',
          linkedAt,
        },
      ]);
      expect(await after.chatGroup.findMany()).toEqual([
        {
          id: 'g1',
          channel: 'telegram',
          chatId: '-1002000000001',
          unitId: 'u1',
          title: '城关镇工作群',
          linkedById: 'p1',
          linkedAt,
          removedAt: null,
        },
      ]);
      const message = await after.outboxMessage.findUniqueOrThrow({ where: { id: 'm1' } });
      expect(message).toMatchObject({ lastError: 'no chat link', channel: null });
    } finally {
      await after.$disconnect();
    }
  });

  it('applying twice is a no-op', async () => {
    const { fresh } = databases();
    const url = await fresh();
    await migrateDatabase(url);

    const second = await migrateDatabase(url);

    expect(second.appliedMigrationNames).toEqual([]);
  });

  it('check fails, naming the model, when a model is added to the schema without a migration', async () => {
    const { provider } = databases();
    const project = await projectCopy(provider);
    await appendFile(project.schemaPath, PROBE_MODEL);

    const problems = await checkMigrations({ ...project, ...shadow() });

    expect(codes(problems)).toEqual(['MIGRATIONS.BEHIND_SCHEMA']);
    expect(problems[0]?.details).toContain('MigrationProbe');
  });

  it('check reports drift when the database lacks a table the schema has', async () => {
    const { provider, fresh } = databases();
    const url = await fresh();
    await migrateDatabase(url);
    const project = await projectCopy(provider);
    await appendFile(project.schemaPath, PROBE_MODEL);

    const problems = await checkMigrations({ ...project, url, ...shadow() });

    expect(codes(problems)).toEqual(['MIGRATIONS.BEHIND_SCHEMA', 'MIGRATIONS.DRIFT']);
    expect(problems[1]?.details).toContain('MigrationProbe');
  });

  it('a migration edited after it was applied is detected', async () => {
    const { provider, fresh } = databases();
    const url = await fresh();
    const project = await projectCopy(provider);
    await applyMigrations({ ...project, url });
    const [first] = await committedMigrationNames(provider);
    if (first === undefined) throw new Error('the package has no committed migration');

    await appendFile(join(project.migrationsDir, first, 'migration.sql'), '\n-- an afterthought\n');
    const problems = await checkMigrations({ ...project, url });

    expect(codes(problems)).toEqual(['MIGRATIONS.EDITED']);
    expect(problems[0]?.message).toContain(first);
  });

  it('a schema change becomes a migration that applies and leaves no drift', async () => {
    const { provider, fresh } = databases();
    const url = await fresh();
    const project = await projectCopy(provider);
    await applyMigrations({ ...project, url });
    await appendFile(project.schemaPath, PROBE_MODEL);

    const created = await createMigration({
      ...project,
      name: 'Add migration probe',
      provider,
      now: new Date('2099-01-02T03:04:05Z'),
      ...shadow(),
    });

    expect(created).toMatchObject({
      created: true,
      migrationName: '20990102030405_add_migration_probe',
    });
    const sql = await readFile(
      join(project.migrationsDir, '20990102030405_add_migration_probe', 'migration.sql'),
      'utf8',
    );
    expect(sql).toContain('CREATE TABLE "MigrationProbe"');
    expect(codes(await checkMigrations({ ...project, url }))).toEqual([
      'MIGRATIONS.PENDING',
      'MIGRATIONS.DRIFT',
    ]);

    const applied = await applyMigrations({ ...project, url });

    expect(applied.appliedMigrationNames).toEqual(['20990102030405_add_migration_probe']);
    expect(await checkMigrations({ ...project, url })).toEqual([]);
  });

  it('a migration made with the clock behind the last one still sorts after it', async () => {
    const { provider } = databases();
    const project = await projectCopy(provider);
    await appendFile(project.schemaPath, PROBE_MODEL);
    const [last] = (await committedMigrationNames(provider)).slice(-1);

    const created = await createMigration({
      ...project,
      name: 'probe',
      provider,
      now: new Date('2001-01-01T00:00:00Z'),
      ...shadow(),
    });

    expect(created.created && created.migrationName > (last ?? '')).toBe(true);
    expect(await checkMigrations({ ...project, ...shadow() })).toEqual([]);
  });

  it('no migration is written when the folder already builds the schema', async () => {
    const { provider } = databases();
    const project = await projectCopy(provider);
    const before = await readdir(project.migrationsDir);

    const created = await createMigration({ ...project, name: 'nothing', provider, ...shadow() });

    expect(created).toEqual({ created: false });
    expect(await readdir(project.migrationsDir)).toEqual(before);
  });

  it('a new migrations folder gets its first migration and the lockfile', async () => {
    const { provider } = databases();
    const dir = await scratchDir();
    const schemaPath = join(dir, 'schema.prisma');
    await writeFile(schemaPath, `datasource db {\n  provider = "${provider}"\n}\n${PROBE_MODEL}`);
    const migrationsDir = join(dir, 'migrations');

    const created = await createMigration({
      schemaPath,
      migrationsDir,
      name: 'init',
      provider,
      ...shadow(),
    });

    expect(created.created).toBe(true);
    expect(await readFile(join(migrationsDir, 'migration_lock.toml'), 'utf8')).toContain(
      `provider = "${provider}"`,
    );
    expect(await checkMigrations({ schemaPath, migrationsDir, ...shadow() })).toEqual([]);
  });

  it('a database with a history the folder does not have is reported', async () => {
    const { provider, fresh } = databases();
    const url = await fresh();
    await migrateDatabase(url);
    const project = await projectCopy(provider);
    await appendFile(project.schemaPath, PROBE_MODEL);
    await createMigration({ ...project, name: 'probe', provider, ...shadow() });
    await applyMigrations({ ...project, url });

    const problems = await checkMigrations({ ...projectMigrations(provider), url });

    expect(codes(problems)).toEqual(['MIGRATIONS.UNKNOWN_APPLIED', 'MIGRATIONS.DRIFT']);
  });

  it('a database that was never migrated is reported as such', async () => {
    const { provider, fresh } = databases();
    const url = await fresh();

    const problems = await checkMigrations({ ...projectMigrations(provider), url });

    expect(codes(problems)).toEqual(['MIGRATIONS.NOT_MIGRATED']);
  });

  it('the wrong kind of migrations folder for the database is refused', async () => {
    const { provider, fresh } = databases();
    const other = provider === 'sqlite' ? 'postgresql' : 'sqlite';
    const url = await fresh();

    await expect(applyMigrations({ url, ...projectMigrations(other) })).rejects.toMatchObject({
      code: 'MIGRATE.PROVIDER_MISMATCH',
    });
  });
}
