import { createAuthMiddleware } from "better-auth/api";

/** Set by the session hook on a request that a credential's session answers (as rememberBudget). */
const CREDENTIAL_SESSION = Symbol.for("better-auth-tokens.credential-session");

type Marked = { [CREDENTIAL_SESSION]?: true };

/** Called by the session hook when it serves a credential's session. */
export function markCredentialSession(context: object) {
  (context as Marked)[CREDENTIAL_SESSION] = true;
}

/**
 * `jwt()` signs a JWT for the session `/get-session` found and sends it as `set-auth-jwt`. For a
 * credential's session that JWT would be the user's whole identity: without the credential's
 * permissions or IP allowlist, and valid for its lifetime after the credential is revoked. It is
 * the exchange `/token` already refuses a credential. After-hooks run in plugin order, so this
 * covers both: run first, it leaves later after-hooks no session to sign; run after `jwt()`'s,
 * it takes the header away.
 */
export const withholdJwtHook = {
  matcher: (ctx: { context?: object }) => ctx.context !== undefined && (ctx.context as Marked)[CREDENTIAL_SESSION] === true,
  handler: createAuthMiddleware(async (ctx) => {
    ctx.context.session = null;
    ctx.context.newSession = null;
    ctx.context.responseHeaders?.delete("set-auth-jwt");
  }),
};
