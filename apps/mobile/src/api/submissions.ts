import { ApiFailure, api, call } from './http.js';
import { i18n } from '../i18n.js';

type Api = typeof api.submissions;
type Query = NonNullable<Parameters<Api['$get']>[0]>['query'];
export type CreateBody = Parameters<Api['$post']>[0]['json'];
export type EditBody = Parameters<Api[':id']['$patch']>[0]['json'];
type ApproveBody = Parameters<Api[':id']['approve']['$post']>[0]['json'];

export const listSubmissions = (query: Query) => call(api.submissions.$get({ query }));
/** The full item; opening it as a reviewer is what the server records for the review depth. */
export const getSubmission = (id: string) => call(api.submissions[':id'].$get({ param: { id } }));
export const createSubmission = (json: CreateBody) => call(api.submissions.$post({ json }));
export const editSubmission = (id: string, json: EditBody) =>
  call(api.submissions[':id'].$patch({ param: { id }, json }));
export const submitSubmission = (id: string, expectedVersion?: number) =>
  call(api.submissions[':id'].submit.$post({ param: { id }, json: { expectedVersion } }));
export const approveSubmission = (id: string, json: ApproveBody) =>
  call(api.submissions[':id'].approve.$post({ param: { id }, json }));
export const returnSubmission = (id: string, reason: string, expectedVersion?: number) =>
  call(api.submissions[':id'].return.$post({ param: { id }, json: { reason, expectedVersion } }));

/** The address of an attachment's image, for `<img src>` (the session cookie goes along). */
export const attachmentUrl = (id: string, attachmentId: string) =>
  `/api/submissions/${encodeURIComponent(id)}/attachments/${encodeURIComponent(attachmentId)}`;

export interface UploadedAttachment {
  readonly attachment: { readonly id: string; readonly filename: string };
  readonly version: number;
  readonly revision: number;
}

/**
 * Uploads one photo with progress (fetch reports none for uploads, so this is an XHR). The API
 * keeps one copy of identical bytes, so sending the same photo again after a lost answer
 * answers 200 with the attachment already there, never a second one.
 */
export function uploadPhoto(
  id: string,
  photo: Blob,
  filename: string,
  onProgress: (fraction: number) => void,
): Promise<UploadedAttachment> {
  return new Promise((resolve, reject) => {
    const body = new FormData();
    body.append('file', photo, filename);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/submissions/${encodeURIComponent(id)}/attachments`);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiFailure(0, 'NETWORK', i18n.global.t('errors.network')));
    xhr.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        // Read as a failure below.
      }
      if (xhr.status >= 200 && xhr.status < 300 && parsed !== null) {
        onProgress(1);
        resolve(parsed as UploadedAttachment);
        return;
      }
      const error = (parsed as { error?: { code?: unknown; message?: unknown } } | null)?.error;
      reject(
        new ApiFailure(
          xhr.status,
          typeof error?.code === 'string' ? error.code : `HTTP.${xhr.status}`,
          typeof error?.message === 'string' ? error.message : i18n.global.t('errors.unknown'),
        ),
      );
    };
    xhr.send(body);
  });
}

export type SubmissionPage = Awaited<ReturnType<typeof listSubmissions>>;
export type SubmissionRow = SubmissionPage['items'][number];
export type SubmissionDetail = Awaited<ReturnType<typeof getSubmission>>;
