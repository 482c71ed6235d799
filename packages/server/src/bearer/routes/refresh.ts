import type { GenericEndpointContext } from "better-auth";
import { createAuthEndpoint } from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";
import { credentialError } from "../../core/credential-errors";
import { OPENAPI_TAGS, withOpenAPI } from "../../core/openapi";
import { refreshedSessionSchema } from "../../core/response-schemas";
import { hidingStoredValues } from "../../core/store-failure";
import { carriedSessionFields } from "../carried-session";
import { claimSessionToken } from "../claim-session-token";
import { requireSignedInSession } from "../signed-in-session";
import { signedSessionToken } from "../signed-session-token";

/**
 * `POST /bearer/refresh` (`authClient.bearer.refresh`, `auth.api.bearerRefresh`): swaps the
 * session token it is called with for a new one; the old token stops working at once. Each token
 * can be refreshed once, and the new session keeps what the old one carried (see
 * `carriedSessionFields`).
 */
export function refreshRoute() {
  return createAuthEndpoint(
    "/bearer/refresh",
    withOpenAPI(
      // The answer holds a new session token: no cache may keep it.
      { method: "POST", requireHeaders: true, metadata: { noStore: true } },
      {
        operationId: "bearerRefresh",
        tag: OPENAPI_TAGS.bearer,
        summary: "Refresh a session token",
        description:
          "Swaps the session token (or cookie) it is called with for a new session: the old token stops working at once, " +
          "and each token can be refreshed once. Rate limited as sign-in is. " +
          "A personal token or API key is refused: it is no session to refresh.",
        response: {
          description: "The new session token; the session cookie is set too.",
          schema: refreshedSessionSchema,
          headers: { "set-auth-token": "The new session token, as sign-in sends it." },
        },
      },
    ),
    async (ctx) => {
      const current = await requireSignedInSession(ctx);
      // A failed read or write is 503 STORAGE_UNAVAILABLE, logged without the query's values (a session token).
      const token = await hidingStoredValues(ctx.context, "refresh a session token", () => rotate(ctx, current));
      return ctx.json({ token });
    },
  );
}

/** Claims the current session once and creates the next one with what it carried: its token, signed. */
async function rotate(ctx: GenericEndpointContext, current: Awaited<ReturnType<typeof requireSignedInSession>>) {
  // Claim before creating: a lost race must not leave an extra live session behind.
  const claim = await claimSessionToken(ctx, current.session);
  if (!claim) throw credentialError("UNAUTHORIZED");
  // The stored session first: Better Auth's lookup leaves out `returned: false` fields, which must carry too.
  const next = await ctx.context.internalAdapter.createSession(
    current.user.id,
    false,
    carriedSessionFields(ctx, { ...claim.stored, ...current.session }),
    true,
  );
  if (!next) throw credentialError("UNAUTHORIZED");
  // Sets the cookie (and, through upstream's after-hook, `set-auth-token`) as sign-in does.
  await setSessionCookie(ctx, { session: next, user: current.user });
  // The database claim already deleted the row; secondary storage still holds the session.
  if (claim.where === "secondary-storage") await ctx.context.internalAdapter.deleteSession(current.session.token);
  return signedSessionToken(ctx, ctx.responseHeaders, next.token);
}
