import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

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

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface RunningProduct {
  readonly url: string;
  readonly process: ChildProcess;
  output(): string;
  /**
   * Resolves with the output once it matches: the start banner is several writes to one
   * pipe, so a line after the address may arrive a moment after it.
   */
  waitForOutput(pattern: RegExp): Promise<RegExpExecArray>;
  stop(): Promise<number | null>;
}

/**
 * Starts the product exactly as `pnpm start` does (scripts/start.mjs), with the given
 * environment, and waits until it prints its address.
 */
export async function startProduct(env: Record<string, string>): Promise<RunningProduct> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'scripts/start.mjs')], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  // 'close' comes once the process has ended and all its output has been read.
  let closed = false;
  child.once('close', () => (closed = true));

  function waitForOutput(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    return new Promise((resolveMatch, reject) => {
      const timer = setInterval(() => {
        const match = pattern.exec(output);
        if (match) resolveMatch(match);
        else if (closed) {
          const end = child.signalCode ?? `code ${child.exitCode}`;
          reject(new Error(`the product ended (${end}) before printing ${pattern}:\n${output}`));
        } else if (Date.now() > deadline) {
          reject(new Error(`the product's output never matched ${pattern}:\n${output}`));
        } else return;
        clearInterval(timer);
      }, 50);
    });
  }

  // The first start builds what is not built yet. A product that is not ready in time is
  // stopped, so that no server outlives a failed test.
  const url = await waitForOutput(/is running at (http:\/\/\S+)/, 280_000).then(
    (match) => match[1] ?? '',
    (error: unknown) => {
      if (child.exitCode === null) child.kill('SIGTERM');
      throw error;
    },
  );

  return {
    url,
    process: child,
    output: () => output,
    waitForOutput,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Runs the start command expecting it to fail; resolves with its exit code and output. */
export function startExpectingFailure(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'scripts/start.mjs')], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}
