import Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import {
  ColumnTypeEnum,
  type ArgType,
  type SqlDriverAdapter,
  type SqlDriverAdapterFactory,
  type SqlResultSet,
} from '@prisma/driver-adapter-utils';

import { withDispose } from './changes.js';

/**
 * Reads that skip the query engine: a SELECT written for each database, its rows converted
 * as Prisma converts the column types such reads select (see `converted`). On PostgreSQL it
 * runs on the client's own pool (its driver adapter, as Prisma connected it); on an SQLite
 * file, on a read-only connection of its own ({@link SqliteReader}).
 *
 * On a hot read the engine costs several times the statement itself: on SQLite a page of the
 * submission list takes about 0.1 ms in the driver and 0.5 ms through the client. A reader
 * written this way lives beside its Prisma form, which stays its specification (the
 * readable form is the rule), and a property test holds the two equal on both databases.
 */

/** A value a direct read binds: text or a whole number. */
export type DirectArg = string | number;

/** A value of a row as Prisma gives it for the column's type. */
export type DirectValue = string | number | boolean | Date | null;

export type DirectRow = Readonly<Record<string, DirectValue>>;

/** The adapter Prisma is connected through, held for the direct reads of one client. */
export interface AdapterHolder {
  adapter: SqlDriverAdapter | null;
}

/**
 * `factory`, remembering in `holder` the adapter Prisma connects through for as long as it
 * is connected.
 */
export function holdAdapter(
  factory: SqlDriverAdapterFactory,
  holder: AdapterHolder,
  onDispose: () => void = () => {},
): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      holder.adapter = adapter;
      return withDispose(adapter, async () => {
        if (holder.adapter === adapter) holder.adapter = null;
        onDispose();
      });
    },
  };
}

/**
 * One SELECT: nothing written this way would be announced to the read caches, and a second
 * statement after a `;` would run unchecked.
 */
const ONE_SELECT = /^\s*SELECT\b[^;]*$/i;

/** How a bound value is typed for the adapter. */
function argType(value: DirectArg): ArgType {
  return Number.isInteger(value)
    ? { scalarType: 'int', arity: 'scalar' }
    : { scalarType: 'string', arity: 'scalar' };
}

/**
 * A value of `type` as the adapter returned it, as Prisma gives it: text, whole numbers (a
 * count too: PostgreSQL's are 64-bit), floats, booleans, dates. Any other type (decimals,
 * bytes, JSON, arrays) is not read this way.
 */
function converted(value: unknown, type: number): DirectValue {
  if (value === null || value === undefined) return null;
  switch (type) {
    case ColumnTypeEnum.Text:
    case ColumnTypeEnum.Character:
    case ColumnTypeEnum.Enum:
    case ColumnTypeEnum.Uuid:
      return String(value as string);
    case ColumnTypeEnum.DateTime:
    case ColumnTypeEnum.Date:
      return new Date(value as string | number);
    case ColumnTypeEnum.Boolean:
      return value === true || value === 1 || value === '1' || value === 't';
    case ColumnTypeEnum.Int32:
    case ColumnTypeEnum.Float:
    case ColumnTypeEnum.Double:
      return Number(value);
    case ColumnTypeEnum.Int64: {
      const n = Number(value);
      if (!Number.isSafeInteger(n)) throw new Error(`a 64-bit value beyond 2^53: ${String(value)}`);
      return n;
    }
    default:
      throw new Error(`a column of type ${type} is not read directly`);
  }
}

/** The rows of a result set as objects keyed by column name. */
function rowsOf(result: SqlResultSet): DirectRow[] {
  const { columnNames, columnTypes } = result;
  return result.rows.map((values) => {
    const row: Record<string, DirectValue> = {};
    for (let i = 0; i < columnNames.length; i++) {
      row[columnNames[i] as string] = converted(values[i], columnTypes[i] ?? ColumnTypeEnum.Text);
    }
    return row;
  });
}

