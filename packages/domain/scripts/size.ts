/**
 * The sizes a developer pays for: the packed tarball, and the gzip JavaScript of `evaluate`
 * alone in a browser bundle (esbuild, minified, tree-shaken from the built package).
 * Run `pnpm --filter @jyxc/domain build` first.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

async function bundled(names: readonly string[]): Promise<{ raw: number; gzip: number }> {
  const result = await build({
    stdin: {
      contents: `export { ${names.join(', ')} } from '@jyxc/domain';`,
      resolveDir: packageDir,
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { raw: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

const out = mkdtempSync(join(tmpdir(), 'jyxc-domain-size-'));
try {
  const packed = spawnSync('pnpm', ['pack', '--pack-destination', out], { cwd: packageDir });
  if (packed.status !== 0) throw new Error(String(packed.stderr));
  const tarball = readdirSync(out).find((f) => f.endsWith('.tgz')) ?? '';
  console.log(`tarball: ${kB(statSync(join(out, tarball)).size)} (${tarball})`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
const evaluate = await bundled(['evaluate']);
console.log(`evaluate alone: ${kB(evaluate.gzip)} gzip (${kB(evaluate.raw)} minified)`);
const withRows = await bundled(['evaluate', 'validateCounty', 'formatStatusReason']);
console.log(`evaluate with validateCounty and formatStatusReason: ${kB(withRows.gzip)} gzip`);
