const encoder = new TextEncoder();

/**
 * A value's JSON text, made once when an answer is kept and held as UTF-8 bytes, so that
 * serving it again sends the same bytes without serialising or encoding them for every
 * request. The type parameter is the value's type; the only way to make one is
 * {@link JsonText.of} (the private field makes the class nominal), so the bytes are always
 * exactly `JSON.stringify` of a value of that type — what `c.json(value)` would send.
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

  /** The UTF-8 bytes of the JSON text. */
  get bytes(): Uint8Array<ArrayBuffer> {
    return this.#bytes;
  }

  /** Bytes it holds in memory. */
  get size(): number {
    return this.#bytes.byteLength;
  }
}
