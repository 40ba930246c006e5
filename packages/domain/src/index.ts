/**
 * `@jyxc/domain`: the rules of county education information reporting (rules §1–§9) as pure
 * functions over readonly data. Every time is a `number` of epoch milliseconds; every expected
 * failure is a {@link Result} with a stable error code.
 */
export * from './result.js';
export * from './errors.js';
export * from './messages.js';
export * from './vocabulary.js';
export * from './labels.js';
export * from './org.js';
export * from './period.js';
export * from './datetime.js';
export * from './scheme.js';
export * from './scheme-fields.js';
export * from './holidays.js';
export * from './timeliness.js';
export * from './diff.js';
export * from './duplicates.js';
export type { ActionChoice, ActionRefusal } from './actions.js';
export * from './workflow.js';
export * from './scoring.js';
export * from './evaluation.js';
export * from './bulletin.js';
export * from './composite.js';
export * from './visibility.js';
export * from './incidents.js';
export * from './campaign.js';
export * from './reminders.js';
export * from './quick-report.js';
export * from './rows.js';
export * from './row-schemas.js';
