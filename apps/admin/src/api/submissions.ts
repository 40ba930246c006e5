import { api, call, languageHeaders } from './http.js';

type Api = typeof api.submissions;
type Query = NonNullable<Parameters<Api['$get']>[0]>['query'];
type CreateBody = Parameters<Api['$post']>[0]['json'];
type EditBody = Parameters<Api[':id']['$patch']>[0]['json'];
type ApproveBody = Parameters<Api[':id']['approve']['$post']>[0]['json'];
type AdoptBody = Parameters<typeof api.adoptions.$post>[0]['json'];

export const listSubmissions = (query: Query) => call(api.submissions.$get({ query }));
/** Colleagues who may co-author the person's new items (rules §5.5). */
export const coAuthorCandidates = () => call(api.submissions['co-authors'].$get());
export const getSubmission = (id: string) => call(api.submissions[':id'].$get({ param: { id } }));
export const createSubmission = (json: CreateBody) => call(api.submissions.$post({ json }));
export const editSubmission = (id: string, json: EditBody) =>
  call(api.submissions[':id'].$patch({ param: { id }, json }));
export const submissionRevisions = (id: string) =>
  call(api.submissions[':id'].revisions.$get({ param: { id } }));
export const submissionDiff = (id: string, from: number, to: number) =>
  call(
    api.submissions[':id'].diff.$get({
      param: { id },
      query: { from: String(from), to: String(to) },
    }),
  );

export const submitSubmission = (id: string, expectedVersion?: number) =>
  call(api.submissions[':id'].submit.$post({ param: { id }, json: { expectedVersion } }));
export const approveSubmission = (id: string, json: ApproveBody) =>
  call(api.submissions[':id'].approve.$post({ param: { id }, json }));
export const returnSubmission = (id: string, reason: string, expectedVersion?: number) =>
  call(api.submissions[':id'].return.$post({ param: { id }, json: { reason, expectedVersion } }));
export const withdrawSubmission = (id: string, expectedVersion?: number) =>
  call(api.submissions[':id'].withdraw.$post({ param: { id }, json: { expectedVersion } }));
export const forwardSubmission = (id: string, expectedVersion?: number) =>
  call(api.submissions[':id'].forward.$post({ param: { id }, json: { expectedVersion } }));
export const decideSubmission = (
  id: string,
  adopted: boolean,
  comment?: string,
  expectedVersion?: number,
) =>
  call(
    api.submissions[':id'].decide.$post({
      param: { id },
      json: { adopted, comment, expectedVersion },
    }),
  );
export const markQuality = (id: string, quality: boolean, expectedVersion?: number) =>
  call(api.submissions[':id'].quality.$post({ param: { id }, json: { quality, expectedVersion } }));

export const recordAdoption = (json: AdoptBody) => call(api.adoptions.$post({ json }));
type InstructionBody = Parameters<(typeof api.adoptions)[':id']['instruction']['$post']>[0]['json'];
export const addInstruction = (id: string, json: InstructionBody) =>
  call(api.adoptions[':id'].instruction.$post({ param: { id }, json }));
export const counterAdoption = (id: string, reason: string) =>
  call(api.adoptions[':id'].counter.$post({ param: { id }, json: { reason } }));
export const listAdoptionsOf = (submissionId: string) =>
  call(api.adoptions.$get({ query: { submissionId, pageSize: '100' } }));

/** The address of an attachment's image, for `<img src>` (the session cookie goes along). */
export const attachmentUrl = (id: string, attachmentId: string) =>
  `/api/submissions/${encodeURIComponent(id)}/attachments/${encodeURIComponent(attachmentId)}`;

/** Uploads one image; the typed client has no multipart helper, so this is a plain request. */
export function uploadAttachment(id: string, file: File, expectedVersion?: number) {
  const body = new FormData();
  body.append('file', file);
  const suffix = expectedVersion === undefined ? '' : `?expectedVersion=${expectedVersion}`;
  return call<{ attachment: { id: string; filename: string }; version: number; revision: number }>(
    fetch(`/api/submissions/${encodeURIComponent(id)}/attachments${suffix}`, {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: languageHeaders(),
    }),
  );
}

export function uploadScreenshot(file: File) {
  const body = new FormData();
  body.append('file', file);
  return call<{ id: string }>(
    fetch('/api/adoptions/screenshots', {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: languageHeaders(),
    }),
  );
}

export type SubmissionPage = Awaited<ReturnType<typeof listSubmissions>>;
export type SubmissionRow = SubmissionPage['items'][number];
export type SubmissionDetail = Awaited<ReturnType<typeof getSubmission>>;
export type Revision = Awaited<ReturnType<typeof submissionRevisions>>['items'][number];
export type RevisionDiff = Awaited<ReturnType<typeof submissionDiff>>;
export type AllowedCommand = SubmissionDetail['allowedCommands'][number];
