import { kyselyAdapter } from "@better-auth/kysely-adapter";
import { memoryAdapter, type MemoryDB } from "@better-auth/memory-adapter";
import type { BetterAuthOptions } from "better-auth";
import { getAuthTables } from "better-auth/db";
import { getMigrations } from "better-auth/db/migration";
import { Kysely, MysqlDialect, PostgresDialect, sql } from "kysely";
import { loadDriver } from "./load-driver";

export type TestAdapterName = "memory" | "sqlite" | "postgres" | "mysql";

/** The adapter every suite runs on, chosen per vitest project through TEST_ADAPTER. */
export function testAdapterName(): TestAdapterName {
  const name = process.env.TEST_ADAPTER ?? "memory";
  if (name !== "memory" && name !== "sqlite" && name !== "postgres" && name !== "mysql") {
    throw new Error(`TEST_ADAPTER must be memory, sqlite, postgres or mysql; got ${name}`);
  }
  return name;
}

type Rows = Record<string, Record<string, unknown>[]>;
type AdapterFactory = (options: BetterAuthOptions) => object;

/** A database for one test instance (and any instance that shares it), migrated on first use. */
export interface TestStorage {
  name: TestAdapterName;
  /** Better Auth's `database` option: every call waits for the migration to finish. */
  factory: AdapterFactory;
  /** The raw memory database, for the memory adapter only. */
  memory: MemoryDB | undefined;
  /** The PostgreSQL schema or MySQL database of its own, for other processes to open; none for memory and SQLite. */
  schema: string | undefined;
  /** Every row of every table, as stored: for scans that assert what is (not) at rest. */
  readAllRows(): Promise<Rows>;
  /**
   * SQLite only: the last statements run and how SQLite plans one. Its planner ignores table
   * sizes until ANALYZE, so a plan here is the plan a large table gets: a test can assert that a
   * lookup uses the index it needs, where a timing would only be noise.
   */
  sqlite?: {
    recentStatements(): { sql: string; parameters: readonly unknown[] }[];
    queryPlan(sql: string, parameters: readonly unknown[]): Promise<string[]>;
  };
  close(): Promise<void>;
}

const open = new Set<TestStorage>();

/** Closes every storage opened in this test file (wired to `afterAll` by the setup file). */
export async function closeAllTestStorage() {
  const closing = [...open].map((storage) => storage.close());
  open.clear();
  await Promise.all(closing);
}

export function openTestStorage(name: TestAdapterName, memory?: MemoryDB): TestStorage {
  const storage = name === "memory" ? openMemory(memory ?? {}) : openSql(name);
  open.add(storage);
  return storage;
}

function openMemory(db: MemoryDB): TestStorage {
  return {
    name: "memory",
    memory: db,
    schema: undefined,
    factory: (options) => {
      // The memory adapter wants every table to exist, as a migration would have made them.
      for (const table of Object.values(getAuthTables(options))) db[table.modelName] ??= [];
      return memoryAdapter(db)(options);
    },
    readAllRows: async () => structuredClone(db) as Rows,
    close: async () => {},
  };
}

function openSql(name: "sqlite" | "postgres" | "mysql"): TestStorage {
  const statements: { sql: string; parameters: readonly unknown[] }[] = [];
  const { kysely, prepare, drop, schema, introspecting } =
    name === "sqlite" ? sqliteDatabase(statements) : name === "postgres" ? postgresDatabase() : mysqlDatabase();
  const type = name;
  // Instances sharing this storage migrate one after another, never concurrently.
  let migrations: Promise<unknown> = prepare();
  const migrate = (options: BetterAuthOptions) => {
    migrations = migrations.then(() =>
      introspecting(async (db) => {
        const { runMigrations } = await getMigrations({ ...options, database: { db, type } });
        await runMigrations();
      }),
    );
    return migrations;
  };
  const sqlite: TestStorage["sqlite"] =
    name === "sqlite"
      ? {
          recentStatements: () => [...statements],
          async queryPlan(statement, parameters) {
            // The statement as Kysely ran it, its parameters bound again in order.
            const bound = sql.join(statement.split("?").map((text, index) => (index === 0 ? sql.raw(text) : sql`${parameters[index - 1]}${sql.raw(text)}`)), sql.raw(""));
            const { rows } = await sql<{ detail: string }>`EXPLAIN QUERY PLAN ${bound}`.execute(kysely);
            return rows.map((row) => row.detail);
          },
        }
      : undefined;
  return {
    name,
    memory: undefined,
    schema,
    ...(sqlite ? { sqlite } : {}),
    factory: (options) => {
      const ready = migrate(options);
      // PostgreSQL and MySQL run in real transactions, as Better Auth makes them for a `pg` or
      // `mysql2` pool passed as `database`. libSQL's client gives a transaction a connection of
      // its own, which for an in-memory database is an empty one, so SQLite runs as a libSQL
      // dialect does by default.
      const adapter = kyselyAdapter(kysely, { type, transaction: name !== "sqlite" });
      return waitFor(ready, adapter(options) as Record<string, unknown>);
    },
    async readAllRows() {
      await migrations;
      // Introspection lists every schema's tables; only this storage's are read.
      const tables = (await introspecting((db) => db.introspection.getTables())).filter(
        (table) => schema === undefined || table.schema === schema,
      );
      const rows: Rows = {};
      for (const table of tables) {
        rows[table.name] = (await kysely.selectFrom(table.name).selectAll().execute()) as Record<string, unknown>[];
      }
      return rows;
    },
    async close() {
      await migrations.catch(() => undefined);
      await drop();
      await kysely.destroy();
    },
  };
}

