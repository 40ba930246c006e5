/**
 * Runs in a worker thread of the export pool (export-pool.ts): renders a bulletin's document
 * model as a file. Rendering a year's .docx takes long enough to stall every other request if
 * done on the main thread.
 */
import { getPriority, setPriority } from 'node:os';
import type { BulletinDocument } from './document.js';
import { bulletinDocx } from './docx.js';
import { bulletinXlsx } from './xlsx.js';

/**
 * How much nicer a rendering thread is than the process: on a busy server the main thread,
 * which answers everyone else, goes first, and a file takes the CPU time left over (issue 18:
 * other users' p99 while exports run). On Linux a nice value belongs to one thread, and `0`
 * names the calling one; elsewhere it would lower the whole process, so it is left as it is.
 */
export const RENDER_NICENESS = 10;
/** The highest nice value there is (the lowest priority). */
const NICEST = 19;
let lowered = false;

export interface ExportTask {
  readonly format: 'docx' | 'xlsx';
  readonly doc: BulletinDocument;
}

export default async function render(task: ExportTask): Promise<Uint8Array> {
  // On the first task rather than on import: only the pool's threads run tasks.
  if (!lowered && process.platform === 'linux') {
    setPriority(0, Math.min(NICEST, getPriority(0) + RENDER_NICENESS));
  }
  lowered = true;
  const bytes =
    task.format === 'docx' ? await bulletinDocx(task.doc) : await bulletinXlsx(task.doc);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