/** A statement prepared on the reader's connection, with the types its columns are read as. */
interface PreparedSelect {
  readonly statement: Database.Statement;
  readonly columns: readonly { readonly name: string; readonly type: number | null }[];
}

/**
 * The direct reads of an SQLite file, on a read-only connection of their own with each
 * statement prepared once. Through the adapter every statement is prepared again, which on
 * a list page cost about half as much as running it. Like a read from PostgreSQL's pool, this
 * connection sees what has been committed, never a transaction still open on the client's.
 */
export class SqliteReader {
  #connection: Database.Database | null = null;
  readonly #statements = new LRUCache<string, PreparedSelect>({ max: 2_000 });

  constructor(private readonly file: string) {}

  /** The rows of `sql` with `args`, converted as Prisma converts their declared types. */
  select(sql: string, args: readonly DirectArg[]): DirectRow[] {
    const { statement, columns } = this.#statements.get(sql) ?? this.#prepare(sql);
    return (statement.all(...args) as unknown[][]).map((values) => {
      const row: Record<string, DirectValue> = {};
      for (let i = 0; i < columns.length; i++) {
        const column = columns[i] as PreparedSelect['columns'][number];
        row[column.name] = converted(values[i], column.type ?? typeOfValue(values[i]));
      }
      return row;
    });
  }

  #prepare(sql: string): PreparedSelect {
    this.#connection ??= new Database(this.file, {
      readonly: true,
      fileMustExist: true,
      timeout: 5_000,
    });
    const statement = this.#connection.prepare(sql).raw(true);
    const columns = statement.columns().map((c) => ({ name: c.name, type: declaredType(c.type) }));
    const prepared = { statement, columns };
    this.#statements.set(sql, prepared);
    return prepared;
  }

  /** Closes the connection; the next read opens it again. */
  close(): void {
    this.#statements.clear();
    this.#connection?.close();
    this.#connection = null;
  }
}

/**
 * The column type of a declared SQLite type as the schema's migrations declare them, or null
 * for an expression (a count); any other declaration is not read this way.
 */
function declaredType(declared: string | null): number | null {
  switch (declared?.toUpperCase() ?? '') {
    case '':
      return null;
    case 'TEXT':
      return ColumnTypeEnum.Text;
    case 'INTEGER':
      return ColumnTypeEnum.Int64;
    case 'BOOLEAN':
      return ColumnTypeEnum.Boolean;
    case 'DATETIME':
      return ColumnTypeEnum.DateTime;
    default:
      throw new Error(`a column declared ${String(declared)} is not read directly`);
  }
}

/** The type of an expression's value: a whole number (a count) or text. */
function typeOfValue(value: unknown): number {
  return typeof value === 'string' ? ColumnTypeEnum.Text : ColumnTypeEnum.Int64;
}

/**
 * Runs `sql` (a SELECT, with `?` placeholders on SQLite and `$1`… on PostgreSQL) on
 * `reader` when there is one, on the adapter in `holder` otherwise, connecting the client
 * first when it has not connected yet (the client sets up the file the reader opens).
 */
export async function directSelect(
  holder: AdapterHolder,
  reader: SqliteReader | null,
  connect: () => Promise<void>,
  sql: string,
  args: readonly DirectArg[],
): Promise<DirectRow[]> {
  if (!ONE_SELECT.test(sql)) throw new Error('a direct read must be one SELECT');
  if (holder.adapter === null) await connect();
  if (reader !== null) return reader.select(sql, args);
  const adapter = holder.adapter as SqlDriverAdapter | null;
  if (adapter === null) throw new Error('the database client is not connected');
  return rowsOf(await adapter.queryRaw({ sql, args: [...args], argTypes: args.map(argType) }));
}

/** A value a direct insert writes: the scalar types of this schema's columns. */
export type DirectWriteValue = string | number | boolean | Date | null;

/** A row to insert without the query engine: its table and the value of every column. */
export interface DirectInsert {
  readonly table: string;
  readonly row: Readonly<Record<string, DirectWriteValue>>;
}

