import { createAuthEndpoint } from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";
import { credentialError } from "../../core/credential-errors";
import { requireSignedInSession } from "../signed-in-session";
import { signedSessionToken } from "../signed-session-token";

/**
 * `POST /bearer/refresh` (`authClient.bearer.refresh`, `auth.api.bearerRefresh`): swaps the
 * session token it is called with for a new one; the old token stops working at once.
 */
export function refreshRoute() {
  return createAuthEndpoint("/bearer/refresh", { method: "POST", requireHeaders: true }, async (ctx) => {
    const current = await requireSignedInSession(ctx);
    const next = await ctx.context.internalAdapter.createSession(current.user.id);
    if (!next) throw credentialError("UNAUTHORIZED", "UNAUTHORIZED");
    // Sets the cookie (and, through upstream's after-hook, `set-auth-token`) as sign-in does.
    await setSessionCookie(ctx, { session: next, user: current.user });
    await ctx.context.internalAdapter.deleteSession(current.session.token);
    return ctx.json({ token: signedSessionToken(ctx, ctx.responseHeaders, next.token) });
  });
}
