import type { GenericEndpointContext } from "better-auth";
import { credentialError } from "../core/credential-errors";
import { readSessionRow } from "../core/session-row";

/**
 * The Better Auth session that `/bearer/refresh` and `/bearer/logout` act on: a real sign-in
 * (session token or cookie). A personal token or API key is refused, since it is no session to
 * rotate or end; it is revoked through its own endpoint instead.
 */
export async function requireSignedInSession(ctx: GenericEndpointContext) {
  // Straight from the session store: a cached cookie could still vouch for a rotated-out token.
  const current = await readSessionRow(ctx);
  if (!current) throw credentialError("UNAUTHORIZED");
  if ("authMethod" in current.session) throw credentialError("CREDENTIAL_NOT_ALLOWED");
  return current;
}

