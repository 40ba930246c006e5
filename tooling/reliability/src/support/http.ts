/** The uniform error body of the API (CONVENTIONS: one onError, `{ error: { code, message } }`). */
export function isUniformError(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error: unknown = body.error;
  if (typeof error !== 'object' || error === null) return false;
  return (
    'code' in error &&
    typeof error.code === 'string' &&
    error.code.length > 0 &&
    'message' in error &&
    typeof error.message === 'string' &&
    error.message.length > 0
  );
}

export async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Replaces each `:param` of a route path with the value chosen for it. */
export function fillPath(path: string, values: (param: string) => string): string {
  return path.replace(/:([A-Za-z]+)/g, (_match, name: string) => encodeURIComponent(values(name)));
}
