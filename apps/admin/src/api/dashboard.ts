import { api, call, query } from './http.js';

export const getDashboard = (period?: string) =>
  call(api.dashboard.$get({ query: query({ period }) }));
export type Dashboard = Awaited<ReturnType<typeof getDashboard>>;
