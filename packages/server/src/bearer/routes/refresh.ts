import type { GenericEndpointContext } from "better-auth";
import { createAuthEndpoint } from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";
import { credentialError } from "../../core/credential-errors";
import { OPENAPI_TAGS, withOpenAPI } from "../../core/openapi";
import { refreshedSessionSchema } from "../../core/response-schemas";
import { hidingStoredValues } from "../../core/store-failure";
import { carriedSessionFields } from "../carried-session";
import { rotateSessionToken } from "../rotate-session-token";
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

/** Swaps the current session, once, for a new one with what it carried: its token, signed. */
async function rotate(ctx: GenericEndpointContext, current: Awaited<ReturnType<typeof requireSignedInSession>>) {
  // Claims the token, creates the new session and deletes the old one in the order that loses
  // nothing if a store fails part-way, and leaves no extra session behind when another refresh wins.
  const next = await rotateSessionToken(ctx, current.session, async (stored) => {
    // The stored session first: Better Auth's lookup leaves out `returned: false` fields, which must carry too.
    const created = await ctx.context.internalAdapter.createSession(
      current.user.id,
      false,
      carriedSessionFields(ctx, { ...stored, ...current.session }),
      true,
    );
    if (!created) throw credentialError("UNAUTHORIZED");
    return created;
  });
  if (!next) throw credentialError("UNAUTHORIZED");
  // Only now is the new token handed out: the cookie (and, through upstream's after-hook,
  // `set-auth-token`) as sign-in sets them. No store is touched from here on.
  await setSessionCookie(ctx, { session: next, user: current.user });
  return signedSessionToken(ctx, ctx.responseHeaders, next.token);
}
