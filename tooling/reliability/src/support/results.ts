import { mkdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');
export const RESULTS_DIR = join(REPO_ROOT, 'artifacts/reliability');

/** Which database this run is on: the PostgreSQL lane sets TEST_POSTGRES_URL. */
export function lane(): 'sqlite' | 'postgresql' {
  return process.env.TEST_POSTGRES_URL ? 'postgresql' : 'sqlite';
}

/** The figures one part of the suite contributes to the closing table. */
export interface PartFigures {
  /** What the part proved, in a few words ("1,000 writes, 6 kills"). */
  readonly scope: string;
  readonly loadHeld?: string;
  readonly faultsSurvived?: number;
  readonly badInputsTried?: number;
  readonly unexpectedResponses: number;
  readonly recordsLost?: number;
  /** Requests or checks made. */
  readonly checks: number;
}

export type Results = Record<string, PartFigures & { readonly at: string }>;

export function resultsFile(which: 'sqlite' | 'postgresql' = lane()): string {
  return join(RESULTS_DIR, `${which}.json`);
}

export function readResults(which: 'sqlite' | 'postgresql' = lane()): Results {
  const file = resultsFile(which);
  if (!existsSync(file)) return {};
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  // The file is written only by recordPart below, in this shape.
  return parsed as Results;
}

/** Files run one after another (fileParallelism: false), so read-merge-write is safe. */
export function recordPart(part: string, figures: PartFigures): void {
  const file = resultsFile();
  mkdirSync(dirname(file), { recursive: true });
  const results = readResults();
  results[part] = { ...figures, at: new Date().toISOString() };
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}
