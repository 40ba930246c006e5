/**
 * Text diffs for revisions (rules §3.3: every change is diffable in the console). Chinese has
 * no spaces between words, so the diff works on characters (Unicode code points); long texts
 * are first aligned by sentences so that the work stays bounded.
 */

/** One piece of a text diff. */
export interface TextDiffOp {
  readonly op: 'equal' | 'insert' | 'delete';
  readonly text: string;
}

/** Above this many cells (n × m) the character table is too large; align sentences first. */
const MAX_CELLS = 4_000_000;

function lcsOps(a: readonly string[], b: readonly string[]): TextDiffOp[] {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  // Suffix LCS lengths: table[i * width + j] = LCS(a[i..], b[j..]).
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i] === b[j]
          ? (table[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(table[(i + 1) * width + j] ?? 0, table[i * width + j + 1] ?? 0);
    }
  }
  const ops: TextDiffOp[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      push(ops, 'equal', a[i] ?? '');
      i++;
      j++;
    } else if ((table[(i + 1) * width + j] ?? 0) >= (table[i * width + j + 1] ?? 0)) {
      push(ops, 'delete', a[i] ?? '');
      i++;
    } else {
      push(ops, 'insert', b[j] ?? '');
      j++;
    }
  }
  while (i < n) push(ops, 'delete', a[i++] ?? '');
  while (j < m) push(ops, 'insert', b[j++] ?? '');
  return ops;
}

function push(ops: TextDiffOp[], op: TextDiffOp['op'], text: string): void {
  if (text === '') return;
  const last = ops[ops.length - 1];
  if (last !== undefined && last.op === op) ops[ops.length - 1] = { op, text: last.text + text };
  else ops.push({ op, text });
}

/** Splits a text into sentences, keeping the ending punctuation with each sentence. */
export function sentences(text: string): string[] {
  return text.match(/[^。！？!?；;\n]*(?:[。！？!?；;\n]+|$)/gu)?.filter((s) => s !== '') ?? [];
}

function diffUnits(a: readonly string[], b: readonly string[], depth: number): TextDiffOp[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: TextDiffOp[] = [];
  push(ops, 'equal', a.slice(0, start).join(''));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length <= MAX_CELLS) {
    for (const op of lcsOps(midA, midB)) push(ops, op.op, op.text);
  } else if (depth === 0) {
    // Align sentences, then diff the characters of each changed stretch.
    const sa = sentences(midA.join(''));
    const sb = sentences(midB.join(''));
    let pendingDelete = '';
    let pendingInsert = '';
    const flush = (): void => {
      for (const op of diffUnits(Array.from(pendingDelete), Array.from(pendingInsert), 1)) {
        push(ops, op.op, op.text);
      }
      pendingDelete = '';
      pendingInsert = '';
    };
    for (const op of diffUnits(sa, sb, 1)) {
      if (op.op === 'equal') {
        flush();
        push(ops, 'equal', op.text);
      } else if (op.op === 'delete') pendingDelete += op.text;
      else pendingInsert += op.text;
    }
    flush();
  } else {
    push(ops, 'delete', midA.join(''));
    push(ops, 'insert', midB.join(''));
  }
  push(ops, 'equal', a.slice(endA).join(''));
  return ops;
}

/**
 * The character diff between two texts: equal, deleted and inserted stretches in order.
 * Applying the `equal` and `insert` pieces gives `after`; `equal` and `delete` give `before`.
 *
 * @example
 * ```ts
 * diffText('召开会议', '召开安全会议');
 * // [{ op: 'equal', text: '召开' }, { op: 'insert', text: '安全' }, { op: 'equal', text: '会议' }]
 * ```
 */
export function diffText(before: string, after: string): readonly TextDiffOp[] {
  if (before === after) return before === '' ? [] : [{ op: 'equal', text: before }];
  return diffUnits(Array.from(before), Array.from(after), 0);
}

/**
 * Counts the characters inserted and deleted by a diff (for the console's summary).
 *
 * @example
 * ```ts
 * diffStats(diffText('召开会议', '召开安全会议')); // { inserted: 2, deleted: 0 }
 * ```
 */
export function diffStats(ops: readonly TextDiffOp[]): { inserted: number; deleted: number } {
  let inserted = 0;
  let deleted = 0;
  for (const op of ops) {
    const length = Array.from(op.text).length;
    if (op.op === 'insert') inserted += length;
    else if (op.op === 'delete') deleted += length;
  }
  return { inserted, deleted };
}
