import { readFileSync } from 'node:fs';
import { defaultScheme, evaluate, formatError, validateCounty } from '@jyxc/domain';

/** Reads a CSV file (a header line, then rows; fields in "…" may hold commas) as plain rows. */
function readCsv(file: URL): Record<string, string>[] {
  const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const split = (line: string): string[] =>
    [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)]
      .slice(0, -1)
      .map(([, cell = '']) =>
        cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell,
      );
  const [header = [], ...rows] = lines.map(split);
  return rows.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
}

// One CSV file per table; the column names are the fields of the rows (rules §6.7).
const folder = new URL('./county/', import.meta.url);
const county = validateCounty({
  units: readCsv(new URL('units.csv', folder)),
  people: readCsv(new URL('people.csv', folder)),
  items: readCsv(new URL('items.csv', folder)),
  adoptions: readCsv(new URL('adoptions.csv', folder)),
});
if (!county.ok) {
  // Every problem at once, with its row and field: 稿件表第 3 行：eventAt 应为…
  for (const problem of county.error) console.log(problem.path, formatError(problem, 'zh-CN'));
  process.exit(1);
}

const evaluation = evaluate({
  scheme: defaultScheme(2026),
  period: { year: 2026, kind: 'H1' },
  ...county.value,
});
for (const u of evaluation.units) {
  console.log(
    `${u.rank ?? '-'} ${u.name} ${u.score} 分 报送 ${u.submitted} 采用 ${u.adopted} ${u.status}`,
  );
}
for (const o of evaluation.officers) console.log(`信息员 ${o.rank} ${o.name} ${o.score} 分`);
