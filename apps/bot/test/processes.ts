import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The API and the bot as the product runs them: separate Node processes started with tsx. */

const APPS = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

export function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

export function tempDatabaseUrl(): string {
  return `file:${join(mkdtempSync(join(tmpdir(), 'jyxc-bot-e2e-')), 'e2e.db')}`;
}

export interface Running {
  readonly child: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `apps/<app>/src/main.ts` and waits for the line that says it is ready. */
export async function startApp(
  app: 'api' | 'bot',
  env: Record<string, string>,
  ready: RegExp,
): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: join(APPS, app),
    env: { ...process.env, NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  await new Promise<void>((done, reject) => {
    const timer = setInterval(() => {
      if (ready.test(output)) {
        clearInterval(timer);
        done();
      }
    }, 50);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(`${app} exited before it was ready:\n${output}`));
    });
  });
  return {
    child,
    output: () => output,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