/** A statement as the adapter runs it. */
type AdapterQuery = Parameters<SqlDriverAdapter['executeRaw']>[0];

/** How a written value is typed for the adapter, which converts it as for Prisma's own writes. */
function writeArgType(value: DirectWriteValue): ArgType {
  if (value instanceof Date) return { scalarType: 'datetime', arity: 'scalar' };
  if (typeof value === 'boolean') return { scalarType: 'boolean', arity: 'scalar' };
  if (typeof value === 'number') {
    return { scalarType: Number.isInteger(value) ? 'int' : 'float', arity: 'scalar' };
  }
  return { scalarType: 'string', arity: 'scalar' };
}

/** The INSERT of `insert`, each value bound through `bind`, which gives its `?` or `$n`. */
function insertSql(insert: DirectInsert, bind: (value: DirectWriteValue) => string): string {
  const columns = Object.entries(insert.row);
  const values = columns.map(([column, value]: [string, DirectWriteValue | undefined]) => {
    // Prisma leaves a column given as undefined to its default; a direct insert has none.
    if (value === undefined) throw new Error(`${insert.table}.${column}: no value to insert`);
    return bind(value);
  });
  return (
    `INSERT INTO "${insert.table}" (${columns.map(([c]) => `"${c}"`).join(', ')}) ` +
    `VALUES (${values.join(', ')})`
  );
}

/** A notice to send with the rows, only if they are committed (PostgreSQL's NOTIFY). */
export interface DirectNotice {
  readonly channel: string;
  readonly text: string;
}

/**
 * Inserts `inserts` in one transaction without the query engine, through `adapter`, the one
 * Prisma connected: on SQLite its connection and its lock (BEGIN, each INSERT, COMMIT, as
 * Prisma runs a transaction there); on PostgreSQL one statement on its pool, each row an
 * INSERT in a WITH clause, `notice` sent by the same statement, so one round trip where
 * Prisma's transaction takes one per statement. Reports each statement to `onQuery`.
 */
export async function insertDirect(
  adapter: SqlDriverAdapter,
  postgres: boolean,
  inserts: readonly DirectInsert[],
  notice: DirectNotice | null,
  onQuery: (query: AdapterQuery) => void,
): Promise<void> {
  if (postgres) {
    const args: DirectWriteValue[] = [];
    const bind = (value: DirectWriteValue) => {
      args.push(value);
      return `$${args.length}`;
    };
    const rows = inserts.map((insert, i) => `"row${i}" AS (${insertSql(insert, bind)})`);
    const last =
      notice === null
        ? 'SELECT 1'
        : `SELECT pg_notify(${bind(notice.channel)}, ${bind(notice.text)})`;
    const query = {
      sql: `WITH ${rows.join(', ')} ${last}`,
      args,
      argTypes: args.map(writeArgType),
    };
    await adapter.executeRaw(query);
    onQuery(query);
    return;
  }
  if (notice !== null) throw new Error('SQLite takes no notices');
  const tx = await adapter.startTransaction();
  const ran: AdapterQuery[] = [];
  try {
    for (const insert of inserts) {
      const args: DirectWriteValue[] = [];
      const sql = insertSql(insert, (value) => {
        args.push(value);
        return '?';
      });
      const query = { sql, args, argTypes: args.map(writeArgType) };
      await tx.executeRaw(query);
      ran.push(query);
    }
    const commit = { sql: 'COMMIT', args: [], argTypes: [] };
    await tx.executeRaw(commit);
    ran.push(commit);
  } catch (error) {
    try {
      await tx.executeRaw({ sql: 'ROLLBACK', args: [], argTypes: [] });
    } catch {
      // SQLite may have ended the transaction itself (an I/O error): nothing is left open,
      // and the error that stopped the insert is the one to report.
    } finally {
      await tx.rollback();
    }
    throw error;
  }
  await tx.commit();
  // Told once committed: nothing after the COMMIT may be taken for a failed insert.
  for (const query of ran) onQuery(query);
}
