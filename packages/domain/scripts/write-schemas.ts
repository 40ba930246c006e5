/**
 * Writes the row schemas of `src/row-schemas.ts` to `schemas/*.schema.json`, the files the
 * package ships. A test fails when the files and the module disagree.
 */
import { writeFileSync } from 'node:fs';
import { ROW_SCHEMAS } from '../src/row-schemas.js';

for (const [name, schema] of Object.entries(ROW_SCHEMAS)) {
  const file = new URL(`../schemas/${name}.schema.json`, import.meta.url);
  writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote schemas/${name}.schema.json`);
}
