import { api, call } from './http.js';

type ListQuery = NonNullable<Parameters<typeof api.incidents.$get>[0]>['query'];
export type NewIncident = Parameters<typeof api.incidents.$post>[0]['json'];
type TransitionBody = Parameters<(typeof api.incidents)[':id']['transitions']['$post']>[0]['json'];

export const listIncidents = (q: ListQuery) => call(api.incidents.$get({ query: q }));
export const getIncident = (id: string) => call(api.incidents[':id'].$get({ param: { id } }));
export const registerIncident = (json: NewIncident) => call(api.incidents.$post({ json }));
export const transitionIncident = (id: string, json: TransitionBody) =>
  call(api.incidents[':id'].transitions.$post({ param: { id }, json }));

/** Keeps a screenshot of the post or page with the incident (a plain multipart request). */
export function uploadIncidentScreenshot(id: string, photo: Blob, filename: string) {
  const body = new FormData();
  body.append('file', photo, filename);
  return call<IncidentDetail>(
    fetch(`/api/incidents/${encodeURIComponent(id)}/screenshot`, {
      method: 'POST',
      body,
      credentials: 'same-origin',
    }),
  );
}

export const incidentScreenshotUrl = (id: string) =>
  `/api/incidents/${encodeURIComponent(id)}/screenshot`;

export type IncidentRow = Awaited<ReturnType<typeof listIncidents>>['items'][number];
export type IncidentDetail = Awaited<ReturnType<typeof getIncident>>;
export type IncidentCommand = TransitionBody['command'];
