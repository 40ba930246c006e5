import { api, call, query } from './http.js';

export const getEvaluation = (period?: string) =>
  call(api.evaluation.$get({ query: query({ period }) }));
export const getUnitEvaluation = (unitId: string, period?: string) =>
  call(api.evaluation.units[':unitId'].$get({ param: { unitId }, query: query({ period }) }));
export const getOfficerRanking = (period: string | undefined, page: number, pageSize: number) =>
  call(api.evaluation.officers.$get({ query: query({ period, page, pageSize }) }));
export const getComposite = (year?: number) =>
  call(api.evaluation.composite.$get({ query: query({ year }) }));

export const getScheme = (year: number) =>
  call(api.schemes[':year'].$get({ param: { year: String(year) } }));
export const saveScheme = (year: number, scheme: Record<string, unknown>) =>
  call(api.schemes[':year'].$put({ param: { year: String(year) }, json: scheme }));
/** Which units a proposed scheme would move, for the periods begun (nothing is saved). */
export const previewScheme = (year: number, scheme: Record<string, unknown>) =>
  call(api.schemes[':year'].preview.$post({ param: { year: String(year) }, json: scheme }));
/** The year's saved versions, newest first; `page` counts in `pageSize` steps. */
export const listSchemeVersions = (year: number, page: number, pageSize: number) =>
  call(
    api.schemes[':year'].versions.$get({
      param: { year: String(year) },
      query: query({ page, pageSize }),
    }),
  );
export const getQuotaOverrides = (year: number) =>
  call(api.schemes[':year']['quota-overrides'].$get({ param: { year: String(year) } }));
type OverridesBody = Parameters<
  (typeof api.schemes)[':year']['quota-overrides']['$put']
>[0]['json'];
export const saveQuotaOverrides = (year: number, json: OverridesBody) =>
  call(api.schemes[':year']['quota-overrides'].$put({ param: { year: String(year) }, json }));

export const listBulletins = (year?: number) =>
  call(api.bulletins.$get({ query: query({ year, pageSize: 100 }) }));
export const getBulletin = (id: string) => call(api.bulletins[':id'].$get({ param: { id } }));
export const createBulletin = (period: string) => call(api.bulletins.$post({ json: { period } }));
export const publishBulletin = (id: string) =>
  call(api.bulletins[':id'].publish.$post({ param: { id } }));
export const fileAppeal = (id: string, reason: string) =>
  call(api.bulletins[':id'].appeals.$post({ param: { id }, json: { reason } }));
export const resolveAppeal = (id: string, appealId: string, accepted: boolean, response: string) =>
  call(
    api.bulletins[':id'].appeals[':appealId'].resolve.$post({
      param: { id, appealId },
      json: { accepted, response },
    }),
  );
export const bulletinExportUrl = (id: string, format: 'xlsx' | 'docx') =>
  `/api/bulletins/${encodeURIComponent(id)}/export.${format}`;

type AdjustmentBody = Parameters<typeof api.adjustments.$post>[0]['json'];
export const listAdjustments = (
  unitId: string | undefined,
  period: string | undefined,
  page: number,
) => call(api.adjustments.$get({ query: query({ unitId, period, page, pageSize: 20 }) }));
export const createAdjustment = (json: AdjustmentBody) => call(api.adjustments.$post({ json }));
export const counterAdjustment = (id: string, reason: string) =>
  call(api.adjustments[':id'].counter.$post({ param: { id }, json: { reason } }));
export const listPenalties = (
  unitId: string | undefined,
  period: string | undefined,
  page: number,
) => call(api.penalties.$get({ query: query({ unitId, period, page, pageSize: 20 }) }));

type PenaltyBody = Parameters<typeof api.penalties.$post>[0]['json'];
export const recordPenalty = (json: PenaltyBody) => call(api.penalties.$post({ json }));
export const voidPenalty = (id: string, reason: string) =>
  call(api.penalties[':id'].void.$post({ param: { id }, json: { reason } }));

export type Evaluation = Awaited<ReturnType<typeof getEvaluation>>;
export type UnitResult = Evaluation['units'][number];
export type UnitEvaluation = Awaited<ReturnType<typeof getUnitEvaluation>>;
export type OfficerRanking = Awaited<ReturnType<typeof getOfficerRanking>>;
export type SchemeDoc = Awaited<ReturnType<typeof getScheme>>;
export type SchemeVersions = Awaited<ReturnType<typeof listSchemeVersions>>;
export type SchemeVersion = SchemeVersions['items'][number];
export type BulletinList = Awaited<ReturnType<typeof listBulletins>>;
export type Bulletin = Awaited<ReturnType<typeof getBulletin>>;
/** Each reviewer's review depth in a unit (DESIGN §3.2): the bureau and the unit's head only. */
export const getUnitReviewers = (unitId: string, period?: string) =>
  call(
    api.evaluation.units[':unitId'].reviewers.$get({ param: { unitId }, query: query({ period }) }),
  );
