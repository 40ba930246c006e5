import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { API_NODE_ARGS } from '../node-args.mjs';

describe('how the API is started', () => {
  it("the package's start script passes Node the flags that pnpm start and the benchmark use", () => {
    const manifest = JSON.parse(
      readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
    ) as { scripts: Record<string, string> };
    expect(manifest.scripts['start']).toBe(`node ${API_NODE_ARGS.join(' ')} src/main.ts`);
  });
});
