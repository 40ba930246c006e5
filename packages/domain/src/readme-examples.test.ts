import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';

const read = (path: string): string => readFileSync(new URL(path, import.meta.url), 'utf8');
const readme = read('../README.md');

/** The README's examples: each code block marked `<!-- example: examples/x.ts -->`, and what it prints. */
const examples = [
  ...readme.matchAll(
    /<!-- example: (examples\/[\w-]+\.ts) -->\n\n```ts\n([\s\S]*?)```(?:\n\nIt prints:\n\n```\n([\s\S]*?)```)?/g,
  ),
].map(([, file = '', code = '', prints]) => ({ file, code, prints }));

describe('the README examples', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('are every file of examples/, one per section of the API', () => {
    const files = readdirSync(new URL('../examples/', import.meta.url)).filter((f) =>
      f.endsWith('.ts'),
    );
    expect(examples.map((e) => e.file).sort()).toEqual(files.map((f) => `examples/${f}`).sort());
    expect(examples.length).toBeGreaterThanOrEqual(10);
  });

  it.each(examples)('$file is the code shown in the README', ({ file, code }) => {
    expect(code).toBe(read(`../${file}`));
  });

  it.each(examples)('$file runs and prints what the README shows', async ({ file, prints }) => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    });
    // A pattern with its folder and extension, which the bundler of the tests can follow.
    await import(`../examples/${file.slice('examples/'.length, -'.ts'.length)}.ts`);
    expect(prints, `${file} shows what it prints`).toBeDefined();
    expect(lines.join('\n')).toBe((prints ?? '').trimEnd());
  });
});
