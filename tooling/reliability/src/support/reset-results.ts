import { rmSync } from 'node:fs';
import { resultsFile } from './results.js';

/** Each run starts its database's table afresh, so that no figure is left over from an earlier run. */
export default function setup(): void {
  rmSync(resultsFile(), { force: true });
}
