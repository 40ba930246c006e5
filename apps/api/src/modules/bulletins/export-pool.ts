/** Bulletin files rendered off the main thread, a bounded number at a time. */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { BulletinDocument } from './document.js';
import type { ExportTask } from './export-worker.js';

/**
 * Threads that render at once: one core is left to the event loop that answers everyone else.
 * Further tasks wait in the pool's queue.
 */
export const EXPORT_THREADS = Math.max(1, Math.min(2, availableParallelism() - 1));

// The worker is the sibling file with this module's own extension: .ts under tsx (the
// worker loads tsx too, whichever runner started the process), .js once built.
const here = fileURLToPath(import.meta.url);
const worker = new URL(`./export-worker${extname(here)}`, import.meta.url);
const typescript = extname(here) === '.ts';

/** tsx's loader by its file URL, so that it resolves from any working directory. */
function tsxLoader(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
}

let pool: Piscina<ExportTask, Uint8Array> | undefined;

function exportPool(): Piscina<ExportTask, Uint8Array> {
  pool ??= new Piscina<ExportTask, Uint8Array>({
    filename: worker.href,
    minThreads: 0,
    maxThreads: EXPORT_THREADS,
    // Idle threads end, so that a process that exported once does not keep them.
    idleTimeout: 30_000,
    ...(typescript ? { execArgv: ['--import', tsxLoader()] } : {}),
  });
  return pool;
}

/** Renders `doc` as a .docx or .xlsx file in the export pool. */
export function renderExport(format: 'docx' | 'xlsx', doc: BulletinDocument): Promise<Uint8Array> {
  return exportPool().run({ format, doc });
}

/** Ends the pool's threads (process shutdown, tests). */
export async function closeExportPool(): Promise<void> {
  const current = pool;
  pool = undefined;
  await current?.destroy();
}
