import { describe, expect, it } from 'vitest';

import { newRowId } from './ids.js';

describe('newRowId', () => {
  it('gives ids of the shape of Prisma’s cuid(), all different', () => {
    const ids = Array.from({ length: 20_000 }, () => newRowId());
    for (const id of ids) expect(id).toMatch(/^c[0-9a-z]{24}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('orders ids made later after ids made earlier', () => {
    const earlier = newRowId(Date.parse('2026-12-05T08:00:00.000Z'));
    const later = newRowId(Date.parse('2026-12-05T08:00:00.001Z'));
    expect(earlier < later).toBe(true);
    // Within the same millisecond the counter orders them (it wraps after 36^4 ids).
    const at = Date.parse('2026-12-05T09:00:00.000Z');
    const [a, b] = [newRowId(at), newRowId(at)];
    expect(b.slice(0, 9)).toBe(a.slice(0, 9));
    const counter = (id: string) => parseInt(id.slice(9, 13), 36);
    expect(counter(b)).toBe((counter(a) + 1) % 36 ** 4);
  });
});
