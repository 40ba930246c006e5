import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsx = join(packageDir, 'node_modules', '.bin', 'tsx');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the migrate command as the package scripts do, with only the given variables set. */
function migrate(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      tsx,
      ['scripts/migrate.ts', ...args],
      { cwd: packageDir, env: { PATH: process.env['PATH'] ?? '', ...env } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jyxc-migrate-cli-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Stack frames look like `    at fn (file:line:col)`. */
const STACK_FRAME = /^\s+at /m;

describe('the migrate command', { timeout: 120_000 }, () => {
  it('applies pending migrations to DATABASE_URL, then finds nothing to do', async () => {
    const env = { DATABASE_URL: `file:${join(dir, 'apply.db')}` };

    const first = await migrate(['apply'], env);
    const second = await migrate(['apply'], env);

    expect(first).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^sqlite: applied \d{14}_init/),
    });
    expect(second).toMatchObject({ code: 0, stdout: expect.stringContaining('up to date') });
  });

  it('checks a given database and exits 0 when it agrees with the migrations', async () => {
    const url = `file:${join(dir, 'checked.db')}`;
    await migrate(['apply'], { DATABASE_URL: url });

    const run = await migrate(['check', url]);

    expect(run).toMatchObject({ code: 0, stdout: expect.stringContaining('✓ sqlite') });
  });

  it('exits non-zero and names the problem when the database was never migrated', async () => {
    const file = join(dir, 'empty.db');
    await writeFile(file, '');

    const run = await migrate(['check', `file:${file}`]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('[MIGRATIONS.NOT_MIGRATED]');
  });

  it('refuses a bad URL in one line, without a stack trace', async () => {
    const run = await migrate(['apply'], { DATABASE_URL: 'mysql://localhost/jyxc' });

    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^migrate: DATABASE_URL must be file:… .* or postgresql:\/\//);
  });

  it('reports an unreachable database in one line, without a stack trace', async () => {
    const run = await migrate(['apply'], {
      DATABASE_URL: 'postgresql://postgres:pw@127.0.0.1:1/jyxc',
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^migrate: Cannot connect to PostgreSQL at postgresql:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/jyxc/,
    );
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it('shows the usage for an unknown command', async () => {
    const run = await migrate(['migrate-everything']);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('unknown command "migrate-everything"');
    expect(run.stderr).toContain('migrate create <name>');
  });
});
