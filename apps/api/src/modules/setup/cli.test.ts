import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '@jyxc/db';
import { describe, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '../../setup-admin.ts');

/** Runs `pnpm setup:admin`'s script as a script would: no terminal, flags only. */
function setupAdmin(databaseUrl: string, ...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

describe('pnpm setup:admin (DESIGN §7)', () => {
  it('sets up an empty county from flags once, and says what is wrong otherwise', async () => {
    const url = `file:${join(mkdtempSync(join(tmpdir(), 'jyxc-cli-')), 'cli.db')}`;
    const flags = ['--county', '青山县', '--bureau', '青山县教育和体育局', '--name', '周管理'];

    const missing = setupAdmin(url, ...flags);
    expect(missing.code).toBe(1);
    expect(missing.out).toContain('--username --password');

    const weak = setupAdmin(url, ...flags, '--username', 'qs_admin', '--password', 'short');
    expect(weak.code).toBe(1);
    expect(weak.out).toContain('--password: 密码至少 10 个字符');

    const done = setupAdmin(url, ...flags, '--username', 'qs_admin', '--password', 'Qingshan-2026');
    expect(done.code).toBe(0);
    expect(done.out).toContain('已创建 青山县教育和体育局 和管理员 周管理（qs_admin）');

    const again = setupAdmin(url, ...flags, '--username', 'other', '--password', 'Qingshan-2027');
    expect(again.code).toBe(1);
    expect(again.out).toContain('已有管理员');

    const db = createDb(url);
    try {
      expect(await db.personRole.count({ where: { role: 'admin' } })).toBe(1);
      expect((await db.installation.findUniqueOrThrow({ where: { id: 1 } })).countyName).toBe(
        '青山县',
      );
    } finally {
      await db.$disconnect();
    }
  }, 120_000);
});
