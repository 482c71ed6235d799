import type { AuthContext, User, Where } from "better-auth";
import { CREDENTIAL_MODEL, type CredentialRow } from "./credential-table";
import type { ListPage } from "./list-page";

/** Better Auth's adapter, or the one a transaction's work runs on. */
export type StoreAdapter = Omit<AuthContext["adapter"], "transaction">;
type Adapter = StoreAdapter;

/**
 * Every database access either plugin makes, over Better Auth's adapter. Rows are scoped by
 * `configId` (the credential kind), and owner-scoped reads take the owner in the query, so one
 * user can never address another user's credential by id.
 */
export function createCredentialStore(configId: string, { joinsUser }: { joinsUser: boolean } = { joinsUser: true }) {
  const byId = (id: string) => [
    { field: "id", value: id },
    { field: "configId", value: configId },
  ];
  return {
    /**
     * The credential and, where `referenceId` is a foreign key to `user.id`, its user, in one
     * adapter call. With `advanced.database.joins` the adapter makes it one query; without,
     * Better Auth issues the second query itself. Elsewhere the caller reads the owner.
     */
    async findByHashWithUser(adapter: Adapter, hash: string): Promise<{ row: CredentialRow; user: User | null } | null> {
      // Joined only where `referenceId` is a foreign key to `user.id`: not in a table that also
      // holds organizations' keys, where the caller reads the owner itself.
      // The current hash or a roll's previous one, in one query on two indexed columns; the
      // previous one's deadline is judged by the caller (rolled-secret.ts), cached or not.
      // `configId` is checked here, not in the query: beside it, SQLite's planner (which knows no
      // table sizes until ANALYZE) chose the index on `configId`, the same value in nearly every
      // row, and read every key of the kind on each cache miss. A hash is unique to its secret,
      // so at most one row matches.
      const found = await adapter.findOne<CredentialRow & { user?: User | null }>({
        model: CREDENTIAL_MODEL,
        where: [
          { field: "key", value: hash, connector: "OR" },
          { field: "previousKey", value: hash, connector: "OR" },
        ],
        ...(joinsUser ? { join: { user: true } } : {}),
      });
      if (!found || found.configId !== configId) return null;
      const { user, ...row } = found;
      return { row, user: user ?? null };
    },
    findOwned(adapter: Adapter, id: string, userId: string) {
      return adapter.findOne<CredentialRow>({
        model: CREDENTIAL_MODEL,
        where: [
          { field: "id", value: id },
          { field: "referenceId", value: userId },
          { field: "configId", value: configId },
        ],
      });
    },
    listOwned(adapter: Adapter, userId: string, page: ListPage) {
      return adapter.findMany<CredentialRow>({
        model: CREDENTIAL_MODEL,
        where: [
          { field: "referenceId", value: userId },
          { field: "configId", value: configId },
        ],
        sortBy: page.sortBy,
        limit: page.limit,
        offset: page.offset,
      });
    },
    countOwned(adapter: Adapter, userId: string) {
      return adapter.count({
        model: CREDENTIAL_MODEL,
        where: [
          { field: "referenceId", value: userId },
          { field: "configId", value: configId },
        ],
      });
    },
    /**
     * Deletes the owner's credentials that expired before `now`; never-expiring ones (null) stay.
     * Found first, then deleted by id: a DELETE that searched the owner's index would, on
     * MySQL and MariaDB, lock the gaps beside its entries until the commit, and a create of the
     * owner whose id sorts next to this one would deadlock with it.
     */
    async deleteExpiredOwned(adapter: Adapter, userId: string, now: Date): Promise<void> {
      await deleteFound(adapter, [
        { field: "referenceId", value: userId },
        { field: "configId", value: configId },
        { field: "expiresAt", operator: "lt", value: now },
        { field: "expiresAt", operator: "ne", value: null },
      ]);
    },
    /** The ids of every credential of an owner, a page at a time: however many there are. */
    async ownedIds(adapter: Adapter, ownerId: string): Promise<string[]> {
      const ids: string[] = [];
      for (;;) {
        const found = await adapter.findMany<{ id: string }>({
          model: CREDENTIAL_MODEL,
          where: [
            { field: "referenceId", value: ownerId },
            { field: "configId", value: configId },
          ],
          select: ["id"],
          // An order, so that no row is read twice or skipped between pages.
          sortBy: { field: "id", direction: "asc" },
          limit: PAGE,
          offset: ids.length,
        });
        ids.push(...found.map((row) => row.id));
        if (found.length < PAGE) return ids;
      }
    },
    /** Deletes every credential of an owner, returning their ids (to refuse them everywhere at once). */
    deleteAllOwned(adapter: Adapter, ownerId: string): Promise<string[]> {
      return deleteFound(adapter, [
        { field: "referenceId", value: ownerId },
        { field: "configId", value: configId },
      ]);
    },
    findById(adapter: Adapter, id: string) {
      return adapter.findOne<CredentialRow>({
        model: CREDENTIAL_MODEL,
        where: byId(id),
      });
    },
    /**
     * Spends one use while `remaining` is above 0: one conditional decrement the database
     * applies atomically (`incrementOne`), so parallel requests, on any instance, never spend
     * the same use twice. `null` when no use was left (or the row is gone).
     */
    spendOne(adapter: Adapter, id: string) {
      return adapter.incrementOne<CredentialRow>({
        model: CREDENTIAL_MODEL,
        where: [...byId(id), { field: "remaining", operator: "gt", value: 0 }],
        increment: { remaining: -1 },
      });
    },
    /**
     * Refills `seen`'s quota to `refillAmount` and spends one use of it, only while the row is
     * still as `seen` (same `remaining`) and the refill still due (`lastRefillAt` not moved past
     * `dueBefore`): of parallel requests that all saw a refill due, one refills. `null` otherwise.
     */
    refillAndSpendOne(adapter: Adapter, seen: CredentialRow, refillAmount: number, dueBefore: Date, now: Date) {
      const refillGuard = seen.lastRefillAt
        ? { field: "lastRefillAt", operator: "lte" as const, value: dueBefore }
        : { field: "lastRefillAt", value: null };
      return adapter.incrementOne<CredentialRow>({
        model: CREDENTIAL_MODEL,
        where: [...byId(seen.id), { field: "remaining", value: seen.remaining ?? 0 }, refillGuard],
        increment: { remaining: refillAmount - 1 - (seen.remaining ?? 0) },
        set: { lastRefillAt: now },
      });
    },
    /**
     * Writes a rolled secret only if the row still holds `expectedKey`: a compare-and-set, so two
     * rolls racing on any instances never both believe they replaced the same secret.
     */
    replaceSecret(adapter: Adapter, id: string, expectedKey: string, update: Partial<CredentialRow>) {
      return adapter.update<CredentialRow>({
        model: CREDENTIAL_MODEL,
        where: [...byId(id), { field: "key", value: expectedKey }],
        update,
      });
    },
    insert(adapter: Adapter, data: Omit<CredentialRow, "id">) {
      return adapter.create<Omit<CredentialRow, "id">, CredentialRow>({ model: CREDENTIAL_MODEL, data });
    },
    update(adapter: Adapter, id: string, update: Partial<CredentialRow>) {
      return adapter.update<CredentialRow>({ model: CREDENTIAL_MODEL, where: byId(id), update });
    },
    /** Writes only while `remaining` is still `expected`: null when a use or a refill changed it first. */
    updateIfRemaining(adapter: Adapter, id: string, expected: number, update: Partial<CredentialRow>) {
      return adapter.update<CredentialRow>({ model: CREDENTIAL_MODEL, where: [...byId(id), { field: "remaining", value: expected }], update });
    },
    delete(adapter: Adapter, id: string) {
      return adapter.delete({ model: CREDENTIAL_MODEL, where: byId(id) });
    },
  };
}

export type CredentialStore = ReturnType<typeof createCredentialStore>;

/** Rows read (and deleted) per round: Better Auth's adapters return 100 rows unless told otherwise. */
const PAGE = 500;

/**
 * Deletes the rows `where` matches, by id, a page at a time until none is left, and returns the
 * ids deleted: every one of them, for the caller to refuse everywhere, however many there are.
 */
async function deleteFound(adapter: Adapter, where: Where[]): Promise<string[]> {
  const deleted: string[] = [];
  for (;;) {
    const found = await adapter.findMany<{ id: string }>({ model: CREDENTIAL_MODEL, where, select: ["id"], limit: PAGE });
    if (found.length === 0) return deleted;
    const ids = found.map((row) => row.id);
    await adapter.deleteMany({ model: CREDENTIAL_MODEL, where: [{ field: "id", operator: "in", value: ids }] });
    deleted.push(...ids);
    if (found.length < PAGE) return deleted;
  }
}
