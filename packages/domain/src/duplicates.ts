/**
 * Likely duplicates (rules §3.6): the same unit, a similar title, within a window of days
 * (default 7). A warning, never a block.
 */
import type { Scheme } from './scheme.js';
import { DAY_MS } from './vocabulary.js';

/**
 * Keeps letters and digits only, case- and width-folded, so punctuation does not matter.
 *
 * @example
 * ```ts
 * normaliseTitle('河西镇：召开“安全”会议！'); // '河西镇召开安全会议'
 * ```
 */
export function normaliseTitle(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

function bigrams(text: string): Map<string, number> {
  const chars = Array.from(text);
  const grams = new Map<string, number>();
  if (chars.length === 1) grams.set(text, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const gram = `${chars[i]}${chars[i + 1]}`;
    grams.set(gram, (grams.get(gram) ?? 0) + 1);
  }
  return grams;
}

/**
 * Similarity of two titles from 0 to 1: the Dice coefficient of their character bigrams.
 * Character bigrams suit Chinese, which has no spaces between words.
 *
 * @example
 * ```ts
 * titleSimilarity('河西镇中心校召开安全工作会议', '河西镇中心校召开安全工作会'); // 0.96
 * ```
 */
export function titleSimilarity(a: string, b: string): number {
  return similarityOfNormalised(normaliseTitle(a), normaliseTitle(b));
}

/** {@link titleSimilarity} of two titles already normalised ({@link normaliseTitle}). */
function similarityOfNormalised(na: string, nb: string): number {
  if (na === '' && nb === '') return 1;
  if (na === nb) return 1;
  const ga = bigrams(na);
  const gb = bigrams(nb);
  let sizeA = 0;
  let sizeB = 0;
  let shared = 0;
  for (const n of ga.values()) sizeA += n;
  for (const [gram, n] of gb) {
    sizeB += n;
    shared += Math.min(n, ga.get(gram) ?? 0);
  }
  return sizeA + sizeB === 0 ? 0 : (2 * shared) / (sizeA + sizeB);
}

/** The facts duplicate detection compares. */
export interface TitledItem {
  readonly id: string;
  readonly unitId: string;
  readonly title: string;
  /** When the item was written (its creation time). */
  readonly createdAt: number;
}

/** An earlier item that looks like the same news. */
export interface DuplicateWarning {
  readonly submissionId: string;
  readonly title: string;
  readonly similarity: number;
}

/**
 * The items of the same unit with a similar title within the window of the scheme, most
 * similar first. The candidate itself (same id) is never reported.
 *
 * @example
 * ```ts
 * const warnings = likelyDuplicates({ unitId: 'hexi', title: '河西镇召开安全工作会', createdAt: now }, recentItems, defaultScheme(2026));
 * warnings.map((w) => `${w.title} ${w.similarity}`); // items of the same unit within 7 days, similarity ≥ 0.6
 * ```
 */
export function likelyDuplicates(
  candidate: Omit<TitledItem, 'id'> & { readonly id?: string },
  existing: readonly TitledItem[],
  scheme: Pick<Scheme, 'duplicates'>,
): readonly DuplicateWarning[] {
  const windowMs = scheme.duplicates.windowDays * DAY_MS;
  // The candidate's title is compared with every item's: normalised once.
  const title = normaliseTitle(candidate.title);
  const warnings: DuplicateWarning[] = [];
  for (const item of existing) {
    if (item.id === candidate.id || item.unitId !== candidate.unitId) continue;
    if (Math.abs(item.createdAt - candidate.createdAt) > windowMs) continue;
    const similarity = similarityOfNormalised(title, normaliseTitle(item.title));
    if (similarity >= scheme.duplicates.threshold) {
      warnings.push({ submissionId: item.id, title: item.title, similarity });
    }
  }
  return warnings.sort(
    (x, y) => y.similarity - x.similarity || (x.submissionId < y.submissionId ? -1 : 1),
  );
}
