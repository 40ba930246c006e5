import { api, call } from './http.js';

type AuditQuery = NonNullable<Parameters<typeof api.audit.$get>[0]>['query'];

export const listAudit = (q: AuditQuery) => call(api.audit.$get({ query: q }));
export type AuditPage = Awaited<ReturnType<typeof listAudit>>;
export type AuditEntry = AuditPage['items'][number];
