import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const rulesDoc = readFileSync(new URL('../../../docs/rules.md', import.meta.url), 'utf8');

/** The sections of docs/rules.md: `1`, `1.1`, … from its `## §1` and `### §1.1` headings. */
const sections = new Set(
  [...rulesDoc.matchAll(/^#{2,3} §(\d+(?:\.\d+)?) /gm)].map((m) => m[1] as string),
);

/** The package's own text files: sources, tests, examples, scripts, the bench and the docs. */
function packageFiles(dir = packageDir): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    if (['node_modules', 'dist', 'coverage', 'docs'].includes(name) || name.startsWith('.'))
      continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...packageFiles(path));
    else if (/\.(ts|md|json)$/.test(name)) files.push(path);
  }
  return files;
}

/** Every section a citation such as `rules §3.2–3.4` or `rules §5–§6, §9.1` names. */
function cited(citation: string): string[] {
  const out: string[] = [];
  for (const part of citation.split(/,\s*/)) {
    const [from, to] = part.replace(/§/g, '').split('–') as [string, string | undefined];
    out.push(from);
    if (to === undefined) continue;
    const [major, minor] = from.split('.');
    const [toMajor, toMinor] = to.includes('.') ? to.split('.') : [to, undefined];
    if (minor !== undefined && toMinor !== undefined && major === toMajor) {
      for (let m = Number(minor) + 1; m <= Number(toMinor); m++) out.push(`${major}.${m}`);
    } else {
      for (let m = Number(major) + 1; m <= Number(toMajor); m++) out.push(String(m));
    }
  }
  return out;
}

describe('docs/rules.md, the rules the package cites', () => {
  it('has numbered sections §1 to §9', () => {
    for (let n = 1; n <= 9; n++) expect(sections.has(String(n)), `§${n}`).toBe(true);
    expect(sections.size).toBeGreaterThan(50);
  });

  it('has every section the package cites', () => {
    const missing: string[] = [];
    let citations = 0;
    for (const file of packageFiles()) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(
        /rules (§\d+(?:\.\d+)?(?:–§?\d+(?:\.\d+)?)?(?:, §\d+(?:\.\d+)?)*)/g,
      )) {
        citations++;
        for (const section of cited(match[1] as string)) {
          if (!sections.has(section)) missing.push(`${file.slice(packageDir.length)}: §${section}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(citations).toBeGreaterThan(100);
  });

  it('replaces every citation of the design document, which the package does not ship', () => {
    // Spelled in two parts so that this file does not cite it itself.
    const design = new RegExp(['DESIGN', '§'].join(' '));
    const stale = packageFiles().filter((file) => design.test(readFileSync(file, 'utf8')));
    expect(stale.map((file) => file.slice(packageDir.length))).toEqual([]);
  });
});
