import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** A page of the console and the most JavaScript (gzip) its first load may fetch. */
export interface SizeTarget {
  readonly name: string;
  /** Modules whose chunks the page loads besides the entry (its route components). */
  readonly modules: readonly string[];
  readonly maxGzipBytes: number;
}

interface ChunkInfo {
  readonly code: string;
  readonly imports: readonly string[];
  readonly moduleIds: readonly string[];
  readonly isEntry: boolean;
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

/** The chunks a set of starting chunks loads before running: themselves and their static imports. */
function closure(start: readonly string[], chunks: ReadonlyMap<string, ChunkInfo>): Set<string> {
  const seen = new Set<string>();
  const stack = [...start];
  while (stack.length > 0) {
    const file = stack.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const next of chunks.get(file)?.imports ?? []) stack.push(next);
  }
  return seen;
}

/**
 * Prints, after every build, the gzip size of the JavaScript that the login page and the
 * dashboard load on a first visit, and fails the build when a page is over its target.
 */
export function sizeReport(targets: readonly SizeTarget[]): Plugin {
  return {
    name: 'jyxc-size-report',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map<string, ChunkInfo>();
      for (const [file, output] of Object.entries(bundle)) {
        if (output.type !== 'chunk') continue;
        chunks.set(file, {
          code: output.code,
          imports: output.imports,
          moduleIds: output.moduleIds,
          isEntry: output.isEntry,
        });
      }
      const entries = [...chunks].filter(([, c]) => c.isEntry).map(([file]) => file);
      const over: string[] = [];
      const lines = ['', 'JavaScript loaded on a first visit (gzip):'];
      for (const target of targets) {
        const starts = [...entries];
        for (const suffix of target.modules) {
          const found = [...chunks].find(([, c]) => c.moduleIds.some((id) => id.endsWith(suffix)));
          if (!found) throw new Error(`size report: no chunk contains ${suffix}`);
          starts.push(found[0]);
        }
        const files = closure(starts, chunks);
        let total = 0;
        for (const file of files) total += gzipSync(chunks.get(file)?.code ?? '').byteLength;
        const ok = total <= target.maxGzipBytes;
        if (!ok) over.push(target.name);
        lines.push(
          `  ${ok ? '✓' : '✗'} ${target.name.padEnd(10)} ${kB(total).padStart(9)}  (target ≤ ${kB(target.maxGzipBytes)}, ${files.size} files)`,
        );
      }
      this.info(lines.join('\n'));
      if (over.length > 0) this.error(`over the size target: ${over.join(', ')}`);
    },
  };
}
