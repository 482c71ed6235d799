import type { GenericEndpointContext } from "better-auth";

/** Where the claim was made: secondary storage still holds the session, the database no longer does. */
export type SessionClaim = "secondary-storage" | "database" | null;

/**
 * Claims a session token for one rotation, atomically in the store every server instance shares,
 * so parallel refreshes of one token (on one instance or several) let exactly one through.
 * An in-process lock would only order the requests one instance sees.
 *
 * - With `secondaryStorage` (where Better Auth keeps sessions then), its atomic `increment` on a
 *   claim key: only the caller that sees 1 wins. The key lives as long as the session could.
 *   Storages without `increment` fall back to `getAndDelete` on the session itself.
 * - Otherwise the session row: the adapter's `consumeOne` deletes it and returns it to one caller
 *   only (Better Auth's primitive for single-use credentials).
 */
export async function claimSessionToken(
  ctx: GenericEndpointContext,
  session: { token: string; expiresAt: Date },
): Promise<SessionClaim> {
  const storage = ctx.context.secondaryStorage;
  if (storage) {
    if (typeof storage.increment === "function") {
      const ttl = Math.max(1, Math.ceil((session.expiresAt.getTime() - Date.now()) / 1000));
      return (await storage.increment(`bearer-refresh-claim:${session.token}`, ttl)) === 1 ? "secondary-storage" : null;
    }
    return (await storage.getAndDelete(session.token)) ? "secondary-storage" : null;
  }
  const consumed = await ctx.context.adapter.consumeOne({
    model: "session",
    where: [{ field: "token", value: session.token }],
  });
  return consumed ? "database" : null;
}
