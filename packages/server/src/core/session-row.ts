import type { AuthContext, GenericEndpointContext } from "better-auth";
import { getSessionFromCtx } from "better-auth/api";

/**
 * The request's session as its row says now, for the calls that manage credentials and sessions:
 * never Better Auth's cookie cache, which outlives a sign-out everywhere for its `maxAge` and
 * leaves out `returned: false` fields such as a hidden `impersonatedBy`; and never refreshed, so
 * reading it does not slide its expiry. `getSessionFromCtx` returns a session an earlier hook
 * already put on the context as it is, whatever it is asked, so that one is set aside first.
 * A session our credential hook put there (a key's or token's, marked by `authMethod`) has no
 * row to read: it is returned as it is, for the caller to refuse.
 */
export async function readSessionRow(ctx: GenericEndpointContext): Promise<AuthContext["session"]> {
  const current = ctx.context.session;
  if (current && "authMethod" in current.session) return current;
  ctx.context.session = null;
  return getSessionFromCtx(ctx, { disableCookieCache: true, disableRefresh: true });
}
