import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  RESPONSES_FILE,
  responseSchemas,
  responsesFile,
  responsesText,
} from '../../scripts/response-schemas.js';

describe('the success schemas of the OpenAPI document', () => {
  it(
    'are the routes’ answer types as they are now (pnpm --filter @jyxc/api openapi:responses)',
    () => {
      const { schemas, problems } = responseSchemas();
      // Every answer has a JSON form the schema can say: no untyped or self-describing type.
      expect(problems).toEqual([]);
      expect(readFileSync(RESPONSES_FILE, 'utf8')).toBe(responsesText(responsesFile(schemas)));
    },
    // Reading the API's types is a whole type check of the package.
    300_000,
  );
});
