// Before `pnpm pack` or a publish: build dist/, remove any file of it this build did not write
// (a module deleted since an earlier build must not ship), and copy in the rules the package
// cites, docs/rules.md at the repository's root. dist/ is rebuilt in place rather than deleted
// first, so that a test of another package reading it meanwhile never finds it missing.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const at = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const dist = at('../dist');

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const built = spawnSync(
  process.execPath,
  [tsc, '-p', at('../tsconfig.build.json'), '--listEmittedFiles'],
  { encoding: 'utf8' },
);
if (built.status !== 0) {
  process.stderr.write(built.stdout + built.stderr);
  process.exit(built.status ?? 1);
}
const emitted = new Set(
  built.stdout
    .split('\n')
    .filter((line) => line.startsWith('TSFILE: '))
    .map((line) => resolve(line.slice('TSFILE: '.length).trim())),
);

function removeStale(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) removeStale(path);
    else if (!emitted.has(path)) rmSync(path);
  }
}
removeStale(dist);

mkdirSync(at('../docs'), { recursive: true });
copyFileSync(at('../../../docs/rules.md'), at('../docs/rules.md'));
