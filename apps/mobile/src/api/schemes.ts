import { api, call } from './http.js';

/** The year's scheme in force: the one the bureau saved, or the defaults when it saved none. */
export const getScheme = (year: number) =>
  call(api.schemes[':year'].$get({ param: { year: String(year) } }));
