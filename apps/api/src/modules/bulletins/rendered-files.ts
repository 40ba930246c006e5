import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { BulletinDocument } from './document.js';

/**
 * The data version of a bulletin as a viewer sees it: a SHA-256 of its document (the
 * figures, texts and tables of the file, and the date a draft is dated). Two reads with the
 * same version give the same file; any change to the data it shows gives another version.
 */
export function documentVersion(doc: BulletinDocument): string {
  return createHash('sha256').update(JSON.stringify(doc)).digest('base64url');
}

export interface RenderedFileStats {
  /** Files rendered (in the export pool). */
  readonly renders: number;
  /** Exports answered with a file kept or being rendered for the same version. */
  readonly kept: number;
}

/**
 * Rendered bulletin files keyed by format and data version (issue 18): a draft's file is kept
 * until the data it shows changes, however much else is written meanwhile, so a flood of
 * exports of one draft renders it once. Exports of the same version that arrive while it is
 * being rendered wait for that one rendering. The least recently used files go first beyond
 * `maxBytes`.
 */
export class RenderedFiles {
  readonly #files: LRUCache<string, Uint8Array>;
  readonly #rendering = new Map<string, Promise<Uint8Array>>();
  #renders = 0;
  #kept = 0;

  constructor(maxBytes: number) {
    this.#files = new LRUCache<string, Uint8Array>({
      maxSize: maxBytes,
      // A file over a quarter of the budget would push out everything else: not kept.
      maxEntrySize: maxBytes / 4,
      sizeCalculation: (bytes) => Math.max(1, bytes.byteLength),
    });
  }

  /** The `format` file of `doc`: kept, being rendered, or rendered now by `render`. */
  async file(
    format: string,
    doc: BulletinDocument,
    render: () => Promise<Uint8Array>,
  ): Promise<Uint8Array> {
    const key = `${format}:${documentVersion(doc)}`;
    const kept = this.#files.get(key) ?? this.#rendering.get(key);
    if (kept !== undefined) {
      this.#kept += 1;
      return kept;
    }
    this.#renders += 1;
    const rendering = render();
    this.#rendering.set(key, rendering);
    try {
      const bytes = await rendering;
      this.#files.set(key, bytes);
      return bytes;
    } finally {
      this.#rendering.delete(key);
    }
  }

  stats(): RenderedFileStats {
    return { renders: this.#renders, kept: this.#kept };
  }
}
