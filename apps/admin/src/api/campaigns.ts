import { api, call, query } from './http.js';

type NewRecord = Parameters<(typeof api.campaigns)[':id']['records']['$post']>[0]['json'];
type NewPeriodical = Parameters<(typeof api.campaigns)[':id']['periodicals']['$post']>[0]['json'];
type Targets = Parameters<(typeof api.campaigns)[':id']['targets']['$put']>[0]['json'];
type Assignments = Parameters<(typeof api.campaigns)[':id']['assignments']['$put']>[0]['json'];

export const listCampaigns = () => call(api.campaigns.$get({ query: { pageSize: '50' } }));
export const getCampaign = (id: string) =>
  call(api.campaigns[':id'].$get({ param: { id }, query: { bucket: 'week' } }));
export const listPeriodicals = (id: string) =>
  call(api.campaigns[':id'].periodicals.$get({ param: { id } }));
export const addPeriodical = (id: string, json: NewPeriodical) =>
  call(api.campaigns[':id'].periodicals.$post({ param: { id }, json }));
export const listTargets = (id: string) =>
  call(api.campaigns[':id'].targets.$get({ param: { id } }));
export const setTargets = (id: string, json: Targets) =>
  call(api.campaigns[':id'].targets.$put({ param: { id }, json }));
export const listRecords = (id: string, unitId: string | undefined, page: number) =>
  call(
    api.campaigns[':id'].records.$get({
      param: { id },
      query: query({ unitId, page, pageSize: 20 }),
    }),
  );
export const addRecord = (id: string, json: NewRecord) =>
  call(api.campaigns[':id'].records.$post({ param: { id }, json }));
export const listAssignments = (id: string) =>
  call(api.campaigns[':id'].assignments.$get({ param: { id } }));
export const setAssignments = (id: string, json: Assignments) =>
  call(api.campaigns[':id'].assignments.$put({ param: { id }, json }));

export type CampaignList = Awaited<ReturnType<typeof listCampaigns>>;
export type Campaign = Awaited<ReturnType<typeof getCampaign>>;
export type Periodicals = Awaited<ReturnType<typeof listPeriodicals>>;
export type CampaignTargets = Awaited<ReturnType<typeof listTargets>>;
export type CampaignRecords = Awaited<ReturnType<typeof listRecords>>;
export type CampaignAssignments = Awaited<ReturnType<typeof listAssignments>>;
