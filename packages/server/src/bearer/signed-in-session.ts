import type { GenericEndpointContext } from "better-auth";
import { getSessionFromCtx } from "better-auth/api";
import { credentialError, credentialNotAllowedError } from "../core/credential-errors";

/**
 * The Better Auth session that `/bearer/refresh` and `/bearer/logout` act on: a real sign-in
 * (session token or cookie). A personal token or API key is refused, since it is no session to
 * rotate or end; it is revoked through its own endpoint instead.
 */
export async function requireSignedInSession(ctx: GenericEndpointContext) {
  // Straight from the session store: a cached cookie could still vouch for a rotated-out token.
  const current = await getSessionFromCtx(ctx, { disableCookieCache: true, disableRefresh: true });
  if (!current) throw noSessionError();
  if ("authMethod" in current.session) throw credentialNotAllowedError();
  return current;
}

/** RFC 6750 §3.1: no usable session was sent (none, unknown, expired, or already rotated out). */
export function noSessionError() {
  return credentialError("UNAUTHORIZED", "UNAUTHORIZED", { "WWW-Authenticate": "Bearer" });
}
