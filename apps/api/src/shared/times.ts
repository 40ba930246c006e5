/** An instant as the ISO text every answer of the API uses. */
export function iso(at: Date | number): string {
  return new Date(at).toISOString();
}

export function isoOrNull(at: Date | number | null): string | null {
  return at === null ? null : iso(at);
}

export function msOrNull(at: Date | null): number | null {
  return at === null ? null : at.getTime();
}
