/** Epoch milliseconds as the ISO text every answer of the API uses. */
export const iso = (ms: number): string => new Date(ms).toISOString();

export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export const msOrNull = (d: Date | null): number | null => (d === null ? null : d.getTime());

export const dateIsoOrNull = (d: Date | null): string | null =>
  d === null ? null : d.toISOString();
