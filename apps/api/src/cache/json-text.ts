const encoder = new TextEncoder();
const CLOSE_BRACE = '}'.charCodeAt(0);
const COMMA = ','.charCodeAt(0);

/**
 * A value's JSON text, made once when an answer is kept and held as UTF-8 bytes, so that
 * serving it again sends the same bytes without serialising or encoding them for every
 * request. The type parameter is the value's type; the only way to make one is
 * {@link JsonText.of} or {@link JsonText.extended} (the private field makes the class nominal),
 * so the bytes are always exactly `JSON.stringify` of a value of that type — what
 * `c.json(value)` would send. (Also {@link JsonText.listed}.)
 */
export class JsonText<T> {
  readonly #bytes: Uint8Array<ArrayBuffer>;
  // Ties the class to its value's type; never set or read.
  declare readonly value: T;

  private constructor(bytes: Uint8Array<ArrayBuffer>) {
    this.#bytes = bytes;
  }

  static of<T>(value: T): JsonText<T> {
    return new JsonText<T>(encoder.encode(JSON.stringify(value)));
  }

  /**
   * The JSON text of `base`'s object with `key` set to `value` after its own keys: what
   * `JSON.stringify({ ...object, [key]: value })` gives when the object has no such key. Its
   * bytes are copied, not serialised again: a kept answer with a part that is read apart.
   */
  static extended<T extends object, K extends string, V>(
    base: JsonText<T & { readonly [key in K]?: never }>,
    key: K,
    value: V,
  ): JsonText<T & { readonly [key in K]: V }> {
    const head = base.#bytes;
    if (head[head.byteLength - 1] !== CLOSE_BRACE) throw new Error('not the JSON of an object');
    const text = JSON.stringify(value) as string | undefined;
    if (text === undefined) throw new Error(`${key} has no JSON text`);
    const empty = head.byteLength === 2;
    const tail = encoder.encode(`${empty ? '' : ','}${JSON.stringify(key)}:${text}}`);
    const bytes = new Uint8Array(head.byteLength - 1 + tail.byteLength);
    bytes.set(head.subarray(0, head.byteLength - 1));
    bytes.set(tail, head.byteLength - 1);
    return new JsonText(bytes);
  }

  /**
   * The JSON text of the object `{ [key]: values, ...rest }` where `items` are the texts of the
   * values: what `JSON.stringify` gives of it, the items' bytes copied, not serialised again
   * (a page of a kept list is some of its items' texts). No key of `rest` is an array index:
   * an object would list those first.
   */
  static listed<T, K extends string, R extends object>(
    key: K,
    items: readonly JsonText<T>[],
    rest: R & { readonly [key in K]?: never },
  ): JsonText<{ readonly [key in K]: T[] } & R> {
    const head = encoder.encode(`{${JSON.stringify(key)}:[`);
    const others = JSON.stringify(rest) as string | undefined;
    if (others?.startsWith('{') !== true) throw new Error('the rest is not a plain object');
    const tail = encoder.encode(others === '{}' ? ']}' : `],${others.slice(1)}`);
    let length = head.byteLength + tail.byteLength + Math.max(0, items.length - 1);
    for (const item of items) length += item.#bytes.byteLength;
    const bytes = new Uint8Array(length);
    bytes.set(head);
    let at = head.byteLength;
    items.forEach((item, i) => {
      if (i > 0) bytes[at++] = COMMA;
      bytes.set(item.#bytes, at);
      at += item.#bytes.byteLength;
    });
    bytes.set(tail, at);
    return new JsonText(bytes);
  }

  /** The UTF-8 bytes of the JSON text. */
  get bytes(): Uint8Array<ArrayBuffer> {
    return this.#bytes;
  }

  /** Bytes it holds in memory. */
  get size(): number {
    return this.#bytes.byteLength;
  }
}
