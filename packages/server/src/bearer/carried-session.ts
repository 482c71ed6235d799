import type { GenericEndpointContext } from "better-auth";

/** Clock and storage-precision slack when telling a full-term session from a shorter one. */
const SPAN_SLACK_MS = 5_000;

/** Fields the new session takes from this request or Better Auth instead of the old session. */
const NOT_CARRIED = new Set(["id", "token", "userId", "createdAt", "updatedAt", "expiresAt", "ipAddress", "userAgent"]);

type OldSession = Record<string, unknown> & { createdAt: Date; expiresAt: Date };

/**
 * What a refreshed session keeps from the one it replaces, as `createSession` overrides:
 *
 * - every extra field (`impersonatedBy`, `activeOrganizationId`, any plugin's), so a refresh never
 *   ends an impersonation or changes what the session was allowed;
 * - `createdAt`, which Better Auth's `freshAge` checks read: a refresh is not a sign-in, so it must
 *   not turn a stale session into a fresh one;
 * - the expiry, unless the old session was a full-term one. Better Auth marks "don't remember me"
 *   only with a cookie a bearer client never sends, so the session itself tells: a session whose
 *   span (`expiresAt - createdAt`) is shorter than `session.expiresIn` was made short on purpose
 *   (`rememberMe: false`, impersonation, a plugin) and keeps its `expiresAt`. A full-term session gets
 *   `now + expiresIn`, what Better Auth's own sliding refresh gives it, unless the app turned
 *   that refresh off. Either way the new session never outlives what the old one's policy allows.
 */
export function carriedSessionFields(ctx: GenericEndpointContext, old: OldSession) {
  const carried: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(old)) if (!NOT_CARRIED.has(field)) carried[field] = value;

  const expiresInMs = ctx.context.sessionConfig.expiresIn * 1000;
  const fullTerm = new Date(Date.now() + expiresInMs);
  const span = old.expiresAt.getTime() - old.createdAt.getTime();
  const shortLived =
    span < expiresInMs - SPAN_SLACK_MS ||
    old.impersonatedBy != null ||
    ctx.context.options.session?.disableSessionRefresh === true;
  const expiresAt = shortLived && old.expiresAt < fullTerm ? old.expiresAt : fullTerm;

  return { ...carried, createdAt: old.createdAt, expiresAt };
}
