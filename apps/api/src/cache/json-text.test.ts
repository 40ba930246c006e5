import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { JsonText } from './json-text.js';

const text = (json: JsonText<unknown>) => new TextDecoder().decode(json.bytes);

describe('a kept JSON text', () => {
  it('is the JSON of its value, as UTF-8', () => {
    const value = { title: '城关镇中心校开展防溺水教育', n: 3, none: null };
    expect(text(JsonText.of(value))).toBe(JSON.stringify(value));
    expect(JsonText.of(value).size).toBe(new TextEncoder().encode(JSON.stringify(value)).length);
  });

  it('extended by a key is the JSON of the object with that key last', () => {
    const detail = { id: 'a1', title: '“六个一”活动' };
    const duplicates = [{ submissionId: 'b2', title: '“六个一”活动（二）', similarity: 0.9 }];
    expect(text(JsonText.extended(JsonText.of(detail), 'duplicates', duplicates))).toBe(
      JSON.stringify({ ...detail, duplicates }),
    );
    expect(text(JsonText.extended(JsonText.of({}), 'duplicates', []))).toBe('{"duplicates":[]}');
  });

  it('cannot be extended by a value without JSON, or when it is not an object', () => {
    expect(() => JsonText.extended(JsonText.of({ a: 1 }), 'b', undefined)).toThrow(/JSON/);
    expect(() => JsonText.extended(JsonText.of([1]) as never, 'b', 1)).toThrow(/object/);
  });

  it('listed is the JSON of the object with the items under their key, then the rest', () => {
    const rest = fc.dictionary(
      // An object lists array-index keys before all others, wherever they were set.
      fc.string().filter((k) => k !== 'items' && !/^(0|[1-9][0-9]*)$/.test(k)),
      fc.jsonValue(),
      { maxKeys: 4 },
    );
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 8 }), rest, (values, others) => {
        const listed = JsonText.listed('items', values.map(JsonText.of), others);
        expect(text(listed)).toBe(JSON.stringify({ items: values, ...others }));
        expect(listed.size).toBe(new TextEncoder().encode(text(listed)).length);
      }),
    );
    expect(() => JsonText.listed('items', [], new Date(0))).toThrow(/plain object/);
    expect(() => JsonText.listed('items', [], [1] as never)).toThrow(/plain object/);
    const page = { total: 3, page: 2, pageSize: 1 };
    expect(text(JsonText.listed('items', [JsonText.of({ id: '稿' })], page))).toBe(
      '{"items":[{"id":"稿"}],"total":3,"page":2,"pageSize":1}',
    );
  });
});
