import { readFileSync } from 'node:fs';
import { defaultScheme, evaluate, validateCounty } from '@jyxc/domain';

// The same county as one JSON document: { units, people, items, adoptions }, each a list of rows.
const rows: unknown = JSON.parse(
  readFileSync(new URL('./county/county.json', import.meta.url), 'utf8'),
);
const tables = typeof rows === 'object' && rows !== null ? rows : {};
const county = validateCounty({
  units: 'units' in tables ? tables.units : undefined,
  people: 'people' in tables ? tables.people : undefined,
  items: 'items' in tables ? tables.items : undefined,
  adoptions: 'adoptions' in tables ? tables.adoptions : undefined,
});
if (!county.ok) throw new Error(county.error.map((e) => e.message).join('\n'));

const evaluation = evaluate({
  scheme: defaultScheme(2026),
  period: { year: 2026, kind: 'Y' },
  ...county.value,
});
const first = evaluation.units[0];
console.log(`${evaluation.period.year} 全年第一名：${first?.name}，${first?.score} 分`);
