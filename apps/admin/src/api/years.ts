import { api, call } from './http.js';

/** DESIGN §7: what starting the year after `year` would take over. */
export const previewNextYear = (year: number) =>
  call(api.years[':year'].next.$get({ param: { year: String(year) } }));
export const startNextYear = (year: number) =>
  call(api.years[':year'].next.$post({ param: { year: String(year) } }));

export type NextYearPlan = Awaited<ReturnType<typeof previewNextYear>>;
