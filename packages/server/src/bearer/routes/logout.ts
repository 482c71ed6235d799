import { createAuthEndpoint, signOut } from "better-auth/api";
import { OPENAPI_TAGS, withOpenAPI } from "../../core/openapi";
import { loggedOutSchema } from "../../core/response-schemas";
import { dispatchOnBehalf } from "../dispatch-on-behalf";
import { requireSignedInSession } from "../signed-in-session";

/**
 * `POST /bearer/logout` (`authClient.bearer.logout`, `auth.api.bearerLogout`): ends the session
 * of the token it is called with; the token stops working at once.
 */
export function logoutRoute() {
  return createAuthEndpoint(
    "/bearer/logout",
    withOpenAPI(
      { method: "POST", requireHeaders: true },
      {
        operationId: "bearerLogout",
        tag: OPENAPI_TAGS.bearer,
        summary: "Log out a session token",
        description:
          "Ends the session of the session token (or cookie) it is called with, through Better Auth's own sign-out: " +
          "the token stops working at once; the user's other sessions stay. " +
          "A personal token or API key is refused: revoke those through their own endpoints.",
        response: { description: "The session is ended.", schema: loggedOutSchema },
      },
    ),
    async (ctx) => {
      await requireSignedInSession(ctx);
      // Better Auth's own sign-out, hooks included, on the session cookie upstream's hook derived.
      await dispatchOnBehalf(ctx, signOut);
      return ctx.json({ success: true as const });
    },
  );
}
