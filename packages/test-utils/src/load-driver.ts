import { createRequire } from "node:module";

/** The database and Redis drivers the harness can use, by package name. */
interface Drivers {
  pg: typeof import("pg");
  mysql2: typeof import("mysql2");
  ioredis: typeof import("ioredis");
  "@libsql/client": typeof import("@libsql/client");
  "@libsql/kysely-libsql": typeof import("@libsql/kysely-libsql");
}

const require = createRequire(import.meta.url);

/**
 * A driver, loaded on first use. Each test file loads its modules afresh, and loading all five
 * drivers took over half a second per file: a project on one database should load only its own.
 * They are CommonJS packages, so `require` loads them synchronously where a storage is opened.
 */
export function loadDriver<Name extends keyof Drivers>(name: Name): Drivers[Name] {
  return require(name) as Drivers[Name];
}
