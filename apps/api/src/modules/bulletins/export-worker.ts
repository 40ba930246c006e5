/**
 * Runs in a worker thread of the export pool (export-pool.ts): renders a bulletin's document
 * model as a file. Rendering a year's .docx takes long enough to stall every other request if
 * done on the main thread.
 */
import type { BulletinDocument } from './document.js';
import { bulletinDocx } from './docx.js';
import { bulletinXlsx } from './xlsx.js';

export interface ExportTask {
  readonly format: 'docx' | 'xlsx';
  readonly doc: BulletinDocument;
}

export default async function render(task: ExportTask): Promise<Uint8Array> {
  const bytes =
    task.format === 'docx' ? await bulletinDocx(task.doc) : await bulletinXlsx(task.doc);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
