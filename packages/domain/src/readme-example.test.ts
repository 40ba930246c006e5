import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';

const read = (path: string): string => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('the README example', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('is the code of examples/readme-example.ts, importing the published package', () => {
    const readme = read('../README.md');
    const block = /## A worked example[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    const example = read('../examples/readme-example.ts').replace(
      "'../src/index.js'",
      "'@jyxc/domain'",
    );
    expect(block).toBe(example);
  });

  it('runs and prints the ranking shown in the README', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => {
      lines.push(String(line));
    });
    await import('../examples/readme-example.js');
    const shown = /It prints:\n\n```\n([\s\S]*?)```/.exec(read('../README.md'))?.[1] ?? '';
    expect(lines).toEqual(shown.trimEnd().split('\n'));
    expect(lines[0]).toBe('1 城关镇中心校 8.2 分 criticised (未完成任务：报送 1/12，采用 1/6)');
  });
});
