import { call, type api, languageHeaders } from './http.js';

type Answer<F extends () => Promise<{ json(): Promise<unknown> }>> = Awaited<
  ReturnType<Awaited<ReturnType<F>>['json']>
>;
export type ImportPreview = Answer<typeof api.imports.preview.$post>;
export type ImportResult = Answer<typeof api.imports.commit.$post>;

/** The template's address, for a plain download link (the session cookie goes along). */
export const IMPORT_TEMPLATE_URL = '/api/imports/template';

/** The largest file the API reads for an import (MAX_IMPORT_BYTES there). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** Sends the file to `preview` or `commit`; the typed client has no multipart helper. */
function send<T>(step: 'preview' | 'commit', file: File): Promise<T> {
  const body = new FormData();
  body.append('file', file);
  return call<T>(
    fetch(`/api/imports/${step}`, {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: languageHeaders(),
    }),
  );
}

export const previewImport = (file: File) => send<ImportPreview>('preview', file);
export const commitImport = (file: File) => send<ImportResult>('commit', file);
