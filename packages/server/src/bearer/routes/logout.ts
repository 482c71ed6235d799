import { createAuthEndpoint, signOut } from "better-auth/api";
import { dispatchOnBehalf } from "../dispatch-on-behalf";
import { requireSignedInSession } from "../signed-in-session";

/**
 * `POST /bearer/logout` (`authClient.bearer.logout`, `auth.api.bearerLogout`): ends the session
 * of the token it is called with; the token stops working at once.
 */
export function logoutRoute() {
  return createAuthEndpoint("/bearer/logout", { method: "POST", requireHeaders: true }, async (ctx) => {
    await requireSignedInSession(ctx);
    // Better Auth's own sign-out, hooks included, on the session cookie upstream's hook derived.
    await dispatchOnBehalf(ctx, signOut);
    return ctx.json({ success: true as const });
  });
}
