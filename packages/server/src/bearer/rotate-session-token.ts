import type { GenericEndpointContext } from "better-auth";
import { bestEffort } from "../core/store-failure";

/**
 * Swaps a session token for a new session, once: `create` makes the new session from the stored
 * one (every field, the `returned: false` ones that Better Auth's session lookup leaves out
 * included). Returns the new session, with the old one gone, or `null` when the token was already
 * refreshed (another refresh won), with nothing left behind. Nothing here hands the new token out:
 * the caller does, after this returns.
 *
 * The token is claimed atomically in the store every server instance shares, so parallel
 * refreshes of one token (on one instance or several) let exactly one through; an in-process lock
 * would only order the requests one instance sees. A store that fails part-way loses nothing: the
 * old token stays valid and can be refreshed again, and no new session is left behind (cleanup
 * that fails too is logged; its session's token was never handed out).
 *
 * - With `secondaryStorage` (where Better Auth keeps sessions then), its atomic `increment` on a
 *   claim key: only the caller that sees 1 wins, then creates. The old session is deleted last;
 *   if anything fails after the claim, the new session is deleted and the claim key released.
 * - Storages without `increment`: `getAndDelete` on the session itself, then the new session. A
 *   failure after the claim deletes the new session and puts the old one back, which a storage
 *   that is still down cannot take: there, and only there, the old session is lost.
 * - Otherwise the session row: read first, the new session created, then the adapter's
 *   `consumeOne` (Better Auth's primitive for single-use credentials) deletes the old row and
 *   returns it to one caller only. A lost or failed claim deletes the new session.
 */
export async function rotateSessionToken<S extends { token: string }>(
  ctx: GenericEndpointContext,
  session: { token: string; expiresAt: Date },
  create: (stored: Record<string, unknown>) => Promise<S>,
): Promise<S | null> {
  const { internalAdapter } = ctx.context;
  const storage = ctx.context.secondaryStorage;
  const discard = (next: S) => bestEffort(ctx.context, "delete an unused session", () => internalAdapter.deleteSession(next.token));
  /**
   * After a won claim in secondary storage: the new session, then the old one deleted (with its
   * list entry, and its database row where Better Auth keeps one). A failure deletes the new
   * session and gives the claim back (`giveBack`) before it is rethrown.
   */
  const replaceClaimed = async (stored: Record<string, unknown>, giveBack: () => Promise<void>): Promise<S> => {
    let next: S | undefined;
    try {
      next = await create(stored);
      await internalAdapter.deleteSession(session.token);
      return next;
    } catch (error) {
      if (next) await discard(next);
      await giveBack();
      throw error;
    }
  };
  if (storage) {
    const ttl = Math.max(1, Math.ceil((session.expiresAt.getTime() - Date.now()) / 1000));
    // Read before claiming: a read that fails then leaves the token to be refreshed again.
    const row = await storedRow(ctx, session.token);
    if (typeof storage.increment === "function") {
      const raw = await storage.get(session.token);
      const claimKey = `bearer-refresh-claim:${session.token}`;
      if ((await storage.increment(claimKey, ttl)) !== 1) return null;
      return replaceClaimed({ ...sessionOf(raw), ...row }, () =>
        bestEffort(ctx.context, "release a refresh claim", () => storage.delete(claimKey)),
      );
    }
    // Only the winner creates: losers creating and discarding sessions beside it would rewrite
    // Better Auth's list of the user's sessions at the same time, and could drop the winner's
    // from it, out of reach of a sign-out everywhere.
    const taken = await storage.getAndDelete(session.token);
    if (taken == null) return null;
    // Best effort: a storage still down here loses the old session.
    const back = typeof taken === "string" ? taken : JSON.stringify(taken);
    return replaceClaimed({ ...sessionOf(taken), ...row }, () =>
      bestEffort(ctx.context, "restore a session", () => storage.set(session.token, back, ttl)),
    );
  }
  const where = [{ field: "token", value: session.token }];
  const row = await ctx.context.adapter.findOne<Record<string, unknown>>({ model: "session", where });
  if (!row) return null;
  const next = await create(row);
  let consumed: unknown;
  try {
    consumed = await ctx.context.adapter.consumeOne({ model: "session", where });
  } catch (error) {
    await discard(next);
    throw error;
  }
  if (!consumed) {
    await discard(next);
    return null;
  }
  return next;
}

/**
 * The database row, where Better Auth keeps sessions there as well as in secondary storage: its
 * writes to secondary storage drop `returned: false` fields, which the row still holds.
 */
async function storedRow(ctx: GenericEndpointContext, token: string): Promise<Record<string, unknown> | null> {
  if (!ctx.context.options.session?.storeSessionInDatabase) return null;
  return ctx.context.adapter.findOne<Record<string, unknown>>({ model: "session", where: [{ field: "token", value: token }] });
}

/** The session as secondary storage keeps it (`{ session, user }`); `{}` for anything else. */
function sessionOf(raw: unknown): Record<string, unknown> {
  try {
    const parsed: unknown = typeof raw === "string" ? JSON.parse(raw) : raw;
    const session = (parsed as { session?: unknown } | null)?.session;
    return typeof session === "object" && session !== null ? (session as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
