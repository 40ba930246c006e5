// Prints the suite's closing table from the figures each part recorded for this run's
// database (artifacts/reliability/<sqlite|postgresql>.json), and the other database's last
// figures when present, so that one table answers "did anything get lost, leak or break".
import { lane, readResults, resultsFile, type Results } from './support/results.js';

const ORDER = [
  'crash safety',
  'access control',
  'bad input',
  'concurrency',
  'security',
  'hardening',
  'backup and restore',
  'load',
];

function cell(value: string | number | undefined): string {
  return value === undefined
    ? '—'
    : typeof value === 'number'
      ? value.toLocaleString('en-US')
      : value;
}

function table(name: string, results: Results): string {
  const header = [
    'part',
    'load held',
    'faults survived',
    'bad inputs tried',
    'unexpected responses',
    'records lost',
    'checks',
  ];
  const rows = Object.entries(results)
    .sort(([a], [b]) => ORDER.indexOf(a) - ORDER.indexOf(b))
    .map(([part, f]) => [
      part,
      cell(f.loadHeld),
      cell(f.faultsSurvived),
      cell(f.badInputsTried),
      cell(f.unexpectedResponses),
      cell(f.recordsLost),
      cell(f.checks),
    ]);
  const sum = (pick: (f: Results[string]) => number | undefined) =>
    Object.values(results).reduce((total, f) => total + (pick(f) ?? 0), 0);
  rows.push([
    'total',
    '',
    cell(sum((f) => f.faultsSurvived)),
    cell(sum((f) => f.badInputsTried)),
    cell(sum((f) => f.unexpectedResponses)),
    cell(sum((f) => f.recordsLost)),
    cell(sum((f) => f.checks)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) =>
    `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [
    `Reliability summary — ${name}`,
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

const current = lane();
const lanes =
  current === 'sqlite' ? (['sqlite', 'postgresql'] as const) : (['postgresql', 'sqlite'] as const);
for (const which of lanes) {
  const results = readResults(which);
  if (Object.keys(results).length === 0) continue;
  console.log('');
  console.log(
    table(
      `${which}${which === current ? ' (this run)' : ' (last run)'} — ${resultsFile(which)}`,
      results,
    ),
  );
}
