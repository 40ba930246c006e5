import { api, call } from './http.js';

export const getDashboard = () => call(api.dashboard.$get({ query: {} }));
export type Dashboard = Awaited<ReturnType<typeof getDashboard>>;

type PeopleQuery = NonNullable<Parameters<typeof api.people.$get>[0]>['query'];
export const listPeople = (query: PeopleQuery) => call(api.people.$get({ query }));

export const changePassword = (currentPassword: string, newPassword: string) =>
  call(api.people.me.password.$post({ json: { currentPassword, newPassword } }));
