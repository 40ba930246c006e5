/** JSON stored as text, read back leniently: what cannot be parsed reads as null. */
export function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** A JSON array of strings stored as text; anything else reads as empty. */
export function stringList(text: string | null): string[] {
  const value = parseJson(text);
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
}

/** A JSON object as a record; anything else reads as empty. */
export function record(value: unknown): Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Readonly<Record<string, unknown>>)
    : {};
}
