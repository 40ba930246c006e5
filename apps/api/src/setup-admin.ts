/**
 * `pnpm setup:admin`: the first run from the command line (DESIGN §7), for a server without a
 * browser at hand or for scripts. It asks for what the flags leave out (when run in a
 * terminal), then creates the bureau and the first administrator exactly as the console's
 * setup page does, through the same service.
 */
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { createDb, migrateDatabase } from '@jyxc/db';
import { ConfigError, loadEnv } from './env.js';
import { completeSetup, setupPending, type SetupInput } from './modules/setup/service.js';
import { setupFields } from './modules/setup/schemas.js';
import { ServiceError } from './shared/errors.js';

const USAGE = `用法 / usage: pnpm setup:admin [--county 县名] [--bureau 局名] [--username 用户名] [--name 姓名] [--password 密码]
  缺少的项在终端里逐项询问；非交互运行时须全部给出。
  Missing values are asked for in a terminal; a script must give them all.`;

const FIELDS = [
  { flag: 'county', key: 'countyName', prompt: '县（区）名称 / county', secret: false },
  { flag: 'bureau', key: 'bureauName', prompt: '教体局名称 / bureau', secret: false },
  { flag: 'username', key: 'username', prompt: '管理员用户名 / username', secret: false },
  { flag: 'name', key: 'name', prompt: '管理员姓名 / name', secret: false },
  { flag: 'password', key: 'password', prompt: '密码（至少 10 个字符）/ password', secret: true },
] as const;

class Fail extends Error {}

/** A terminal output that can stop echoing while a password is typed. */
class MutableOutput extends Writable {
  muted = false;
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    if (!this.muted) process.stdout.write(chunk);
    done();
  }
}

async function ask(missing: readonly (typeof FIELDS)[number][]): Promise<Record<string, string>> {
  const output = new MutableOutput();
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  // The prompt is written when the question is asked; what is typed after it is not echoed.
  const secretly = async (prompt: string): Promise<string> => {
    const answer = rl.question(prompt);
    output.muted = true;
    try {
      return await answer;
    } finally {
      output.muted = false;
      process.stdout.write('\n');
    }
  };
  const answers: Record<string, string> = {};
  try {
    for (const field of missing) {
      if (!field.secret) {
        answers[field.key] = await rl.question(`${field.prompt}: `);
        continue;
      }
      const first = await secretly(`${field.prompt}: `);
      if ((await secretly('再输入一次 / again: ')) !== first) {
        throw new Fail('两次输入的密码不一致 / the passwords differ');
      }
      answers[field.key] = first;
    }
  } finally {
    rl.close();
  }
  return answers;
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      options: {
        county: { type: 'string' },
        bureau: { type: 'string' },
        username: { type: 'string' },
        name: { type: 'string' },
        password: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (error) {
    throw new Fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  if (values.help === true) {
    console.log(USAGE);
    return;
  }
  const env = loadEnv();
  await migrateDatabase(env.databaseUrl);
  const db = createDb(env.databaseUrl);
  try {
    if (!(await setupPending(db))) {
      throw new Fail(
        '已有管理员，首次设置已完成；请在后台登录后管理人员 / an administrator already exists',
      );
    }
    const given: Record<string, string> = {};
    for (const field of FIELDS) {
      const value = values[field.flag];
      if (typeof value === 'string') given[field.key] = value;
    }
    const missing = FIELDS.filter((f) => given[f.key] === undefined);
    if (missing.length > 0) {
      if (!process.stdin.isTTY) {
        throw new Fail(`缺少 / missing: ${missing.map((f) => `--${f.flag}`).join(' ')}\n${USAGE}`);
      }
      Object.assign(given, await ask(missing));
    }
    const parsed = setupFields.safeParse(given);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = FIELDS.find((f) => f.key === issue?.path[0]);
      throw new Fail(`${field ? `--${field.flag}: ` : ''}${issue?.message ?? '输入不正确'}`);
    }
    const input: SetupInput = parsed.data;
    const result = await completeSetup({ db, now: new Date(), requestId: 'setup:admin' }, input);
    console.log(
      `已创建 ${result.bureau.name} 和管理员 ${result.admin.name}（${result.admin.username}）。` +
        `\nCreated ${result.bureau.name} and the administrator ${result.admin.username}; log in to the console now.`,
    );
  } finally {
    await db.$disconnect();
  }
}

try {
  await main();
} catch (error) {
  if (error instanceof Fail || error instanceof ConfigError) {
    console.error(`设置失败 / Setup failed: ${error.message}`);
  } else if (error instanceof ServiceError) {
    const path = (error.details as { path?: unknown } | undefined)?.path;
    const flag = FIELDS.find((f) => f.key === path)?.flag;
    console.error(`设置失败 / Setup failed: ${flag ? `--${flag}: ` : ''}${error.message}`);
  } else {
    console.error(
      `设置失败 / Setup failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  process.exitCode = 1;
}
