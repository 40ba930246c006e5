// Before `pnpm pack` or a publish: build dist/ afresh (no file of a removed module may linger)
// and copy the rules the package cites, docs/rules.md at the repository's root, into it.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const at = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

rmSync(at('../dist'), { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const built = spawnSync(process.execPath, [tsc, '-p', at('../tsconfig.build.json')], {
  stdio: 'inherit',
});
if (built.status !== 0) process.exit(built.status ?? 1);
mkdirSync(at('../docs'), { recursive: true });
copyFileSync(at('../../../docs/rules.md'), at('../docs/rules.md'));
