import type { GenericEndpointContext } from "better-auth";

/**
 * Where the claim was made (secondary storage still holds the session, the database no longer
 * does) and the session as stored: every field, the `returned: false` ones that Better Auth's
 * session lookup leaves out included.
 */
export type SessionClaim = { where: "secondary-storage" | "database"; stored: Record<string, unknown> } | null;

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
    // Read before claiming: a read that fails then leaves the token to be refreshed again.
    const row = await storedRow(ctx, session.token);
    if (typeof storage.increment === "function") {
      const raw = await storage.get(session.token);
      const ttl = Math.max(1, Math.ceil((session.expiresAt.getTime() - Date.now()) / 1000));
      if ((await storage.increment(`bearer-refresh-claim:${session.token}`, ttl)) !== 1) return null;
      return { where: "secondary-storage", stored: { ...sessionOf(raw), ...row } };
    }
    const taken = await storage.getAndDelete(session.token);
    return taken ? { where: "secondary-storage", stored: { ...sessionOf(taken), ...row } } : null;
  }
  const consumed = await ctx.context.adapter.consumeOne<Record<string, unknown>>({
    model: "session",
    where: [{ field: "token", value: session.token }],
  });
  return consumed ? { where: "database", stored: consumed } : null;
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
