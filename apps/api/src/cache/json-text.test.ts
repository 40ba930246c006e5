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
});
