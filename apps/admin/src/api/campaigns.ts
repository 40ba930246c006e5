import { api, call, query } from './http.js';

type NewCampaign = Parameters<typeof api.campaigns.$post>[0]['json'];
type CampaignPatch = Parameters<(typeof api.campaigns)[':id']['$patch']>[0]['json'];
type PeriodicalPatch = Parameters<
  (typeof api.campaigns)[':id']['periodicals'][':periodicalId']['$patch']
>[0]['json'];
type NewRecord = Parameters<(typeof api.campaigns)[':id']['records']['$post']>[0]['json'];
type NewPeriodical = Parameters<(typeof api.campaigns)[':id']['periodicals']['$post']>[0]['json'];
type Targets = Parameters<(typeof api.campaigns)[':id']['targets']['$put']>[0]['json'];
type Assignments = Parameters<(typeof api.campaigns)[':id']['assignments']['$put']>[0]['json'];

export const listCampaigns = () => call(api.campaigns.$get({ query: { pageSize: '50' } }));
export const createCampaign = (json: NewCampaign) => call(api.campaigns.$post({ json }));
export const updateCampaign = (id: string, json: CampaignPatch) =>
  call(api.campaigns[':id'].$patch({ param: { id }, json }));
export const getCampaign = (id: string) =>
  call(api.campaigns[':id'].$get({ param: { id }, query: { bucket: 'week' } }));
export const listPeriodicals = (id: string) =>
  call(api.campaigns[':id'].periodicals.$get({ param: { id } }));
export const addPeriodical = (id: string, json: NewPeriodical) =>
  call(api.campaigns[':id'].periodicals.$post({ param: { id }, json }));
export const updatePeriodical = (id: string, periodicalId: string, json: PeriodicalPatch) =>
  call(
    api.campaigns[':id'].periodicals[':periodicalId'].$patch({ param: { id, periodicalId }, json }),
  );
export const listTargets = (id: string) =>
  call(api.campaigns[':id'].targets.$get({ param: { id } }));
export const setTargets = (id: string, json: Targets) =>
  call(api.campaigns[':id'].targets.$put({ param: { id }, json }));
export const listRecords = (
  id: string,
  filter: { unitId?: string; periodicalId?: string },
  page: number,
  pageSize = 20,
) =>
  call(
    api.campaigns[':id'].records.$get({
      param: { id },
      query: query({ unitId: filter.unitId, periodicalId: filter.periodicalId, page, pageSize }),
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
export type CampaignSettings = CampaignList['items'][number];
export type Periodicals = Awaited<ReturnType<typeof listPeriodicals>>;
export type CampaignTargets = Awaited<ReturnType<typeof listTargets>>;
export type CampaignRecords = Awaited<ReturnType<typeof listRecords>>;
export type CampaignAssignments = Awaited<ReturnType<typeof listAssignments>>;
