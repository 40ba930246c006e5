import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { iso } from './times.js';

/** What every answer of the API writes for an instant: `Date#toISOString`, or its error. */
function specified(at: Date | number): string {
  return new Date(at).toISOString();
}

describe('iso', () => {
  it('writes an instant as toISOString does, for any instant', () => {
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), (at) => {
        expect(iso(at)).toBe(specified(at));
        expect(iso(at.getTime())).toBe(specified(at));
      }),
      { numRuns: 20_000 },
    );
  });

  it('writes the years of the product and around them as toISOString does', () => {
    const min = Date.parse('1900-01-01T00:00:00Z');
    const max = Date.parse('2200-01-01T00:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min, max }), (ms) => {
        expect(iso(ms)).toBe(specified(ms));
      }),
      { numRuns: 20_000 },
    );
  });

  it('cuts a fractional number of milliseconds as new Date does', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e13, max: 1e13, noNaN: true }), (ms) => {
        expect(iso(ms)).toBe(specified(ms));
      }),
    );
  });

  it('agrees at the edges of the calendar and of four-digit years', () => {
    for (const text of [
      '0000-01-01T00:00:00.000Z',
      '0000-02-29T23:59:59.999Z',
      '1969-12-31T23:59:59.999Z',
      '1970-01-01T00:00:00.000Z',
      '2000-02-29T12:00:00.000Z',
      '2026-12-31T16:00:00.000Z',
      '2100-02-28T23:59:59.999Z',
      '2100-03-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
    ]) {
      const ms = Date.parse(text);
      expect(iso(ms)).toBe(text);
      for (const near of [ms - 1, ms + 1]) expect(iso(near)).toBe(specified(near));
    }
    expect(iso(-0)).toBe('1970-01-01T00:00:00.000Z');
    expect(iso(8.64e15)).toBe(specified(8.64e15));
    expect(iso(-8.64e15)).toBe(specified(-8.64e15));
  });

  it('refuses an invalid date as toISOString does', () => {
    for (const at of [new Date(Number.NaN), Number.NaN, 8.64e15 + 1, Infinity]) {
      expect(() => iso(at)).toThrow(RangeError);
    }
  });
});
