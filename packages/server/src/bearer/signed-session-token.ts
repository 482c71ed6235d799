import type { GenericEndpointContext } from "better-auth";
import { parseSetCookieHeader } from "better-auth/cookies";

/**
 * The session token as upstream's `set-auth-token` header carries it: the signed value of the
 * session cookie just set (`token.signature`), which `Authorization: Bearer` accepts with or
 * without `requireSignature`. Read the way upstream's after-hook reads it, so the two never differ.
 */
export function signedSessionToken(ctx: GenericEndpointContext, responseHeaders: Headers | undefined, token: string) {
  const setCookie = responseHeaders?.get("set-cookie");
  const cookie = setCookie ? parseSetCookieHeader(setCookie).get(ctx.context.authCookies.sessionToken.name) : undefined;
  // An empty value is an expiring cookie, not a token: fall back to the bare token then too.
  return cookie?.value ? cookie.value : token;
}