/** How many statements a SQLite storage remembers for `recentStatements()`. */
const REMEMBERED_STATEMENTS = 200;

function sqliteDatabase(statements: { sql: string; parameters: readonly unknown[] }[]) {
  const kysely = new Kysely<Record<string, Record<string, unknown>>>({
    dialect: new (loadDriver("@libsql/kysely-libsql").LibsqlDialect)({ client: loadDriver("@libsql/client").createClient({ url: ":memory:" }) }),
    log(event) {
      if (event.level !== "query") return;
      statements.push({ sql: event.query.sql, parameters: event.query.parameters });
      if (statements.length > REMEMBERED_STATEMENTS) statements.shift();
    },
  });
  return { kysely, prepare: async () => {}, drop: async () => {}, schema: undefined, introspecting: inPlace(kysely) };
}

type TestKysely = Kysely<Record<string, Record<string, unknown>>>;

/** Runs a step that introspects the database on the storage's own connections: nothing to wait for. */
function inPlace(kysely: TestKysely) {
  return <T>(step: (db: TestKysely) => Promise<T>) => step(kysely);
}

/**
 * PostgreSQL advisory lock between steps that introspect the whole database (Better Auth's
 * migrations do) and schema drops, across every test process. Introspection lists every schema's
 * tables, then asks about each by name: a schema another test file dropped in between makes it
 * fail with "schema … does not exist" (3F000), for a schema that is not its own. Retrying was not
 * enough: while a file drops its schemas one after another, five retries in a row could fail.
 * The number is arbitrary; it only has to be the same everywhere.
 */
const SCHEMA_DROP_LOCK = 7_316_449_021;

/** Introspection holds the lock shared (many at once), a drop exclusive, each on one connection. */
function postgresSchemaLock(kysely: TestKysely) {
  const holding =
    (mode: "shared" | "exclusive") =>
    <T>(step: (db: TestKysely) => Promise<T>) =>
      kysely.connection().execute(async (db) => {
        await (mode === "shared" ? sql`select pg_advisory_lock_shared(${SCHEMA_DROP_LOCK})` : sql`select pg_advisory_lock(${SCHEMA_DROP_LOCK})`).execute(db);
        try {
          return await step(db);
        } finally {
          await (mode === "shared" ? sql`select pg_advisory_unlock_shared(${SCHEMA_DROP_LOCK})` : sql`select pg_advisory_unlock(${SCHEMA_DROP_LOCK})`).execute(db);
        }
      });
  return { introspecting: holding("shared"), dropping: holding("exclusive") };
}

/** A schema of its own per test instance, dropped on close: runs never see each other's rows. */
function postgresDatabase() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("TEST_ADAPTER=postgres needs DATABASE_URL");
  const schema = `bat_test_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const pool = postgresPool(url, schema);
  const kysely: TestKysely = new Kysely({ dialect: new PostgresDialect({ pool }) });
  const { introspecting, dropping } = postgresSchemaLock(kysely);
  return {
    kysely,
    schema,
    prepare: () => sql`create schema if not exists ${sql.id(schema)}`.execute(kysely),
    drop: () => dropping((db) => sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db)).then(() => undefined),
    introspecting,
  };
}

/**
 * A `pg` Pool whose connections see `schema` first (search_path), as an app passes one to Better
 * Auth as `database`: for a server in another process on a test instance's schema.
 */
export function postgresPool(url: string, schema: string, max = 8) {
  return new (loadDriver("pg").Pool)({ connectionString: url, options: `-c search_path=${schema}`, max });
}

/** A database of its own per test instance on MySQL / MariaDB, dropped on close. */
function mysqlDatabase() {
  const url = process.env.MYSQL_URL;
  if (!url) throw new Error("TEST_ADAPTER=mysql needs MYSQL_URL");
  const schema = `bat_test_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const { createPool: createMysqlPool } = loadDriver("mysql2");
  // Idle connections are closed within a second or two: a test file opens an instance per test
  // and closes them all at its end, and held open they reached MariaDB's 151 connections.
  const idle = { maxIdle: 0, idleTimeout: 1000 };
  const admin = createMysqlPool({ uri: url, connectionLimit: 1, ...idle });
  const run = (statement: string) =>
    new Promise<void>((resolve, reject) => admin.query(statement, (error) => (error ? reject(error) : resolve())));
  // mysql2 connects lazily: the pool's first query comes after `prepare` created the database.
  const pool = createMysqlPool({ uri: url, database: schema, connectionLimit: 8, dateStrings: false, ...idle });
  const kysely: TestKysely = new Kysely({ dialect: new MysqlDialect({ pool }) });
  return {
    kysely,
    schema,
    // MySQL's introspection reads the current database only: other files' drops do not reach it.
    introspecting: inPlace(kysely),
    prepare: () => run(`create database if not exists \`${schema}\``),
    drop: async () => {
      await run(`drop database if exists \`${schema}\``);
      await new Promise<void>((resolve) => admin.end(() => resolve()));
    },
  };
}

/** Wraps an adapter so each call first waits for `ready` (the migration). */
function waitFor(ready: Promise<unknown>, adapter: Record<string, unknown>) {
  const wrapped: Record<string, unknown> = { ...adapter };
  for (const [key, value] of Object.entries(adapter)) {
    if (typeof value !== "function") continue;
    wrapped[key] = async (...args: unknown[]) => {
      await ready;
      return (value as (...a: unknown[]) => unknown).apply(adapter, args);
    };
  }
  return wrapped;
}
