import { api, call } from './http.js';

type NewOutlet = Parameters<typeof api.outlets.$post>[0]['json'];
type OutletPatch = Parameters<(typeof api.outlets)[':id']['$patch']>[0]['json'];

/** The outlet registry (媒体名录, issue 16); `active` limits it to outlets in use. */
export const listOutlets = (filter: { q?: string; active?: 'yes' | 'no' } = {}) =>
  call(api.outlets.$get({ query: filter }));
export const createOutlet = (json: NewOutlet) => call(api.outlets.$post({ json }));
export const updateOutlet = (id: string, json: OutletPatch) =>
  call(api.outlets[':id'].$patch({ param: { id }, json }));

export type Outlet = Awaited<ReturnType<typeof listOutlets>>[number];
