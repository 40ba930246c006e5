/**
 * The package as a developer outside this repository gets it: packed with `pnpm pack`,
 * installed from the tarball into a scratch project in a temporary folder, and used from there.
 * Every example of the README (the recipes: a county from CSV and JSON, a customised scheme,
 * the workflow, an incident, the campaign, …) is taken from the installed README, compiled by
 * TypeScript under `moduleResolution` `nodenext` and `bundler`, run with Node, and must print
 * what the README says. publint and arethetypeswrong check the tarball.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
/** A tool of the workspace, by its command name. */
const bin = (name: string): string => join(packageDir, 'node_modules', '.bin', name);
/** Where the workspace keeps `@types/node`, for the examples that read files. */
const typeRoots = join(packageDir, 'node_modules', '@types');

let scratch = '';
let tarball = '';
const installed = (): string => join(scratch, 'node_modules', '@jyxc', 'domain');

/** The README's examples as installed: each marked block, and what it prints. */
function readmeExamples(): { name: string; code: string; prints: string }[] {
  const readme = readFileSync(join(installed(), 'README.md'), 'utf8');
  return [
    ...readme.matchAll(
      /<!-- example: examples\/([\w-]+)\.ts -->\n\n```ts\n([\s\S]*?)```\n\nIt prints:\n\n```\n([\s\S]*?)```/g,
    ),
  ].map(([, name = '', code = '', prints = '']) => ({ name, code, prints }));
}

function run(command: string, args: readonly string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'jyxc-domain-scratch-'));
  // `pnpm pack` runs the package's prepack: a fresh build and the rules document.
  run('pnpm', ['pack', '--pack-destination', scratch], packageDir);
  const packed = readdirSync(scratch).find((f) => f.endsWith('.tgz'));
  if (packed === undefined) throw new Error('pnpm pack wrote no tarball');
  tarball = join(scratch, packed);
  writeFileSync(
    join(scratch, 'package.json'),
    JSON.stringify({ name: 'scratch', private: true, type: 'module' }),
  );
  // The package has no dependencies: installing the tarball needs no registry.
  run(
    'npm',
    ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball],
    scratch,
  );
}, 120_000);

afterAll(() => {
  if (scratch !== '') rmSync(scratch, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('holds the build, the types, the schemas, the examples, the rules and the licence', () => {
    const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).split('\n');
    for (const file of [
      'package/dist/index.js',
      'package/dist/index.d.ts',
      'package/schemas/item-row.schema.json',
      'package/examples/evaluate-csv.ts',
      'package/examples/county/items.csv',
      'package/docs/rules.md',
      'package/README.md',
      'package/CHANGELOG.md',
      'package/PERFORMANCE.md',
      'package/LICENSE',
    ]) {
      expect(files, file).toContain(file);
    }
    // No sources, no tests, and so no maps that would point at them.
    expect(files.filter((f) => /\.map$|\.test\.|\/src\//.test(f))).toEqual([]);
    expect(readFileSync(join(installed(), 'docs', 'rules.md'), 'utf8')).toBe(
      readFileSync(join(packageDir, '..', '..', 'docs', 'rules.md'), 'utf8'),
    );
  });

  it('names no workspace or catalog range and depends on nothing', () => {
    const text = readFileSync(join(installed(), 'package.json'), 'utf8');
    expect(text).not.toMatch(/workspace:|catalog:/);
    const manifest = JSON.parse(text) as Record<string, unknown>;
    expect(manifest['dependencies']).toBeUndefined();
    expect(manifest['peerDependencies']).toBeUndefined();
    expect(manifest['license']).toBe('MIT');
    expect(manifest['repository']).toMatchObject({ directory: 'packages/domain' });
  });

  it('passes publint', () => {
    const out = run(bin('publint'), [tarball], scratch);
    expect(out).toContain('All good!');
  }, 30_000);

  it('passes arethetypeswrong as an ESM-only package', () => {
    run(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'table-flipped'], scratch);
  }, 60_000);

  it('has an example in the README for every recipe, each printing its output', () => {
    const names = readmeExamples().map((e) => e.name);
    for (const recipe of [
      'readme-example',
      'evaluate-csv',
      'evaluate-json',
      'customise-scheme',
      'workflow',
      'incident',
      'campaign',
    ]) {
      expect(names).toContain(recipe);
    }
  });

  it.each(['nodenext', 'bundler'] as const)(
    'compiles every README example under moduleResolution %s, and each prints what the README shows',
    (resolution) => {
      const project = join(scratch, resolution);
      const examples = readmeExamples();
      for (const { name, code } of examples) {
        cpSync(join(installed(), 'examples', 'county'), join(project, 'src', 'county'), {
          recursive: true,
        });
        writeFileSync(join(project, 'src', `${name}.ts`), code, { flag: 'w' });
      }
      writeFileSync(
        join(project, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            lib: ['ES2023'],
            module: resolution === 'nodenext' ? 'NodeNext' : 'ESNext',
            moduleResolution: resolution === 'nodenext' ? 'NodeNext' : 'Bundler',
            strict: true,
            noUncheckedIndexedAccess: true,
            exactOptionalPropertyTypes: true,
            verbatimModuleSyntax: true,
            // Nothing may be skipped: the package's own declarations are checked too.
            skipLibCheck: false,
            types: ['node'],
            typeRoots: [typeRoots],
            rootDir: 'src',
            outDir: 'out',
          },
          include: ['src'],
        }),
      );
      writeFileSync(join(project, 'package.json'), JSON.stringify({ type: 'module' }));
      run(process.execPath, [tsc, '-p', project], scratch);
      cpSync(join(project, 'src', 'county'), join(project, 'out', 'county'), { recursive: true });
      for (const { name, prints } of examples) {
        // Run from the scratch project, so that '@jyxc/domain' is the installed tarball.
        const out = run(process.execPath, [join(project, 'out', `${name}.js`)], scratch);
        expect(out.trimEnd(), name).toBe(prints.trimEnd());
      }
    },
    60_000,
  );
});
