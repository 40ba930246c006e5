import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '@jyxc/db';
import { afterAll, describe, expect, it } from 'vitest';
import { apiProcess, type ApiProcess } from './support/api-process.js';
import { idOf, loginOver } from './support/client.js';
import { freshDatabase } from './support/database.js';
import { recordPart, REPO_ROOT } from './support/results.js';

/** Runs a root script as a person would (`pnpm db:backup <file>`), with the product's settings. */
function pnpm(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn('pnpm', ['--silent', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => done({ code, output }));
  });
}

describe('backup and restore of the SQLite database while writes continue', () => {
  let api: ApiProcess | undefined;
  let checks = 0;
  let lost = 0;
  let unexpected = 0;

  afterAll(async () => {
    await api?.stop();
    recordPart('backup and restore', {
      scope: 'online backup during writes, restore refused while running, restore',
      checks,
      recordsLost: lost,
      unexpectedResponses: unexpected,
    });
  });

  it('restores every write acknowledged before the backup began', async () => {
    const { url, db: setup } = await freshDatabase();
    await setup.$disconnect();
    api = await apiProcess(url);
    const running = api;
    const env = { DATABASE_URL: url, PORT: String(running.port), HOST: '127.0.0.1' };
    const officer = await loginOver(() => running.url, 'cg_xxy');

    const acknowledged: { id: string; at: number }[] = [];
    let writing = true;
    let n = 0;
    const writers = Array.from({ length: 4 }, async () => {
      while (writing) {
        const answer = await officer.call('POST', '/api/submissions', {
          title: `备份期间写入 ${(n += 1)}`,
          body: '备份进行时仍在写入。',
          category: 'news',
          eventAt: new Date().toISOString(),
        });
        if (answer.status === 201) acknowledged.push({ id: idOf(answer.body), at: Date.now() });
        else unexpected += 1;
      }
    });
    // Let writes flow, then back up while they go on.
    await new Promise((wait) => setTimeout(wait, 3_000));
    const file = join(mkdtempSync(join(tmpdir(), 'jyxc-backup-')), 'jyxc-backup.db');
    const began = Date.now();
    const beforeBackup = acknowledged.filter((a) => a.at < began).map((a) => a.id);
    const backup = await pnpm(['db:backup', file], env);
    const duringBackup = acknowledged.length - beforeBackup.length;
    await new Promise((wait) => setTimeout(wait, 1_000));
    writing = false;
    await Promise.all(writers);
    expect(backup.output).toContain('backup written');
    expect(backup.code).toBe(0);
    expect(beforeBackup.length).toBeGreaterThan(20);
    expect(duringBackup).toBeGreaterThan(0);

    // Restoring under a running API is refused unless forced.
    const refused = await pnpm(['db:restore', file], env);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain('the API is running');

    await running.stop();
    const restored = await pnpm(['db:restore', file], env);
    expect(restored.output).toContain('restored');
    expect(restored.code).toBe(0);

    const db = createDb(url);
    const found = await db.submission.findMany({
      where: { id: { in: beforeBackup } },
      select: { id: true, _count: { select: { revisions: true } } },
    });
    await db.$disconnect();
    checks = beforeBackup.length;
    lost = beforeBackup.length - found.length;
    expect(lost).toBe(0);
    expect(found.every((s) => s._count.revisions > 0)).toBe(true);

    // The product starts on the restored database.
    await running.start();
    const health = await fetch(`${running.url}/api/health`);
    expect(health.status).toBe(200);
  });
});
