import type { AuthContext } from "better-auth";
import type { StoreAdapter } from "./credential-store";
import { credentialError } from "./credential-errors";
import { isTransactionConflict } from "./store-failure";

type Adapter = AuthContext["adapter"];

/**
 * Adapters whose transactions hold one database connection (or session) from begin to commit,
 * on SQL databases where an UPDATE keeps its row locked until the commit: PostgreSQL, MySQL and
 * MariaDB (InnoDB), SQL Server, and SQLite, whose single writer lock serializes every write.
 * The memory adapter's transactions work on a copy and lock nothing; MongoDB's abort on a write
 * conflict instead of waiting, which would turn parallel creates into errors.
 */
const ROW_LOCKING_ADAPTERS = new Set(["kysely", "drizzle", "prisma"]);

/** How often a changing `updatedAt` may send the lock back to read it again before it stops comparing. */
const MAX_COMPARED_ATTEMPTS = 3;
/**
 * How often a transaction the database rolled back to break a deadlock is run again. Creates for
 * different owners do not wait for each other, but InnoDB's locks on neighbouring index entries
 * can still tie two of them together now and then; the database picks one to roll back.
 */
const MAX_CONFLICT_RETRIES = 3;

export function locksOwnerRow(adapter: Adapter): boolean {
  const config = adapter.options?.adapterConfig;
  return Boolean(config?.transaction) && ROW_LOCKING_ADAPTERS.has(config?.adapterId ?? "");
}

/**
 * The owner's row and a column the lock writes back unchanged. A user's `updatedAt`: Better Auth
 * would stamp `updatedAt` on any update that does not set it, and a key's creation must not look
 * like a profile change in the user's sessions. An organization has no `updatedAt`: its `slug`,
 * a plain string, is written back as read.
 */
const LOCKED_COLUMN = { user: "updatedAt", organization: "slug" } as const;
export type OwnerModel = keyof typeof LOCKED_COLUMN;

/**
 * Runs `work` so that no other `work` for the same owner, on any instance, runs at the same
 * time: inside one transaction that first locks the owner's row (`user`, or `organization` for
 * an organization's keys), held until the commit. A second create for the owner waits at that
 * lock, then counts the first one's row: the cap holds across a fleet. Where the adapter cannot
 * lock a row, `work` runs on the plain adapter (the caller's in-process lock still serializes
 * creates within the instance).
 *
 * The lock is an UPDATE that writes one column back unchanged (`LOCKED_COLUMN`). The value is
 * read outside the transaction (a read inside would fix InnoDB's snapshot before the lock, and
 * the count would miss rows committed while waiting), and the UPDATE only matches that value, so
 * a change landing in between is never rolled back: the lock is taken again with the new value.
 * A stored time finer than JavaScript's milliseconds can never match; seen unchanged twice, it is
 * written back as read. A transaction rolled back by a deadlock is run again, after a short
 * random pause, up to `MAX_CONFLICT_RETRIES` times. An owner deleted before its row is locked
 * is a 404 (`ORGANIZATION_NOT_FOUND`, `USER_ID_NOT_FOUND`), with nothing written.
 */
export async function withOwnerRowLock<T>(
  adapter: Adapter,
  ownerId: string,
  work: (adapter: StoreAdapter) => Promise<T>,
  model: OwnerModel = "user",
): Promise<T> {
  if (!locksOwnerRow(adapter)) return work(adapter);
  const column = LOCKED_COLUMN[model];
  let previous: unknown = undefined;
  let changedRetries = 0;
  let conflicts = 0;
  for (;;) {
    const owner = await adapter.findOne<Record<string, unknown>>({ model, where: [{ field: "id", value: ownerId }] });
    // Deleted since the caller was checked: a credential written now would outlive its owner
    // (an organization's has no foreign key to stop it), and a user's would fail on its key.
    if (!owner) throw ownerGone(model);
    const value = owner[column] as Date | string | null;
    const compare = changedRetries < MAX_COMPARED_ATTEMPTS && comparable(value) !== previous;
    const outcome = await adapter
      .transaction(async (trx) => {
        const where = [{ field: "id", value: ownerId }];
        if (compare) where.push({ field: column, value: value as never });
        const locked = await trx.updateMany({ model, where, update: { [column]: value } });
        if (locked === 0 && compare) return { retry: "changed" as const };
        if (locked === 0 && !(await trx.findOne({ model, where: [{ field: "id", value: ownerId }] }))) throw ownerGone(model);
        return { retry: null, value: await work(trx) };
      })
      .catch(async (error: unknown) => {
        if (!isTransactionConflict(error) || conflicts >= MAX_CONFLICT_RETRIES) throw error;
        conflicts += 1;
        // Apart, so the two transactions that deadlocked do not meet again in step.
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
        return { retry: "conflict" as const };
      });
    if (outcome.retry === null) return outcome.value;
    if (outcome.retry === "changed") {
      changedRetries += 1;
      previous = comparable(value);
    }
  }
}

function ownerGone(model: OwnerModel) {
  return credentialError(model === "organization" ? "ORGANIZATION_NOT_FOUND" : "USER_ID_NOT_FOUND");
}

function comparable(value: Date | string | null): number | string | null {
  if (value === null || typeof value === "string") return value;
  return new Date(value).getTime();
}
