import type { GenericEndpointContext } from "better-auth";
import { makeSignature } from "better-auth/crypto";
import type { CredentialKind } from "./credential-runtime";
import type { CredentialSession } from "./credential-session-hook";

/** Every header that can carry a credential or a session. */
export const CREDENTIAL_HEADERS = ["authorization", "x-api-key", "cookie"];

/**
 * A before-hook answer that lets Better Auth's own `/get-session` serve a credential's session.
 * The request is given a signed session cookie naming the session's opaque marker token, and
 * this request's session lookup (and only this request's) resolves that marker to the verified
 * session. getSession then does for a credential all it does for a cookie: drops `returned:
 * false` fields, runs `customSession()`, sets `Cache-Control: no-store`, and leaves
 * `ctx.context.session` set for after-hooks such as `jwt()`'s. Upstream's bearer() turns a
 * session token into the session cookie the same way.
 *
 * `disableRefresh` keeps getSession from extending or re-cookieing a session that lives in no
 * store: nothing is written, and no cookie reaches the response.
 */
export async function credentialSessionCookie(ctx: GenericEndpointContext, kind: CredentialKind, session: CredentialSession) {
  const { token } = session.session;
  // The marker and the secret never change, so neither does the HMAC: made once, not per request.
  let signature = kind.sessionMarkerSignatures.get(token);
  if (signature === undefined) {
    signature = await makeSignature(token, ctx.context.secret);
    kind.sessionMarkerSignatures.set(token, signature);
  }
  const signed = `${token}.${signature}`;
  const headers = new Headers();
  // Other credentials, and a cookie sent beside the credential, must not be read instead.
  for (const name of [...CREDENTIAL_HEADERS, ...kind.apiKeyHeaders]) headers.set(name, "");
  headers.set("cookie", `${ctx.context.authCookies.sessionToken.name}=${encodeURIComponent(signed)}`);
  const { internalAdapter } = ctx.context;
  const findSession: typeof internalAdapter.findSession = (candidate) =>
    candidate === token ? Promise.resolve(session as Awaited<ReturnType<typeof internalAdapter.findSession>>) : internalAdapter.findSession(candidate);
  return {
    context: {
      headers,
      query: { ...(ctx.query as Record<string, unknown> | undefined), disableRefresh: true },
      // Merged by Better Auth into this request's context only: other requests keep the real lookup.
      context: { internalAdapter: { findSession } },
    },
  };
}
