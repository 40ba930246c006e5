import type { ErrorRegistry } from '@prisma/driver-adapter-utils';

export type MigrationErrorCode =
  /** The database URL is not one of the accepted forms. */
  | 'MIGRATE.BAD_URL'
  /** The database could not be reached or opened. */
  | 'MIGRATE.UNREACHABLE'
  /** The schema or the migrations folder could not be read, or the folder is malformed. */
  | 'MIGRATE.BAD_INPUT'
  /** The migrations folder was made for the other database provider. */
  | 'MIGRATE.PROVIDER_MISMATCH'
  /** PostgreSQL migrations cannot be created without a server for the shadow database. */
  | 'MIGRATE.NO_SHADOW_DATABASE'
  /** The schema engine refused the operation (failed migration, invalid schema, …). */
  | 'MIGRATE.ENGINE';

/**
 * An expected failure of a migration operation, with a one-line message fit for a
 * terminal or a log (no stack, no password).
 */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';

  constructor(
    readonly code: MigrationErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A database URL without its password, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The message of a driver error, including what the pg adapter keeps in `cause`. */
function driverMessage(error: unknown): string {
  if (!isRecord(error)) return String(error);
  const cause = error['cause'];
  if (isRecord(cause)) {
    const original = cause['originalMessage'] ?? cause['message'];
    if (typeof original === 'string') return original;
    if (typeof cause['kind'] === 'string') return cause['kind'];
  }
  return typeof error['message'] === 'string' ? error['message'] : String(error);
}

/**
 * Turns an engine rejection into one readable line. The engine appends a Rust backtrace to
 * its messages, and reports a failure of the JavaScript driver only as `External error id#N`,
 * whose original the adapter factory keeps in its error registry.
 */
export function describeEngineError(
  error: unknown,
  registry: ErrorRegistry,
  panic: string | undefined,
): string {
  if (panic !== undefined) return `The schema engine failed: ${firstLines(panic)}`;
  const raw =
    isRecord(error) && typeof error['message'] === 'string' ? error['message'] : String(error);
  const withoutTrace = raw.split(/\n\s+0: /)[0] ?? raw;
  const message = withoutTrace.replace(/External error id#(\d+)/g, (text, id: string) => {
    const record = registry.consumeError(Number(id));
    return record === undefined ? text : driverMessage(record.error);
  });
  // The trace names the migration being applied when a migration's SQL fails.
  const migration = /migration_name="([^"]+)"/.exec(raw)?.[1];
  return firstLines(
    migration === undefined ? message : `Migration ${migration} failed: ${message}`,
  );
}

function firstLines(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
}
