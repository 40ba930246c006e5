#!/usr/bin/env node
// Runs the product as the README's first command promises: builds what is not built yet
// (turbo's cache makes this a second when nothing changed), then starts the API, which
// migrates the database, seeds the demo county when it is empty and serves the console.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { API_NODE_ARGS } from '../apps/api/node-args.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Node ${process.versions.node} is too old: install Node 20.19 or newer.`);
  process.exit(1);
}
if (!existsSync(join(root, 'node_modules', '.bin', 'turbo'))) {
  console.error('Dependencies are not installed: run `npx -y pnpm@10.34.9 install` first.');
  process.exit(1);
}

const build = spawnSync(
  join(root, 'node_modules', '.bin', 'turbo'),
  [
    'run',
    'build',
    '--filter=@jyxc/api...',
    '--filter=@jyxc/admin...',
    '--filter=@jyxc/mobile...',
    '--filter=@jyxc/bot...',
    '--output-logs=errors-only',
  ],
  { cwd: root, stdio: 'inherit', env: { TURBO_TELEMETRY_DISABLED: '1', ...process.env } },
);
if (build.status !== 0) {
  console.error('The build failed (see above); nothing was started.');
  process.exit(build.status ?? 1);
}

const env = { NODE_ENV: 'production', ...process.env };
// The bot reaches the API with a shared service token; when both start here and none is set,
// one random token for this run is enough (nobody else needs to know it).
if (env.TELEGRAM_BOT_TOKEN && !env.BOT_SERVICE_TOKEN)
  env.BOT_SERVICE_TOKEN = randomBytes(32).toString('hex');
const children = [];
function run(cwd, entry, nodeArgs = ['--import', 'tsx']) {
  const child = spawn(process.execPath, [...nodeArgs, entry], {
    cwd: join(root, cwd),
    stdio: 'inherit',
    env,
  });
  children.push(child);
  child.on('exit', (code, signal) => {
    for (const other of children)
      if (other !== child && other.exitCode === null) other.kill('SIGTERM');
    process.exitCode = code ?? (signal ? 1 : 0);
  });
  return child;
}

// Long polling (the default): the bot is a process of its own beside the API. Webhook mode:
// one process serves the API, the console and the webhook on the API's port (DESIGN §5), and
// runs as the API does.
if (env.TELEGRAM_BOT_TOKEN && env.BOT_MODE === 'webhook') {
  run('apps/bot', 'src/serve.ts', API_NODE_ARGS);
} else {
  run('apps/api', 'src/main.ts', API_NODE_ARGS);
  if (env.TELEGRAM_BOT_TOKEN) run('apps/bot', 'src/main.ts');
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) if (child.exitCode === null) child.kill(signal);
  });
}
