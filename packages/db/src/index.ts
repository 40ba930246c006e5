/**
 * @jyxc/db: the Prisma schema's client for SQLite (embedded default) and PostgreSQL, the
 * client factory, and the types of every model and enum (DESIGN §4).
 */
export {
  checkConnection,
  createDb,
  announceChanges,
  databaseKind,
  dataVersion,
  DatabaseUrlError,
  directInsert,
  directRead,
  DEFAULT_DATA_DIR,
  describeDatabaseUrl,
  noticeChanges,
  sqliteAdapterFactory,
  watchAnnouncements,
} from './client.js';
export type {
  CreateDbOptions,
  DatabaseDescription,
  Db,
  DbTransaction,
  DescribeOptions,
  ExecutedQuery,
  Table,
} from './client.js';

export type {
  DirectArg,
  DirectInsert,
  DirectRow,
  DirectValue,
  DirectWriteValue,
} from './direct.js';
export { BOOKKEEPING_TABLES, CHANGES_CHANNEL, EVERYTHING } from './changes.js';
export { newRowId } from './ids.js';
export type { ChangeFeed, Changes, DataChange, ReadScope } from './changes.js';

// Model types, enum values and the Prisma namespace (input types, error classes). The error
// classes come from the runtime both generated clients share, so `instanceof` works for both.
export type {
  Unit,
  Person,
  PersonRole,
  LinkCode,
  ChatIdentity,
  ChatGroup,
  Submission,
  SubmissionAuthor,
  Revision,
  Attachment,
  SignOff,
  SubmissionEvent,
  Adoption,
  AdoptionCredit,
  Scheme,
  SchemeVersion,
  QuotaOverride,
  Adjustment,
  Penalty,
  Bulletin,
  Appeal,
  Incident,
  IncidentLog,
  Campaign,
  Periodical,
  CampaignTarget,
  SubscriptionRecord,
  CampaignAssignment,
  AuditLog,
  OutboxMessage,
  ProcessedUpdate,
  BotSession,
  LoginSession,
  LoginThrottle,
  JobLease,
} from './generated/sqlite/client.js';
export * from './generated/sqlite/enums.js';
export { Prisma } from './generated/sqlite/client.js';

// The domain's values as rows: what every writer of the schema stores for the same decision.
export {
  adjustmentRow,
  adoptionRows,
  incidentColumns,
  incidentLogRow,
  incidentRow,
  revisionRow,
  signOffRow,
  submissionColumns,
  submissionEventRow,
} from './rows.js';

// Starting the product: bring the database up to date, then load the demo county if it is empty.
export { migrateDatabase, MigrationError, type MigrationErrorCode } from './migrate/index.js';
export type { ApplyMigrationsResult } from './migrate/index.js';
export {
  DEMO_LOGINS,
  DEMO_PASSWORD,
  isEmpty,
  seedDemoCounty,
  type DemoLogin,
  type SeedOptions,
  type SeedResult,
} from './seed/index.js';
