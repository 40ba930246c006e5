import { createServer } from 'node:net';

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createMigration, migrateDatabase, projectMigrations } from './index.js';
import { startTemporaryPostgres, type TemporaryPostgres } from './temporary-postgres.js';
import { migrationScenarios, type TestDatabases } from '../test-support/migration-scenarios.js';

let server: TemporaryPostgres;
let count = 0;

const postgres = (): TestDatabases => ({
  provider: 'postgresql',
  fresh: () => {
    count += 1;
    return server.createDatabase(`test_${count}`);
  },
  shadowDatabaseUrl: server.url,
});

beforeAll(async () => {
  server = await startTemporaryPostgres();
}, 120_000);

afterAll(async () => {
  await server.stop();
}, 120_000);

async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A port nothing listens on: taken from the system, then released. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

describe('migrations on PostgreSQL', { timeout: 120_000 }, () => {
  migrationScenarios(postgres);

  it('the scratch work of a migration happens in a temporary database, dropped afterwards', async () => {
    const target = await postgres().fresh();

    const created = await createMigration({
      ...projectMigrations('postgresql'),
      name: 'nothing',
      provider: 'postgresql',
      shadowDatabaseUrl: target,
    });

    expect(created).toEqual({ created: false });
    expect(
      await query(
        target,
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
      ),
    ).toEqual([]);
    expect(
      await query(server.url, `SELECT datname FROM pg_database WHERE datname LIKE 'jyxc_shadow_%'`),
    ).toEqual([]);
  });

  it('a database that does not exist yet is created when migrations are applied', async () => {
    const url = new URL(server.url);
    url.pathname = '/not_created_yet';

    const result = await migrateDatabase(url.toString());

    expect(result.appliedMigrationNames.length).toBeGreaterThan(0);
  });

  it('an unreachable server is reported in one line, without the password', async () => {
    const url = `postgresql://postgres:s3cret@127.0.0.1:${await closedPort()}/jyxc`;

    const failure = migrateDatabase(url);

    await expect(failure).rejects.toMatchObject({ code: 'MIGRATE.UNREACHABLE' });
    const error: unknown = await failure.catch((caught: unknown) => caught);
    const message = error instanceof Error ? error.message : '';
    expect(message).toMatch(
      /^Cannot connect to PostgreSQL at postgresql:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/jyxc: .*ECONNREFUSED/,
    );
    expect(message).not.toContain('s3cret');
    expect(message).not.toContain('\n');
  });

  it('a wrong password is reported without the password', async () => {
    const url = new URL(server.url);
    url.password = 'wrong-password';

    await expect(migrateDatabase(url.toString())).rejects.toMatchObject({
      code: 'MIGRATE.UNREACHABLE',
      message: expect.not.stringContaining('wrong-password'),
    });
  });

  it('a PostgreSQL migration cannot be created without a server for its scratch database', async () => {
    await expect(
      createMigration({ ...projectMigrations('postgresql'), name: 'x', provider: 'postgresql' }),
    ).rejects.toMatchObject({ code: 'MIGRATE.NO_SHADOW_DATABASE' });
  });
});
