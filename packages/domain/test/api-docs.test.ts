/**
 * The API reference in docs/api/ is generated from the doc comments by TypeDoc
 * (`pnpm --filter @jyxc/domain docs`). It cannot go stale: this test generates it afresh and
 * requires the same files. And every function a user calls has an example in its doc comment.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const committed = join(packageDir, '..', '..', 'docs', 'api');
const fresh = mkdtempSync(join(tmpdir(), 'jyxc-domain-api-'));

afterAll(() => {
  rmSync(fresh, { recursive: true, force: true });
});

/** Every file under a folder, by its path relative to it, with its text. */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string): void => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

/**
 * Exported functions that are building blocks of the rules rather than calls a user makes:
 * they are documented, and the functions that use them carry the examples.
 */
const BUILDING_BLOCKS = new Set([
  'adoptionPoints',
  'beats',
  'buildSnapshot',
  'chainLinkAbove',
  'chainLinkHolders',
  'chainLinkOf',
  'changedFields',
  'compareForRanking',
  'countedCredits',
  'domainError',
  'evaluateByRules',
  'formatScoreTerms',
  'incidentDeadlinesFrom',
  'instructionPoints',
  'isAuthor',
  'isUnitReviewStaff',
  'levelRank',
  'quickReportContent',
  'sentences',
  'splitQuickReport',
]);

describe('the API reference', () => {
  it('is what TypeDoc generates from the doc comments now', () => {
    const typedoc = join(packageDir, 'node_modules', '.bin', 'typedoc');
    const run = spawnSync(typedoc, ['--out', fresh, '--logLevel', 'Warn'], {
      cwd: packageDir,
      encoding: 'utf8',
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const expected = tree(fresh);
    const actual = tree(committed);
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [file, text] of expected) {
      expect(
        actual.get(file),
        `docs/api/${file} is stale: run pnpm --filter @jyxc/domain docs`,
      ).toBe(text);
    }
  }, 60_000);

  it('shows an example for every function a user calls', () => {
    const program = ts.createProgram([join(packageDir, 'src', 'index.ts')], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
    });
    const checker = program.getTypeChecker();
    const index = program.getSourceFile(join(packageDir, 'src', 'index.ts'));
    const module = index === undefined ? undefined : checker.getSymbolAtLocation(index);
    if (module === undefined) throw new Error('src/index.ts has no module symbol');
    const withoutExample: string[] = [];
    let callable = 0;
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol =
        exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const declarations = (symbol.declarations ?? []).filter(
        (d) => ts.isFunctionDeclaration(d) || ts.isClassDeclaration(d),
      );
      if (declarations.length === 0 || BUILDING_BLOCKS.has(exported.name)) continue;
      callable++;
      const hasExample = declarations.some((d) =>
        ts.getJSDocTags(d).some((tag) => tag.tagName.text === 'example'),
      );
      if (!hasExample) withoutExample.push(exported.name);
    }
    expect(withoutExample).toEqual([]);
    expect(callable).toBeGreaterThan(100);
  });
});
