import { api, call, query } from './http.js';

type PeopleQuery = NonNullable<Parameters<typeof api.people.$get>[0]>['query'];
type NewPerson = Parameters<typeof api.people.$post>[0]['json'];
type PersonPatch = Parameters<(typeof api.people)[':id']['$patch']>[0]['json'];
type UnitPatch = Parameters<(typeof api.units)[':id']['$patch']>[0]['json'];
type NewUnit = Parameters<typeof api.units.$post>[0]['json'];
type NewCode = Parameters<(typeof api)['link-codes']['$post']>[0]['json'];

export const unitTree = () => call(api.units.$get());
export const createUnit = (json: NewUnit) => call(api.units.$post({ json }));
export const updateUnit = (id: string, json: UnitPatch) =>
  call(api.units[':id'].$patch({ param: { id }, json }));
export const listGaps = () => call(api.gaps.$get());
export const listPeople = (q: PeopleQuery) => call(api.people.$get({ query: q }));
export const createPerson = (json: NewPerson) => call(api.people.$post({ json }));
export const updatePerson = (id: string, json: PersonPatch) =>
  call(api.people[':id'].$patch({ param: { id }, json }));
export const resetPassword = (id: string, password: string) =>
  call(api.people[':id']['reset-password'].$post({ param: { id }, json: { password } }));
export const issueLinkCode = (json: NewCode) => call(api['link-codes'].$post({ json }));
export const activeLinkCodes = () => call(api['link-codes'].$get());
export const revokeLinkCode = (id: string) =>
  call(api['link-codes'][':id'].$delete({ param: { id } }));

export const peopleQuery = query;

export type UnitTree = Awaited<ReturnType<typeof unitTree>>;
export type Gaps = Awaited<ReturnType<typeof listGaps>>;
export type PeoplePage = Awaited<ReturnType<typeof listPeople>>;
export type Person = PeoplePage['items'][number];
export type LinkCode = Awaited<ReturnType<typeof issueLinkCode>>;
