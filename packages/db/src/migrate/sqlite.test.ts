import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { applyMigrations, checkMigrations, migrateDatabase, projectMigrations } from './index.js';
import { migrationScenarios, type TestDatabases } from '../test-support/migration-scenarios.js';

let dir: string;
let count = 0;

const sqlite: TestDatabases = {
  provider: 'sqlite',
  fresh: async () => {
    count += 1;
    const file = join(dir, `test-${count}.db`);
    // An empty file is an SQLite database without tables.
    await writeFile(file, '');
    return pathToFileURL(file).toString();
  },
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jyxc-migrate-sqlite-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('migrations on SQLite', { timeout: 60_000 }, () => {
  migrationScenarios(() => sqlite);

  it('a database in a folder that does not exist yet is created with its folder', async () => {
    const url = `file:${join(dir, 'nested', 'deeper', 'jyxc.db')}`;

    const result = await migrateDatabase(url);

    expect(result.appliedMigrationNames.length).toBeGreaterThan(0);
  });

  it('checking a database file that does not exist says so, and creates nothing', async () => {
    const file = join(dir, 'missing.db');

    await expect(
      checkMigrations({ ...projectMigrations('sqlite'), url: `file:${file}` }),
    ).rejects.toMatchObject({
      code: 'MIGRATE.UNREACHABLE',
      message: expect.stringContaining(file),
    });
  });

  it('a URL that is neither file: nor postgresql: is refused with the accepted forms', async () => {
    await expect(migrateDatabase('mysql://localhost/jyxc')).rejects.toMatchObject({
      code: 'MIGRATE.BAD_URL',
      message: expect.stringContaining('postgresql://'),
    });
  });

  it('a migration that fails is reported in one line, without the engine backtrace', async () => {
    const url = await sqlite.fresh();
    const project = join(dir, 'broken');
    await cp(projectMigrations('sqlite').migrationsDir, join(project, 'migrations'), {
      recursive: true,
    });
    await mkdir(join(project, 'migrations', '20990101000000_broken'));
    await writeFile(
      join(project, 'migrations', '20990101000000_broken', 'migration.sql'),
      'CREATE TABLE "Unit" ("id" TEXT);\n',
    );

    const failure = applyMigrations({
      url,
      schemaPath: projectMigrations('sqlite').schemaPath,
      migrationsDir: join(project, 'migrations'),
    });

    await expect(failure).rejects.toMatchObject({ code: 'MIGRATE.ENGINE' });
    const error: unknown = await failure.catch((caught: unknown) => caught);
    const message = error instanceof Error ? error.message : '';
    expect(message).toMatch(/^Migration 20990101000000_broken failed: .*already exists/);
    expect(message).not.toContain('\n');
    expect(message).not.toMatch(/\bat \S+\.rs:\d+/);
  });
});
