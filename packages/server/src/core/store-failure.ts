import type { AuthContext } from "better-auth";
import { isAPIError } from "better-auth/api";
import { credentialError } from "./credential-errors";

/**
 * Drivers' codes for a transaction the database rolled back to break a conflict with another:
 * MySQL and MariaDB's deadlock (`ER_LOCK_DEADLOCK`, errno 1213), PostgreSQL's deadlock (`40P01`)
 * and serialization failure (`40001`), and Prisma's name for either (`P2034`, which Prisma's
 * docs say to retry). Such a transaction changed nothing and may be run again.
 */
const CONFLICT_CODES = new Set(["ER_LOCK_DEADLOCK", "40P01", "40001", "P2034"]);
const MYSQL_DEADLOCK_ERRNO = 1213;

/** Whether `error` (or what it wraps: some ORMs wrap the driver's error) is such a rollback. */
export function isTransactionConflict(error: unknown): boolean {
  for (let current = error, depth = 0; typeof current === "object" && current !== null && depth < 4; depth += 1) {
    const { code, errno, cause } = current as { code?: unknown; errno?: unknown; cause?: unknown };
    if ((typeof code === "string" && CONFLICT_CODES.has(code)) || errno === MYSQL_DEADLOCK_ERRNO) return true;
    current = cause;
  }
  return false;
}

/**
 * Runs database work whose queries carry a credential's hash (a create, a roll, a lookup by
 * value) and turns a database failure into 503 `STORAGE_UNAVAILABLE`. Left to Better Auth, the
 * error would be logged whole, and drivers put the query with its values in it (mysql2's `sql`):
 * the hash would reach the log. Logged here by name and driver code only. Our own refusals
 * (`APIError`s) pass through unchanged.
 */
export async function hidingStoredValues<T>(context: AuthContext, action: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isAPIError(error)) throw error;
    context.logger.error(`Could not ${action}: ${describeSafely(error)}`);
    throw credentialError("STORAGE_UNAVAILABLE");
  }
}

/**
 * Runs cleanup that must not hide the outcome it follows (an undo after a failure, a discard
 * after a lost race): a failure is logged as `hidingStoredValues` logs one, and swallowed.
 */
export async function bestEffort(context: AuthContext, action: string, work: () => unknown): Promise<void> {
  try {
    await work();
  } catch (error) {
    context.logger.error(`Could not ${action}: ${describeSafely(error)}`);
  }
}

/**
 * Messages that name a missing table or column, and nothing else: the usual sign of a migration
 * not run, worth showing whole. Matched entirely, identifiers only, so no value can be in one.
 */
const MISSING_SCHEMA =
  /^(?:(?:relation|column) "[\w.]+"(?: of relation "[\w.]+")? does not exist|Table '[\w.]+' doesn't exist|Unknown column '[\w.]+' in '[\w ]+'|no such (?:table|column): [\w.]+)$/;

/**
 * The error's class and the driver's code, which name the failure and never hold a value. An
 * error with no driver's code is more likely a fault in code than in the database: its first
 * stack frames (function names and files, never the message) say where it was thrown.
 */
function describeSafely(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  const coded = typeof code === "string" && /^[A-Z0-9_]{1,40}$/.test(code);
  const named = coded ? `${error.name} (${code})` : error.name;
  if (MISSING_SCHEMA.test(error.message)) return `${named}: ${error.message}; run Better Auth's migration`;
  if (coded) return named;
  const frames = (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line)).slice(0, 3);
  return frames.length > 0 ? `${error.name} ${frames.map((line) => line.trim()).join(" < ")}` : error.name;
}
