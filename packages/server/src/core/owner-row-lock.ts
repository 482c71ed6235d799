import type { AuthContext } from "better-auth";
import type { StoreAdapter } from "./credential-store";

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

export function locksOwnerRow(adapter: Adapter): boolean {
  const config = adapter.options?.adapterConfig;
  return Boolean(config?.transaction) && ROW_LOCKING_ADAPTERS.has(config?.adapterId ?? "");
}

/**
 * Runs `work` so that no other `work` for the same owner, on any instance, runs at the same
 * time: inside one transaction that first locks the owner's `user` row, held until the commit.
 * A second create for the owner waits at that lock, then counts the first one's row: the cap
 * holds across a fleet. Where the adapter cannot lock a row, `work` runs on the plain adapter
 * (the caller's in-process lock still serializes creates within the instance).
 *
 * The lock is an UPDATE that writes the row's `updatedAt` back unchanged: Better Auth would stamp
 * `updatedAt` on any update that does not set it, and a key's creation must not look like a
 * profile change in the user's sessions. The value is read outside the transaction (a read
 * inside would fix InnoDB's snapshot before the lock, and the count would miss rows committed
 * while waiting), and the UPDATE only matches that value, so a profile update landing in between
 * is never rolled back: the lock is taken again with the new value. A stored time finer than
 * JavaScript's milliseconds can never match; seen unchanged twice, it is written back as read.
 */
export async function withOwnerRowLock<T>(adapter: Adapter, userId: string, work: (adapter: StoreAdapter) => Promise<T>): Promise<T> {
  if (!locksOwnerRow(adapter)) return work(adapter);
  let previous: unknown = undefined;
  for (let attempt = 1; ; attempt += 1) {
    const owner = await adapter.findOne<{ updatedAt: Date | null }>({ model: "user", where: [{ field: "id", value: userId }] });
    // No owner row to lock: the insert fails on its own (foreign key), as without the lock.
    if (!owner) return adapter.transaction((trx) => work(trx));
    const compare = attempt <= MAX_COMPARED_ATTEMPTS && instant(owner.updatedAt) !== previous;
    const outcome = await adapter.transaction(async (trx) => {
      const where = [{ field: "id", value: userId }];
      if (compare) where.push({ field: "updatedAt", value: owner.updatedAt as never });
      const locked = await trx.updateMany({ model: "user", where, update: { updatedAt: owner.updatedAt } });
      if (locked === 0 && compare) return { retry: true as const };
      return { retry: false as const, value: await work(trx) };
    });
    if (!outcome.retry) return outcome.value;
    previous = instant(owner.updatedAt);
  }
}

function instant(value: Date | null): number | null {
  return value === null ? null : new Date(value).getTime();
}
