/** Files the API answers with (exports, templates): their type and download name. */

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * `attachment` with an ASCII fallback name and the Chinese name in RFC 5987 form
 * (`filename*=UTF-8''…`), which every current browser prefers.
 */
export function contentDisposition(fallback: string, name: string): string {
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
