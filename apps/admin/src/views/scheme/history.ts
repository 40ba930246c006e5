/** What changed between two saved versions of a year's scheme (DESIGN §3.4), field by field. */
export interface SchemeChange {
  /** The dotted path of the field, as the editor and the API name it (`levels.city`). */
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

type Json = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every leaf of a document by its dotted path; lists (topics, overrides) are leaves. */
function leaves(doc: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (!isRecord(doc)) {
    out.set(prefix, doc);
    return out;
  }
  for (const [key, value] of Object.entries(doc)) {
    leaves(value, prefix === '' ? key : `${prefix}.${key}`, out);
  }
  return out;
}

// The numbering is the server's, not an edit.
const IGNORED = new Set(['year', 'version']);

/**
 * The fields whose values differ between `before` and `after`, in the order of `after` (then
 * fields only `before` had). A missing field reads as `undefined`.
 */
export function schemeChanges(before: unknown, after: unknown): SchemeChange[] {
  const old = leaves(before);
  const next = leaves(after);
  const paths = [...next.keys(), ...[...old.keys()].filter((path) => !next.has(path))];
  return paths
    .filter((path) => !IGNORED.has(path))
    .filter((path) => JSON.stringify(old.get(path)) !== JSON.stringify(next.get(path)))
    .map((path) => ({ path, before: old.get(path), after: next.get(path) }));
}

/** The strings added to and removed from a list (the topics of a year). */
export function listDelta(before: unknown, after: unknown): { added: string[]; removed: string[] } {
  const strings = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const old = strings(before);
  const next = strings(after);
  return {
    added: next.filter((v) => !old.includes(v)),
    removed: old.filter((v) => !next.includes(v)),
  };
}
