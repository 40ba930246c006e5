import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { API_NODE_ARGS } from '@jyxc/api/node-args';

import { REPO_ROOT } from './results.js';

/** A free TCP port on loopback, found by letting the system pick one. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export const BOT_TOKEN = randomBytes(32).toString('hex');

export interface ApiProcess {
  readonly url: string;
  readonly port: number;
  /** Starts the process (again) on the same port and database and waits until it answers. */
  start(): Promise<void>;
  /** SIGKILL: no shutdown handler runs, as in a power cut or an OOM kill. */
  kill(): Promise<void>;
  /** SIGTERM, the orderly stop. */
  stop(): Promise<void>;
  output(): string;
  /** The running process's id, for reading its memory (undefined while stopped). */
  pid(): number | undefined;
}

/**
 * The real API (`apps/api/src/main.ts`) in a process of its own, on the given database, with
 * the demo county seeded into an empty database and the bot's service token set.
 */
export async function apiProcess(
  databaseUrl: string,
  extraEnv: Record<string, string> = {},
): Promise<ApiProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let output = '';

  const start = async () => {
    const started = spawn(
      process.execPath,
      [...API_NODE_ARGS, join(REPO_ROOT, 'apps/api/src/main.ts')],
      {
        cwd: join(REPO_ROOT, 'apps/api'),
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          DATABASE_URL: databaseUrl,
          BOT_SERVICE_TOKEN: BOT_TOKEN,
          SEED_DEMO: '1',
          ADMIN_DIST: join(REPO_ROOT, 'tooling/reliability/no-console'),
          ...extraEnv,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child = started;
    started.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    exited = new Promise((done) => started.once('exit', () => done()));
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (started.exitCode !== null)
        throw new Error(`the API exited with ${started.exitCode}:\n${output.slice(-2000)}`);
      try {
        const response = await fetch(`${url}/api/health`);
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((wait) => setTimeout(wait, 100));
    }
    throw new Error(`the API did not answer within two minutes:\n${output.slice(-2000)}`);
  };

  const signal = async (name: NodeJS.Signals) => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };

  await start();
  return {
    url,
    port,
    start,
    kill: () => signal('SIGKILL'),
    stop: () => signal('SIGTERM'),
    output: () => output,
    pid: () => (child?.exitCode === null ? child.pid : undefined),
  };
}
