/**
 * A value's JSON text, made once when an answer is kept, so that serving it again sends the
 * same bytes without serialising them for every request. The type parameter is the value's
 * type; the only way to make one is {@link JsonText.of} (the private field makes the class
 * nominal), so the text is always exactly `JSON.stringify` of a value of that type — what
 * `c.json(value)` would send.
 */
export class JsonText<T> {
  readonly #text: string;
  // Ties the class to its value's type; never set or read.
  declare readonly value: T;

  private constructor(text: string) {
    this.#text = text;
  }

  static of<T>(value: T): JsonText<T> {
    return new JsonText<T>(JSON.stringify(value));
  }

  get text(): string {
    return this.#text;
  }

  /** Bytes it holds in memory, roughly (two per character). */
  get size(): number {
    return 2 * this.#text.length;
  }
}
